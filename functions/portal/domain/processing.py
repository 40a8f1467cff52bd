"""The rules of a received dossier's way to its result (docs/domain.md, "Lifecycle"): forward
to a specialist and re-assign, the specialist's appraisal, the leader's decision or sending it
back, stopping on a declared ground, the fee and its payment, returning the result, and the
citizen's withdrawal.

Each function checks the transition table (who, from which state), then the data its action
needs, naming every wrong field at once, and returns a `Change` for the store to apply.
"""
from __future__ import annotations

from datetime import date, datetime

from portal.domain.clock import iso, to_vn
from portal.domain.errors import Conflict, FieldError, Forbidden, ValidationFailed
from portal.domain.grounds import declared_grounds
from portal.domain.states import Actor, Role, as_state
from portal.domain.terms import DossierTerms, fee_for
from portal.domain.transitions import Change, Transition, make_change, transition


def offered_actions(dossier: dict, allowed: list[str], apology_due: bool) -> list[str]:
    """Of the actions the table allows, those the desk offers for this dossier now: not a
    second supplement request, no decision or sending back before a proposal, no second fee
    request, no apology before one is due. (The rules refuse them anyway; a button that can
    only fail is not shown.)"""
    closed = set() if apology_due else {"apologise"}
    if int(dossier.get("supplement_count") or 0) >= 1:
        closed.add("request_supplement")
    if not dossier.get("proposal"):
        closed |= {"decide", "send_back"}
    if dossier.get("fee"):
        closed.add("request_fee")
    return [action for action in allowed if action not in closed]


def _blank(value: str | None) -> bool:
    return not (value or "").strip()


def _require(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(fields=errors)


def _check_assignee(dossier: dict, actor: Actor, row: Transition) -> None:
    """A specialist works on the dossiers assigned to them; a leader or receptionist acting
    under their own role is not bound by the assignment. The role the action is taken under
    decides (an officer who is also a leader still proposes as a specialist)."""
    if row.acting_role(actor) == Role.SPECIALIST and dossier.get("assignee") != actor.id:
        raise Forbidden("Hồ sơ này được phân công cho chuyên viên khác.")


def _choose_specialist(assignee: str, specialists: dict[str, str], errors: list[FieldError]) -> None:
    if assignee not in specialists:
        errors.append(FieldError("assignee", "Vui lòng chọn một chuyên viên của cơ quan."))


def forward(dossier: dict, actor: Actor, now: datetime, assignee: str, specialists: dict[str, str]) -> Change:
    """The received dossier goes to a specialist of the agency (`specialists`: username → name)."""
    current = as_state(dossier["state"])
    row = transition(current, "forward", actor)
    errors: list[FieldError] = []
    _choose_specialist(assignee, specialists, errors)
    _require(errors)
    attributes = {"assignee": assignee, "assigned_at": iso(now), "forwarded_at": iso(now)}
    return make_change(row, current, actor, now, attributes, {"assignee": assignee, "assignee_name": specialists[assignee]})


def assign(dossier: dict, actor: Actor, now: datetime, assignee: str, specialists: dict[str, str], note: str | None) -> Change:
    """A leader hands the dossier to another specialist (internal: audited, not notified)."""
    current = as_state(dossier["state"])
    row = transition(current, "assign", actor)
    errors: list[FieldError] = []
    _choose_specialist(assignee, specialists, errors)
    if not errors and assignee == dossier.get("assignee"):
        errors.append(FieldError("assignee", "Hồ sơ đang được phân công cho chuyên viên này."))
    _require(errors)
    data = {"assignee": assignee, "assignee_name": specialists[assignee], "previous": dossier.get("assignee")}
    if note:
        data["note"] = note
    return make_change(row, current, actor, now, {"assignee": assignee, "assigned_at": iso(now), "proposal": None}, data)


def propose(dossier: dict, actor: Actor, now: datetime, proposal: str, opinion: str) -> Change:
    """The assigned specialist's appraisal and proposal to the leader (internal)."""
    current = as_state(dossier["state"])
    row = transition(current, "propose", actor)
    _check_assignee(dossier, actor, row)
    _require([FieldError("opinion", "Vui lòng ghi ý kiến thẩm định.")] if _blank(opinion) else [])
    recorded = {"proposal": proposal, "opinion": opinion.strip(), "by": actor.id, "at": iso(now)}
    return make_change(row, current, actor, now, {"proposal": recorded}, {"proposal": proposal, "opinion": opinion.strip()})


def send_back(dossier: dict, actor: Actor, now: datetime, note: str) -> Change:
    """The leader returns the proposal to the specialist for another look (internal)."""
    current = as_state(dossier["state"])
    row = transition(current, "send_back", actor)
    if not dossier.get("proposal"):
        raise Conflict("Chuyên viên chưa có đề xuất để trả lại.")
    _require([FieldError("note", "Vui lòng ghi nội dung cần xem xét lại.")] if _blank(note) else [])
    return make_change(row, current, actor, now, {"proposal": None}, {"note": note.strip()})


def decide(
    dossier: dict,
    actor: Actor,
    now: datetime,
    outcome: str,
    result: dict | None,
    reasons: str | None,
    result_document: dict | None,
) -> Change:
    """The leader's decision on the specialist's proposal: approve with the signed result
    (number, signer, date, the file already checked and bound: `result_document`), or deny
    with reasons. Either way the result is ready to be returned."""
    current = as_state(dossier["state"])
    row = transition(current, "decide", actor)
    if not dossier.get("proposal"):
        raise Conflict("Chuyên viên chưa thẩm định và đề xuất: chưa thể quyết định.")
    errors: list[FieldError] = []
    recorded: dict = {"outcome": outcome, "decided_at": iso(now)}
    if outcome == "approve":
        if not result:
            errors.append(FieldError("result", "Vui lòng nhập số, người ký, ngày ký và tải lên văn bản kết quả."))
        else:
            for name, label in (("number", "số văn bản"), ("signer", "người ký")):
                if _blank(result.get(name)):
                    errors.append(FieldError(f"result.{name}", f"Vui lòng nhập {label}."))
            signed_on = _date_or_error(result.get("signed_on"), "result.signed_on", errors)
            if signed_on and signed_on > to_vn(now).date():
                errors.append(FieldError("result.signed_on", "Ngày ký không được sau hôm nay."))
            if result_document is None:
                errors.append(FieldError("result.upload_id", "Vui lòng tải lên văn bản kết quả đã ký."))
            if not errors:
                recorded.update(number=result["number"].strip(), signer=result["signer"].strip(), signed_on=result["signed_on"])
                recorded.update(filename=(result_document or {}).get("filename"))
        if reasons:
            errors.append(FieldError("reasons", "Chỉ ghi lý do khi không phê duyệt."))
    else:
        if _blank(reasons):
            errors.append(FieldError("reasons", "Vui lòng ghi rõ lý do không giải quyết."))
        if result:
            errors.append(FieldError("result", "Không kèm văn bản kết quả khi không phê duyệt."))
        recorded["reasons"] = (reasons or "").strip()
    _require(errors)
    data = {key: value for key, value in recorded.items() if key != "decided_at"}
    return make_change(row, current, actor, now, {"result": recorded, "decided_at": iso(now)}, data)


def _date_or_error(value: str | None, path: str, errors: list[FieldError]) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        errors.append(FieldError(path, "Ngày không hợp lệ (dạng YYYY-MM-DD)."))
        return None


def cited_grounds(procedure: dict, purpose: str, codes: list[str], note: str) -> tuple[list[dict], str]:
    """The grounds a refusal or a stop cites: at least one, each among the procedure's declared
    grounds of a kind `purpose` allows, with an explanation for the citizen."""
    declared = {g["code"]: g for g in declared_grounds(procedure, purpose)}
    errors: list[FieldError] = []
    if not codes:
        errors.append(FieldError("grounds", "Vui lòng chọn ít nhất một lý do theo quy định của thủ tục."))
    unknown = [code for code in codes if code not in declared]
    if unknown:
        errors.append(FieldError(
            "grounds",
            "Lý do không thuộc danh sách lý do được quy định cho thủ tục này: " + ", ".join(unknown) + ".",
        ))
    if _blank(note):
        errors.append(FieldError("note", "Vui lòng giải thích cụ thể cho người nộp hồ sơ."))
    _require(errors)
    cited = [
        {"code": code, "text": declared[code]["text"], "kind": declared[code].get("kind")}
        for code in dict.fromkeys(codes)
    ]
    return cited, note.strip()


def stop(dossier: dict, procedure: dict, actor: Actor, now: datetime, codes: list[str], note: str) -> Change:
    """Processing stops only on a declared ground, explained (form 05)."""
    current = as_state(dossier["state"])
    row = transition(current, "stop", actor)
    cited, explanation = cited_grounds(procedure, "stop", codes, note)
    attributes = {"stopped_at": iso(now), "stop_grounds": cited, "stop_note": explanation}
    return make_change(row, current, actor, now, attributes, {"grounds": cited, "note": explanation})


def request_fee(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    quantity: float | None,
    amount: int | None,
    reason: str | None,
) -> Change:
    """Ask for the fee of the dossier's case (terms.fee_for), once."""
    current = as_state(dossier["state"])
    row = transition(current, "request_fee", actor)
    _check_assignee(dossier, actor, row)
    if dossier.get("fee"):
        raise Conflict("Hồ sơ đã được yêu cầu nộp phí, lệ phí.")
    terms = DossierTerms.of(procedure, dossier["channel"], dossier.get("answers"))
    fee = {**fee_for(terms, quantity, amount, reason), "requested_at": iso(now)}
    return make_change(row, current, actor, now, {"fee": fee}, {k: v for k, v in fee.items() if k != "requested_at"})


def paid(dossier: dict, actor: Actor, now: datetime, amount: int, receipt_number: str | None, method: str) -> Change:
    """The fee was paid (at the counter, or online through the payment provider): exactly the
    amount asked for."""
    current = as_state(dossier["state"])
    row = transition(current, "paid", actor)
    asked = int((dossier.get("fee") or {}).get("amount", -1))
    errors: list[FieldError] = []
    if amount != asked:
        errors.append(FieldError("amount", "Số tiền đã thu phải đúng bằng số tiền đã yêu cầu nộp."))
    if method == "counter" and _blank(receipt_number):
        errors.append(FieldError("receipt_number", "Vui lòng nhập số biên lai."))
    _require(errors)
    payment = {"amount": amount, "receipt_number": (receipt_number or "").strip() or None, "method": method, "paid_at": iso(now)}
    payment = {key: value for key, value in payment.items() if value is not None}
    return make_change(row, current, actor, now, {"payment": payment}, {k: v for k, v in payment.items() if k != "paid_at"})


def return_result(
    dossier: dict,
    actor: Actor,
    now: datetime,
    method: str,
    collected_by: str | None,
    collected_at: str | None,
    waybill: str | None,
) -> Change:
    """The result reaches the applicant: downloaded online, collected at the counter (by whom,
    when) or posted (waybill); the dossier is then closed."""
    current = as_state(dossier["state"])
    row = transition(current, "return", actor)
    errors: list[FieldError] = []
    delivery: dict = {"method": method, "returned_at": iso(now)}
    if method == "counter":
        if _blank(collected_by):
            errors.append(FieldError("collected_by", "Vui lòng ghi họ tên người nhận kết quả."))
        delivery["collected_by"] = (collected_by or "").strip()
        delivery["collected_at"] = collected_at or iso(now)
    elif method == "post":
        if _blank(waybill):
            errors.append(FieldError("waybill", "Vui lòng nhập số vận đơn bưu điện."))
        delivery["waybill"] = (waybill or "").strip()
    elif method == "online" and not (dossier.get("result") or {}).get("filename") and (dossier.get("result") or {}).get("outcome") == "approve":
        errors.append(FieldError("method", "Chưa có bản điện tử của kết quả để trả trực tuyến."))
    _require(errors)
    data = {key: value for key, value in delivery.items() if key != "returned_at"}
    return make_change(row, current, actor, now, {"delivery": delivery, "closed_at": iso(now)}, data)


def withdraw(dossier: dict, actor: Actor, now: datetime, reason: str | None = None) -> Change:
    """The citizen withdraws a dossier not yet decided: at once, no approval needed."""
    current = as_state(dossier["state"])
    row = transition(current, "withdraw", actor)
    attributes = {"withdrawn_at": iso(now), "closed_at": iso(now), "clock_paused_at": None}
    return make_change(row, current, actor, now, attributes, {"reason": reason} if reason else {})

