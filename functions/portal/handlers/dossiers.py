"""POST /api/dossiers: submit a dossier (header Idempotency-Key required)."""
from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header

from portal.handlers.app import documented, idempotency_key
from portal.services import dossiers
from portal.services.models import SubmitRequest, SubmitResult

router = Router()


@router.post(
    "/api/dossiers",
    status_code=201,
    summary="Nộp hồ sơ trực tuyến",
    tags=["Người dân"],
    responses=documented(201, SubmitResult, 400, 404, 409, 413, 415),
)
def submit_dossier(
    request: SubmitRequest,
    key: Annotated[
        str | None,
        Header(
            alias="idempotency-key",
            description="Mã duy nhất của lần nộp này; gửi lại cùng mã thì không tạo hồ sơ thứ hai.",
        ),
    ] = None,
) -> SubmitResult:
    return SubmitResult(**dossiers.submit(request, idempotency_key(key)))
