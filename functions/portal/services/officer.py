"""What officers read of one dossier: all of it, with what the action forms may offer (the
lists: services/desk_queues.py; the actions: services/desk_actions.py).

The actor (roles, agency) comes from the verified JWT claims; an officer only ever sees the
dossiers of their own agency. Role and state rules are the domain's (transitions.TRANSITIONS).
"""
from __future__ import annotations

from portal.domain import clock, lifecycle
from portal.domain.answers import answer_rows
from portal.domain.errors import NotFound
from portal.domain.grounds import declared_grounds
from portal.domain.processing import offered_actions
from portal.domain.states import Actor, Role, State
from portal.domain.terms import DossierTerms
from portal.domain.transitions import allowed_actions
from portal.domain.vocabulary import ACTION_LABELS
from portal.services import access_trail, deps
from portal.services.desk_access import require_officer, require_same_agency
from portal.services.officer_models import DossierDetail, DossierView


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
    require_officer(actor)
    dossier = deps.dossier_store().get_with_children(dossier_id)
    meta = dossier["meta"]
    require_same_agency(actor, meta)
    access_trail.record_opening(actor, dossier_id)  # shown to the citizen; never fails the read
    bucket = deps.document_store()
    calendar = deps.catalogue().working_calendar
    due = lifecycle.apology_due(meta, clock.now_vn().date(), calendar)
    actions = offered_actions(meta, allowed_actions(State(meta["state"]), actor), due)
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
        "allowed_actions": [{"action": action, "label": ACTION_LABELS[action]} for action in actions],
        "procedure": _desk_procedure(meta),
        "specialists": _specialists(actor) if {"forward", "assign"} & set(actions) else [],
        "result_url": _result_url(meta),
    })


def _desk_procedure(meta: dict) -> dict | None:
    """What the action forms may offer for this dossier: the procedure's own documents and
    declared grounds, and the time limit and fee of its case with the catalogue's doubts."""
    try:
        procedure = deps.catalogue().for_dossier(meta)
    except NotFound:
        return None
    terms = DossierTerms.of(procedure, meta["channel"], meta.get("answers"))
    fee = terms.fee
    return {
        "id": procedure["id"],
        "title": procedure["title"],
        "documents": [
            {"slot": d["slot"], "name": d["name"], "problems": list(d.get("problems") or [])}
            for d in procedure.get("documents") or []
        ],
        "refusal_grounds": declared_grounds(procedure, "refuse"),
        "stop_grounds": declared_grounds(procedure, "stop"),
        "fee": {
            "kind": fee.get("kind") or "unconfirmed",
            "text": terms.fee_text(),
            **{name: fee.get(name) for name in ("amount", "base", "per_unit", "cap", "unit")},
            "unconfirmed": not terms.fee_confirmed,
        },
        "time_limit": {
            "value": terms.time_limit.get("value"),
            "unit": terms.time_limit.get("unit"),
            "text": terms.time_limit_text(),
            "unconfirmed": not terms.time_limit_confirmed,
        },
    }


def _specialists(actor: Actor) -> list[dict]:
    members = deps.officer_directory().members(Role.SPECIALIST, actor.agency or "")
    return [{"username": username, "name": name} for username, name in sorted(members.items(), key=lambda m: m[1])]


def _result_url(meta: dict) -> str | None:
    document = (meta.get("result") or {}).get("document")
    if not document:
        return None
    return deps.document_store().presign_download(
        document["key"], document.get("filename") or "ket-qua.pdf", document["content_type"], document.get("version_id")
    )
