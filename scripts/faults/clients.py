"""The clients of the faulted run, each retrying as the site's scripts do: a citizen submits
(an upload slot, the file put where it says, the dossier with its Idempotency-Key), then a
receptionist acts on the dossiers with the version it read. Every answer is tallied.

A try answered 503 is repeated as it was; a submission answered 409 (its first attempt still
running) too. An action answered 409 (stale version) makes the officer read the dossier again:
if the action is already there, an earlier try whose answer was lost applied it, and it is
done; otherwise it is tried again on the version now read. Any other answer ends the
operation as failed. Every loop is bounded (TRIES).
"""
from __future__ import annotations

import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from scripts.faults.inprocess import Answer, Functions
from scripts.load import sample

TRIES = 30
RETRYABLE = frozenset({409, 503})


@dataclass(frozen=True)
class Officer:
    """A receptionist's JWT claims, and a specialist of their agency to forward dossiers to."""

    claims: dict
    assignee: str

    def body(self, action: str) -> dict:
        return {"forward": {"assignee": self.assignee}}.get(action, {})


@dataclass
class Tally:
    answers: Counter = field(default_factory=Counter)  # (operation, status) → answers
    errors: Counter = field(default_factory=Counter)  # (status, error code) of the retryable ones
    tries: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))  # per operation that ended
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # wall time of each
    recovered: Counter = field(default_factory=Counter)  # actions found applied after a lost answer
    failed: list[str] = field(default_factory=list)  # operations that did not succeed, and why

    def answer(self, operation: str, answer: Answer) -> None:
        self.answers[operation, answer.status] += 1
        if answer.status in RETRYABLE:
            # Clear: a stable code and a message to show, and when to try again for a 503.
            error = answer.body.get("error") if isinstance(answer.body, dict) else None
            told = isinstance(error, dict) and bool(error.get("code")) and bool(error.get("message"))
            when = answer.status != 503 or "retry-after" in {k.lower() for k in answer.headers}
            self.errors[answer.status, error["code"] if told and when and error else "unclear"] += 1

    def done(self, operation: str, tries: int, started: float) -> None:
        self.tries[operation].append(tries)
        self.seconds[operation].append(time.perf_counter() - started)


def retried(tally: Tally, operation: str, call: Callable[[], Answer], success: int) -> Answer | None:
    started = time.perf_counter()
    for tries in range(1, TRIES + 1):
        answer = call()
        tally.answer(operation, answer)
        if answer.status == success:
            tally.done(operation, tries, started)
            return answer
        if answer.status not in RETRYABLE:
            tally.failed.append(f"{operation}: {answer.status} {answer.body}")
            return None
    tally.failed.append(f"{operation}: still {answer.status} after {TRIES} tries")
    return None


@dataclass
class Submitted:
    key: str
    dossier_id: str
    code: str


def submit(functions: Functions, s3, bucket: str, n: int, tally: Tally, seed: int) -> Submitted | None:
    slot = retried(tally, "upload slot", lambda: functions.citizen("POST", "/api/uploads", sample.UPLOAD_SLOT), 201)
    if slot is None:
        return None
    # The browser's POST to the bucket goes to S3 itself, not through the functions: not faulted.
    s3.put_object(Bucket=bucket, Key=slot.body["fields"]["key"], Body=sample.PDF, ContentType="application/pdf")
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"faults-{seed}-{n}"))
    body = sample.submission(slot.body["upload_id"], sample.id_number(n))
    answer = retried(tally, "submit", lambda: functions.citizen("POST", "/api/dossiers", body, {"Idempotency-Key": key}),
                     201)
    return Submitted(key, answer.body["dossier_id"], answer.body["code"]) if answer else None


def plan(dossiers: list[Submitted], actions: int) -> list[tuple[str, str]]:
    """(dossier id, action) in the order they are done: a receive per dossier, and a fifth of the
    actions forwarding a received dossier to the specialist right after it was received."""
    forwards = min(actions // 5, len(dossiers))
    receives = min(actions - forwards, len(dossiers))
    steps = []
    for i, dossier in enumerate(dossiers[:receives]):
        steps.append((dossier.dossier_id, "receive"))
        if i < forwards:
            steps.append((dossier.dossier_id, "forward"))
    return steps


def act(functions: Functions, officer: Officer, dossier_id: str, action: str, tally: Tally) -> bool:
    """`action` on the dossier through the officer API; True once it is applied (once)."""
    path = f"/api/officer/dossiers/{dossier_id}"

    def read() -> dict | None:
        answer = retried(tally, "read", lambda: functions.officer("GET", path, officer.claims), 200)
        return answer.body if answer else None

    started = time.perf_counter()
    detail = read()
    for tries in range(1, TRIES + 1):
        if detail is None:
            return False
        answer = functions.officer("POST", f"{path}/{action}", officer.claims,
                                   {"version": detail["dossier"]["version"], **officer.body(action)})
        tally.answer(action, answer)
        if answer.status == 200:
            tally.done(action, tries, started)
            return True
        if answer.status == 409:
            detail = read()
            if detail and action in [event["action"] for event in detail["events"]]:
                tally.recovered[action] += 1
                tally.done(action, tries, started)
                return True
        elif answer.status != 503:
            tally.failed.append(f"{action} {dossier_id}: {answer.status} {answer.body}")
            return False
    tally.failed.append(f"{action} {dossier_id}: no success after {TRIES} tries")
    return False
