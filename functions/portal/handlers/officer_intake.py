"""The desk's new dossiers and files: a walk-in or posted dossier recorded at the counter, and
the upload of a scanned paper or a signed result."""
from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header

from portal.handlers.app import actor_from_event, documented, idempotency_key
from portal.handlers.officer_queue import OFFICER_SECURITY
from portal.services import desk_intake, officer, uploads
from portal.services.desk_action_models import DeskUploadRequest, IntakeRequest
from portal.services.models import UploadSlot
from portal.services.officer_models import DossierDetail

router = Router()


@router.post(
    "/api/officer/intake",
    status_code=201,
    summary="Tiếp nhận hồ sơ nộp trực tiếp hoặc qua bưu điện (mẫu 01)",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(201, DossierDetail, 400, 401, 403, 409, 413, 415),
)
def intake(
    request: IntakeRequest,
    key: Annotated[
        str | None,
        Header(alias="idempotency-key", description="Mã duy nhất của lần ghi nhận này; gửi lại cùng mã thì không tạo hồ sơ thứ hai."),
    ] = None,
) -> DossierDetail:
    actor = actor_from_event(router.current_event.raw_event)
    dossier_id = desk_intake.intake(actor, request, idempotency_key(key))
    return officer.detail(actor, dossier_id)


@router.post(
    "/api/officer/uploads",
    status_code=201,
    summary="Tạo chỗ tải lên bản chụp giấy tờ (hồ sơ tại quầy) hoặc văn bản kết quả",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(201, UploadSlot, 401, 403, 404, 413, 415),
)
def create_upload(request: DeskUploadRequest) -> UploadSlot:
    return UploadSlot(**uploads.create_desk_upload_slot(actor_from_event(router.current_event.raw_event), request))
