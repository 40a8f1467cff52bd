"""Appointed dates as the desk promises them. Every expected date was counted by hand on a
printed 2026 calendar (days off: weekends; 01/01; 02/01 by the 2026 swap, worked back on Saturday
10/01; Tết 16–20/02 between two weekends; 27/04 for Hùng Kings day falling on Sunday 26/04;
30/04 and 01/05; 31/08 swapped with Saturday 22/08; 01–02/09). 2026 has a calendar file, so it
alone decides; 2027 has none, so the `holidays` package stands in and the date is provisional."""
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.clock import VN_TZ
from tests.unit.procedures import CALENDAR_2026

CUTOFF = time(15, 0)


def vn(year, month, day, hour=10, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar(CALENDAR_2026)


@pytest.fixture(scope="module")
def plain():
    return WorkingCalendar()


def test_received_before_the_cutoff_counts_from_that_day(cal):
    # Wednesday 08/07/2026 14:59: 5 working days = Thu 9, Fri 10, Mon 13, Tue 14, Wed 15.
    assert cal.due_date(vn(2026, 7, 8, 14, 59, 59), 5, "working_days", CUTOFF) == date(2026, 7, 15)


def test_received_at_the_cutoff_counts_from_the_next_working_day(cal):
    # 15:00 sharp counts as Thursday 09/07: Fri 10, Mon 13, Tue 14, Wed 15, Thu 16.
    assert cal.due_date(vn(2026, 7, 8, 15, 0), 5, "working_days", CUTOFF) == date(2026, 7, 16)


def test_without_a_cutoff_a_late_receipt_still_counts_that_day(cal):
    assert cal.due_date(vn(2026, 7, 8, 16, 30), 5, "working_days", None) == date(2026, 7, 15)


@pytest.mark.parametrize("day", [date(2026, 7, 11), date(2026, 7, 12)], ids=["saturday", "sunday"])
def test_received_at_the_weekend_counts_from_monday(cal, day):
    at = datetime.combine(day, time(9, 0), tzinfo=VN_TZ)
    assert cal.effective_receipt_day(at, CUTOFF) == date(2026, 7, 13)
    # Mon 13 is the receipt day; Tue 14, Wed 15, Thu 16, Fri 17, Mon 20.
    assert cal.due_date(at, 5, "working_days", CUTOFF) == date(2026, 7, 20)


def test_utc_input_is_read_in_vietnam_time(cal):
    # 08:30Z is 15:30 in Vietnam: after the cut-off.
    late = datetime(2026, 7, 8, 8, 30, tzinfo=UTC)
    assert cal.effective_receipt_day(late, CUTOFF) == date(2026, 7, 9)
    assert cal.due_date(late, 5, "working_days", CUTOFF) == date(2026, 7, 16)
    # 07:59Z is 14:59 in Vietnam: before it.
    early = datetime(2026, 7, 8, 7, 59, tzinfo=UTC)
    assert cal.due_date(early, 5, "working_days", CUTOFF) == date(2026, 7, 15)


def test_utc_evening_is_already_the_next_day_in_vietnam(cal):
    # Friday 10/07 17:30Z is Saturday 11/07 00:30 in Vietnam: a day off, so Monday 13/07.
    at = datetime(2026, 7, 10, 17, 30, tzinfo=UTC)
    assert cal.effective_receipt_day(at, CUTOFF) == date(2026, 7, 13)


def test_naive_datetimes_are_refused(cal):
    with pytest.raises(ValueError):
        cal.due_date(datetime(2026, 7, 8, 10, 0), 5, "working_days", CUTOFF)  # noqa: DTZ001 - naive on purpose


def test_tet_2026_is_skipped(cal):
    # Friday 13/02: then 14–22/02 off; Mon 23, Tue 24, Wed 25, Thu 26, Fri 27.
    assert cal.due_date(vn(2026, 2, 13, 10), 5, "working_days", CUTOFF) == date(2026, 2, 27)
    # After the cut-off on 13/02 the dossier counts from Monday 23/02: ... Mon 02/03.
    assert cal.due_date(vn(2026, 2, 13, 15, 30), 5, "working_days", CUTOFF) == date(2026, 3, 2)
    # Received during Tết (Tuesday 17/02): counts from Monday 23/02 as well.
    assert cal.effective_receipt_day(vn(2026, 2, 17, 9), CUTOFF) == date(2026, 2, 23)


def test_tet_days_are_named(cal):
    assert cal.day_off_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert cal.day_off_name(date(2026, 2, 14)) == "Thứ Bảy"
    assert cal.day_off_name(date(2026, 2, 23)) is None


def test_hung_kings_and_30_4_1_5_are_skipped(cal):
    # Friday 24/04: 25–27 off (weekend, Hùng Kings day observed on Monday), Tue 28 (1),
    # Wed 29 (2), 30/04–03/05 off, Mon 04/05 (3), Tue 05 (4), Wed 06 (5).
    assert cal.due_date(vn(2026, 4, 24, 9), 5, "working_days", CUTOFF) == date(2026, 5, 6)
    assert not cal.is_working_day(date(2026, 4, 27))
    assert cal.is_working_day(date(2026, 4, 28))


def test_national_day_2026_and_its_swapped_saturday(cal):
    # Thursday 27/08: Fri 28 (1), weekend, 31/08 (swapped off), 01–02/09 off, Thu 03 (2), Fri 04 (3).
    assert cal.due_date(vn(2026, 8, 27, 9), 3, "working_days", CUTOFF) == date(2026, 9, 4)
    # Saturday 22/08 is worked in exchange for Monday 31/08 (known to the holidays package).
    assert cal.is_working_day(date(2026, 8, 22))
    # So a Friday-evening dossier counts from that Saturday: Mon 24 (1), Tue 25 (2).
    assert cal.effective_receipt_day(vn(2026, 8, 21, 16), CUTOFF) == date(2026, 8, 22)
    assert cal.due_date(vn(2026, 8, 21, 16), 2, "working_days", CUTOFF) == date(2026, 8, 25)


def test_new_year_2026_swap_comes_from_the_calendar_file(cal, plain):
    # With the announced swap, Friday 02/01 is off and Saturday 10/01 is worked.
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.day_off_name(date(2026, 1, 2)) == "Nghỉ Tết Dương lịch (hoán đổi)"
    assert cal.is_working_day(date(2026, 1, 10))
    # Wednesday 31/12/2025, 2 working days: 01/01 and 02/01 off, weekend, Mon 05 (1), Tue 06 (2).
    assert cal.due_date(vn(2025, 12, 31, 9), 2, "working_days", CUTOFF) == date(2026, 1, 6)
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    # The holidays package alone does not know the swap: Fri 02 (1), Mon 05 (2).
    assert plain.due_date(vn(2025, 12, 31, 9), 2, "working_days", CUTOFF) == date(2026, 1, 5)
    assert plain.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)


def test_a_day_off_the_package_adds_but_no_file_confirms_is_a_working_day(cal, plain):
    # holidays 0.109 makes Tuesday 24/11/2026 "Ngày Văn hóa Việt Nam"; no announcement for 2026
    # is listed in the file, so the desk counts it as a working day.
    assert plain.day_off_name(date(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert cal.is_working_day(date(2026, 11, 24))
    # Friday 20/11, 3 working days: Mon 23 (1), Tue 24 (2), Wed 25 (3).
    assert cal.due_date(vn(2026, 11, 20, 9), 3, "working_days", CUTOFF) == date(2026, 11, 25)
    assert plain.due_date(vn(2026, 11, 20, 9), 3, "working_days", CUTOFF) == date(2026, 11, 26)


def test_a_year_with_a_file_ignores_what_the_package_knows_and_the_file_does_not_list():
    # A file that (wrongly) lists nothing: weekends alone decide, even Tết and the 22/08 swap.
    bare = WorkingCalendar({"years": [2026], "days_off": [], "working_days": []})
    assert bare.is_working_day(date(2026, 2, 17))
    assert not bare.is_working_day(date(2026, 8, 22))
    assert bare.day_off_name(date(2026, 8, 22)) == "Thứ Bảy"


def test_a_year_without_a_file_falls_back_on_the_package_and_is_provisional(cal):
    assert not cal.is_provisional(date(2026, 12, 31))
    assert cal.is_provisional(date(2027, 1, 1))
    # 2027 is decided by the package: 01/01/2027 (Friday) is Tết Dương lịch.
    assert cal.day_off_name(date(2027, 1, 1)) == "Tết Dương lịch"
    # Wednesday 30/12/2026, 2 working days: Thu 31 (1), 01/01 off, weekend, Mon 04/01/2027 (2).
    due = cal.due_date(vn(2026, 12, 30, 9), 2, "working_days", CUTOFF)
    assert due == date(2027, 1, 4)
    assert cal.is_provisional_between(date(2026, 12, 30), due)
    assert not cal.is_provisional_between(date(2026, 7, 8), date(2026, 7, 15))


def test_the_source_of_a_date_says_which_files_decided_it(cal):
    assert cal.source_between(date(2026, 7, 8), date(2026, 7, 15)) == "content/calendar/2026.yaml"
    across = cal.source_between(date(2026, 12, 30), date(2027, 1, 4))
    assert across.startswith("content/calendar/2026.yaml + holidays ")
    assert across.endswith("(VN) (tạm tính cho năm 2027)")


def test_the_holidays_package_is_imported_only_for_a_year_without_a_file():
    # Importing it costs a quarter of a second of Lambda cold start; a 2026 date needs none of it.
    functions = Path(__file__).resolve().parents[2] / "functions"
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from portal.domain.calendar import WorkingCalendar\n"
        "from tests.unit.procedures import CALENDAR_2026\n"
        "cal = WorkingCalendar(CALENDAR_2026)\n"
        "cal.add_working_days(date(2026, 2, 13), 5)\n"
        "print('holidays' in sys.modules)\n"
        "cal.is_working_day(date(2027, 2, 8))\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        cwd=functions.parent, env={"PYTHONPATH": f"{functions}:{functions.parent}", "PATH": ""},
    ).stdout.split()
    assert out == ["False", "True"]


def test_calendar_days_ending_on_a_working_day(cal):
    # Monday 06/07 + 10 calendar days = Thursday 16/07.
    assert cal.due_date(vn(2026, 7, 6), 10, "calendar_days") == date(2026, 7, 16)


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day(cal):
    # Wednesday 01/07 + 60 days = Sunday 30/08; 31/08, 01/09, 02/09 off: Thursday 03/09.
    assert cal.due_date(vn(2026, 7, 1), 60, "calendar_days") == date(2026, 9, 3)


def test_next_working_day_is_strictly_after(cal):
    assert cal.next_working_day(date(2026, 7, 8)) == date(2026, 7, 9)
    assert cal.next_working_day(date(2026, 7, 10)) == date(2026, 7, 13)
