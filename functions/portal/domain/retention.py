"""How long a closed dossier keeps the applicant's personal data, and what is left of it after
(docs/domain.md, "Retention").

A dossier is closed once refused, stopped, returned or withdrawn; from that moment the retention
period runs. When it has passed, the dossier keeps only what the statistics need (its code,
procedure, channel, dates, states, deadlines, the declared grounds and figures, and its audit
events without their free text) and loses the rest: the applicant (but for its kind), the
answers, the private link's hash, the officers' and citizen's free text, the files, and the
e-mail and SMS texts sent to the applicant.

Everything here is a list of what is KEPT: an attribute added later is removed by the redaction
until someone decides it is not personal and names it here.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.domain.clock import iso, to_vn
from portal.domain.states import Actor, State, as_state
from portal.domain.transitions import Event, make_change, transition

# A default to be confirmed with the agency's archive list (docs/domain.md, "Retention").
DEFAULT_RETENTION_DAYS = 5 * 365
# Below a year, a mistyped period would wipe dossiers the desk still answers questions about.
MIN_RETENTION_DAYS = 365

CLOSED_STATES: frozenset[State] = frozenset({State.REFUSED, State.STOPPED, State.RETURNED, State.WITHDRAWN})
ACTOR = Actor(kind="system", id="retention")
# An outbox message not sent by the time it is redacted is never sent (the sender's stream
# filter only wakes on "pending"); a sent one stays "sent" for the statistics.
DISCARDED = "discarded"

# Nested values: None keeps the value whole, a set keeps those keys of a dict (of each dict of a list).
_Keep = dict[str, "frozenset[str] | None"]

KEPT_ATTRIBUTES: _Keep = {
    **dict.fromkeys(
        (
            "id", "code", "agency", "state", "version", "procedure_id", "procedure_version", "channel",
            "created_at", "submitted_at", "received_at", "received_by", "check_due", "check_due_provisional",
            "deadline", "appointed_date", "appointed_date_provisional", "calendar_source", "time_limit",
            "supplement_count", "supplement_requested_at", "supplied_at", "clock_paused_at", "pauses",
            "state_before_supplement", "assignee", "assigned_at", "forwarded_at", "decided_at",
            "refused_at", "stopped_at", "withdrawn_at", "closed_at", "late", "apology_count", "redacted_at",
        )
    ),
    "supplement_items": frozenset({"slot", "name"}),
    "refusal_grounds": frozenset({"code", "text", "kind"}),
    "stop_grounds": frozenset({"code", "text", "kind"}),
    "proposal": frozenset({"proposal", "by", "at"}),
    "result": frozenset({"outcome", "number", "signer", "signed_on", "decided_at"}),
    "fee": frozenset({"amount", "amount_text", "quantity", "unit", "set_by_hand", "reason", "requested_at"}),
    "payment": frozenset({"amount", "method", "receipt_number", "paid_at", "provider", "txn_ref"}),
    "delivery": frozenset({"method", "returned_at", "collected_at"}),
    "delivery_choice": frozenset({"method", "chosen_at"}),
    "rating": frozenset({"score", "rated_at"}),
}

# An event's data: the facts of the action, never a note, reason, opinion, name or address.
KEPT_EVENT_DATA: _Keep = {
    **dict.fromkeys(
        (
            "channel", "check_due", "appointed_date", "appointed_date_vi", "previous_date",
            "time_limit_by_hand", "assignee", "assignee_name", "previous", "proposal", "outcome",
            "number", "signer", "signed_on", "amount", "amount_text", "quantity", "set_by_hand",
            "method", "receipt_number", "score", "provider", "txn_ref", "retention_days",
            "documents_deleted",
        )
    ),
    "grounds": frozenset({"code", "text", "kind"}),
    "items": frozenset({"slot", "name"}),
}

KEPT_MESSAGE = frozenset({"kind", "id", "status", "dossier_id", "action", "channel", "created_at", "sent_at"})


def closed_at(record: dict) -> str | None:
    """When a closed dossier not yet redacted was closed (its retention period runs from then),
    else None: open, still awaiting return of its result, or already redacted."""
    state = as_state(record.get("state"))
    if state not in CLOSED_STATES or record.get("redacted_at"):
        return None
    return record.get("closed_at") or record.get("refused_at") or record.get("stopped_at")


def cutoff(now: datetime, days: int) -> str:
    """Dossiers closed before this instant (ISO, Vietnam time, as stored) are due."""
    return iso(to_vn(now) - timedelta(days=int(days)))


def is_due(record: dict, now: datetime, days: int) -> bool:
    closed = closed_at(record)
    return closed is not None and closed < cutoff(now, days)


def _kept(value, keys: frozenset[str] | None):
    if keys is None:
        return value
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k in keys}
    if isinstance(value, list):
        return [_kept(one, keys) for one in value]
    return None  # a shape the list does not know: not kept


def _reduce(record: dict, kept: _Keep) -> dict:
    reduced = {name: _kept(value, kept[name]) for name, value in record.items() if name in kept}
    return {name: value for name, value in reduced.items() if value is not None}


def redacted_event_data(data: dict | None) -> dict:
    return _reduce(data or {}, KEPT_EVENT_DATA)


def redacted_message(message: dict) -> dict:
    """An outbox message without its address and texts; never sent once redacted."""
    kept = {k: v for k, v in message.items() if k in KEPT_MESSAGE}
    if kept.get("status") != "sent":
        kept["status"] = DISCARDED
    return kept


def redact(meta: dict, now: datetime, days: int, documents_deleted: int) -> tuple[dict, Event]:
    """The dossier as it stays after its retention period, and the audit event "redact".
    Raises Conflict if the dossier is not closed (the transition table's row)."""
    current = as_state(meta["state"])
    row = transition(current, "redact", ACTOR)
    change = make_change(
        row, current, ACTOR, now, {},
        {"retention_days": int(days), "documents_deleted": int(documents_deleted)},
    )
    kept = _reduce(meta, KEPT_ATTRIBUTES)
    kept["applicant"] = {"kind": (meta.get("applicant") or {}).get("kind")}
    kept["redacted_at"] = iso(now)
    kept["version"] = int(meta["version"]) + 1
    return kept, change.event
