"""scripts/backfill_indexes.py on the table as provisioned from template.yaml (moto in-process):
dossiers written by an older version, without the ID-number, name, received-month and retention
index attributes, cannot be found by the desk's search, tracking book or the retention job until
the backfill gives them those attributes; a second run writes nothing; a dossier changed between
the Scan and the update keeps what that newer write made of it."""
from __future__ import annotations

from datetime import datetime

import boto3
import pytest

from scripts import backfill_indexes
from tests.api.support import Api, provisioned_aws, submission

# What the older versions never wrote: GSI3 (ID number), GSI4 (name), GSI5 (month received), GSI6 (retention).
LATER_INDEXES = [f"GSI{n}{part}" for n in (3, 4, 5, 6) for part in ("PK", "SK")]
ID_NUMBER, NAME = "051090001234", "Nguyễn Văn Bình"


@pytest.fixture(scope="module")
def aws_env():
    with provisioned_aws() as env:
        yield env


@pytest.fixture
def clock(monkeypatch):
    from portal.domain import clock

    now = {"at": datetime(2026, 7, 8, 9, 0, tzinfo=clock.VN_TZ)}
    monkeypatch.setattr(clock, "now_vn", lambda: now["at"])
    return now


@pytest.fixture
def api(aws_env, clock):
    yield Api(aws_env)
    for name in (aws_env["TABLE_NAME"], aws_env["IDEMPOTENCY_TABLE_NAME"]):
        table = boto3.resource("dynamodb").Table(name)
        keys = [k["AttributeName"] for k in table.key_schema]
        with table.batch_writer() as batch:
            for item in table.scan()["Items"]:
                batch.delete_item(Key={k: item[k] for k in keys})


def _submit(api, key: str) -> dict:
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _as_an_older_version_wrote_them(api) -> None:
    for meta in api.dossier_metas():
        names = {f"#n{i}": name for i, name in enumerate(LATER_INDEXES)}
        api.table.update_item(Key={"PK": meta["PK"], "SK": "META"}, UpdateExpression="REMOVE " + ", ".join(names),
                              ExpressionAttributeNames=names)


def _search(api, q: str) -> list[str]:
    answer = api.officer("GET", "/api/officer/search", query={"q": q})
    assert answer.status == 200, answer.text
    return sorted(item["code"] for item in answer.json["items"])


def _book(api) -> list[str]:
    answer = api.officer("GET", "/api/officer/book", query={"from": "2026-07-01", "to": "2026-07-31"})
    assert answer.status == 200, answer.text
    return sorted(row["code"] for row in answer.json["rows"])


def _closed(aws_env) -> list[str]:
    from portal.store.retention import RetentionStore

    return list(RetentionStore(aws_env["TABLE_NAME"], aws_env["DOCUMENTS_BUCKET"]).closed_before("9999"))


def _sorted_items(api) -> list[dict]:
    return sorted(api.items(), key=lambda i: (i["PK"], i["SK"]))


@pytest.fixture
def older_dossiers(api):
    """`received`: submitted and received; `withdrawn`: submitted and withdrawn by the applicant
    (closed); both then stripped of the later indexes' attributes."""
    received, withdrawn = _submit(api, "received"), _submit(api, "withdrawn")
    meta = next(m for m in api.dossier_metas() if m["id"] == received["dossier_id"])
    answer = api.officer("POST", f"/api/officer/dossiers/{received['dossier_id']}/receive", {"version": int(meta["version"])})
    assert answer.status == 200, answer.text
    answer = api.post(f"/api/dossiers/{withdrawn['dossier_id']}/withdraw", {"access_token": withdrawn["access_token"]})
    assert answer.status == 200, answer.text
    _as_an_older_version_wrote_them(api)
    return {"received": received, "withdrawn": withdrawn}


def test_dossiers_an_older_version_wrote_are_found_by_the_desk_after_the_backfill(api, aws_env, older_dossiers, capsys):
    codes = sorted(d["code"] for d in older_dossiers.values())
    assert _search(api, ID_NUMBER) == _search(api, "nguyen van") == _book(api) == _closed(aws_env) == []

    assert backfill_indexes.main(["--table", aws_env["TABLE_NAME"], "--dry-run"]) == 0
    assert "2 dossier(s) scanned: 2 would be given missing index attributes (GSI3 2, GSI4 2, GSI5 1, GSI6 1)" in (
        capsys.readouterr().out)
    assert _search(api, ID_NUMBER) == []  # a dry run writes nothing

    assert backfill_indexes.main(["--table", aws_env["TABLE_NAME"], "--total-segments", "3"]) == 0

    assert "2 dossier(s) scanned: 2 given missing index attributes (GSI3 2, GSI4 2, GSI5 1, GSI6 1)" in (
        capsys.readouterr().out)
    assert _search(api, ID_NUMBER) == _search(api, "nguyen van") == _search(api, NAME) == codes
    assert _book(api) == [older_dossiers["received"]["code"]]
    assert _closed(aws_env) == [older_dossiers["withdrawn"]["dossier_id"]]
    # Exactly what the current version writes: the backfill states no key format of its own.
    from portal.store.dossiers import _index_keys, _record

    for meta in api.dossier_metas():
        expected = {k: v for k, v in _index_keys(_record(meta)).items() if v is not None}
        assert {k: meta[k] for k in meta if k.startswith("GSI")} == expected
        assert meta["version"] in (2, 2.0)  # the backfill is no change of the dossier: no new version


def test_a_second_run_writes_nothing(api, aws_env, older_dossiers, capsys):
    assert backfill_indexes.main(["--table", aws_env["TABLE_NAME"]]) == 0
    items = _sorted_items(api)
    capsys.readouterr()

    assert backfill_indexes.main(["--table", aws_env["TABLE_NAME"]]) == 0

    assert "2 dossier(s) scanned: 0 given missing index attributes, 2 already complete, 0 changed meanwhile" in (
        capsys.readouterr().out)
    assert _sorted_items(api) == items


def test_a_dossier_changed_during_the_scan_keeps_its_newer_write(api, aws_env, older_dossiers, clock, monkeypatch, capsys):
    """The retention job redacts the withdrawn dossier after the backfill read it: the backfill
    must not put its ID number, name and closing back on the indexes (search, retention job)."""
    from portal.services import retention
    from portal.store.index_backfill import IndexBackfill

    withdrawn = older_dossiers["withdrawn"]["dossier_id"]
    scan = IndexBackfill.metas

    def scan_then_redact(self, *args, **kwargs):
        for page in scan(self, *args, **kwargs):
            clock["at"] = datetime(2031, 7, 9, 2, 0, tzinfo=clock["at"].tzinfo)
            _restore_retention_index(api, withdrawn)  # so the job finds it, as on a stack already filled
            assert retention.run(1825).redacted == [withdrawn]
            yield page

    monkeypatch.setattr(IndexBackfill, "metas", scan_then_redact)
    assert backfill_indexes.main(["--table", aws_env["TABLE_NAME"]]) == 0

    assert "1 changed meanwhile (left to their newer write)" in capsys.readouterr().out
    meta = next(m for m in api.dossier_metas() if m["id"] == withdrawn)
    assert meta["redacted_at"] and not {"GSI3PK", "GSI4PK", "GSI6PK"} & set(meta)
    assert _search(api, ID_NUMBER) == [older_dossiers["received"]["code"]]
    assert _closed(aws_env) == []


def _restore_retention_index(api, dossier_id: str) -> None:
    from portal.store.dossiers import _index_keys, _record

    meta = next(m for m in api.dossier_metas() if m["id"] == dossier_id)
    keys = _index_keys(_record(meta))
    api.table.update_item(Key={"PK": meta["PK"], "SK": "META"}, UpdateExpression="SET GSI6PK = :pk, GSI6SK = :sk",
                          ExpressionAttributeValues={":pk": keys["GSI6PK"], ":sk": keys["GSI6SK"]})
