"""The "Load on the local stack" section of docs/benchmarks.md from one run."""
from __future__ import annotations

import statistics

SECTION = "## Load on the local stack"
# Why moto keeps pace with the run (stated with every run).
MOTO = """\
Moto as shipped could not take this many: its DynamoDB transactions deep-copied the whole table for
every item (a run of 150 + 150 on 02/12/2026 was killed at 15 GB after about 210 writes).
infra/local/moto_fixes.py backs up only the items a transaction names. Moto still answers a query
on an index by reading every item of the table, so the local stack's times grow slowly with the
table where DynamoDB's do not."""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms".replace(",", " ")


def render(run: dict) -> str:
    phases, consistency = run["phases"], run["consistency"]
    lines = [
        SECTION,
        "",
        "Citizens submitting, then a receptionist receiving, many at once, over HTTP against the local",
        "stack on 127.0.0.1 (the dev gateway, the template's functions in Lambda-like worker processes,",
        "one moto server for DynamoDB, S3 and Cognito). Moto serves one request at a time: these are the",
        "local stack's figures, a floor for the cloud's, not a forecast of them. One submission and",
        "one receive per client run first, untimed, while the functions' workers start; they are",
        "checked with the others.",
        "",
        f"- Measured {run['started_at']}: {run['submissions']} submissions, then {run['actions']} receives, "
        f"{run['concurrency']} clients at a time; took {run['seconds']:.0f} s; 1-minute load average "
        f"{run['load'][0]:.1f} at the start, {run['load'][1]:.1f} at the end.",
        f"- Machine: {run['machine']} (shared with other work: absolute figures are inflated when it is busy).",
        f"- Reproduce: `make load` (`python -m scripts.load --submissions {run['submissions']} "
        f"--actions {run['actions']} --concurrency {run['concurrency']}`).",
        "",
        "| phase | operations | succeeded | wall time | throughput |",
        "|---|---:|---:|---:|---:|",
    ]
    for phase in phases:
        lines.append(f"| {phase['name']} | {phase['count']} | {phase['succeeded']} | {phase['seconds']:.1f} s | "
                     f"{phase['throughput']:.1f} /s |")
    lines += ["", "| operation (all its tries) | n | p50 | p95 | p99 | max |", "|---|---:|---:|---:|---:|---:|"]
    for name, values in run["timings"].items():
        lines.append(f"| {name} | {len(values)} | {_ms(statistics.median(values))} | {_ms(percentile(values, 95))} | "
                     f"{_ms(percentile(values, 99))} | {_ms(max(values))} |")
    errors = run["errors"]
    lines += [
        "",
        "Failed tries (each retried, up to 6 tries, with the same Idempotency-Key or version): "
        + ("; ".join(f"{kind} × {n}" for kind, n in sorted(errors.items())) if errors else "none") + ".",
        "",
        f"Consistency: {consistency['checked']} accepted submissions checked through the officer API (search by "
        f"code: exactly one dossier, the one answered; its events: `submit`, then `receive` for the "
        f"{consistency['received']} received)"
        + (f"; the table holds {consistency['table']['dossiers']} dossiers and {consistency['table']['codes']} codes"
           if consistency["table"] else "")
        + ": " + ("**no loss, no duplicate, no stray event**." if not consistency["problems"] else
                  f"**{len(consistency['problems'])} problems**: " + "; ".join(consistency["problems"][:10]) + "."),
        "",
        *MOTO.splitlines(),
        "",
    ]
    return "\n".join(lines)
