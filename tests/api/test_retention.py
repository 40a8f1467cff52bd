"""The retention job on the stack as provisioned from template.yaml (services/retention.py): a
dossier closed longer ago than the period loses its personal data, every version of its files
and its messages' texts, keeps its facts and events, and can no longer be looked up; an open
dossier and a recently closed one are not touched; a second run changes nothing. And the files
of a dossier that was never recorded go, a day after they were copied."""
from __future__ import annotations

from datetime import timedelta

import pytest

from infra.local.api_event import LambdaContext
from portal.services import retention
from tests.api.support import submission

DAYS = 1825
PERSONAL = ("Nguyễn Văn Bình", "051090001234", "0905123456", "binh@example.vn", "Hùng Vương", "Cá bớp",
            "Dung Quất", "ông Bình")


def _submit(api, key: str) -> dict:
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _withdraw(api, receipt: dict) -> None:
    body = {"access_token": receipt["access_token"], "reason": "Nộp nhầm, xin gọi ông Bình 0905123456."}
    answer = api.post(f"/api/dossiers/{receipt['dossier_id']}/withdraw", body)
    assert answer.status == 200, answer.text


def _partition(api, dossier_id: str) -> list[dict]:
    return sorted((i for i in api.items() if i["PK"] == f"DOSSIER#{dossier_id}"), key=lambda i: i["SK"])


def _versions(api, dossier_id: str) -> list[dict]:
    page = api.s3.list_object_versions(Bucket=api.env["DOCUMENTS_BUCKET"], Prefix=f"dossiers/{dossier_id}/")
    return page.get("Versions", []) + page.get("DeleteMarkers", [])


def _lookup(api, code: str, id_number: str):
    return api.post("/api/lookup", {"code": code, "id_number": id_number})


@pytest.fixture
def dossiers(api, clock):
    """`old`: withdrawn on 08/07/2026, its file written twice (two versions); `open`: submitted
    then and never closed; `recent`: withdrawn on 01/07/2031. The job runs on 09/07/2031."""
    old = _submit(api, "old")
    _withdraw(api, old)
    (document,) = _versions(api, old["dossier_id"])
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=document["Key"], Body=b"%PDF-1.4 again")
    still_open = _submit(api, "open")
    clock.set(2031, 7, 1, 9, 0)
    recent = _submit(api, "recent")
    _withdraw(api, recent)
    clock.set(2031, 7, 9, 2, 0)
    return {"old": old, "open": still_open, "recent": recent}


def test_a_dossier_closed_past_the_period_keeps_its_facts_and_loses_its_personal_data(api, dossiers):
    old = dossiers["old"]
    assert len(_versions(api, old["dossier_id"])) == 2
    assert _lookup(api, old["code"], "051090001234").status == 200

    report = retention.run(DAYS)

    assert report.redacted == [old["dossier_id"]]
    items = _partition(api, old["dossier_id"])
    (meta,) = [i for i in items if i["SK"] == "META"]
    assert meta["applicant"] == {"kind": "ca-nhan"}
    assert "answers" not in meta and "access_token_hash" not in meta
    assert (meta["code"], meta["state"], meta["procedure_id"]) == (old["code"], "withdrawn", "nuoi-trong-long-be")
    assert (meta["submitted_at"], meta["closed_at"]) == ("2026-07-08T09:00:00+07:00", "2026-07-08T09:00:00+07:00")
    # Off the desk's ID-number and name search and off the retention index: found by code only.
    assert not {"GSI3PK", "GSI4PK", "GSI6PK"} & set(meta)
    # Every version of every file is gone, and so are the records naming them.
    assert _versions(api, old["dossier_id"]) == []
    assert not [i for i in items if i["SK"].startswith("DOC#")]
    # The events stay, in order, without the citizen's reason; the job's own event is added.
    events = [i for i in items if i["SK"].startswith("EVENT#")]
    assert [e["action"] for e in events] == ["submit", "withdraw", "redact"]
    assert events[1]["data"] == {}
    assert (events[2]["actor_role"], events[2]["citizen_visible"], events[2]["to_state"]) == ("system", False, "withdrawn")
    assert events[2]["data"] == {"retention_days": DAYS, "documents_deleted": 2}
    # The e-mails and SMS keep what was sent when, not to whom or what they said.
    messages = [i for i in items if i["SK"].startswith("OUTBOX#")]
    assert messages and all(not {"to", "subject", "body"} & set(m) for m in messages)
    assert {m["status"] for m in messages} == {"discarded"}  # never sent here: never sent now
    for personal in PERSONAL:
        assert personal not in str(items), personal


def test_after_redaction_the_lookup_answers_as_for_a_wrong_id_and_the_desk_sees_no_file(api, dossiers):
    old = dossiers["old"]
    retention.run(DAYS)

    right = _lookup(api, old["code"], "051090001234")
    wrong = _lookup(api, old["code"], "051090009999")
    assert right.status == wrong.status == 404
    assert right.json == wrong.json
    private_link = api.post("/api/lookup", {"code": old["code"], "access_token": old["access_token"]})
    assert private_link.status == 404 and private_link.json == wrong.json

    detail = api.officer("GET", f"/api/officer/dossiers/{old['dossier_id']}")
    assert detail.status == 200, detail.text
    assert detail.json["documents"] == []
    assert detail.json["events"][-1]["label"] == "Xóa dữ liệu cá nhân theo thời hạn lưu trữ"
    for personal in PERSONAL:
        assert personal not in detail.text, personal


def test_an_open_dossier_and_a_recently_closed_one_are_not_touched(api, dossiers):
    before = {name: _partition(api, dossiers[name]["dossier_id"]) for name in ("open", "recent")}
    files = {name: _versions(api, dossiers[name]["dossier_id"]) for name in ("open", "recent")}

    retention.run(DAYS)

    for name in ("open", "recent"):
        assert _partition(api, dossiers[name]["dossier_id"]) == before[name], name
        assert _versions(api, dossiers[name]["dossier_id"]) == files[name], name
    assert _lookup(api, dossiers["recent"]["code"], "051090001234").status == 200


def test_a_second_run_changes_nothing(api, dossiers, monkeypatch):
    from portal.handlers import retention as handler

    monkeypatch.setenv("RETENTION_DAYS", str(DAYS))
    first = handler.lambda_handler({}, LambdaContext("portal-retention", timeout_seconds=300))
    items, files = api.items(), api.s3.list_object_versions(Bucket=api.env["DOCUMENTS_BUCKET"]).get("Versions", [])

    second = handler.lambda_handler({}, LambdaContext("portal-retention", timeout_seconds=300))

    assert first == {"redacted": 1, "skipped": 0, "failed": 0, "swept": 0, "stopped_early": False}
    assert second == {"redacted": 0, "skipped": 0, "failed": 0, "swept": 0, "stopped_early": False}
    assert sorted(api.items(), key=lambda i: (i["PK"], i["SK"])) == sorted(items, key=lambda i: (i["PK"], i["SK"]))
    assert api.s3.list_object_versions(Bucket=api.env["DOCUMENTS_BUCKET"]).get("Versions", []) == files


def test_the_files_of_a_dossier_never_recorded_go_a_day_after_they_were_copied(api, clock):
    """What a submission leaves when its write failed and its copies could not be removed
    (services/dossier_files.discard_copies): a folder no dossier names, two versions of a file."""
    kept = _submit(api, "kept")
    never = "01JNEVERRECORDED0000000000"
    for body in (b"%PDF-1.4 first", b"%PDF-1.4 second"):
        api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=f"dossiers/{never}/don-de-nghi/1", Body=body)
    copied = max(v["LastModified"] for v in _versions(api, never))
    kept_files = _versions(api, kept["dossier_id"])

    clock.now = copied + timedelta(hours=23)  # a submission may still be writing it
    assert retention.run(DAYS).swept == []
    assert len(_versions(api, never)) == 2

    clock.now = copied + timedelta(hours=25)
    assert retention.run(DAYS).swept == [never]
    assert _versions(api, never) == []
    assert _versions(api, kept["dossier_id"]) == kept_files  # a recorded dossier's files stay


def test_a_period_shorter_than_a_year_is_refused(api):
    with pytest.raises(ValueError, match="at least 365"):
        retention.run(30)
