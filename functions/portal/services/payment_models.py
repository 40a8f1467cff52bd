"""The payment routes' bodies and answers (services/payments.py)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from portal.services.request_base import StrictRequest


class TokenRequest(StrictRequest):
    access_token: str = Field(max_length=200, description="Mã truy cập riêng của hồ sơ (trong liên kết riêng)")


class PaymentStart(BaseModel):
    url: str = Field(description="Địa chỉ trang thanh toán của cổng thanh toán (chuyển trình duyệt tới đó)")
    txn_ref: str = Field(description="Mã giao dịch của lần thanh toán này")
    amount: int = Field(description="Số tiền (đồng), đúng bằng số tiền cơ quan yêu cầu")
    amount_text: str


class IpnAnswer(BaseModel):
    """What VNPay's IPN expects back (its own field names)."""

    RspCode: str
    Message: str


class PaymentReceipt(BaseModel):
    dossier_id: str
    code: str
    procedure_title: str
    agency_name: str
    payer: str
    amount: int
    amount_text: str
    reason: str | None = Field(default=None, description="Căn cứ của số tiền, khi cán bộ nhập tay")
    method: str
    method_label: str
    receipt_number: str | None = Field(default=None, description="Số biên lai (tại quầy) hoặc số giao dịch (trực tuyến)")
    txn_ref: str | None = None
    paid_at: str
    paid_at_text: str = Field(description="dd/mm/yyyy HH:MM, giờ Việt Nam")
