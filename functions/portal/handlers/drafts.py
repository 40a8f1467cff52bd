"""The citizen's drafts (services/drafts.py): save, open with the link, save again, ask the desk
for a pre-check. The token travels in the body only, never in the address."""
from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header

from portal.handlers.app import documented, idempotency_key
from portal.services import drafts
from portal.services.draft_models import (
    CreatedDraft,
    CreateDraftRequest,
    DraftTokenRequest,
    DraftView,
    PrecheckRequest,
    UpdateDraftRequest,
)

router = Router()
TAGS = ["Người dân"]


@router.post(
    "/api/drafts",
    status_code=201,
    summary="Lưu hồ sơ nháp (gửi lại cùng Idempotency-Key thì nhận lại đúng hồ sơ nháp đó)",
    tags=TAGS,
    responses=documented(201, CreatedDraft, 400, 404, 409, 413, 415),
)
def create_draft(
    request: CreateDraftRequest,
    key: Annotated[
        str | None,
        Header(alias="idempotency-key", description="Mã duy nhất của lần lưu đầu tiên; gửi lại cùng mã thì không tạo hồ sơ nháp thứ hai."),
    ] = None,
) -> CreatedDraft:
    return drafts.create(request, idempotency_key(key))


@router.post(
    "/api/drafts/<draft_id>/view",
    summary="Mở lại hồ sơ nháp bằng liên kết riêng",
    tags=TAGS,
    responses=documented(200, DraftView, 404, 413, 415),
)
def view_draft(draft_id: str, request: DraftTokenRequest) -> DraftView:
    return drafts.view(draft_id, request.token)


@router.put(
    "/api/drafts/<draft_id>",
    summary="Lưu lại hồ sơ nháp (theo phiên bản đã đọc)",
    tags=TAGS,
    responses=documented(200, DraftView, 404, 409, 413, 415),
)
def update_draft(draft_id: str, request: UpdateDraftRequest) -> DraftView:
    return drafts.update(draft_id, request)


@router.post(
    "/api/drafts/<draft_id>/precheck",
    summary="Đề nghị cán bộ xem trước hồ sơ nháp (một lần; có ý kiến trong 1 ngày làm việc)",
    tags=TAGS,
    responses=documented(200, DraftView, 404, 409, 413, 415),
)
def request_precheck(draft_id: str, request: PrecheckRequest) -> DraftView:
    return drafts.request_precheck(draft_id, request)
