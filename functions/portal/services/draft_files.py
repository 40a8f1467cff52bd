"""A draft's files: kept as long as the draft, out of reach of the pending uploads' one-day rule.

When a draft is saved, each newly referenced upload is checked as a submission checks it
(services/dossier_files.check_uploads: issued for this procedure and slot, present, whole) and
copied to `drafts/<draft_id>/<upload_id>` (its own 30-day lifecycle rule, template.yaml); its
upload record lives as long as the draft. A file the draft already keeps is copied onto itself
when its copy is more than a day old, so it always outlives the draft's own 30 days (the rule
counts 31 from the last copy). The copies made for a save that fails are removed again; the
files a save drops are removed once it succeeded.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.domain import clock
from portal.domain.errors import FieldError
from portal.domain.validation import validate_document_slots
from portal.observability import logger
from portal.services import deps
from portal.services.dossier_files import check_uploads
from portal.services.models import DocumentRef

# A kept copy older than this is renewed on the next save (see above).
RENEW_AFTER = timedelta(days=1)


def _is_kept(ref: DocumentRef, kept: dict[str, dict]) -> bool:
    return kept.get(ref.upload_id, {}).get("slot") == ref.slot


def keep(procedure: dict, draft_id: str, refs: list[DocumentRef], before: list[dict], now: datetime,
         ttl: int, made: list[dict]) -> tuple[list[dict], list[FieldError]]:
    """The draft's documents after this save, `(documents, errors)`; each copy made is added to
    `made` as it is made (to be removed if the save fails). Nothing is copied when a document
    is refused."""
    kept = {d["upload_id"]: d for d in before}
    given = [{"slot": r.slot, "upload_id": r.upload_id} for r in refs]
    paths = {f"documents.{r.slot}" for r in refs}
    # The submission's own rule for each given item (a slot of the procedure, an upload named);
    # what is missing is the self-check's business.
    errors = [e for e in validate_document_slots(procedure, given) if e.path in paths]
    new = [r for r in refs if not _is_kept(r, kept)]
    files, file_errors = check_uploads(procedure, new, {e.path for e in errors})
    errors.extend(file_errors)
    if errors:
        return [], errors
    bucket, store = deps.document_store(), deps.dossier_store()
    checked = {f["upload_id"]: f for f in files}
    documents: list[dict] = []
    for ref in refs:
        if _is_kept(ref, kept):
            document = kept[ref.upload_id]
            if now - clock.parse_iso(document["copied_at"]) > RENEW_AFTER:
                copy = bucket.copy_to_draft(ref.upload_id, draft_id, source=document["key"])
                document = {**document, **copy, "copied_at": clock.iso(now)}
            documents.append(document)
            continue
        file = checked[ref.upload_id]
        copy = bucket.copy_to_draft(ref.upload_id, draft_id)
        made.append(copy)
        documents.append({k: file[k] for k in ("slot", "upload_id", "filename", "size", "content_type", "sha256")}
                         | {**copy, "copied_at": clock.iso(now)})
    for document in documents:
        store.keep_upload(document["upload_id"], ttl)
    return documents, []


def remove(copies: list[dict]) -> None:
    """Copies of a save that failed (their version), or files a save dropped (their key)."""
    bucket = deps.document_store()
    for copy in copies:
        try:
            if copy.get("version_id"):
                bucket.delete_copy(copy)
            else:
                bucket.delete_key(copy["key"])
        except Exception:  # the save's own outcome is the one to report
            logger.exception("could not remove a draft file", extra={"key": copy["key"]})


def dropped(before: list[dict], after: list[dict]) -> list[dict]:
    """Files the draft kept and no longer names: their key only (the current version goes)."""
    still = {d["key"] for d in after}
    return [{"key": d["key"]} for d in before if d["key"] not in still]
