"""The dossier state machine (docs/domain.md, "Lifecycle") and the rules of the actions that carry data."""
import json
from datetime import UTC, date, datetime

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.clock import VN_TZ
from portal.domain.errors import Conflict, Forbidden, ValidationFailed
from portal.domain.lifecycle import (
    apologise,
    apply_action,
    intake,
    receive,
    refuse,
    request_supplement,
    submit,
    supply,
)
from portal.domain.states import NATIONAL_STATUS_CODES, Actor, State
from portal.domain.transitions import allowed_actions, transition
from portal.domain.vocabulary import STATUS_LABELS
from tests.unit.procedures import CALENDAR_2026, aquaculture, catch_certificate

CITIZEN = Actor("citizen", "citizen-1")
SYSTEM = Actor("system", "payment-callback")
RECEPTIONIST = Actor("officer", "tn-1", frozenset({"receptionist"}), "000.00.15.H55")
SPECIALIST = Actor("officer", "cv-1", frozenset({"specialist"}), "000.00.15.H55")
LEADER = Actor("officer", "ld-1", frozenset({"leader"}), "000.00.15.H55")
ADMIN = Actor("officer", "qt-1", frozenset({"admin"}), "000.00.15.H55")
EVERYONE = [CITIZEN, SYSTEM, RECEPTIONIST, SPECIALIST, LEADER, ADMIN]

OPEN = ["submitted", "received", "processing", "supplement_requested", "awaiting_payment"]
ALL_STATES = [None] + [s.value for s in State]
SAME = "same"
PREVIOUS = "previous"

# docs/domain.md "Lifecycle", written out independently of the code's table: action, from, to, who.
TABLE = [
    ("save_draft", [None, "draft"], "draft", [CITIZEN]),
    ("submit", [None, "draft"], "submitted", [CITIZEN]),
    ("intake", [None], "received", [RECEPTIONIST]),
    ("receive", ["submitted"], "received", [RECEPTIONIST]),
    ("refuse", ["submitted"], "refused", [RECEPTIONIST]),
    ("request_supplement", ["submitted", "processing"], "supplement_requested", [RECEPTIONIST, SPECIALIST]),
    ("supply", ["supplement_requested"], PREVIOUS, [CITIZEN, RECEPTIONIST]),
    ("forward", ["received"], "processing", [RECEPTIONIST]),
    ("request_fee", ["processing"], "awaiting_payment", [SPECIALIST]),
    ("paid", ["awaiting_payment"], "processing", [SYSTEM, RECEPTIONIST]),
    ("decide", ["processing"], "result_ready", [LEADER]),
    ("stop", ["processing"], "stopped", [LEADER]),
    ("apologise", ["received", "processing"], SAME, [RECEPTIONIST, LEADER]),
    ("return", ["result_ready"], "returned", [RECEPTIONIST]),
    ("withdraw", OPEN, "withdrawn", [CITIZEN]),
]

ALLOWED = [(a, s, who, to) for a, sources, to, actors in TABLE for s in sources for who in actors]
WRONG_ROLE = [
    (a, sources[0], who) for a, sources, _, actors in TABLE for who in EVERYONE if who not in actors
]
WRONG_STATE = [
    (a, s, actors[0]) for a, sources, _, actors in TABLE for s in ALL_STATES if s not in sources
]


def _id(value):
    return value.id if isinstance(value, Actor) else str(value)


@pytest.mark.parametrize(("action", "state", "actor", "target"), ALLOWED, ids=_id)
def test_each_row_is_allowed_for_its_roles(action, state, actor, target):
    row = transition(state, action, actor)
    current = State(state) if state else None
    result = row.next_state(current, previous=State.PROCESSING)
    expected = {SAME: current, PREVIOUS: State.PROCESSING}.get(target, target)
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


def test_the_desk_sees_its_buttons_for_a_new_online_dossier():
    assert allowed_actions("submitted", RECEPTIONIST) == ["receive", "refuse", "request_supplement"]
    assert allowed_actions("submitted", CITIZEN) == ["withdraw"]
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


def vn(*args):
    return datetime(*args, tzinfo=VN_TZ)


def dossier(state="submitted", **changes):
    values = {
        "state": state,
        "version": 3,
        "channel": "online",
        "procedure_id": "nuoi-trong-long-be",
        "supplement_count": 0,
    }
    values.update(changes)
    return values


def test_submit_sets_the_completeness_check_two_working_days_later():
    # Friday 13/02/2026 before Tết: Mon 23 (1), Tue 24 (2).
    change = submit(aquaculture(), "online", CITIZEN, vn(2026, 2, 13, 11, 0), CAL)
    assert change.state == State.SUBMITTED
    assert change.attributes["submitted_at"] == "2026-02-13T11:00:00+07:00"
    assert change.attributes["check_due"] == "2026-02-24"
    assert change.attributes["deadline"] == "2026-02-24"
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
    assert change.event.data["appointed_date_vi"] == "15/07/2026"
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


def test_receive_needs_a_confirmed_time_limit():
    with pytest.raises(Conflict) as raised:
        receive(dossier(channel="counter"), catch_certificate(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert "chưa được xác nhận" in raised.value.message


def test_receive_is_for_the_desk_only():
    with pytest.raises(Forbidden):
        receive(dossier(), aquaculture(), SPECIALIST, vn(2026, 7, 8, 9, 0), CAL)
    with pytest.raises(Conflict):
        receive(dossier("processing"), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)


def test_refusal_cites_declared_grounds():
    change = refuse(
        dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0),
        ["ngoai-vung-quy-hoach"], "Vị trí lồng nằm trong luồng tàu.",
    )
    assert change.state == State.REFUSED
    assert change.attributes["refusal_grounds"] == [
        {"code": "ngoai-vung-quy-hoach", "text": "Địa điểm nuôi nằm ngoài vùng quy hoạch."}
    ]


@pytest.mark.parametrize("grounds", [[], ["thieu-giay-to-khac"], ["ho-so-khong-dung-mau", "tu-y"]])
def test_refusal_on_undeclared_grounds_is_rejected(grounds):
    with pytest.raises(ValidationFailed) as raised:
        refuse(dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), grounds, "")
    assert [f.path for f in raised.value.fields] == ["grounds"]


def test_supplement_asks_only_for_listed_documents():
    change = request_supplement(
        dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), ["giay-uy-quyen"], "Thiếu ủy quyền."
    )
    assert change.state == State.SUPPLEMENT_REQUESTED
    assert change.attributes["supplement_count"] == 1
    assert change.attributes["supplement_items"] == [{"slot": "giay-uy-quyen", "name": "Giấy ủy quyền"}]
    # Not received yet: no clock to pause.
    assert "clock_paused_at" not in change.attributes

    with pytest.raises(ValidationFailed) as raised:
        request_supplement(
            dossier(), aquaculture(), RECEPTIONIST, vn(2026, 7, 8, 9, 0), ["so-ho-khau"], ""
        )
    assert raised.value.fields[0].path == "slots"


def test_supplement_during_processing_pauses_the_clock():
    received = dossier("processing", received_at="2026-07-06T09:00:00+07:00")
    change = request_supplement(
        received, aquaculture(), SPECIALIST, vn(2026, 7, 8, 9, 0), ["don-de-nghi"], ""
    )
    assert change.attributes["clock_paused_at"] == "2026-07-08T09:00:00+07:00"
    assert change.attributes["state_before_supplement"] == "processing"


def test_a_second_supplement_needs_a_leader():
    once = dossier("processing", supplement_count=1, received_at="2026-07-06T09:00:00+07:00")
    with pytest.raises(Forbidden):
        request_supplement(once, aquaculture(), SPECIALIST, vn(2026, 7, 9, 9, 0), ["don-de-nghi"], "")
    change = request_supplement(once, aquaculture(), LEADER, vn(2026, 7, 9, 9, 0), ["don-de-nghi"], "")
    assert change.attributes["supplement_count"] == 2
    assert change.event.actor_role == "leader"


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
    assert change.attributes["pauses"] == [
        {"from": "2026-07-08T09:00:00+07:00", "to": "2026-07-15T10:00:00+07:00"}
    ]


def test_supplying_before_receipt_owes_a_receipt_within_one_working_day():
    # Friday 13/02 at 16:00 counts from Monday 23/02 (after Tết): due Tuesday 24/02.
    waiting = dossier("supplement_requested", state_before_supplement="submitted", supplement_count=1)
    change = supply(waiting, aquaculture(), RECEPTIONIST, vn(2026, 2, 13, 16, 0), CAL)
    assert change.state == State.SUBMITTED
    assert change.attributes["check_due"] == "2026-02-24"


def test_rule_actions_cannot_bypass_their_rules():
    with pytest.raises(ValueError):
        apply_action(dossier("supplement_requested"), "supply", CITIZEN, vn(2026, 7, 10, 9, 0))


def test_simple_actions_move_the_dossier():
    change = apply_action(dossier("received"), "forward", RECEPTIONIST, vn(2026, 7, 9, 9, 0))
    assert change.state == State.PROCESSING
    assert change.event.from_state == State.RECEIVED


def test_counter_intake_starts_the_clock_at_once():
    # Saturday 11/07 counts from Monday 13/07: Tue 14 ... Mon 20.
    change = intake(aquaculture(), "counter", RECEPTIONIST, vn(2026, 7, 11, 9, 0), CAL)
    assert change.state == State.RECEIVED
    assert change.attributes["channel"] == "counter"
    assert change.attributes["appointed_date"] == "2026-07-20"
    with pytest.raises(Forbidden):
        intake(aquaculture(), "counter", CITIZEN, vn(2026, 7, 11, 9, 0), CAL)
    with pytest.raises(Conflict):
        intake(aquaculture(), "online", RECEPTIONIST, vn(2026, 7, 11, 9, 0), CAL)


def test_apology_moves_the_date_and_marks_the_dossier_late():
    late = dossier("processing", appointed_date="2026-07-15")
    change = apologise(late, LEADER, vn(2026, 7, 15, 16, 0), CAL, date(2026, 7, 22), "Chờ ý kiến thẩm định.")
    assert change.state == State.PROCESSING
    assert change.attributes["appointed_date"] == "2026-07-22"
    assert change.attributes["late"] is True
    with pytest.raises(ValidationFailed) as raised:
        apologise(late, LEADER, vn(2026, 7, 15, 16, 0), CAL, date(2026, 7, 18), "Thứ Bảy")
    assert [f.path for f in raised.value.fields] == ["new_date"]
    with pytest.raises(ValidationFailed):
        apologise(late, LEADER, vn(2026, 7, 15, 16, 0), CAL, date(2026, 7, 14), "Sớm hơn")
    with pytest.raises(Forbidden):
        apologise(late, SPECIALIST, vn(2026, 7, 15, 16, 0), CAL, date(2026, 7, 22), "Chuyên viên")


def test_events_are_stored_as_plain_json():
    change = receive(dossier(), aquaculture(), RECEPTIONIST, datetime(2026, 7, 8, 2, 0, tzinfo=UTC), CAL)
    item = change.event.to_item()
    assert json.loads(json.dumps(item)) == item
    assert item["at"] == "2026-07-08T09:00:00+07:00"
    assert item["from_state"] == "submitted" and item["to_state"] == "received"
    assert item["actor_id"] == "tn-1" and item["actor_role"] == "receptionist"
