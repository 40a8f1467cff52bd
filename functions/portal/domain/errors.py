"""The errors every layer raises and the API turns into one response shape.

Each error carries a stable machine code and HTTP status (class attributes) and a Vietnamese
message the citizen or officer reads; validation errors also list the offending fields.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One invalid field: `path` is dotted as in the request body (e.g. `applicant.phone`)."""

    path: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


class PortalError(Exception):
    code: str = "INTERNAL_ERROR"
    status: int = 500
    default_message: str = "Đã có lỗi xảy ra, vui lòng thử lại sau."
    # Seconds the client should wait before trying again (the Retry-After header), if any.
    retry_after: int | None = None

    def __init__(self, message: str | None = None, fields: list[FieldError] | None = None):
        self.message = message or self.default_message
        self.fields: list[FieldError] = list(fields or [])
        super().__init__(self.message)

    def to_dict(self) -> dict:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "fields": [field.to_dict() for field in self.fields],
            }
        }


class ValidationFailed(PortalError):
    code = "VALIDATION_FAILED"
    status = 422
    default_message = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."


class NotFound(PortalError):
    code = "NOT_FOUND"
    status = 404
    default_message = "Không tìm thấy dữ liệu yêu cầu."


class Unauthenticated(PortalError):
    code = "UNAUTHENTICATED"
    status = 401
    default_message = "Vui lòng đăng nhập để tiếp tục."


class Forbidden(PortalError):
    code = "FORBIDDEN"
    status = 403
    default_message = "Bạn không có quyền thực hiện thao tác này."


class Conflict(PortalError):
    code = "CONFLICT"
    status = 409
    default_message = "Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại và thử lại."


class IdempotencyKeyReused(PortalError):
    code = "IDEMPOTENCY_KEY_REUSED"
    status = 409
    default_message = "Mã yêu cầu (Idempotency-Key) đã được dùng cho một yêu cầu khác."


class IdempotencyKeyMissing(PortalError):
    code = "IDEMPOTENCY_KEY_MISSING"
    status = 400
    default_message = "Thiếu mã yêu cầu (tiêu đề Idempotency-Key)."


class UnsupportedMediaType(PortalError):
    code = "UNSUPPORTED_MEDIA_TYPE"
    status = 415
    default_message = "Định dạng nội dung gửi lên không được hỗ trợ: hãy gửi JSON (Content-Type: application/json)."


class PayloadTooLarge(PortalError):
    code = "PAYLOAD_TOO_LARGE"
    status = 413
    default_message = "Nội dung gửi lên quá lớn."


class RateLimited(PortalError):
    """Too many attempts from one client: `retry_after` seconds until the window ends."""

    code = "RATE_LIMITED"
    status = 429
    default_message = "Bạn đã thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại."

    def __init__(self, retry_after: int, message: str | None = None):
        super().__init__(message)
        self.retry_after = int(retry_after)


class Unavailable(PortalError):
    """A store was busy or unreachable: nothing was recorded, trying again is safe."""

    code = "SERVICE_UNAVAILABLE"
    status = 503
    default_message = "Hệ thống đang bận, vui lòng thử lại sau ít phút."
    retry_after = 2
