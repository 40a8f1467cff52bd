"""The officer desk's reads of the dossier table: each one a Query on one partition of an index
(docs/architecture.md, "Table"), never a Scan, so a list costs the same with 100 dossiers or
100,000.

Pages carry an opaque cursor: the urlsafe base64 of DynamoDB's LastEvaluatedKey as JSON. A cursor
comes back from the browser, so it is checked before use: it must be exactly the key shape of
that index, in the partition being read (an officer cannot page into another agency's
partition by editing it) and within the query's range; anything else is a 422, never a 500.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from portal.domain.errors import FieldError, ValidationFailed
from portal.store.aws import dynamodb_resource
from portal.store.dossiers import (
    ID_NUMBER_INDEX,
    NAME_INDEX,
    OPEN_INDEX,
    QUEUE_INDEX,
    RECEIVED_INDEX,
    _record,
    dossier_pk,
    id_number_partition,
    name_partition,
    received_partition,
)

BAD_CURSOR_MESSAGE = "Liên kết trang tiếp theo không hợp lệ hoặc đã cũ, vui lòng tải lại danh sách từ đầu."
# A cursor is four short keys; anything much longer was not written by us.
MAX_CURSOR_LENGTH = 1024
# Sort keys are `<value>#<ulid>`: `$` sorts just after `#`, so `<value>$` is above every key of
# that value and below the next value.
_AFTER = "$"


@dataclass(frozen=True)
class Page:
    items: list[dict]
    next_cursor: str | None


@dataclass(frozen=True)
class _Range:
    """A Query on one index partition: its key names, partition and sort-key condition."""

    index: str
    partition: str
    low: str | None = None  # sort key >= low
    high: str | None = None  # sort key < high (exclusive)
    prefix: str | None = None  # sort key begins with
    item_pk: Callable[[str], str] = dossier_pk  # the partition of the item an index key names

    @property
    def pk(self) -> str:
        return f"{self.index}PK"

    @property
    def sk(self) -> str:
        return f"{self.index}SK"

    def condition(self):
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        condition = Key(self.pk).eq(self.partition)
        sort = Key(self.sk)
        if self.prefix is not None:
            return condition & sort.begins_with(self.prefix)
        if self.low is not None and self.high is not None:
            # BETWEEN is inclusive: the upper bound is a value no real key has.
            return condition & sort.between(self.low, self.high)
        if self.high is not None:
            return condition & sort.lt(self.high)
        if self.low is not None:
            return condition & sort.gte(self.low)
        return condition

    def holds(self, sort_key: str) -> bool:
        if self.prefix is not None and not sort_key.startswith(self.prefix):
            return False
        if self.low is not None and sort_key < self.low:
            return False
        return not (self.high is not None and sort_key >= self.high)


def _bad_cursor() -> ValidationFailed:
    return ValidationFailed(BAD_CURSOR_MESSAGE, fields=[FieldError("cursor", BAD_CURSOR_MESSAGE)])


def encode_cursor(last_key: dict) -> str:
    text = json.dumps(last_key, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, query: _Range) -> dict:
    """The ExclusiveStartKey a cursor stands for, if it belongs to this query (else 422)."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise _bad_cursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key: Any = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _bad_cursor() from None
    if not isinstance(key, dict) or set(key) != {"PK", "SK", query.pk, query.sk}:
        raise _bad_cursor()
    if not all(isinstance(value, str) for value in key.values()):
        raise _bad_cursor()
    dossier_id = key[query.sk].rpartition("#")[2]
    if (
        key[query.pk] != query.partition
        or not query.holds(key[query.sk])
        or key["SK"] != "META"
        or key["PK"] != query.item_pk(dossier_id)
    ):
        raise _bad_cursor()
    return key


class DossierQueries:
    """Read-only lists of an agency's dossiers, as plain records (no table keys)."""

    def __init__(self, table_name: str):
        self.table_name = table_name

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def _page(self, query: _Range, cursor: str | None, limit: int, forward: bool = True) -> Page:
        request: dict = {
            "IndexName": query.index,
            "KeyConditionExpression": query.condition(),
            "ScanIndexForward": forward,
            "Limit": limit,
        }
        if cursor:
            request["ExclusiveStartKey"] = decode_cursor(cursor, query)
        answer = self._table.query(**request)
        last = answer.get("LastEvaluatedKey")
        return Page([_record(item) for item in answer.get("Items", [])], encode_cursor(last) if last else None)

    def _all(self, query: _Range) -> list[dict]:
        items: list[dict] = []
        cursor = None
        while True:
            page = self._page(query, cursor, limit=500)
            items.extend(page.items)
            if page.next_cursor is None:
                return items
            cursor = page.next_cursor

    # --- queues (by deadline, the most urgent first) --------------------------------------

    def by_state(self, agency: str, state: str, cursor: str | None, limit: int) -> Page:
        return self._page(_Range(QUEUE_INDEX, f"AGENCY#{agency}#STATE#{state}"), cursor, limit)

    def overdue(self, agency: str, today: date, cursor: str | None, limit: int) -> Page:
        """Open dossiers whose deadline is before `today`."""
        return self._page(_Range(OPEN_INDEX, f"AGENCY#{agency}#OPEN", high=today.isoformat()), cursor, limit)

    def due_between(self, agency: str, first: date, last: date, cursor: str | None, limit: int) -> Page:
        """Open dossiers whose deadline is from `first` to `last`, both included."""
        query = _Range(OPEN_INDEX, f"AGENCY#{agency}#OPEN", low=first.isoformat(), high=last.isoformat() + _AFTER)
        return self._page(query, cursor, limit)

    # --- search ---------------------------------------------------------------------------

    def by_id_number(self, agency: str, number: str, limit: int) -> list[dict]:
        """The dossiers of an applicant's ID number (or tax code), the latest submitted first."""
        return self._page(_Range(ID_NUMBER_INDEX, id_number_partition(agency, number)), None, limit, forward=False).items

    def by_name_prefix(self, agency: str, folded_prefix: str, limit: int) -> list[dict]:
        """Dossiers whose applicant's folded name starts with `folded_prefix` (store.dossiers'
        name_key form), in name order."""
        query = _Range(NAME_INDEX, name_partition(agency, folded_prefix), prefix=folded_prefix)
        return self._page(query, None, limit).items

    # --- tracking book --------------------------------------------------------------------

    def received_between(self, agency: str, first: date, last: date) -> list[dict]:
        """Every dossier received from `first` to `last` (both included, Vietnam dates), in the
        order received: one Query per month of the period."""
        items: list[dict] = []
        month = first.replace(day=1)
        while month <= last:
            # received_at is `YYYY-MM-DDThh:mm:ss+07:00`: `<last>U` is above every time of that day.
            query = _Range(
                RECEIVED_INDEX, received_partition(agency, month.strftime("%Y-%m")),
                low=first.isoformat(), high=last.isoformat() + "U",
            )
            items.extend(self._all(query))
            month = (month + timedelta(days=32)).replace(day=1)
        return items
