"""Working days in Vietnam and the appointed-date rule (docs/domain.md, "Counting working days").

Which days are off is decided year by year:
1. a year with a calendar file (content/calendar/<year>.yaml, compiled into the catalogue's
   `calendar`) is decided by that file alone, plus weekends: every day off and every swapped
   working day the government announced is listed there with the document that announced it.
   A day the `holidays` package knows but no file confirms is NOT applied;
2. a year without a file falls back on `holidays` (country VN: public holidays, their substitute
   days and the swapped working Saturdays it knows). Such a date is provisional: the announced
   schedule may differ, so whoever records a due date also records `is_provisional(...)`.
Saturdays and Sundays are off unless the deciding source makes them a working day.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from portal.domain.clock import to_vn

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
CALENDAR_FILES = "content/calendar"

_WEEKEND_NAMES = {5: "Thứ Bảy", 6: "Chủ nhật"}


def _by_date(entries: list[dict] | None, default_name: str) -> dict[date, str]:
    return {date.fromisoformat(e["date"]): e.get("name") or default_name for e in entries or []}


class WorkingCalendar:
    """`calendar` is the compiled catalogue's `calendar`: `years` (those with a file) and the
    `days_off` / `working_days` they list. Without `years`, the years of the listed days are the
    declared ones."""

    def __init__(self, calendar: dict | None = None):
        calendar = calendar or {}
        self._days_off = _by_date(calendar.get("days_off"), "Ngày nghỉ")
        self._working_days = _by_date(calendar.get("working_days"), "Ngày làm việc bù")
        listed = {day.year for day in (*self._days_off, *self._working_days)}
        self.years: frozenset[int] = frozenset(int(y) for y in calendar.get("years", listed))
        self._holidays_by_year: dict[int, Any] = {}

    # --- where a day's answer comes from --------------------------------------------------

    def is_provisional(self, day: date) -> bool:
        """True when `day` lies in a year no calendar file decides (the `holidays` fallback)."""
        return day.year not in self.years

    def is_provisional_between(self, first: date, last: date) -> bool:
        """True when any day from `first` to `last` (inclusive) is provisional: a due date
        counted across such a year may move once that year's schedule is announced."""
        low, high = sorted((first, last))
        return any(year not in self.years for year in range(low.year, high.year + 1))

    def source_between(self, first: date, last: date) -> str:
        """What decided the days from `first` to `last`, recorded beside a due date."""
        low, high = sorted((first, last))
        years = range(low.year, high.year + 1)
        parts = [f"{CALENDAR_FILES}/{year}.yaml" for year in years if year in self.years]
        missing = [str(year) for year in years if year not in self.years]
        if missing:
            parts.append(f"{self._package_name()} (tạm tính cho năm {', '.join(missing)})")
        return " + ".join(parts)

    # --- the fallback -----------------------------------------------------------------------

    @staticmethod
    def _package_name() -> str:
        import holidays  # lazily: importing it costs a quarter of a second of cold start

        return f"holidays {holidays.__version__} (VN)"

    def _holidays(self, year: int):
        # Built lazily, one year at a time, and only for years no file decides.
        if year not in self._holidays_by_year:
            import holidays  # lazily: see _package_name

            self._holidays_by_year[year] = holidays.country_holidays("VN", years=year, language="vi")
        return self._holidays_by_year[year]

    def _package_day_off_name(self, day: date) -> str | None:
        holiday_name = self._holidays(day.year).get(day)
        if day.weekday() in _WEEKEND_NAMES:
            # A swap can cross a year end (work on Saturday 27/12/2014 for Friday 02/01/2015),
            # and `holidays` files it under the year of the day off: look at the neighbours too.
            swapped = any(
                day in self._holidays(year).weekend_workdays
                for year in (day.year - 1, day.year, day.year + 1)
            )
            return None if swapped else holiday_name or _WEEKEND_NAMES[day.weekday()]
        return holiday_name

    # --- days ---------------------------------------------------------------------------------

    def day_off_name(self, day: date) -> str | None:
        """Why `day` is not a working day (Vietnamese), or None if it is one."""
        if self.is_provisional(day):
            return self._package_day_off_name(day)
        if day in self._working_days:
            return None
        if day in self._days_off:
            return self._days_off[day]
        return _WEEKEND_NAMES.get(day.weekday())

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
        moved to the next working day if that is a day off. Whether it is provisional:
        `is_provisional_between(to_vn(at).date(), due)`."""
        start = self.effective_receipt_day(at, cutoff)
        if unit == WORKING_DAYS:
            return self.add_working_days(start, days)
        if unit == CALENDAR_DAYS:
            if days < 0:
                raise ValueError("days must not be negative")
            end = start + timedelta(days=days)
            return end if self.is_working_day(end) else self.next_working_day(end)
        raise ValueError(f"unknown time-limit unit: {unit}")
