"""Index attributes a dossier's META lacks because it was written before its index existed
(GSI3 ID number, GSI4 name, GSI5 received month, GSI6 retention: each added later, and written
by `store/dossiers._index_keys` on every change since). scripts/backfill_indexes.py runs it.

Each META is read by a Scan and given only the attributes it lacks, computed by `_index_keys`
from its own record (the function every write uses, so no key format is stated twice), with a
conditional update: the version read must still be the dossier's and each attribute still
absent. A dossier changed since the Scan already holds every index attribute (every change
rewrites them), so it is left to that newer write. A second run finds nothing to add.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from portal.store.aws import dynamodb_client
from portal.store.dossiers import META, _index_keys, _record
from portal.store.faults import error_code
from portal.store.items import to_item

WRITTEN, COMPLETE, CHANGED = "written", "complete", "changed"


@dataclass(frozen=True)
class Missing:
    """What one META lacks: `attributes` to add, read at `version` (None: the item has none)."""

    key: dict
    version: Any
    attributes: dict


def missing_attributes(item: dict) -> Missing:
    """The index attributes `item` (a META as stored) should hold and does not. An attribute
    present is never recomputed: it was written by the dossier's own later change."""
    wanted = _index_keys(_record(item))
    absent = {name: value for name, value in wanted.items() if value is not None and name not in item}
    return Missing({"PK": item["PK"], "SK": item["SK"]}, item.get("version"), absent)


class IndexBackfill:
    def __init__(self, table_name: str):
        self.table_name = table_name

    def metas(self, segment: int = 0, total_segments: int = 1, page_size: int = 500) -> Iterator[list[dict]]:
        """Pages of the table's META items in one segment of a parallel Scan."""
        scan: dict[str, Any] = {
            "TableName": self.table_name,
            "FilterExpression": "SK = :meta",
            "ExpressionAttributeValues": {":meta": META},
            "Limit": page_size,
        }
        if total_segments > 1:
            scan.update(Segment=segment, TotalSegments=total_segments)
        while True:
            page = dynamodb_client().scan(**scan)
            yield page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return
            scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def add(self, missing: Missing) -> str:
        """Write `missing.attributes` if the dossier is still as read: WRITTEN, COMPLETE (nothing
        to add) or CHANGED (a newer write won; it holds its own index attributes)."""
        if not missing.attributes:
            return COMPLETE
        names = {"#version": "version"}
        values: dict[str, Any] = {}
        sets, absent = [], []
        for index, (name, value) in enumerate(sorted(missing.attributes.items())):
            names[f"#a{index}"] = name
            values[f":v{index}"] = to_item(value)
            sets.append(f"#a{index} = :v{index}")
            absent.append(f"attribute_not_exists(#a{index})")
        if missing.version is None:
            same_version = "attribute_not_exists(#version)"
        else:
            same_version = "#version = :version"
            values[":version"] = to_item(missing.version)
        try:
            dynamodb_client().update_item(
                TableName=self.table_name,
                Key=missing.key,
                UpdateExpression="SET " + ", ".join(sets),
                ConditionExpression=" AND ".join(["attribute_exists(PK)", same_version, *absent]),
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
        except Exception as error:
            if error_code(error) == "ConditionalCheckFailedException":
                return CHANGED
            raise
        return WRITTEN
