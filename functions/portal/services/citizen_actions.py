"""What a citizen does to a submitted dossier from its private link (the access token proves
it is theirs). A wrong token and a missing dossier get the same 404, so the route tells nobody
which dossiers exist."""
from __future__ import annotations

from portal.domain import clock, processing
from portal.domain.notices import messages_for
from portal.domain.states import CITIZEN
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.citizen_view import own_dossier
from portal.services.models import WithdrawRequest


def withdraw(dossier_id: str, request: WithdrawRequest) -> dict:
    """The citizen withdraws a dossier not yet decided: at once, and the desk sees it in its
    queue of withdrawn dossiers. Withdrawing again answers the same, writing nothing."""
    meta = own_dossier(dossier_id, request.access_token)["meta"]
    if meta["state"] == "withdrawn":
        return meta
    reason = (request.reason or "").strip() or None
    change = processing.withdraw(meta, CITIZEN, clock.now_vn(), reason)
    event = change.event.to_item()
    store = deps.dossier_store()
    store.apply_change(
        meta, change.attributes, change.state.value, event,
        messages=messages_for(meta, event, deps.catalogue().title_for(meta)),
    )
    metrics.add_metric(name="DossierWithdrawn", unit=MetricUnit.Count, value=1)
    logger.info("dossier withdrawn", extra={"dossier_id": dossier_id})
    return store.get(dossier_id)
