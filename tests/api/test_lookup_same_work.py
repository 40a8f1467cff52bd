"""A missing code and a wrong ID number cost the lookup the same DynamoDB requests, so the
time of the answer does not tell them apart (scripts/bench/lookup_timing.py measures it)."""
import pytest

from tests.api.support import submission


@pytest.fixture
def requests_made():
    """Each DynamoDB request the functions make: its operation, and the keys of what it reads
    (a Query names its partition), without the values."""
    from portal.store.aws import dynamodb_resource

    made: list[tuple[str, tuple[str, ...]]] = []

    def record(params, model, **_):
        made.append((model.name, tuple(sorted(params.get("Key") or {}))))

    events = dynamodb_resource().meta.client.meta.events
    events.register("provide-client-params.dynamodb", record)
    yield made
    events.unregister("provide-client-params.dynamodb", record)


def _lookup(api, made, body) -> tuple[int, list]:
    made.clear()
    answer = api.post("/api/lookup", body)
    return answer.status, list(made)


def test_a_missing_code_makes_the_same_reads_as_a_wrong_id_number(api, requests_made):
    code = api.submit(submission(api.upload())).json["code"]

    wrong_id = _lookup(api, requests_made, {"code": code, "id_number": "051090009999"})
    missing = _lookup(api, requests_made, {"code": code[:-4] + "0099", "id_number": "051090009999"})
    malformed = _lookup(api, requests_made, {"code": "no such code", "id_number": "051090009999"})
    right = _lookup(api, requests_made, {"code": code, "id_number": "051090001234"})

    assert wrong_id == missing == malformed
    assert wrong_id[0] == 404
    # Two single-item reads (the code, then only the proof of the record), no Query of the partition:
    # only the applicant, once proven, gets the events read.
    assert [op for op, _ in wrong_id[1] if op in ("GetItem", "Query")] == ["GetItem", "GetItem"]
    assert right[0] == 200
    assert [op for op, _ in right[1] if op in ("GetItem", "Query")] == ["GetItem", "GetItem", "Query"]
