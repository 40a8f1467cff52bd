"""The "Load on the local stack" section of docs/benchmarks.md from one run."""
from __future__ import annotations

import statistics

SECTION = "## Load on the local stack"
# Measured once, stated with every run: why `make load` runs modest numbers.
LIMIT = """\
The local stack does not scale to 1,000 + 1,000 here: moto's `transact_write_items` deep-copies
the whole table for every item of a transaction (its rollback copy), so each submission and
receive costs time and memory in proportion to what the table already holds. A run of 150 + 150
on 02/12/2026 slowed from 15 submissions in 20 s to 15 in 100 s and was stopped by the kernel's
out-of-memory killer at 15 GB after about 210 writes. The figures above are therefore for a
small table; the cloud's DynamoDB has no such cost."""


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
        *LIMIT.splitlines(),
        "",
    ]
    return "\n".join(lines)
