"""Officer reads: the agency's queue and one dossier in full."""
from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from portal.handlers.app import actor_from_event, documented
from portal.services import officer
from portal.services.officer_models import DossierDetail, QueueResult

router = Router()
OFFICER_SECURITY: list[dict[str, list[str]]] = [{"officerJwt": []}]


@router.get(
    "/api/officer/queue",
    summary="Danh sách hồ sơ theo trạng thái, hạn gần nhất trước",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, QueueResult, 401, 403),
)
def officer_queue(
    state: Annotated[str, Query(max_length=40, description="Trạng thái hồ sơ")] = "submitted",
) -> QueueResult:
    return officer.queue(actor_from_event(router.current_event.raw_event), state)


@router.get(
    "/api/officer/dossiers/<dossier_id>",
    summary="Chi tiết hồ sơ: giấy tờ (liên kết tải về ngắn hạn), nhật ký, thao tác được phép",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, DossierDetail, 401, 403, 404),
)
def officer_dossier(dossier_id: str) -> DossierDetail:
    return officer.detail(actor_from_event(router.current_event.raw_event), dossier_id)
