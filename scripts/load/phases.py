"""The two phases of the load: citizens submitting, then a receptionist receiving."""
from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from scripts.load import sample
from scripts.load.client import TIMEOUT, Outcome, Recorder, attempt, session

CITIZEN_RETRY = frozenset({429, 503})
OFFICER_RETRY = frozenset({503})


@dataclass
class Submitted:
    n: int
    dossier_id: str
    code: str


@dataclass
class Phase:
    """What one phase did: how many operations, in what wall time, and their results."""

    name: str
    count: int = 0
    seconds: float = 0.0
    succeeded: list = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def _run(name: str, items: Iterable, one: Callable, concurrency: int) -> Phase:
    phase = Phase(name)
    started = time.perf_counter()
    items = list(items)
    every = max(1, len(items) // 10)
    with ThreadPoolExecutor(concurrency) as pool:
        for ok, value in pool.map(one, items):
            phase.count += 1
            (phase.succeeded if ok else phase.failed).append(value)
            if phase.count % every == 0:  # a long run shows it is moving (stderr: the report stays clean)
                print(f"{name}: {phase.count}/{len(items)} in {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    phase.seconds = time.perf_counter() - started
    return phase


def _upload(url: str, recorder: Recorder) -> str | None:
    """An upload slot, then the file posted where it says; the upload id, or None."""
    slot = attempt(lambda: session().post(f"{url}/api/uploads", json=sample.UPLOAD_SLOT, timeout=TIMEOUT), CITIZEN_RETRY)
    recorder.add("upload slot", slot)
    if slot.status != 201:
        return None
    sent = attempt(lambda: session().post(slot.body["url"], data=slot.body["fields"], timeout=TIMEOUT,
                                          files={"file": ("don.pdf", sample.PDF, "application/pdf")}),
                   frozenset({500, 503}))
    recorder.add("file to S3", sent)
    return slot.body["upload_id"] if sent.status in (200, 201, 204) else None


def submit_all(url: str, count: int, concurrency: int, recorder: Recorder) -> Phase:
    """`count` citizens, each uploading a file and submitting, `concurrency` at a time."""

    def one(n: int) -> tuple[bool, Submitted | str]:
        upload_id = _upload(url, recorder)
        if upload_id is None:
            return False, f"#{n}: upload failed"
        body = json.dumps(sample.submission(upload_id, sample.id_number(n)), ensure_ascii=False).encode()
        headers = {"Idempotency-Key": str(uuid.uuid4()), "Content-Type": "application/json"}  # one key, every try
        outcome = attempt(lambda: session().post(f"{url}/api/dossiers", data=body, headers=headers, timeout=TIMEOUT),
                          CITIZEN_RETRY)
        recorder.add("submit", outcome)
        if outcome.status != 201:
            return False, f"#{n}: submit answered {outcome.status}: {outcome.body}"
        return True, Submitted(n, outcome.body["dossier_id"], outcome.body["code"])

    return _run("submit", range(count), one, concurrency)


def receive_all(url: str, token: str, dossiers: list[Submitted], concurrency: int, recorder: Recorder) -> Phase:
    """Each dossier received once, at the version the citizen's submission left (1)."""
    headers = {"Authorization": f"Bearer {token}"}

    def one(dossier: Submitted) -> tuple[bool, Submitted | str]:
        outcome = attempt(lambda: session().post(f"{url}/api/officer/dossiers/{dossier.dossier_id}/receive",
                                                 json={"version": 1}, headers=headers, timeout=TIMEOUT), OFFICER_RETRY)
        recorder.add("receive", outcome)
        if outcome.status == 200:
            return True, dossier
        if outcome.status == 409 and applied_before(outcome):
            recorder.note("receive: 409 after a lost answer (counted as applied)")
            return True, dossier
        return False, f"{dossier.code}: receive answered {outcome.status}: {outcome.body}"

    return _run("receive", dossiers, one, concurrency)


def applied_before(outcome: Outcome) -> bool:
    """A 409 on a retry whose earlier try's answer was lost (no answer, or a 503 that may have
    come after the write): that try may have received the dossier, and the version moved on. The
    consistency check then finds out whether it really did."""
    return outcome.tries > 1 and bool(outcome.failures)
