"""What a dossier must contain, checked against the procedure's catalogue entry."""
import json
from decimal import Decimal

import pytest

from portal.domain.catalogue import (
    Catalogue,
    fee_amount,
    format_money_vi,
    validate_answers,
    validate_applicant,
    validate_document_slots,
)
from portal.domain.errors import NotFound
from tests.unit.procedures import (
    CALENDAR_2026,
    answers,
    aquaculture,
    catch_certificate,
    organisation,
    person,
)


def paths(errors):
    return [e.path for e in errors]


# --- catalogue ------------------------------------------------------------------------------


def test_catalogue_loads_and_finds_procedures(tmp_path):
    data = {"schema_version": 1, "calendar": CALENDAR_2026, "procedures": [aquaculture(), catch_certificate()]}
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    catalogue = Catalogue.load(path)
    assert catalogue.get("nuoi-trong-long-be")["title"].startswith("Cấp giấy xác nhận")
    assert [p["id"] for p in catalogue.procedures] == ["nuoi-trong-long-be", "nguon-goc-thuy-san"]
    assert catalogue.calendar_overrides == CALENDAR_2026
    with pytest.raises(NotFound) as raised:
        catalogue.get("khong-co")
    assert raised.value.message == "Không tìm thấy thủ tục."


def _versioned() -> Catalogue:
    """Aquaculture now at version 2 (7 working days), version 1 (5 days) in the archive."""
    v1 = aquaculture()
    v1["superseded_on"] = "2024-05-20"
    v2 = aquaculture()
    v2.update(version=2, effective_date="2024-05-20", title="Cấp giấy xác nhận (tên mới)")
    for channel in v2["channels"].values():
        channel["time_limit"]["value"] = 7
    v2["older_versions"] = [{"version": 1, "effective_date": "2019-03-08", "superseded_on": "2024-05-20"}]
    return Catalogue({"schema_version": 1, "calendar": CALENDAR_2026, "procedures": [v2], "archive": [v1]})


def test_get_returns_the_current_version_unless_another_is_asked_for():
    catalogue = _versioned()
    assert catalogue.get("nuoi-trong-long-be")["version"] == 2
    assert catalogue.get("nuoi-trong-long-be", 2)["version"] == 2
    old = catalogue.get("nuoi-trong-long-be", 1)
    assert old["version"] == 1 and old["channels"]["online"]["time_limit"]["value"] == 5
    # DynamoDB hands numbers back as Decimal.
    assert catalogue.get("nuoi-trong-long-be", Decimal(1)) is old
    assert [p["version"] for p in catalogue.procedures] == [2]  # the archive is not a procedure list


def test_an_unknown_version_is_not_found():
    with pytest.raises(NotFound) as raised:
        _versioned().get("nuoi-trong-long-be", 3)
    assert raised.value.message == "Không tìm thấy phiên bản 3 của thủ tục."
    with pytest.raises(NotFound):
        _versioned().get("khong-co", 1)


def test_a_dossier_is_read_against_the_version_it_was_submitted_under():
    catalogue = _versioned()
    assert catalogue.for_dossier({"procedure_id": "nuoi-trong-long-be", "procedure_version": Decimal(1)})["version"] == 1
    # Recorded before versions were kept: the current one.
    assert catalogue.for_dossier({"procedure_id": "nuoi-trong-long-be"})["version"] == 2


def test_a_dossier_title_is_its_version_title_or_the_best_known_name():
    catalogue = _versioned()
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 1}).startswith("Cấp giấy xác nhận đăng ký")
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 2}) == "Cấp giấy xác nhận (tên mới)"
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 9}) == "Cấp giấy xác nhận (tên mới)"
    assert catalogue.title_for({"procedure_id": "da-bai-bo", "procedure_version": 1}) == "da-bai-bo"


# --- applicant ------------------------------------------------------------------------------


def test_a_person_with_a_valid_cccd_passes():
    assert validate_applicant(aquaculture(), person()) == []


def test_an_organisation_with_a_tax_code_passes():
    assert validate_applicant(aquaculture(), organisation()) == []
    assert validate_applicant(aquaculture(), organisation(tax_code="4300123456-001")) == []
    assert validate_applicant(aquaculture(), organisation(tax_code="4300123456001")) == []


@pytest.mark.parametrize("id_number", ["05109000123", "0510900012345", "05109000123A", ""])
def test_a_bad_cccd_is_flagged(id_number):
    errors = validate_applicant(aquaculture(), person(id_number=id_number))
    assert paths(errors) == ["applicant.id_number"]


@pytest.mark.parametrize("tax_code", ["430012345", "43001234560", "4300123456-01", "4300123456/001"])
def test_a_bad_tax_code_is_flagged(tax_code):
    errors = validate_applicant(aquaculture(), organisation(tax_code=tax_code))
    assert paths(errors) == ["applicant.tax_code"]


def test_an_organisation_needs_its_name():
    errors = validate_applicant(aquaculture(), organisation(full_name=" "))
    assert paths(errors) == ["applicant.full_name"]
    assert errors[0].message == "Vui lòng nhập tên tổ chức."


def test_a_procedure_for_organisations_turns_a_person_away():
    errors = validate_applicant(catch_certificate(), person())
    assert paths(errors) == ["applicant.kind"]
    assert "chỉ nhận hồ sơ của tổ chức" in errors[0].message


def test_phone_email_and_two_level_address():
    errors = validate_applicant(
        aquaculture(),
        person(phone="12345", email="khong-phai-email", address={"province": "Quảng Ngãi", "commune": ""}),
    )
    assert paths(errors) == ["applicant.phone", "applicant.email", "applicant.address.commune"]
    assert validate_applicant(aquaculture(), person(phone="+84912345678", email=None)) == []


# --- form answers ---------------------------------------------------------------------------


def test_complete_answers_pass():
    assert validate_answers(aquaculture(), answers(ngay_bat_dau_nuoi="2026-03-01")) == []


def test_required_fields_are_named_in_the_message():
    errors = validate_answers(aquaculture(), answers(doi_tuong_nuoi="  ", loai_giay=None))
    assert {e.path: e.message for e in errors} == {
        "answers.loai_giay": "Vui lòng chọn Loại đề nghị.",
        "answers.doi_tuong_nuoi": "Vui lòng nhập Đối tượng nuôi.",
    }


def test_a_choice_must_be_one_of_the_options():
    errors = validate_answers(aquaculture(), answers(loai_giay="gia-han"))
    assert paths(errors) == ["answers.loai_giay"]


@pytest.mark.parametrize("value, ok", [(1, True), (500, True), ("12", True), (0, False), (501, False), ("mười", False)])
def test_a_number_must_be_in_range(value, ok):
    errors = validate_answers(aquaculture(), answers(so_luong_long=value))
    assert paths(errors) == ([] if ok else ["answers.so_luong_long"])


def test_number_range_message_uses_the_unit():
    [error] = validate_answers(aquaculture(), answers(so_luong_long=0))
    assert error.message == "Số lượng lồng phải từ 1 lồng trở lên."


@pytest.mark.parametrize("value", ["2026-02-30", "01/03/2026", "hôm qua"])
def test_a_date_must_be_a_real_date(value):
    assert paths(validate_answers(aquaculture(), answers(ngay_bat_dau_nuoi=value))) == ["answers.ngay_bat_dau_nuoi"]


def test_an_address_needs_province_and_commune():
    errors = validate_answers(aquaculture(), answers(dia_diem_nuoi={"province": "Quảng Ngãi"}))
    assert paths(errors) == ["answers.dia_diem_nuoi.commune"]


def test_text_length_and_pattern():
    assert paths(validate_answers(aquaculture(), answers(doi_tuong_nuoi="x" * 21))) == ["answers.doi_tuong_nuoi"]
    assert validate_answers(aquaculture(), answers(so_dang_ky_tau="QNg-90123-TS")) == []
    [error] = validate_answers(aquaculture(), answers(so_dang_ky_tau="90123"))
    assert (error.path, error.message) == ("answers.so_dang_ky_tau", "Số đăng ký tàu có dạng QNg-90123-TS.")


def test_unknown_answers_are_rejected():
    assert paths(validate_answers(aquaculture(), answers(ghi_chu_an="..."))) == ["answers.ghi_chu_an"]


# --- documents ------------------------------------------------------------------------------


def test_documents_complete():
    docs = [{"slot": "don-de-nghi", "upload_id": "u1"}]
    assert validate_document_slots(aquaculture(), docs) == []


def test_a_missing_required_document_is_named():
    errors = validate_document_slots(aquaculture(), [{"slot": "giay-uy-quyen", "upload_id": "u2"}])
    assert [(e.path, e.message) for e in errors] == [
        ("documents.don-de-nghi", "Thiếu giấy tờ bắt buộc: Đơn đăng ký nuôi trồng thủy sản")
    ]


def test_an_unknown_slot_is_rejected():
    docs = [{"slot": "don-de-nghi", "upload_id": "u1"}, {"slot": "so-ho-khau", "upload_id": "u3"}]
    assert paths(validate_document_slots(aquaculture(), docs)) == ["documents.so-ho-khau"]


# --- fees -----------------------------------------------------------------------------------


def test_fees():
    channels = catch_certificate()["channels"]
    per_tonne = channels["online"]["fee"]
    assert fee_amount(per_tonne, 2) == 180_000  # 150.000 + 2 × 15.000
    assert fee_amount(per_tonne, 2.5) == 187_500
    assert fee_amount(per_tonne, 100) == 700_000  # capped
    assert fee_amount(per_tonne) is None
    assert fee_amount(channels["post"]["fee"]) == 40_000
    assert fee_amount(channels["counter"]["fee"]) is None
    assert fee_amount({"kind": "none"}) == 0


def test_money_is_written_the_vietnamese_way():
    assert format_money_vi(40000) == "40.000 đ"
    assert format_money_vi(1_234_567) == "1.234.567 đ"
    assert format_money_vi(0) == "0 đ"
