"""Guessing an ID number through the lookup is stopped by limits kept in the table: per client,
and per client and code, never per code alone, so nobody can lock a citizen out of his own
dossier. A busy store answers 503 with Retry-After, not 500."""
import pytest
from botocore.exceptions import ClientError

from portal.services import lookup
from tests.api.support import build_event, call, submission


def _lookup(api, code: str, id_number: str, client: str):
    event = build_event("POST", "/api/lookup", {"code": code, "id_number": id_number})
    event["requestContext"]["http"]["sourceIp"] = client
    return call(api._citizen, event)


@pytest.fixture
def code(api):
    return api.submit(submission(api.upload())).json["code"]


def test_a_client_guessing_one_code_is_stopped_with_retry_after(api, code):
    answers = [_lookup(api, code, f"05109000{n:04d}", "203.0.113.7") for n in range(lookup.LIMIT_PER_CLIENT_AND_CODE)]
    assert {a.status for a in answers} == {404}

    blocked = _lookup(api, code, "051090001234", "203.0.113.7")

    assert blocked.status == 429
    assert blocked.json["error"]["code"] == "RATE_LIMITED"
    assert 0 < int(blocked.headers["Retry-After"]) <= lookup.LIMIT_WINDOW_SECONDS


def test_the_citizen_is_not_locked_out_by_someone_elses_guesses(api, code):
    for n in range(lookup.LIMIT_PER_CLIENT_AND_CODE + 5):
        _lookup(api, code, f"05109000{n:04d}", "203.0.113.7")

    mine = _lookup(api, code, "051090001234", "198.51.100.20")

    assert mine.status == 200, mine.text


def test_a_client_trying_many_codes_is_stopped_too(api, code, monkeypatch):
    monkeypatch.setattr(lookup, "LIMIT_PER_CLIENT", 5)
    statuses = [_lookup(api, f"{code[:-4]}{n:04d}", "051090001234", "203.0.113.9").status for n in range(2, 8)]
    assert statuses == [404] * 5 + [429]


def test_no_client_address_is_stored(api, code):
    _lookup(api, code, "051090001234", "203.0.113.7")
    stored = str(api.items())
    assert "203.0.113.7" not in stored


def test_a_busy_table_answers_503_with_retry_after(api, code, monkeypatch):
    store = lookup.deps.dossier_store()

    def throttled(_code):
        raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "busy"}}, "GetItem")

    monkeypatch.setattr(store, "id_for_code", throttled)

    answer = _lookup(api, code, "051090001234", "203.0.113.8")

    assert answer.status == 503
    assert answer.json["error"]["code"] == "SERVICE_UNAVAILABLE"
    assert answer.headers["Retry-After"] == "2"
