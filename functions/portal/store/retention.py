"""What the retention job reads and writes (services/retention.py, docs/domain.md "Retention"):
the closed dossiers past their period, found on the sparse index GSI6 (one Query, never a
Scan), and the redaction of one of them: its files' every version removed from the bucket, its
events and outbox messages rewritten without personal data, its document records deleted, then
META replaced by what stays, guarded by the version read, with the "redact" event. And the
bucket's dossier folders whose dossier was never recorded (services/retention.py says when).

META goes last: until it is written the dossier stays on the index, so a run that stops
half-way is finished by the next one; every step before it gives the same result twice.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from portal.domain.errors import NotFound
from portal.store.aws import dynamodb_client, dynamodb_resource, s3_client
from portal.store.documents import DOSSIER_FILES_ROOT, dossier_folder
from portal.store.dossiers import (
    META,
    RETENTION_INDEX,
    RETENTION_PARTITION,
    _index_keys,
    _record,
    _without_none,
    dossier_pk,
    event_put,
    write_change,
)
from portal.store.items import from_item, to_item

# DynamoDB's limit of items in one transaction.
TRANSACTION_ITEMS = 100


class RetentionStore:
    def __init__(self, table_name: str, bucket: str):
        self.table_name = table_name
        self.bucket = bucket

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def closed_before(self, cutoff: str) -> Iterator[str]:
        """Ids of the dossiers closed before `cutoff` (ISO) and not yet redacted, oldest first."""
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        query = {
            "IndexName": RETENTION_INDEX,
            "KeyConditionExpression": Key("GSI6PK").eq(RETENTION_PARTITION) & Key("GSI6SK").lt(cutoff),
        }
        while True:
            page = self._table.query(**query)
            for item in page.get("Items", []):
                yield item["PK"].removeprefix("DOSSIER#")
            if "LastEvaluatedKey" not in page:
                return
            query["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def get(self, dossier_id: str) -> dict:
        item = self._table.get_item(Key={"PK": dossier_pk(dossier_id), "SK": META}, ConsistentRead=True).get("Item")
        if not item:
            raise NotFound("Không tìm thấy hồ sơ.")
        return _record(item)

    def delete_files(self, dossier_id: str) -> int:
        """Every version and delete marker under the dossier's prefix, for good (the bucket is
        versioned: deleting the key alone would keep the bytes). Returns how many were removed."""
        versions, markers = self._file_versions(dossier_id)
        self._delete(versions + markers)
        return len(versions)

    def folders(self) -> Iterator[str]:
        """Ids of the dossiers that have files in the bucket (a folder dossiers/<id>/)."""
        pages = s3_client().get_paginator("list_object_versions").paginate(
            Bucket=self.bucket, Prefix=DOSSIER_FILES_ROOT, Delimiter="/")
        for page in pages:
            for folder in page.get("CommonPrefixes", []):
                yield folder["Prefix"].removeprefix(DOSSIER_FILES_ROOT).rstrip("/")

    def is_recorded(self, dossier_id: str) -> bool:
        item = self._table.get_item(Key={"PK": dossier_pk(dossier_id), "SK": META}, ConsistentRead=True,
                                    ProjectionExpression="PK").get("Item")
        return item is not None

    def delete_files_written_before(self, dossier_id: str, cutoff: datetime) -> bool:
        """delete_files, only if every version under the prefix was written before `cutoff`
        (a write may still be copying the newer ones). True if they went."""
        versions, markers = self._file_versions(dossier_id)
        if any(v["LastModified"] >= cutoff for v in versions + markers):
            return False
        self._delete(versions + markers)
        return True

    def _file_versions(self, dossier_id: str) -> tuple[list[dict], list[dict]]:
        versions: list[dict] = []
        markers: list[dict] = []
        pages = s3_client().get_paginator("list_object_versions").paginate(
            Bucket=self.bucket, Prefix=dossier_folder(dossier_id))
        for page in pages:
            versions += page.get("Versions", [])
            markers += page.get("DeleteMarkers", [])
        return versions, markers

    def _delete(self, versions: list[dict]) -> None:
        s3 = s3_client()
        for version in versions:
            s3.delete_object(Bucket=self.bucket, Key=version["Key"], VersionId=version["VersionId"])

    def _partition(self, dossier_id: str) -> list[dict]:
        from boto3.dynamodb.conditions import Key

        items: list[dict] = []
        query = {"KeyConditionExpression": Key("PK").eq(dossier_pk(dossier_id)), "ConsistentRead": True}
        while True:
            page = self._table.query(**query)
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return items
            query["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def redact_children(
        self, dossier_id: str, event_data: Callable[[dict | None], dict], message: Callable[[dict], dict]
    ) -> None:
        """Events keep `event_data(data)`, outbox messages become `message(record)`, document
        records go (their files are gone); items already so are not written again."""
        writes: list[dict] = []
        for item in self._partition(dossier_id):
            sk, keys = item["SK"], {"PK": item["PK"], "SK": item["SK"]}
            if sk.startswith("DOC#"):
                writes.append({"Delete": {"TableName": self.table_name, "Key": to_item(keys)}})
                continue
            record = from_item(item)
            if sk.startswith("EVENT#"):
                new = {**record, "data": event_data(record.get("data"))}
            elif sk.startswith("OUTBOX#"):
                new = {**message({k: v for k, v in record.items() if k not in keys}), **keys}
            else:
                continue
            if new != record:
                writes.append({"Put": {"TableName": self.table_name, "Item": to_item(new)}})
        for start in range(0, len(writes), TRANSACTION_ITEMS):
            dynamodb_client().transact_write_items(TransactItems=writes[start:start + TRANSACTION_ITEMS])

    def replace_meta(self, meta: dict, redacted: dict, event: dict) -> None:
        """META becomes `redacted` (its index keys recomputed: off the search and retention
        indexes) if nobody changed the dossier since `meta` was read, with its event."""
        pk = dossier_pk(meta["id"])
        item = _without_none({**redacted, **_index_keys(redacted), "PK": pk, "SK": META})
        writes = [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(item),
                    "ConditionExpression": "#version = :expected",
                    "ExpressionAttributeNames": {"#version": "version"},
                    "ExpressionAttributeValues": {":expected": to_item(int(meta["version"]))},
                }
            },
            event_put(self.table_name, meta["id"], event, int(redacted["version"])),
        ]
        write_change(writes)
