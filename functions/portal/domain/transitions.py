"""The dossier state machine as one table: every action, the states it may start from, where
it leads, who may take it and whether the citizen sees it (docs/domain.md, "Lifecycle").

Every check goes through `transition()`; the rule functions in lifecycle.py add what each
action needs (data, dates) and return a `Change` that the store applies with a conditional
write on the dossier's version.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from portal.domain.clock import iso, to_vn
from portal.domain.errors import Conflict, Forbidden, NotFound
from portal.domain.states import OPEN_STATES, Actor, Role, State, as_state
from portal.domain.vocabulary import ACTION_LABELS


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

    @property
    def label(self) -> str:
        return ACTION_LABELS[self.action]

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
            if current is None:
                raise Conflict("Thao tác này cần một hồ sơ đã có.")
            return current
        return self.target


def _row(action, sources, target, roles, citizen_visible=True, back_to_previous=False) -> Transition:
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
    row.action: row
    for row in [
        _row("save_draft", {None, S.DRAFT}, S.DRAFT, {R.CITIZEN}, citizen_visible=False),
        _row("submit", {None, S.DRAFT}, S.SUBMITTED, {R.CITIZEN}),
        _row("intake", {None}, S.RECEIVED, {R.RECEPTIONIST}),
        _row("receive", {S.SUBMITTED}, S.RECEIVED, {R.RECEPTIONIST}),
        _row("refuse", {S.SUBMITTED}, S.REFUSED, {R.RECEPTIONIST}),
        _row(
            "request_supplement",
            {S.SUBMITTED, S.RECEIVED, S.PROCESSING},
            S.SUPPLEMENT_REQUESTED,
            {R.RECEPTIONIST, R.SPECIALIST},
        ),
        _row("supply", {S.SUPPLEMENT_REQUESTED}, None, {R.CITIZEN, R.RECEPTIONIST}, back_to_previous=True),
        _row("forward", {S.RECEIVED}, S.PROCESSING, {R.RECEPTIONIST, R.LEADER}),
        _row("assign", {S.PROCESSING}, None, {R.LEADER}, citizen_visible=False),
        _row("propose", {S.PROCESSING}, None, {R.SPECIALIST}, citizen_visible=False),
        _row("send_back", {S.PROCESSING}, None, {R.LEADER}, citizen_visible=False),
        _row("request_fee", {S.PROCESSING}, S.AWAITING_PAYMENT, {R.SPECIALIST, R.RECEPTIONIST}),
        _row("paid", {S.AWAITING_PAYMENT}, S.PROCESSING, {R.SYSTEM, R.RECEPTIONIST}),
        _row("decide", {S.PROCESSING}, S.RESULT_READY, {R.LEADER}),
        _row("stop", {S.PROCESSING}, S.STOPPED, {R.LEADER}),
        _row("apologise", {S.RECEIVED, S.PROCESSING, S.AWAITING_PAYMENT}, None, {R.RECEPTIONIST, R.LEADER}),
        _row("return", {S.RESULT_READY}, S.RETURNED, {R.RECEPTIONIST}),
        _row("withdraw", OPEN_STATES, S.WITHDRAWN, {R.CITIZEN}),
        # The citizen's own choices, audited only: how to receive the result (until it is
        # returned) and one rating once there is a result.
        _row(
            "choose_delivery",
            {S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.RESULT_READY},
            None,
            {R.CITIZEN},
            citizen_visible=False,
        ),
        _row("rate", {S.RESULT_READY, S.RETURNED}, None, {R.CITIZEN}, citizen_visible=False),
        # Personal data removed once a closed dossier's retention period has passed (domain/retention.py).
        _row("redact", {S.REFUSED, S.STOPPED, S.RETURNED, S.WITHDRAWN}, None, {R.SYSTEM}, citizen_visible=False),
    ]
}
del S, R


def _state_label(state: State | None) -> str:
    return state.label if state is not None else "chưa có hồ sơ"


def _lookup(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise NotFound(f"Không có thao tác “{action}”.") from None


def allowed_actions(state: State | str | None, actor: Actor) -> list[str]:
    """Actions this actor may take on a dossier in `state`, in table order (drives the buttons)."""
    current = as_state(state)
    return [t.action for t in TRANSITIONS.values() if current in t.sources and t.allows(actor)]


def check_state(row: Transition, state: State | None) -> None:
    if state not in row.sources:
        raise Conflict(
            f"Không thể thực hiện thao tác “{row.label}” "
            f"khi hồ sơ đang ở trạng thái “{_state_label(state)}”."
        )


def transition(state: State | str | None, action: str, actor: Actor) -> Transition:
    """The table row for `action` if `actor` may take it from `state`.

    The role is checked first: someone who may never take an action is told so (Forbidden)
    whatever the dossier's state; the right person at the wrong moment gets Conflict.
    """
    row = _lookup(action)
    if not row.allows(actor):
        raise Forbidden(f"Bạn không có quyền thực hiện thao tác “{row.label}”.")
    check_state(row, as_state(state))
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
    """What a rule decided: the new state, the attributes to set on the dossier (None removes
    one) and the audit event that explains it."""

    state: State
    attributes: dict
    event: Event


def make_change(
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
