"""What a dossier can be and who can act on it: its states, the national portal's status codes,
the roles, and the actor behind a request (docs/domain.md, "Statuses" and "Roles")."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.domain.vocabulary import STATUS_LABELS


class State(StrEnum):
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

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]


# Status codes of the national public-service portal, kept for a future sync (docs/domain.md).
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


def as_state(state: State | str | None) -> State | None:
    return None if state is None else State(state)


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


# The applicant, acting from the site or the private link (no account: one actor for all).
CITIZEN = Actor(kind="citizen", id="citizen")
