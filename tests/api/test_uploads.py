"""POST /api/uploads: a citizen gets a presigned POST only for a file the slot can accept."""
from portal.handlers import citizen
from tests.api.support import PROCEDURE, build_event, call


def test_upload_slot_gives_a_presigned_post_for_the_pending_key(api):
    answer = api.create_upload(filename="Đơn đăng ký.pdf", size=200_000)

    assert answer.status == 201, answer.text
    slot = answer.json
    assert slot["fields"]["key"] == f"uploads/pending/{slot['upload_id']}"
    assert slot["fields"]["Content-Type"] == "application/pdf"
    assert slot["max_size"] == 10 * 1024 * 1024
    assert slot["url"].startswith("https://")
    # the slot is remembered, so submit can check the file is used where it was meant to be
    record = api.table.get_item(Key={"PK": f"UPLOAD#{slot['upload_id']}", "SK": "UPLOAD"})["Item"]
    assert record["procedure_id"] == PROCEDURE and record["slot"] == "don-de-nghi"
    assert int(record["ttl"]) > 0


def test_a_type_the_slot_does_not_accept_is_refused(api):
    answer = api.create_upload(filename="don.docx", content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    assert answer.status == 422
    assert answer.json["error"]["code"] == "VALIDATION_FAILED"
    assert answer.error_fields() == {"content_type": "Tệp phải có định dạng: PDF, JPG, PNG."}


def test_a_pdf_named_as_an_image_is_refused(api):
    answer = api.create_upload(filename="don.png", content_type="application/pdf")

    assert answer.status == 422
    assert "content_type" in answer.error_fields()


def test_a_file_over_the_slot_limit_is_refused(api):
    answer = api.create_upload(size=10 * 1024 * 1024 + 1)

    assert answer.status == 422
    assert answer.error_fields() == {"size": "Tệp vượt quá dung lượng cho phép (tối đa 10 MB)."}


def test_a_slot_the_procedure_does_not_have_is_refused(api):
    answer = api.create_upload(slot="so-do-tau")

    assert answer.status == 422
    assert answer.error_fields() == {"slot": "Giấy tờ này không thuộc thành phần hồ sơ của thủ tục."}


def test_an_unknown_procedure_is_not_found(api):
    answer = api.create_upload(procedure_id="khong-co-thu-tuc-nay")

    assert answer.status == 404
    assert answer.json["error"]["code"] == "NOT_FOUND"


def test_the_site_origin_may_call_the_api_with_an_idempotency_key(api):
    preflight = build_event(
        "OPTIONS",
        "/api/dossiers",
        headers={
            "Origin": api.env["SITE_ORIGIN"],
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "idempotency-key,content-type",
        },
    )
    answer = call(citizen.lambda_handler, preflight)

    assert answer.status == 204
    assert answer.headers["Access-Control-Allow-Origin"] == api.env["SITE_ORIGIN"]
    assert "Idempotency-Key" in answer.headers["Access-Control-Allow-Headers"]
