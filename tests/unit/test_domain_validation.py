"""What a dossier's applicant and answers must be, by the compiled field rules: the value stored
is the cleaned one, and every wrong field is named, never a crash."""
import unicodedata

import pytest

from portal.domain.field_rules import FieldRules
from portal.domain.validation import check_answers, check_applicant, validate_document_slots
from scripts.catalogue.field_rules import field_rules
from tests.unit.procedures import answers, aquaculture, catch_certificate, organisation, person

RULES = FieldRules(field_rules())


def paths(errors):
    return [e.path for e in errors]


def messages(errors):
    return {e.path: e.message for e in errors}


def applicant_errors(applicant, procedure=None):
    return check_applicant(procedure or aquaculture(), applicant, RULES)[1]


def answer_errors(values, procedure=None):
    return check_answers(procedure or aquaculture(), values, RULES)[1]


def counted_cages() -> dict:
    """Aquaculture whose count of cages is a whole number (`integer` in the compiled field)."""
    procedure = aquaculture()
    cages = next(f for f in procedure["form"]["fields"] if f["name"] == "so_luong_long")
    cages["integer"] = True
    return procedure


# --- applicant ------------------------------------------------------------------------------


def test_a_person_and_an_organisation_pass_and_are_stored_cleaned():
    clean, errors = check_applicant(aquaculture(), person(full_name="  Nguyễn Văn An ", phone="0912 345.678"), RULES)
    assert errors == []
    assert clean["full_name"] == "Nguyễn Văn An"
    assert clean["phone"] == "0912345678"  # as the rule says: spaces and dots dropped
    assert clean["address"] == {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Hùng Vương"}
    for tax_code in ("4300123456", "4300123456-001", "4300123456001"):
        assert applicant_errors(organisation(tax_code=tax_code)) == []


@pytest.mark.parametrize("id_number", [
    "05109000123", "0510900012345", "05109000123A",
    "０５１０９０００１２３４",  # full-width digits, as some phone keyboards type them
    "٠٥١٠٩٠٠٠١٢٣٤",  # Arabic-Indic digits
    "05109000123٤",
])
def test_a_cccd_is_twelve_ascii_digits(id_number):
    errors = applicant_errors(person(id_number=id_number))
    assert messages(errors) == {"applicant.id_number": "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số."}


@pytest.mark.parametrize("tax_code", ["430012345", "43001234560", "4300123456-01", "4300123456/001", "４３００１２３４５６"])
def test_a_bad_tax_code_is_flagged(tax_code):
    assert paths(applicant_errors(organisation(tax_code=tax_code))) == ["applicant.tax_code"]


def test_a_phone_in_other_digits_is_refused():
    assert paths(applicant_errors(person(phone="０９１２３４５６７８"))) == ["applicant.phone"]


def test_a_missing_name_is_asked_for_by_what_the_applicant_is():
    assert messages(applicant_errors(organisation(full_name=" "))) == {"applicant.full_name": "Vui lòng nhập tên tổ chức."}
    assert messages(applicant_errors(person(full_name=""))) == {"applicant.full_name": "Vui lòng nhập họ và tên."}


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u200b \ufeff\u2060", "\u00ad"])
def test_a_name_made_only_of_invisible_characters_is_no_name(name):
    assert messages(applicant_errors(person(full_name=name))) == {"applicant.full_name": "Vui lòng nhập họ và tên."}


@pytest.mark.parametrize("name", [
    "Nguyễn\x00Văn An", "Nguyễn\x07Văn An", "Nguyễn Văn\x85An", "Nguyễn\nVăn An",
    "\u202eNguyễn Văn An", "Nguyễn \u2066Văn\u2069 An", "Nguyễn\u2028Văn", "An\ud800",
])
def test_a_name_holding_a_control_or_bidirectional_character_is_refused(name):
    [error] = applicant_errors(person(full_name=name))
    assert error.path == "applicant.full_name"
    assert error.message.startswith("Họ và tên có ký tự không được phép")


def test_text_is_stored_in_nfc_without_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn\u200b An")
    clean, errors = check_applicant(aquaculture(), person(full_name=decomposed), RULES)
    assert errors == []
    assert clean["full_name"] == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", clean["full_name"])


def test_a_name_is_measured_in_characters_after_cleaning():
    assert applicant_errors(person(full_name="Đ" * 200)) == []
    assert applicant_errors(person(full_name=unicodedata.normalize("NFD", "Ễ" * 200))) == []  # 600 code points as typed
    assert messages(applicant_errors(person(full_name="Đ" * 201))) == {
        "applicant.full_name": "Họ và tên không được dài quá 200 ký tự."
    }


def test_a_procedure_for_organisations_turns_a_person_away():
    errors = applicant_errors(person(), catch_certificate())
    assert paths(errors) == ["applicant.kind"]
    assert errors[0].message == "Thủ tục này không nhận hồ sơ của cá nhân; chỉ nhận hồ sơ của tổ chức."


def test_an_unknown_kind_of_any_json_type_is_named():
    for kind in ("doanh-nghiep", ["ca-nhan"], None, 1):
        assert "applicant.kind" in paths(applicant_errors(person(kind=kind)))


def test_the_other_kind_of_id_is_refused_rather_than_stored():
    errors = applicant_errors(person(tax_code="4300123456"))
    assert messages(errors) == {"applicant.tax_code": "Trường này chỉ dùng cho tổ chức."}
    assert check_applicant(aquaculture(), person(tax_code=""), RULES)[1] == []


def test_phone_email_and_two_level_address():
    errors = applicant_errors(
        person(phone="12345", email="khong-phai-email", address={"province": "Quảng Ngãi", "commune": ""}),
    )
    assert paths(errors) == ["applicant.phone", "applicant.email", "applicant.address.commune"]
    assert messages(errors)["applicant.address.commune"] == "Vui lòng nhập xã, phường của người nộp."
    assert applicant_errors(person(phone="+84912345678", email=None)) == []


def test_a_province_must_be_one_of_the_34():
    errors = applicant_errors(person(address={"province": "Kon Tum", "commune": "Phường Kon Tum"}))
    assert messages(errors) == {"applicant.address.province": "Vui lòng chọn tỉnh, thành phố trong danh sách."}


def test_an_applicant_that_is_not_an_object_is_named():
    assert paths(applicant_errors(["ca-nhan"])) == ["applicant"]


# --- form answers ---------------------------------------------------------------------------


def test_complete_answers_pass_as_they_will_be_stored():
    clean, errors = check_answers(aquaculture(), answers(ngay_bat_dau_nuoi="2026-03-01", doi_tuong_nuoi=" Cá bớp "), RULES)
    assert errors == []
    assert clean == {
        "loai_giay": "cap-moi",
        "doi_tuong_nuoi": "Cá bớp",
        "so_luong_long": 12,
        "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Sơn", "street": "Vịnh Dung Quất"},
        "ngay_bat_dau_nuoi": "2026-03-01",
    }


def test_required_fields_are_named_in_the_message():
    assert messages(answer_errors(answers(doi_tuong_nuoi="  ", loai_giay=None))) == {
        "answers.loai_giay": "Vui lòng chọn Loại đề nghị.",
        "answers.doi_tuong_nuoi": "Vui lòng nhập Đối tượng nuôi.",
    }


@pytest.mark.parametrize("value", ["gia-han", ["cap-moi"], {"value": "cap-moi"}, 1, True])
def test_a_choice_must_be_one_of_the_options_as_a_string(value):
    assert messages(answer_errors(answers(loai_giay=value))) == {
        "answers.loai_giay": "Vui lòng chọn Loại đề nghị trong danh sách."
    }


@pytest.mark.parametrize(("value", "ok"), [(1, True), (500, True), (12.5, True), (0, False), (501, False)])
def test_a_number_must_be_in_range(value, ok):
    assert paths(answer_errors(answers(so_luong_long=value))) == ([] if ok else ["answers.so_luong_long"])


@pytest.mark.parametrize("value", ["12", "NaN", "Infinity", "mười", True, [12], {"n": 12}, float("nan"), float("inf")])
def test_a_number_is_a_json_number_and_nothing_else(value):
    assert messages(answer_errors(answers(so_luong_long=value))) == {"answers.so_luong_long": "Số lượng lồng phải là một số."}


def test_number_range_message_uses_the_unit():
    assert messages(answer_errors(answers(so_luong_long=0))) == {"answers.so_luong_long": "Số lượng lồng phải từ 1 lồng trở lên."}
    assert messages(answer_errors(answers(so_luong_long=1e308))) == {
        "answers.so_luong_long": "Số lượng lồng không được vượt quá 500 lồng."
    }


@pytest.mark.parametrize("value", [12.7, 1.5, 499.999])
def test_a_count_is_a_whole_number(value):
    assert messages(answer_errors(answers(so_luong_long=value), counted_cages())) == {
        "answers.so_luong_long": "Số lượng lồng phải là số nguyên."
    }


def test_a_whole_count_sent_as_12_point_0_is_stored_as_12():
    clean, errors = check_answers(counted_cages(), answers(so_luong_long=12.0), RULES)
    assert errors == [] and clean["so_luong_long"] == 12 and isinstance(clean["so_luong_long"], int)


def test_a_number_without_a_stated_maximum_is_still_bounded_and_storable():
    procedure = aquaculture()
    cages = next(f for f in procedure["form"]["fields"] if f["name"] == "so_luong_long")
    cages["max"] = None
    assert messages(answer_errors(answers(so_luong_long=10**400), procedure)) == {
        "answers.so_luong_long": "Số lượng lồng không được vượt quá 1.000.000.000.000 lồng."
    }
    assert messages(answer_errors(answers(so_luong_long=1.0000001), procedure)) == {
        "answers.so_luong_long": "Số lượng lồng chỉ được có tối đa 6 chữ số sau dấu phẩy."
    }


@pytest.mark.parametrize("value", ["2026-02-30", "01/03/2026", "hôm qua", "２０２６-０３-０１", 20260301, ["2026-03-01"]])
def test_a_date_must_be_a_real_date(value):
    assert messages(answer_errors(answers(ngay_bat_dau_nuoi=value))) == {
        "answers.ngay_bat_dau_nuoi": "Ngày bắt đầu nuôi không phải là ngày hợp lệ."
    }


def test_a_date_must_be_within_the_rule_range():
    assert messages(answer_errors(answers(ngay_bat_dau_nuoi="1800-01-01"))) == {
        "answers.ngay_bat_dau_nuoi": "Ngày bắt đầu nuôi phải trong khoảng từ 01/01/1900 đến 31/12/2100."
    }


def test_an_address_needs_province_and_commune():
    errors = answer_errors(answers(dia_diem_nuoi={"province": "Quảng Ngãi"}))
    assert messages(errors) == {"answers.dia_diem_nuoi.commune": "Vui lòng nhập xã, phường của địa điểm nuôi."}


def test_an_address_holds_only_its_three_parts_each_bounded():
    errors = answer_errors(answers(dia_diem_nuoi={
        "province": "Quảng Ngãi", "commune": "Xã Bình Sơn", "street": "x" * 1_000_000, "toa_do": "15.1,108.8",
    }))
    assert messages(errors) == {
        "answers.dia_diem_nuoi.toa_do": "Trường này không có trong tờ khai của thủ tục.",
        "answers.dia_diem_nuoi.street": "Số nhà, đường, thôn, tổ không được dài quá 200 ký tự.",
    }


@pytest.mark.parametrize("value", ["Quảng Ngãi", ["Quảng Ngãi"], 1])
def test_an_address_is_an_object(value):
    assert paths(answer_errors(answers(dia_diem_nuoi=value))) == ["answers.dia_diem_nuoi"]


def test_text_length_and_pattern():
    assert paths(answer_errors(answers(doi_tuong_nuoi="x" * 21))) == ["answers.doi_tuong_nuoi"]
    assert answer_errors(answers(so_dang_ky_tau="QNg-90123-TS")) == []
    [error] = answer_errors(answers(so_dang_ky_tau="90123"))
    assert (error.path, error.message) == ("answers.so_dang_ky_tau", "Số đăng ký tàu có dạng QNg-90123-TS.")


def test_unknown_answers_are_rejected():
    assert paths(answer_errors(answers(ghi_chu_an="..."))) == ["answers.ghi_chu_an"]
    assert paths(answer_errors(["cap-moi"])) == ["answers"]


def test_an_optional_field_left_empty_is_not_stored():
    clean, errors = check_answers(aquaculture(), answers(ngay_bat_dau_nuoi="", so_dang_ky_tau="  "), RULES)
    assert errors == []
    assert "ngay_bat_dau_nuoi" not in clean and "so_dang_ky_tau" not in clean


# --- documents ------------------------------------------------------------------------------


def test_documents_complete():
    assert validate_document_slots(aquaculture(), [{"slot": "don-de-nghi", "upload_id": "u1"}]) == []


def test_a_missing_required_document_is_named():
    errors = validate_document_slots(aquaculture(), [{"slot": "giay-uy-quyen", "upload_id": "u2"}])
    assert [(e.path, e.message) for e in errors] == [
        ("documents.don-de-nghi", "Thiếu giấy tờ bắt buộc: Đơn đăng ký nuôi trồng thủy sản")
    ]


def test_an_unknown_slot_of_any_type_is_rejected():
    docs = [{"slot": "don-de-nghi", "upload_id": "u1"}, {"slot": "so-ho-khau", "upload_id": "u3"}]
    assert paths(validate_document_slots(aquaculture(), docs)) == ["documents.so-ho-khau"]
    assert "documents.['x']" in paths(validate_document_slots(aquaculture(), [{"slot": ["x"], "upload_id": "u"}]))
