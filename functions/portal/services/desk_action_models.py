"""What each officer action reads (pydantic, strict). One body per action, each carrying the
dossier `version` the officer acted on (the write is conditional on it). What a value may say
beyond its type (a ground among the procedure's, a slot among its documents, a working day) is
the domain's rule (portal.domain.desk_rules), which names every wrong field at once."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from portal.services.models import Applicant, DocumentRef
from portal.services.request_base import StrictRequest

NOTE = 2000
SHORT = 200


class ActionRequest(StrictRequest):
    version: int = Field(ge=1, description="Phiên bản hồ sơ mà cán bộ đang xem (khóa lạc quan)")


class FigureByHand(StrictRequest):
    """A time limit the catalogue does not confirm, entered from the legal basis."""

    value: int = Field(ge=1, le=365, description="Số ngày")
    unit: Literal["working_days", "calendar_days"] = Field(description="Ngày làm việc hay ngày lịch")
    reason: str = Field(max_length=NOTE, description="Căn cứ pháp lý của thời hạn nhập tay")


class ReceiveRequest(ActionRequest):
    time_limit: FigureByHand | None = Field(
        default=None, description="Bắt buộc khi thời hạn của thủ tục chưa được xác nhận trong danh mục"
    )


class GroundsRequest(ActionRequest):
    grounds: list[str] = Field(max_length=20, description="Mã lý do trong danh sách lý do của thủ tục")
    note: str = Field(max_length=NOTE, description="Giải thích cụ thể cho người nộp")


class SupplementItem(StrictRequest):
    slot: str = Field(max_length=100, description="Mã thành phần hồ sơ trong danh mục của thủ tục")
    note: str = Field(max_length=NOTE, description="Giấy tờ này sai hoặc thiếu ở điểm nào")


class SupplementRequest(ActionRequest):
    items: list[SupplementItem] = Field(max_length=30)
    note: str | None = Field(default=None, max_length=NOTE, description="Ghi chú chung (không bắt buộc)")


class SupplyRequest(ActionRequest):
    note: str | None = Field(default=None, max_length=NOTE, description="Giấy tờ đã nhận tại quầy")


class AssigneeRequest(ActionRequest):
    assignee: str = Field(max_length=128, description="Tên đăng nhập của chuyên viên")
    note: str | None = Field(default=None, max_length=NOTE)


class ProposeRequest(ActionRequest):
    proposal: Literal["approve", "deny"] = Field(description="Đề xuất giải quyết hay không giải quyết")
    opinion: str = Field(max_length=NOTE, description="Ý kiến thẩm định")


class NoteRequest(ActionRequest):
    note: str = Field(max_length=NOTE)


class FeeRequest(ActionRequest):
    quantity: float | None = Field(default=None, gt=0, le=1_000_000, description="Số lượng (phí tính theo đơn vị)")
    amount: int | None = Field(default=None, ge=0, le=1_000_000_000, description="Số tiền nhập tay (đồng)")
    reason: str | None = Field(default=None, max_length=NOTE, description="Căn cứ của số tiền nhập tay")


class PaidRequest(ActionRequest):
    amount: int = Field(ge=0, le=1_000_000_000, description="Số tiền đã thu (đồng)")
    receipt_number: str = Field(max_length=SHORT, description="Số biên lai")


class ResultDocument(StrictRequest):
    number: str = Field(max_length=SHORT, description="Số văn bản kết quả")
    signer: str = Field(max_length=SHORT, description="Người ký")
    signed_on: str = Field(max_length=10, description="Ngày ký (YYYY-MM-DD)")
    upload_id: str = Field(max_length=64, description="Mã tệp kết quả đã tải lên")


class DecideRequest(ActionRequest):
    outcome: Literal["approve", "deny"]
    result: ResultDocument | None = Field(default=None, description="Bắt buộc khi phê duyệt")
    reasons: str | None = Field(default=None, max_length=NOTE, description="Bắt buộc khi không phê duyệt")


class ApologiseRequest(ActionRequest):
    new_date: str = Field(max_length=10, description="Ngày hẹn mới (YYYY-MM-DD), một ngày làm việc")
    reason: str = Field(max_length=NOTE)


class ReturnRequest(ActionRequest):
    method: Literal["online", "counter", "post"]
    collected_by: str | None = Field(default=None, max_length=SHORT, description="Người nhận tại quầy")
    collected_at: str | None = Field(default=None, max_length=32, description="Thời điểm nhận (ISO 8601)")
    waybill: str | None = Field(default=None, max_length=64, description="Số vận đơn bưu điện")


class DeskUploadRequest(StrictRequest):
    purpose: Literal["scan", "result"] = Field(description="Bản chụp giấy tờ nộp tại quầy, hoặc văn bản kết quả")
    procedure_id: str | None = Field(default=None, max_length=100, description="Bắt buộc với bản chụp")
    slot: str | None = Field(default=None, max_length=100, description="Bắt buộc với bản chụp")
    filename: str = Field(description="Tên tệp")
    content_type: str = Field(max_length=200)
    size: int = Field(gt=0, description="Dung lượng tệp, tính bằng byte")


class IntakeRequest(StrictRequest):
    """A walk-in or posted dossier recorded by the desk on the applicant's behalf."""

    procedure_id: str = Field(max_length=100)
    channel: Literal["counter", "post"] = Field(description="Nộp trực tiếp hay qua bưu điện")
    applicant: Applicant
    answers: dict[str, Any] = Field(default_factory=dict, description="Nội dung tờ khai (chọn trường hợp, ví dụ cấp lại)")
    documents: list[DocumentRef] = Field(default_factory=list, max_length=30, description="Bản chụp giấy tờ đã nhận")
    time_limit: FigureByHand | None = Field(
        default=None, description="Bắt buộc khi thời hạn của thủ tục (trường hợp đã chọn) chưa được xác nhận"
    )
