"""What the citizen's draft routes read and answer (pydantic; the desk's: precheck_models.py).
A draft has the submission's structure with every part optional: the types are strict and
unknown keys refused, the values are checked by domain/drafts.py."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from portal.services.models import DocumentRef
from portal.services.request_base import StrictRequest

TOKEN = Field(max_length=200, description="Mã truy cập riêng của hồ sơ nháp (trong liên kết mở lại)")
DRAFT_ID = Field(max_length=40, description="Mã hồ sơ nháp")


class DraftAddress(StrictRequest):
    province: str | None = Field(default=None, description="Tỉnh, thành phố")
    commune: str | None = Field(default=None, description="Xã, phường, đặc khu")
    street: str | None = Field(default=None, description="Số nhà, đường, thôn, tổ")


class DraftApplicant(StrictRequest):
    kind: Literal["ca-nhan", "to-chuc"] | None = Field(default=None, description="Cá nhân hay tổ chức")
    full_name: str | None = None
    id_number: str | None = None
    tax_code: str | None = None
    phone: str | None = None
    email: str | None = None
    address: DraftAddress | None = None


class DraftContent(StrictRequest):
    applicant: DraftApplicant = Field(default_factory=DraftApplicant)
    answers: dict[str, Any] = Field(default_factory=dict, description="Nội dung tờ khai đã nhập, theo trường của thủ tục")
    documents: list[DocumentRef] = Field(default_factory=list, max_length=30)


class CreateDraftRequest(DraftContent):
    procedure_id: str = Field(max_length=100)


class UpdateDraftRequest(DraftContent):
    token: str = TOKEN
    version: int = Field(ge=1, description="Phiên bản hồ sơ nháp đã đọc")


class DraftTokenRequest(StrictRequest):
    token: str = TOKEN


class PrecheckRequest(StrictRequest):
    token: str = TOKEN
    version: int = Field(ge=1, description="Phiên bản hồ sơ nháp đã đọc")


# --- answers ------------------------------------------------------------------------------


class DraftDocument(BaseModel):
    slot: str
    upload_id: str
    filename: str | None = None
    size: int | None = None


class MissingItem(BaseModel):
    path: str
    message: str


class SelfCheck(BaseModel):
    complete: bool
    missing: list[MissingItem]


class Comment(BaseModel):
    path: str
    label: str
    note: str


class Precheck(BaseModel):
    requested_at: str
    due: str
    answered_at: str | None = None
    note: str | None = None
    comments: list[Comment] = Field(default_factory=list)


class LinkSentTo(BaseModel):
    """Where the draft's private link has been sent (the last phone and e-mail, if any)."""

    phone: str | None = None
    email: str | None = None


class DraftView(BaseModel):
    draft_id: str
    procedure_id: str
    procedure_version: int | None = None
    status: Literal["editing", "precheck_waiting", "precheck_answered", "submitted"]
    status_label: str
    version: int
    saved_at: str
    expires_at: str
    applicant: dict[str, Any]
    answers: dict[str, Any]
    documents: list[DraftDocument]
    check: SelfCheck
    precheck: Precheck | None = None
    submitted_code: str | None = None
    link_sent_to: LinkSentTo = Field(default_factory=LinkSentTo)


class CreatedDraft(DraftView):
    access_token: str
    resume_url: str
