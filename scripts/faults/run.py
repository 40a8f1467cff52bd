"""One faulted run, in this process against the AWS the environment names (moto in the tests
and in `python -m scripts.faults`): `submissions` citizens submit, then a receptionist does
`actions` actions, all while `Faults` fails the functions' calls; then the consistency check,
and again after the retention job's sweep of the copies no dossier names.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import boto3

from scripts.faults import clients, consistency
from scripts.faults.hook import Faults, injected
from scripts.faults.inprocess import Functions

# How many blocks each phase's time per operation is reported in (how moto's cost grows).
BLOCKS = 10


def _blocks(phase: str, count: int, progress: Callable[[str], None] | None):
    """A step(done) to call after each operation: it records each block's seconds per operation."""
    curve: list[dict] = []
    size = max(1, count // BLOCKS)
    started = last = time.perf_counter()

    def step(done: int) -> None:
        nonlocal last
        if done % size and done != count:
            return
        now = time.perf_counter()
        ops = done - (curve[-1]["done"] if curve else 0)
        curve.append({"phase": phase, "done": done, "per_operation": (now - last) / ops})
        last = now
        if progress:
            progress(f"{phase}: {done}/{count} in {now - started:.0f} s ({curve[-1]['per_operation']:.2f} s each)")

    return curve, step


def run(env: dict, submissions: int, actions: int, rate: float, seed: int, officer: clients.Officer,
        progress: Callable[[str], None] | None = None) -> dict:
    """`officer`: who acts, and the specialist of the agency (in the user pool) they forward to."""
    functions = Functions()
    s3 = boto3.client("s3")  # the citizens' own puts and the check: never faulted
    table = boto3.resource("dynamodb").Table(env["TABLE_NAME"])
    # Powertools' own records are spared: its in-progress record outlives a failed delete for
    # the Lambda's whole timeout, which would only make the run wait, not test anything else.
    faults = Faults(seed, rate, spared_table=env["IDEMPOTENCY_TABLE_NAME"])
    tally = clients.Tally()
    submitted: list[clients.Submitted] = []
    applied: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    with injected(faults):
        submit_curve, step = _blocks("submit", submissions, progress)
        for n in range(submissions):
            dossier = clients.submit(functions, s3, env["DOCUMENTS_BUCKET"], n, tally, seed)
            if dossier:
                submitted.append(dossier)
            step(n + 1)
        steps = clients.plan(submitted, actions)
        act_curve, step = _blocks("act", len(steps), progress)
        for n, (dossier_id, action) in enumerate(steps):
            if clients.act(functions, officer, dossier_id, action, tally):
                applied[dossier_id].append(action)
            step(n + 1)
        faults.on = False
    seconds = time.perf_counter() - started
    # A copy may stay without a dossier when its removal failed, or when reading whether the
    # write was done failed (services/dossiers.py keeps it then): bounded by those faults.
    may_stay = faults.count("DeleteObjectVersion") + faults.count("GetItem")
    checked = consistency.check(table, s3, env["DOCUMENTS_BUCKET"], submitted, applied, may_stay)
    # The daily retention job, two days on, removes those copies, and nothing a dossier names:
    # the check again finds no copy without a dossier and still no loss. (Imported here, as the
    # functions import it: the package's Metrics read their namespace from the environment
    # `env` describes when first imported.)
    from portal.services import retention

    swept = retention.Report()
    # (S3 dates its copies by the wall clock, which the tests' clock of the services is not.)
    two_days_on = datetime.now(UTC) + timedelta(days=2)
    retention.sweep_unrecorded(retention.store(), two_days_on, swept, lambda: False)
    after_sweep = consistency.check(table, s3, env["DOCUMENTS_BUCKET"], submitted, applied, 0)
    checked["swept_folders"] = len(swept.swept)
    checked["after_sweep"] = {k: after_sweep[k] for k in ("orphan_copies", "losses", "duplicates", "disagreements")}
    return {
        "submissions": submissions, "actions": len(steps), "rate": rate, "lost_rate": faults.lost_rate, "seed": seed,
        "seconds": seconds, "accepted": len(submitted), "applied": sum(len(a) for a in applied.values()),
        "injected": dict(faults.injected), "tally": tally, "curve": submit_curve + act_curve, "consistency": checked,
    }
