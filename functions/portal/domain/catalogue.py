"""The compiled procedure catalogue (docs/architecture.md, "Compiled catalogue") and the checks
that follow from it: who may apply, what the form must contain, which documents are required,
what it costs. The browser uses the same patterns; these checks are the ones that count.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from portal.domain.calendar import WorkingCalendar
from portal.domain.errors import FieldError, NotFound

BUNDLED_CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


class Catalogue:
    """Current procedures by id, and the archived older versions a dossier may still be under
    (`archive` in the compiled catalogue: a dossier keeps the version it was submitted under)."""

    def __init__(self, data: dict):
        self.data = data
        self._by_id = {p["id"]: p for p in data.get("procedures") or []}
        self._archived = {(p["id"], int(p["version"])): p for p in data.get("archive") or []}

    @classmethod
    def load(cls, path: str | Path) -> "Catalogue":
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle))

    @classmethod
    def bundled(cls) -> "Catalogue":
        """The copy compiled into the functions package (functions/portal/catalogue.json)."""
        return cls.load(BUNDLED_CATALOGUE)

    @property
    def procedures(self) -> list[dict]:
        return list(self._by_id.values())

    @property
    def calendar_overrides(self) -> dict | None:
        return self.data.get("calendar")

    @cached_property
    def working_calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.calendar_overrides)

    def get(self, procedure_id: str, version: int | None = None) -> dict:
        """The current entry, or with `version` the entry of that version (current or archived).

        `version` may come from DynamoDB as a Decimal; None means the current version (dossiers
        recorded before versions were kept)."""
        try:
            current = self._by_id[procedure_id]
        except KeyError:
            raise NotFound("Không tìm thấy thủ tục.") from None
        if version is None or int(version) == int(current["version"]):
            return current
        try:
            return self._archived[(procedure_id, int(version))]
        except KeyError:
            raise NotFound(f"Không tìm thấy phiên bản {int(version)} của thủ tục.") from None

    def for_dossier(self, dossier: dict) -> dict:
        """The procedure as it was when the dossier was submitted: its time limit, documents,
        refusal grounds and fees are the ones the applicant was shown."""
        return self.get(dossier["procedure_id"], dossier.get("procedure_version"))

    def title_for(self, dossier: dict) -> str:
        """What to call a dossier's procedure: the title of its version (a procedure may be
        renamed), else today's, else its id when it has left the catalogue (the dossier stays)."""
        procedure_id = dossier.get("procedure_id") or ""
        for version in (dossier.get("procedure_version"), None):
            try:
                return self.get(procedure_id, version)["title"]
            except NotFound:
                continue
        return procedure_id


# --- time limit and fee of one dossier ---------------------------------------------------


@dataclass(frozen=True)
class ChannelTerms:
    """The time limit and fee that apply to one dossier, and where each figure is written in the
    procedure file (`time_limit_path`, `fee_path`: what the `unconfirmed` list names)."""

    time_limit: dict
    fee: dict
    time_limit_path: str
    fee_path: str
    case: dict | None = None  # the matching case's `when`; None for the channel's default


def channel_terms(procedure: dict, channel: str, answers: dict | None) -> ChannelTerms:
    """What a dossier sent through `channel` with these form answers is promised: the first of
    the channel's `cases` whose choice the answers match overrides the default time limit and/or
    fee (e.g. a reissue is quicker and cheaper than a new certificate). A channel the procedure
    lacks gives empty terms; the caller decides what that means."""
    spec = (procedure.get("channels") or {}).get(channel) or {}
    base = f"channels.{channel}"
    terms = ChannelTerms(spec.get("time_limit") or {}, spec.get("fee") or {}, f"{base}.time_limit", f"{base}.fee")
    answers = answers if isinstance(answers, dict) else {}
    for index, case in enumerate(spec.get("cases") or []):
        when = case.get("when") or {}
        if when.get("field") in answers and answers[when["field"]] == when.get("equals"):
            path = f"{base}.cases.{index}"
            return ChannelTerms(
                time_limit=case.get("time_limit") or terms.time_limit,
                fee=case.get("fee") or terms.fee,
                time_limit_path=f"{path}.time_limit" if case.get("time_limit") else terms.time_limit_path,
                fee_path=f"{path}.fee" if case.get("fee") else terms.fee_path,
                case=dict(when),
            )
    return terms


# --- applicant ---------------------------------------------------------------------------

CITIZEN_ID = re.compile(r"^\d{12}$")
TAX_CODE = re.compile(r"^\d{10}(-?\d{3})?$")
PHONE = re.compile(r"^(0|\+84)\d{9,10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

APPLICANT_KIND_LABELS = {"ca-nhan": "cá nhân", "to-chuc": "tổ chức"}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _validate_address(address, path: str, label: str) -> list[FieldError]:
    if not isinstance(address, dict):
        address = {}
    errors = []
    if _blank(address.get("province")):
        errors.append(FieldError(f"{path}.province", f"Vui lòng chọn tỉnh, thành phố của {label}."))
    if _blank(address.get("commune")):
        errors.append(FieldError(f"{path}.commune", f"Vui lòng nhập xã, phường của {label}."))
    return errors


def validate_applicant(procedure: dict, applicant: dict) -> list[FieldError]:
    """A person (CCCD, 12 digits) or an organisation (tax code, 10 or 13 digits), a phone to
    reach them, and a two-level address (province, commune) since 01/07/2025."""
    if not isinstance(applicant, dict):
        return [FieldError("applicant", "Vui lòng nhập thông tin người nộp hồ sơ.")]
    errors: list[FieldError] = []
    kind = applicant.get("kind")
    allowed = procedure.get("applicant_types") or []
    if kind not in APPLICANT_KIND_LABELS:
        errors.append(FieldError("applicant.kind", "Vui lòng chọn người nộp là cá nhân hay tổ chức."))
    elif kind not in allowed:
        accepted = ", ".join(APPLICANT_KIND_LABELS[k] for k in allowed if k in APPLICANT_KIND_LABELS)
        errors.append(
            FieldError(
                "applicant.kind",
                f"Thủ tục này không nhận hồ sơ của {APPLICANT_KIND_LABELS[kind]}"
                + (f"; chỉ nhận hồ sơ của {accepted}." if accepted else "."),
            )
        )

    if kind == "to-chuc":
        if _blank(applicant.get("full_name")):
            errors.append(FieldError("applicant.full_name", "Vui lòng nhập tên tổ chức."))
        if _blank(applicant.get("tax_code")):
            errors.append(FieldError("applicant.tax_code", "Vui lòng nhập mã số thuế."))
        elif not TAX_CODE.fullmatch(_text(applicant.get("tax_code"))):
            errors.append(
                FieldError(
                    "applicant.tax_code",
                    "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số nếu là chi nhánh (ví dụ 0123456789-001).",
                )
            )
    else:  # a person (or a kind not chosen yet: check what a person needs)
        if _blank(applicant.get("full_name")):
            errors.append(FieldError("applicant.full_name", "Vui lòng nhập họ và tên."))
        if _blank(applicant.get("id_number")):
            errors.append(FieldError("applicant.id_number", "Vui lòng nhập số căn cước công dân."))
        elif not CITIZEN_ID.fullmatch(_text(applicant.get("id_number"))):
            errors.append(
                FieldError("applicant.id_number", "Số căn cước công dân phải gồm đúng 12 chữ số.")
            )

    phone = _text(applicant.get("phone")).replace(" ", "").replace(".", "")
    if not phone:
        errors.append(FieldError("applicant.phone", "Vui lòng nhập số điện thoại."))
    elif not PHONE.fullmatch(phone):
        errors.append(
            FieldError(
                "applicant.phone",
                "Số điện thoại không hợp lệ: bắt đầu bằng 0 hoặc +84, gồm 10 hoặc 11 chữ số.",
            )
        )
    email = applicant.get("email")
    if not _blank(email) and not EMAIL.fullmatch(_text(email)):
        errors.append(FieldError("applicant.email", "Địa chỉ thư điện tử không hợp lệ."))

    errors.extend(_validate_address(applicant.get("address"), "applicant.address", "người nộp"))
    return errors


# --- form answers ------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # what <input type="date"> sends


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def _real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _validate_field(spec: dict, value) -> list[FieldError]:
    name, label, kind = spec["name"], spec.get("label") or spec["name"], spec.get("type", "text")
    path = f"answers.{name}"

    if _blank(value):
        # A field is required unless the procedure says otherwise (as in the YAML files).
        if not spec.get("required", True):
            return []
        verb = "chọn" if kind in {"choice", "date"} else "nhập"
        if kind == "address":
            return _validate_address(value, path, label.lower())
        return [FieldError(path, f"Vui lòng {verb} {label}.")]

    if kind == "address":
        return _validate_address(value, path, label.lower())

    if kind == "number":
        number = _number(value)
        if number is None:
            return [FieldError(path, f"{label} phải là một số.")]
        unit = f" {spec['unit']}" if spec.get("unit") else ""
        if spec.get("min") is not None and number < spec["min"]:
            return [FieldError(path, f"{label} phải từ {format_number_vi(spec['min'])}{unit} trở lên.")]
        if spec.get("max") is not None and number > spec["max"]:
            return [FieldError(path, f"{label} không được vượt quá {format_number_vi(spec['max'])}{unit}.")]
        return []

    if kind == "choice":
        values = {option["value"] for option in spec.get("options") or []}
        if value not in values:
            return [FieldError(path, f"Vui lòng chọn {label} trong danh sách.")]
        return []

    if kind == "date":
        if not (isinstance(value, str) and ISO_DATE.fullmatch(value) and _real_date(value)):
            return [FieldError(path, f"{label} không phải là ngày hợp lệ.")]
        return []

    # Text-like fields.
    if not isinstance(value, str):
        return [FieldError(path, f"{label} không hợp lệ.")]
    text = value.strip()
    max_length = spec.get("max_length")
    if max_length and len(text) > max_length:
        return [FieldError(path, f"{label} không được dài quá {max_length} ký tự.")]
    pattern = spec.get("pattern")
    if pattern and not re.fullmatch(pattern, text):
        return [FieldError(path, spec.get("pattern_message") or f"{label} không đúng định dạng.")]
    return []


def validate_answers(procedure: dict, answers: dict) -> list[FieldError]:
    """Each form field by its type; a key the form does not have is an error too, so nothing
    unchecked is stored."""
    if not isinstance(answers, dict):
        return [FieldError("answers", "Nội dung tờ khai không hợp lệ.")]
    fields = ((procedure.get("form") or {}).get("fields")) or []
    errors: list[FieldError] = []
    for spec in fields:
        errors.extend(_validate_field(spec, answers.get(spec["name"])))
    known = {spec["name"] for spec in fields}
    for key in answers:
        if key not in known:
            errors.append(FieldError(f"answers.{key}", "Trường này không có trong tờ khai của thủ tục."))
    return errors


# --- documents ---------------------------------------------------------------------------


def validate_document_slots(procedure: dict, documents: list[dict]) -> list[FieldError]:
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
        if slot not in declared:
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


# --- fees --------------------------------------------------------------------------------


def fee_amount(fee: dict, quantity: float | None = None) -> int | None:
    """The fee in đồng, or None when it cannot be stated (unconfirmed, or a per-unit fee
    without the quantity)."""
    kind = (fee or {}).get("kind")
    if kind == "none":
        return 0
    if kind == "fixed":
        return int(fee["amount"])
    if kind == "per_unit":
        if quantity is None:
            return None
        # Round half up to the đồng, then apply the ceiling the regulation sets.
        total = int(fee["base"] + fee["per_unit"] * quantity + 0.5)
        cap = fee.get("cap")
        return min(total, int(cap)) if cap is not None else total
    return None


def format_number_vi(value: float) -> str:
    """Thousands with dots, decimals with a comma: 1.234,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + decimals


def format_money_vi(amount: int) -> str:
    """`40.000 đ`."""
    return f"{format_number_vi(amount)} đ"
