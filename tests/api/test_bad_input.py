"""Bad input on the citizen routes, by class: every body the API cannot read or will not accept
gets a 4xx in the error shape, never a 500, and a refused submission leaves nothing behind: no
dossier, no code number taken, no object copied."""
import base64
import json

import pytest

from portal.handlers.request_body import MAX_BODY_BYTES
from tests.api.support import AGENCY, build_event, call, submission

NOT_FOUND = {"error": {"code": "NOT_FOUND", "message": "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập.", "fields": []}}


def assert_error_shape(answer, status: int, code: str) -> dict:
    assert answer.status == status, answer.text
    body = answer.json
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


def assert_nothing_written(api) -> None:
    written = [i["PK"] for i in api.items() if i["PK"].split("#")[0] in {"DOSSIER", "CODE", "COUNTER"}]
    assert written == []
    copies = api.s3.list_objects_v2(Bucket=api.env["DOCUMENTS_BUCKET"], Prefix="dossiers/")
    assert copies.get("KeyCount", 0) == 0


def raw_post(api, path: str, body, headers=None):
    return call(api._citizen, build_event("POST", path, body, headers=headers))


def submit_raw(api, text: str):
    return raw_post(api, "/api/dossiers", text, headers={"Idempotency-Key": "raw"})


# --- bodies the API cannot read ------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                          "application/json; charset=latin-1", "application/jsonp"])
def test_a_body_that_is_not_declared_json_is_refused_with_415(api, content_type):
    body = json.dumps({"code": f"{AGENCY}-260708-0001", "id_number": "051090001234"})

    answer = raw_post(api, "/api/lookup", body, headers={"Content-Type": content_type})

    assert_error_shape(answer, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_json_with_a_charset_parameter_is_json(api):
    body = {"procedure_id": "nuoi-trong-long-be", "slot": "don-de-nghi", "filename": "don.pdf",
            "content_type": "application/pdf", "size": 100}
    answer = raw_post(api, "/api/uploads", json.dumps(body), headers={"Content-Type": "application/json; charset=UTF-8"})
    assert answer.status == 201, answer.text


def test_a_body_that_is_not_utf8_is_refused(api):
    # UTF-16, as some Windows tools write text.
    raw = json.dumps({"code": f"{AGENCY}-260708-0001", "id_number": "051090001234"}).encode("utf-16")
    event = build_event("POST", "/api/lookup", "{}")
    # As API Gateway hands over a body that is not text: base64-encoded.
    event.update(body=base64.b64encode(raw).decode("ascii"), isBase64Encoded=True)

    error = assert_error_shape(call(api._citizen, event), 422, "VALIDATION_FAILED")

    assert error["fields"] == [{"path": "", "message": "Nội dung gửi lên phải được mã hóa UTF-8."}]


@pytest.mark.parametrize(("text", "message"), [
    ('{"code": "x", "id_number": NaN}', "Nội dung gửi lên có giá trị NaN hoặc Infinity, không phải là một số."),
    ('{"code": "x", "id_number": -Infinity}', "Nội dung gửi lên có giá trị NaN hoặc Infinity, không phải là một số."),
    ('{"code": "x", "id_number": 1' + "0" * 400 + "}", "Nội dung gửi lên có số quá lớn."),
    ('{"code": "x", "id_number": 1' + "0" * 5000 + "}", "Nội dung gửi lên có số quá lớn."),
    ('{"code": "x", "id_number": 1e400}', "Nội dung gửi lên có số quá lớn."),
    ('{"code": "a", "code": "b", "id_number": "1"}', "Nội dung gửi lên có trường bị lặp lại: code."),
    ('{"code": "\\ud800", "id_number": "1"}', "Nội dung gửi lên phải được mã hóa UTF-8."),
    ("[" * 100_000 + "]" * 100_000, "Nội dung gửi lên không phải là JSON hợp lệ."),
    ('{"code": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {}}}}}}}}}', "Nội dung gửi lên lồng nhau quá sâu."),
    ('{"code": "x",', "Nội dung gửi lên không phải là JSON hợp lệ."),
])
def test_json_that_no_careful_reader_accepts_is_refused(api, text, message):
    error = assert_error_shape(raw_post(api, "/api/lookup", text), 422, "VALIDATION_FAILED")

    assert error["fields"] == [{"path": "", "message": message}]


def test_a_body_over_the_limit_is_refused_before_it_is_read(api):
    body = submission(api.upload())
    body["answers"]["dia_diem_nuoi"]["street"] = "x" * 1_000_000  # a 1 MB street

    answer = api.submit(body)

    assert_error_shape(answer, 413, "PAYLOAD_TOO_LARGE")
    assert_nothing_written(api)


def test_the_largest_form_the_catalogue_allows_fits_in_a_body():
    from portal.domain.catalogue import Catalogue
    from tests.api.support import CATALOGUE

    catalogue = Catalogue.load(CATALOGUE)
    rules = catalogue.field_rules
    address = sum(part["max_length"] for part in rules.kind("address")["parts"])
    for procedure in catalogue.procedures:
        fields = (procedure.get("form") or {}).get("fields") or []
        # Each character at most 3 bytes in UTF-8 (any Vietnamese letter), 100 bytes of JSON per field.
        longest = sum(3 * (f["max_length"] or (address if f["type"] == "address" else 40)) + 100 for f in fields)
        assert longest + 10_000 < MAX_BODY_BYTES, procedure["id"]


# --- submissions the API must refuse, each leaving nothing behind --------------------------


def refused(api, body, *paths):
    answer = api.submit(body)
    error = assert_error_shape(answer, 422, "VALIDATION_FAILED")
    assert sorted(f["path"] for f in error["fields"]) == sorted(paths), answer.text
    assert_nothing_written(api)
    return {f["path"]: f["message"] for f in error["fields"]}


def test_a_record_too_large_to_store_is_refused_before_anything_is_written(api, monkeypatch):
    from portal.services import dossier_files as dossiers

    # The body limit keeps every real record far below DynamoDB's 400 KB; here the limit is
    # lowered so that an ordinary dossier crosses it.
    monkeypatch.setattr(dossiers, "MAX_ITEM_BYTES", dossiers.ITEM_KEYS_BYTES + 200)

    answer = api.submit(submission(api.upload()))

    error = assert_error_shape(answer, 422, "VALIDATION_FAILED")
    assert error["message"] == dossiers.TOO_LARGE_MESSAGE
    assert_nothing_written(api)


def test_a_street_longer_than_its_bound_is_named_not_a_500(api):
    body = submission(api.upload())
    body["answers"]["dia_diem_nuoi"]["street"] = "Thôn " * 20_000  # under the body limit, over the field's

    fields = refused(api, body, "answers.dia_diem_nuoi.street")

    assert fields["answers.dia_diem_nuoi.street"] == "Số nhà, đường, thôn, tổ không được dài quá 200 ký tự."


def test_keys_no_field_declares_are_refused_even_inside_an_address(api):
    body = submission(api.upload())
    body["answers"]["dia_diem_nuoi"]["toa_do"] = "15.12,108.80"

    refused(api, body, "answers.dia_diem_nuoi.toa_do")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "12", 1e308, 12.7, True, [12]])
def test_a_count_of_cages_is_a_whole_json_number_in_range(api, value):
    body = submission(api.upload())
    body["answers"]["so_luong_long"] = value

    refused(api, body, "answers.so_luong_long")


def test_a_number_too_large_for_any_reader_is_refused(api):
    text = json.dumps(submission(api.upload())).replace('"so_luong_long": 12', '"so_luong_long": 1' + "0" * 400)
    assert "0" * 400 in text

    assert_error_shape(submit_raw(api, text), 422, "VALIDATION_FAILED")
    assert_nothing_written(api)


def test_a_choice_sent_as_a_list_is_named(api):
    body = submission(api.upload())
    body["answers"]["loai_giay"] = ["cap-moi"]

    fields = refused(api, body, "answers.loai_giay")

    assert fields["answers.loai_giay"] == "Vui lòng chọn Bạn đề nghị trong danh sách."


@pytest.mark.parametrize(("field", "value"), [
    ("id_number", "０５１０９０００１２３４"),  # full-width
    ("id_number", "٠٥١٠٩٠٠٠١٢٣٤"),  # Arabic-Indic
    ("phone", "０９０５１２３４５６"),
])
def test_id_and_phone_numbers_are_ascii_digits(api, field, value):
    body = submission(api.upload())
    body["applicant"][field] = value

    refused(api, body, f"applicant.{field}")


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "Nguyễn\x00Bình", "Nguyễn\x1bBình", "\u202eBình Văn Nguyễn"])
def test_a_name_that_is_invisible_or_holds_control_characters_is_refused(api, name):
    body = submission(api.upload())
    body["applicant"]["full_name"] = name

    refused(api, body, "applicant.full_name")


@pytest.mark.parametrize("consent", ["yes", "true", 1, "có"])
def test_consent_is_the_json_value_true_and_nothing_like_it(api, consent):
    body = submission(api.upload())
    body["consent"] = consent

    fields = refused(api, body, "consent")

    assert fields["consent"] == "Giá trị phải là đúng (true) hoặc sai (false)."


def test_what_is_stored_is_the_cleaned_text(api):
    body = submission(api.upload())
    body["applicant"]["full_name"] = "  Nguye\u0302\u0303n Văn\u200b Bình "  # decomposed, a zero-width space
    body["applicant"]["phone"] = "0905 123.456"
    body["answers"]["so_luong_long"] = 12.0

    answer = api.submit(body)

    assert answer.status == 201, answer.text
    [meta] = api.dossier_metas()
    assert meta["applicant"]["full_name"] == "Nguyễn Văn Bình"
    assert meta["applicant"]["phone"] == "0905123456"
    assert meta["answers"]["so_luong_long"] == 12


# --- the upload route ----------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["don\u202efdp.exe", "don\x00.pdf", "\u200b", "d" * 252 + ".pdf"])
def test_a_file_name_follows_the_text_rules(api, filename):
    answer = api.create_upload(filename=filename)

    error = assert_error_shape(answer, 422, "VALIDATION_FAILED")
    assert [f["path"] for f in error["fields"]] == ["filename"]
    assert not [i for i in api.items() if i["PK"].startswith("UPLOAD#")]


@pytest.mark.parametrize(("size", "path"), [(12.5, "size"), ("100", "size"), (True, "size"), (10**20, "")])
def test_an_upload_size_is_a_plain_integer(api, size, path):
    error = assert_error_shape(api.create_upload(size=size), 422, "VALIDATION_FAILED")
    assert [f["path"] for f in error["fields"]] == [path]


# --- the lookup: one answer for every miss --------------------------------------------------


@pytest.fixture
def submitted(api):
    answer = api.submit(submission(api.upload()))
    assert answer.status == 201
    return answer.json


@pytest.mark.parametrize(("code", "id_number"), [
    ("{code}", "05109000123é"),  # the right code, an ID number with a non-ASCII letter
    ("{code}", "０５１０９０００１２３４"),  # the right code, the right number in full-width digits
    ("{code}", "051090009999"),  # the right code, a wrong number
    ("000.00.15.H55-260708-0099", "05109000123é"),  # a code never issued
    ("000.00.15.H55-260708-0099", "051090001234"),
    ("khong-phai-ma-ho-so", "051090001234"),  # not a code at all
    ("000.00.15.H55-２６０７０８-0001", "051090001234"),  # a code in full-width digits
    ("x" * 10_000, "051090001234"),
    ("{code}", "x" * 10_000),
])
def test_every_failed_lookup_gets_the_same_answer(api, submitted, code, id_number):
    answer = api.post("/api/lookup", {"code": code.format(code=submitted["code"]), "id_number": id_number})

    assert answer.status == 404
    assert answer.json == NOT_FOUND
