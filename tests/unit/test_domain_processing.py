"""The rules of a received dossier's way to its result (portal.domain.processing): who may act
from which state (through the table), what each action's data must say (every wrong field named
at once) and what each records on the dossier and its audit event."""
from datetime import UTC, datetime

import pytest

from portal.domain import processing
from portal.domain.errors import Conflict, Forbidden, ValidationFailed
from portal.domain.states import OPEN_STATES, State
from tests.unit.procedures import (
    CITIZEN,
    LEADER,
    LEADER_AND_SPECIALIST,
    OTHER_SPECIALIST,
    RECEPTIONIST,
    SPECIALIST,
    SYSTEM,
    aquaculture,
    catch_certificate,
    field_paths,
    vn,
)
from tests.unit.procedures import dossier as stored_dossier

NOW = vn(2026, 7, 8, 10, 30)
AT = "2026-07-08T10:30:00+07:00"
SPECIALISTS = {"cv-1": "Trần Thị Bình", "cv-2": "Lê Văn Cường"}
PROPOSAL = {"proposal": "approve", "opinion": "Đủ điều kiện.", "by": "cv-1", "at": "2026-07-07T15:00:00+07:00"}
SIGNED = {"number": " 123/GXN-CCTS ", "signer": " Nguyễn Văn Dũng ", "signed_on": "2026-07-08"}
PDF = {"upload_id": "up-1", "filename": "giay-xac-nhan.pdf", "size": 1024, "sha256": "ab"}
FEE = {"amount": 40000, "amount_text": "40.000 đ", "requested_at": "2026-07-07T15:00:00+07:00"}


def dossier(state="processing", **changes):
    """A received catch-certificate dossier assigned to cv-1, due today."""
    received = {
        "procedure_id": "nguon-goc-thuy-san",
        "received_at": "2026-07-06T09:00:00+07:00",
        "appointed_date": "2026-07-08",
        "assignee": "cv-1",
    }
    return stored_dossier(state, **{**received, **changes})


# --- who, from which state ------------------------------------------------------------------

# Each rule called with good data: (name, call(dossier, actor), its state, one who may, one who may not).
RULES = [
    ("forward", lambda d, a: processing.forward(d, a, NOW, "cv-1", SPECIALISTS), "received", RECEPTIONIST, SPECIALIST),
    ("assign", lambda d, a: processing.assign(d, a, NOW, "cv-2", SPECIALISTS, None), "processing", LEADER, RECEPTIONIST),
    ("propose", lambda d, a: processing.propose(d, a, NOW, "approve", "Đủ."), "processing", SPECIALIST, LEADER),
    ("send_back", lambda d, a: processing.send_back({**d, "proposal": PROPOSAL}, a, NOW, "Xem lại."), "processing",
     LEADER, SPECIALIST),
    ("decide", lambda d, a: processing.decide({**d, "proposal": PROPOSAL}, a, NOW, "deny", None, "Không đạt.", None),
     "processing", LEADER, SPECIALIST),
    ("stop", lambda d, a: processing.stop(d, aquaculture(), a, NOW, ["gia-mao"], "Giải thích."), "processing",
     LEADER, RECEPTIONIST),
    ("request_fee", lambda d, a: processing.request_fee(d, catch_certificate(), a, NOW, 2, None, None), "processing",
     SPECIALIST, LEADER),
    ("paid", lambda d, a: processing.paid({**d, "fee": FEE}, a, NOW, 40000, "BL-1", "counter"), "awaiting_payment",
     RECEPTIONIST, SPECIALIST),
    ("return", lambda d, a: processing.return_result(d, a, NOW, "post", None, None, "EMS-1"), "result_ready",
     RECEPTIONIST, LEADER),
    ("withdraw", lambda d, a: processing.withdraw(d, a, NOW), "submitted", CITIZEN, RECEPTIONIST),
]
RULE_IDS = [rule[0] for rule in RULES]


@pytest.mark.parametrize(("action", "call", "state", "allowed", "other"), RULES, ids=RULE_IDS)
def test_each_rule_acts_from_its_state_for_its_role(action, call, state, allowed, other):
    change = call(dossier(state), allowed)
    assert change.event.action == action
    assert change.event.from_state == State(state)
    assert change.event.actor_id == allowed.id
    assert change.event.at == NOW


@pytest.mark.parametrize(("action", "call", "state", "allowed", "other"), RULES, ids=RULE_IDS)
def test_each_rule_is_forbidden_to_another_role(action, call, state, allowed, other):
    with pytest.raises(Forbidden):
        call(dossier(state), other)


@pytest.mark.parametrize(("action", "call", "state", "allowed", "other"), RULES, ids=RULE_IDS)
def test_each_rule_conflicts_from_a_closed_dossier(action, call, state, allowed, other):
    with pytest.raises(Conflict):
        call(dossier("returned"), allowed)


# --- forward and assign -----------------------------------------------------------------------


@pytest.mark.parametrize("actor", [RECEPTIONIST, LEADER])
def test_forward_hands_the_dossier_to_a_specialist(actor):
    change = processing.forward(dossier("received", assignee=None), actor, NOW, "cv-2", SPECIALISTS)
    assert change.state == State.PROCESSING
    assert change.attributes == {"assignee": "cv-2", "assigned_at": AT, "forwarded_at": AT}
    assert change.event.data == {"assignee": "cv-2", "assignee_name": "Lê Văn Cường"}
    assert change.event.actor_role == next(iter(actor.roles))
    assert change.event.citizen_visible


@pytest.mark.parametrize("assignee", ["", "ld-1", "cv-9"])
def test_forward_only_to_a_specialist_of_the_agency(assignee):
    with pytest.raises(ValidationFailed) as raised:
        processing.forward(dossier("received"), RECEPTIONIST, NOW, assignee, SPECIALISTS)
    assert field_paths(raised) == ["assignee"]


def test_assign_hands_the_dossier_to_another_specialist_and_drops_the_proposal():
    change = processing.assign(dossier(proposal=PROPOSAL), LEADER, NOW, "cv-2", SPECIALISTS, "Cân đối công việc.")
    assert change.state == State.PROCESSING
    assert change.attributes == {"assignee": "cv-2", "assigned_at": AT, "proposal": None}
    assert change.event.data == {
        "assignee": "cv-2", "assignee_name": "Lê Văn Cường", "previous": "cv-1", "note": "Cân đối công việc.",
    }
    assert not change.event.citizen_visible


@pytest.mark.parametrize("assignee", ["cv-1", "cv-9"])
def test_assign_to_the_same_or_an_unknown_specialist_is_rejected(assignee):
    with pytest.raises(ValidationFailed) as raised:
        processing.assign(dossier(), LEADER, NOW, assignee, SPECIALISTS, None)
    assert field_paths(raised) == ["assignee"]


# --- propose and send back ----------------------------------------------------------------------


def test_the_assigned_specialist_proposes():
    change = processing.propose(dossier(), SPECIALIST, NOW, "deny", " Không đạt điều kiện về vị trí. ")
    assert change.state == State.PROCESSING
    assert change.attributes == {"proposal": {
        "proposal": "deny", "opinion": "Không đạt điều kiện về vị trí.", "by": "cv-1", "at": AT,
    }}
    assert change.event.data == {"proposal": "deny", "opinion": "Không đạt điều kiện về vị trí."}
    assert change.event.actor_role == "specialist"
    assert not change.event.citizen_visible


@pytest.mark.parametrize("actor", [OTHER_SPECIALIST, LEADER_AND_SPECIALIST], ids=["other", "leader-and-specialist"])
def test_only_the_assignee_proposes(actor):
    with pytest.raises(Forbidden):
        processing.propose(dossier(), actor, NOW, "approve", "Đủ.")


def test_a_proposal_needs_an_opinion():
    with pytest.raises(ValidationFailed) as raised:
        processing.propose(dossier(), SPECIALIST, NOW, "approve", "   ")
    assert field_paths(raised) == ["opinion"]


def test_send_back_clears_the_proposal():
    change = processing.send_back(dossier(proposal=PROPOSAL), LEADER, NOW, " Bổ sung ý kiến về vị trí. ")
    assert change.state == State.PROCESSING
    assert change.attributes == {"proposal": None}
    assert change.event.data == {"note": "Bổ sung ý kiến về vị trí."}
    assert not change.event.citizen_visible


def test_send_back_needs_a_proposal_and_a_note():
    with pytest.raises(Conflict):
        processing.send_back(dossier(), LEADER, NOW, "Xem lại.")
    with pytest.raises(ValidationFailed) as raised:
        processing.send_back(dossier(proposal=PROPOSAL), LEADER, NOW, "")
    assert field_paths(raised) == ["note"]


# --- decide -------------------------------------------------------------------------------------


def decide(outcome="approve", result=SIGNED, reasons=None, document=PDF, now=NOW, **changes):
    return processing.decide(dossier(proposal=PROPOSAL, **changes), LEADER, now, outcome, result, reasons, document)


def test_decide_only_after_a_proposal():
    with pytest.raises(Conflict):
        processing.decide(dossier(), LEADER, NOW, "approve", SIGNED, None, PDF)


def test_an_approval_records_the_signed_result():
    change = decide()
    recorded = {
        "outcome": "approve", "number": "123/GXN-CCTS", "signer": "Nguyễn Văn Dũng", "signed_on": "2026-07-08",
        "filename": "giay-xac-nhan.pdf",
    }
    assert change.state == State.RESULT_READY
    assert change.attributes == {"result": {**recorded, "decided_at": AT}, "decided_at": AT}
    assert change.event.data == recorded
    assert change.event.citizen_visible


@pytest.mark.parametrize(("result", "reasons", "document", "fields"), [
    (None, None, PDF, ["result"]),
    ({**SIGNED, "number": " "}, None, PDF, ["result.number"]),
    ({**SIGNED, "signer": ""}, None, PDF, ["result.signer"]),
    ({**SIGNED, "signed_on": "08/07/2026"}, None, PDF, ["result.signed_on"]),
    ({**SIGNED, "signed_on": "2026-07-09"}, None, PDF, ["result.signed_on"]),  # tomorrow
    (SIGNED, None, None, ["result.upload_id"]),  # no checked, bound PDF
    (SIGNED, "Không đạt.", PDF, ["reasons"]),
    ({"number": "", "signer": "", "signed_on": ""}, None, None,
     ["result.number", "result.signer", "result.signed_on", "result.upload_id"]),
])
def test_an_approval_needs_number_signer_a_past_signing_date_and_the_document(result, reasons, document, fields):
    with pytest.raises(ValidationFailed) as raised:
        decide("approve", result, reasons, document)
    assert field_paths(raised) == fields


def test_a_result_signed_today_in_vietnam_is_not_in_the_future():
    # 18:00 UTC on 08/07 is 01:00 on 09/07 in Vietnam: a result signed on 09/07 is signed today.
    change = decide(result={**SIGNED, "signed_on": "2026-07-09"}, now=datetime(2026, 7, 8, 18, 0, tzinfo=UTC))
    assert change.attributes["result"]["signed_on"] == "2026-07-09"


def test_a_denial_records_its_reasons():
    change = decide("deny", None, " Địa điểm nuôi nằm trong luồng tàu. ", None)
    assert change.state == State.RESULT_READY
    assert change.attributes["result"] == {"outcome": "deny", "decided_at": AT, "reasons": "Địa điểm nuôi nằm trong luồng tàu."}
    assert change.event.data == {"outcome": "deny", "reasons": "Địa điểm nuôi nằm trong luồng tàu."}


@pytest.mark.parametrize(("result", "reasons", "fields"), [
    (None, "  ", ["reasons"]),
    (None, None, ["reasons"]),
    (SIGNED, "Không đạt.", ["result"]),
])
def test_a_denial_needs_reasons_and_no_result(result, reasons, fields):
    with pytest.raises(ValidationFailed) as raised:
        decide("deny", result, reasons, None)
    assert field_paths(raised) == fields


# --- stop ---------------------------------------------------------------------------------------


def test_stop_cites_a_declared_ground_of_a_stop_kind():
    change = processing.stop(dossier(), aquaculture(), LEADER, NOW, ["gia-mao"], " Giấy chứng nhận bị tẩy xóa. ")
    cited = [{"code": "gia-mao", "text": "Hồ sơ có giấy tờ giả mạo hoặc kê khai không trung thực.", "kind": "falsified"}]
    assert change.state == State.STOPPED
    assert change.attributes == {"stopped_at": AT, "stop_grounds": cited, "stop_note": "Giấy chứng nhận bị tẩy xóa."}
    assert change.event.data == {"grounds": cited, "note": "Giấy chứng nhận bị tẩy xóa."}


@pytest.mark.parametrize("code", ["khong-thuoc-doi-tuong", "ngoai-vung-quy-hoach", "gia-mao"])
def test_stop_may_rest_on_eligibility_conditions_or_falsified_papers(code):
    change = processing.stop(dossier(), aquaculture(), LEADER, NOW, [code], "Giải thích.")
    assert [g["code"] for g in change.attributes["stop_grounds"]] == [code]


@pytest.mark.parametrize(("codes", "note", "fields"), [
    (["ngoai-tham-quyen"], "Giải thích.", ["grounds"]),  # competence was decided at the door
    (["gia-mao", "ngoai-tham-quyen"], "Giải thích.", ["grounds"]),
    ([], "Giải thích.", ["grounds"]),
    (["khong-ro"], "Giải thích.", ["grounds"]),
    (["gia-mao"], " ", ["note"]),
])
def test_stop_on_another_ground_or_without_an_explanation_is_rejected(codes, note, fields):
    with pytest.raises(ValidationFailed) as raised:
        processing.stop(dossier(), aquaculture(), LEADER, NOW, codes, note)
    assert field_paths(raised) == fields


# --- fee and payment ----------------------------------------------------------------------------


def test_the_assigned_specialist_requests_a_per_unit_fee():
    # 150.000 đ + 15.000 đ/tấn × 12,5 tấn = 337.500 đ.
    change = processing.request_fee(dossier(), catch_certificate(), SPECIALIST, NOW, 12.5, None, None)
    fee = {"amount": 337500, "amount_text": "337.500 đ", "quantity": 12.5, "unit": "tấn"}
    assert change.state == State.AWAITING_PAYMENT
    assert change.attributes == {"fee": {**fee, "requested_at": AT}}
    assert change.event.data == fee
    assert change.event.citizen_visible


def test_an_unconfirmed_fee_is_requested_by_hand_with_its_basis():
    change = processing.request_fee(
        dossier(channel="counter"), catch_certificate(), RECEPTIONIST, NOW, None, 50000, " Thông tư 118/2018/TT-BTC "
    )
    assert change.attributes["fee"] == {
        "amount": 50000, "amount_text": "50.000 đ", "set_by_hand": True, "reason": "Thông tư 118/2018/TT-BTC",
        "requested_at": AT,
    }


@pytest.mark.parametrize(("actor", "allowed"), [
    (SPECIALIST, True),
    (OTHER_SPECIALIST, False),
    (RECEPTIONIST, True),  # the desk is not bound by the assignment
])
def test_only_the_assignee_requests_a_fee_as_specialist(actor, allowed):
    def request():
        return processing.request_fee(dossier(), catch_certificate(), actor, NOW, 2, None, None)

    if allowed:
        assert request().event.actor_role == next(iter(actor.roles))
    else:
        with pytest.raises(Forbidden):
            request()


def test_a_fee_is_requested_once():
    with pytest.raises(Conflict):
        processing.request_fee(dossier(fee=FEE, payment={"amount": 40000}), catch_certificate(), SPECIALIST, NOW, 2, None, None)


def test_no_fee_is_requested_for_a_free_procedure():
    with pytest.raises(ValidationFailed) as raised:
        processing.request_fee(dossier(), aquaculture(), SPECIALIST, NOW, None, None, None)
    assert field_paths(raised) == ["amount"]


def test_a_payment_at_the_counter():
    change = processing.paid(dossier("awaiting_payment", fee=FEE), RECEPTIONIST, NOW, 40000, " BL-0012 ", "counter")
    assert change.state == State.PROCESSING
    assert change.attributes == {"payment": {"amount": 40000, "receipt_number": "BL-0012", "method": "counter", "paid_at": AT}}
    assert change.event.data == {"amount": 40000, "receipt_number": "BL-0012", "method": "counter"}


def test_a_payment_online_needs_no_receipt_number():
    change = processing.paid(dossier("awaiting_payment", fee=FEE), SYSTEM, NOW, 40000, None, "online")
    assert change.attributes["payment"] == {"amount": 40000, "method": "online", "paid_at": AT}
    assert change.event.actor_role == "system"


@pytest.mark.parametrize(("amount", "receipt", "fields"), [
    (39999, "BL-1", ["amount"]),
    (40001, "BL-1", ["amount"]),
    (40000, " ", ["receipt_number"]),
    (0, None, ["amount", "receipt_number"]),
])
def test_a_payment_is_exactly_the_amount_asked_with_a_receipt(amount, receipt, fields):
    with pytest.raises(ValidationFailed) as raised:
        processing.paid(dossier("awaiting_payment", fee=FEE), RECEPTIONIST, NOW, amount, receipt, "counter")
    assert field_paths(raised) == fields


# --- return the result --------------------------------------------------------------------------

APPROVED = {"outcome": "approve", "number": "123/GXN-CCTS", "filename": "giay-xac-nhan.pdf"}


def returned(method, collected_by=None, collected_at=None, waybill=None, result=APPROVED):
    return processing.return_result(
        dossier("result_ready", result=result), RECEPTIONIST, NOW, method, collected_by, collected_at, waybill
    )


def test_a_result_collected_at_the_counter():
    change = returned("counter", " Nguyễn Văn An ", "2026-07-08T10:00:00+07:00")
    delivery = {"method": "counter", "collected_by": "Nguyễn Văn An", "collected_at": "2026-07-08T10:00:00+07:00"}
    assert change.state == State.RETURNED
    assert change.attributes == {"delivery": {**delivery, "returned_at": AT}, "closed_at": AT}
    assert change.event.data == delivery
    # Without the moment of collection, now.
    assert returned("counter", "Nguyễn Văn An").attributes["delivery"]["collected_at"] == AT


def test_a_result_posted_with_its_waybill():
    change = returned("post", waybill=" EE123456789VN ")
    assert change.event.data == {"method": "post", "waybill": "EE123456789VN"}


@pytest.mark.parametrize("result", [APPROVED, {"outcome": "deny", "reasons": "Không đạt."}])
def test_a_result_returned_online(result):
    assert returned("online", result=result).event.data == {"method": "online"}


@pytest.mark.parametrize(("method", "kwargs", "fields"), [
    ("counter", {}, ["collected_by"]),
    ("counter", {"collected_by": " "}, ["collected_by"]),
    ("post", {}, ["waybill"]),
    ("online", {"result": {"outcome": "approve", "number": "1"}}, ["method"]),  # no file to download
])
def test_a_return_needs_who_collected_or_the_waybill(method, kwargs, fields):
    with pytest.raises(ValidationFailed) as raised:
        returned(method, **kwargs)
    assert field_paths(raised) == fields


# --- withdraw -----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(OPEN_STATES))
def test_the_citizen_withdraws_from_every_open_state(state):
    change = processing.withdraw(dossier(state, clock_paused_at=AT), CITIZEN, NOW, "Không còn nhu cầu.")
    assert change.state == State.WITHDRAWN
    assert change.attributes == {"withdrawn_at": AT, "closed_at": AT, "clock_paused_at": None}
    assert change.event.data == {"reason": "Không còn nhu cầu."}
    assert processing.withdraw(dossier(state), CITIZEN, NOW).event.data == {}


@pytest.mark.parametrize("state", ["result_ready", "returned", "refused", "stopped", "withdrawn", "draft"])
def test_no_withdrawal_after_a_decision_or_once_closed(state):
    with pytest.raises(Conflict):
        processing.withdraw(dossier(state), CITIZEN, NOW)
