"""Recording a dossier's files, shared by the citizen's submission and the desk's intake:
each referenced upload checked as it really is in the bucket, copied to the dossier's keys,
the copies removed again if the record cannot be written, the pending uploads deleted once
it is. Also the bound on a record's size, checked before anything is written."""
from __future__ import annotations

import json
from collections.abc import Callable

from portal.domain.errors import FieldError, NotFound, ValidationFailed
from portal.observability import logger
from portal.services import deps
from portal.services.files import CONTENT_TYPES, check_uploaded, max_size_bytes
from portal.services.models import DocumentRef

# DynamoDB's item limit, less what the store adds to the record (code, index keys).
MAX_ITEM_BYTES = 400 * 1024
ITEM_KEYS_BYTES = 2 * 1024
TOO_LARGE_MESSAGE = "Hồ sơ quá lớn để lưu. Vui lòng rút gọn các nội dung dài rồi gửi lại."


def check_item_size(meta: dict) -> None:
    """A dossier record DynamoDB can hold (400 KB an item), checked before anything is written:
    its JSON size bounds the stored size from above."""
    size = len(json.dumps(meta, ensure_ascii=False).encode("utf-8")) + ITEM_KEYS_BYTES
    if size > MAX_ITEM_BYTES:
        raise ValidationFailed(TOO_LARGE_MESSAGE)


def check_uploads(
    procedure: dict, refs: list[DocumentRef], already_wrong: set[str], kept: dict[str, dict] | None = None
) -> tuple[list[dict], list[FieldError]]:
    """Each referenced upload as it really is: issued for this procedure and slot, present in
    the bucket, the size declared, within the slot's limit, and whole and harmless by its bytes.
    (moto does not enforce the presigned POST's conditions, and a client may lie.) `kept`: the
    uploads a saved draft keeps, by upload id (`{slot, key}`): read from there, not from their
    pending key, and a file of the answer names its `source`."""
    kept = kept or {}
    declared = {d["slot"]: d for d in procedure.get("documents") or []}
    store, bucket = deps.dossier_store(), deps.document_store()
    files: list[dict] = []
    errors: list[FieldError] = []
    seen: set[str] = set()
    for ref in refs:
        path = f"documents.{ref.slot}"
        document = declared.get(ref.slot)
        if document is None or path in already_wrong:
            continue
        if ref.upload_id in seen:
            errors.append(FieldError(path, "Một tệp chỉ được dùng cho một giấy tờ."))
            continue
        seen.add(ref.upload_id)
        record = store.get_upload(ref.upload_id)
        if (
            record is None
            or record.get("procedure_id") != procedure["id"]
            or record.get("slot") != ref.slot
        ):
            errors.append(
                FieldError(path, f"Không tìm thấy tệp đã tải lên cho giấy tờ: {document['name']}. Vui lòng tải lại.")
            )
            continue
        source = kept[ref.upload_id]["key"] if kept.get(ref.upload_id, {}).get("slot") == ref.slot else None
        found = bucket.read_pending(ref.upload_id, max_size_bytes(document), key=source)
        if found is None:
            errors.append(
                FieldError(path, f"Tệp cho giấy tờ “{document['name']}” chưa được tải lên xong. Vui lòng tải lại.")
            )
            continue
        kind, problem = check_uploaded(document, record, found, path)
        if problem is not None or kind is None:
            errors.extend([problem] if problem else [])
            continue
        files.append(
            {
                "upload_id": ref.upload_id,
                "slot": ref.slot,
                "name": document["name"],
                "filename": record.get("filename"),
                "content_type": CONTENT_TYPES[kind],
                "type": kind,
                "size": found["size"],
                "sha256": found["sha256"],
                **({"source": source} if source else {}),
            }
        )
    return files, errors


def copy_files(dossier_id: str, files: list[dict], documents: list[dict]) -> None:
    """Copy each upload to its final key, numbering the files of a slot from 1, into
    `documents` (the DOC items, with those final keys) as each copy is made: what was copied
    before a failure is known and can be removed."""
    bucket = deps.document_store()
    per_slot: dict[str, int] = {}
    for file in files:
        n = per_slot[file["slot"]] = per_slot.get(file["slot"], 0) + 1
        copied = bucket.copy_to_dossier(file["upload_id"], dossier_id, file["slot"], n, source=file.get("source"))
        documents.append({**{k: v for k, v in file.items() if k != "source"}, "n": n, **copied})


def discard_copies(
    error: Exception,
    copies: list[dict],
    named: Callable[[], list[dict]],
    remove: Callable[[list[dict]], None] | None = None,
) -> None:
    """A write naming `copies` failed: they go (`remove`, by default `remove_copies`), so no file
    is left without a record, unless the write may have been done all the same. A transient
    error (throttling, a 5xx, a dropped connection) can come back from a transaction DynamoDB did
    carry out, its answer lost (scripts/faults loses such answers); `named()`, the documents the
    record names now, then tells, and the copies stay if it names one of them, or if it cannot be
    read: a copy without a record costs storage, a record without its copy loses the citizen's file."""
    from portal.store.faults import is_transient  # only on the failure path

    if copies and is_transient(error):
        try:
            recorded = {(d.get("key"), d.get("version_id")) for d in named()}
        except NotFound:
            recorded = set()
        except Exception:
            logger.warning("kept the copies of a write that may have been done", extra={"copies": len(copies)})
            return
        if any((c.get("key"), c.get("version_id")) in recorded for c in copies):
            return
    (remove or remove_copies)(copies)


def remove_copies(documents: list[dict]) -> None:
    """The dossier could not be recorded: its copies go, so no folder is left without a
    dossier (the pending uploads stay, for the citizen's next attempt)."""
    bucket = deps.document_store()
    for document in documents:
        try:
            bucket.delete_copy(document)
        except Exception:  # the write's own error is the one to report
            logger.exception("could not remove a copied document", extra={"key": document["key"]})


def delete_pending(files: list[dict]) -> None:
    """The dossier is recorded and its copies exist: the pending objects (and a draft's kept
    copies) can go. A failure here only leaves an object that the bucket's lifecycle rules
    remove later."""
    bucket = deps.document_store()
    for file in files:
        try:
            if file.get("source"):
                bucket.delete_key(file["source"])
            else:
                bucket.delete_pending(file["upload_id"])
        except Exception:  # cleanup must not fail a recorded submission
            logger.exception("could not delete pending upload", extra={"upload_id": file["upload_id"]})
