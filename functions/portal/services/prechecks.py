"""The desk's pre-check of citizens' drafts: the "Chờ xem trước" list, one draft, the answer
(docs/domain.md, "Drafts and the desk's pre-check"). Reception and leaders only, on their own
agency's drafts; a draft the desk may not read answers the same 404 as one that does not exist.
"""
from __future__ import annotations

from portal.domain import clock, draft_notices, drafts, precheck
from portal.domain.answers import answer_rows
from portal.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from portal.domain.states import Actor, Role
from portal.observability import MetricUnit, metrics
from portal.services import access_trail, deps, draft_records
from portal.services.desk_access import require_officer
from portal.services.precheck_models import OfficerDraftView, PrecheckAnswerRequest, PrecheckItem, PrecheckQueue
from portal.store.access_trail import AccessTrailStore
from portal.store.drafts import draft_pk

ROLES = frozenset({Role.RECEPTIONIST, Role.LEADER})
MAX_LIMIT = 100
NOT_FOUND = "Không tìm thấy hồ sơ nháp."


def _require(actor: Actor) -> str:
    agency = require_officer(actor)
    if not ROLES & actor.acting_roles():
        raise Forbidden("Chỉ cán bộ tiếp nhận và lãnh đạo xem trước hồ sơ nháp.")
    return agency


def queue(actor: Actor, cursor: str | None = None, limit: int = 50) -> PrecheckQueue:
    agency = _require(actor)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(fields=[FieldError("limit", f"Số hồ sơ mỗi trang phải từ 1 đến {MAX_LIMIT}.")])
    page = deps.draft_store().waiting(agency, cursor, limit)
    today = clock.now_vn().date()
    catalogue = deps.catalogue()
    return PrecheckQueue(
        items=[
            PrecheckItem(
                draft_id=draft["id"], procedure_id=draft["procedure_id"], procedure_title=catalogue.title_for(draft),
                applicant_name=(draft.get("applicant") or {}).get("full_name"),
                requested_at=draft["precheck"]["requested_at"], due=draft["precheck"]["due"],
                overdue=precheck.is_overdue(draft["precheck"], today),
            )
            for draft in page.items
        ],
        next_cursor=page.next_cursor,
    )


def _readable(actor: Actor, draft_id: str) -> dict:
    """A draft of the officer's agency that was sent for a pre-check and is still kept."""
    agency = _require(actor)
    draft = draft_records.load(draft_id)
    if draft is None or draft.get("agency") != agency or not draft.get("precheck"):
        raise NotFound(NOT_FOUND)
    return draft


def _officer_view(draft: dict) -> OfficerDraftView:
    procedure = draft_records.procedure_of(draft)
    bucket = deps.document_store()
    shown = draft_records.view(draft, procedure).model_dump()
    kept = {(d["slot"], d["upload_id"]): d for d in draft.get("documents") or []}
    documents = [
        {**d, "url": bucket.presign_download(
            kept[(d["slot"], d["upload_id"])]["key"], d.get("filename") or d["slot"],
            kept[(d["slot"], d["upload_id"])].get("content_type") or "application/octet-stream",
            kept[(d["slot"], d["upload_id"])].get("version_id"))}
        for d in shown["documents"]
    ]
    rules = deps.catalogue().field_rules
    return OfficerDraftView(**{
        **shown,
        "documents": documents,
        "procedure_title": deps.catalogue().title_for(draft),
        "allowed_paths": precheck.allowed_paths(procedure, rules, (draft.get("applicant") or {}).get("kind")),
        "answer_rows": answer_rows(procedure, draft.get("answers")),
    })


def detail(actor: Actor, draft_id: str) -> OfficerDraftView:
    """The draft in full, with its files' download links and what a comment may name; the
    reading is recorded in the draft's access trail."""
    draft = _readable(actor, draft_id)
    trail = AccessTrailStore(deps.draft_store().table_name, partition=draft_pk)
    access_trail.record_opening(actor, draft["id"], trail, draft_records.ttl_for(draft["expires_at"]))
    return _officer_view(draft)


def answer(actor: Actor, draft_id: str, request: PrecheckAnswerRequest) -> OfficerDraftView:
    """The desk's answer: comments on what the procedure declares and a general note, once,
    while the draft waits; audited with the officer's id; the citizen is told to open the
    draft again (the link is theirs alone: the message cannot hold it)."""
    before = _readable(actor, draft_id)
    if before["status"] == drafts.PRECHECK_WAITING and int(before["version"]) != request.version:
        raise Conflict("Hồ sơ nháp vừa thay đổi, vui lòng tải lại.")
    procedure = draft_records.procedure_of(before)
    rules = deps.catalogue().field_rules
    now = clock.now_vn()
    allowed = precheck.allowed_paths(procedure, rules, (before.get("applicant") or {}).get("kind"))
    answered = precheck.answer(before, allowed, [c.model_dump() for c in request.comments], request.note, rules, now)
    draft = {**before, "status": drafts.PRECHECK_ANSWERED, "precheck": answered, "version": int(before["version"]) + 1}
    event = draft_records.event("precheck_answer", actor, now, before["status"], drafts.PRECHECK_ANSWERED,
                                {"comments": len(answered["comments"]), "note": bool(answered["note"])})
    messages = draft_notices.precheck_answered(draft_records.reachable(procedure, before.get("applicant") or {}),
                                               deps.catalogue().title_for(draft))
    deps.draft_store().save(draft, int(before["version"]), event, messages, draft_records.ttl_for(draft["expires_at"]))
    metrics.add_metric(name="PrecheckAnswered", unit=MetricUnit.Count, value=1)
    return _officer_view(draft)
