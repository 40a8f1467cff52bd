"""What the officer routes read and answer (pydantic). They drive the OpenAPI document and the response
validation: the desk sees exactly these fields, and an attribute added to a dossier reaches the
desk only when it is named here."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from portal.services.request_base import StrictRequest


class ReceiveRequest(StrictRequest):
    version: int = Field(ge=1, description="Phiên bản hồ sơ mà cán bộ đang xem (khóa lạc quan)")


class TimeLimit(BaseModel):
    value: int
    unit: str
    set_by_hand: bool | None = Field(default=None, description="Cán bộ nhập theo văn bản vì danh mục chưa xác nhận")
    reason: str | None = None


class CitedGround(BaseModel):
    code: str
    text: str
    kind: str | None = None


class RequestedItem(BaseModel):
    slot: str
    name: str
    note: str | None = None


class Fee(BaseModel):
    amount: int
    amount_text: str = Field(description="Số tiền viết sẵn, ví dụ “40.000 đồng”")
    quantity: float | None = None
    unit: str | None = None
    set_by_hand: bool | None = None
    reason: str | None = None
    requested_at: str | None = None


class Payment(BaseModel):
    amount: int
    receipt_number: str | None = None
    method: str
    paid_at: str


class Proposal(BaseModel):
    proposal: str
    opinion: str
    by: str
    at: str


class Result(BaseModel):
    outcome: str
    number: str | None = None
    signer: str | None = None
    signed_on: str | None = None
    reasons: str | None = None
    decided_at: str
    filename: str | None = None


class Delivery(BaseModel):
    method: str
    collected_by: str | None = None
    collected_at: str | None = None
    waybill: str | None = None
    returned_at: str


class AnswerRow(BaseModel):
    name: str
    label: str
    text: str


class DossierView(BaseModel):
    """A dossier as the desk reads it: the record (applicant included: the desk works on it)
    without the secret of the citizen's private link."""

    id: str
    code: str | None = None
    state: str
    status: str
    status_label: str
    version: int
    agency: str
    procedure_id: str
    procedure_version: int | None = None
    procedure_title: str
    channel: str
    applicant: dict[str, Any] = Field(default_factory=dict)
    answers: dict[str, Any] = Field(default_factory=dict)
    answer_rows: list[AnswerRow] = Field(
        default_factory=list, description="Nội dung tờ khai đã viết sẵn để đọc (nhãn, giá trị kèm đơn vị)"
    )
    created_at: str | None = None
    submitted_at: str | None = None
    check_due: str | None = None
    check_due_provisional: bool | None = Field(
        default=None, description="Hạn kiểm tra tính theo lịch nghỉ chưa được công bố (tạm tính)"
    )
    received_at: str | None = None
    appointed_date: str | None = None
    appointed_date_provisional: bool | None = Field(
        default=None, description="Ngày hẹn tính theo lịch nghỉ chưa được công bố (tạm tính)"
    )
    deadline: str | None = None
    time_limit: TimeLimit | None = None
    supplement_count: int = 0
    supplement_items: list[RequestedItem] = Field(default_factory=list)
    supplement_note: str | None = None
    supplement_requested_at: str | None = None
    supplied_at: str | None = None
    refusal_grounds: list[CitedGround] = Field(default_factory=list)
    refusal_note: str | None = None
    refused_at: str | None = None
    stop_grounds: list[CitedGround] = Field(default_factory=list)
    stop_note: str | None = None
    stopped_at: str | None = None
    assignee: str | None = None
    proposal: Proposal | None = None
    fee: Fee | None = None
    payment: Payment | None = None
    result: Result | None = None
    delivery: Delivery | None = None
    late: bool | None = None
    apology_count: int = 0
    withdrawn_at: str | None = None
    calendar_source: str | None = None
    delivery_choice: dict[str, Any] | None = Field(
        default=None, description="Cách nhận kết quả người nộp đã chọn: method, address (khi gửi bưu điện), chosen_at"
    )
    rating: dict[str, Any] | None = Field(default=None, description="Đánh giá của người nộp: score (1–5), comment, rated_at")


class DocumentView(BaseModel):
    slot: str
    n: int
    name: str | None = None
    filename: str | None = None
    content_type: str | None = None
    size: int | None = None
    sha256: str | None = None
    download_url: str = Field(description="Liên kết tải về, hết hạn sau vài phút")


class EventView(BaseModel):
    action: str
    label: str
    from_state: str | None = None
    to_state: str
    actor_id: str | None = None
    actor_role: str | None = None
    at: str
    data: dict[str, Any] = Field(default_factory=dict)


class AllowedAction(BaseModel):
    action: str
    label: str


class DeskFee(BaseModel):
    """The fee of the dossier's case as the catalogue states it."""

    kind: str = Field(description="fixed | per_unit | none | unconfirmed")
    text: str
    amount: int | None = None
    base: int | None = Field(default=None, description="Phí tính theo đơn vị: phần cố định")
    per_unit: int | None = Field(default=None, description="Phí tính theo đơn vị: mức mỗi đơn vị")
    cap: int | None = Field(default=None, description="Phí tính theo đơn vị: mức tối đa")
    unit: str | None = None
    unconfirmed: bool = Field(description="Danh mục chưa xác nhận: cán bộ nhập số tiền kèm căn cứ")


class DeskTimeLimit(BaseModel):
    value: int | None = None
    unit: str | None = None
    text: str
    unconfirmed: bool = Field(description="Danh mục chưa xác nhận: cán bộ nhập thời hạn kèm căn cứ khi tiếp nhận")


class DeskDocument(BaseModel):
    slot: str
    name: str
    problems: list[str] = Field(default_factory=list, description="Lỗi thường gặp của giấy tờ này")


class DeskProcedure(BaseModel):
    """What the action forms offer: only the procedure's own documents and declared grounds."""

    id: str
    title: str
    case_label: str | None = None
    documents: list[DeskDocument]
    refusal_grounds: list[CitedGround]
    stop_grounds: list[CitedGround]
    fee: DeskFee
    time_limit: DeskTimeLimit


class Specialist(BaseModel):
    username: str
    name: str


class DossierDetail(BaseModel):
    dossier: DossierView
    documents: list[DocumentView]
    events: list[EventView]
    allowed_actions: list[AllowedAction]
    procedure: DeskProcedure | None = Field(default=None, description="Không có khi thủ tục đã bị gỡ khỏi danh mục")
    specialists: list[Specialist] = Field(default_factory=list, description="Chuyên viên có thể được phân công")
    result_url: str | None = Field(default=None, description="Liên kết tải văn bản kết quả, hết hạn sau vài phút")

