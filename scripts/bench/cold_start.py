"""Cold start of the two Lambda entry points, beside a bare Powertools resolver.

    .venv/bin/python -m scripts.bench.cold_start [--runs 9] [--out docs/benchmarks.md]
    make bench-cold-start

Each measurement is a fresh interpreter (scripts/bench/cold_start_child.py) that imports one
subject and, for an entry point, answers its first requests: what a new Lambda container does.
The reference is the bare resolver (`APIGatewayHttpResolver(enable_validation=True)` with a
Logger), measured in the same run, interleaved with the others, so the machine's load weighs on
all alike; figures are medians, of CPU time (what other work on a shared machine does not
inflate, the target's measure) and of wall time. An import deferred to the request that needs it still counts: the
first requests' times are reported beside the import's.

The requests run against a moto server on 127.0.0.1 provisioned from template.yaml, in another
process, so the measured process loads nothing the Lambda would not (in-process moto would load
boto3 and botocore before the first request and hide their cost). Writes the "Cold start"
section of docs/benchmarks.md and leaves the other sections as they are.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from infra.local.api_event import build_event
from scripts.bench import sections

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("cold_start_child.py")
CATALOGUE = ROOT / "functions" / "portal" / "catalogue.json"
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
SECTION = "## Cold start"
TARGET_RATIO = 1.25  # each entry point's import at most this many times the bare resolver's
SUBJECTS = ("bare", "bare+tracer", "citizen", "officer")
ENTRY_POINTS = ("citizen", "officer")
SITE_ORIGIN = "http://127.0.0.1:8000"
# An officer as the HTTP API's JWT authorizer hands the claims over (groups as one string).
RECEPTIONIST = {"sub": "bench-officer", "cognito:username": "tiepnhan", "cognito:groups": "[receptionist]"}


def _json_event(method: str, path: str, body: dict | None = None, query: str = "", **extra) -> dict:
    headers = {"content-type": "application/json", "origin": SITE_ORIGIN, **extra.pop("headers", {})}
    raw = json.dumps(body, ensure_ascii=False) if body is not None else None
    return build_event(method, path, query=query, headers=headers, body=raw, **extra)


def first_requests(agency: str) -> dict[str, list[dict]]:
    """The first requests of each entry point and the status each must get (a 500 would make
    the timing meaningless): reads that reach DynamoDB, and a submission the procedure's rules
    refuse after the idempotency record was written."""
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    online = next(p for p in catalogue["procedures"] if "online" in (p.get("channels") or {}))
    submission = {
        "procedure_id": online["id"],
        "applicant": {
            "kind": "ca-nhan",
            "full_name": "Nguyễn Văn An",
            "id_number": "051090000123",
            "phone": "0905123456",
            "address": {"province": "Quảng Ngãi", "commune": "Phường Nghĩa Lộ"},
        },
        "answers": {},
        "documents": [],
        "consent": False,
    }
    claims = {**RECEPTIONIST, "custom:agency": agency}
    return {
        "citizen": [
            {"name": "lookup of an unknown code", "expect": 404,
             "event": _json_event("POST", "/api/lookup", {"code": f"{agency}-260708-0001", "id_number": "051090000123"})},
            {"name": "submission refused by the procedure's rules", "expect": 422,
             "event": _json_event("POST", "/api/dossiers", submission, headers={"idempotency-key": "bench-1"})},
        ],
        "officer": [
            {"name": "queue", "expect": 200,
             "event": _json_event("GET", "/api/officer/queue", query="queue=submitted", claims=claims)},
            {"name": "detail of an unknown dossier", "expect": 404,
             "event": _json_event("GET", "/api/officer/dossiers/01JBENCH0000000000000000000", claims=claims)},
        ],
    }


def _child_env(lambda_env: dict[str, str], endpoint_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_", "PYTHON"))}
    env.update(lambda_env)
    env.update({
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_ACCESS_KEY_ID": "testing",  # moto accepts any; never a real account's
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": lambda_env.get("AWS_DEFAULT_REGION", "ap-southeast-1"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "functions"), str(ROOT)]),
    })
    return env


def _run_child(subject: str, requests_file: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, str(CHILD), subject, str(requests_file)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{subject}: the cold start failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(runs: int) -> dict:
    from moto.server import ThreadedMotoServer

    from infra.local.provision import provision

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request otherwise

    started_at = datetime.now().astimezone()
    load_before = os.getloadavg()[0]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint_url = f"http://{host}:{port}"
        stack = provision(endpoint_url=endpoint_url, parameters={"SiteOrigin": SITE_ORIGIN})
        env = _child_env(stack.env, endpoint_url)
        requests = first_requests(stack.env["AGENCY_CODE"])
        with tempfile.TemporaryDirectory() as work:
            requests_file = Path(work) / "requests.json"
            requests_file.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
            for subject in SUBJECTS:  # warm-up, not counted: writes the bytecode caches
                _run_child(subject, requests_file, env)
            samples: dict[str, list[dict]] = {subject: [] for subject in SUBJECTS}
            for run in range(runs):
                order = SUBJECTS[run % len(SUBJECTS):] + SUBJECTS[:run % len(SUBJECTS)]
                for subject in order:
                    samples[subject].append(_run_child(subject, requests_file, env))
    finally:
        server.stop()
    for subject in ENTRY_POINTS:
        expected = [r["expect"] for r in requests[subject]]
        for sample in samples[subject]:
            got = [r["status"] for r in sample["requests"]]
            if got != expected:
                raise SystemExit(f"{subject}: the first requests answered {got}, expected {expected}")
    return {
        "started_at": started_at.strftime("%d/%m/%Y %H:%M"),
        "seconds": (datetime.now().astimezone() - started_at).total_seconds(),
        "load": (load_before, os.getloadavg()[0]),
        "runs": runs,
        "requests": {s: [r["name"] for r in requests[s]] for s in ENTRY_POINTS},
        "samples": samples,
    }


def summarise(run: dict) -> dict:
    """Medians per subject, and each import as a ratio of the bare resolver's, in CPU time (the
    verdict: it is what other work on a shared machine does not inflate) and in wall time."""
    samples = run["samples"]
    bare = statistics.median(s["import_s"] for s in samples["bare"])
    bare_cpu = statistics.median(s["import_cpu_s"] for s in samples["bare"])
    rows = {}
    for subject, taken in samples.items():
        imported = statistics.median(s["import_s"] for s in taken)
        imported_cpu = statistics.median(s["import_cpu_s"] for s in taken)
        row = {
            "import_s": imported,
            "ratio": imported / bare,
            "import_cpu_s": imported_cpu,
            "cpu_ratio": imported_cpu / bare_cpu,
            "loaded_by_import": taken[0]["loaded_by_import"],
        }
        if taken[0]["requests"]:
            count = len(taken[0]["requests"])
            row["requests_s"] = [statistics.median(s["requests"][i]["seconds"] for s in taken) for i in range(count)]
            row["total_s"] = statistics.median(s["import_s"] + sum(r["seconds"] for r in s["requests"]) for s in taken)
            row["loaded_by_requests"] = taken[0]["loaded_by_requests"]
        rows[subject] = row
    return {"bare_s": bare, "bare_cpu_s": bare_cpu, "rows": rows}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _modules(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "none of them"


def render(run: dict, summary: dict) -> str:
    rows = summary["rows"]
    lines = [
        SECTION,
        "",
        "A new Lambda container imports its entry point, then answers its first request. Each figure",
        "is the median of fresh interpreters; the reference is a bare Powertools",
        "`APIGatewayHttpResolver(enable_validation=True)` with a Logger, measured in the same run.",
        f"Target: each entry point's import at most {TARGET_RATIO}× the bare resolver's.",
        "",
        f"- Measured {run['started_at']}, {run['runs']} cold starts of each subject (interleaved, after one",
        f"  uncounted warm-up), took {run['seconds']:.0f} s; 1-minute load average {run['load'][0]:.1f} at the start,",
        f"  {run['load'][1]:.1f} at the end (other work on the machine inflates absolute times more than ratios).",
        f"- Machine: {os.cpu_count()} CPUs, {platform.platform()}; Python {platform.python_version()}, "
        f"aws-lambda-powertools {version('aws-lambda-powertools')}, pydantic {version('pydantic')}.",
        "- Reproduce: `make bench-cold-start` (`scripts/bench/cold_start.py`; `--runs N`).",
        "",
        "| Subject | Import, CPU | × bare, CPU | Import, wall | × bare, wall | First requests, wall (each) | Import + first requests, wall |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    labels = {"bare": "bare resolver (reference)", "bare+tracer": "bare resolver + Powertools `Tracer()`"}
    for subject in SUBJECTS:
        row = rows[subject]
        label = labels.get(subject, f"`portal.handlers.{subject}`")
        if "requests_s" in row:
            each = "; ".join(f"{name}: {_ms(s)}" for name, s in zip(run["requests"][subject], row["requests_s"], strict=True))
            total = _ms(row["total_s"])
        else:
            each, total = "–", "–"
        lines.append(
            f"| {label} | {_ms(row['import_cpu_s'])} | {row['cpu_ratio']:.2f}× | {_ms(row['import_s'])} "
            f"| {row['ratio']:.2f}× | {each} | {total} |"
        )
    verdicts = [
        f"`{s}` {rows[s]['cpu_ratio']:.2f}× ({'met' if rows[s]['cpu_ratio'] <= TARGET_RATIO else 'NOT met'})"
        for s in ENTRY_POINTS
    ]
    tracer_cost = rows["bare+tracer"]["import_cpu_s"] - summary["bare_cpu_s"]
    lines += [
        "",
        f"- Target {TARGET_RATIO}× (CPU time of the import): " + ", ".join(verdicts) + ". With a core free, an",
        "  import's wall time is close to its CPU time (the bytecode comes from the page cache); on a",
        "  busy machine wall time also counts the waits for a core, which vary from run to run.",
        "- Of boto3, botocore.session, botocore.exceptions, holidays and aws_xray_sdk, "
        + "; ".join(
            f"`{s}` loads {_modules(rows[s]['loaded_by_import'])} when imported and "
            f"{_modules(rows[s]['loaded_by_requests'])} once its first requests are answered"
            for s in ENTRY_POINTS
        )
        + ".",
        f"- A Powertools `Tracer()` adds {_ms(tracer_cost)} of CPU to the bare import (it loads the X-Ray SDK and",
        "  botocore when created), more than the target allows: the functions do not use it; each",
        "  invocation is traced by the Lambda service (`Tracing: Active` in template.yaml).",
        "",
        "### Method",
        "",
        "- `scripts/bench/cold_start_child.py` runs as a file in a new interpreter for every sample, so",
        "  only the standard library is loaded before the timed import. Bytecode caches are warm (the",
        "  warm-up writes them), as in a package that ships `.pyc` files.",
        "- The first requests go to a moto server on 127.0.0.1 in the benchmark's own process,",
        "  provisioned from template.yaml: the timed process loads boto3 and botocore itself, when the",
        "  request needs them, as in Lambda. They include building the resolver, the AWS clients, the",
        "  bundled catalogue and the round trips to moto over loopback.",
        "- Citizen: " + "; then ".join(run["requests"]["citizen"]) + ". Officer: "
        + "; then ".join(run["requests"]["officer"]) + ".",
        "",
    ]
    return "\n".join(lines)


def write_section(out: Path, section: str) -> None:
    """Replace the "Cold start" section of `out` (up to the next `## ` heading), or append it."""
    sections.write_section(out, SECTION, section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="cold starts of each subject (default 9)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown report (default: docs/benchmarks.md)")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if not CATALOGUE.exists():
        raise SystemExit("functions/portal/catalogue.json is missing: run `make catalogue` first")
    started = time.monotonic()
    run = measure(args.runs)
    section = render(run, summarise(run))
    print(section)
    if not args.no_write:
        write_section(args.out, section)
        print(f"written to {args.out} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
