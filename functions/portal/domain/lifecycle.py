"""The dossier lifecycle (DESIGN.md §5): states, who may do what from where, and the rules of
the actions that carry data (submit, receive, refuse, request a supplement).

The state machine is one table (`TRANSITIONS`); every check goes through it. Rule functions
return a `Change` (new state, attributes to set, audit event); the store applies it with a
conditional write on the dossier's version.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum

from portal.domain.calendar import CALENDAR_DAYS, WORKING_DAYS, WorkingCalendar
from portal.domain.catalogue import channel_terms
from portal.domain.clock import format_date_vi, iso, parse_iso, to_vn
from portal.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed


class State(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RECEIVED = "received"
    REFUSED = "refused"
    PROCESSING = "processing"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    AWAITING_PAYMENT = "awaiting_payment"
    RESULT_READY = "result_ready"
    STOPPED = "stopped"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return self.value


STATUS_LABELS: dict[State, str] = {
    State.DRAFT: "Bản nháp",
    State.SUBMITTED: "Mới đăng ký",
    State.RECEIVED: "Được tiếp nhận",
    State.REFUSED: "Không được tiếp nhận",
    State.PROCESSING: "Đang xử lý",
    State.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    State.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    State.RESULT_READY: "Đã xử lý xong",
    State.STOPPED: "Dừng xử lý",
    State.RETURNED: "Đã trả kết quả",
    State.WITHDRAWN: "Đã rút hồ sơ",
}

# Status codes of the national public-service portal, kept for a future sync (DOMAIN.md).
NATIONAL_STATUS_CODES: dict[State, int | None] = {
    State.DRAFT: None,
    State.SUBMITTED: 1,
    State.RECEIVED: 2,
    State.REFUSED: 3,
    State.PROCESSING: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.AWAITING_PAYMENT: 6,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
}

# A dossier the agency still owes something on: it counts for overdue / due-soon lists and the
# citizen may still withdraw it.
OPEN_STATES: frozenset[State] = frozenset(
    {
        State.SUBMITTED,
        State.RECEIVED,
        State.PROCESSING,
        State.SUPPLEMENT_REQUESTED,
        State.AWAITING_PAYMENT,
    }
)


class Role:
    """Officer groups (Cognito) plus the two non-officer kinds of actor, so one set in the
    transition table says everyone who may take an action."""

    RECEPTIONIST = "receptionist"
    SPECIALIST = "specialist"
    LEADER = "leader"
    ADMIN = "admin"
    CITIZEN = "citizen"
    SYSTEM = "system"

    OFFICER_ROLES = frozenset({RECEPTIONIST, SPECIALIST, LEADER, ADMIN})


ROLE_LABELS = {
    Role.RECEPTIONIST: "cán bộ tiếp nhận",
    Role.SPECIALIST: "chuyên viên",
    Role.LEADER: "lãnh đạo",
    Role.ADMIN: "quản trị",
    Role.CITIZEN: "người nộp hồ sơ",
    Role.SYSTEM: "hệ thống",
}


@dataclass(frozen=True)
class Actor:
    kind: str  # "citizen" | "officer" | "system"
    id: str
    roles: frozenset[str] = frozenset()
    agency: str | None = None

    def acting_roles(self) -> frozenset[str]:
        """The roles this actor can act under: an officer's groups, or its own kind."""
        if self.kind == "officer":
            return frozenset(self.roles) & Role.OFFICER_ROLES
        return frozenset({self.kind})


@dataclass(frozen=True)
class Transition:
    action: str
    # `None` among the sources means "no dossier yet" (a new submission or a counter intake).
    sources: frozenset[State | None]
    # None = the dossier stays in its state (apologise), unless `back_to_previous`.
    target: State | None
    # Who may: officer roles and/or Role.CITIZEN / Role.SYSTEM.
    roles: frozenset[str]
    citizen_visible: bool
    # Supplying the items returns the dossier to the state it was in before the request.
    back_to_previous: bool = False

    def allows(self, actor: Actor) -> bool:
        return bool(self.roles & actor.acting_roles())

    def acting_role(self, actor: Actor) -> str:
        """The role recorded on the audit event (the first one, in a stable order, that allows it)."""
        return sorted(self.roles & actor.acting_roles())[0]

    def next_state(self, current: State | None, previous: State | None = None) -> State:
        if self.back_to_previous:
            if previous is None:
                raise Conflict("Không xác định được trạng thái trước khi yêu cầu bổ sung.")
            return previous
        if self.target is None:
            assert current is not None
            return current
        return self.target


def _t(action, sources, target, roles, citizen_visible=True, back_to_previous=False):
    return Transition(
        action=action,
        sources=frozenset(sources),
        target=target,
        roles=frozenset(roles),
        citizen_visible=citizen_visible,
        back_to_previous=back_to_previous,
    )


S = State
R = Role
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t("save_draft", {None, S.DRAFT}, S.DRAFT, {R.CITIZEN}, citizen_visible=False),
        _t("submit", {None, S.DRAFT}, S.SUBMITTED, {R.CITIZEN}),
        _t("intake", {None}, S.RECEIVED, {R.RECEPTIONIST}),
        _t("receive", {S.SUBMITTED}, S.RECEIVED, {R.RECEPTIONIST}),
        _t("refuse", {S.SUBMITTED}, S.REFUSED, {R.RECEPTIONIST}),
        _t(
            "request_supplement",
            {S.SUBMITTED, S.PROCESSING},
            S.SUPPLEMENT_REQUESTED,
            {R.RECEPTIONIST, R.SPECIALIST},
        ),
        _t(
            "supply",
            {S.SUPPLEMENT_REQUESTED},
            None,
            {R.CITIZEN, R.RECEPTIONIST},
            back_to_previous=True,
        ),
        _t("forward", {S.RECEIVED}, S.PROCESSING, {R.RECEPTIONIST}),
        _t("request_fee", {S.PROCESSING}, S.AWAITING_PAYMENT, {R.SPECIALIST}),
        _t("paid", {S.AWAITING_PAYMENT}, S.PROCESSING, {R.SYSTEM, R.RECEPTIONIST}),
        _t("decide", {S.PROCESSING}, S.RESULT_READY, {R.LEADER}),
        _t("stop", {S.PROCESSING}, S.STOPPED, {R.LEADER}),
        _t("apologise", {S.RECEIVED, S.PROCESSING}, None, {R.RECEPTIONIST, R.LEADER}),
        _t("return", {S.RESULT_READY}, S.RETURNED, {R.RECEPTIONIST}),
        _t("withdraw", OPEN_STATES, S.WITHDRAWN, {R.CITIZEN}),
    ]
}
del S, R

ACTION_LABELS = {
    "save_draft": "Lưu bản nháp",
    "submit": "Nộp hồ sơ",
    "intake": "Tiếp nhận hồ sơ tại quầy",
    "receive": "Tiếp nhận hồ sơ",
    "refuse": "Từ chối tiếp nhận",
    "request_supplement": "Yêu cầu bổ sung giấy tờ",
    "supply": "Bổ sung giấy tờ",
    "forward": "Chuyển xử lý",
    "request_fee": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "paid": "Đã thực hiện nghĩa vụ tài chính",
    "decide": "Phê duyệt kết quả",
    "stop": "Dừng xử lý",
    "apologise": "Xin lỗi và hẹn lại ngày trả kết quả",
    "return": "Trả kết quả",
    "withdraw": "Rút hồ sơ",
}


def _state_label(state: State | None) -> str:
    return STATUS_LABELS[State(state)] if state is not None else "chưa có hồ sơ"


def _as_state(state: State | str | None) -> State | None:
    return None if state is None else State(state)


def _lookup(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise NotFound(f"Không có thao tác “{action}”.") from None


def allowed_actions(state: State | str | None, actor: Actor) -> list[str]:
    """Actions this actor may take on a dossier in `state`, in table order (drives the buttons)."""
    state = _as_state(state)
    return [t.action for t in TRANSITIONS.values() if state in t.sources and t.allows(actor)]


def _check_state(transition: Transition, state: State | None) -> None:
    if state not in transition.sources:
        raise Conflict(
            f"Không thể thực hiện thao tác “{ACTION_LABELS[transition.action]}” "
            f"khi hồ sơ đang ở trạng thái “{_state_label(state)}”."
        )


def transition(state: State | str | None, action: str, actor: Actor) -> Transition:
    """The table row for `action` if `actor` may take it from `state`.

    The role is checked first: someone who may never take an action is told so (Forbidden)
    whatever the dossier's state; the right person at the wrong moment gets Conflict.
    """
    row = _lookup(action)
    if not row.allows(actor):
        raise Forbidden(
            f"Bạn không có quyền thực hiện thao tác “{ACTION_LABELS[action]}”."
        )
    _check_state(row, _as_state(state))
    return row


@dataclass(frozen=True)
class Event:
    action: str
    from_state: State | None
    to_state: State
    actor_id: str
    actor_role: str
    at: datetime
    data: dict = field(default_factory=dict)
    citizen_visible: bool = True

    def to_item(self) -> dict:
        return {
            "action": self.action,
            "from_state": self.from_state.value if self.from_state is not None else None,
            "to_state": self.to_state.value,
            "actor_id": self.actor_id,
            "actor_role": self.actor_role,
            "at": iso(self.at),
            "data": self.data,
            "citizen_visible": self.citizen_visible,
        }


@dataclass(frozen=True)
class Change:
    state: State
    attributes: dict
    event: Event


def _change(
    row: Transition,
    current: State | None,
    actor: Actor,
    now: datetime,
    attributes: dict,
    data: dict,
    actor_role: str | None = None,
    previous: State | None = None,
) -> Change:
    target = row.next_state(current, previous)
    event = Event(
        action=row.action,
        from_state=current,
        to_state=target,
        actor_id=actor.id,
        actor_role=actor_role or row.acting_role(actor),
        at=to_vn(now),
        data=data,
        citizen_visible=row.citizen_visible,
    )
    return Change(state=target, attributes=attributes, event=event)


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
    current = _as_state(from_state)
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
        "calendar_source": calendar.source,
    }
    data = {"channel": channel, "check_due": check_due.isoformat()}
    return _change(row, current, actor, now, attributes, data)


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
        "calendar_source": calendar.source,
    }
    data = {
        "appointed_date": appointed.isoformat(),
        "appointed_date_vi": format_date_vi(appointed),
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
    current = _as_state(dossier["state"])
    row = transition(current, "receive", actor)
    attributes, data = _appointment(procedure, dossier["channel"], dossier.get("answers"), now, calendar)
    return _change(row, current, actor, now, attributes, data)


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
    return _change(row, None, actor, now, attributes, {"channel": channel, **data})


def refuse(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    ground_codes: list[str],
    note: str,
) -> Change:
    """A refusal must cite at least one of the procedure's declared grounds (DOMAIN.md, point 3)."""
    current = _as_state(dossier["state"])
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
    return _change(row, current, actor, now, attributes, {"grounds": cited, "note": note})


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
    current = _as_state(dossier["state"])
    row = TRANSITIONS["request_supplement"]
    already = int(dossier.get("supplement_count") or 0)
    if already >= 1:
        # The rule says "once"; a leader may still approve a second request.
        if Role.LEADER not in actor.acting_roles():
            raise Forbidden(
                "Hồ sơ đã được yêu cầu bổ sung một lần; yêu cầu bổ sung lần nữa phải do lãnh đạo thực hiện."
            )
        _check_state(row, current)
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
    return _change(row, current, actor, now, attributes, data, actor_role=acting_role)


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
    1 working day of the complete dossier arriving (DOMAIN.md, one-stop rules).
    """
    current = _as_state(dossier["state"])
    row = transition(current, "supply", actor)
    previous = _as_state(dossier.get("state_before_supplement"))
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
                "calendar_source": calendar.source,
            }
        )
        data = {"appointed_date": new_date.isoformat(), "appointed_date_vi": format_date_vi(new_date)}
    elif target == State.SUBMITTED:
        check_due = calendar.due_date(now, 1, WORKING_DAYS, _cutoff(procedure))
        attributes.update({"check_due": check_due.isoformat(), "deadline": check_due.isoformat()})
        data = {"check_due": check_due.isoformat()}
    return _change(row, current, actor, now, attributes, data, previous=previous)


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
    current = _as_state(dossier["state"])
    row = transition(current, "apologise", actor)
    errors = []
    old_date = date.fromisoformat(dossier["appointed_date"])
    if new_date <= old_date:
        errors.append(
            FieldError("new_date", f"Ngày hẹn mới phải sau ngày hẹn cũ ({format_date_vi(old_date)}).")
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
        "appointed_date_vi": format_date_vi(new_date),
        "reason": reason,
    }
    return _change(row, current, actor, now, attributes, data)


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
    current = _as_state(dossier.get("state"))
    row = transition(current, action, actor)
    return _change(row, current, actor, now, {}, dict(data or {}))

