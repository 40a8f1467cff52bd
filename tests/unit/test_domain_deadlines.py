"""Overdue, due soon and late as the desk's lists and the tracking book count them, and the folded
names the search matches."""
from datetime import date

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.deadlines import due_soon_until, is_late, is_overdue
from portal.domain.folding import fold, name_key
from tests.unit.procedures import CALENDAR_2026

TODAY = date(2026, 7, 14)  # a Tuesday


def test_due_soon_reaches_two_working_days_ahead_across_the_weekend():
    calendar = WorkingCalendar(CALENDAR_2026)

    assert due_soon_until(TODAY, calendar) == date(2026, 7, 16)
    assert due_soon_until(date(2026, 7, 17), calendar) == date(2026, 7, 21)  # Friday → Tuesday
    assert due_soon_until(date(2026, 8, 28), calendar) == date(2026, 9, 4)  # over 31/08 and 01–02/09


@pytest.mark.parametrize(("state", "deadline", "overdue"), [
    ("received", "2026-07-13", True),
    ("received", "2026-07-14", False),  # due today is not yet late
    ("submitted", "2026-07-10", True),
    ("supplement_requested", "2026-07-10", False),  # the applicant owes: the clock stands still
    ("result_ready", "2026-07-10", False),
    ("returned", "2026-07-10", False),
    ("processing", None, False),
])
def test_overdue_only_while_the_agency_owes_the_dossier(state, deadline, overdue):
    assert is_overdue({"state": state, "deadline": deadline}, TODAY) is overdue


@pytest.mark.parametrize(("dossier", "late"), [
    ({"state": "processing", "appointed_date": "2026-07-13"}, True),
    ({"state": "processing", "appointed_date": "2026-07-14"}, False),
    ({"state": "processing", "appointed_date": "2026-07-20", "late": True}, True),  # apologised
    ({"state": "result_ready", "appointed_date": "2026-07-10", "decided_at": "2026-07-10T16:00:00+07:00"}, False),
    ({"state": "returned", "appointed_date": "2026-07-10", "decided_at": "2026-07-13T08:00:00+07:00",
      "closed_at": "2026-07-14T09:00:00+07:00"}, True),
    ({"state": "withdrawn", "appointed_date": "2026-07-20", "closed_at": "2026-07-01T09:00:00+07:00"}, False),
    ({"state": "submitted", "deadline": "2026-07-10"}, True),  # the completeness check is late
])
def test_late_when_the_result_came_or_will_come_after_the_appointed_date(dossier, late):
    assert is_late(dossier, TODAY) is late


def test_names_fold_to_what_a_keyboard_without_accents_types():
    assert fold("Đặng Văn Hùng") == "dang van hung"
    assert name_key("  Trần   Thị\tBích ") == "tran thi bich"
    assert name_key("NGUYỄN ĐỨC") == "nguyen duc"
