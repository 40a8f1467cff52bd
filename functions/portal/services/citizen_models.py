"""What the private link's routes read and answer (pydantic): the citizen's own view of a dossier
and what they may do from it. The view names exactly what the citizen may see: never an
officer's name or username, never an internal event."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from portal.services.models import Address, DocumentRef, LookupResult, TimelineEntry
from portal.services.request_base import StrictRequest

TOKEN_FIELD = Field(max_length=200, description="Mã truy cập riêng của hồ sơ (trong liên kết riêng)")


class ViewRequest(StrictRequest):
    access_token: str = TOKEN_FIELD


class SupplyRequest(StrictRequest):
    access_token: str = TOKEN_FIELD
    documents: list[DocumentRef] = Field(
        min_length=1, max_length=30, description="Tệp cho từng giấy tờ cơ quan yêu cầu bổ sung (chỗ tải lên: /api/uploads)"
    )


class DeliveryRequest(StrictRequest):
    access_token: str = TOKEN_FIELD
    method: Literal["online", "counter", "post"] = Field(
        description="Nhận bản điện tử trên cổng, trực tiếp tại nơi nộp, hoặc qua bưu điện"
    )
    address: Address | None = Field(default=None, description="Địa chỉ nhận kết quả (chỉ khi nhận qua bưu điện)")


class RatingRequest(StrictRequest):
    access_token: str = TOKEN_FIELD
    score: int = Field(ge=1, le=5, description="Mức hài lòng, từ 1 (rất không hài lòng) đến 5 (rất hài lòng)")
    comment: str | None = Field(default=None, max_length=2000, description="Góp ý (không bắt buộc)")


# --- answers ------------------------------------------------------------------------------


class Item(BaseModel):
    """A paper the desk asked for, and what was wrong with it."""

    slot: str
    name: str
    note: str | None = None


class SupplementItem(Item):
    accept: list[str] = Field(description="Định dạng tệp được nhận: pdf, jpg, png, doc, docx")
    max_size_mb: int


class Supplement(BaseModel):
    items: list[SupplementItem]
    note: str | None = None
    requested_at: str | None = None


class EventDetails(BaseModel):
    """What the citizen needs from one step of the timeline (only what applies is set)."""

    appointed_date: str | None = None
    previous_date: str | None = None
    check_due: str | None = None
    items: list[Item] | None = None
    grounds: list[str] | None = None
    note: str | None = None
    amount_text: str | None = None
    outcome: Literal["approve", "deny"] | None = None
    number: str | None = None
    signed_on: str | None = None
    reasons: str | None = None
    method: str | None = None
    method_label: str | None = None
    waybill: str | None = None
    documents: list[str] | None = None


class PrivateEvent(TimelineEntry):
    details: EventDetails


class PrivateDocument(BaseModel):
    slot: str
    n: int
    name: str | None = None
    filename: str | None = None
    size: int | None = None
    download_url: str = Field(description="Liên kết tải về ngắn hạn (tải về dưới dạng tệp đính kèm)")


class FeeDue(BaseModel):
    amount: int
    amount_text: str = Field(description="Số tiền viết sẵn, ví dụ “40.000 đồng”")


class ResultView(BaseModel):
    outcome: Literal["approve", "deny"]
    number: str | None = None
    signed_on: str | None = None
    reasons: str | None = None
    decided_at: str | None = None
    filename: str | None = None
    download_url: str | None = Field(
        default=None, description="Tải văn bản kết quả (khi kết quả đã được trả trực tuyến)"
    )


class DeliveryOption(BaseModel):
    method: str
    label: str


class DeliveryChoice(BaseModel):
    method: str
    label: str | None = None
    address: dict[str, str] | None = None
    chosen_at: str


class ReturnedView(BaseModel):
    method: str
    label: str
    returned_at: str
    waybill: str | None = None


class RatingView(BaseModel):
    score: int
    comment: str | None = None
    rated_at: str


CitizenAction = Literal["supply", "pay", "choose_delivery", "download_result", "rate", "withdraw"]


class AccessOpening(BaseModel):
    role_label: str
    at: str


class PrivateView(LookupResult):
    """The dossier as its applicant sees it from the private link: what the public lookup shows,
    each step with its details, and what is theirs alone."""

    dossier_id: str
    procedure_id: str
    channel: str
    check_due_provisional: bool | None = None
    timeline: list[PrivateEvent]  # type: ignore[assignment]  # the lookup's entries, with details
    documents: list[PrivateDocument]
    supplement: Supplement | None = Field(default=None, description="Giấy tờ cần bổ sung (khi đang chờ bổ sung)")
    fee: FeeDue | None = Field(default=None, description="Phí, lệ phí phải nộp (khi đang chờ nộp)")
    paid: bool = False
    result: ResultView | None = None
    delivery_options: list[DeliveryOption]
    delivery_choice: DeliveryChoice | None = None
    returned: ReturnedView | None = None
    rating: RatingView | None = None
    allowed: list[CitizenAction] = Field(description="Việc người nộp có thể làm lúc này")
    access_trail: list[AccessOpening] = Field(
        default_factory=list, description="Cán bộ (theo vai trò) đã mở hồ sơ, lúc nào: nhiều nhất một lần mỗi giờ cho mỗi cán bộ"
    )
