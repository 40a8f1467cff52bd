"""Request envelopes (pydantic). They drive the resolver's validation and the OpenAPI file: the
shape of each body and the type of each value, strictly (no "yes" for true, no "12" for 12, no
key the API does not know). What a value may say (its length, pattern, characters, a procedure's
own fields) is checked against the compiled catalogue's field rules by portal.domain.validation,
which names every wrong field at once in Vietnamese."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from portal.services.request_base import StrictRequest


class Address(StrictRequest):
    province: str = Field(description="Tỉnh, thành phố")
    commune: str = Field(description="Xã, phường, đặc khu")
    street: str | None = Field(default=None, description="Số nhà, đường, thôn, tổ")


class Applicant(StrictRequest):
    kind: Literal["ca-nhan", "to-chuc"] = Field(description="Cá nhân hay tổ chức")
    full_name: str = Field(description="Họ và tên, hoặc tên tổ chức")
    id_number: str | None = Field(default=None, description="Số căn cước công dân (12 chữ số)")
    tax_code: str | None = Field(default=None, description="Mã số thuế (10 hoặc 13 chữ số)")
    phone: str = Field(description="Số điện thoại")
    email: str | None = Field(default=None, description="Thư điện tử")
    address: Address


class DocumentRef(StrictRequest):
    slot: str = Field(max_length=100, description="Mã thành phần hồ sơ (slot) trong danh mục thủ tục")
    upload_id: str = Field(max_length=64, description="Mã tệp nhận được khi tạo chỗ tải lên")


class SubmitRequest(StrictRequest):
    procedure_id: str = Field(max_length=100)
    applicant: Applicant
    answers: dict[str, Any] = Field(default_factory=dict, description="Nội dung tờ khai, theo trường của thủ tục")
    documents: list[DocumentRef] = Field(default_factory=list, max_length=30)
    consent: bool = Field(description="Đồng ý cho xử lý dữ liệu cá nhân để giải quyết hồ sơ")
    draft_id: str | None = Field(default=None, max_length=40, description="Hồ sơ nháp được nộp (tệp đã lưu của nó được dùng)")
    draft_token: str | None = Field(default=None, max_length=200, description="Mã truy cập riêng của hồ sơ nháp")


class UploadRequest(StrictRequest):
    procedure_id: str = Field(max_length=100)
    slot: str = Field(max_length=100)
    filename: str = Field(description="Tên tệp trên máy người nộp")
    content_type: str = Field(max_length=200)
    size: int = Field(gt=0, description="Dung lượng tệp, tính bằng byte")


class LookupRequest(StrictRequest):
    # No length limits: a code or number of any length that matches nothing gets the same
    # answer as one that is merely wrong (the body itself is bounded).
    code: str = Field(description="Mã hồ sơ, ví dụ 000.00.15.H55-260708-0001")
    id_number: str | None = Field(default=None, description="Số CCCD hoặc mã số thuế của người nộp")
    access_token: str | None = Field(default=None, description="Mã truy cập riêng của hồ sơ")


# --- responses (documented in the OpenAPI file) -----------------------------------------


class UploadSlot(BaseModel):
    upload_id: str
    url: str
    fields: dict[str, str]
    expires_at: str
    max_size: int


class SubmitResult(BaseModel):
    dossier_id: str
    code: str
    status: str
    status_label: str
    submitted_at: str
    check_due: str
    check_due_provisional: bool | None = Field(default=None, description="Hạn kiểm tra tạm tính (lịch nghỉ chưa công bố)")
    access_token: str
    tracking_url: str


class TimelineEntry(BaseModel):
    action: str
    label: str
    status: str
    status_label: str
    at: str


class LookupResult(BaseModel):
    code: str
    procedure_title: str
    status: str
    status_label: str
    submitted_at: str | None = None
    received_at: str | None = None
    appointed_date: str | None = None
    appointed_date_provisional: bool | None = Field(default=None, description="Ngày hẹn tạm tính (lịch nghỉ chưa công bố)")
    check_due: str | None = None
    timeline: list[TimelineEntry]


class WithdrawRequest(StrictRequest):
    access_token: str = Field(max_length=200, description="Mã truy cập riêng của hồ sơ (trong liên kết riêng)")
    reason: str | None = Field(default=None, max_length=500, description="Lý do rút hồ sơ (không bắt buộc)")


class WithdrawResult(BaseModel):
    dossier_id: str
    code: str
    status: str
    status_label: str
    withdrawn_at: str
