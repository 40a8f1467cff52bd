"""What officers do at the desk: see their agency's queue, open a dossier, receive it.

The actor (roles, agency) comes from the verified JWT claims; an officer only ever sees the
dossiers of their own agency. Role and state rules are the domain's (transitions.TRANSITIONS).
"""
from __future__ import annotations

from portal.domain import clock, lifecycle, notices
from portal.domain.answers import answer_rows
from portal.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from portal.domain.states import Actor, State
from portal.domain.transitions import allowed_actions
from portal.domain.vocabulary import ACTION_LABELS
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.officer_models import DossierDetail, DossierView, QueueItem, QueueResult
from portal.store.dossiers import STALE_VERSION_MESSAGE


def _require_officer(actor: Actor) -> str:
    """The agency the officer acts for (Forbidden for anyone else)."""
    if actor.kind != "officer" or not actor.acting_roles():
        raise Forbidden("Tài khoản của bạn chưa được phân quyền cán bộ.")
    if not actor.agency:
        raise Forbidden("Tài khoản của bạn chưa được gắn với cơ quan nào.")
    return actor.agency


def _require_same_agency(actor: Actor, meta: dict) -> None:
    if meta.get("agency") != actor.agency:
        raise Forbidden("Hồ sơ này không thuộc cơ quan của bạn.")


def queue(actor: Actor, state: str = "submitted", limit: int = 50) -> QueueResult:
    agency = _require_officer(actor)
    try:
        wanted = State(state)
    except ValueError:
        raise ValidationFailed(fields=[FieldError("state", "Trạng thái hồ sơ không hợp lệ.")]) from None
    items = deps.dossier_store().queue(agency, wanted.value, limit=limit)
    return QueueResult(items=[_queue_item(item) for item in items])


def _queue_item(meta: dict) -> QueueItem:
    state = State(meta["state"])
    return QueueItem(
        dossier_id=meta["id"],
        code=meta.get("code"),
        procedure_id=meta.get("procedure_id"),
        procedure_title=deps.catalogue().title_for(meta),
        status=state.value,
        status_label=state.label,
        applicant_name=(meta.get("applicant") or {}).get("full_name"),
        channel=meta.get("channel"),
        submitted_at=meta.get("submitted_at"),
        check_due=meta.get("check_due"),
        received_at=meta.get("received_at"),
        appointed_date=meta.get("appointed_date"),
        deadline=meta.get("deadline"),
        version=int(meta["version"]),
    )


def _dossier_view(meta: dict) -> DossierView:
    """The record as the desk reads it: only the attributes the view names (never the hash of
    the citizen's private link), with labels and the answers written out."""
    state = State(meta["state"])
    catalogue = deps.catalogue()
    known = {name: meta[name] for name in DossierView.model_fields if name in meta}
    try:
        rows = answer_rows(catalogue.for_dossier(meta), meta.get("answers"))
    except NotFound:  # the procedure left the catalogue: the answers are still shown raw
        rows = []
    return DossierView(
        **{
            **known,
            "procedure_title": catalogue.title_for(meta),
            "status": state.value,
            "status_label": state.label,
            "answer_rows": rows,
        }
    )


def detail(actor: Actor, dossier_id: str) -> DossierDetail:
    _require_officer(actor)
    dossier = deps.dossier_store().get_with_children(dossier_id)
    meta = dossier["meta"]
    _require_same_agency(actor, meta)
    bucket = deps.document_store()
    state = State(meta["state"])
    return DossierDetail.model_validate({
        "dossier": _dossier_view(meta),
        "documents": [
            {
                "slot": doc["slot"],
                "n": doc["n"],
                "name": doc.get("name"),
                "filename": doc.get("filename"),
                "content_type": doc.get("content_type"),
                "size": doc.get("size"),
                "sha256": doc.get("sha256"),
                "download_url": bucket.presign_download(
                    doc["key"], doc.get("filename") or doc["slot"], doc["content_type"], doc.get("version_id")
                ),
            }
            for doc in dossier["documents"]
        ],
        "events": [
            {
                "action": event["action"],
                "label": ACTION_LABELS.get(event["action"], event["action"]),
                "from_state": event.get("from_state"),
                "to_state": event["to_state"],
                "actor_id": event.get("actor_id"),
                "actor_role": event.get("actor_role"),
                "at": event["at"],
                "data": event.get("data") or {},
            }
            for event in dossier["events"]
        ],
        "allowed_actions": [
            {"action": action, "label": ACTION_LABELS[action]}
            for action in allowed_actions(state, actor)
        ],
    })


def receive(actor: Actor, dossier_id: str, version: int) -> DossierDetail:
    """The desk accepts a complete online dossier: received_at, appointed date, clock starts."""
    _require_officer(actor)
    store = deps.dossier_store()
    meta = store.get(dossier_id)
    _require_same_agency(actor, meta)
    catalogue = deps.catalogue()
    # The time limit and rules of the version the citizen submitted under, not today's.
    procedure = catalogue.for_dossier(meta)
    # The officer acted on what they saw: if it changed since, "reload" is the useful answer
    # (rather than "wrong state"); a wrong role is still Forbidden. The conditional write
    # below checks the version again against a concurrent writer.
    stale = int(meta.get("version", 0)) != int(version)
    try:
        change = lifecycle.receive(meta, procedure, actor, clock.now_vn(), catalogue.working_calendar)
    except Conflict:
        if stale:
            raise Conflict(STALE_VERSION_MESSAGE) from None
        raise
    if stale:
        raise Conflict(STALE_VERSION_MESSAGE)
    store.apply_change(meta, change.attributes, change.state.value, change.event.to_item(),
                       messages=notices.messages_for(meta, change.event.to_item(), catalogue.title_for(meta)))
    metrics.add_metric(name="DossierReceived", unit=MetricUnit.Count, value=1)
    logger.info("dossier received", extra={"dossier_id": dossier_id, "officer": actor.id})
    return detail(actor, dossier_id)
