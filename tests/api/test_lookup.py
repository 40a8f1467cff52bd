"""POST /api/lookup: status by code + the applicant's ID number (or the private token), with no
personal data, and one answer for every failure."""
import pytest

from tests.api.support import submission

NOT_FOUND = "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."


@pytest.fixture
def submitted(api):
    return api.submit(submission(api.upload())).json


def test_code_and_citizen_id_show_the_status_without_personal_data(api, submitted):
    answer = api.post("/api/lookup", {"code": submitted["code"], "id_number": "051090001234"})

    assert answer.status == 200, answer.text
    status = answer.json
    assert status["code"] == submitted["code"]
    assert status["procedure_title"].startswith("Cấp, cấp lại giấy xác nhận đăng ký nuôi trồng thủy sản")
    assert status["status"] == "submitted" and status["status_label"] == "Mới đăng ký"
    assert status["submitted_at"] == "2026-07-08T09:00:00+07:00"
    assert status["received_at"] is None and status["appointed_date"] is None
    assert [(e["label"], e["at"]) for e in status["timeline"]] == [("Nộp hồ sơ", "2026-07-08T09:00:00+07:00")]
    for personal in ("Nguyễn Văn Bình", "051090001234", "0905123456", "binh@example.vn", "Hùng Vương", "Cá bớp"):
        assert personal not in answer.text


def test_code_typed_loosely_still_matches(api, submitted):
    answer = api.post("/api/lookup", {"code": f"  {submitted['code'].lower()} ", "id_number": "0510 9000 1234"})

    assert answer.status == 200


def test_the_private_token_also_opens_the_status(api, submitted):
    answer = api.post("/api/lookup", {"code": submitted["code"], "access_token": submitted["access_token"]})

    assert answer.status == 200
    assert answer.json["status"] == "submitted"


def test_a_wrong_id_gets_the_same_answer_as_an_unknown_code(api, submitted):
    wrong_id = api.post("/api/lookup", {"code": submitted["code"], "id_number": "051090009999"})
    unknown_code = api.post("/api/lookup", {"code": "000.00.15.H55-260708-0099", "id_number": "051090001234"})
    wrong_token = api.post("/api/lookup", {"code": submitted["code"], "access_token": "not-the-token"})

    assert wrong_id.status == unknown_code.status == wrong_token.status == 404
    assert wrong_id.json == unknown_code.json == wrong_token.json
    assert wrong_id.json["error"]["message"] == NOT_FOUND


def test_a_lookup_needs_an_id_number_or_token(api, submitted):
    answer = api.post("/api/lookup", {"code": submitted["code"]})

    assert answer.status == 422
    assert "id_number" in answer.error_fields()


def test_an_appointed_date_counted_into_a_year_without_a_calendar_is_marked_provisional(api, clock):
    clock.set(2026, 12, 30, 9, 0)  # five working days from here run into 2027, which no file decides
    dossier = api.submit(submission(api.upload())).json
    received = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})
    assert received.status == 200, received.text

    status = api.post("/api/lookup", {"code": dossier["code"], "id_number": "051090001234"}).json

    assert status["appointed_date"].startswith("2027-")
    assert status["appointed_date_provisional"] is True
