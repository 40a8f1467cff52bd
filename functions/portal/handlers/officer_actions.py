"""Officer actions on one dossier."""
from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import actor_from_event, documented
from portal.handlers.officer_queue import OFFICER_SECURITY
from portal.services import officer
from portal.services.officer_models import DossierDetail, ReceiveRequest

router = Router()


@router.post(
    "/api/officer/dossiers/<dossier_id>/receive",
    summary="Tiếp nhận hồ sơ (bắt đầu tính thời hạn giải quyết)",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, DossierDetail, 401, 403, 404, 409, 413, 415),
)
def receive_dossier(dossier_id: str, request: ReceiveRequest) -> DossierDetail:
    return officer.receive(actor_from_event(router.current_event.raw_event), dossier_id, request.version)
