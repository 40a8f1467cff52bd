"""`python -m scripts.faults`: see the package's docstring."""
from __future__ import annotations

import argparse
import os
import pickle
import platform
import resource
import sys
from datetime import datetime
from pathlib import Path

from scripts.bench.sections import write_section
from scripts.faults import report

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
# The last run's result, so its section can be written again without running it again.
LAST_RUN = ROOT / "build" / "faults-last-run.pickle"


def _on_moto(submissions: int, actions: int, rate: float, seed: int) -> dict:
    """The run in this process on moto, the resources built from template.yaml as the tests build them."""
    from infra.local.in_process import provisioned_moto
    from infra.local.officers import seed_officers
    from scripts.faults.clients import Officer
    from scripts.faults.inprocess import receptionist
    from scripts.faults.run import run

    # Quiet: every injected fault would otherwise print its traceback and metrics.
    with provisioned_moto(POWERTOOLS_METRICS_DISABLED="true", POWERTOOLS_LOG_LEVEL="CRITICAL") as env:
        seed_officers(env)  # the demo receptionist, and the specialist dossiers are forwarded to
        officer = Officer(receptionist(env["AGENCY_CODE"]), "chuyenvien")
        return run(env, submissions, actions, rate, seed, officer,
                   progress=lambda line: print(line, file=sys.stderr, flush=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nộp hồ sơ và thao tác của cán bộ khi DynamoDB, S3 lỗi ngẫu nhiên "
                                     "(có hạt giống), rồi kiểm tra không mất, không trùng.")
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.12, help="the share of calls that fail")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    parser.add_argument("--last", action="store_true", help="the last run's section again, without running")
    args = parser.parse_args(argv)
    if not (0 < args.submissions <= 5000 and 0 <= args.actions <= 5000 and 0 <= args.rate < 0.5):
        raise SystemExit("bounded: 1–5,000 submissions, 0–5,000 actions, a rate below 0.5")
    if args.last:
        result = pickle.loads(LAST_RUN.read_bytes())  # noqa: S301 - this script's own file
    else:
        started_at, load_before = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"), os.getloadavg()[0]
        result = _on_moto(args.submissions, args.actions, args.rate, args.seed)
        result.update(started_at=started_at, load=[load_before, os.getloadavg()[0]],
                      max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      machine=f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
        LAST_RUN.parent.mkdir(exist_ok=True)
        LAST_RUN.write_bytes(pickle.dumps(result))
    print(report.counts(result))
    section = report.render(result)
    print(section)
    if not args.no_write:
        write_section(args.out, report.SECTION, section)
        print(f"written to {args.out}")
    return 0 if report.whole(result) else 1


if __name__ == "__main__":
    sys.exit(main())
