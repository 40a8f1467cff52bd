"""A submission is recorded once, whatever the network and the stores do: retried 200 times,
retried after its answer was lost, or sent while DynamoDB and S3 calls fail at random; and an
officer's action is applied once while they fail. Each attempt either succeeds or fails with
an error the client may retry (503, or 409: a first attempt still running, or a version that
changed, after which the officer reads the dossier again); afterwards every dossier is whole,
and nothing was applied twice.

The faulted run is scripts/faults (`make faults` runs it at 1,000 + 1,000): a botocore event hook
(seeded, so the run is the same every time) fails the calls the dossier store and the documents
bucket make, or loses the answer of a transaction that was done.
"""
import uuid

import pytest
from botocore.exceptions import ClientError

from scripts.faults import report
from scripts.faults.clients import RETRYABLE, Officer
from scripts.faults.hook import LOST, Faults, injected
from scripts.faults.run import run
from tests.api.desk_support import LEADER, Desk, in_processing, seed_specialists, upload_result
from tests.api.support import RECEPTIONIST, SPECIALIST, submission


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


RUN = 100  # submissions, and as many officer actions: `make faults` runs 1,000 of each


@pytest.fixture
def faulted_run(aws_env):
    seed_specialists(aws_env)
    return run(aws_env, submissions=RUN, actions=RUN, rate=0.12, seed=20261202,
               officer=Officer(RECEPTIONIST, "chuyenvien01"))


def test_faulted_submissions_and_actions_are_each_applied_once_and_whole(faulted_run):
    result = faulted_run
    print("\n" + report.counts(result))  # noqa: T201 - the run's counts, for whoever reads the log
    tally, consistency = result["tally"], result["consistency"]

    # Each operation got through within its retries; every answer on the way was a clear retryable one.
    assert tally.failed == []
    assert (result["accepted"], result["applied"]) == (RUN, result["actions"]) and result["actions"] >= RUN
    assert {status for _, status in tally.answers} <= {200, 201, *RETRYABLE}
    assert "unclear" not in {code for _, code in tally.errors}
    # The run really was faulted, in both phases, and some writes were done with their answer lost.
    assert sum(result["injected"].values()) >= RUN
    assert tally.answers["submit", 503] and tally.answers["receive", 503]
    assert any(name.endswith(LOST) for name in result["injected"])
    # Afterwards: one whole dossier per submission, each action once with its event and messages,
    # versions equal to writes, queues agreeing with states.
    assert consistency["dossiers"] == consistency["codes"] == RUN
    assert consistency["events"] == RUN + result["actions"]
    assert (consistency["losses"], consistency["duplicates"], consistency["disagreements"]) == ([], [], [])
    # The retention job's sweep then removes the copies failed submissions left, and nothing else.
    assert consistency["after_sweep"] == {"orphan_copies": 0, "losses": [], "duplicates": [], "disagreements": []}
    assert report.whole(result)


def test_a_decision_whose_answer_was_lost_keeps_its_signed_result(api, aws_env):
    seed_specialists(aws_env)
    desk = in_processing(api)
    desk.ok("propose", {"proposal": "approve", "opinion": "Đủ điều kiện cấp."}, claims=SPECIALIST)
    body = {"outcome": "approve", "result": {"number": "125/GXN-CCTS", "signer": "Nguyễn Văn Hải",
                                             "signed_on": "2026-07-08", "upload_id": upload_result(api)}}
    lost = Faults(seed=1, rate=0, lost_rate=1)  # the decision is written, its answer lost

    with injected(lost):
        first = desk.act("decide", body, claims=LEADER)
    again = desk.act("decide", body, claims=LEADER)  # the leader tries again on what they saw

    assert (first.status, again.status, lost.count()) == (503, 409, 1)
    detail = desk.detail(claims=LEADER)
    assert [e["action"] for e in detail["events"]].count("decide") == 1
    assert detail["dossier"]["status"] == "result_ready"
    [meta] = api.dossier_metas()
    document = meta["result"]["document"]
    stored = api.s3.head_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=document["key"], VersionId=document["version_id"])
    assert stored["ContentLength"] == document["size"]  # the copy the dossier names is there


def test_papers_supplied_with_their_answer_lost_stay_with_the_dossier(api, clock):
    """The same on the citizen's side: a supply whose transaction was done keeps its copies."""
    receipt = api.submit(submission(api.upload()), key=_key("supplied")).json
    desk = Desk(api, receipt["dossier_id"])
    desk.ok("receive")
    desk.ok("request_supplement", {"items": [{"slot": "don-de-nghi", "note": "Đơn chưa có chữ ký."}]})
    body = {"access_token": receipt["access_token"], "documents": [{"slot": "don-de-nghi", "upload_id": api.upload()}]}
    lost = Faults(seed=1, rate=0, lost_rate=1)  # the supply is written, its answer lost

    with injected(lost):
        first = api.post(f"/api/dossiers/{receipt['dossier_id']}/supply", body)
    again = api.post(f"/api/dossiers/{receipt['dossier_id']}/supply", body)  # the citizen tries again

    assert (first.status, again.status, lost.count()) == (503, 409, 1)
    docs = [i for i in api.items() if i["PK"] == f"DOSSIER#{receipt['dossier_id']}" and i["SK"].startswith("DOC#")]
    assert len(docs) == 2  # the submitted application and the supplied one
    for doc in docs:  # every copy the dossier names is there
        stored = api.s3.head_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=doc["key"], VersionId=doc["version_id"])
        assert stored["ContentLength"] == doc["size"]


def deps_idempotency():
    from portal.store.idempotency import idempotency_persistence

    return idempotency_persistence()


def _empty(api, table_name: str) -> None:
    import boto3

    table = boto3.resource("dynamodb").Table(table_name)
    for item in table.scan()["Items"]:
        table.delete_item(Key={"id": item["id"]})

