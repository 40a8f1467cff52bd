"""The rules of the actions that carry data (docs/domain.md, "Lifecycle"): submit, intake,
receive, refuse, request a supplement, supply it, apologise, and the plain actions.

Who may act from which state is the table in transitions.py; each function here checks it, adds
what its action needs (dates counted in working days, cited grounds, requested items) and
returns a `Change` for the store to apply.
"""
from __future__ import annotations

from datetime import date, datetime, time

from portal.domain.calendar import CALENDAR_DAYS, WORKING_DAYS, WorkingCalendar
from portal.domain.clock import iso, parse_iso, to_vn
from portal.domain.errors import Conflict, FieldError, ValidationFailed
from portal.domain.figures import format_date
from portal.domain.processing import cited_grounds
from portal.domain.states import Actor, State, as_state
from portal.domain.terms import DossierTerms, time_limit_for
from portal.domain.transitions import Change, make_change, transition


def _cutoff(procedure: dict) -> time | None:
    value = procedure.get("cutoff_time")
    return time.fromisoformat(value) if value else None


# The desk owes an online or postal dossier a completeness check within 2 working days.
COMPLETENESS_CHECK_WORKING_DAYS = 2
# An apology and a new date are issued for a dossier overdue or due within this many working days.
APOLOGY_WINDOW_WORKING_DAYS = 2


def submit(
    procedure: dict,
    channel: str,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    from_state: State | str | None = None,
) -> Change:
    """A citizen submits (a new dossier, or a saved draft): the completeness check falls due."""
    current = as_state(from_state)
    row = transition(current, "submit", actor)
    if channel not in (procedure.get("channels") or {}):
        raise Conflict("Thủ tục này không nhận hồ sơ qua kênh đã chọn.")
    check_due = calendar.due_date(
        now, COMPLETENESS_CHECK_WORKING_DAYS, WORKING_DAYS, _cutoff(procedure)
    )
    attributes = {
        "procedure_id": procedure["id"],
        "procedure_version": procedure.get("version"),
        "channel": channel,
        "supplement_count": 0,
        "submitted_at": iso(now),
        "check_due": check_due.isoformat(),
        "deadline": check_due.isoformat(),
        **_counted(calendar, now, check_due, "check_due"),
    }
    data = {"channel": channel, "check_due": check_due.isoformat()}
    return make_change(row, current, actor, now, attributes, data)


def _counted(calendar: WorkingCalendar, now: datetime, due: date, name: str) -> dict:
    """What a due date was counted with, recorded beside it: the calendar's source, and whether
    a year without an announced schedule was crossed (the date is then provisional and says so
    on the receipt and the citizen's page)."""
    start = now.date()
    return {
        "calendar_source": calendar.source_between(start, due),
        f"{name}_provisional": calendar.is_provisional_between(start, due) or None,
    }


def _appointment(
    procedure: dict,
    channel: str,
    answers: dict | None,
    now: datetime,
    calendar: WorkingCalendar,
    time_limit_by_hand: dict | None,
) -> tuple[dict, dict]:
    """Attributes and event data of a receipt: the clock starts and the appointed date is set,
    from the case's confirmed time limit or the one the officer entered (terms.time_limit_for)."""
    limit = time_limit_for(DossierTerms.of(procedure, channel, answers), time_limit_by_hand)
    appointed = calendar.due_date(now, limit["value"], limit["unit"], _cutoff(procedure))
    attributes = {
        "received_at": iso(now),
        "appointed_date": appointed.isoformat(),
        "deadline": appointed.isoformat(),
        "time_limit": limit,
        **_counted(calendar, now, appointed, "appointed_date"),
    }
    data: dict = {
        "appointed_date": appointed.isoformat(),
        "appointed_date_vi": format_date(appointed),
    }
    if limit.get("set_by_hand"):
        data["time_limit_by_hand"] = limit
    return attributes, data


def receive(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    time_limit_by_hand: dict | None = None,
) -> Change:
    """The desk accepts a complete online dossier: the clock starts."""
    current = as_state(dossier["state"])
    row = transition(current, "receive", actor)
    attributes, data = _appointment(
        procedure, dossier["channel"], dossier.get("answers"), now, calendar, time_limit_by_hand
    )
    return make_change(row, current, actor, now, attributes, data)


def intake(
    procedure: dict,
    channel: str,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    answers: dict | None = None,
    time_limit_by_hand: dict | None = None,
) -> Change:
    """The desk takes in a walk-in or postal dossier on the citizen's behalf: submitted and
    received at once, so the clock starts now (with the time limit of the case the answers
    pick, e.g. a reissue)."""
    row = transition(None, "intake", actor)
    if channel not in ("counter", "post") or channel not in (procedure.get("channels") or {}):
        raise Conflict("Thủ tục này không nhận hồ sơ qua kênh đã chọn.")
    attributes, data = _appointment(procedure, channel, answers, now, calendar, time_limit_by_hand)
    attributes = {
        "procedure_id": procedure["id"],
        "procedure_version": procedure.get("version"),
        "channel": channel,
        "supplement_count": 0,
        "submitted_at": iso(now),
        **attributes,
    }
    return make_change(row, None, actor, now, attributes, {"channel": channel, **data})


def refuse(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    ground_codes: list[str],
    note: str,
) -> Change:
    """A refusal cites at least one of the procedure's declared grounds of a kind a refusal may
    rest on, with an explanation (docs/domain.md, "The one-stop rules", 3; form 03)."""
    current = as_state(dossier["state"])
    row = transition(current, "refuse", actor)
    cited, note = cited_grounds(procedure, "refuse", ground_codes, note)
    attributes = {
        "refused_at": iso(now),
        "refusal_grounds": cited,
        "refusal_note": note,
    }
    return make_change(row, current, actor, now, attributes, {"grounds": cited, "note": note})


def request_supplement(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    items: list[dict],
    note: str | None = None,
) -> Change:
    """Ask, in writing, for items of the procedure's document list only, each with what is wrong
    with it. Once per dossier, whoever asks (docs/domain.md, "The one-stop rules", 2). Pauses
    the clock if it has started (the dossier was received)."""
    current = as_state(dossier["state"])
    row = transition(current, "request_supplement", actor)
    already = int(dossier.get("supplement_count") or 0)
    if already >= 1:
        raise ValidationFailed(
            "Hồ sơ đã được yêu cầu bổ sung một lần; theo quy định không yêu cầu bổ sung lần thứ hai.",
            fields=[FieldError("items", "Hồ sơ đã được yêu cầu bổ sung một lần.")],
        )
    documents = {d["slot"]: d for d in procedure.get("documents") or []}
    errors: list[FieldError] = []
    if not items:
        errors.append(FieldError("items", "Vui lòng chọn ít nhất một giấy tờ cần bổ sung."))
    requested: dict[str, dict] = {}
    for index, item in enumerate(items):
        slot = str(item.get("slot"))
        if slot not in documents:
            errors.append(FieldError(
                f"items.{index}.slot",
                f"Chỉ được yêu cầu bổ sung giấy tờ có trong thành phần hồ sơ của thủ tục: “{slot}” không thuộc danh sách.",
            ))
        elif not (item.get("note") or "").strip():
            errors.append(FieldError(f"items.{index}.note", f"Vui lòng ghi rõ “{documents[slot]['name']}” sai hoặc thiếu ở điểm nào."))
        elif slot in requested:
            errors.append(FieldError(f"items.{index}.slot", f"“{documents[slot]['name']}” đã được chọn."))
        else:
            requested[slot] = {"slot": slot, "name": documents[slot]["name"], "note": item["note"].strip()}
    if errors:
        raise ValidationFailed(fields=errors)
    listed = list(requested.values())
    attributes = {
        "supplement_count": already + 1,
        "supplement_requested_at": iso(now),
        "supplement_items": listed,
        "supplement_note": note or None,
        "state_before_supplement": current.value if current else None,
    }
    if dossier.get("received_at"):
        # The clock stands still while the citizen owes the items; days used stay used.
        attributes["clock_paused_at"] = iso(now)
    data = {"items": listed, "note": note or None}
    return make_change(row, current, actor, now, attributes, {k: v for k, v in data.items() if v is not None})


def supply(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    note: str | None = None,
) -> Change:
    """The requested items arrived (`note`: what the desk received, at the counter): the
    dossier goes back where it was.

    A received dossier's clock resumes with what was left of it when it paused (days already
    used stay used). A dossier still awaiting its completeness check is due a receipt within
    1 working day of the complete dossier arriving (docs/domain.md, "The one-stop rules", 2).
    """
    current = as_state(dossier["state"])
    row = transition(current, "supply", actor)
    previous = as_state(dossier.get("state_before_supplement"))
    target = row.next_state(current, previous)
    attributes: dict = {"supplied_at": iso(now), "state_before_supplement": None}
    data: dict = {}
    paused_at = dossier.get("clock_paused_at")
    if paused_at and dossier.get("appointed_date"):
        paused_day = parse_iso(paused_at).date()
        appointed = date.fromisoformat(dossier["appointed_date"])
        unit = (dossier.get("time_limit") or {}).get("unit") or WORKING_DAYS
        if unit == CALENDAR_DAYS:
            remaining = max((appointed - paused_day).days, 0)
        else:
            remaining = calendar.count_working_days(paused_day, appointed)
        new_date = calendar.due_date(now, remaining, unit, _cutoff(procedure))
        if paused_day > appointed:
            # Overdue before the citizen was asked: the pause does not make it timely again.
            attributes["late"] = True
        attributes.update(
            {
                "clock_paused_at": None,
                "pauses": list(dossier.get("pauses") or []) + [{"from": paused_at, "to": iso(now)}],
                "appointed_date": new_date.isoformat(),
                "deadline": new_date.isoformat(),
                **_counted(calendar, now, new_date, "appointed_date"),
            }
        )
        data = {"appointed_date": new_date.isoformat(), "appointed_date_vi": format_date(new_date)}
    elif target == State.SUBMITTED:
        check_due = calendar.due_date(now, 1, WORKING_DAYS, _cutoff(procedure))
        attributes.update(
            {"check_due": check_due.isoformat(), "deadline": check_due.isoformat(), **_counted(calendar, now, check_due, "check_due")}
        )
        data = {"check_due": check_due.isoformat()}
    if note:
        data["note"] = note
    return make_change(row, current, actor, now, attributes, data, previous=previous)


def apology_due(dossier: dict, today: date, calendar: WorkingCalendar) -> bool:
    """Whether the desk owes an apology and a new date: the appointed date has passed or is at
    most APOLOGY_WINDOW_WORKING_DAYS working days away."""
    if not dossier.get("appointed_date"):
        return False
    appointed = date.fromisoformat(dossier["appointed_date"])
    return appointed < today or calendar.count_working_days(today, appointed) <= APOLOGY_WINDOW_WORKING_DAYS


def apologise(
    dossier: dict,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    new_date: date,
    reason: str,
) -> Change:
    """A late result: an apology with a new appointed date (form 04). The dossier stays where
    it is and counts as late."""
    current = as_state(dossier["state"])
    row = transition(current, "apologise", actor)
    old_date = date.fromisoformat(dossier["appointed_date"])
    today = to_vn(now).date()
    if not apology_due(dossier, today, calendar):
        raise Conflict(
            f"Hồ sơ còn hạn đến {format_date(old_date)}: chỉ xin lỗi và hẹn lại khi hồ sơ đã quá hạn "
            f"hoặc còn không quá {APOLOGY_WINDOW_WORKING_DAYS} ngày làm việc."
        )
    errors = []
    if new_date <= old_date:
        errors.append(
            FieldError("new_date", f"Ngày hẹn mới phải sau ngày hẹn cũ ({format_date(old_date)}).")
        )
    elif new_date < today:
        # An overdue dossier: a date after the old one may still be gone already.
        errors.append(FieldError("new_date", "Ngày hẹn mới không được trước hôm nay."))
    elif not calendar.is_working_day(new_date):
        errors.append(FieldError("new_date", "Ngày hẹn mới phải là ngày làm việc."))
    if not (reason or "").strip():
        errors.append(FieldError("reason", "Vui lòng nêu lý do chậm trả kết quả."))
    if errors:
        raise ValidationFailed(fields=errors)
    attributes = {
        "appointed_date": new_date.isoformat(),
        "deadline": new_date.isoformat(),
        "late": True,
        "apology_count": int(dossier.get("apology_count") or 0) + 1,
    }
    data = {
        "previous_date": old_date.isoformat(),
        "appointed_date": new_date.isoformat(),
        "appointed_date_vi": format_date(new_date),
        "reason": reason,
    }
    return make_change(row, current, actor, now, attributes, data)
