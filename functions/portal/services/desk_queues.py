"""The officer desk's lists: the queues of the desk's work, overdue and due soon, the search
(by dossier code, ID number or applicant name) and the tracking book (form 07) of a period.

Each is one or a few Queries on the officer's own agency's partitions (store.dossier_queries),
never a Scan; only dossiers of the officer's agency are ever listed or found.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from portal.domain import clock
from portal.domain.answers import answer_text
from portal.domain.codes import is_dossier_code, normalise_code
from portal.domain.deadlines import due_soon_until, is_late, is_overdue
from portal.domain.errors import FieldError, NotFound, ValidationFailed
from portal.domain.folding import name_key
from portal.domain.states import Actor, State
from portal.services import deps
from portal.services.desk_access import require_officer
from portal.services.desk_queue_models import BookResult, BookRow, QueueItem, QueueResult, SearchResult
from portal.store.dossier_queries import DossierQueries

# One state each (the state's queue, by deadline); overdue and due_soon read the open dossiers.
STATE_QUEUES = frozenset(
    {
        State.SUBMITTED,
        State.RECEIVED,
        State.PROCESSING,
        State.SUPPLEMENT_REQUESTED,
        State.AWAITING_PAYMENT,
        State.RESULT_READY,
        State.WITHDRAWN,
    }
)
DEADLINE_QUEUES = ("overdue", "due_soon")
QUEUE_NAMES = tuple(sorted(STATE_QUEUES)) + DEADLINE_QUEUES
MAX_LIMIT = 100
SEARCH_LIMIT = 50
BOOK_MAX_DAYS = 366
# CMND (9 digits), CCCD (12), an organisation's tax code (10 or 13): only ASCII digits.
_ID_NUMBER = re.compile(r"[0-9]{9}|[0-9]{10}|[0-9]{12}|[0-9]{13}")
MIN_NAME_LETTERS = 2


def _queries() -> DossierQueries:
    return DossierQueries(deps.dossier_store().table_name)


def _today() -> date:
    return clock.now_vn().date()


def queue_item(meta: dict, today: date) -> QueueItem:
    state = State(meta["state"])
    return QueueItem(
        dossier_id=meta["id"],
        code=meta.get("code"),
        procedure_id=meta.get("procedure_id"),
        procedure_title=deps.catalogue().title_for(meta),
        status=state.value,
        status_label=state.label,
        applicant_name=(meta.get("applicant") or {}).get("full_name"),
        channel=meta.get("channel"),
        submitted_at=meta.get("submitted_at"),
        check_due=meta.get("check_due"),
        received_at=meta.get("received_at"),
        appointed_date=meta.get("appointed_date"),
        deadline=meta.get("deadline"),
        version=int(meta["version"]),
        overdue=is_overdue(meta, today),
        late=is_late(meta, today),
    )


def queue(actor: Actor, name: str = "submitted", cursor: str | None = None, limit: int = 50) -> QueueResult:
    """One page of a queue, the nearest deadline first; `cursor` is the previous page's."""
    agency = require_officer(actor)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(fields=[FieldError("limit", f"Số hồ sơ mỗi trang phải từ 1 đến {MAX_LIMIT}.")])
    today = _today()
    queries = _queries()
    if name == "overdue":
        page = queries.overdue(agency, today, cursor, limit)
    elif name == "due_soon":
        page = queries.due_between(agency, today, due_soon_until(today, deps.catalogue().working_calendar), cursor, limit)
    elif name in STATE_QUEUES:
        page = queries.by_state(agency, name, cursor, limit)
    else:
        raise ValidationFailed(fields=[FieldError("queue", "Danh sách hồ sơ không hợp lệ.")])
    return QueueResult(items=[queue_item(meta, today) for meta in page.items], next_cursor=page.next_cursor)


def search(actor: Actor, q: str) -> SearchResult:
    """A dossier code (exact), an ID number or tax code (exact), else the start of the
    applicant's name, with or without Vietnamese accents."""
    agency = require_officer(actor)
    text = (q or "").strip()
    today = _today()
    if is_dossier_code(normalise_code(text)):
        found = _by_code(agency, normalise_code(text))
        return SearchResult(items=[queue_item(meta, today) for meta in found], matched_by="code")
    if _ID_NUMBER.fullmatch(text):
        found = _queries().by_id_number(agency, text, SEARCH_LIMIT)
        return SearchResult(items=[queue_item(meta, today) for meta in found], matched_by="id_number")
    prefix = name_key(text)
    if sum(c.isalpha() for c in prefix) < MIN_NAME_LETTERS:
        raise ValidationFailed(
            fields=[FieldError("q", "Nhập mã hồ sơ, số CMND/CCCD hoặc ít nhất 2 chữ cái đầu của họ tên người nộp.")]
        )
    found = _queries().by_name_prefix(agency, prefix, SEARCH_LIMIT)
    return SearchResult(items=[queue_item(meta, today) for meta in found], matched_by="name")


def _by_code(agency: str, code: str) -> list[dict]:
    """The dossier of that code, if it is this agency's: another agency's dossier is not found
    (the answer does not tell that it exists)."""
    store = deps.dossier_store()
    dossier_id = store.id_for_code(code)
    if dossier_id is None:
        return []
    try:
        meta = store.get(dossier_id)
    except NotFound:
        return []
    return [meta] if meta.get("agency") == agency else []


def book(actor: Actor, first: date, last: date) -> BookResult:
    """The tracking book (Sổ theo dõi hồ sơ, form 07): every dossier received in the period, in
    the order received."""
    agency = require_officer(actor)
    if last < first:
        raise ValidationFailed(fields=[FieldError("to", "Ngày cuối kỳ phải từ ngày đầu kỳ trở đi.")])
    if last - first >= timedelta(days=BOOK_MAX_DAYS):
        raise ValidationFailed(fields=[FieldError("to", f"Mỗi lần xem sổ tối đa {BOOK_MAX_DAYS} ngày.")])
    today = _today()
    received = _queries().received_between(agency, first, last)
    return BookResult(
        from_date=first.isoformat(),
        to_date=last.isoformat(),
        rows=[_book_row(number, meta, today) for number, meta in enumerate(received, start=1)],
    )


def _book_row(number: int, meta: dict, today: date) -> BookRow:
    state = State(meta["state"])
    applicant = meta.get("applicant") or {}
    address = answer_text({"type": "address"}, applicant.get("address")) or None  # one line, as the desk reads it
    return BookRow(
        number=number,
        dossier_id=meta["id"],
        code=meta.get("code"),
        procedure_title=deps.catalogue().title_for(meta),
        applicant_name=applicant.get("full_name"),
        applicant_address=address,
        applicant_phone=applicant.get("phone"),
        received_at=meta["received_at"],
        appointed_date=meta.get("appointed_date"),
        forwarded_at=meta.get("forwarded_at"),
        decided_at=meta.get("decided_at"),
        returned_at=(meta.get("delivery") or {}).get("returned_at"),
        closed_at=meta.get("closed_at"),
        status=state.value,
        status_label=state.label,
        late=is_late(meta, today),
    )
