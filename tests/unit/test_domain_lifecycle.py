"""The dossier state machine (docs/domain.md, "Lifecycle") and the rules of the actions that
start a dossier's way: submit, intake, receive, refuse, request a supplement and supply it,
apologise. The processing rules are in test_domain_processing.py."""
import json
from datetime import UTC, date, datetime

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.errors import Conflict, Forbidden, ValidationFailed
from portal.domain.lifecycle import (
    apologise,
    intake,
    receive,
    refuse,
    request_supplement,
    submit,
    supply,
)
from portal.domain.states import NATIONAL_STATUS_CODES, Actor, State
from portal.domain.transitions import TRANSITIONS, allowed_actions, transition
from portal.domain.vocabulary import ACTION_LABELS, STATUS_LABELS
from tests.unit.procedures import (
    ADMIN,
    CALENDAR_2026,
    CITIZEN,
    LEADER,
    RECEPTIONIST,
    SPECIALIST,
    SYSTEM,
    aquaculture,
    catch_certificate,
    dossier,
    field_paths,
    unconfirm,
    vn,
)

EVERYONE = [CITIZEN, SYSTEM, RECEPTIONIST, SPECIALIST, LEADER, ADMIN]

OPEN = ["submitted", "received", "processing", "supplement_requested", "awaiting_payment"]
ALL_STATES = [None] + [s.value for s in State]
SAME = "same"
PREVIOUS = "previous"

# The desk's rules (docs/domain.md "Lifecycle" and the issue "The officer desk"), written out
# independently of the code's table: action, from, to, who.
TABLE = [
    ("save_draft", [None, "draft"], "draft", [CITIZEN]),
    ("submit", [None, "draft"], "submitted", [CITIZEN]),
    ("intake", [None], "received", [RECEPTIONIST]),
    ("receive", ["submitted"], "received", [RECEPTIONIST]),
    ("refuse", ["submitted"], "refused", [RECEPTIONIST]),
    ("request_supplement", ["submitted", "received", "processing"], "supplement_requested", [RECEPTIONIST, SPECIALIST]),
    ("supply", ["supplement_requested"], PREVIOUS, [CITIZEN, RECEPTIONIST]),
    ("forward", ["received"], "processing", [RECEPTIONIST, LEADER]),
    ("assign", ["processing"], SAME, [LEADER]),
    ("propose", ["processing"], SAME, [SPECIALIST]),
    ("send_back", ["processing"], SAME, [LEADER]),
    ("request_fee", ["processing"], "awaiting_payment", [SPECIALIST, RECEPTIONIST]),
    ("paid", ["awaiting_payment"], "processing", [SYSTEM, RECEPTIONIST]),
    ("decide", ["processing"], "result_ready", [LEADER]),
    ("stop", ["processing"], "stopped", [LEADER]),
    ("apologise", ["received", "processing", "awaiting_payment"], SAME, [RECEPTIONIST, LEADER]),
    ("return", ["result_ready"], "returned", [RECEPTIONIST]),
    ("withdraw", OPEN, "withdrawn", [CITIZEN]),
    # The citizen's choice of how to receive the result, until it is returned; one rating after.
    ("choose_delivery", [*OPEN, "result_ready"], SAME, [CITIZEN]),
    ("rate", ["result_ready", "returned"], SAME, [CITIZEN]),
    # A closed dossier's personal data removed after its retention period (the daily job).
    ("redact", ["refused", "stopped", "returned", "withdrawn"], SAME, [SYSTEM]),
]
# Audited on the dossier's history but not shown to (or sent to) the citizen.
INTERNAL = {"save_draft", "assign", "propose", "send_back", "choose_delivery", "rate", "redact"}

ALLOWED = [(a, s, who, to) for a, sources, to, actors in TABLE for s in sources for who in actors]
WRONG_ROLE = [
    (a, sources[0], who) for a, sources, _, actors in TABLE for who in EVERYONE if who not in actors
]
WRONG_STATE = [
    (a, s, actors[0]) for a, sources, _, actors in TABLE for s in ALL_STATES if s not in sources
]


def _id(value):
    return value.id if isinstance(value, Actor) else str(value)


def test_the_table_has_exactly_these_actions_each_with_a_label():
    assert list(TRANSITIONS) == [row[0] for row in TABLE]
    assert set(ACTION_LABELS) == set(TRANSITIONS)
    assert {a for a, row in TRANSITIONS.items() if not row.citizen_visible} == INTERNAL


@pytest.mark.parametrize(("action", "state", "actor", "target"), ALLOWED, ids=_id)
def test_each_row_is_allowed_for_its_roles(action, state, actor, target):
    row = transition(state, action, actor)
    current = State(state) if state else None
    result = row.next_state(current, previous=State.RECEIVED)
    expected = {SAME: current, PREVIOUS: State.RECEIVED}.get(target, target)
    assert result == State(expected)
    assert action in allowed_actions(state, actor)


@pytest.mark.parametrize(("action", "state", "actor"), WRONG_ROLE, ids=_id)
def test_each_row_is_forbidden_to_other_roles(action, state, actor):
    with pytest.raises(Forbidden):
        transition(state, action, actor)
    assert action not in allowed_actions(state, actor)


@pytest.mark.parametrize(("action", "state", "actor"), WRONG_STATE, ids=_id)
def test_each_row_conflicts_from_other_states(action, state, actor):
    with pytest.raises(Conflict) as raised:
        transition(state, action, actor)
    if state is not None:
        assert STATUS_LABELS[State(state)] in raised.value.message


def test_the_role_is_checked_before_the_state():
    # A citizen may never decide: told so even on a dossier no one could decide now.
    with pytest.raises(Forbidden):
        transition("returned", "decide", CITIZEN)


def test_the_desk_sees_its_buttons():
    assert allowed_actions("submitted", RECEPTIONIST) == ["receive", "refuse", "request_supplement"]
    assert allowed_actions("received", RECEPTIONIST) == ["request_supplement", "forward", "apologise"]
    assert allowed_actions("received", LEADER) == ["forward", "apologise"]
    assert allowed_actions("processing", SPECIALIST) == ["request_supplement", "propose", "request_fee"]
    assert allowed_actions("processing", LEADER) == ["assign", "send_back", "decide", "stop", "apologise"]
    assert allowed_actions("submitted", CITIZEN) == ["withdraw", "choose_delivery"]
    assert allowed_actions("submitted", ADMIN) == []


def test_status_labels_and_national_codes():
    assert STATUS_LABELS[State.SUBMITTED] == "Mới đăng ký"
    assert STATUS_LABELS[State.AWAITING_PAYMENT] == "Chờ thực hiện nghĩa vụ tài chính"
    assert [NATIONAL_STATUS_CODES[State(s)] for s in [
        "submitted", "received", "refused", "processing", "supplement_requested",
        "awaiting_payment", "withdrawn", "stopped", "result_ready", "returned",
    ]] == list(range(1, 11))
    assert NATIONAL_STATUS_CODES[State.DRAFT] is None


# --- rule functions -----------------------------------------------------------------------

CAL = WorkingCalendar(CALENDAR_2026)
BY_HAND = {"value": 10, "unit": "working_days", "reason": " Điều 5 Thông tư 01/2022/TT-BNNPTNT "}


def test_submit_sets_the_completeness_check_two_working_days_later():
    # Friday 13/02/2026 before Tết: Mon 23 (1), Tue 24 (2).
    change = submit(aquaculture(), "online", CITIZEN, vn(2026, 2, 13, 11, 0), CAL)
    assert change.state == State.SUBMITTED
    assert change.attributes["submitted_at"] == "2026-02-13T11:00:00+07:00"
    assert change.attributes["check_due"] == "2026-02-24"
    assert change.attributes["deadline"] == "2026-02-24"
    assert change.attributes["supplement_count"] == 0
    assert change.attributes["calendar_source"] == "content/calendar/2026.yaml"
    assert change.attributes["check_due_provisional"] is None
    assert change.event.action == "submit"
    assert change.event.from_state is None
    assert change.event.actor_role == "citizen"


def test_a_due_date_counted_into_a_year_without_a_calendar_file_is_provisional():
    # Received Wednesday 30/12/2026, 5 working days: the count runs into 2027, which no file decides.
    dossier = {"state": "submitted", "channel": "online", "answers": {"loai_giay": "cap-moi"}}
    change = receive(dossier, aquaculture(), RECEPTIONIST, vn(2026, 12, 30, 9, 0), CAL)
    assert change.attributes["appointed_date_provisional"] is True
    assert "tạm tính cho năm 2027" in change.attributes["calendar_source"]


def test_submit_records_vietnam_time_for_a_utc_clock():
    change = submit(aquaculture(), "online", CITIZEN, datetime(2026, 7, 8, 8, 30, tzinfo=UTC), CAL)
    assert change.attributes["submitted_at"] == "2026-07-08T15:30:00+07:00"
    # After the 15:00 cut-off: counts from Thu 09/07; Fri 10 (1), Mon 13 (2).
    assert change.attributes["check_due"] == "2026-07-13"


def test_submit_through_a_channel_the_procedure_lacks_is_refused():
    with pytest.raises(Conflict):
        submit(aquaculture(), "post", CITIZEN, vn(2026, 7, 8, 9, 0), CAL)


def test_officers_do_not_submit_for_citizens():
    with pytest.raises(Forbidden):
        submit(aquaculture(), "online", RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)


def test_receive_sets_the_appointed_date():
    change = receive(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 14, 59), CAL)
    assert change.state == State.RECEIVED
    assert change.attributes["received_at"] == "2026-07-08T14:59:00+07:00"
    assert change.attributes["appointed_date"] == "2026-07-15"
    assert change.attributes["deadline"] == "2026-07-15"
    assert change.attributes["time_limit"] == {"value": 5, "unit": "working_days"}
    assert change.event.data == {"appointed_date": "2026-07-15", "appointed_date_vi": "15/07/2026"}
    assert change.event.citizen_visible


def test_receive_at_the_cutoff_appoints_one_day_later():
    change = receive(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 15, 0), CAL)
    assert change.attributes["appointed_date"] == "2026-07-16"


def test_receive_by_post_counts_calendar_days():
    # Wednesday 01/07 + 60 calendar days = Sunday 30/08 -> Thursday 03/09 (31/08-02/09 off).
    change = receive(
        dossier(channel="post", procedure_id="nguon-goc-thuy-san"),
        catch_certificate(), RECEPTIONIST, vn(2026, 7, 1, 10, 0), CAL,
    )
    assert change.attributes["appointed_date"] == "2026-09-03"


UNCONFIRMED_LIMITS = [
    pytest.param(catch_certificate(), "counter", id="missing"),
    pytest.param(unconfirm(aquaculture(), "channels.online.time_limit.value"), "online", id="doubted"),
]


@pytest.mark.parametrize(("procedure", "channel"), UNCONFIRMED_LIMITS)
def test_an_unconfirmed_time_limit_needs_one_entered_by_hand(procedure, channel):
    with pytest.raises(ValidationFailed) as raised:
        receive(dossier(channel=channel), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert field_paths(raised) == ["time_limit"]
    assert "chưa được xác nhận" in raised.value.fields[0].message


@pytest.mark.parametrize(("procedure", "channel"), UNCONFIRMED_LIMITS)
def test_a_time_limit_entered_by_hand_is_counted_and_recorded(procedure, channel):
    # Wednesday 08/07 at 09:00, 10 working days: Thu 09 ... Wed 22/07.
    change = receive(dossier(channel=channel), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL, BY_HAND)
    recorded = {"value": 10, "unit": "working_days", "set_by_hand": True, "reason": "Điều 5 Thông tư 01/2022/TT-BNNPTNT"}
    assert change.attributes["appointed_date"] == "2026-07-22"
    assert change.attributes["time_limit"] == recorded
    assert change.event.data["time_limit_by_hand"] == recorded


def test_a_time_limit_entered_by_hand_in_calendar_days():
    # Wednesday 01/07 + 60 calendar days = Sunday 30/08 -> Thursday 03/09 (31/08-02/09 off).
    by_hand = {"value": 60, "unit": "calendar_days", "reason": "Điều 5"}
    change = receive(dossier(channel="counter"), catch_certificate(), RECEPTIONIST, vn(2026, 7, 1, 10, 0), CAL, by_hand)
    assert change.attributes["appointed_date"] == "2026-09-03"


def test_a_time_limit_entered_by_hand_needs_its_legal_basis():
    with pytest.raises(ValidationFailed) as raised:
        receive(dossier(channel="counter"), catch_certificate(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL,
                {**BY_HAND, "reason": "  "})
    assert field_paths(raised) == ["time_limit.reason"]


def test_a_time_limit_typed_over_a_confirmed_one_is_refused():
    with pytest.raises(ValidationFailed) as raised:
        receive(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL, BY_HAND)
    assert field_paths(raised) == ["time_limit"]


def test_receive_is_for_the_desk_only():
    with pytest.raises(Forbidden):
        receive(dossier(), aquaculture(), SPECIALIST, vn(2026, 7, 8, 9, 0), CAL)
    with pytest.raises(Conflict):
        receive(dossier("processing"), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)


def test_counter_intake_starts_the_clock_at_once():
    # Saturday 11/07 counts from Monday 13/07: Tue 14 ... Mon 20.
    change = intake(aquaculture(), "counter", RECEPTIONIST, vn(2026, 7, 11, 9, 0), CAL)
    assert change.state == State.RECEIVED
    assert change.event.from_state is None
    assert change.attributes["channel"] == "counter"
    assert change.attributes["supplement_count"] == 0
    assert change.attributes["submitted_at"] == change.attributes["received_at"]
    assert change.attributes["appointed_date"] == "2026-07-20"
    assert change.event.data["channel"] == "counter"
    with pytest.raises(Forbidden):
        intake(aquaculture(), "counter", CITIZEN, vn(2026, 7, 11, 9, 0), CAL)
    with pytest.raises(Conflict):
        intake(aquaculture(), "online", RECEPTIONIST, vn(2026, 7, 11, 9, 0), CAL)
    with pytest.raises(Conflict):
        intake(aquaculture(), "post", RECEPTIONIST, vn(2026, 7, 11, 9, 0), CAL)


def test_counter_intake_with_an_unconfirmed_time_limit_needs_one_by_hand():
    with pytest.raises(ValidationFailed) as raised:
        intake(catch_certificate(), "counter", RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert field_paths(raised) == ["time_limit"]
    change = intake(catch_certificate(), "counter", RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL, time_limit_by_hand=BY_HAND)
    assert change.attributes["appointed_date"] == "2026-07-22"
    assert change.event.data["time_limit_by_hand"]["set_by_hand"] is True


# Refusal: the declared grounds of the test procedure are one of each kind.


def test_refusal_cites_declared_grounds_with_their_kinds():
    change = refuse(
        dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0),
        ["ngoai-vung-quy-hoach", "ngoai-tham-quyen", "ngoai-vung-quy-hoach"], " Vị trí lồng nằm trong luồng tàu. ",
    )
    cited = [
        {"code": "ngoai-vung-quy-hoach", "text": "Địa điểm nuôi nằm ngoài vùng quy hoạch.", "kind": "conditions"},
        {"code": "ngoai-tham-quyen", "text": "Địa điểm nuôi thuộc vùng biển do cơ quan trung ương quản lý.",
         "kind": "competence"},
    ]
    assert change.state == State.REFUSED
    assert change.attributes["refusal_grounds"] == cited
    assert change.attributes["refusal_note"] == "Vị trí lồng nằm trong luồng tàu."
    assert change.event.data == {"grounds": cited, "note": "Vị trí lồng nằm trong luồng tàu."}


@pytest.mark.parametrize("kind", ["competence", "eligibility", "conditions", "falsified"])
def test_a_refusal_may_rest_on_every_kind(kind):
    code = next(g["code"] for g in aquaculture()["refusal_grounds"] if g["kind"] == kind)
    change = refuse(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), [code], "Giải thích.")
    assert [g["kind"] for g in change.attributes["refusal_grounds"]] == [kind]


@pytest.mark.parametrize(("grounds", "note", "fields"), [
    ([], "Giải thích.", ["grounds"]),
    (["thieu-giay-to-khac"], "Giải thích.", ["grounds"]),
    (["gia-mao", "tu-y"], "Giải thích.", ["grounds"]),
    (["gia-mao"], "  ", ["note"]),
    ([], "", ["grounds", "note"]),
])
def test_refusal_on_undeclared_grounds_or_without_an_explanation_is_rejected(grounds, note, fields):
    with pytest.raises(ValidationFailed) as raised:
        refuse(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), grounds, note)
    assert field_paths(raised) == fields


def test_a_ground_without_a_kind_cannot_be_cited():
    # An archived version written before grounds had kinds.
    procedure = aquaculture()
    del procedure["refusal_grounds"][3]["kind"]
    with pytest.raises(ValidationFailed) as raised:
        refuse(dossier(), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), ["gia-mao"], "Giải thích.")
    assert field_paths(raised) == ["grounds"]


# Supplement: once per dossier, only the procedure's documents, a note per item.

ITEM = {"slot": "giay-uy-quyen", "note": " Thiếu chữ ký người ủy quyền. "}


def test_supplement_asks_only_for_listed_documents_each_with_a_note():
    change = request_supplement(
        dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), [ITEM], "Bổ sung trong 10 ngày."
    )
    listed = [{"slot": "giay-uy-quyen", "name": "Giấy ủy quyền", "note": "Thiếu chữ ký người ủy quyền."}]
    assert change.state == State.SUPPLEMENT_REQUESTED
    assert change.attributes["supplement_count"] == 1
    assert change.attributes["supplement_items"] == listed
    assert change.attributes["supplement_note"] == "Bổ sung trong 10 ngày."
    assert change.attributes["state_before_supplement"] == "submitted"
    assert change.event.data == {"items": listed, "note": "Bổ sung trong 10 ngày."}
    # Not received yet: no clock to pause.
    assert "clock_paused_at" not in change.attributes


def test_a_supplement_without_a_general_note_records_none():
    change = request_supplement(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), [ITEM])
    assert change.attributes["supplement_note"] is None
    assert "note" not in change.event.data


@pytest.mark.parametrize(("items", "fields"), [
    ([], ["items"]),
    ([{"slot": "so-ho-khau", "note": "Thiếu."}], ["items.0.slot"]),
    ([ITEM, {"slot": "don-de-nghi", "note": " "}], ["items.1.note"]),
    ([ITEM, {"slot": "don-de-nghi"}], ["items.1.note"]),
    ([ITEM, ITEM], ["items.1.slot"]),
    ([{"slot": "so-ho-khau", "note": "x"}, {"slot": "don-de-nghi", "note": ""}], ["items.0.slot", "items.1.note"]),
])
def test_supplement_items_are_checked_all_at_once(items, fields):
    with pytest.raises(ValidationFailed) as raised:
        request_supplement(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), items)
    assert field_paths(raised) == fields


@pytest.mark.parametrize(("state", "actor"), [("received", RECEPTIONIST), ("processing", SPECIALIST)])
def test_supplement_after_receipt_pauses_the_clock(state, actor):
    received = dossier(state, received_at="2026-07-06T09:00:00+07:00")
    change = request_supplement(received, aquaculture(), actor, vn(2026, 7, 8, 9, 0), [ITEM])
    assert change.attributes["clock_paused_at"] == "2026-07-08T09:00:00+07:00"
    assert change.attributes["state_before_supplement"] == state
    assert change.event.actor_role == next(iter(actor.roles))


@pytest.mark.parametrize(("actor", "error"), [
    (RECEPTIONIST, ValidationFailed),
    (SPECIALIST, ValidationFailed),
    (LEADER, Forbidden),  # no role may ask twice, and a leader may not ask at all
])
def test_a_second_supplement_request_is_refused_for_every_role(actor, error):
    once = dossier("processing", supplement_count=1, received_at="2026-07-06T09:00:00+07:00")
    with pytest.raises(error) as raised:
        request_supplement(once, aquaculture(), actor, vn(2026, 7, 9, 9, 0), [ITEM])
    assert raised.value.status == {ValidationFailed: 422, Forbidden: 403}[error]
    if error is ValidationFailed:
        assert field_paths(raised) == ["items"]
        assert "một lần" in raised.value.message


def test_supplying_resumes_the_clock_with_the_days_left():
    # Received Mon 06/07, 5 working days: appointed Mon 13/07. Paused Wed 08/07 with 3 working
    # days left (Thu 9, Fri 10, Mon 13). Supplied Wed 15/07: Thu 16, Fri 17, Mon 20.
    waiting = dossier(
        "supplement_requested",
        state_before_supplement="processing",
        received_at="2026-07-06T09:00:00+07:00",
        appointed_date="2026-07-13",
        time_limit={"value": 5, "unit": "working_days"},
        clock_paused_at="2026-07-08T09:00:00+07:00",
        supplement_count=1,
    )
    change = supply(waiting, aquaculture(), CITIZEN, vn(2026, 7, 15, 10, 0), CAL)
    assert change.state == State.PROCESSING
    assert change.attributes["appointed_date"] == "2026-07-20"
    assert change.attributes["clock_paused_at"] is None
    assert change.attributes["state_before_supplement"] is None
    assert change.attributes["pauses"] == [
        {"from": "2026-07-08T09:00:00+07:00", "to": "2026-07-15T10:00:00+07:00"}
    ]
    assert change.event.data["appointed_date_vi"] == "20/07/2026"


def test_a_dossier_already_overdue_when_paused_stays_late_after_supply():
    # Appointed Mon 13/07; the supplement was asked on Wed 15/07, two days after it.
    waiting = dossier(
        "supplement_requested", state_before_supplement="processing", received_at="2026-07-06T09:00:00+07:00",
        appointed_date="2026-07-13", time_limit={"value": 5, "unit": "working_days"},
        clock_paused_at="2026-07-15T09:00:00+07:00", supplement_count=1,
    )
    change = supply(waiting, aquaculture(), CITIZEN, vn(2026, 7, 17, 10, 0), CAL)
    assert change.attributes["late"] is True
    on_time = dict(waiting, clock_paused_at="2026-07-08T09:00:00+07:00")
    assert "late" not in supply(on_time, aquaculture(), CITIZEN, vn(2026, 7, 15, 10, 0), CAL).attributes


def test_supplying_a_received_dossier_returns_it_to_received():
    waiting = dossier(
        "supplement_requested", state_before_supplement="received", received_at="2026-07-06T09:00:00+07:00",
        appointed_date="2026-07-13", clock_paused_at="2026-07-06T10:00:00+07:00", supplement_count=1,
    )
    change = supply(waiting, aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert change.state == State.RECEIVED
    assert change.event.to_state == State.RECEIVED


def test_supplying_before_receipt_owes_a_receipt_within_one_working_day():
    # Friday 13/02 at 16:00 counts from Monday 23/02 (after Tết): due Tuesday 24/02.
    waiting = dossier("supplement_requested", state_before_supplement="submitted", supplement_count=1)
    change = supply(waiting, aquaculture(), RECEPTIONIST, vn(2026, 2, 13, 16, 0), CAL)
    assert change.state == State.SUBMITTED
    assert change.attributes["check_due"] == "2026-02-24"


# Apology: appointed Wednesday 15/07/2026.

DUE = dossier("processing", appointed_date="2026-07-15")
REASON = "Chờ ý kiến thẩm định của cơ quan phối hợp."


@pytest.mark.parametrize("today", [
    pytest.param(vn(2026, 7, 10, 9, 0), id="3 working days left (Mon 13, Tue 14, Wed 15)"),
    pytest.param(vn(2026, 7, 11, 9, 0), id="Saturday, still 3 left"),
    pytest.param(vn(2026, 7, 1, 9, 0), id="two weeks ahead"),
])
def test_no_apology_while_more_than_two_working_days_remain(today):
    with pytest.raises(Conflict) as raised:
        apologise(DUE, LEADER, today, CAL, date(2026, 7, 22), REASON)
    assert "15/07/2026" in raised.value.message


@pytest.mark.parametrize("today", [
    pytest.param(vn(2026, 7, 13, 8, 0), id="2 working days left"),
    pytest.param(vn(2026, 7, 14, 8, 0), id="1 left"),
    pytest.param(vn(2026, 7, 15, 16, 0), id="due today"),
    pytest.param(vn(2026, 7, 17, 9, 0), id="overdue"),
])
def test_an_apology_when_due_within_two_working_days_or_overdue(today):
    change = apologise(DUE, RECEPTIONIST, today, CAL, date(2026, 7, 22), REASON)
    assert change.state == State.PROCESSING
    assert change.attributes == {"appointed_date": "2026-07-22", "deadline": "2026-07-22", "late": True,
                                 "apology_count": 1}
    assert change.event.data == {"previous_date": "2026-07-15", "appointed_date": "2026-07-22",
                                 "appointed_date_vi": "22/07/2026", "reason": REASON}
    assert change.event.citizen_visible


def test_the_window_counts_working_days_not_calendar_days():
    # Appointed Thursday 03/09/2026; on Friday 28/08 six calendar days remain but one working day
    # (31/08-02/09 are off).
    before_holiday = dossier("awaiting_payment", appointed_date="2026-09-03", apology_count=1)
    change = apologise(before_holiday, LEADER, vn(2026, 8, 28, 9, 0), CAL, date(2026, 9, 4), REASON)
    assert change.attributes["apology_count"] == 2
    assert change.state == State.AWAITING_PAYMENT


@pytest.mark.parametrize(("new_date", "reason", "fields"), [
    (date(2026, 7, 15), REASON, ["new_date"]),  # the old date itself
    (date(2026, 7, 14), REASON, ["new_date"]),  # earlier
    (date(2026, 7, 18), REASON, ["new_date"]),  # Saturday
    (date(2026, 9, 2), REASON, ["new_date"]),  # Quốc khánh
    (date(2026, 7, 22), " ", ["reason"]),
    (date(2026, 7, 18), "", ["new_date", "reason"]),
])
def test_the_new_date_is_a_later_working_day_and_a_reason_is_given(new_date, reason, fields):
    with pytest.raises(ValidationFailed) as raised:
        apologise(DUE, LEADER, vn(2026, 7, 15, 16, 0), CAL, new_date, reason)
    assert field_paths(raised) == fields


def test_an_overdue_dossier_is_not_given_a_new_date_already_past():
    # Appointed 15/07, apologised on Monday 20/07: Friday 17/07 is after the old date but gone.
    with pytest.raises(ValidationFailed) as raised:
        apologise(DUE, LEADER, vn(2026, 7, 20, 9, 0), CAL, date(2026, 7, 17), REASON)
    assert field_paths(raised) == ["new_date"]
    today = apologise(DUE, LEADER, vn(2026, 7, 20, 9, 0), CAL, date(2026, 7, 20), REASON)
    assert today.attributes["appointed_date"] == "2026-07-20"


def test_apology_roles_and_states():
    with pytest.raises(Forbidden):
        apologise(DUE, SPECIALIST, vn(2026, 7, 15, 16, 0), CAL, date(2026, 7, 22), REASON)
    with pytest.raises(Conflict):
        apologise(dossier("result_ready", appointed_date="2026-07-15"), LEADER, vn(2026, 7, 15, 16, 0), CAL,
                  date(2026, 7, 22), REASON)


def test_events_are_stored_as_plain_json():
    change = receive(dossier(), aquaculture(), RECEPTIONIST, datetime(2026, 7, 8, 2, 0, tzinfo=UTC), CAL)
    item = change.event.to_item()
    assert json.loads(json.dumps(item)) == item
    assert item["at"] == "2026-07-08T09:00:00+07:00"
    assert item["from_state"] == "submitted" and item["to_state"] == "received"
    assert item["actor_id"] == "tn-1" and item["actor_role"] == "receptionist"
