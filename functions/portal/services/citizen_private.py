"""What the applicant does from the private link besides withdrawing (services/citizen_actions):
supply the papers the desk asked for, choose how to receive the result, rate after it. Each
answers the private view as it now stands.

Supplied files are checked by their bytes as a submission's are (services/dossier_files),
copied beside the dossier's other files and bound to it by the same transaction as the supply
event and its messages; if that write fails the copies go again.
"""
from __future__ import annotations

from portal.domain import citizen_choices, clock, lifecycle
from portal.domain.errors import FieldError, ValidationFailed
from portal.domain.notices import messages_for
from portal.domain.states import CITIZEN
from portal.domain.transitions import Change, transition
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.citizen_models import DeliveryRequest, PrivateView, RatingRequest, SupplyRequest
from portal.services.citizen_view import own_dossier, private_view
from portal.services.dossier_files import check_uploads, delete_pending, discard_copies, remove_copies
from portal.store.dossier_documents import document_puts


def _write(dossier_id: str, meta: dict, change: Change, documents: list[dict] | None = None) -> PrivateView:
    store = deps.dossier_store()
    event = change.event.to_item()
    store.apply_change(
        meta, change.attributes, change.state.value, event,
        messages=messages_for(meta, event, deps.catalogue().title_for(meta)),
        also=document_puts(store.table_name, dossier_id, documents or []),
    )
    metrics.add_metric(name=f"Citizen_{event['action']}", unit=MetricUnit.Count, value=1)
    logger.info("citizen action", extra={"dossier_id": dossier_id, "action": event["action"]})
    return private_view(store.get_with_children(dossier_id))


def supply(ref: str, request: SupplyRequest) -> PrivateView:
    """Exactly the items the desk listed, each with at least one file; then the dossier goes back
    where it was, its clock resumed (lifecycle.supply)."""
    dossier = own_dossier(ref, request.access_token)
    meta = dossier["meta"]
    transition(meta["state"], "supply", CITIZEN)  # 409 before any file is looked at
    procedure = deps.catalogue().for_dossier(meta)
    requested = {item["slot"]: item for item in meta.get("supplement_items") or []}
    errors = [
        FieldError(f"documents.{ref.slot}", "Cơ quan không yêu cầu bổ sung giấy tờ này.")
        for ref in request.documents
        if ref.slot not in requested
    ]
    given = {ref.slot for ref in request.documents}
    errors += [
        FieldError(f"documents.{slot}", f"Vui lòng tải lên “{item['name']}”.")
        for slot, item in requested.items()
        if slot not in given
    ]
    files, file_errors = check_uploads(
        procedure, [ref for ref in request.documents if ref.slot in requested], {e.path for e in errors}
    )
    if errors or file_errors:
        raise ValidationFailed(fields=errors + file_errors)
    now = clock.now_vn()
    change = lifecycle.supply(meta, procedure, CITIZEN, now, deps.catalogue().working_calendar)
    change.event.data["documents"] = [{"slot": f["slot"], "name": f["name"], "filename": f["filename"]} for f in files]
    documents = _copy(meta["id"], files, dossier["documents"], clock.iso(now))
    try:
        answer = _write(meta["id"], meta, change, documents)
    except Exception as error:
        discard_copies(error, documents, lambda: deps.dossier_store().get_with_children(meta["id"])["documents"])
        raise
    delete_pending(files)
    return answer


def _copy(dossier_id: str, files: list[dict], existing: list[dict], supplied_at: str) -> list[dict]:
    """Each file copied to the next free number of its slot (the dossier's earlier files stay)."""
    bucket = deps.document_store()
    last: dict[str, int] = {}
    for document in existing:
        last[document["slot"]] = max(last.get(document["slot"], 0), int(document["n"]))
    documents: list[dict] = []
    try:
        for file in files:
            n = last[file["slot"]] = last.get(file["slot"], 0) + 1
            copied = bucket.copy_to_dossier(file["upload_id"], dossier_id, file["slot"], n)
            documents.append({**file, "n": n, **copied, "supplied_at": supplied_at})
    except Exception:
        remove_copies(documents)
        raise
    return documents


def choose_delivery(ref: str, request: DeliveryRequest) -> PrivateView:
    meta = own_dossier(ref, request.access_token)["meta"]
    catalogue = deps.catalogue()
    address = request.address.model_dump() if request.address else None
    change = citizen_choices.choose_delivery(
        meta, catalogue.for_dossier(meta), CITIZEN, clock.now_vn(), catalogue.field_rules, request.method, address
    )
    return _write(meta["id"], meta, change)


def rate(ref: str, request: RatingRequest) -> PrivateView:
    meta = own_dossier(ref, request.access_token)["meta"]
    change = citizen_choices.rate(meta, CITIZEN, clock.now_vn(), deps.catalogue().field_rules, request.score, request.comment)
    return _write(meta["id"], meta, change)
