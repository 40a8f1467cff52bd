"""Dossier codes are taken by the transaction that records the dossier: consecutive per agency
and day, never shared by two dossiers, never used up by a write that fails."""
from botocore.exceptions import ClientError

from portal.services import deps
from portal.store import dossiers as dossier_store_module
from tests.api.support import AGENCY, submission


def _codes(api) -> list[str]:
    return sorted(meta["code"] for meta in api.dossier_metas())


def test_codes_of_one_day_are_consecutive(api):
    for n in range(3):
        assert api.submit(submission(api.upload()), key=f"k{n}").status == 201

    assert _codes(api) == [f"{AGENCY}-260708-000{n}" for n in (1, 2, 3)]


def test_a_writer_that_lost_the_race_for_a_number_takes_the_next_one(api, monkeypatch):
    assert api.submit(submission(api.upload()), key="first").status == 201
    store = deps.dossier_store()
    real = store._sequence
    reads = []

    def sequence(agency, day):
        # The first read is stale: this writer looked before the first dossier took number 1.
        reads.append(day)
        return 0 if len(reads) == 1 else real(agency, day)

    monkeypatch.setattr(store, "_sequence", sequence)

    answer = api.submit(submission(api.upload()), key="second")

    assert answer.status == 201, answer.text
    assert _codes(api) == [f"{AGENCY}-260708-0001", f"{AGENCY}-260708-0002"]


def test_a_failed_write_uses_up_no_number(api, monkeypatch):
    client = dossier_store_module.dynamodb_client()
    real = client.transact_write_items
    calls = {"n": 0}

    def fail_once(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ClientError({"Error": {"Code": "InternalServerError", "Message": "injected"}}, "TransactWriteItems")
        return real(**kwargs)

    monkeypatch.setattr(client, "transact_write_items", fail_once)
    body = submission(api.upload())
    failed = api.submit(body, key="retried")
    assert failed.status == 503 and failed.headers["Retry-After"]  # the client may try again
    assert api.dossier_metas() == []
    listed = api.s3.list_objects_v2(Bucket=api.env["DOCUMENTS_BUCKET"], Prefix="dossiers/")
    assert listed.get("KeyCount", 0) == 0

    assert api.submit(body, key="retried").status == 201
    assert _codes(api) == [f"{AGENCY}-260708-0001"]
