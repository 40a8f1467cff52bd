"""The desk's lifecycle through the officer API on moto: every action with its own rule and
data, each role only where the transition table names it, the agency's own dossiers only, and
the conditional write on the version (two officers at once: one wins, the other is told to
reload and nothing of theirs is written)."""
from __future__ import annotations

import pytest

from tests.api.desk_support import (
    LEADER,
    OTHER_SPECIALIST,
    RECEPTIONIST,
    SPECIALIST,
    in_processing,
    seed_specialists,
    submitted,
    upload_result,
)
from tests.api.support import PDF


@pytest.fixture(autouse=True)
def specialists(aws_env):
    seed_specialists(aws_env)


def _actions(detail: dict) -> list[str]:
    return [a["action"] for a in detail["allowed_actions"]]


def test_an_online_dossier_goes_from_submission_to_its_returned_result(api, clock):
    desk = submitted(api)
    clock.set(2026, 7, 9, 10, 0)
    received = desk.ok("receive")["dossier"]
    assert received["appointed_date"] == "2026-07-16"

    detail = desk.ok("forward", {"assignee": "chuyenvien01"})
    assert detail["dossier"]["status"] == "processing" and detail["dossier"]["assignee"] == "chuyenvien01"
    assert _actions(desk.detail(claims=SPECIALIST)) == ["request_supplement", "propose", "request_fee"]

    desk.ok("propose", {"proposal": "approve", "opinion": "Đủ điều kiện cấp."}, claims=SPECIALIST)
    upload_id = upload_result(api)
    decided = desk.ok("decide", {
        "outcome": "approve",
        "result": {"number": "125/GXN-CCTS", "signer": "Nguyễn Văn Hải", "signed_on": "2026-07-09", "upload_id": upload_id},
    }, claims=LEADER)
    assert decided["dossier"]["status"] == "result_ready"
    assert decided["dossier"]["result"]["number"] == "125/GXN-CCTS"
    assert decided["result_url"] and f"dossiers/{desk.id}/ket-qua/1" in decided["result_url"]

    returned = desk.ok("return", {"method": "counter", "collected_by": "Nguyễn Văn Bình"})
    assert returned["dossier"]["status"] == "returned"
    assert returned["dossier"]["delivery"]["collected_by"] == "Nguyễn Văn Bình"
    assert [e["action"] for e in returned["events"]] == ["submit", "receive", "forward", "propose", "decide", "return"]
    assert returned["allowed_actions"] == []


def test_the_detail_offers_only_the_procedure_s_documents_grounds_and_the_agency_s_specialists(api):
    desk = submitted(api)
    desk.ok("receive")
    detail = desk.detail()
    procedure = detail["procedure"]
    assert [d["slot"] for d in procedure["documents"]] == ["don-de-nghi", "giay-uy-quyen"]
    assert procedure["refusal_grounds"] and all(g["kind"] for g in procedure["refusal_grounds"])
    assert procedure["time_limit"] == {"value": 5, "unit": "working_days", "text": procedure["time_limit"]["text"], "unconfirmed": False}
    assert {s["username"] for s in detail["specialists"]} == {"chuyenvien01", "chuyenvien02"}


def test_forward_only_to_a_specialist_of_the_agency(api):
    desk = submitted(api)
    desk.ok("receive")
    answer = desk.act("forward", {"assignee": "chuyenvien-khac"})
    assert answer.status == 422 and "assignee" in answer.error_fields()
    assert desk.detail()["dossier"]["status"] == "received"


def test_a_supplement_is_asked_once_from_the_document_list_with_a_note_per_item(api):
    desk = submitted(api)

    not_listed = desk.act("request_supplement", {"items": [{"slot": "so-do-ho-khau", "note": "Thiếu"}]})
    assert not_listed.status == 422 and "items.0.slot" in not_listed.error_fields()
    no_note = desk.act("request_supplement", {"items": [{"slot": "don-de-nghi", "note": "  "}]})
    assert no_note.status == 422 and "items.0.note" in no_note.error_fields()

    asked = desk.ok("request_supplement", {"items": [{"slot": "don-de-nghi", "note": "Đơn chưa ký tên."}]})
    assert asked["dossier"]["status"] == "supplement_requested"
    assert asked["dossier"]["supplement_items"] == [{"slot": "don-de-nghi", "name": asked["dossier"]["supplement_items"][0]["name"], "note": "Đơn chưa ký tên."}]
    desk.ok("supply", {"note": "Đã nhận đơn có chữ ký tại quầy."})
    assert _actions(desk.detail()) == ["receive", "refuse"]  # no second request is offered
    desk.ok("receive")
    desk.ok("forward", {"assignee": "chuyenvien01"})

    for claims in (RECEPTIONIST, SPECIALIST):
        again = desk.act("request_supplement", {"items": [{"slot": "giay-uy-quyen", "note": "Thiếu"}]}, claims=claims)
        assert again.status == 422, again.text
        assert "một lần" in again.json["error"]["message"]
    assert [e["action"] for e in desk.detail()["events"]].count("request_supplement") == 1


def test_a_refusal_cites_a_declared_ground_and_explains_it(api):
    desk = submitted(api)
    ground = desk.detail()["procedure"]["refusal_grounds"][0]

    for body, field in (
        ({"grounds": [], "note": "x"}, "grounds"),
        ({"grounds": ["thieu-giay-to"], "note": "x"}, "grounds"),
        ({"grounds": [ground["code"]], "note": " "}, "note"),
    ):
        answer = desk.act("refuse", body)
        assert answer.status == 422 and field in answer.error_fields(), answer.text

    refused = desk.ok("refuse", {"grounds": [ground["code"]], "note": "Địa điểm nuôi thuộc vùng cấm."})
    assert refused["dossier"]["status"] == "refused"
    assert refused["dossier"]["refusal_grounds"][0]["text"] == ground["text"]


def test_each_action_only_for_the_roles_the_table_names_and_nothing_written(api):
    desk = submitted(api)
    for claims in (SPECIALIST, LEADER):
        answer = desk.act("receive", claims=claims)
        assert answer.status == 403, answer.text
    desk.ok("receive")
    wrong_state = desk.act("decide", {"outcome": "deny", "reasons": "x"}, claims=LEADER)
    assert wrong_state.status == 409
    assert [e["action"] for e in desk.detail()["events"]] == ["submit", "receive"]


def test_another_agency_s_officer_cannot_see_or_act(api):
    desk = submitted(api)
    stranger = {**RECEPTIONIST, "custom:agency": "000.00.99.H99"}
    assert api.officer("GET", f"/api/officer/dossiers/{desk.id}", claims=stranger).status == 403
    assert desk.act("receive", claims=stranger).status == 403


def test_only_the_assigned_specialist_appraises(api):
    desk = in_processing(api)
    answer = desk.act("propose", {"proposal": "approve", "opinion": "Được."}, claims=OTHER_SPECIALIST)
    assert answer.status == 403
    desk.ok("assign", {"assignee": "chuyenvien02"}, claims=LEADER)
    desk.ok("propose", {"proposal": "deny", "opinion": "Không đủ điều kiện."}, claims=OTHER_SPECIALIST)


def test_the_leader_sends_back_denies_or_approves_only_after_a_proposal(api):
    desk = in_processing(api)
    assert _actions(desk.detail(claims=LEADER)) == ["assign", "stop"]  # no decision before a proposal, no apology yet
    assert desk.act("decide", {"outcome": "deny", "reasons": "Không đủ."}, claims=LEADER).status == 409
    desk.ok("propose", {"proposal": "approve", "opinion": "Đủ."}, claims=SPECIALIST)
    sent_back = desk.ok("send_back", {"note": "Kiểm tra lại tọa độ."}, claims=LEADER)
    assert sent_back["dossier"]["proposal"] is None
    desk.ok("propose", {"proposal": "deny", "opinion": "Ngoài vùng quy hoạch."}, claims=SPECIALIST)

    no_file = desk.act("decide", {"outcome": "approve", "result": {"number": "1", "signer": "A", "signed_on": "2026-07-08", "upload_id": "nope"}}, claims=LEADER)
    assert no_file.status == 422 and "result.upload_id" in no_file.error_fields()
    no_reason = desk.act("decide", {"outcome": "deny"}, claims=LEADER)
    assert no_reason.status == 422 and "reasons" in no_reason.error_fields()
    denied = desk.ok("decide", {"outcome": "deny", "reasons": "Địa điểm nuôi ngoài vùng quy hoạch."}, claims=LEADER)
    assert denied["dossier"]["result"]["outcome"] == "deny"


def test_a_result_that_is_not_a_clean_pdf_is_refused_and_nothing_is_copied(api):
    desk = in_processing(api)
    desk.ok("propose", {"proposal": "approve", "opinion": "Đủ."}, claims=SPECIALIST)
    scripted = PDF.replace(b"<< /Type /Catalog >>", b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>")
    upload_id = upload_result(api, scripted)
    answer = desk.act("decide", {"outcome": "approve", "result": {"number": "1", "signer": "A", "signed_on": "2026-07-08", "upload_id": upload_id}}, claims=LEADER)
    assert answer.status == 422 and "result.upload_id" in answer.error_fields()
    keys = [o["Key"] for o in api.s3.list_objects_v2(Bucket=api.env["DOCUMENTS_BUCKET"]).get("Contents", [])]
    assert not [k for k in keys if "/ket-qua/" in k]


def test_a_stop_cites_a_declared_ground(api):
    desk = in_processing(api)
    ground = desk.detail()["procedure"]["stop_grounds"][0]
    assert desk.act("stop", {"grounds": ["khong-co"], "note": "x"}, claims=LEADER).status == 422
    stopped = desk.ok("stop", {"grounds": [ground["code"]], "note": "Phát hiện giấy tờ giả."}, claims=LEADER)
    assert stopped["dossier"]["status"] == "stopped"


def test_an_apology_only_when_late_or_due_within_two_working_days(api, clock):
    desk = submitted(api)
    clock.set(2026, 7, 9, 10, 0)
    desk.ok("receive")  # appointed Thursday 16/07
    assert "apologise" not in [a["action"] for a in desk.detail()["allowed_actions"]]
    early = desk.act("apologise", {"new_date": "2026-07-20", "reason": "Chờ xác minh."})
    assert early.status == 409, early.text

    clock.set(2026, 7, 15, 9, 0)  # one working day left
    assert "apologise" in [a["action"] for a in desk.detail()["allowed_actions"]]
    not_working = desk.act("apologise", {"new_date": "2026-07-18", "reason": "Chờ xác minh."})
    assert not_working.status == 422 and "new_date" in not_working.error_fields()
    late = desk.ok("apologise", {"new_date": "2026-07-21", "reason": "Chờ kết quả xác minh thực địa."})
    assert late["dossier"]["appointed_date"] == "2026-07-21" and late["dossier"]["late"] is True


def test_two_officers_at_once_one_wins_the_other_is_told_to_reload(api):
    desk = submitted(api)
    first = desk.act("receive", version=1)
    second = desk.act("refuse", {"grounds": [desk.detail()["procedure"]["refusal_grounds"][0]["code"]], "note": "x"}, version=1)
    assert first.status == 200
    assert second.status == 409 and "tải lại" in second.json["error"]["message"]
    assert [e["action"] for e in desk.detail()["events"]] == ["submit", "receive"]


def test_an_unknown_action_is_404_in_the_error_shape(api):
    desk = submitted(api)
    answer = desk.act("approve_everything")
    assert answer.status == 404 and answer.json["error"]["code"] == "NOT_FOUND"
