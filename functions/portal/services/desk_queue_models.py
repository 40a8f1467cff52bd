"""What the desk's lists answer (pydantic): the queues, the search and the tracking book (form 07).
They drive the OpenAPI document and the response validation."""
from __future__ import annotations

from pydantic import BaseModel, Field


class QueueItem(BaseModel):
    dossier_id: str
    code: str | None = None
    procedure_id: str | None = None
    procedure_title: str
    status: str
    status_label: str
    applicant_name: str | None = None
    channel: str | None = None
    submitted_at: str | None = None
    check_due: str | None = None
    received_at: str | None = None
    appointed_date: str | None = None
    deadline: str | None = None
    version: int
    overdue: bool = Field(default=False, description="Cơ quan đang giữ hồ sơ và đã quá hạn (hạn trước hôm nay)")
    late: bool = Field(default=False, description="Trễ hạn: kết quả muộn so với ngày hẹn, hoặc đã xin lỗi và hẹn lại")


class QueueResult(BaseModel):
    items: list[QueueItem]
    next_cursor: str | None = Field(default=None, description="Gửi lại trong `cursor` để lấy trang tiếp theo; null khi hết")


class SearchResult(BaseModel):
    items: list[QueueItem]
    matched_by: str = Field(description="code | id_number | name: cách hệ thống hiểu từ khóa")


class BookRow(BaseModel):
    """One line of the tracking book (Sổ theo dõi hồ sơ, mẫu 07)."""

    number: int = Field(description="Số thứ tự trong sổ")
    dossier_id: str
    code: str | None = None
    procedure_title: str
    applicant_name: str | None = None
    applicant_address: str | None = None
    applicant_phone: str | None = None
    received_at: str
    appointed_date: str | None = None
    forwarded_at: str | None = Field(default=None, description="Chuyển hồ sơ đến chuyên viên giải quyết")
    decided_at: str | None = Field(default=None, description="Có kết quả giải quyết")
    returned_at: str | None = Field(default=None, description="Trả kết quả cho cá nhân, tổ chức")
    closed_at: str | None = None
    status: str
    status_label: str
    late: bool


class BookResult(BaseModel):
    from_date: str = Field(description="YYYY-MM-DD, ngày đầu kỳ")
    to_date: str = Field(description="YYYY-MM-DD, ngày cuối kỳ")
    rows: list[BookRow]
