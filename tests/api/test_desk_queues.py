"""The desk's lists: queues paged by deadline, overdue and due soon, the search by code, ID number
or accent-free name, and the tracking book (form 07): each a Query on the officer's own agency,
never a Scan."""
from __future__ import annotations

import base64
import json

import pytest

from portal.services import deps
from portal.store.aws import dynamodb_client
from tests.api.support import RECEPTIONIST, submission

OTHER_AGENCY = {**RECEPTIONIST, "custom:agency": "000.00.16.H55"}
BAD_CURSOR = "Liên kết trang tiếp theo không hợp lệ hoặc đã cũ, vui lòng tải lại danh sách từ đầu."


def _submit(api, key, name="Nguyễn Văn Bình", id_number="051090001234"):
    body = submission(api.upload())
    body["applicant"]["full_name"] = name
    body["applicant"]["id_number"] = id_number
    answer = api.submit(body, key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _receive(api, dossier):
    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})
    assert answer.status == 200, answer.text
    return answer.json["dossier"]


def _request_supplement(dossier_id):
    """Straight through the store: the dossier waits for the applicant, its clock stopped."""
    store = deps.dossier_store()
    meta = store.get(dossier_id)
    event = {"action": "request_supplement", "from_state": meta["state"], "to_state": "supplement_requested",
             "actor_id": "tiepnhan01", "actor_role": "receptionist", "at": "2026-07-09T10:00:00+07:00",
             "data": {}, "citizen_visible": True}
    store.apply_change(meta, {"supplement_count": 1}, "supplement_requested", event)


def _queue(api, claims=RECEPTIONIST, **query):
    answer = api.officer("GET", "/api/officer/queue", query=query, claims=claims)
    assert answer.status == 200, answer.text
    return answer.json


def _codes(items):
    return [item["code"] for item in items]


def _cursor(key: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def test_a_queue_comes_by_deadline_in_pages_with_nothing_lost_or_repeated(api, clock):
    dossiers = []
    for day in (13, 8, 10, 9, 14):  # submission days in July 2026 (all working days)
        clock.set(2026, 7, day, 9, 0)
        dossiers.append(_submit(api, f"k{day}"))
    by_deadline = [d["code"] for d in sorted(dossiers, key=lambda d: d["check_due"])]

    seen, cursor, pages = [], None, 0
    while True:
        page = _queue(api, queue="submitted", limit=2, **({"cursor": cursor} if cursor else {}))
        seen.extend(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert _codes(seen) == by_deadline
    assert pages >= 3
    assert [item["check_due"] for item in seen] == sorted(item["check_due"] for item in seen)
    assert seen[0]["status_label"] == "Mới đăng ký"


@pytest.mark.parametrize("cursor", [
    "not a cursor!",
    base64.urlsafe_b64encode(b"\xff\xfe garbage").decode(),
    _cursor(["a", "list"]),
    _cursor({"PK": "DOSSIER#X", "SK": "META"}),
    _cursor({"PK": "DOSSIER#X", "SK": "META", "GSI1PK": "AGENCY#000.00.15.H55#STATE#submitted", "GSI1SK": 7}),
    "A" * 2000,
])
def test_a_forged_or_malformed_cursor_is_refused_in_vietnamese(api, cursor):
    _submit(api, "k")

    answer = api.officer("GET", "/api/officer/queue", query={"queue": "submitted", "cursor": cursor})

    assert answer.status == 422, answer.text
    assert answer.json["error"]["code"] == "VALIDATION_FAILED"
    assert BAD_CURSOR in {answer.json["error"]["message"], *answer.error_fields().values()}


def test_a_cursor_never_opens_another_agencys_or_another_queues_partition(api, clock):
    for day in (8, 9):
        clock.set(2026, 7, day, 9, 0)
        _submit(api, f"k{day}")
    cursor = _queue(api, queue="submitted", limit=1)["next_cursor"]
    assert cursor

    other_agency = api.officer("GET", "/api/officer/queue", query={"queue": "submitted", "cursor": cursor}, claims=OTHER_AGENCY)
    other_queue = api.officer("GET", "/api/officer/queue", query={"queue": "received", "cursor": cursor})
    # Edited to name the other agency's partition: still refused for the agency that is asking.
    key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    key["GSI1PK"] = "AGENCY#000.00.16.H55#STATE#submitted"
    edited = api.officer("GET", "/api/officer/queue", query={"queue": "submitted", "cursor": _cursor(key)})

    assert (other_agency.status, other_queue.status, edited.status) == (422, 422, 422)


def test_another_agencys_officer_never_lists_or_finds_these_dossiers(api, clock):
    dossier = _submit(api, "k", name="Trần Thị Bích", id_number="051090009999")
    _receive(api, dossier)
    clock.set(2026, 8, 20, 9, 0)  # long past the appointed date: overdue

    for name in ("submitted", "received", "overdue", "due_soon"):
        assert _queue(api, claims=OTHER_AGENCY, queue=name)["items"] == [], name
    for q in (dossier["code"], "051090009999", "tran thi"):
        answer = api.officer("GET", "/api/officer/search", query={"q": q}, claims=OTHER_AGENCY)
        assert answer.status == 200 and answer.json["items"] == [], q
    book = api.officer("GET", "/api/officer/book", query={"from": "2026-07-01", "to": "2026-07-31"}, claims=OTHER_AGENCY)
    assert book.status == 200 and book.json["rows"] == []
    # The agency's own officer does see it everywhere.
    assert _codes(_queue(api, queue="overdue")["items"]) == [dossier["code"]]


def test_overdue_and_due_soon_follow_the_deadline_and_the_working_calendar(api, clock):
    clock.set(2026, 7, 8, 9, 0)  # Wednesday: check due Friday 10/07
    late_check = _submit(api, "a")
    received = _submit(api, "c")
    waiting = _submit(api, "d")
    clock.set(2026, 7, 9, 10, 0)  # Thursday: received, appointed Thursday 16/07
    assert _receive(api, received)["appointed_date"] == "2026-07-16"
    _request_supplement(waiting["dossier_id"])  # check due 10/07 too, but the applicant owes it
    clock.set(2026, 7, 13, 9, 0)  # Monday: check due Wednesday 15/07
    fresh = _submit(api, "b")
    clock.set(2026, 7, 17, 9, 0)  # Friday: check due Tuesday 21/07
    later = _submit(api, "e")

    clock.set(2026, 7, 14, 9, 0)  # Tuesday: due soon means by Thursday 16/07
    overdue = _queue(api, queue="overdue")["items"]
    due_soon = _queue(api, queue="due_soon")["items"]

    assert _codes(overdue) == [late_check["code"]]
    assert overdue[0]["overdue"] is True and overdue[0]["late"] is True
    assert _codes(due_soon) == [fresh["code"], received["code"]]
    assert [item["deadline"] for item in due_soon] == ["2026-07-15", "2026-07-16"]
    assert not any(item["overdue"] for item in due_soon)
    assert later["code"] not in _codes(due_soon) and waiting["code"] not in _codes(overdue + due_soon)

    clock.set(2026, 7, 17, 9, 0)  # Friday: two working days ahead crosses the weekend, to Tuesday 21/07
    assert _codes(_queue(api, queue="due_soon")["items"]) == [later["code"]]
    assert _codes(_queue(api, queue="overdue")["items"]) == [late_check["code"], fresh["code"], received["code"]]


def test_each_state_has_its_queue_and_an_unknown_queue_is_refused(api):
    waiting = _submit(api, "k")
    _request_supplement(waiting["dossier_id"])

    assert _codes(_queue(api, queue="supplement_requested")["items"]) == [waiting["code"]]
    assert _queue(api, queue="submitted")["items"] == []
    unknown = api.officer("GET", "/api/officer/queue", query={"queue": "refused"})
    too_many = api.officer("GET", "/api/officer/queue", query={"queue": "submitted", "limit": "500"})
    assert unknown.status == 422 and unknown.error_fields() == {"queue": "Danh sách hồ sơ không hợp lệ."}
    assert too_many.status == 422


def _search(api, q, claims=RECEPTIONIST):
    answer = api.officer("GET", "/api/officer/search", query={"q": q}, claims=claims)
    assert answer.status == 200, answer.text
    return answer.json


def test_search_by_code_id_number_and_a_name_typed_without_accents(api):
    bich = _submit(api, "1", name="Trần Thị Bích", id_number="051090001111")
    hung = _submit(api, "2", name="Đặng Văn Hùng", id_number="051090002222")
    binh = _submit(api, "3", name="Nguyễn Văn Bình", id_number="051090003333")
    again = _submit(api, "4", name="Trần Thị Bích", id_number="051090001111")

    by_code = _search(api, f"  {hung['code'].lower()} ")
    assert by_code["matched_by"] == "code" and _codes(by_code["items"]) == [hung["code"]]
    by_id = _search(api, "051090001111")
    assert by_id["matched_by"] == "id_number" and sorted(_codes(by_id["items"])) == sorted([bich["code"], again["code"]])
    assert _search(api, "051090001112")["items"] == []  # exact, never a prefix
    assert _codes(_search(api, "051090003333")["items"]) == [binh["code"]]

    for typed in ("tran thi", "Trần Thị", "  TRAN   thi b", "tr"):
        found = _search(api, typed)
        assert found["matched_by"] == "name", typed
        assert sorted(_codes(found["items"])) == sorted([bich["code"], again["code"]]), typed
    assert _codes(_search(api, "dang")["items"]) == [hung["code"]]
    assert _codes(_search(api, "Đặng")["items"]) == [hung["code"]]
    assert _search(api, "tran van")["items"] == []
    assert _search(api, "000.00.15.H55-260708-9999")["items"] == []


@pytest.mark.parametrize("q", ["t", "Đ", "12345", "--"])
def test_a_search_too_short_to_mean_anything_is_refused(api, q):
    answer = api.officer("GET", "/api/officer/search", query={"q": q})

    assert answer.status == 422, answer.text
    assert "ít nhất 2 chữ cái" in answer.error_fields()["q"]


def test_the_lists_never_scan_the_table(api, clock):
    dossier = _submit(api, "k", name="Trần Thị Bích")
    _receive(api, dossier)
    operations: list[str] = []

    def record(event_name, **_):
        operations.append(event_name.rsplit(".", 1)[-1])

    events = dynamodb_client().meta.events
    events.register("before-call.dynamodb", record, unique_id="desk-queue-test")
    try:
        for name in ("submitted", "received", "processing", "supplement_requested", "awaiting_payment",
                     "result_ready", "withdrawn", "overdue", "due_soon"):
            assert api.officer("GET", "/api/officer/queue", query={"queue": name}).status == 200
        for q in (dossier["code"], "051090001234", "tran thi"):
            assert api.officer("GET", "/api/officer/search", query={"q": q}).status == 200
        assert api.officer("GET", "/api/officer/book", query={"from": "2025-08-01", "to": "2026-07-31"}).status == 200
    finally:
        events.unregister("before-call.dynamodb", unique_id="desk-queue-test")

    assert "Query" in operations and "GetItem" in operations  # the hook saw the reads
    assert "Scan" not in operations
    assert set(operations) <= {"Query", "GetItem"}


def test_the_tracking_book_lists_the_period_in_the_order_received(api, clock):
    clock.set(2026, 6, 29, 9, 0)
    june = _submit(api, "june", name="Lê Văn An")
    early = _submit(api, "early", name="Trần Thị Bích")
    clock.set(2026, 6, 30, 14, 0)  # Tuesday
    _receive(api, june)
    clock.set(2026, 7, 1, 9, 0)
    outside = _submit(api, "outside", name="Phạm Văn Cường")
    clock.set(2026, 7, 2, 8, 30)  # Thursday
    _receive(api, early)
    clock.set(2026, 7, 20, 9, 0)
    _receive(api, outside)  # received after the period
    clock.set(2026, 7, 10, 9, 0)  # June's appointed date (07/07) has passed, July's (09/07) has too

    answer = api.officer("GET", "/api/officer/book", query={"from": "2026-06-30", "to": "2026-07-02"})

    assert answer.status == 200, answer.text
    book = answer.json
    assert (book["from_date"], book["to_date"]) == ("2026-06-30", "2026-07-02")
    rows = book["rows"]
    assert [row["code"] for row in rows] == [june["code"], early["code"]]
    assert [row["number"] for row in rows] == [1, 2]
    first = rows[0]
    assert first["applicant_name"] == "Lê Văn An"
    assert first["applicant_address"] == "12 Hùng Vương, Phường Cẩm Thành, Quảng Ngãi"
    assert first["received_at"] == "2026-06-30T14:00:00+07:00"
    assert first["appointed_date"] == "2026-07-07"
    assert first["status_label"] == "Được tiếp nhận"
    assert first["procedure_title"]
    assert first["returned_at"] is None and first["late"] is True
    assert rows[1]["appointed_date"] == "2026-07-09" and rows[1]["late"] is True


@pytest.mark.parametrize(("first", "last", "field"), [
    ("2026-07-02", "2026-07-01", "to"),
    ("2025-07-01", "2026-07-02", "to"),
    ("2026-02-30", "2026-03-01", "from"),
])
def test_a_book_period_backwards_too_long_or_not_a_date_is_refused(api, first, last, field):
    answer = api.officer("GET", "/api/officer/book", query={"from": first, "to": last})

    assert answer.status == 422, answer.text
    assert field in answer.error_fields()


def test_a_whole_year_fits_in_one_book(api):
    answer = api.officer("GET", "/api/officer/book", query={"from": "2025-07-01", "to": "2026-07-01"})

    assert answer.status == 200, answer.text
    assert answer.json["rows"] == []
