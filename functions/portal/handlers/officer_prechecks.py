"""The desk's pre-check of citizens' drafts (services/prechecks.py): the "Chờ xem trước" list,
one draft, the answer."""
from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from portal.handlers.app import actor_from_event, documented
from portal.handlers.officer_queue import OFFICER_SECURITY
from portal.services import prechecks
from portal.services.precheck_models import OfficerDraftView, PrecheckAnswerRequest, PrecheckQueue

router = Router()
TAGS = ["Cán bộ"]


def _actor():
    return actor_from_event(router.current_event.raw_event)


@router.get(
    "/api/officer/prechecks",
    summary="Hồ sơ nháp chờ xem trước của cơ quan, hạn gần nhất trước, theo trang",
    tags=TAGS,
    security=OFFICER_SECURITY,
    responses=documented(200, PrecheckQueue, 401, 403),
)
def precheck_queue(
    cursor: Annotated[str | None, Query(max_length=4096, description="`next_cursor` của trang trước")] = None,
    limit: Annotated[int, Query(ge=1, le=prechecks.MAX_LIMIT, description="Số hồ sơ mỗi trang")] = 50,
) -> PrecheckQueue:
    return prechecks.queue(_actor(), cursor, limit)


@router.get(
    "/api/officer/prechecks/<draft_id>",
    summary="Hồ sơ nháp chờ xem trước: nội dung, tệp (liên kết tải về ngắn hạn), các mục được góp ý",
    tags=TAGS,
    security=OFFICER_SECURITY,
    responses=documented(200, OfficerDraftView, 401, 403, 404),
)
def precheck_detail(draft_id: str) -> OfficerDraftView:
    return prechecks.detail(_actor(), draft_id)


@router.post(
    "/api/officer/prechecks/<draft_id>/answer",
    summary="Cho ý kiến xem trước hồ sơ nháp (một lần): góp ý từng mục và ý kiến chung",
    tags=TAGS,
    security=OFFICER_SECURITY,
    responses=documented(200, OfficerDraftView, 401, 403, 404, 409, 413, 415),
)
def precheck_answer(draft_id: str, request: PrecheckAnswerRequest) -> OfficerDraftView:
    return prechecks.answer(_actor(), draft_id, request)
