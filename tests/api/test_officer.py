"""Officer routes: the agency's queue by deadline, a dossier in full, and receiving it, with the
role, agency and version checks that keep two officers from stepping on each other."""
import pytest

from portal.domain.errors import Conflict
from portal.services import deps
from tests.api.support import RECEPTIONIST, SPECIALIST, submission


def _submit(api, key, name="Nguyễn Văn Bình"):
    body = submission(api.upload())
    body["applicant"]["full_name"] = name
    answer = api.submit(body, key=key)
    assert answer.status == 201, answer.text
    return answer.json


def test_queue_lists_the_agency_dossiers_by_completeness_check_due(api, clock):
    clock.set(2026, 7, 9, 9, 0)  # Thursday: check due Monday 13/07
    later = _submit(api, "later", name="Trần Thị Lan")
    clock.set(2026, 7, 8, 9, 0)  # Wednesday: check due Friday 10/07
    sooner = _submit(api, "sooner")

    answer = api.officer("GET", "/api/officer/queue", query={"queue": "submitted"})

    assert answer.status == 200, answer.text
    items = answer.json["items"]
    assert [i["code"] for i in items] == [sooner["code"], later["code"]]
    assert [i["check_due"] for i in items] == ["2026-07-10", "2026-07-13"]
    assert items[0]["applicant_name"] == "Nguyễn Văn Bình"
    assert items[0]["status_label"] == "Mới đăng ký"


def test_detail_shows_documents_with_download_links_events_and_actions(api):
    dossier = _submit(api, "k")

    answer = api.officer("GET", f"/api/officer/dossiers/{dossier['dossier_id']}")

    assert answer.status == 200, answer.text
    detail = answer.json
    assert detail["dossier"]["code"] == dossier["code"]
    assert detail["dossier"]["applicant"]["id_number"] == "051090001234"
    assert "access_token_hash" not in detail["dossier"]
    [document] = detail["documents"]
    assert document["slot"] == "don-de-nghi" and document["filename"] == "don.pdf"
    assert f"dossiers/{dossier['dossier_id']}/don-de-nghi/1" in document["download_url"]
    assert [e["action"] for e in detail["events"]] == ["submit"]
    assert [a["action"] for a in detail["allowed_actions"]] == ["receive", "refuse", "request_supplement"]


def test_detail_writes_the_answers_out_with_their_units_and_labels(api):
    dossier = _submit(api, "k")

    detail = api.officer("GET", f"/api/officer/dossiers/{dossier['dossier_id']}").json

    rows = {row["name"]: row["text"] for row in detail["dossier"]["answer_rows"]}
    assert rows["so_luong_long"] == "12 lồng"
    assert rows["the_tich_long"] == "1.250,5 m³"
    assert rows["ngay_bat_dau_nuoi"] == "01/06/2026"
    assert rows["loai_giay"] == "Cấp mới"
    assert rows["dia_diem_nuoi"] == "Vịnh Dung Quất, Xã Bình Châu, Quảng Ngãi"


def test_receive_sets_the_appointed_date_and_moves_the_dossier_between_queues(api, clock):
    dossier = _submit(api, "k")
    clock.set(2026, 7, 9, 10, 0)  # Thursday morning, before the 15:00 cut-off

    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})

    assert answer.status == 200, answer.text
    received = answer.json["dossier"]
    assert received["status"] == "received" and received["status_label"] == "Được tiếp nhận"
    assert received["received_at"] == "2026-07-09T10:00:00+07:00"
    assert received["appointed_date"] == "2026-07-16"  # 5 working days after the day of receipt
    assert received["version"] == 2
    events = answer.json["events"]
    assert [e["action"] for e in events] == ["submit", "receive"]
    assert events[1]["actor_id"] == "tiepnhan01" and events[1]["actor_role"] == "receptionist"

    submitted_queue = api.officer("GET", "/api/officer/queue", query={"queue": "submitted"}).json["items"]
    received_queue = api.officer("GET", "/api/officer/queue", query={"queue": "received"}).json["items"]
    assert submitted_queue == []
    assert [i["dossier_id"] for i in received_queue] == [dossier["dossier_id"]]
    assert received_queue[0]["deadline"] == "2026-07-16"

    status = api.post("/api/lookup", {"code": dossier["code"], "id_number": "051090001234"}).json
    assert status["appointed_date"] == "2026-07-16"
    assert [e["label"] for e in status["timeline"]] == ["Nộp hồ sơ", "Tiếp nhận hồ sơ"]


def test_after_the_cutoff_the_clock_starts_the_next_working_day(api, clock):
    dossier = _submit(api, "k")
    clock.set(2026, 7, 9, 15, 30)  # Thursday after 15:00 counts as Friday

    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})

    assert answer.json["dossier"]["appointed_date"] == "2026-07-17"


def test_two_officers_receiving_the_same_version_one_wins(api):
    dossier = _submit(api, "k")
    path = f"/api/officer/dossiers/{dossier['dossier_id']}/receive"

    first = api.officer("POST", path, {"version": 1})
    second = api.officer("POST", path, {"version": 1})

    assert sorted([first.status, second.status]) == [200, 409]
    assert second.json["error"]["code"] == "CONFLICT"
    assert second.json["error"]["message"] == "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."
    events = [i for i in api.items() if i["SK"].startswith("EVENT#")]
    assert len(events) == 2


def test_the_version_check_is_enforced_by_the_write_itself(api):
    """Two requests that both read version 1 before either wrote: the store's conditional
    transaction lets only one through and records only its event."""
    dossier = _submit(api, "k")
    store = deps.dossier_store()
    event = {"action": "receive", "from_state": "submitted", "to_state": "received", "actor_id": "a",
             "actor_role": "receptionist", "at": "2026-07-09T10:00:00+07:00", "data": {}, "citizen_visible": True}
    read_by_both = store.get(dossier["dossier_id"])

    store.apply_change(read_by_both, {"received_at": event["at"]}, "received", event)
    with pytest.raises(Conflict):
        store.apply_change(read_by_both, {"received_at": "late"}, "received", event)

    meta = store.get(dossier["dossier_id"])
    assert meta["version"] == 2 and meta["received_at"] == event["at"]
    assert len(store.get_with_children(dossier["dossier_id"])["events"]) == 2


def test_officer_routes_without_claims_are_unauthenticated(api):
    answer = api.officer("GET", "/api/officer/queue", claims=None)

    assert answer.status == 401
    assert answer.json["error"]["code"] == "UNAUTHENTICATED"


def test_a_specialist_may_not_receive(api):
    dossier = _submit(api, "k")

    answer = api.officer(
        "POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1}, claims=SPECIALIST
    )

    assert answer.status == 403
    assert answer.json["error"]["code"] == "FORBIDDEN"
    assert api.officer("GET", f"/api/officer/dossiers/{dossier['dossier_id']}").json["dossier"]["state"] == "submitted"


def test_an_officer_of_another_agency_cannot_see_the_dossier(api):
    dossier = _submit(api, "k")
    other = {**RECEPTIONIST, "custom:agency": "000.00.16.H55"}

    detail = api.officer("GET", f"/api/officer/dossiers/{dossier['dossier_id']}", claims=other)
    queue = api.officer("GET", "/api/officer/queue", claims=other)

    assert detail.status == 403
    assert queue.status == 200 and queue.json["items"] == []


def test_groups_claim_as_a_json_list_is_understood(api):
    dossier = _submit(api, "k")
    claims = {**RECEPTIONIST, "cognito:groups": '["leader", "receptionist"]'}

    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1}, claims=claims)

    assert answer.status == 200, answer.text
