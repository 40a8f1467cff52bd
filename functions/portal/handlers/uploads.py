"""POST /api/uploads: a presigned POST for one file of one document slot."""
from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import documented
from portal.services import uploads
from portal.services.models import UploadRequest, UploadSlot

router = Router()


@router.post(
    "/api/uploads",
    status_code=201,
    summary="Tạo chỗ tải lên cho một tệp giấy tờ",
    tags=["Người dân"],
    responses=documented(201, UploadSlot, 404, 413, 415),
)
def create_upload(request: UploadRequest) -> UploadSlot:
    return UploadSlot(**uploads.create_upload_slot(request))
