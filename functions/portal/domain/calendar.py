"""Working days in Vietnam and the appointed-date rule (DOMAIN.md "Working days").

Two sources, in order of precedence:
1. the catalogue's `calendar` overrides (content/calendar): days off and working days the
   government announced that the `holidays` package does not know yet (e.g. the 2026 New Year swap);
2. `holidays` (country VN): public holidays, their substitute days and the swapped working
   Saturdays it knows (`weekend_workdays`).
Saturdays and Sundays are off unless one of the two makes them a working day.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays

from portal.domain.clock import to_vn

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"

_WEEKEND_NAMES = {5: "Thứ Bảy", 6: "Chủ nhật"}


class WorkingCalendar:
    def __init__(self, overrides: dict | None = None):
        overrides = overrides or {}
        self._override_source = overrides.get("source") or "content/calendar"
        self._has_overrides = bool(overrides)
        self._days_off = {
            date.fromisoformat(entry["date"]): entry.get("name") or "Ngày nghỉ"
            for entry in overrides.get("days_off") or []
        }
        self._working_days = {
            date.fromisoformat(entry["date"]): entry.get("name") or "Ngày làm việc bù"
            for entry in overrides.get("working_days") or []
        }
        self._holidays_by_year: dict[int, holidays.HolidayBase] = {}

    @property
    def source(self) -> str:
        """Which calendar produced a date, recorded beside every due date."""
        base = f"holidays {holidays.__version__} (VN)"
        if not self._has_overrides:
            return base
        return (
            f"{base} + {self._override_source} "
            f"({len(self._days_off)} ngày nghỉ, {len(self._working_days)} ngày làm bù)"
        )

    def _holidays(self, year: int) -> holidays.HolidayBase:
        # Built lazily, one year at a time: most requests only ever touch one or two years.
        if year not in self._holidays_by_year:
            self._holidays_by_year[year] = holidays.country_holidays(
                "VN", years=year, language="vi"
            )
        return self._holidays_by_year[year]

    def _is_swapped_working_weekend(self, day: date) -> bool:
        # A swap can cross a year end (work on Saturday 27/12/2014 for Friday 02/01/2015), and
        # `holidays` files it under the year of the day off: look at the neighbouring years too.
        return any(
            day in self._holidays(year).weekend_workdays
            for year in (day.year - 1, day.year, day.year + 1)
        )

    def day_off_name(self, day: date) -> str | None:
        """Why `day` is not a working day (Vietnamese), or None if it is one."""
        if day in self._working_days:
            return None
        if day in self._days_off:
            return self._days_off[day]
        holiday_name = self._holidays(day.year).get(day)
        if day.weekday() in _WEEKEND_NAMES:
            if self._is_swapped_working_weekend(day):
                return None
            return holiday_name or _WEEKEND_NAMES[day.weekday()]
        return holiday_name

    def is_working_day(self, day: date) -> bool:
        return self.day_off_name(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day strictly after `day` (n = 0 gives `day` itself)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        remaining = n
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def count_working_days(self, after: date, until: date) -> int:
        """Working days d with after < d <= until (0 if until is not after `after`): what is
        left of a time limit when the clock stops on `after`."""
        count, current = 0, after
        while current < until:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count

    def effective_receipt_day(self, at: datetime, cutoff: time | None = None) -> date:
        """The day a receipt at `at` counts from: that Vietnam day, or the next working day if
        it came on a day off or at/after the procedure's cut-off hour."""
        local = to_vn(at)
        day = local.date()
        if not self.is_working_day(day):
            return self.next_working_day(day)
        if cutoff is not None and local.time().replace(tzinfo=None) >= cutoff:
            return self.next_working_day(day)
        return day

    def due_date(
        self,
        at: datetime,
        days: int,
        unit: str = WORKING_DAYS,
        cutoff: time | None = None,
    ) -> date:
        """The appointed date: N working days after the effective receipt day (the receipt day
        itself does not count). For a limit in calendar days, the N-th calendar day after it,
        moved to the next working day if that is a day off."""
        start = self.effective_receipt_day(at, cutoff)
        if unit == WORKING_DAYS:
            return self.add_working_days(start, days)
        if unit == CALENDAR_DAYS:
            if days < 0:
                raise ValueError("days must not be negative")
            end = start + timedelta(days=days)
            return end if self.is_working_day(end) else self.next_working_day(end)
        raise ValueError(f"unknown time-limit unit: {unit}")
