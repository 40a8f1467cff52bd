"""The local stack's data kept on disk, so `make run` can stop and start again without losing a
dossier: every item of every table and every object version of every bucket the template
declares, by logical id, in one folder (`.local-state/`, ignored by git).

moto keeps everything in memory and has no persistence of its own, so the stack takes
snapshots through the AWS APIs: after each request that may have written (the gateway's
`after_write`, before it answers) and on shutdown. Snapshots coalesce: a request waiting
behind a snapshot that started after its write does not take another one. Object versions
never change, so only new ones are downloaded; their bytes are stored once by SHA-256.

On start the items are written back and the versions put again, oldest first. S3 gives a
put object a new version id and cannot be told the old one, so wherever an item holds an old
version id as a string (a document's `version_id`), the restored item holds the new one.
The user pool is not kept: it is created afresh with the demo officers, who sign in again.
"""
from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any, TextIO

from infra.local import template as sam
from infra.local.references import Provisioned
from infra.local.resources import aws_client

STATE_DIR = sam.ROOT / ".local-state"
FORMAT = 1
TABLE = "AWS::DynamoDB::Table"
BUCKET = "AWS::S3::Bucket"

log = logging.getLogger("portal.state")


class StateInUse(RuntimeError):
    """Another copy of the local stack is using the folder."""


def _jsonable(value: Any) -> Any:
    """A DynamoDB item (typed values) as JSON: binary values become {"$b64": ...}."""
    if isinstance(value, (bytes, bytearray)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _from_json(value: Any, version_ids: dict[str, str]) -> Any:
    """The reverse of `_jsonable`, with old object version ids replaced by the restored ones."""
    if isinstance(value, dict):
        if set(value) == {"$b64"} and isinstance(value["$b64"], str):
            return base64.b64decode(value["$b64"])
        if set(value) == {"S"} and value["S"] in version_ids:
            return {"S": version_ids[value["S"]]}
        return {k: _from_json(v, version_ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_json(v, version_ids) for v in value]
    return value


class LocalState:
    """One folder of saved state, claimed by one running stack at a time."""

    def __init__(self, folder: Path = STATE_DIR, *, start_empty: bool = False):
        self.folder = Path(folder)
        self.start_empty = start_empty
        self._lock_file: TextIO | None = None
        self._stack: Provisioned | None = None
        self._clients: dict[str, Any] = {}
        self._versions: dict[str, dict[tuple[str, str], dict]] = {}  # saved versions, by bucket
        self._requested = 0
        self._saved = 0
        self._count_lock = threading.Lock()
        self._save_lock = threading.Lock()

    @property
    def _running(self) -> Provisioned:
        if self._stack is None:
            raise RuntimeError("restore() first: there is no running stack to save or restore into")
        return self._stack

    @property
    def _file(self) -> Path:
        return self.folder / "state.json"

    @property
    def _blobs(self) -> Path:
        return self.folder / "objects"

    # --- the folder ---------------------------------------------------------------------

    def claim(self) -> None:
        """Take the folder for this process (an OS lock, released when the process ends), and
        forget what it holds if this stack starts empty."""
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_file = open(self.folder / ".lock", "w")  # noqa: SIM115 - held while running
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.close()
            raise StateInUse(str(self.folder)) from None
        self._lock_file = lock_file
        if self.start_empty:
            self._clear()

    def release(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def _clear(self) -> None:
        self._file.unlink(missing_ok=True)
        shutil.rmtree(self._blobs, ignore_errors=True)

    # --- restore ------------------------------------------------------------------------

    def restore(self, stack: Provisioned) -> dict[str, int]:
        """Put the saved state into the freshly provisioned stack, which is then snapshotted on
        each `save()`. Returns how many items and object versions came back."""
        self._stack = stack
        counts = {"items": 0, "objects": 0}
        if self._file.is_file():
            saved = json.loads(self._file.read_text(encoding="utf-8"))
            if saved.get("format") != FORMAT:
                raise ValueError(f"{self._file}: unknown format {saved.get('format')}; `make reset` starts empty")
            version_ids = self._restore_buckets(saved.get("buckets", {}), counts)
            self._restore_tables(saved.get("tables", {}), version_ids, counts)
        self.save()  # the folder now describes the running stack, new version ids included
        return counts

    def _restore_buckets(self, buckets: dict, counts: dict) -> dict[str, str]:
        s3 = self._client("s3")
        names = self._running.of_type(BUCKET)
        version_ids: dict[str, str] = {}
        for logical_id, versions in buckets.items():
            if logical_id not in names:
                continue
            for version in versions:
                if version.get("delete_marker"):
                    answer = s3.delete_object(Bucket=names[logical_id], Key=version["key"])
                else:
                    answer = s3.put_object(
                        Bucket=names[logical_id],
                        Key=version["key"],
                        Body=(self._blobs / version["blob"]).read_bytes(),
                        ContentType=version.get("content_type") or "binary/octet-stream",
                        Metadata=version.get("metadata") or {},
                    )
                    counts["objects"] += 1
                if answer.get("VersionId") and version["version_id"] != "null":
                    version_ids[version["version_id"]] = answer["VersionId"]
        return version_ids

    def _restore_tables(self, tables: dict, version_ids: dict[str, str], counts: dict) -> None:
        ddb = self._client("dynamodb")
        names = self._running.of_type(TABLE)
        for logical_id, items in tables.items():
            if logical_id not in names:
                continue
            requests = [{"PutRequest": {"Item": _from_json(item, version_ids)}} for item in items]
            for start in range(0, len(requests), 25):  # BatchWriteItem takes 25 at a time
                pending = {names[logical_id]: requests[start:start + 25]}
                while pending:
                    pending = ddb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            counts["items"] += len(items)

    # --- save ---------------------------------------------------------------------------

    def save(self) -> None:
        """Snapshot the running stack into the folder, unless a snapshot that started after this
        call was made has already done it. Never raises: a failed snapshot is logged."""
        if self._stack is None:
            return
        with self._count_lock:
            self._requested += 1
            ticket = self._requested
        with self._save_lock:
            if self._saved >= ticket:
                return
            covered = self._requested
            try:
                self._write()
            except Exception:
                log.exception("could not save the local stack's state in %s", self.folder)
                return
            self._saved = covered

    def _write(self) -> None:
        tables = {lid: self._scan(name) for lid, name in self._running.of_type(TABLE).items()}
        buckets = {lid: self._bucket_versions(lid, name) for lid, name in self._running.of_type(BUCKET).items()}
        state = {"format": FORMAT, "tables": tables, "buckets": buckets}
        partial = self._file.with_suffix(".json.partial")
        partial.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self._file)  # a reader never sees half a snapshot
        used = {v["blob"] for versions in buckets.values() for v in versions if "blob" in v}
        for blob in self._blobs.glob("*"):
            if blob.name not in used:
                blob.unlink(missing_ok=True)

    def _scan(self, table: str) -> list[dict]:
        ddb = self._client("dynamodb")
        items: list[dict] = []
        for page in ddb.get_paginator("scan").paginate(TableName=table):
            items.extend(_jsonable(item) for item in page["Items"])
        return items

    def _bucket_versions(self, logical_id: str, bucket: str) -> list[dict]:
        """Every version and delete marker of the bucket, oldest first; bytes of versions not
        saved before are downloaded into the blob folder."""
        s3 = self._client("s3")
        known = self._versions.setdefault(logical_id, {})
        found = []  # (sort key, entry)
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            # S3 lists each key's versions newest first; the latest one must be restored last.
            for kind in ("DeleteMarkers", "Versions"):
                for position, listed in enumerate(page.get(kind, [])):
                    ref = (listed["Key"], listed["VersionId"])
                    if kind == "DeleteMarkers":
                        entry = {"key": ref[0], "version_id": ref[1], "delete_marker": True}
                    else:
                        if ref not in known or not (self._blobs / known[ref]["blob"]).is_file():
                            known[ref] = self._download(s3, bucket, *ref)
                        entry = known[ref]
                    found.append(((ref[0], listed["IsLatest"], listed["LastModified"], -position), entry))
        live = {(entry["key"], entry["version_id"]) for _, entry in found}
        for ref in set(known) - live:
            del known[ref]
        found.sort(key=lambda pair: pair[0])
        return [entry for _, entry in found]

    def _download(self, s3, bucket: str, key: str, version_id: str) -> dict:
        answer = s3.get_object(Bucket=bucket, Key=key, VersionId=version_id)
        content = answer["Body"].read()
        blob = hashlib.sha256(content).hexdigest()
        self._blobs.mkdir(parents=True, exist_ok=True)
        path = self._blobs / blob
        if not path.is_file():
            partial = path.with_suffix(".partial")
            partial.write_bytes(content)
            os.replace(partial, path)
        return {"key": key, "version_id": version_id, "blob": blob,
                "content_type": answer.get("ContentType"), "metadata": answer.get("Metadata") or {}}

    def _client(self, service: str):
        if service not in self._clients:
            self._clients[service] = aws_client(service, self._running.region, self._running.endpoint_url)
        return self._clients[service]
