"""What the desk's pre-check routes read and answer (pydantic): the waiting list, the draft as
the desk reads it (the citizen's view, services/draft_models.py, with download links, what a
comment may name and the answers written out), and the answer."""
from __future__ import annotations

from pydantic import BaseModel, Field

from portal.services.desk_action_models import ActionRequest
from portal.services.draft_models import DraftDocument, DraftView
from portal.services.officer_models import AnswerRow
from portal.services.request_base import StrictRequest


class CommentIn(StrictRequest):
    path: str = Field(max_length=200, description="applicant.<trường>, answers.<trường> hoặc documents.<giấy tờ>")
    note: str = Field(description="Ý kiến về mục này (1–1000 ký tự)")


class PrecheckAnswerRequest(ActionRequest):
    comments: list[CommentIn] = Field(default_factory=list, max_length=100)
    note: str | None = Field(default=None, description="Ý kiến chung")


class OfficerDraftDocument(DraftDocument):
    url: str = Field(description="Liên kết tải về, hiệu lực ngắn")


class AllowedPath(BaseModel):
    path: str
    label: str


class OfficerDraftView(DraftView):
    procedure_title: str
    documents: list[OfficerDraftDocument]  # type: ignore[assignment]
    allowed_paths: list[AllowedPath]
    answer_rows: list[AnswerRow] = Field(
        default_factory=list, description="Nội dung tờ khai đã viết sẵn để đọc (nhãn, giá trị kèm đơn vị)"
    )


class PrecheckItem(BaseModel):
    draft_id: str
    procedure_id: str
    procedure_title: str
    applicant_name: str | None = None
    requested_at: str
    due: str
    overdue: bool


class PrecheckQueue(BaseModel):
    items: list[PrecheckItem]
    next_cursor: str | None = None
