"""Citizens' drafts in the dossier table (docs/architecture.md, "Table"):

| PK | SK | what |
|---|---|---|
| `DRAFT#<ulid>` | `META` | the draft (status, version, procedure, applicant, answers, documents, precheck, token hash), `ttl` |
| `DRAFT#<ulid>` | `EVENT#<at>#<version>` | what happened to it (saved, pre-check asked, answered by whom, submitted), `ttl` |
| `DRAFT#<ulid>` | `OUTBOX#...` | its messages (store/outbox.py, `draft_id`), `ttl` |
| `DRAFT#<ulid>` | `ACCESS#...` | the desk's readings (store/access_trail.py), `ttl` |
| `DRAFTKEY#<fingerprint>` | `DRAFTKEY` | the draft a POST's Idempotency-Key made (a retry finds it), `ttl` |

Every change is one transaction: META put on the version read, its event and its messages, so
two writers cannot both win and no message is written for a change that failed. While a draft
waits for the desk's pre-check it has a sparse entry in the queue index GSI1 (partition
`AGENCY#<agency>#PRECHECK`, a shape no dossier queue uses; sort key `<due>#<requested at>#<id>`),
which the desk's "Chờ xem trước" list reads with one Query.
"""
from __future__ import annotations

from collections.abc import Sequence

from portal.store.aws import dynamodb_client, dynamodb_resource
from portal.store.dossier_queries import DossierQueries, Page, _Range
from portal.store.dossiers import META, QUEUE_INDEX, _record, _without_none, write_change
from portal.store.faults import error_code
from portal.store.items import to_item
from portal.store.outbox import outbox_puts

WAITING = "precheck_waiting"


def draft_pk(draft_id: str) -> str:
    return f"DRAFT#{draft_id}"


def key_marker(fingerprint: str) -> dict:
    return {"PK": f"DRAFTKEY#{fingerprint}", "SK": "DRAFTKEY"}


def precheck_partition(agency: str) -> str:
    return f"AGENCY#{agency}#PRECHECK"


def _index_keys(draft: dict) -> dict:
    """The queue entry of a draft waiting for its pre-check, and none otherwise."""
    if draft["status"] != WAITING:
        return {}
    precheck = draft["precheck"]
    return {"GSI1PK": precheck_partition(draft["agency"]),
            "GSI1SK": f"{precheck['due']}#{precheck['requested_at']}#{draft['id']}"}


def _condition_failed(error: Exception) -> bool:
    return error_code(error) in ("TransactionCanceledException", "ConditionalCheckFailedException")


class DraftStore:
    def __init__(self, table_name: str):
        self.table_name = table_name

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def get(self, draft_id: str) -> dict | None:
        item = self._table.get_item(Key={"PK": draft_pk(draft_id), "SK": META}, ConsistentRead=True).get("Item")
        return _record(item) if item else None

    def draft_of_key(self, fingerprint: str) -> dict | None:
        """`{draft_id, body}` of the draft a POST with this key made, if it was made."""
        item = self._table.get_item(Key=key_marker(fingerprint), ConsistentRead=True).get("Item")
        return {"draft_id": item["draft_id"], "body": item["body"]} if item else None

    def events(self, draft_id: str) -> list[dict]:
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        page = self._table.query(KeyConditionExpression=Key("PK").eq(draft_pk(draft_id)) & Key("SK").begins_with("EVENT#"))
        return [_record(item) for item in page.get("Items", [])]

    # --- writes ------------------------------------------------------------------------

    def _puts(self, draft: dict, event: dict, messages: Sequence[dict], ttl: int) -> list[dict]:
        pk = draft_pk(draft["id"])
        event_item = {**event, "PK": pk, "SK": f"EVENT#{event['at']}#{int(draft['version']):04d}", "ttl": ttl}
        return [
            {"Put": {"TableName": self.table_name, "Item": to_item(event_item),
                     "ConditionExpression": "attribute_not_exists(PK)"}},
            *outbox_puts(self.table_name, draft["id"], event, int(draft["version"]), messages, owner="draft_id", ttl=ttl),
        ]

    def _meta_item(self, draft: dict, ttl: int) -> dict:
        return to_item(_without_none({**draft, **_index_keys(draft), "PK": draft_pk(draft["id"]), "SK": META, "ttl": ttl}))

    def create(self, draft: dict, event: dict, messages: Sequence[dict], ttl: int,
               fingerprint: str, body: str, key_ttl: int) -> bool:
        """A new draft with the marker of the POST that made it; False if that marker exists
        already (a retry of the same POST won the race: read it with `draft_of_key`)."""
        marker = {**key_marker(fingerprint), "draft_id": draft["id"], "body": body, "ttl": key_ttl}
        writes = [
            {"Put": {"TableName": self.table_name, "Item": self._meta_item(draft, ttl),
                     "ConditionExpression": "attribute_not_exists(PK)"}},
            {"Put": {"TableName": self.table_name, "Item": marker, "ConditionExpression": "attribute_not_exists(PK)"}},
            *self._puts(draft, event, messages, ttl),
        ]
        try:
            dynamodb_client().transact_write_items(TransactItems=writes)
        except Exception as error:
            if _condition_failed(error):
                return False
            raise
        return True

    def update_put(self, draft: dict, expected_version: int, ttl: int) -> dict:
        return {"Put": {
            "TableName": self.table_name,
            "Item": self._meta_item(draft, ttl),
            "ConditionExpression": "#version = :expected",
            "ExpressionAttributeNames": {"#version": "version"},
            "ExpressionAttributeValues": {":expected": int(expected_version)},
        }}

    def change_writes(self, draft: dict, expected_version: int, event: dict, messages: Sequence[dict],
                      ttl: int) -> list[dict]:
        """The transaction items of a change: META replaced by `draft` (whose version is the
        next) if it is still at `expected_version`, its event and its messages (for another
        store's transaction too: a submission from the draft marks it submitted)."""
        return [self.update_put(draft, expected_version, ttl), *self._puts(draft, event, messages, ttl)]

    def save(self, draft: dict, expected_version: int, event: dict, messages: Sequence[dict], ttl: int) -> None:
        """A change in its own transaction; Conflict if someone changed the draft first."""
        write_change(self.change_writes(draft, expected_version, event, messages, ttl))

    # --- the desk's list -------------------------------------------------------------------

    def waiting(self, agency: str, cursor: str | None, limit: int) -> Page:
        """The agency's drafts waiting for a pre-check, the earliest due first."""
        query = _Range(QUEUE_INDEX, precheck_partition(agency), item_pk=draft_pk)
        return DossierQueries(self.table_name)._page(query, cursor, limit)
