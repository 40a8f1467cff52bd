"""Who at the desk opened a dossier, and when (services/access_trail.py): one ACCESS item per
officer, dossier and hour in the dossier's partition, PK `DOSSIER#<id>`, SK
`ACCESS#<YYYY-MM-DDTHH>#<officer>` (Vietnam time), with the exact moment in `at`.

The hour in the key makes the write cheap and bounded: a conditional put that finds the item
already there writes nothing, however often the officer reloads the page."""
from __future__ import annotations

from collections.abc import Callable

from portal.store.aws import dynamodb_resource
from portal.store.dossiers import dossier_pk
from portal.store.faults import error_code

PREFIX = "ACCESS#"


def access_sk(at: str, officer: str) -> str:
    # `at` is ISO with its offset: its first 13 characters are the date and the hour.
    return f"{PREFIX}{at[:13]}#{officer}"


class AccessTrailStore:
    """`partition`: whose trail, from its id (a dossier's; a draft's is store/drafts.draft_pk).
    `ttl`: when the entries go (a draft's go with it)."""

    def __init__(self, table_name: str, partition: Callable[[str], str] = dossier_pk):
        self.table_name = table_name
        self.partition = partition

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def record(self, dossier_id: str, officer: str, role: str, at: str, ttl: int | None = None) -> bool:
        """Record the opening; False when this officer's opening of this hour is already there."""
        item = {"PK": self.partition(dossier_id), "SK": access_sk(at, officer), "kind": "access",
                "officer": officer, "role": role, "at": at, **({"ttl": ttl} if ttl else {})}
        try:
            self._table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        except Exception as error:
            if error_code(error) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def openings(self, dossier_id: str) -> list[dict]:
        """`[{officer, role, at}]`, in the order they happened."""
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        query = {"KeyConditionExpression": Key("PK").eq(self.partition(dossier_id)) & Key("SK").begins_with(PREFIX)}
        found: list[dict] = []
        while True:
            page = self._table.query(**query)
            found.extend({"officer": i["officer"], "role": i["role"], "at": i["at"]} for i in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                break
            query["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return sorted(found, key=lambda opening: opening["at"])
