"""Officer reads: the desk's queues (paged, by deadline), the search, the tracking book, and one
dossier in full."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from portal.handlers.app import actor_from_event, documented
from portal.services import desk_queues, officer
from portal.services.desk_queue_models import BookResult, QueueResult, SearchResult
from portal.services.officer_models import DossierDetail

router = Router()
OFFICER_SECURITY: list[dict[str, list[str]]] = [{"officerJwt": []}]


def _actor():
    return actor_from_event(router.current_event.raw_event)


@router.get(
    "/api/officer/queue",
    summary="Danh sách hồ sơ của một hàng việc, hạn gần nhất trước, theo trang",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, QueueResult, 401, 403),
)
def officer_queue(
    queue: Annotated[str, Query(max_length=40, description=" | ".join(desk_queues.QUEUE_NAMES))] = "submitted",
    cursor: Annotated[str | None, Query(max_length=4096, description="`next_cursor` của trang trước")] = None,
    limit: Annotated[int, Query(ge=1, le=desk_queues.MAX_LIMIT, description="Số hồ sơ mỗi trang")] = 50,
) -> QueueResult:
    return desk_queues.queue(_actor(), queue, cursor, limit)


@router.get(
    "/api/officer/search",
    summary="Tìm hồ sơ theo mã hồ sơ, số CMND/CCCD (hoặc mã số thuế) hoặc họ tên người nộp (gõ có hoặc không dấu)",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, SearchResult, 401, 403),
)
def officer_search(
    q: Annotated[str, Query(min_length=1, max_length=100, description="Mã hồ sơ, số giấy tờ hoặc phần đầu họ tên")],
) -> SearchResult:
    return desk_queues.search(_actor(), q)


@router.get(
    "/api/officer/book",
    summary="Sổ theo dõi hồ sơ (mẫu 07): hồ sơ tiếp nhận trong kỳ, theo thứ tự tiếp nhận",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, BookResult, 401, 403),
)
def officer_book(
    first: Annotated[date, Query(alias="from", description="Ngày đầu kỳ, YYYY-MM-DD")],
    last: Annotated[date, Query(alias="to", description="Ngày cuối kỳ, YYYY-MM-DD (kỳ tối đa 366 ngày)")],
) -> BookResult:
    return desk_queues.book(_actor(), first, last)


@router.get(
    "/api/officer/dossiers/<dossier_id>",
    summary="Chi tiết hồ sơ: giấy tờ (liên kết tải về ngắn hạn), nhật ký, thao tác được phép",
    tags=["Cán bộ"],
    security=OFFICER_SECURITY,
    responses=documented(200, DossierDetail, 401, 403, 404),
)
def officer_dossier(dossier_id: str) -> DossierDetail:
    return officer.detail(actor_from_event(router.current_event.raw_event), dossier_id)
