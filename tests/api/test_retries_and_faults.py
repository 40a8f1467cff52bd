"""A submission is recorded once, whatever the network and the stores do: retried 200 times,
retried after its answer was lost, or sent while DynamoDB and S3 calls fail at random. Each
attempt either succeeds or fails with an error the client may retry (503, or 409 while the
first attempt is still running); afterwards every dossier is whole and none was made twice.

The faults are injected by a botocore event hook (seeded, so the run is the same every time)
on the calls the dossier store and the documents bucket make.
"""
import random
import uuid
from collections import Counter

import pytest
from botocore.exceptions import ClientError

from portal.store import aws
from tests.api.support import submission

RETRYABLE = {409, 503}


def _key(label: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, label))


def _dossiers(api) -> list[dict]:
    return api.dossier_metas()


def test_two_hundred_retries_of_one_submission_make_one_dossier(api):
    body, key = submission(api.upload()), _key("one")

    answers = [api.submit(body, key=key) for _ in range(200)]

    assert {a.status for a in answers} == {201}
    assert len({(a.json["code"], a.json["access_token"]) for a in answers}) == 1
    assert len(_dossiers(api)) == 1


def test_a_retry_after_the_answer_was_lost_finds_the_dossier(api, monkeypatch):
    body, key = submission(api.upload()), _key("lost")
    persistence = deps_idempotency()
    real = persistence.save_success

    def lost(*args, **kwargs):
        raise ClientError({"Error": {"Code": "InternalServerError", "Message": "injected"}}, "UpdateItem")

    monkeypatch.setattr(persistence, "save_success", lost)
    first = api.submit(body, key=key)
    assert first.status == 503  # recorded, but the client never heard so
    monkeypatch.setattr(persistence, "save_success", real)
    # The idempotency record of the lost answer expires (its in-progress time is the Lambda's).
    _empty(api, api.env["IDEMPOTENCY_TABLE_NAME"])

    again = api.submit(body, key=key)

    assert again.status == 201, again.text
    [dossier] = _dossiers(api)
    assert again.json["dossier_id"] == dossier["id"] and again.json["code"] == dossier["code"]
    lookup = api.post("/api/lookup", {"code": dossier["code"], "access_token": again.json["access_token"]})
    assert lookup.status == 200  # the private link of the retry opens the dossier


class Faults:
    """Fails a seeded fraction of the dossier table's and the bucket's calls, as throttling or a
    service's own error; counts what it did."""

    CODES = ("ProvisionedThroughputExceededException", "InternalServerError", "SlowDown", "ServiceUnavailable")

    def __init__(self, seed: int, rate: float, spared_table: str):
        self.random = random.Random(seed)
        self.rate = rate
        self.spared_table = spared_table
        self.injected: Counter = Counter()
        self.on = True

    def __call__(self, model, params, **_):
        if not self.on or params.get("TableName") == self.spared_table or self.random.random() >= self.rate:
            return None
        code = self.random.choice(self.CODES)
        # Removing one version of a copy (the clean-up of a failed write) is told apart.
        version = "versionId" in (params.get("query_string") or {})
        operation = "DeleteObjectVersion" if model.name == "DeleteObject" and version else model.name
        self.injected[f"{operation}:{code}"] += 1
        raise ClientError({"Error": {"Code": code, "Message": "injected"}, "ResponseMetadata": {"HTTPStatusCode": 503}}, model.name)


@pytest.fixture
def faults(api):
    # Powertools' own records are spared: its in-progress record outlives a failed delete for
    # the Lambda's whole timeout, which would only make this test wait, not test anything else.
    injected = Faults(seed=20261202, rate=0.12, spared_table=api.env["IDEMPOTENCY_TABLE_NAME"])
    clients = [aws.dynamodb_client(), aws.s3_client()]
    for client in clients:
        client.meta.events.register("before-call", injected)
    yield injected
    for client in clients:
        client.meta.events.unregister("before-call", injected)


def test_faulted_submissions_are_each_recorded_once_and_whole(api, faults):
    faults.on = False
    bodies = {_key(f"faulted-{n}"): submission(api.upload()) for n in range(25)}
    faults.on = True
    outcomes: Counter = Counter()
    codes: dict[str, str] = {}
    for key, body in bodies.items():
        for _attempt in range(30):
            answer = api.submit(body, key=key)
            outcomes[answer.status] += 1
            if answer.status == 201:
                codes[key] = answer.json["code"]
                break
            assert answer.status in RETRYABLE, answer.text
    faults.on = False
    print(f"\nfaults injected: {sum(faults.injected.values())} {dict(faults.injected)}; answers: {dict(outcomes)}")  # noqa: T201 - the run's counts, for whoever reads the log

    assert len(codes) == len(bodies), "every submission got through within its retries"
    assert sum(faults.injected.values()) >= 25, "the run really was faulted"
    dossiers = _dossiers(api)
    assert sorted(d["code"] for d in dossiers) == sorted(codes.values())  # one dossier per submission
    bucket = api.env["DOCUMENTS_BUCKET"]
    for dossier in dossiers:
        items = [i for i in api.items() if i["PK"] == f"DOSSIER#{dossier['id']}"]
        docs = [i for i in items if i["SK"].startswith("DOC#")]
        assert [i["SK"] for i in items if i["SK"].startswith("EVENT#")], dossier["code"]
        assert len(docs) == 1
        stored = api.s3.get_object(Bucket=bucket, Key=docs[0]["key"], VersionId=docs[0]["version_id"])
        assert stored["ContentLength"] == docs[0]["size"]
        code_item = [i for i in api.items() if i["PK"] == f"CODE#{dossier['code']}"]
        assert [i["dossier_id"] for i in code_item] == [dossier["id"]]
    # A copy whose dossier was not recorded is removed, unless that removal failed too.
    referenced = {(i["key"], i["version_id"]) for i in api.items() if i["SK"].startswith("DOC#")}
    versions = api.s3.list_object_versions(Bucket=bucket, Prefix="dossiers/").get("Versions", [])
    orphans = [v for v in versions if (v["Key"], v["VersionId"]) not in referenced]
    failed_removals = sum(n for name, n in faults.injected.items() if name.startswith("DeleteObjectVersion"))
    print(f"copies left by failed writes: {len(orphans)} (removals that failed: {failed_removals})")  # noqa: T201
    assert len(orphans) <= failed_removals


def deps_idempotency():
    from portal.store.idempotency import idempotency_persistence

    return idempotency_persistence()


def _empty(api, table_name: str) -> None:
    import boto3

    table = boto3.resource("dynamodb").Table(table_name)
    for item in table.scan()["Items"]:
        table.delete_item(Key={"id": item["id"]})

