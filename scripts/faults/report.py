"""What a faulted run did, as the few lines a test prints and as the "Faults" section of
docs/benchmarks.md."""
from __future__ import annotations

import statistics

from scripts.load.report import percentile

SECTION = "## Faults"
# Why moto keeps pace with the run (stated with every run).
MOTO = """\
As shipped, moto (5.2.5) could not run this many: its `transact_write_items` deep-copied the whole
table once for every item of a transaction, for the rollback, and kept every copy for its
dashboard, so each operation cost time and memory in proportion to what the table held (300 + 300
took 1,366 s on 02/12/2026, and 1,000 + 1,000 would have taken hours). infra/local/moto_fixes.py
backs up only the items a transaction names (tests/infra/test_moto_fixes.py). What still grows,
slowly, below is moto's own: it answers a query on an index by reading every item of the table,
where DynamoDB reads only the index's matching items."""


def whole(run: dict) -> bool:
    """Every operation succeeded and the check found nothing lost, doubled or disagreeing, before
    and after the retention job's sweep (and no copy without a dossier after it)."""
    consistency = run["consistency"]
    return (run["accepted"] == run["submissions"] and run["applied"] == run["actions"] and not run["tally"].failed
            and not consistency["losses"] and not consistency["duplicates"] and not consistency["disagreements"]
            and not any(consistency["after_sweep"].values()))


def _kinds(injected: dict) -> dict[str, int]:
    """Faults by kind (the error, or a lost answer), whatever the operation."""
    kinds: dict[str, int] = {}
    for name, n in injected.items():
        kind = name.split(":", 1)[1]
        kinds[kind] = kinds.get(kind, 0) + n
    return dict(sorted(kinds.items()))


def _answers(tally) -> dict[str, dict[int, int]]:
    table: dict[str, dict[int, int]] = {}
    for (operation, status), n in sorted(tally.answers.items()):
        table.setdefault(operation, {})[status] = n
    return table


def counts(run: dict) -> str:
    tally, consistency = run["tally"], run["consistency"]
    retries = {op: sum(t) - len(t) for op, t in tally.tries.items()}
    return "\n".join([
        f"faults injected: {sum(run['injected'].values())} {_kinds(run['injected'])}",
        f"answers: {_answers(tally)}",
        f"retries: {retries}; actions found applied after a lost answer: {dict(tally.recovered)}",
        f"accepted {run['accepted']}/{run['submissions']} submissions, applied {run['applied']}/{run['actions']} actions",
        f"consistency: {consistency['dossiers']} dossiers, {consistency['events']} events, {consistency['messages']} "
        f"outbox messages; losses {len(consistency['losses'])}, duplicates {len(consistency['duplicates'])}, "
        f"disagreements {len(consistency['disagreements'])}; copies without a dossier {consistency['orphan_copies']} "
        f"(at most {consistency['copies_may_stay']} may be: a removal, or the read of whether the write was done, failed)",
        _after_sweep(consistency),
    ])


def _after_sweep(consistency: dict) -> str:
    after = consistency["after_sweep"]
    return (f"The retention job's sweep two days on removed {consistency['swept_folders']} folders of dossiers never "
            f"recorded; then copies without a dossier {after['orphan_copies']}, losses {len(after['losses'])}, "
            f"disagreements {len(after['disagreements'])}")


def _problems(items: list[str]) -> str:
    return f"**{len(items)}**: " + "; ".join(items[:5]) if items else "**0**"


def render(run: dict) -> str:
    tally, consistency = run["tally"], run["consistency"]
    operations = list(tally.tries)
    statuses = sorted({status for _, status in tally.answers})
    answers = _answers(tally)
    args = f"--submissions {run['submissions']} --actions {run['actions']} --rate {run['rate']} --seed {run['seed']}"
    lines = [
        SECTION,
        "",
        "Citizens submitting, then a receptionist receiving (and forwarding a fifth of the received",
        "dossiers to a specialist), through the two functions called in one process on moto, while a",
        "seeded botocore hook fails the functions' own DynamoDB and S3 calls: a call fails before it",
        "reaches the service (throttling or the service's error), or a transaction is done but its",
        "answer is lost. Clients retry as the site's scripts do (a 503 as it was, a submission's 409",
        "with the same Idempotency-Key, an action's 409 after reading the dossier again, where an",
        "action already there counts as applied); at most 30 tries each. Then the table and the",
        "bucket are read directly (scripts/faults/consistency.py).",
        "",
        f"- Measured {run['started_at']}: {run['submissions']} submissions, then {run['actions']} actions, one at a "
        f"time; faults on {run['rate']:.0%} of calls, lost answers on {run['lost_rate']:.0%} of transactions, seed "
        f"{run['seed']}; took {run['seconds']:.0f} s; 1-minute load average {run['load'][0]:.1f} at the start, "
        f"{run['load'][1]:.1f} at the end.",
        f"- Machine: {run['machine']} (shared with other work)"
        + (f"; the run's peak memory {run['max_rss_mb'] / 1024:.1f} GB." if run.get("max_rss_mb") else "."),
        f"- Reproduce: `make faults FAULTS_ARGS=\"{args}\"` (`python -m scripts.faults {args}`); `make test` "
        "runs 100 + 100 of it (tests/api/test_retries_and_faults.py).",
        "",
        f"Faults injected: {sum(run['injected'].values())}.",
        "",
        "| operation | " + " | ".join(sorted({name.split(':', 1)[1] for name in run["injected"]})) + " |",
        "|---|" + "---:|" * len({name.split(':', 1)[1] for name in run["injected"]}),
    ]
    kinds = sorted({name.split(":", 1)[1] for name in run["injected"]})
    for operation in sorted({name.split(":", 1)[0] for name in run["injected"]}):
        lines.append(f"| {operation} | " + " | ".join(str(run["injected"].get(f"{operation}:{k}", "")) for k in kinds) + " |")
    lines += [
        "",
        "| operation | done | " + " | ".join(f"answered {s}" for s in statuses)
        + " | retries | tries p50 | tries p95 | tries max | wall time p50 | p95 |",
        "|---|---:|" + "---:|" * (len(statuses) + 6),
    ]
    for op in operations:
        tries, seconds = tally.tries[op], tally.seconds[op]
        lines.append(
            f"| {op} | {len(tries)} | " + " | ".join(str(answers.get(op, {}).get(s, "")) for s in statuses)
            + f" | {sum(tries) - len(tries)} | {statistics.median(tries):.0f} | {percentile(tries, 95):.0f} | "
            f"{max(tries)} | {statistics.median(seconds) * 1000:.0f} ms | {percentile(seconds, 95) * 1000:.0f} ms |")
    errors = "; ".join(f"{status} `{code}` × {n}" for (status, code), n in sorted(tally.errors.items()))
    recovered = "; ".join(f"{op} × {n}" for op, n in sorted(tally.recovered.items())) or "none"
    lines += [
        "",
        f"Retryable answers, by status and error code: {errors or 'none'}. Actions found already applied on "
        f"re-reading after a 409 (their answer was lost): {recovered}. Operations that failed: "
        f"{len(tally.failed)}" + (f" ({'; '.join(tally.failed[:5])})" if tally.failed else "") + ".",
        "",
        f"Consistency: {run['accepted']} of {run['submissions']} submissions accepted, {run['applied']} of "
        f"{run['actions']} actions applied; the table holds {consistency['dossiers']} dossiers, {consistency['codes']} "
        f"codes, {consistency['events']} events and {consistency['messages']} outbox messages. Losses "
        f"{_problems(consistency['losses'])}, duplicates {_problems(consistency['duplicates'])}, disagreements "
        f"(version ≠ writes, queues ≠ state) {_problems(consistency['disagreements'])}. Copies in the bucket "
        f"without a dossier: {consistency['orphan_copies']} (at most {consistency['copies_may_stay']} may be: a removal, or the read of whether the write was done, failed). "
        f"{_after_sweep(consistency)} (the same check again).",
        "",
        *MOTO.splitlines(),
        "",
        "Time per operation as the table grows:",
        "",
        "| phase | operations done | seconds per operation in the last block |",
        "|---|---:|---:|",
        *(f"| {point['phase']} | {point['done']} | {point['per_operation']:.2f} s |" for point in run["curve"]),
        "",
    ]
    return "\n".join(lines)
