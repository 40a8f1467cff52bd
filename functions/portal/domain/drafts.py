"""A citizen's draft: an unfinished submission kept for 30 days after its last save
(docs/domain.md, "Drafts and the desk's pre-check").

A draft is unfinished by nature, so saving one checks only what could harm whoever reads it
later: each value that is there must be of its field's type, hold no forbidden character and
stay within its field's length (`check_draft`). Whether it could be submitted is the
submission's own validation run on it (`self_check`), shown to the citizen, never enforced on
a save.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from portal.domain.errors import Conflict, FieldError
from portal.domain.field_rules import FieldRules
from portal.domain.validation import (
    Checked,
    _blank,
    check_answers,
    check_applicant,
    check_number,
    check_text,
    validate_document_slots,
)
from portal.domain.vocabulary import DRAFT_STATUS_LABELS

EDITING = "editing"
PRECHECK_WAITING = "precheck_waiting"
PRECHECK_ANSWERED = "precheck_answered"
SUBMITTED = "submitted"
STATUSES = tuple(DRAFT_STATUS_LABELS)

# Kept this long after its last save (DynamoDB ttl), its files as long (template.yaml).
KEEP_DAYS = 30
# A submitted draft still answers its link this long (the citizen sees where it went), then goes.
SUBMITTED_KEEP_DAYS = 7

WAITING_MESSAGE = "Cán bộ đang xem trước hồ sơ nháp này; bạn sửa được sau khi có ý kiến."
SUBMITTED_MESSAGE = "Hồ sơ nháp này đã được nộp; không sửa được nữa."
NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ nháp, hoặc liên kết đã hết hạn."


def status_label(status: str) -> str:
    return DRAFT_STATUS_LABELS[status]


def expires_on(saved_at: datetime, days: int = KEEP_DAYS) -> date:
    """The last day a draft saved at `saved_at` (Vietnam time) is kept."""
    return saved_at.date() + timedelta(days=days)


def require_editable(draft: dict) -> None:
    """A citizen's edit: refused while the desk is reading the draft and once it is submitted."""
    if draft["status"] == PRECHECK_WAITING:
        raise Conflict(WAITING_MESSAGE)
    if draft["status"] == SUBMITTED:
        raise Conflict(SUBMITTED_MESSAGE)


# --- the lenient check of a save ----------------------------------------------------------

def _lenient_text(rules: FieldRules, rule: dict, value, path: str, label: str) -> Checked:
    """Only the characters and the length of a rule, never its pattern: a half-typed phone
    number is a fine draft."""
    return check_text(rules, {k: rule[k] for k in ("max_length", "multiline") if rule.get(k)},
                      value, path, label, required=False)


def _label(value, kind: str | None) -> str:
    return str(value.get(kind or "ca-nhan", value.get("ca-nhan")) if isinstance(value, dict) else value)


def _draft_address(rules: FieldRules, value: dict, path: str, label: str) -> Checked:
    parts = {part["name"]: part for part in rules.kind("address")["parts"]}
    clean: dict = {}
    errors: list[FieldError] = []
    for key, text in value.items():
        if key not in parts:
            errors.append(FieldError(f"{path}.{key}", rules.message("not_in_form")))
            continue
        checked, part_errors = _lenient_text(rules, parts[key], text, f"{path}.{key}", parts[key]["label"])
        errors.extend(part_errors)
        if checked:
            clean[key] = checked
    return (clean or None), errors


def _draft_value(rules: FieldRules, kind: str, rule: dict, value, path: str, label: str) -> Checked:
    if kind == "address":
        if not isinstance(value, dict):
            return None, [FieldError(path, rules.message("invalid", label=label))]
        return _draft_address(rules, value, path, label)
    if kind == "number":
        # The kind's own bounds and decimals (what any number may be), not the field's range.
        return check_number(rules, {}, value, path, label)
    # Text-like kinds, a choice or a date: a string of the field's length (a choice or a date
    # is bounded by a one-line text's), checked for its value by the self-check.
    bound = rule if rule.get("max_length") else {**rules.kind("text"), **rule}
    return _lenient_text(rules, bound, value, path, label)


def check_draft(procedure: dict, applicant: dict, answers: dict, rules: FieldRules) -> tuple[dict, dict, list[FieldError]]:
    """What a save stores: the applicant's and the form's values that are there, cleaned as a
    submission cleans them (NFC, invisible characters removed, outer spaces stripped), blanks
    left out. Errors: a value of the wrong type, with a forbidden character, or over its
    length, and a form key the procedure does not declare."""
    errors: list[FieldError] = []
    kind = applicant.get("kind")
    clean_applicant: dict = {"kind": kind} if kind else {}
    for field in rules.applicant["fields"]:
        name = field["name"]
        value = applicant.get(name)
        if _blank(value):
            continue
        rule = {**rules.kind(field["kind"]), **{k: field[k] for k in ("max_length",) if k in field}}
        text, field_errors = _draft_value(rules, field["kind"], rule, value, f"applicant.{name}", _label(field["label"], kind))
        errors.extend(field_errors)
        if text is not None and not field_errors:
            clean_applicant[name] = text
    fields = {spec["name"]: spec for spec in ((procedure.get("form") or {}).get("fields") or [])}
    clean_answers: dict = {}
    for name, value in answers.items():
        path = f"answers.{name}"
        spec = fields.get(name)
        if spec is None:
            errors.append(FieldError(path, rules.message("not_in_form")))
            continue
        if _blank(value):
            continue
        kind_name = spec.get("type", "text")
        rule = {**rules.kind(kind_name), **{k: spec[k] for k in ("max_length",) if spec.get(k)}}
        checked, field_errors = _draft_value(rules, kind_name, rule, value, path, spec.get("label") or name)
        errors.extend(field_errors)
        if checked is not None and not field_errors:
            clean_answers[name] = checked
    return clean_applicant, clean_answers, errors


# --- the self-check ------------------------------------------------------------------------

def self_check(procedure: dict, draft: dict, rules: FieldRules) -> list[FieldError]:
    """What a submission of the draft as it stands would be refused for: the submission's own
    checks (applicant, answers, document slots), every problem at once."""
    _, applicant_errors = check_applicant(procedure, draft.get("applicant") or {}, rules)
    _, answer_errors = check_answers(procedure, draft.get("answers") or {}, rules)
    documents = [{"slot": d["slot"], "upload_id": d["upload_id"]} for d in draft.get("documents") or []]
    return [*applicant_errors, *answer_errors, *validate_document_slots(procedure, documents)]
