"""What the officer routes read and answer (pydantic). They drive the OpenAPI document and the response
validation: the desk sees exactly these fields, and an attribute added to a dossier reaches the
desk only when it is named here."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from portal.services.request_base import StrictRequest


class ReceiveRequest(StrictRequest):
    version: int = Field(ge=1, description="Phiên bản hồ sơ mà cán bộ đang xem (khóa lạc quan)")


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


class QueueResult(BaseModel):
    items: list[QueueItem]


class TimeLimit(BaseModel):
    value: int
    unit: str


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
    calendar_source: str | None = None


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


class DossierDetail(BaseModel):
    dossier: DossierView
    documents: list[DocumentView]
    events: list[EventView]
    allowed_actions: list[AllowedAction]

