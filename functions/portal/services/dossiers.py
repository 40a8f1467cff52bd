"""Submit a dossier online.

Order matters: everything is checked before anything is written (the request, the procedure's
rules and field rules, each uploaded file as it really is in the bucket, and the size of the
record), so a refused request leaves nothing behind: no code number taken, no file copied.
Then the files are copied to their final keys, the code is taken, then ONE transaction records
the dossier (META, CODE, DOC items, first EVENT), then the pending uploads are deleted. If the
transaction fails, the copies are removed again: there is either no dossier or a complete one
whose documents exist (a transaction whose answer was lost may have been done: the copies
stay if the dossier is recorded, or if that cannot be read). A submission may name the citizen's saved draft (`draft_id` and its
token): the files the draft keeps are read from its copies, which outlive the pending uploads,
and the same transaction marks the draft submitted (services/draft_records.py).

The whole use case is idempotent on the client's Idempotency-Key, twice over: Powertools
idempotency gives a retry with the same key and body the first answer back (and refuses the same
key with another body), and the transaction records a fingerprint of the key, so a retry after
a failure that came too late for the idempotency record (the dossier written, the answer lost)
finds the dossier instead of making a second one. The private link's token is derived from the
key (codes.access_token_for), so it is stored nowhere, not even in the idempotency record.
"""
from __future__ import annotations

from functools import lru_cache

from portal.config import settings
from portal.domain import clock, lifecycle, notices
from portal.domain.codes import access_token_for, dossier_code, hash_token, new_dossier_id, submission_fingerprint
from portal.domain.errors import (
    Conflict,
    FieldError,
    IdempotencyKeyReused,
    Unavailable,
    ValidationFailed,
)
from portal.domain.states import CITIZEN, State
from portal.domain.validation import check_answers, check_applicant, validate_document_slots
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps, draft_records
from portal.services.dossier_files import check_item_size, check_uploads, copy_files, delete_pending, discard_copies
from portal.services.models import SubmitRequest

IDEMPOTENCY_SECONDS = 24 * 3600


@lru_cache(maxsize=1)
def idempotency_config():
    """Plain configuration, built on first use: Powertools' idempotency package loads boto3 when
    imported, which the import of this module must not pay for (scripts/bench/cold_start.py).
    The Lambda entry point registers its context so an in-progress record expires when the
    invocation would have timed out."""
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

    return IdempotencyConfig(
        event_key_jmespath="idempotency_key",
        payload_validation_jmespath="body",
        expires_after_seconds=IDEMPOTENCY_SECONDS,
    )


IN_PROGRESS_MESSAGE = "Hồ sơ này đang được gửi, vui lòng đợi trong giây lát rồi tải lại."


def submit(request: SubmitRequest, idempotency_key: str) -> dict:
    """Record a citizen's dossier, once per Idempotency-Key."""
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyPersistenceLayerError,
        IdempotencyValidationError,
    )

    payload = {"idempotency_key": idempotency_key, "body": request.model_dump(mode="json")}
    try:
        receipt = idempotent_submit()(payload=payload)
    except IdempotencyValidationError as error:
        raise IdempotencyKeyReused() from error
    except IdempotencyAlreadyInProgressError as error:
        raise Conflict(IN_PROGRESS_MESSAGE) from error
    except IdempotencyPersistenceLayerError as error:
        # The dossier may be recorded and its answer lost: a retry finds it (see above).
        raise Unavailable() from error
    return {**receipt, "access_token": access_token_for(idempotency_key, receipt["dossier_id"])}


def idempotent_submit():
    """`_submit_once` wrapped by Powertools idempotency. Built per call from the cached
    persistence layer (it needs the environment, table name and endpoint, that tests and the
    local stack set), so `deps.reset()` renews it with the store."""
    from aws_lambda_powertools.utilities.idempotency import idempotent_function

    from portal.store.idempotency import idempotency_persistence

    return idempotent_function(
        _submit_once,
        data_keyword_argument="payload",
        persistence_store=idempotency_persistence(),
        config=idempotency_config(),
    )


def register_lambda_context(context) -> None:
    idempotency_config().register_lambda_context(context)


def _submit_once(payload: dict) -> dict:
    request = SubmitRequest.model_validate(payload["body"])
    return _submit(request, payload["idempotency_key"])


def _submit(request: SubmitRequest, idempotency_key: str) -> dict:
    fingerprint = submission_fingerprint(idempotency_key)
    recorded = deps.dossier_store().dossier_of_submission(fingerprint)
    if recorded is not None:
        return _receipt(deps.dossier_store().get(recorded))
    now = clock.now_vn()
    procedure = deps.online_procedure(request.procedure_id)
    catalogue = deps.catalogue()
    body = request.model_dump(mode="json")
    applicant, applicant_errors = check_applicant(procedure, body["applicant"], catalogue.field_rules)
    answers, answer_errors = check_answers(procedure, body["answers"], catalogue.field_rules)
    errors = [*applicant_errors, *answer_errors, *validate_document_slots(procedure, body["documents"])]
    if not request.consent:
        errors.append(FieldError("consent", catalogue.field_rules.consent["message"]))
    draft, kept = None, None
    if request.draft_id is not None:
        draft, draft_errors = draft_records.for_submission(request.draft_id, request.draft_token, procedure)
        errors.extend(draft_errors)
        kept = {d["upload_id"]: d for d in (draft or {}).get("documents") or []}
    files, file_errors = check_uploads(procedure, request.documents, {e.path for e in errors}, kept)
    errors.extend(file_errors)
    if errors:
        raise ValidationFailed(fields=errors)

    change = lifecycle.submit(procedure, "online", CITIZEN, now, catalogue.working_calendar)
    agency = deps.agency_of(procedure)
    dossier_id = new_dossier_id()
    state = change.state.value
    meta = {
        "id": dossier_id,
        "state": state,
        "version": 1,
        "agency": agency,
        "applicant": applicant,
        "answers": answers,
        "access_token_hash": hash_token(access_token_for(idempotency_key, dossier_id)),
        "created_at": clock.iso(now),
        **{k: v for k, v in change.attributes.items() if v is not None},
    }
    check_item_size(meta)

    # Everything is checked: only now are files copied; the code number is taken by the same
    # transaction that records the dossier, so a failure never uses one up.
    store = deps.dossier_store()
    documents: list[dict] = []
    try:
        copy_files(dossier_id, files, documents)
        code = store.create_with_code(
            meta,
            documents,
            change.event.to_item(),
            now.date(),
            lambda seq: dossier_code(agency, now.date(), seq),
            submission=fingerprint,
            messages=lambda code: notices.messages_for({**meta, "code": code}, change.event.to_item(), catalogue.title_for(meta)),
            # A submission from a draft marks it submitted in the same transaction.
            also=(lambda code: draft_records.submitted_writes(draft, code, now)) if draft else None,
        )
    except Exception as error:
        discard_copies(error, documents, lambda: store.get_with_children(dossier_id)["documents"])
        raise
    delete_pending(files)

    metrics.add_metric(name="DossierSubmitted", unit=MetricUnit.Count, value=1)
    logger.info("dossier submitted", extra={"dossier_id": dossier_id, "code": code})
    return _receipt({**meta, "code": code})


def _receipt(meta: dict) -> dict:
    """What the citizen is told of a recorded submission (the token is added by `submit`)."""
    state = State(meta["state"])
    return {
        "dossier_id": meta["id"],
        "code": meta["code"],
        "status": state.value,
        "status_label": state.label,
        "submitted_at": meta["submitted_at"],
        "check_due": meta["check_due"],
        "check_due_provisional": meta.get("check_due_provisional"),
        "tracking_url": f"{settings().site_origin.rstrip('/')}/tra-cuu/?ma={meta['code']}",
    }
