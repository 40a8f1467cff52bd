"""What a submitted dossier must hold, checked against its procedure and the compiled field
rules: who may apply, each form answer by its field's type, limits and length bound, and the
document slots. The browser's form (form.js) applies the same rules from the same catalogue;
these checks are the ones that count.

Each check returns the value to store as well as the errors, all at once: text in NFC without
invisible characters or outer spaces, a phone number without its spaces, a whole number as an
int, and nothing the procedure does not declare.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Any

from portal.domain.errors import FieldError
from portal.domain.field_rules import FieldRules, TextRefused, compiled, fill
from portal.domain.figures import format_date, format_number
from portal.domain.vocabulary import APPLICANT_KIND_LABELS, lower_first

Checked = tuple[Any, list[FieldError]]


def _blank(value) -> bool:
    return value is None or value in ("", {}, [])


# --- one value ---------------------------------------------------------------------------


def check_text(rules: FieldRules, rule: dict, value, path: str, label: str, *,
               required: bool = True, required_message: str | None = None) -> Checked:
    """A text-like value: a string, cleaned (FieldRules.clean_text), within `max_length`
    characters, matching `pattern` once the `ignore` characters are dropped."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return None, [FieldError(path, rules.message("invalid", label=label))]
    try:
        text = rules.clean_text(value, multiline=bool(rule.get("multiline")))
    except TextRefused:
        return None, [FieldError(path, rules.message("forbidden_characters", label=label))]
    if not text:
        if not required:
            return None, []
        return None, [FieldError(path, required_message or rules.message("required", label=label))]
    pattern = rule.get("pattern")
    pattern_message = fill(rule.get("message") or rules.messages["pattern"], label=label)
    max_length = rule.get("max_length")
    if max_length and len(text) > max_length:
        # A value with a format is told its format, which says more than its length.
        too_long = pattern_message if pattern else rules.message("too_long", label=label, max_length=max_length)
        return None, [FieldError(path, too_long)]
    for character in rule.get("ignore") or "":
        text = text.replace(character, "")
    if pattern and not compiled(pattern).fullmatch(text):
        return None, [FieldError(path, pattern_message)]
    return text, []


def check_number(rules: FieldRules, spec: dict, value, path: str, label: str) -> Checked:
    """A JSON number (not text, not a boolean, finite), whole if the field says `integer`,
    within the field's min/max (else the kind's), with at most `max_decimals` decimals."""
    rule = rules.kind("number")
    number = isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
    if isinstance(value, bool) or not number:
        return None, [FieldError(path, fill(rule["message"], label=label))]
    unit = f" {spec['unit']}" if spec.get("unit") else ""
    low = spec["min"] if spec.get("min") is not None else rule["min"]
    high = spec["max"] if spec.get("max") is not None else rule["max"]
    if value < low:
        return None, [FieldError(path, fill(rule["min_message"], label=label, min=format_number(low), unit=unit))]
    if value > high:
        return None, [FieldError(path, fill(rule["max_message"], label=label, max=format_number(high), unit=unit))]
    if spec.get("integer"):
        if isinstance(value, float) and not value.is_integer():
            return None, [FieldError(path, fill(rule["integer_message"], label=label))]
        return int(value), []
    decimals = rule["max_decimals"]
    if isinstance(value, float) and round(value, decimals) != value:
        return None, [FieldError(path, fill(rule["decimals_message"], label=label, max_decimals=decimals))]
    return value, []


def check_date(rules: FieldRules, spec: dict, value, path: str, label: str) -> Checked:
    """`YYYY-MM-DD` as <input type="date"> sends it, a day that exists, within the kind's range."""
    rule = rules.kind("date")
    pattern = spec.get("pattern") or rule["pattern"]
    if not isinstance(value, str) or not compiled(pattern).fullmatch(value) or not _real_date(value):
        return None, [FieldError(path, fill(spec.get("pattern_message") or rule["message"], label=label))]
    if not rule["min"] <= value <= rule["max"]:
        return None, [FieldError(path, fill(rule["range_message"], label=label,
                                            min=format_date(rule["min"]), max=format_date(rule["max"])))]
    return value, []


def _real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_choice(rules: FieldRules, spec: dict, value, path: str, label: str) -> Checked:
    values = [option["value"] for option in spec.get("options") or []]
    if not isinstance(value, str) or value not in values:
        return None, [FieldError(path, fill(rules.kind("choice")["message"], label=label))]
    return value, []


def address_given(value) -> bool:
    """An address counts as answered once its commune or street is: the province alone is the
    form's default, not an answer."""
    return isinstance(value, dict) and not (_blank(value.get("commune")) and _blank(value.get("street")))


def check_address(rules: FieldRules, value, path: str, owner: str, label: str, *, required: bool = True) -> Checked:
    """`{province, commune, street}`: a province of the list, a commune, an optional street,
    each a clean text within its length; a key an address does not have is an error."""
    parts = rules.kind("address")["parts"]
    if value is not None and not isinstance(value, dict):
        return None, [FieldError(path, rules.message("invalid", label=label))]
    if not required and not address_given(value):
        return None, []
    value = value or {}
    names = {part["name"] for part in parts}
    errors = [FieldError(f"{path}.{key}", rules.message("not_in_form")) for key in value if key not in names]
    clean = {}
    for part in parts:
        key = part["name"]
        message = fill(part["required_message"], owner=owner) if part.get("required_message") else None
        text, part_errors = check_text(rules, part, value.get(key), f"{path}.{key}", part["label"],
                                       required=part.get("required", True), required_message=message)
        if text is not None and part.get("options") and text not in part["options"]:
            part_errors = [FieldError(f"{path}.{key}", part["message"])]
        errors.extend(part_errors)
        clean[key] = text or ""
    return clean, errors


# --- form answers ------------------------------------------------------------------------


def _check_answer(rules: FieldRules, spec: dict, value) -> Checked:
    name, label, kind = spec["name"], spec.get("label") or spec["name"], spec.get("type", "text")
    path = f"answers.{name}"
    required = spec.get("required", True)
    if kind == "address":
        return check_address(rules, value, path, label.lower(), label, required=required)
    checks = {"number": check_number, "choice": check_choice, "date": check_date}
    if kind in checks:
        if _blank(value) or (isinstance(value, str) and not value.strip()):
            key = "required" if kind == "number" else "required_choice"
            return None, ([FieldError(path, rules.message(key, label=label))] if required else [])
        return checks[kind](rules, spec, value, path, label)
    # Text-like: the kind's rule, with the field's own length bound and pattern (compiled from
    # the same rules) where it states them.
    rule = {**rules.kind(kind), **{k: spec[k] for k in ("max_length", "pattern") if spec.get(k)}}
    if spec.get("pattern_message"):
        rule["message"] = spec["pattern_message"]
    return check_text(rules, rule, value, path, label, required=required)


def check_answers(procedure: dict, answers, rules: FieldRules) -> Checked:
    """Each form field by its type; a key the form does not have is an error, so nothing
    unchecked is stored. Returns the answers to store (unanswered optional fields left out)."""
    if not isinstance(answers, dict):
        return {}, [FieldError("answers", rules.message("invalid", label="Nội dung tờ khai"))]
    fields = ((procedure.get("form") or {}).get("fields")) or []
    clean: dict = {}
    errors: list[FieldError] = []
    for spec in fields:
        value, field_errors = _check_answer(rules, spec, answers.get(spec["name"]))
        errors.extend(field_errors)
        if value is not None and not field_errors:
            clean[spec["name"]] = value
    known = {spec["name"] for spec in fields}
    errors.extend(FieldError(f"answers.{key}", rules.message("not_in_form")) for key in answers if key not in known)
    return clean, errors


# --- applicant ---------------------------------------------------------------------------


def _by_kind(value, kind: str):
    """A label or message that differs for a person and an organisation."""
    return value.get(kind, value.get("ca-nhan")) if isinstance(value, dict) else value


def check_applicant(procedure: dict, applicant, rules: FieldRules) -> Checked:
    """A person (CCCD) or an organisation (tax code) the procedure accepts, a phone to reach
    them, an optional e-mail and a two-level address (province, commune) since 01/07/2025."""
    spec = rules.applicant
    if not isinstance(applicant, dict):
        return {}, [FieldError("applicant", spec["kind"]["message"])]
    errors: list[FieldError] = []
    kind = applicant.get("kind")
    allowed = [k for k in procedure.get("applicant_types") or [] if k in APPLICANT_KIND_LABELS]
    if not isinstance(kind, str) or kind not in APPLICANT_KIND_LABELS:
        kind = None
        errors.append(FieldError("applicant.kind", spec["kind"]["message"]))
    elif kind not in allowed:
        errors.append(FieldError("applicant.kind", fill(
            spec["kind"]["refused_message"],
            kind=lower_first(APPLICANT_KIND_LABELS[kind]),
            accepted=", ".join(lower_first(APPLICANT_KIND_LABELS[k]) for k in allowed),
        )))
    # A kind not chosen yet is checked as a person, the commoner case.
    as_kind = kind if kind in APPLICANT_KIND_LABELS else "ca-nhan"
    clean: dict = {"kind": kind}
    for field in spec["fields"]:
        name = field["name"]
        path, value, label = f"applicant.{name}", applicant.get(name), _by_kind(field["label"], as_kind)
        if field.get("for") and field["for"] != as_kind:
            if not _blank(value):
                other = lower_first(APPLICANT_KIND_LABELS[field["for"]])
                errors.append(FieldError(path, fill(spec["other_kind_message"], kind=other)))
            continue
        if field["kind"] == "address":
            text, field_errors = check_address(rules, value, path, field["owner"], label)
        else:
            rule = {**rules.kind(field["kind"]), **{k: field[k] for k in ("max_length",) if k in field}}
            text, field_errors = check_text(
                rules, rule, value, path, label, required=field.get("required", True),
                required_message=_by_kind(field.get("required_message"), as_kind),
            )
        errors.extend(field_errors)
        if text is not None:
            clean[name] = text
    return clean, errors


# --- documents ---------------------------------------------------------------------------


def validate_document_slots(procedure: dict, documents) -> list[FieldError]:
    """Only slots of the procedure's document list; every required one present.

    Documents required only in some cases (`required_when`) are left to the officer's check.
    """
    if not isinstance(documents, list):
        return [FieldError("documents", "Danh sách giấy tờ không hợp lệ.")]
    declared = {d["slot"]: d for d in procedure.get("documents") or []}
    errors: list[FieldError] = []
    provided: set[str] = set()
    for item in documents:
        slot = item.get("slot") if isinstance(item, dict) else None
        if not isinstance(slot, str) or slot not in declared:
            errors.append(
                FieldError(f"documents.{slot}", "Giấy tờ này không thuộc thành phần hồ sơ của thủ tục.")
            )
            continue
        if _blank(item.get("upload_id")):
            errors.append(
                FieldError(f"documents.{slot}", f"Chưa tải lên tệp cho giấy tờ: {declared[slot]['name']}.")
            )
            continue
        provided.add(slot)
    for slot, document in declared.items():
        if document.get("required") and slot not in provided and not any(
            e.path == f"documents.{slot}" for e in errors
        ):
            errors.append(FieldError(f"documents.{slot}", f"Thiếu giấy tờ bắt buộc: {document['name']}"))
    return errors
