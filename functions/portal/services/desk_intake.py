"""The desk records a walk-in or posted dossier (channel counter or post) for its applicant, so
every dossier is in one system and counted: checked like an online submission (the same field
rules, the scanned papers checked by their bytes), received at once with its appointed date,
and recorded in one transaction with its code. A retry with the same Idempotency-Key finds
the dossier already recorded instead of making a second one."""
from __future__ import annotations

from portal.domain import clock, lifecycle
from portal.domain.codes import dossier_code, new_dossier_id, submission_fingerprint
from portal.domain.errors import FieldError, NotFound, ValidationFailed
from portal.domain.notices import messages_for
from portal.domain.states import Actor
from portal.domain.transitions import transition
from portal.domain.validation import check_answers, check_applicant, validate_document_slots
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.desk_access import require_officer
from portal.services.desk_action_models import IntakeRequest
from portal.services.dossier_files import check_item_size, check_uploads, copy_files, delete_pending, discard_copies


def intake(actor: Actor, request: IntakeRequest, idempotency_key: str) -> str:
    """The new dossier's id (the one already recorded for this key, on a retry)."""
    agency = require_officer(actor)
    transition(None, "intake", actor)  # the role first: a specialist is told so, whatever the data
    store = deps.dossier_store()
    fingerprint = submission_fingerprint(f"intake:{actor.id}:{idempotency_key}")
    recorded = store.dossier_of_submission(fingerprint)
    if recorded is not None:
        return recorded
    catalogue = deps.catalogue()
    try:
        procedure = catalogue.get(request.procedure_id)
    except NotFound:
        raise ValidationFailed(fields=[FieldError("procedure_id", "Không có thủ tục này trong danh mục.")]) from None
    if request.channel not in (procedure.get("channels") or {}):
        raise ValidationFailed(fields=[FieldError("channel", "Thủ tục này không nhận hồ sơ qua kênh đã chọn.")])
    body = request.model_dump(mode="json")
    applicant, applicant_errors = check_applicant(procedure, body["applicant"], catalogue.field_rules)
    answers, answer_errors = check_answers(procedure, body["answers"], catalogue.field_rules)
    errors = [*applicant_errors, *answer_errors, *validate_document_slots(procedure, body["documents"])]
    files, file_errors = check_uploads(procedure, request.documents, {e.path for e in errors})
    errors.extend(file_errors)
    by_hand = body.get("time_limit")
    now = clock.now_vn()
    change = None
    try:
        change = lifecycle.intake(procedure, request.channel, actor, now, catalogue.working_calendar, answers, by_hand)
    except ValidationFailed as refused:
        errors.extend(refused.fields)
    if errors or change is None:
        raise ValidationFailed(fields=errors)

    dossier_id = new_dossier_id()
    meta = {
        "id": dossier_id,
        "state": change.state.value,
        "version": 1,
        "agency": agency,
        "applicant": applicant,
        "answers": answers,
        "created_at": clock.iso(now),
        "received_by": actor.id,
        **{k: v for k, v in change.attributes.items() if v is not None},
    }
    check_item_size(meta)
    event = change.event.to_item()
    title = catalogue.title_for(meta)
    documents: list[dict] = []
    try:
        copy_files(dossier_id, files, documents)
        store.create_with_code(
            meta,
            documents,
            event,
            now.date(),
            lambda seq: dossier_code(agency, now.date(), seq),
            submission=fingerprint,
            messages=lambda code: messages_for({**meta, "code": code}, event, title),
        )
    except Exception as error:
        discard_copies(error, documents, lambda: store.get_with_children(dossier_id)["documents"])
        raise
    delete_pending(files)
    metrics.add_metric(name="DossierTakenIn", unit=MetricUnit.Count, value=1)
    logger.info("dossier taken in", extra={"dossier_id": dossier_id, "officer": actor.id, "channel": request.channel})
    return dossier_id


