"""The one error shape of the API, as the OpenAPI document describes it (every route, citizen's
and officer's, answers its errors in it: portal.handlers.app)."""
from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorField(BaseModel):
    path: str = Field(description="Đường dẫn của trường trong nội dung gửi lên, ví dụ applicant.phone")
    message: str


class ErrorBody(BaseModel):
    code: str = Field(
        description="VALIDATION_FAILED, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT, "
        "IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_MISSING, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, "
        "RATE_LIMITED, SERVICE_UNAVAILABLE, INTERNAL_ERROR"
    )
    message: str
    fields: list[ErrorField]


class ErrorResponse(BaseModel):
    """The one error shape of the API."""

    error: ErrorBody


class GatewayRefusal(BaseModel):
    """What API Gateway's JWT authorizer answers by itself, before any function runs, to an
    officer route called without a valid token: its own shape, which the portal cannot change."""

    message: str = Field(description="Unauthorized")
