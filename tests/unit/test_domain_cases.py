"""Time limits and fees that differ by case (a reissue is quicker than a new certificate): the
one function that picks them, and the appointed date a receipt promises with it."""
from datetime import datetime

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.catalogue import channel_terms
from portal.domain.clock import VN_TZ
from portal.domain.errors import ValidationFailed
from portal.domain.lifecycle import intake, receive
from portal.domain.states import Actor
from tests.unit.procedures import CALENDAR_2026, answers, reissue_quicker

CAL = WorkingCalendar(CALENDAR_2026)
RECEPTIONIST = Actor("officer", "tn-1", frozenset({"receptionist"}), "000.00.15.H55")
NEW, REISSUE = answers(loai_giay="cap-moi"), answers(loai_giay="cap-lai")


def vn(*args):
    return datetime(*args, tzinfo=VN_TZ)


def submitted(answers_, channel="online"):
    return {"state": "submitted", "version": 1, "channel": channel, "procedure_id": "nuoi-trong-long-be",
            "supplement_count": 0, "answers": answers_}


def unconfirm(procedure, *paths):
    procedure["unconfirmed"] = [{"path": p, "note": "Chưa đối chiếu văn bản gốc."} for p in paths]
    return procedure


def test_a_reissue_gets_the_case_time_limit_and_fee():
    terms = channel_terms(reissue_quicker(), "online", REISSUE)
    assert terms.time_limit["value"] == 3 and terms.fee["amount"] == 20000
    assert terms.time_limit_path == "channels.online.cases.0.time_limit"
    assert terms.fee_path == "channels.online.cases.0.fee"
    assert terms.case == {"field": "loai_giay", "equals": "cap-lai"}


@pytest.mark.parametrize("given", [NEW, {}, None, answers(loai_giay="CAP-LAI")])
def test_any_other_answer_gets_the_channel_default(given):
    terms = channel_terms(reissue_quicker(), "online", given)
    assert terms.time_limit["value"] == 5 and terms.fee["amount"] == 40000
    assert (terms.time_limit_path, terms.fee_path) == ("channels.online.time_limit", "channels.online.fee")
    assert terms.case is None


def test_a_case_overriding_only_the_fee_keeps_the_default_time_limit():
    procedure = reissue_quicker()
    del procedure["channels"]["online"]["cases"][0]["time_limit"]
    terms = channel_terms(procedure, "online", REISSUE)
    assert terms.time_limit["value"] == 5 and terms.time_limit_path == "channels.online.time_limit"
    assert terms.fee["amount"] == 20000


def test_a_compiled_case_with_a_null_time_limit_keeps_the_default_too():
    procedure = reissue_quicker()
    procedure["channels"]["online"]["cases"][0]["time_limit"] = None
    assert channel_terms(procedure, "online", REISSUE).time_limit["value"] == 5


def test_a_channel_without_cases_and_a_missing_channel():
    plain = reissue_quicker()
    del plain["channels"]["online"]["cases"]
    assert channel_terms(plain, "online", REISSUE).time_limit["value"] == 5
    assert channel_terms(plain, "post", REISSUE).time_limit == {}


def test_receiving_a_reissue_before_tet_appoints_three_working_days_later():
    # Friday 13/02/2026: Tết runs to Sunday 22/02; Mon 23 (1), Tue 24 (2), Wed 25 (3).
    reissue = receive(submitted(REISSUE), reissue_quicker(), RECEPTIONIST, vn(2026, 2, 13, 10, 0), CAL)
    assert reissue.attributes["appointed_date"] == "2026-02-25"
    assert reissue.attributes["time_limit"] == {"value": 3, "unit": "working_days"}
    assert reissue.event.data["appointed_date_vi"] == "25/02/2026"
    # The same day, a new certificate: ... Thu 26 (4), Fri 27 (5).
    new = receive(submitted(NEW), reissue_quicker(), RECEPTIONIST, vn(2026, 2, 13, 10, 0), CAL)
    assert new.attributes["appointed_date"] == "2026-02-27"


def test_a_reissue_received_after_the_cutoff_counts_from_the_next_working_day():
    # Wednesday 08/07/2026 at 14:59: Thu 09, Fri 10, Mon 13. At 15:30 it counts from Thu 09:
    # Fri 10, Mon 13, Tue 14.
    early = receive(submitted(REISSUE), reissue_quicker(), RECEPTIONIST, vn(2026, 7, 8, 14, 59), CAL)
    late = receive(submitted(REISSUE), reissue_quicker(), RECEPTIONIST, vn(2026, 7, 8, 15, 30), CAL)
    assert early.attributes["appointed_date"] == "2026-07-13"
    assert late.attributes["appointed_date"] == "2026-07-14"


def test_a_counter_reissue_over_the_2026_new_year_swap():
    # Thursday 08/01/2026: Fri 09 (1), Saturday 10 is worked in exchange for 02/01 (2), Mon 12 (3).
    change = intake(reissue_quicker(), "counter", RECEPTIONIST, vn(2026, 1, 8, 9, 0), CAL, answers=REISSUE)
    assert change.attributes["appointed_date"] == "2026-01-12"
    without_answers = intake(reissue_quicker(), "counter", RECEPTIONIST, vn(2026, 1, 8, 9, 0), CAL)
    assert without_answers.attributes["appointed_date"] == "2026-01-14"  # the default 5: ... Tue 13, Wed 14


@pytest.mark.parametrize("path", [
    "channels.online.cases.0.time_limit",
    "channels.online.cases.0.time_limit.value",
    "channels.online.cases.0",
    "channels.online.cases.0.when",
])
def test_an_unconfirmed_case_time_limit_asks_the_officer_for_it_on_a_reissue_only(path):
    procedure = unconfirm(reissue_quicker(), path)
    with pytest.raises(ValidationFailed) as raised:
        receive(submitted(REISSUE), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert "chưa được xác nhận" in raised.value.fields[0].message and raised.value.fields[0].path == "time_limit"
    assert receive(submitted(NEW), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL).attributes["appointed_date"]


def test_an_unconfirmed_default_is_asked_for_on_a_new_certificate_not_on_a_confirmed_reissue():
    procedure = unconfirm(reissue_quicker(), "channels.online.time_limit")
    with pytest.raises(ValidationFailed):
        receive(submitted(NEW), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    change = receive(submitted(REISSUE), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert change.attributes["appointed_date"] == "2026-07-13"


def test_an_unconfirmed_case_fee_does_not_block_receipt():
    procedure = unconfirm(reissue_quicker(), "channels.online.cases.0.fee")
    change = receive(submitted(REISSUE), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
    assert change.attributes["appointed_date"] == "2026-07-13"


def test_a_reissue_whose_case_keeps_an_unconfirmed_default_time_limit_needs_it_entered():
    procedure = unconfirm(reissue_quicker(), "channels.online.time_limit")
    del procedure["channels"]["online"]["cases"][0]["time_limit"]  # the case only changes the fee
    with pytest.raises(ValidationFailed):
        receive(submitted(REISSUE), procedure, RECEPTIONIST, vn(2026, 7, 8, 9, 0), CAL)
