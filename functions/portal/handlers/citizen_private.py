"""The private link's routes: the applicant's own view of a dossier and what they do from it
(the access token in the body proves it is theirs; withdrawal: handlers/citizen_actions.py)."""
from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import client_address, documented
from portal.services import citizen_private, citizen_view
from portal.services.citizen_models import DeliveryRequest, PrivateView, RatingRequest, SupplyRequest, ViewRequest

router = Router()
TAGS = ["Người dân"]
# An action from the private link: the view as it now stands, or 404 (not theirs), 409 (not now), 422.
ACTION_RESPONSES = documented(200, PrivateView, 404, 409, 413, 415)


@router.post(
    "/api/dossiers/<dossier_id>/view",
    summary="Xem hồ sơ của mình qua liên kết riêng (mã hồ sơ hoặc mã định danh)",
    tags=TAGS,
    responses=documented(200, PrivateView, 404, 413, 415, 429),
)
def view(dossier_id: str, request: ViewRequest) -> PrivateView:
    return citizen_view.view(dossier_id, request.access_token, client=client_address(router.current_event.raw_event))


@router.post(
    "/api/dossiers/<dossier_id>/supply",
    summary="Bổ sung giấy tờ cơ quan yêu cầu",
    tags=TAGS,
    responses=ACTION_RESPONSES,
)
def supply(dossier_id: str, request: SupplyRequest) -> PrivateView:
    return citizen_private.supply(dossier_id, request)


@router.post(
    "/api/dossiers/<dossier_id>/delivery",
    summary="Chọn cách nhận kết quả",
    tags=TAGS,
    responses=ACTION_RESPONSES,
)
def choose_delivery(dossier_id: str, request: DeliveryRequest) -> PrivateView:
    return citizen_private.choose_delivery(dossier_id, request)


@router.post(
    "/api/dossiers/<dossier_id>/rating",
    summary="Đánh giá việc giải quyết hồ sơ",
    tags=TAGS,
    responses=ACTION_RESPONSES,
)
def rate(dossier_id: str, request: RatingRequest) -> PrivateView:
    return citizen_private.rate(dossier_id, request)
