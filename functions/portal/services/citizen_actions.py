"""What a citizen does to a submitted dossier from its private link (the access token proves
it is theirs). A wrong token and a missing dossier get the same 404, so the route tells nobody
which dossiers exist."""
from __future__ import annotations

from portal.domain import clock, processing
from portal.domain.codes import token_matches
from portal.domain.errors import NotFound
from portal.domain.notices import messages_for
from portal.domain.states import Actor
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.models import WithdrawRequest

NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ, hoặc liên kết riêng không đúng."
CITIZEN = Actor(kind="citizen", id="citizen")


def _own_dossier(dossier_id: str, access_token: str) -> dict:
    try:
        meta = deps.dossier_store().get(dossier_id)
    except NotFound:
        meta = {}
    if not token_matches(meta.get("access_token_hash"), access_token):
        raise NotFound(NOT_FOUND_MESSAGE)
    return meta


def withdraw(dossier_id: str, request: WithdrawRequest) -> dict:
    """The citizen withdraws a dossier not yet decided: at once, and the desk sees it in its
    queue of withdrawn dossiers. Withdrawing again answers the same, writing nothing."""
    meta = _own_dossier(dossier_id, request.access_token)
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
