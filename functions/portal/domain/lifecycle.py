"""The rules of the actions that carry data (docs/domain.md, "Lifecycle"): submit, intake,
receive, refuse, request a supplement, supply it, apologise, and the plain actions.

Who may act from which state is the table in transitions.py; each function here checks it, adds
what its action needs (dates counted in working days, cited grounds, requested items) and
returns a `Change` for the store to apply.
"""
from __future__ import annotations

from datetime import date, datetime, time

from portal.domain.calendar import CALENDAR_DAYS, WORKING_DAYS, WorkingCalendar
from portal.domain.catalogue import channel_terms
from portal.domain.clock import iso, parse_iso
from portal.domain.errors import Conflict, FieldError, Forbidden, ValidationFailed
from portal.domain.figures import format_date
from portal.domain.states import Actor, Role, State, as_state
from portal.domain.transitions import TRANSITIONS, Change, check_state, make_change, transition


def _cutoff(procedure: dict) -> time | None:
    value = procedure.get("cutoff_time")
    return time.fromisoformat(value) if value else None


# The desk owes an online or postal dossier a completeness check within 2 working days.
COMPLETENESS_CHECK_WORKING_DAYS = 2


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


def _time_limit(procedure: dict, channel: str, answers: dict | None) -> dict:
    """The confirmed time limit of this dossier's case (channel_terms), or Conflict: an
    appointed date is a promise, so it is never made from a guessed figure."""
    terms = channel_terms(procedure, channel, answers)
    unconfirmed_paths = {item.get("path", "") for item in procedure.get("unconfirmed") or []}
    doubtful = {terms.time_limit_path, f"{terms.time_limit_path}.value"}
    if terms.time_limit_path.startswith(f"channels.{channel}.cases."):
        # The case's condition is part of the promise: if it is doubtful, so is the figure.
        case_path = terms.time_limit_path.removesuffix(".time_limit")
        doubtful |= {case_path, f"{case_path}.when"}
    limit = terms.time_limit
    if not isinstance(limit.get("value"), int) or doubtful & unconfirmed_paths:
        raise Conflict(
            "Thời hạn giải quyết của thủ tục này chưa được xác nhận nên chưa thể hẹn ngày trả "
            "kết quả. Vui lòng liên hệ quản trị để cập nhật danh mục thủ tục."
        )
    return limit


def _appointment(
    procedure: dict, channel: str, answers: dict | None, now: datetime, calendar: WorkingCalendar
) -> tuple[dict, dict]:
    """Attributes and event data of a receipt: the clock starts and the appointed date is set."""
    limit = _time_limit(procedure, channel, answers)
    unit = limit.get("unit") or WORKING_DAYS
    appointed = calendar.due_date(now, limit["value"], unit, _cutoff(procedure))
    attributes = {
        "received_at": iso(now),
        "appointed_date": appointed.isoformat(),
        "deadline": appointed.isoformat(),
        "time_limit": {"value": limit["value"], "unit": unit},
        **_counted(calendar, now, appointed, "appointed_date"),
    }
    data = {
        "appointed_date": appointed.isoformat(),
        "appointed_date_vi": format_date(appointed),
    }
    return attributes, data


def receive(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
) -> Change:
    """The desk accepts a complete online dossier: the clock starts."""
    current = as_state(dossier["state"])
    row = transition(current, "receive", actor)
    attributes, data = _appointment(procedure, dossier["channel"], dossier.get("answers"), now, calendar)
    return make_change(row, current, actor, now, attributes, data)


def intake(
    procedure: dict,
    channel: str,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
    answers: dict | None = None,
) -> Change:
    """The desk takes in a walk-in or postal dossier on the citizen's behalf: submitted and
    received at once, so the clock starts now (with the time limit of the case the answers
    pick, e.g. a reissue)."""
    row = transition(None, "intake", actor)
    if channel not in ("counter", "post") or channel not in (procedure.get("channels") or {}):
        raise Conflict("Thủ tục này không nhận hồ sơ qua kênh đã chọn.")
    attributes, data = _appointment(procedure, channel, answers, now, calendar)
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
    """A refusal must cite at least one of the procedure's declared grounds (docs/domain.md, "The one-stop rules", 3)."""
    current = as_state(dossier["state"])
    row = transition(current, "refuse", actor)
    grounds = {g["code"]: g for g in procedure.get("refusal_grounds") or []}
    if not ground_codes:
        raise ValidationFailed(
            fields=[FieldError("grounds", "Vui lòng chọn ít nhất một lý do từ chối theo quy định.")]
        )
    unknown = [code for code in ground_codes if code not in grounds]
    if unknown:
        raise ValidationFailed(
            fields=[
                FieldError(
                    "grounds",
                    "Lý do từ chối không thuộc danh sách lý do được quy định cho thủ tục này: "
                    + ", ".join(unknown)
                    + ".",
                )
            ]
        )
    cited = [{"code": code, "text": grounds[code]["text"]} for code in dict.fromkeys(ground_codes)]
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
    slots: list[str],
    note: str,
) -> Change:
    """Ask, in writing, for items of the procedure's document list only. Once: a second request
    needs a leader. Pauses the clock if it has started (the dossier was received)."""
    current = State(dossier["state"])
    row = TRANSITIONS["request_supplement"]
    already = int(dossier.get("supplement_count") or 0)
    if already >= 1:
        # The rule says "once"; a leader may still approve a second request.
        if Role.LEADER not in actor.acting_roles():
            raise Forbidden(
                "Hồ sơ đã được yêu cầu bổ sung một lần; yêu cầu bổ sung lần nữa phải do lãnh đạo thực hiện."
            )
        check_state(row, current)
        acting_role = Role.LEADER
    else:
        transition(current, "request_supplement", actor)
        acting_role = None
    documents = {d["slot"]: d for d in procedure.get("documents") or []}
    if not slots:
        raise ValidationFailed(
            fields=[FieldError("slots", "Vui lòng chọn ít nhất một giấy tờ cần bổ sung.")]
        )
    unknown = [slot for slot in slots if slot not in documents]
    if unknown:
        raise ValidationFailed(
            fields=[
                FieldError(
                    "slots",
                    "Chỉ được yêu cầu bổ sung giấy tờ có trong thành phần hồ sơ của thủ tục: "
                    + ", ".join(unknown)
                    + " không thuộc danh sách.",
                )
            ]
        )
    requested = [{"slot": s, "name": documents[s]["name"]} for s in dict.fromkeys(slots)]
    attributes = {
        "supplement_count": already + 1,
        "supplement_requested_at": iso(now),
        "supplement_items": requested,
        "supplement_note": note,
        "state_before_supplement": current.value,
    }
    if dossier.get("received_at"):
        # The clock stands still while the citizen owes the items; days used stay used.
        attributes["clock_paused_at"] = iso(now)
    data = {"items": requested, "note": note, "count": already + 1}
    return make_change(row, current, actor, now, attributes, data, actor_role=acting_role)


def supply(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar,
) -> Change:
    """The requested items arrived: the dossier goes back where it was.

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
    return make_change(row, current, actor, now, attributes, data, previous=previous)


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
    errors = []
    old_date = date.fromisoformat(dossier["appointed_date"])
    if new_date <= old_date:
        errors.append(
            FieldError("new_date", f"Ngày hẹn mới phải sau ngày hẹn cũ ({format_date(old_date)}).")
        )
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


# Actions with a rule function of their own; the others go through `apply_action`.
ACTIONS_WITH_RULES = frozenset(
    {"submit", "intake", "receive", "refuse", "request_supplement", "supply", "apologise"}
)


def apply_action(
    dossier: dict,
    action: str,
    actor: Actor,
    now: datetime,
    data: dict | None = None,
) -> Change:
    """Any action without rules of its own (forward, request_fee, paid, decide, stop, return,
    withdraw): state check, role check, event with the given data."""
    if action in ACTIONS_WITH_RULES:
        # Going around the rule (e.g. a supply without resuming the clock) would corrupt dates.
        raise ValueError(f"use lifecycle.{action}() for {action!r}")
    current = as_state(dossier.get("state"))
    row = transition(current, action, actor)
    return make_change(row, current, actor, now, {}, dict(data or {}))

