"""POST /api/dossiers: a complete dossier is recorded once, with a code; anything wrong is
refused with every problem named and nothing written."""
import hashlib

from tests.api.support import PDF, PROCEDURE, submission

CODE = "000.00.15.H55-260708-0001"


def test_submit_records_the_dossier_with_its_code_documents_and_first_event(api):
    upload_id = api.upload()

    answer = api.submit(submission(upload_id))

    assert answer.status == 201, answer.text
    result = answer.json
    assert result["code"] == CODE
    assert result["status"] == "submitted"
    assert result["status_label"] == "Mới đăng ký"
    assert result["submitted_at"] == "2026-07-08T09:00:00+07:00"
    assert result["check_due"] == "2026-07-10"  # 2 working days for the completeness check
    assert result["access_token"]
    assert result["tracking_url"].endswith(f"/tra-cuu/?ma={CODE}")

    pk = f"DOSSIER#{result['dossier_id']}"
    items = {(i["PK"], i["SK"]): i for i in api.items()}
    meta = items[(pk, "META")]
    assert meta["state"] == "submitted" and meta["version"] == 1 and meta["code"] == CODE
    assert meta["answers"]["the_tich_long"] == 1250.5
    assert meta["GSI1PK"] == "AGENCY#000.00.15.H55#STATE#submitted"
    assert meta["access_token_hash"] != result["access_token"]
    assert items[(f"CODE#{CODE}", "CODE")]["dossier_id"] == result["dossier_id"]
    doc = items[(pk, "DOC#don-de-nghi#1")]
    assert doc["key"] == f"dossiers/{result['dossier_id']}/don-de-nghi/1"
    assert doc["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert doc["size"] == len(PDF)
    events = [i for (p, sk), i in items.items() if p == pk and sk.startswith("EVENT#")]
    assert [e["action"] for e in events] == ["submit"]

    # the file now lives under the dossier; the pending upload is gone
    bucket = api.env["DOCUMENTS_BUCKET"]
    assert api.s3.get_object(Bucket=bucket, Key=doc["key"])["Body"].read() == PDF
    assert "Contents" not in api.s3.list_objects_v2(Bucket=bucket, Prefix="uploads/pending/")


def test_codes_count_up_within_the_day(api):
    first = api.submit(submission(api.upload()), key="a")
    second = api.submit(submission(api.upload()), key="b")

    assert first.json["code"] == CODE
    assert second.json["code"] == "000.00.15.H55-260708-0002"


def test_a_malformed_body_names_each_field_in_vietnamese(api):
    body = submission(api.upload())
    del body["applicant"]["phone"]
    body["applicant"]["email"] = 5
    body["consent"] = "có lẽ"

    answer = api.submit(body)

    assert answer.status == 422
    assert answer.json["error"]["code"] == "VALIDATION_FAILED"
    assert answer.error_fields() == {
        "applicant.phone": "Trường này là bắt buộc.",
        "applicant.email": "Giá trị phải là chuỗi ký tự.",
        "consent": "Giá trị phải là đúng (true) hoặc sai (false).",
    }
    assert api.dossier_metas() == []


def test_procedure_rules_are_checked_all_at_once(api):
    body = submission(api.upload())
    body["applicant"]["id_number"] = "12345"
    body["applicant"]["full_name"] = "A" * 201
    body["answers"]["so_luong_long"] = 0
    body["consent"] = False

    answer = api.submit(body)

    assert answer.status == 422
    assert answer.error_fields() == {
        "applicant.id_number": "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số.",
        "applicant.full_name": "Họ và tên không được dài quá 200 ký tự.",
        "answers.so_luong_long": "Số lượng lồng phải từ 1 lồng trở lên.",
        "consent": "Vui lòng đánh dấu ô đồng ý cho cơ quan xử lý dữ liệu cá nhân để giải quyết hồ sơ.",
    }
    assert api.dossier_metas() == []


def test_an_unknown_procedure_is_not_found(api):
    answer = api.submit(submission(None, procedure_id="khong-co-thu-tuc-nay"))

    assert answer.status == 404
    assert answer.json["error"]["code"] == "NOT_FOUND"


def test_a_missing_required_document_is_named(api):
    answer = api.submit(submission(None))

    assert answer.status == 422
    assert answer.error_fields()["documents.don-de-nghi"].startswith(
        "Thiếu giấy tờ bắt buộc: Đơn đăng ký nuôi trồng thủy sản lồng bè"
    )


def test_an_uploaded_file_over_the_limit_is_refused_and_nothing_is_written(api):
    # The browser declared a small file, then sent a big one: S3 would stop it, moto does not.
    answer = api.create_upload(size=1000)
    upload_id = answer.json["upload_id"]
    too_big = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=f"uploads/pending/{upload_id}", Body=too_big)

    answer = api.submit(submission(upload_id))

    assert answer.status == 422
    assert "vượt quá dung lượng cho phép" in answer.error_fields()["documents.don-de-nghi"]
    assert api.dossier_metas() == []
    assert not [i for i in api.items() if i["PK"].startswith("CODE#")]


def test_an_uploaded_file_that_is_not_what_it_claims_is_refused(api):
    upload_id = api.upload(content=b"MZ\x90\x00 this is a program, not a PDF")

    answer = api.submit(submission(upload_id))

    assert answer.status == 422
    assert "không đúng định dạng cho phép (PDF, JPG, PNG)" in answer.error_fields()["documents.don-de-nghi"]
    assert api.dossier_metas() == []


def test_an_upload_issued_for_another_slot_is_refused(api):
    upload_id = api.upload(slot="giay-uy-quyen")

    answer = api.submit(submission(upload_id))

    assert answer.status == 422
    assert "documents.don-de-nghi" in answer.error_fields()
    assert api.dossier_metas() == []


def test_a_submission_without_idempotency_key_is_refused(api):
    answer = api.submit(submission(api.upload()), key=None)

    assert answer.status == 400
    assert answer.json["error"]["code"] == "IDEMPOTENCY_KEY_MISSING"
    assert api.dossier_metas() == []


def test_the_same_key_again_returns_the_same_dossier(api):
    body = submission(api.upload())

    first = api.submit(body, key="retry-me")
    again = api.submit(body, key="retry-me")

    assert first.status == 201 and again.status == 201
    assert again.json["dossier_id"] == first.json["dossier_id"]
    assert again.json["code"] == first.json["code"]
    assert len(api.dossier_metas()) == 1


def test_the_same_key_with_another_body_is_refused(api):
    body = submission(api.upload())
    api.submit(body, key="used")
    changed = {**body, "answers": {**body["answers"], "so_luong_long": 20}}

    answer = api.submit(changed, key="used")

    assert answer.status == 409
    assert answer.json["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(api.dossier_metas()) == 1


def test_a_refused_request_does_not_burn_its_key(api):
    body = submission(None)
    assert api.submit(body, key="fix-and-retry").status == 422

    fixed = submission(api.upload())
    answer = api.submit(fixed, key="fix-and-retry")

    assert answer.status == 201, answer.text
    assert api.dossier_metas()[0]["procedure_id"] == PROCEDURE
