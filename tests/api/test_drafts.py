"""A citizen's draft through the API: saved once per Idempotency-Key, reached only with its id
and token, saved again on the version read, checked leniently (characters, lengths, types,
keys) and by the submission's own rules (the self-check), its files kept beyond the pending
uploads' day, and submitted with them."""
import time
from datetime import datetime

import pytest

from portal.domain.clock import VN_TZ
from portal.domain.codes import hash_token
from tests.api.draft_support import ask_precheck, draft_body, draft_outbox, save, saved, update, view
from tests.api.support import PDF, submission


def _meta(api, draft_id: str) -> dict:
    return api.table.get_item(Key={"PK": f"DRAFT#{draft_id}", "SK": "META"})["Item"]


def test_a_saved_draft_answers_its_view_with_a_private_link_whose_token_is_stored_only_as_a_hash(api):
    upload = api.upload()
    created = saved(api, draft_body(upload))

    assert created["status"] == "editing" and created["status_label"] == "Đang soạn"
    assert created["version"] == 1
    assert created["saved_at"] == "2026-07-08T09:00:00+07:00" and created["expires_at"] == "2026-08-07"
    token = created["access_token"]
    assert len(token) >= 22  # at least 128 bits, urlsafe base64
    assert created["resume_url"] == (
        f"http://127.0.0.1:8000/nop-ho-so/nuoi-trong-long-be/?nhap={created['draft_id']}#t={token}")
    assert created["documents"] == [{"slot": "don-de-nghi", "upload_id": upload, "filename": "don.pdf", "size": len(PDF)}]
    meta = _meta(api, created["draft_id"])
    assert meta["token_hash"] == hash_token(token)
    assert token not in str(meta)
    assert not any(token in str(item) for item in api.items() if not item["SK"].startswith("OUTBOX#"))

    opened = view(api, created["draft_id"], token)
    assert opened.status == 200, opened.text
    assert opened.json == {k: v for k, v in created.items() if k not in ("access_token", "resume_url")}


def test_the_self_check_lists_what_a_submission_would_refuse_and_a_complete_draft_passes(api):
    partial = saved(api, draft_body(None), key="partial")
    missing = {item["path"] for item in partial["check"]["missing"]}
    assert partial["check"]["complete"] is False
    assert {"answers.so_luong_long", "answers.the_tich_long", "answers.dia_diem_nuoi.commune",
            "documents.don-de-nghi"} <= missing
    assert all(item["message"] for item in partial["check"]["missing"])

    full = submission(api.upload())
    complete = saved(api, draft_body(None, answers=full["answers"], documents=full["documents"]), key="complete")
    assert complete["check"] == {"complete": True, "missing": []}


def test_a_retry_with_the_same_key_gives_the_same_draft_and_another_body_is_refused(api):
    body = draft_body(api.upload())
    first = saved(api, body, key="same")
    again = saved(api, body, key="same")
    assert again["draft_id"] == first["draft_id"] and again["access_token"] == first["access_token"]
    metas = [i for i in api.items() if i["PK"].startswith("DRAFT#") and i["SK"] == "META"]
    assert len(metas) == 1
    assert len(draft_outbox(api)) == 2  # the link went once (e-mail and SMS)

    other = save(api, draft_body(None), key="same")
    assert other.status == 409 and other.json["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    missing = api.post("/api/drafts", body)
    assert missing.status == 400 and missing.json["error"]["code"] == "IDEMPOTENCY_KEY_MISSING"


def test_an_update_on_the_version_read_saves_and_a_stale_version_is_a_conflict(api, clock):
    created = saved(api)
    token = created["access_token"]
    clock.set(2026, 7, 20, 10, 0)
    answer = update(api, created, token, answers={"loai_giay": "cap-lai", "so_luong_long": 8})
    assert answer.status == 200, answer.text
    assert answer.json["version"] == 2
    assert answer.json["answers"] == {"loai_giay": "cap-lai", "so_luong_long": 8}
    assert answer.json["expires_at"] == "2026-08-19"  # 30 days from the last save

    stale = update(api, created, token, answers={"loai_giay": "cap-moi"})
    assert stale.status == 409 and stale.json["error"]["code"] == "CONFLICT"
    assert view(api, created["draft_id"], token).json["answers"]["loai_giay"] == "cap-lai"


def test_a_forged_token_an_unknown_id_and_an_expired_draft_all_get_the_same_404(api, clock):
    created = saved(api)
    token = created["access_token"]
    answers = [
        view(api, created["draft_id"], token[:-2] + "xx"),
        view(api, "01J0000000000000000000000Z", token),
        view(api, "not-a-draft-id", token),
        update(api, created, "forged"),
        ask_precheck(api, created, "forged"),
    ]
    clock.set(2026, 8, 8, 0, 1)  # the day after its 30 days
    answers.append(view(api, created["draft_id"], token))
    assert {a.status for a in answers} == {404}
    assert len({a.text for a in answers}) == 1
    assert answers[0].json["error"]["code"] == "NOT_FOUND"

    clock.set(2026, 8, 7, 23, 59)
    assert view(api, created["draft_id"], token).status == 200  # its last day


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"applicant": {"full_name": "Nguyễn\u202eVăn"}}, "applicant.full_name"),
        ({"applicant": {"full_name": "Nguyễn\x00"}}, "applicant.full_name"),
        ({"applicant": {"full_name": "A" * 201}}, "applicant.full_name"),
        ({"applicant": {"phone": "0" * 21}}, "applicant.phone"),
        ({"answers": {"doi_tuong_nuoi": "Cá\nbớp"}}, "answers.doi_tuong_nuoi"),
        ({"answers": {"doi_tuong_nuoi": "x" * 201}}, "answers.doi_tuong_nuoi"),
        ({"answers": {"khong_co": "x"}}, "answers.khong_co"),
        ({"answers": {"so_luong_long": "12"}}, "answers.so_luong_long"),
        ({"answers": {"so_luong_long": True}}, "answers.so_luong_long"),
        ({"answers": {"dia_diem_nuoi": "Vịnh"}}, "answers.dia_diem_nuoi"),
        ({"answers": {"dia_diem_nuoi": {"lang": "x"}}}, "answers.dia_diem_nuoi.lang"),
        ({"applicant": {"ten": "x"}}, "applicant.ten"),
        ({"applicant": {"full_name": 12}}, "applicant.full_name"),
        ({"applicant": {"kind": "ca-nhan", "address": {"commune": "x" * 101}}}, "applicant.address.commune"),
        ({"documents": "don.pdf"}, "documents"),
        ({"documents": [{"slot": "khong-co", "upload_id": "01J0000000000000000000000Z"}]}, "documents.khong-co"),
        ({"documents": [{"slot": "don-de-nghi", "upload_id": "01J0000000000000000000000Z"}]}, "documents.don-de-nghi"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(api, change, path):
    body = {**draft_body(None), **change}
    answer = save(api, body, key=f"bad-{path}")
    assert answer.status == 422, answer.text
    assert answer.json["error"]["code"] == "VALIDATION_FAILED"
    assert any(f["path"] == path or f["path"].startswith(path + ".") for f in answer.json["error"]["fields"]), answer.text
    assert not [i for i in api.items() if i["PK"].startswith("DRAFT")]


def test_an_update_is_checked_as_a_save_is(api):
    created = saved(api)
    answer = update(api, created, created["access_token"], answers={"doi_tuong_nuoi": "\u202e"})
    assert answer.status == 422 and "answers.doi_tuong_nuoi" in answer.error_fields()
    assert view(api, created["draft_id"], created["access_token"]).json["version"] == 1


def test_the_link_goes_to_the_applicants_valid_contacts_once_each(api):
    body = draft_body(None)
    body["applicant"] = {**body["applicant"], "email": "khong-hop-le", "phone": "0905"}
    created = saved(api, body)
    assert draft_outbox(api) == []  # neither is an address yet
    assert created["link_sent_to"] == {"phone": None, "email": None}  # what the page says it sent

    fixed = {**created["applicant"], "email": "binh@example.vn"}
    second = update(api, created, created["access_token"], applicant=fixed)
    assert second.status == 200, second.text
    (email,) = draft_outbox(api)
    assert email["channel"] == "email" and email["to"] == "binh@example.vn"
    assert email["subject"] == "Đã lưu hồ sơ nháp"
    assert created["access_token"] in email["body"] and "Lưu đến 07/08/2026." in email["body"]
    assert second.json["link_sent_to"] == {"phone": None, "email": "binh@example.vn"}

    third = update(api, second.json, created["access_token"], answers={"loai_giay": "cap-lai"})
    assert third.status == 200
    assert len(draft_outbox(api)) == 1  # the same address is not sent the link again


def test_a_saved_drafts_file_is_kept_beyond_its_pending_upload_and_a_dropped_one_goes(api, clock):
    clock.now = datetime.now(VN_TZ)  # the upload record's expiry is counted from the real time
    upload = api.upload()
    created = saved(api, draft_body(upload))
    bucket = api.env["DOCUMENTS_BUCKET"]
    key = f"drafts/{created['draft_id']}/{upload}"
    assert api.s3.get_object(Bucket=bucket, Key=key)["Body"].read() == PDF
    record = api.table.get_item(Key={"PK": f"UPLOAD#{upload}", "SK": "UPLOAD"})["Item"]
    assert int(record["ttl"]) == int(_meta(api, created["draft_id"])["ttl"])  # as long as the draft
    assert int(record["ttl"]) > time.time() + 30 * 24 * 3600

    api.s3.delete_object(Bucket=bucket, Key=f"uploads/pending/{upload}")
    again = update(api, created, created["access_token"])  # the kept file needs no pending upload
    assert again.status == 200, again.text
    assert again.json["documents"][0]["upload_id"] == upload

    dropped = update(api, again.json, created["access_token"], documents=[])
    assert dropped.status == 200 and dropped.json["documents"] == []
    assert "Contents" not in api.s3.list_objects_v2(Bucket=bucket, Prefix=key)


def test_a_draft_is_locked_while_the_desk_reads_it(api):
    created = saved(api)
    token = created["access_token"]
    waiting = ask_precheck(api, created, token)
    assert waiting.status == 200, waiting.text
    answer = update(api, waiting.json, token, answers={"loai_giay": "cap-lai"})
    assert answer.status == 409
    assert answer.json["error"]["message"] == "Cán bộ đang xem trước hồ sơ nháp này; bạn sửa được sau khi có ý kiến."


def _submit_from(api, created: dict, token: str, key: str = "submit-1", **overrides):
    full = submission(None)
    body = {**full, "documents": [{"slot": d["slot"], "upload_id": d["upload_id"]} for d in created["documents"]],
            "draft_id": created["draft_id"], "draft_token": token, **overrides}
    return api.submit(body, key=key)


def test_a_submission_from_the_draft_uses_its_kept_files_and_marks_it_submitted(api):
    upload = api.upload()
    created = saved(api, draft_body(upload))
    token = created["access_token"]
    bucket = api.env["DOCUMENTS_BUCKET"]
    api.s3.delete_object(Bucket=bucket, Key=f"uploads/pending/{upload}")  # the pending copy is gone

    answer = _submit_from(api, created, token)
    assert answer.status == 201, answer.text
    code = answer.json["code"]
    (doc,) = [i for i in api.items() if i["SK"].startswith("DOC#")]
    assert api.s3.get_object(Bucket=bucket, Key=doc["key"], VersionId=doc["version_id"])["Body"].read() == PDF
    assert "Contents" not in api.s3.list_objects_v2(Bucket=bucket, Prefix=f"drafts/{created['draft_id']}/")

    shown = view(api, created["draft_id"], token).json
    assert shown["status"] == "submitted" and shown["status_label"] == "Đã nộp"
    assert shown["submitted_code"] == code
    assert update(api, shown, token).status == 409
    assert _submit_from(api, shown, token).json == answer.json  # the same submission's retry
    second = _submit_from(api, shown, token, key="submit-2")
    assert second.status == 422 and "draft_id" in second.error_fields()


def test_a_submission_naming_a_draft_it_cannot_prove_records_nothing(api):
    created = saved(api, draft_body(api.upload()))
    answer = _submit_from(api, created, "forged")
    assert answer.status == 422
    assert answer.error_fields()["draft_id"] == view(api, created["draft_id"], "forged").json["error"]["message"]
    assert api.dossier_metas() == []
    assert view(api, created["draft_id"], created["access_token"]).json["status"] == "editing"
