"""The citizen's drafts: save one (once per Idempotency-Key), open it with its link, save it
again, ask the desk to look at it (docs/domain.md, "Drafts and the desk's pre-check").

A draft is reached only with its id and its token; only the token's hash is stored. As a
dossier's private link, the token is derived from the POST's Idempotency-Key
(codes.access_token_for), so a retry of the same POST gets the same link back and the token
itself is stored nowhere, not even in a retry's record. What is checked before anything is
written: the values (domain/drafts.check_draft), each new file (services/draft_files.py), the
record's size; then files are copied and ONE transaction writes the draft, its event and its
messages; the copies are removed again if it fails.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from portal.domain import clock, draft_notices, drafts, precheck
from portal.domain.codes import access_token_for, draft_fingerprint, hash_token, new_dossier_id
from portal.domain.errors import Conflict, IdempotencyKeyReused, NotFound, ValidationFailed
from portal.domain.states import CITIZEN
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps, draft_files, draft_records
from portal.services.dossier_files import check_item_size, discard_copies
from portal.services.draft_models import (
    CreatedDraft,
    CreateDraftRequest,
    DraftContent,
    DraftView,
    PrecheckRequest,
    UpdateDraftRequest,
)

# How long the POST's key is remembered (as the idempotency store remembers a submission's).
KEY_SECONDS = 24 * 3600
STALE_MESSAGE = "Hồ sơ nháp vừa được lưu ở nơi khác, vui lòng tải lại."


def _body_hash(request: CreateDraftRequest) -> str:
    text = json.dumps(request.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content(procedure: dict, request: DraftContent) -> tuple[dict, dict]:
    body = request.model_dump(mode="json")
    applicant, answers, errors = drafts.check_draft(
        procedure, body["applicant"] or {}, body["answers"], deps.catalogue().field_rules)
    if errors:
        raise ValidationFailed(fields=errors)
    return {k: v for k, v in applicant.items() if v is not None}, answers


def _write(draft: dict, before: dict | None, request: DraftContent, procedure: dict, now: datetime,
           token: str, save) -> dict:
    """Check the files, copy them, `save(draft, messages, ttl)`; remove the copies if it fails
    and the files it dropped once it succeeded. Returns the draft written."""
    ttl = draft_records.ttl_for(draft["expires_at"])
    made: list[dict] = []
    old_documents = (before or {}).get("documents") or []
    documents, errors = draft_files.keep(procedure, draft["id"], request.documents, old_documents, now, ttl, made)
    if errors:
        raise ValidationFailed(fields=errors)
    contact, sent = draft_records.contacts_to_send(procedure, draft["applicant"], draft.get("link_sent_to") or [])
    draft = {**draft, "documents": documents, "link_sent_to": sent}
    try:
        check_item_size(draft)
        title = deps.catalogue().title_for(draft)
        link = draft_records.resume_url(draft, token)
        save(draft, draft_notices.saved(contact, title, link, draft["expires_at"]), ttl)
    except Exception as error:
        discard_copies(error, made, lambda: (deps.draft_store().get(draft["id"]) or {}).get("documents") or [],
                       remove=draft_files.remove)
        raise
    draft_files.remove(draft_files.dropped(old_documents, documents))
    return draft


def create(request: CreateDraftRequest, idempotency_key: str) -> CreatedDraft:
    """A new draft, once per Idempotency-Key: a retry (same key, same body) answers the same
    draft with the same link; the same key with another body is refused."""
    store = deps.draft_store()
    fingerprint, body = draft_fingerprint(idempotency_key), _body_hash(request)
    retried = _retried(fingerprint, body, idempotency_key)
    if retried is not None:
        return retried
    procedure = deps.online_procedure(request.procedure_id)
    applicant, answers = _content(procedure, request)
    now = clock.now_vn()
    draft_id = new_dossier_id()
    token = access_token_for(idempotency_key, draft_id)
    draft = {
        "id": draft_id, "procedure_id": procedure["id"], "procedure_version": procedure.get("version"),
        "agency": deps.agency_of(procedure), "status": drafts.EDITING, "version": 1,
        "created_at": clock.iso(now), "saved_at": clock.iso(now), "expires_at": drafts.expires_on(now).isoformat(),
        "applicant": applicant, "answers": answers, "token_hash": hash_token(token),
    }
    created = {"done": False}

    def save(record: dict, messages: list[dict], ttl: int) -> None:
        event = draft_records.event("save", CITIZEN, now, None, drafts.EDITING)
        created["done"] = store.create(record, event, messages, ttl, fingerprint, body,
                                       int(now.timestamp()) + KEY_SECONDS)
        if not created["done"]:
            raise Conflict(STALE_MESSAGE)  # another try of the same POST was first

    try:
        draft = _write(draft, None, request, procedure, now, token, save)
    except Conflict:
        retried = _retried(fingerprint, body, idempotency_key)
        if retried is None:
            raise
        return retried
    metrics.add_metric(name="DraftSaved", unit=MetricUnit.Count, value=1)
    logger.info("draft saved", extra={"draft_id": draft_id})
    return _created(draft, procedure, token)


def _retried(fingerprint: str, body: str, idempotency_key: str) -> CreatedDraft | None:
    marker = deps.draft_store().draft_of_key(fingerprint)
    if marker is None:
        return None
    if marker["body"] != body:
        raise IdempotencyKeyReused()
    draft = draft_records.load(marker["draft_id"])
    if draft is None:
        raise NotFound(drafts.NOT_FOUND_MESSAGE)
    return _created(draft, draft_records.procedure_of(draft), access_token_for(idempotency_key, draft["id"]))


def _created(draft: dict, procedure: dict, token: str) -> CreatedDraft:
    shown = draft_records.view(draft, procedure).model_dump()
    return CreatedDraft(**shown, access_token=token, resume_url=draft_records.resume_url(draft, token))


def view(draft_id: str, token: str) -> DraftView:
    draft = draft_records.proven(draft_id, token)
    return draft_records.view(draft, draft_records.procedure_of(draft))


def _current(draft: dict, version: int) -> None:
    if int(draft["version"]) != version:
        raise Conflict(STALE_MESSAGE)


def update(draft_id: str, request: UpdateDraftRequest) -> DraftView:
    """Save the draft again, on the version the citizen read; refused while the desk reads it
    and once it is submitted. Its 30 days start again."""
    before = draft_records.proven(draft_id, request.token)
    drafts.require_editable(before)
    _current(before, request.version)
    procedure = draft_records.procedure_of(before)
    applicant, answers = _content(procedure, request)
    now = clock.now_vn()
    draft = {**before, "applicant": applicant, "answers": answers, "version": int(before["version"]) + 1,
             "saved_at": clock.iso(now), "expires_at": drafts.expires_on(now).isoformat()}
    event = draft_records.event("save", CITIZEN, now, before["status"], before["status"])

    def save(record: dict, messages: list[dict], ttl: int) -> None:
        deps.draft_store().save(record, int(before["version"]), event, messages, ttl)

    draft = _write(draft, before, request, procedure, now, request.token, save)
    return draft_records.view(draft, procedure)


def request_precheck(draft_id: str, request: PrecheckRequest) -> DraftView:
    """Ask the desk to look at the draft before it is submitted: once per draft; the desk owes
    an answer within 1 working day (domain/precheck.py). The draft is locked meanwhile."""
    before = draft_records.proven(draft_id, request.token)
    _current(before, request.version)
    now = clock.now_vn()
    asked = precheck.request(before, now, deps.catalogue().working_calendar)
    draft = {**before, "status": drafts.PRECHECK_WAITING, "precheck": asked, "version": int(before["version"]) + 1}
    event = draft_records.event("precheck_request", CITIZEN, now, before["status"], drafts.PRECHECK_WAITING,
                                {"due": asked["due"]})
    title = deps.catalogue().title_for(draft)
    procedure = draft_records.procedure_of(draft)
    messages = draft_notices.precheck_requested(draft_records.reachable(procedure, draft.get("applicant") or {}),
                                                title, asked["due"])
    deps.draft_store().save(draft, int(before["version"]), event, messages, draft_records.ttl_for(draft["expires_at"]))
    metrics.add_metric(name="PrecheckRequested", unit=MetricUnit.Count, value=1)
    return draft_records.view(draft, procedure)
