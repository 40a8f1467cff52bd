"""Notifications through the outbox: a citizen-visible change writes its e-mail and SMS in the
same transaction as its event (none if the write fails), and the stream-fed sender sends each
message once, however often its record is delivered; what it cannot send ends in the
dead-letter queue and goes out once an operator puts it back."""
import json

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from infra.local.api_event import LambdaContext
from infra.local.functions import import_handler
from infra.local.provision import provision
from infra.local.streams import StreamPoller, stream_sources, streams_client
from portal.domain.errors import Conflict
from scripts import outbox_requeue
from tests.api.support import submission


@pytest.fixture(scope="module")
def sources(aws_env):
    # Provisioning again reuses what exists: it gives back the stack's resolved names.
    (source,) = stream_sources(provision())
    return [source]


def _invoke(source, event):
    return import_handler(source.handler)(event, LambdaContext("portal-notification-sender", timeout_seconds=10))


@pytest.fixture
def sender(sources, aws_env):
    """The stream's event source, as Lambda runs it, from the records written after this point."""
    poller = StreamPoller(sources, _invoke, streams_client(aws_env["AWS_DEFAULT_REGION"]), boto3.client("sqs"))
    poller.start_at_latest()
    return poller


@pytest.fixture
def sent(aws_env):
    """What reached SES and SNS during the test (moto's own record of the calls)."""
    region = aws_env["AWS_DEFAULT_REGION"]
    ses, sns = ses_backends[DEFAULT_ACCOUNT_ID][region], sns_backends[DEFAULT_ACCOUNT_ID][region]
    emails_before, sms_before = len(ses.sent_messages), set(sns.sms_messages)

    def now() -> dict:
        return {
            "emails": ses.sent_messages[emails_before:],
            "sms": [sns.sms_messages[k] for k in sns.sms_messages if k not in sms_before],
        }

    return now


def outbox(api) -> list[dict]:
    return sorted((i for i in api.items() if i["SK"].startswith("OUTBOX#")), key=lambda i: (i["SK"], i["channel"]))


def submitted(api, key="key-1") -> dict:
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def receive(api, dossier_id: str, version: int = 1):
    return api.officer("POST", f"/api/officer/dossiers/{dossier_id}/receive", {"version": version})


def test_a_receive_writes_its_email_and_sms_in_the_events_own_transaction(api, clock, monkeypatch):
    from portal.store.aws import dynamodb_client

    dossier = submitted(api)
    client = dynamodb_client()
    transactions = []
    original = client.transact_write_items
    monkeypatch.setattr(client, "transact_write_items",
                        lambda **kw: transactions.append(kw["TransactItems"]) or original(**kw))
    clock.set(2026, 7, 9, 10, 0)
    assert receive(api, dossier["dossier_id"]).status == 200

    (writes,) = transactions
    puts = [w["Put"]["Item"] for w in writes if "Put" in w]
    assert [p["SK"].split("#")[0] for p in puts] == ["EVENT", "OUTBOX", "OUTBOX"]
    email, sms = [p for p in puts if p["SK"].startswith("OUTBOX#")]
    assert (email["channel"], email["to"], email["status"]) == ("email", "binh@example.vn", "pending")
    assert (sms["channel"], sms["to"], sms["status"]) == ("sms", "+84905123456", "pending")
    assert email["subject"] == f"Hồ sơ {dossier['code']} đã được tiếp nhận"
    assert "Ngày hẹn trả kết quả: 16/07/2026." in email["body"]
    assert sms["body"] == (f"Chi cục Thủy sản: Hồ sơ {dossier['code']} đã được tiếp nhận ngày 09/07/2026. "
                           "Hẹn trả kết quả ngày 16/07/2026.")
    assert all(p["dossier_id"] == dossier["dossier_id"] and p["action"] == "receive" for p in (email, sms))
    # The submission wrote its own two; nothing else is in the outbox.
    assert [(i["action"], i["channel"]) for i in outbox(api)] == [
        ("submit", "email"), ("submit", "sms"), ("receive", "email"), ("receive", "sms")]


def test_a_write_that_fails_leaves_no_message(api):
    dossier = submitted(api)
    assert receive(api, dossier["dossier_id"]).status == 200
    assert receive(api, dossier["dossier_id"]).status == 409  # the version seen is stale

    from portal.services import deps

    store = deps.dossier_store()
    stale = {**store.get(dossier["dossier_id"]), "version": 1}
    event = {"action": "forward", "at": "2026-07-09T11:00:00+07:00", "data": {}, "citizen_visible": True}
    with pytest.raises(Conflict):
        store.apply_change(stale, {}, "processing", event,
                           messages=[{"channel": "sms", "to": "+84905123456", "subject": None, "body": "x"}])
    assert [i["action"] for i in outbox(api)] == ["submit", "submit", "receive", "receive"]


def test_the_sender_sends_each_message_once_however_often_it_runs(api, sender, sent):
    dossier = submitted(api)
    assert sender.poll() == 2
    assert [m.destinations["ToAddresses"] for m in sent()["emails"]] == [["binh@example.vn"]]
    assert [phone for phone, _ in sent()["sms"]] == ["+84905123456"]
    items = outbox(api)
    assert {i["status"] for i in items} == {"sent"} and all(i["provider_id"] for i in items)

    # A second run finds nothing new; a replayed batch finds the messages sent and skips them.
    assert sender.poll() == 0
    replayed = [{"eventName": "INSERT", "eventSource": "aws:dynamodb", "dynamodb": {
        "SequenceNumber": str(n), "NewImage": {"kind": {"S": "outbox"}, "status": {"S": "pending"},
                                               "dossier_id": {"S": i["dossier_id"]}, "id": {"S": i["id"]}}}}
        for n, i in enumerate(items, start=1)]
    assert _invoke(sender.sources[0], {"Records": replayed}) == {"batchItemFailures": []}
    assert len(sent()["emails"]) == 1 and len(sent()["sms"]) == 1
    assert dossier["code"] in sent()["emails"][0].subject


def test_an_internal_event_or_an_update_sends_nothing(api, sender, sent):
    submitted(api)
    sender.poll()
    before = (len(sent()["emails"]), len(sent()["sms"]))
    # Marking the messages sent, and any other write, are stream records the filter drops.
    assert sender.poll() == 0
    assert (len(sent()["emails"]), len(sent()["sms"])) == before


def test_a_message_that_cannot_be_sent_goes_to_the_dead_letter_queue_then_out_once_requeued(
        api, sender, sent, monkeypatch, aws_env):
    from portal.config import reset_settings
    from portal.services import notifications

    monkeypatch.setenv("NOTIFY_FROM", "chua-xac-minh@thuysan.example")  # SES refuses an unverified sender
    reset_settings()
    submitted(api)
    sender.poll()
    email, sms = outbox(api)
    assert (email["status"], sms["status"]) == ("failed", "sent")
    assert "MessageRejected" in email["last_error"]
    assert len(sent()["sms"]) == 1 and sent()["emails"] == []  # the SMS went once despite the retries

    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=sender.sources[0].on_failure_arn.rsplit(":", 1)[-1])["QueueUrl"]
    (dead,) = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    # Like Lambda's failure record, it says where the batch is in the stream (from the failed record on).
    batch = json.loads(dead["Body"])["DDBStreamBatchInfo"]
    assert batch["streamArn"] == sender.sources[0].stream_arn and batch["batchSize"] == 2

    # The operator fixes the cause, then puts back what was not sent (docs/operations.md).
    monkeypatch.setenv("NOTIFY_FROM", aws_env["NOTIFY_FROM"])
    reset_settings()
    assert outbox_requeue.main([]) == 0
    assert notifications.outbox().unsent() == []
    assert sender.poll() == 1
    assert [i["status"] for i in outbox(api)] == ["sent", "sent"]
    assert len(sent()["emails"]) == 1 and len(sent()["sms"]) == 1
