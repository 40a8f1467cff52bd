"""The one place that builds a resolver: validation on, bodies read strictly
(portal.handlers.request_body), CORS limited to the site, and every error turned into the
API's single error shape `{"error": {code, message, fields}}`."""
from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, CORSConfig, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.exceptions import ServiceError
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import OpenAPIRequestValidationMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from portal.config import settings
from portal.domain.errors import (
    IdempotencyKeyMissing,
    NotFound,
    PortalError,
    Unauthenticated,
    Unavailable,
    ValidationFailed,
)
from portal.domain.states import Actor, Role
from portal.handlers.errors import field_errors
from portal.handlers.request_body import read_json_body
from portal.observability import logger
from portal.services.error_models import ErrorResponse, GatewayRefusal

ALLOWED_HEADERS = ["Idempotency-Key", "Content-Type", "Authorization"]
INTERNAL_MESSAGE = "Đã có lỗi xảy ra, vui lòng thử lại sau."

_ERROR_DESCRIPTIONS = {
    400: "Thiếu tiêu đề Idempotency-Key",
    401: "Chưa đăng nhập",
    403: "Không có quyền",
    404: "Không tìm thấy",
    409: "Xung đột trạng thái, phiên bản hoặc Idempotency-Key",
    413: "Nội dung gửi lên quá lớn",
    415: "Nội dung gửi lên không phải JSON (Content-Type: application/json)",
    422: "Dữ liệu không hợp lệ (danh sách trường lỗi)",
    429: "Quá nhiều lần thử (xem tiêu đề Retry-After)",
    503: "Hệ thống tạm thời bận, thử lại sau (xem tiêu đề Retry-After)",
}


def documented(status: int, model: type | None, *errors: int) -> dict:
    """OpenAPI responses of a route: its success body and the error shape for each error
    status it can answer (422 always, since every route validates its input, and 503, since
    every route can find a store busy)."""
    success = {"application/json": {"model": model}} if model else {"application/json": {"schema": {"type": "object"}}}
    responses: dict[int, Any] = {status: {"description": "Thành công", "content": success}}
    for code in sorted({*errors, 422, 503}):
        # A 401 comes from API Gateway's JWT authorizer (a missing or bad token) in its own
        # shape, or from the function in the portal's (a token without a subject).
        shape: Any = ErrorResponse | GatewayRefusal if code == 401 else ErrorResponse
        responses[code] = {
            "description": _ERROR_DESCRIPTIONS[code],
            "content": {"application/json": {"model": shape}},
        }
    return responses


def error_response(error: PortalError) -> Response:
    return Response(
        status_code=error.status,
        content_type=content_types.APPLICATION_JSON,
        body=error.to_dict(),
        headers={"Retry-After": str(error.retry_after)} if error.retry_after else None,
    )


class _StrictBodyValidation(OpenAPIRequestValidationMiddleware):
    """The resolver's request validation, reading the body with read_json_body instead of
    whatever the Content-Type names (Powertools would also parse forms)."""

    def _get_body(self, app: Any) -> Any:
        return read_json_body(app.current_event)


def make_app(routers: list[Router], site_origin: str | None = None) -> APIGatewayHttpResolver:
    origin = site_origin if site_origin is not None else settings().site_origin
    app = APIGatewayHttpResolver(
        enable_validation=True,
        cors=CORSConfig(allow_origin=origin, allow_headers=ALLOWED_HEADERS, max_age=600),
    )
    app._request_validation_middleware = _StrictBodyValidation()
    for router in routers:
        app.include_router(router)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response:
        return error_response(ValidationFailed(fields=field_errors(list(error.errors()))))

    @app.exception_handler(PortalError)
    def _portal_error(error: PortalError) -> Response:
        if error.status >= 500:
            logger.exception("portal error")
        return error_response(error)

    @app.exception_handler(ServiceError)
    def _service_error(error: ServiceError) -> Response:
        # Raised by the resolver itself (e.g. a body it cannot read).
        client_error = error.status_code < 500
        return Response(
            status_code=error.status_code,
            content_type=content_types.APPLICATION_JSON,
            body={
                "error": {
                    "code": "BAD_REQUEST" if client_error else PortalError.code,
                    "message": "Yêu cầu không hợp lệ." if client_error else INTERNAL_MESSAGE,
                    "fields": [],
                }
            },
        )

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response:
        from portal.store.faults import is_transient  # only on the failure path

        if is_transient(error):
            logger.warning("transient store failure", extra={"error": type(error).__name__})
            return error_response(Unavailable())
        logger.exception("unhandled error")
        return error_response(PortalError(INTERNAL_MESSAGE))

    @app.not_found
    def _no_route(error: Exception) -> Response:
        return error_response(NotFound("Không tìm thấy địa chỉ yêu cầu."))

    return app


# --- request context ---------------------------------------------------------------------


def idempotency_key(value: str | None) -> str:
    key = (value or "").strip()
    if not key:
        raise IdempotencyKeyMissing()
    return key


def _groups(value) -> frozenset[str]:
    """`cognito:groups` as the HTTP API hands it over: "[receptionist leader]", a JSON list
    string, or a real list."""
    if isinstance(value, (list, tuple)):
        return frozenset(str(group) for group in value)
    text = str(value or "").strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return frozenset(part.strip(" \"'") for part in text.replace(",", " ").split() if part.strip(" \"'"))


def client_address(raw_event: dict) -> str | None:
    """The caller's address as API Gateway saw it (what per-client limits count by)."""
    return ((raw_event.get("requestContext") or {}).get("http") or {}).get("sourceIp")


def actor_from_event(raw_event: dict) -> Actor:
    """The officer behind a request, from the claims the JWT authorizer verified."""
    claims = (
        ((raw_event.get("requestContext") or {}).get("authorizer") or {}).get("jwt") or {}
    ).get("claims") or {}
    subject = claims.get("sub")
    if not subject:
        raise Unauthenticated()
    return Actor(
        kind="officer",
        id=claims.get("cognito:username") or subject,
        roles=_groups(claims.get("cognito:groups")) & Role.OFFICER_ROLES,
        agency=claims.get("custom:agency") or None,
    )
