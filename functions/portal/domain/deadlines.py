"""Which dossiers are overdue, due soon or late (the desk's lists and the tracking book, form 07).

The agency owes a dossier while its clock runs: from submission (the completeness check) to
the result, except while the applicant owes a supplement (docs/domain.md, "The one-stop rules",
2: the clock stands still). A dossier is late when its result came, or is still to come, after
the appointed date, or once the desk apologised for it (rule 5: it counts as late everywhere).
"""
from __future__ import annotations

from datetime import date

from portal.domain.calendar import WorkingCalendar
from portal.domain.clock import parse_iso
from portal.domain.states import OPEN_STATES, State

CLOCK_RUNNING_STATES: frozenset[State] = OPEN_STATES - {State.SUPPLEMENT_REQUESTED}
# "Due soon": the deadline falls between today and this many working days ahead (the issue's
# "2 working days"; the same window in which the desk may apologise with a new date).
DUE_SOON_WORKING_DAYS = 2


def due_soon_until(today: date, calendar: WorkingCalendar) -> date:
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)


def is_overdue(dossier: dict, today: date) -> bool:
    deadline = dossier.get("deadline")
    if not deadline or State(dossier["state"]) not in CLOCK_RUNNING_STATES:
        return False
    return date.fromisoformat(deadline) < today


def result_day(dossier: dict) -> date | None:
    """The day the result was ready (decided), else the day the dossier was closed."""
    at = dossier.get("decided_at") or dossier.get("closed_at")
    return parse_iso(at).date() if at else None


def is_late(dossier: dict, today: date) -> bool:
    if dossier.get("late"):
        return True
    appointed = dossier.get("appointed_date")
    if not appointed:
        return is_overdue(dossier, today)  # not yet received: the completeness check is late
    finished = result_day(dossier)
    if finished is not None:
        return finished > date.fromisoformat(appointed)
    return State(dossier["state"]) in CLOCK_RUNNING_STATES and today > date.fromisoformat(appointed)
