"""Paying the requested fee online (docs/architecture.md, "Payments").

- `start`: the citizen (private link's token) starts an attempt for exactly the amount the desk
  requested, only while the dossier awaits payment; the attempt is recorded before the citizen
  leaves for the provider.
- `callback`: the provider's notification (IPN), the only thing that moves the dossier: its
  signature, its attempt, the amount (the attempt's and the dossier's fee) are checked; a paid
  attempt and the dossier's `paid` change are one transaction, so a repeated notification finds
  the attempt settled and changes nothing. Refusals are logged with the reason and the
  transaction reference only (no personal data) and answered with VNPay's codes.
- `return_location`: where the citizen's browser goes back to; it shows a flag and never
  changes anything (the browser's word is not proof of payment).
- `receipt`: the recorded payment, printable on the citizen's page.
"""
from __future__ import annotations

from urllib.parse import urlencode

from portal.config import settings
from portal.domain import clock, processing
from portal.domain.clock import iso, to_vn
from portal.domain.errors import Conflict
from portal.domain.figures import format_money
from portal.domain.notices import messages_for
from portal.domain.payments import (
    ALREADY_CONFIRMED,
    CONFIRMED,
    INVALID_AMOUNT,
    INVALID_SIGNATURE,
    ORDER_NOT_FOUND,
    UNKNOWN_ERROR,
    Order,
    Verdict,
    dossier_of,
    new_txn_ref,
)
from portal.domain.states import Actor, State
from portal.domain.vocabulary import PAYMENT_METHOD_LABELS
from portal.observability import MetricUnit, logger, metrics
from portal.services import deps
from portal.services.citizen_view import own_dossier
from portal.store.payments import PENDING

# Same text and status for a wrong token as for a missing dossier (services/citizen_actions.py).
PAYMENT_SYSTEM = Actor(kind="system", id="payment")
RETURN_PATH = "/api/payments/return"
RESULT_PAGE = "/ket-qua-thanh-toan/"
Answer = tuple[str, str]


def start(dossier_id: str, access_token: str, client_ip: str, api_origin: str) -> dict:
    meta = own_dossier(dossier_id, access_token)["meta"]
    if meta["state"] != State.AWAITING_PAYMENT.value:
        raise Conflict("Hồ sơ không ở trạng thái chờ nộp phí, lệ phí.")
    amount = int((meta.get("fee") or {}).get("amount") or 0)
    if amount <= 0:
        raise Conflict("Hồ sơ không có khoản phí, lệ phí cần nộp trực tuyến.")
    provider = deps.payment_provider()
    now = clock.now_vn()
    order = Order(
        txn_ref=new_txn_ref(dossier_id), dossier_id=dossier_id, dossier_code=meta["code"],
        amount=amount, amount_text=format_money(amount),
        description=f"Thanh toan phi ho so {meta['code']}",  # VNPay: ASCII, no diacritics
        created_at=now, client_ip=client_ip, return_url=api_origin.rstrip("/") + RETURN_PATH,
    )
    deps.payment_store().put_attempt(dossier_id, order.txn_ref, {
        "amount": amount, "provider": provider.name, "created_at": iso(now),
    })
    metrics.add_metric(name="PaymentStarted", unit=MetricUnit.Count, value=1)
    logger.info("payment started", extra={"dossier_id": dossier_id, "txn_ref": order.txn_ref, "provider": provider.name})
    return {"url": provider.payment_url(order), "txn_ref": order.txn_ref, "amount": amount, "amount_text": order.amount_text}


def _refused(answer: Answer, reason: str, txn_ref: str | None = None) -> Answer:
    metrics.add_metric(name="PaymentCallbackRefused", unit=MetricUnit.Count, value=1)
    logger.warning("payment callback refused", extra={"reason": reason, "txn_ref": txn_ref, "rsp_code": answer[0]})
    return answer


def callback(params: dict[str, str]) -> Answer:
    """The provider's notification → the IPN answer (RspCode, Message)."""
    try:
        return _callback(params)
    except Exception:
        # The provider retries a notification it did not get "00" or "02" for.
        logger.exception("payment callback failed")
        return UNKNOWN_ERROR


def _callback(params: dict[str, str]) -> Answer:
    provider = deps.payment_provider()
    verdict = provider.verify_ipn(params)
    if not verdict.valid:
        return _refused(INVALID_SIGNATURE, verdict.reason or "signature")
    txn_ref = verdict.txn_ref
    dossier_id = dossier_of(txn_ref)
    payments = deps.payment_store()
    attempt = payments.get_attempt(dossier_id, txn_ref) if dossier_id and txn_ref else None
    if attempt is None or attempt.get("provider") != provider.name:
        return _refused(ORDER_NOT_FOUND, "unknown_txn", txn_ref)
    if verdict.dossier_id is not None and verdict.dossier_id != dossier_id:
        return _refused(ORDER_NOT_FOUND, "other_dossier", txn_ref)
    assert dossier_id and txn_ref
    meta = deps.dossier_store().get(dossier_id)
    asked = int((meta.get("fee") or {}).get("amount", -1))
    if verdict.amount != int(attempt["amount"]) or verdict.amount != asked:
        return _refused(INVALID_AMOUNT, "amount", txn_ref)
    if attempt["status"] != PENDING:
        logger.info("payment callback repeated", extra={"txn_ref": txn_ref, "status": attempt["status"]})
        return ALREADY_CONFIRMED
    return _settle(meta, attempt, verdict, provider.name)


def _settle(meta: dict, attempt: dict, verdict: Verdict, provider: str) -> Answer:
    dossier_id, txn_ref = meta["id"], attempt["txn_ref"]
    payments = deps.payment_store()
    now = clock.now_vn()
    settled = {"settled_at": iso(now), "transaction_no": verdict.transaction_no}
    if not verdict.success:
        payments.settle(dossier_id, txn_ref, "failed", settled)
        logger.info("payment failed at the provider", extra={"dossier_id": dossier_id, "txn_ref": txn_ref})
        return CONFIRMED
    if meta["state"] != State.AWAITING_PAYMENT.value:
        # Paid at the counter (or withdrawn) while the citizen was at the provider: the money is
        # recorded on the attempt for an officer to refund; the dossier is left as it is.
        payments.settle(dossier_id, txn_ref, "unapplied", settled)
        metrics.add_metric(name="PaymentUnapplied", unit=MetricUnit.Count, value=1)
        logger.warning("payment not applied: dossier no longer awaits it", extra={"dossier_id": dossier_id, "txn_ref": txn_ref})
        return ALREADY_CONFIRMED
    change = processing.paid(meta, PAYMENT_SYSTEM, now, int(verdict.amount or 0), verdict.transaction_no or txn_ref, "online")
    attributes = {**change.attributes, "payment": {**change.attributes["payment"], "provider": provider, "txn_ref": txn_ref}}
    event = change.event.to_item()
    try:
        deps.dossier_store().apply_change(
            meta, attributes, change.state.value, event,
            messages=messages_for(meta, event, deps.catalogue().title_for(meta)),
            also=[payments.settle_write(dossier_id, txn_ref, "paid", settled)],
        )
    except Conflict:
        again = payments.get_attempt(dossier_id, txn_ref)
        if again and again["status"] != PENDING:  # the same notification, delivered twice at once
            return ALREADY_CONFIRMED
        raise
    metrics.add_metric(name="PaymentConfirmed", unit=MetricUnit.Count, value=1)
    logger.info("dossier paid online", extra={"dossier_id": dossier_id, "txn_ref": txn_ref, "provider": provider})
    return CONFIRMED


def return_location(params: dict[str, str]) -> str:
    """The citizen's page after the provider, with what the provider said (`ket-qua`:
    thanh-cong | that-bai | loi). Shown, never acted on: the dossier moves on the IPN alone."""
    verdict = deps.payment_provider().verify_return(params)
    query = {"ket-qua": "loi"}
    if verdict.valid:
        query = {"ket-qua": "thanh-cong" if verdict.success else "that-bai"}
        dossier_id = dossier_of(verdict.txn_ref)
        if dossier_id:
            query["ho-so"] = dossier_id
    else:
        logger.warning("payment return refused", extra={"reason": verdict.reason})
    return settings().site_origin.rstrip("/") + RESULT_PAGE + "?" + urlencode(query)


def receipt(dossier_id: str, access_token: str) -> dict:
    meta = own_dossier(dossier_id, access_token)["meta"]
    payment = meta.get("payment")
    if not payment:
        raise Conflict("Chưa ghi nhận khoản phí, lệ phí nào của hồ sơ này đã được nộp.")
    catalogue = deps.catalogue()
    procedure = catalogue.for_dossier(meta)
    paid_at = to_vn(clock.parse_iso(payment["paid_at"]))
    return {
        "dossier_id": meta["id"],
        "code": meta["code"],
        "procedure_title": catalogue.title_for(meta),
        "agency_name": (procedure.get("agency") or {}).get("name") or "",
        "payer": (meta.get("applicant") or {}).get("full_name") or "",
        "amount": int(payment["amount"]),
        "amount_text": format_money(int(payment["amount"])),
        "reason": (meta.get("fee") or {}).get("reason"),
        "method": payment["method"],
        "method_label": PAYMENT_METHOD_LABELS.get(payment["method"], payment["method"]),
        "receipt_number": payment.get("receipt_number"),
        "txn_ref": payment.get("txn_ref"),
        "paid_at": payment["paid_at"],
        "paid_at_text": paid_at.strftime("%d/%m/%Y %H:%M"),
    }
