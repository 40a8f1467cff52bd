"""What an officer does to a dossier: every action of the desk, each with its own rule
(portal.domain.lifecycle, portal.domain.processing) and the data it needs.

Every action follows one path (`_act`): the officer and the dossier's agency are checked, the
rule decides on the dossier as it is stored, and the change is written only if the dossier is
still the version the officer acted on. An officer who acted on an older version is told to
reload (409) rather than that the action is wrong: what they saw has changed. The change, its
audit event and the citizen's messages (portal.domain.notices) are one transaction.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from portal.domain import clock, lifecycle, processing
from portal.domain.errors import Conflict, FieldError, ValidationFailed
from portal.domain.file_content import inspect
from portal.domain.notices import messages_for
from portal.domain.states import Actor, Role
from portal.domain.transitions import Change
from portal.domain.validation import check_text
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.desk_access import require_officer, require_same_agency
from portal.services.desk_action_models import (
    ApologiseRequest,
    AssigneeRequest,
    DecideRequest,
    FeeRequest,
    GroundsRequest,
    NoteRequest,
    PaidRequest,
    ProposeRequest,
    ReceiveRequest,
    ReturnRequest,
    SupplementRequest,
    SupplyRequest,
)
from portal.services.dossier_files import discard_copies
from portal.services.files import RESULT_DOCUMENT, max_size_bytes
from portal.store.dossiers import STALE_VERSION_MESSAGE

# A rule: (the dossier as stored, its procedure) → the change it decides.
Rule = Callable[[dict, dict], Change]
NOTE_RULE = {"multiline": True, "max_length": 2000}
LINE_RULE = {"max_length": 200}


def clean(values: dict[str, tuple[str | None, str, bool]], multiline: bool = True) -> dict[str, str | None]:
    """Officers' text as it is stored (NFC, no control or bidirectional characters), every
    wrong one named at once: `{path: (value, label, required)}` → `{path: text}`."""
    rules = deps.catalogue().field_rules
    cleaned: dict[str, str | None] = {}
    errors: list[FieldError] = []
    for path, (value, label, required) in values.items():
        text, problems = check_text(rules, NOTE_RULE if multiline else LINE_RULE, value, path, label, required=required)
        cleaned[path] = text
        errors.extend(problems)
    if errors:
        raise ValidationFailed(fields=errors)
    return cleaned


def _act(actor: Actor, dossier_id: str, version: int, rule: Rule, extra: Callable[[dict], dict] | None = None) -> dict:
    """Apply `rule` to the dossier if it is still at `version`; returns the stored dossier as
    read before the change (for the caller's logs)."""
    require_officer(actor)
    store = deps.dossier_store()
    meta = store.get(dossier_id)
    require_same_agency(actor, meta)
    catalogue = deps.catalogue()
    # The rules of the version the citizen submitted under, not today's.
    procedure = catalogue.for_dossier(meta)
    stale = int(meta.get("version", 0)) != int(version)
    try:
        change = rule(meta, procedure)
    except (Conflict, ValidationFailed):
        if stale:
            raise Conflict(STALE_VERSION_MESSAGE) from None
        raise
    if stale:
        raise Conflict(STALE_VERSION_MESSAGE)
    attributes = {**change.attributes, **(extra(meta) if extra else {})}
    event = change.event.to_item()
    store.apply_change(
        meta, attributes, change.state.value, event,
        messages=messages_for(meta, event, catalogue.title_for(meta)),
    )
    metrics.add_metric(name=f"Dossier_{change.event.action}", unit=MetricUnit.Count, value=1)
    logger.info("dossier action", extra={"dossier_id": dossier_id, "action": change.event.action, "officer": actor.id})
    return meta


def _now():
    return clock.now_vn()


def _calendar():
    return deps.catalogue().working_calendar


def receive(actor: Actor, dossier_id: str, request: ReceiveRequest) -> None:
    by_hand = request.time_limit.model_dump() if request.time_limit else None
    if by_hand:
        by_hand["reason"] = clean({"time_limit.reason": (by_hand["reason"], "Căn cứ pháp lý", True)})["time_limit.reason"]
    _act(actor, dossier_id, request.version, lambda meta, procedure: lifecycle.receive(
        meta, procedure, actor, _now(), _calendar(), by_hand
    ))


def refuse(actor: Actor, dossier_id: str, request: GroundsRequest) -> None:
    note = clean({"note": (request.note, "Giải thích", True)})["note"] or ""
    _act(actor, dossier_id, request.version, lambda meta, procedure: lifecycle.refuse(
        meta, procedure, actor, _now(), request.grounds, note
    ))


def stop(actor: Actor, dossier_id: str, request: GroundsRequest) -> None:
    note = clean({"note": (request.note, "Giải thích", True)})["note"] or ""
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.stop(
        meta, procedure, actor, _now(), request.grounds, note
    ))


def request_supplement(actor: Actor, dossier_id: str, request: SupplementRequest) -> None:
    texts = clean({
        "note": (request.note, "Ghi chú chung", False),
        **{f"items.{i}.note": (item.note, "Nội dung cần bổ sung", True) for i, item in enumerate(request.items)},
    })
    items = [{"slot": item.slot, "note": texts[f"items.{i}.note"]} for i, item in enumerate(request.items)]
    _act(actor, dossier_id, request.version, lambda meta, procedure: lifecycle.request_supplement(
        meta, procedure, actor, _now(), items, texts["note"]
    ))


def supply(actor: Actor, dossier_id: str, request: SupplyRequest) -> None:
    note = clean({"note": (request.note, "Ghi chú", False)})["note"]
    _act(actor, dossier_id, request.version, lambda meta, procedure: lifecycle.supply(
        meta, procedure, actor, _now(), _calendar(), note
    ))


def _specialists(actor: Actor) -> dict[str, str]:
    return deps.officer_directory().members(Role.SPECIALIST, actor.agency or "")


def forward(actor: Actor, dossier_id: str, request: AssigneeRequest) -> None:
    specialists = _specialists(actor)
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.forward(
        meta, actor, _now(), request.assignee, specialists
    ))


def assign(actor: Actor, dossier_id: str, request: AssigneeRequest) -> None:
    note = clean({"note": (request.note, "Ghi chú", False)})["note"]
    specialists = _specialists(actor)
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.assign(
        meta, actor, _now(), request.assignee, specialists, note
    ))


def propose(actor: Actor, dossier_id: str, request: ProposeRequest) -> None:
    opinion = clean({"opinion": (request.opinion, "Ý kiến thẩm định", True)})["opinion"] or ""
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.propose(
        meta, actor, _now(), request.proposal, opinion
    ))


def send_back(actor: Actor, dossier_id: str, request: NoteRequest) -> None:
    note = clean({"note": (request.note, "Nội dung cần xem xét lại", True)})["note"] or ""
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.send_back(meta, actor, _now(), note))


def request_fee(actor: Actor, dossier_id: str, request: FeeRequest) -> None:
    reason = clean({"reason": (request.reason, "Căn cứ", False)})["reason"]
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.request_fee(
        meta, procedure, actor, _now(), request.quantity, request.amount, reason
    ))


def paid(actor: Actor, dossier_id: str, request: PaidRequest) -> None:
    receipt = clean({"receipt_number": (request.receipt_number, "Số biên lai", True)}, multiline=False)["receipt_number"]
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.paid(
        meta, actor, _now(), request.amount, receipt, "counter"
    ))


def decide(actor: Actor, dossier_id: str, request: DecideRequest) -> None:
    """The leader's decision. An approval's signed PDF is checked as it really is, copied to
    the dossier's keys and named in the same write as the decision; if that write does not
    happen (a stale version, a refused rule) the copy is removed again, but not if it may have
    happened (its answer lost)."""
    result = request.result.model_dump() if request.result else None
    texts = clean({
        "reasons": (request.reasons, "Lý do", False),
        **({
            "result.number": (result["number"], "Số văn bản", True),
            "result.signer": (result["signer"], "Người ký", True),
        } if result else {}),
    }, multiline=False)
    if result:
        result.update(number=texts["result.number"], signer=texts["result.signer"])
    bucket = deps.document_store()
    copies: list[dict] = []

    def rule(meta: dict, procedure: dict) -> Change:
        document = _result_document(actor, result["upload_id"]) if result else None
        change = processing.decide(meta, actor, _now(), request.outcome, result, texts["reasons"], document)
        if document:
            copied = bucket.copy_to_dossier(document["upload_id"], dossier_id, RESULT_DOCUMENT["slot"], 1)
            copies.append(copied)
            change.attributes["result"]["document"] = {**document, **copied, "content_type": "application/pdf"}
        return change

    try:
        _act(actor, dossier_id, request.version, rule)
    except Exception as error:
        discard_copies(error, copies, lambda: [(deps.dossier_store().get(dossier_id).get("result") or {}).get("document") or {}])
        raise
    if result:
        bucket.delete_pending(result["upload_id"])


def _result_document(actor: Actor, upload_id: str) -> dict | None:
    """The uploaded result as it really is: issued to this agency for a result, present, the
    declared size, a whole PDF with no active content; None otherwise (the rule names the field)."""
    record = deps.dossier_store().get_upload(upload_id)
    if not record or record.get("purpose") != "result" or record.get("agency") != actor.agency:
        return None
    found = deps.document_store().read_pending(upload_id, max_size_bytes(RESULT_DOCUMENT))
    if (
        found is None
        or found["content"] is None
        or found["size"] != record.get("size")
        or not inspect(found["content"], RESULT_DOCUMENT["accept"]).accepted
    ):
        return None
    return {"upload_id": upload_id, "filename": record.get("filename"), "size": found["size"], "sha256": found["sha256"]}


def apologise(actor: Actor, dossier_id: str, request: ApologiseRequest) -> None:
    reason = clean({"reason": (request.reason, "Lý do chậm trả kết quả", True)})["reason"] or ""
    try:
        new_date = date.fromisoformat(request.new_date)
    except ValueError:
        raise ValidationFailed(fields=[FieldError("new_date", "Ngày hẹn mới không hợp lệ.")]) from None
    _act(actor, dossier_id, request.version, lambda meta, procedure: lifecycle.apologise(
        meta, actor, _now(), _calendar(), new_date, reason
    ))


def return_result(actor: Actor, dossier_id: str, request: ReturnRequest) -> None:
    texts = clean({
        "collected_by": (request.collected_by, "Người nhận", False),
        "waybill": (request.waybill, "Số vận đơn", False),
    }, multiline=False)
    _act(actor, dossier_id, request.version, lambda meta, procedure: processing.return_result(
        meta, actor, _now(), request.method, texts["collected_by"], request.collected_at, texts["waybill"]
    ))
