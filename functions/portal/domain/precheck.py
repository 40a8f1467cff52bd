"""The desk's pre-check of a citizen's draft (docs/domain.md, "Drafts and the desk's
pre-check"): asked once per draft, answered within 1 working day, by comments on what the
procedure declares and nothing else (as a supplement request may name only the procedure's
document list: domain/lifecycle.request_supplement).
"""
from __future__ import annotations

from datetime import date, datetime

from portal.domain import drafts
from portal.domain.calendar import WORKING_DAYS, WorkingCalendar
from portal.domain.clock import iso
from portal.domain.errors import Conflict, FieldError, ValidationFailed
from portal.domain.field_rules import FieldRules
from portal.domain.validation import check_text

# The desk answers a pre-check within this many working days of the request.
PRECHECK_WORKING_DAYS = 1
NOTE_MAX_LENGTH = 1000
GENERAL_NOTE_MAX_LENGTH = 2000

ALREADY_ASKED_MESSAGE = "Hồ sơ nháp này đã được đề nghị xem trước một lần."
NOT_WAITING_MESSAGE = "Hồ sơ nháp này không còn chờ xem trước."


def due(now: datetime, calendar: WorkingCalendar) -> date:
    """1 working day after the request, counted as every due date is (calendar.due_date: a
    request on a day off counts from the next working day)."""
    return calendar.due_date(now, PRECHECK_WORKING_DAYS, WORKING_DAYS)


def is_overdue(precheck: dict | None, today: date) -> bool:
    if not precheck or precheck.get("answered_at"):
        return False
    return date.fromisoformat(precheck["due"]) < today


def allowed_paths(procedure: dict, rules: FieldRules, kind: str | None) -> list[dict]:
    """What a comment may name, `[{path, label}]`: the applicant's fields (those of the
    applicant's kind), the form's fields and the document list of the draft's procedure."""
    as_kind = kind or "ca-nhan"
    paths = []
    for field in rules.applicant["fields"]:
        if field.get("for") and field["for"] != as_kind:
            continue
        label = field["label"]
        label = label.get(as_kind, label.get("ca-nhan")) if isinstance(label, dict) else label
        paths.append({"path": f"applicant.{field['name']}", "label": label})
    for spec in (procedure.get("form") or {}).get("fields") or []:
        paths.append({"path": f"answers.{spec['name']}", "label": spec.get("label") or spec["name"]})
    for document in procedure.get("documents") or []:
        paths.append({"path": f"documents.{document['slot']}", "label": document["name"]})
    return paths


def request(draft: dict, now: datetime, calendar: WorkingCalendar) -> dict:
    """The draft's `precheck` once the citizen asks for it: once per draft, not once submitted."""
    if draft["status"] == drafts.SUBMITTED:
        raise Conflict(drafts.SUBMITTED_MESSAGE)
    if draft.get("precheck"):
        raise Conflict(ALREADY_ASKED_MESSAGE)
    return {"requested_at": iso(now), "due": due(now, calendar).isoformat(), "answered_at": None,
            "note": None, "comments": []}


def answer(draft: dict, allowed: list[dict], comments: list[dict], note: str | None, rules: FieldRules,
           now: datetime) -> dict:
    """The draft's `precheck` once the desk answers: only while waiting; each comment on an
    allowed path, at most once, with a note of 1–1000 characters after the text rules; at
    least one comment or a general note. Every wrong field at once."""
    if draft["status"] != drafts.PRECHECK_WAITING:
        raise Conflict(NOT_WAITING_MESSAGE)
    labels = {item["path"]: item["label"] for item in allowed}
    errors: list[FieldError] = []
    answered: list[dict] = []
    seen: set[str] = set()
    for index, comment in enumerate(comments):
        path = str(comment.get("path"))
        if path not in labels:
            errors.append(FieldError(f"comments.{index}.path", "Chỉ được góp ý về thông tin và giấy tờ của thủ tục."))
            continue
        if path in seen:
            errors.append(FieldError(f"comments.{index}.path", f"“{labels[path]}” đã có ý kiến ở trên."))
            continue
        seen.add(path)
        text, note_errors = check_text(rules, {"max_length": NOTE_MAX_LENGTH, "multiline": True}, comment.get("note"),
                                       f"comments.{index}.note", f"Ý kiến về “{labels[path]}”")
        errors.extend(note_errors)
        if text:
            answered.append({"path": path, "label": labels[path], "note": text})
    general, note_errors = check_text(rules, {"max_length": GENERAL_NOTE_MAX_LENGTH, "multiline": True}, note,
                                      "note", "Ý kiến chung", required=False)
    errors.extend(note_errors)
    if not comments and not general and not note_errors:
        errors.append(FieldError("note", "Vui lòng ghi ý kiến chung hoặc góp ý ít nhất một mục."))
    if errors:
        raise ValidationFailed(fields=errors)
    return {**draft["precheck"], "answered_at": iso(now), "note": general, "comments": answered}
