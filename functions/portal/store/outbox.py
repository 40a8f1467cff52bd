"""The outbox: messages to the citizen, written in the same transaction as the event that
explains them (store/dossiers.py), so a change is never recorded without its messages nor a
message written for a change that did not happen. The sender (handlers/notifications.py, fed
by the table's stream) sends each one once:

    pending ──claim──► sending ──mark_sent──► sent
                │ (send failed)      ▲
                └──► failed ──requeue (operator, docs/operations.md)──► pending

A claim is a conditional update: only a pending or failed message, or one whose sender's lease
ran out (it crashed mid-send), can be claimed, so a replayed stream record or a second local run
finds the message sent (or being sent) and does not send it again.

Item: PK `DOSSIER#<id>`, SK `OUTBOX#<event at>#<version>#<n>`; services know a message by
`dossier_id` and `id` (the SK without its prefix), never by the table's keys. A citizen's draft
has messages too (store/drafts.py): PK `DRAFT#<id>`, known by `draft_id` instead, with the
draft's `ttl` (the resume link they carry goes with the draft).
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Sequence

from portal.store.aws import dynamodb_resource
from portal.store.faults import error_code
from portal.store.items import from_item, to_item

PREFIX = "OUTBOX#"
KIND = "outbox"
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# Longer than the sender function's timeout: a live sender always finishes within its lease.
LEASE_SECONDS = 60


# Whose messages: the attribute naming the owner, and the owner's partition.
OWNERS = {"dossier_id": "DOSSIER#", "draft_id": "DRAFT#"}


def outbox_key(dossier_id: str, message_id: str, owner: str = "dossier_id") -> dict:
    return {"PK": f"{OWNERS[owner]}{dossier_id}", "SK": PREFIX + message_id}


def owner_of(message: dict) -> tuple[str, str]:
    """(`dossier_id` | `draft_id`, its value) of a message as the stream or a read shows it."""
    owner = "draft_id" if message.get("draft_id") else "dossier_id"
    return owner, message[owner]


def _key_of(message: dict) -> dict:
    owner, owner_id = owner_of(message)
    return outbox_key(owner_id, message["id"], owner)


def outbox_puts(table_name: str, dossier_id: str, event: dict, version: int, messages: Sequence[dict],
                owner: str = "dossier_id", ttl: int | None = None) -> list[dict]:
    """The transaction's Put of each message of `event` (the owner's `version`-th event)."""
    puts = []
    for n, message in enumerate(messages, start=1):
        message_id = f"{event['at']}#{int(version):04d}#{n}"
        item = {
            **outbox_key(dossier_id, message_id, owner),
            "kind": KIND,
            "id": message_id,
            "status": PENDING,
            owner: dossier_id,
            "ttl": ttl,
            "action": event.get("action"),
            "channel": message["channel"],
            "to": message["to"],
            "subject": message.get("subject"),
            "body": message["body"],
            "created_at": event["at"],
        }
        puts.append({
            "Put": {
                "TableName": table_name,
                "Item": to_item({k: v for k, v in item.items() if v is not None}),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        })
    return puts


def _record(item: dict) -> dict:
    return {k: v for k, v in from_item(item).items() if k not in ("PK", "SK", "ttl")}


class OutboxStore:
    def __init__(self, table_name: str):
        self.table_name = table_name

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def claim(self, dossier_id: str, message_id: str, owner: str = "dossier_id") -> dict | None:
        """Take the message for sending: the message with its `claim` token, or None if it was
        sent already. Raises `Busy` while another sender holds a live lease on it."""
        now = int(time.time())
        token = uuid.uuid4().hex
        try:
            answer = self._table.update_item(
                Key=outbox_key(dossier_id, message_id, owner),
                UpdateExpression="SET #status = :sending, claim_token = :token, lease_until = :lease "
                "ADD attempts :one",
                ConditionExpression="attribute_exists(PK) AND (#status IN (:pending, :failed) "
                "OR (#status = :sending AND lease_until < :now))",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={
                    ":sending": SENDING, ":pending": PENDING, ":failed": FAILED, ":token": token,
                    ":lease": now + LEASE_SECONDS, ":now": now, ":one": 1,
                },
                ReturnValues="ALL_NEW",
            )
        except Exception as error:
            if error_code(error) != "ConditionalCheckFailedException":
                raise
            current = self._table.get_item(Key=outbox_key(dossier_id, message_id, owner), ConsistentRead=True).get("Item")
            if current is None or current.get("status") == SENT:
                return None
            raise Busy(f"outbox message {dossier_id}/{message_id} is being sent") from error
        return {**_record(answer["Attributes"]), "claim": token}

    def _settle(self, message: dict, update: str, values: dict) -> bool:
        """Update a claimed message if the claim is still ours; False if the lease was lost."""
        try:
            self._table.update_item(
                Key=_key_of(message),
                UpdateExpression=update + " REMOVE claim_token, lease_until",
                ConditionExpression="claim_token = :token",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={":token": message["claim"], **values},
            )
        except Exception as error:
            if error_code(error) != "ConditionalCheckFailedException":
                raise
            return False
        return True

    def mark_sent(self, message: dict, provider_id: str, sent_at: str) -> bool:
        return self._settle(
            message, "SET #status = :sent, provider_id = :provider, sent_at = :at",
            {":sent": SENT, ":provider": provider_id, ":at": sent_at},
        )

    def mark_failed(self, message: dict, reason: str) -> bool:
        """Give the claim back: the stream's retry (or an operator's requeue) may claim it again."""
        return self._settle(message, "SET #status = :failed, last_error = :reason",
                            {":failed": FAILED, ":reason": reason[:500]})

    def of_dossier(self, dossier_id: str) -> list[dict]:
        """Every message of one dossier, oldest first."""
        from boto3.dynamodb.conditions import Key

        page = self._table.query(
            KeyConditionExpression=Key("PK").eq(f"DOSSIER#{dossier_id}") & Key("SK").begins_with(PREFIX)
        )
        return [_record(item) for item in page.get("Items", [])]

    def unsent(self) -> list[dict]:
        """Messages still failed, or stuck sending past their lease: for the operator's requeue
        after the dead-letter queue filled (docs/operations.md). A Scan: an operator's tool, never
        on a request's path."""
        from boto3.dynamodb.conditions import Attr

        now = int(time.time())
        condition = Attr("kind").eq(KIND) & (
            Attr("status").eq(FAILED) | (Attr("status").eq(SENDING) & Attr("lease_until").lt(now))
        )
        items: list[dict] = []
        scan: dict = {"FilterExpression": condition}
        while True:
            page = self._table.scan(**scan)
            items.extend(_record(item) for item in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return items
            scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def requeue(self, message: dict) -> bool:
        """Back to pending: the stream sees the change and the sender tries again."""
        now = int(time.time())
        try:
            self._table.update_item(
                Key=_key_of(message),
                UpdateExpression="SET #status = :pending REMOVE claim_token, lease_until",
                ConditionExpression="#status = :failed OR (#status = :sending AND lease_until < :now)",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={":pending": PENDING, ":failed": FAILED, ":sending": SENDING, ":now": now},
            )
        except Exception as error:
            if error_code(error) != "ConditionalCheckFailedException":
                raise
            return False
        return True


class Busy(Exception):
    """Another sender holds the message: the stream retries the record later."""
