"""Sending to the citizen: e-mail through SES, SMS through SNS (a direct publish to a phone
number, no topic). Each call returns the provider's message id, kept on the outbox item.

Clients are built on first use for the region and endpoint of the moment (tests and the local
stack point them at moto), never at import."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from portal.config import settings

# Transactional, not promotional: SNS then routes for delivery rather than cost.
SMS_ATTRIBUTES = {"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}}


@lru_cache(maxsize=4)
def _client(service: str, region: str, endpoint_url: str | None) -> Any:
    import boto3

    return boto3.client(service, region_name=region, **({"endpoint_url": endpoint_url} if endpoint_url else {}))


def _of(service: str) -> Any:
    return _client(service, settings().aws_region, settings().aws_endpoint_url)


def send_email(to: str, subject: str, body: str) -> str:
    sender = settings().notify_from
    if not sender:
        raise RuntimeError("NOTIFY_FROM is not set: no address to send e-mail from")
    answer = _of("ses").send_email(
        Source=sender,
        Destination={"ToAddresses": [to]},
        Message={
            "Subject": {"Data": subject, "Charset": "UTF-8"},
            "Body": {"Text": {"Data": body, "Charset": "UTF-8"}},
        },
    )
    return answer["MessageId"]


def send_sms(phone_e164: str, body: str) -> str:
    answer = _of("sns").publish(PhoneNumber=phone_e164, Message=body, MessageAttributes=SMS_ATTRIBUTES)
    return answer["MessageId"]
