"""`python -m scripts.load`: see the package's docstring."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts.bench.sections import write_section
from scripts.load import report
from scripts.load.client import loopback_url
from scripts.load.runner import run, table_items

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tải thử cổng trên máy (127.0.0.1): nộp hồ sơ, tiếp nhận, "
                                     "rồi kiểm tra không mất, không trùng.")
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=1000, help="receives, at most one per submission")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--url", help="a running local stack, http://127.0.0.1:<port> (default: start one)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if not (0 < args.submissions <= 10_000 and args.actions >= 0 and 0 < args.concurrency <= 64):
        raise SystemExit("bounded: 1–10,000 submissions, 1–64 clients")
    stack = None
    if args.url:
        url, items = loopback_url(args.url), None
    else:
        from infra.local.run import start_stack

        # The functions' workers inherit this environment: no log line or metric printed per
        # request (thousands of them would only slow the terminal).
        os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")
        stack = start_stack()
        url, items = stack.url, table_items(stack)
    try:
        result = run(url, args.submissions, min(args.actions, args.submissions), args.concurrency, items)
    finally:
        if stack:
            stack.stop()
    section = report.render(result)
    print(section)
    if not args.no_write:
        write_section(args.out, report.SECTION, section)
        print(f"written to {args.out}")
    return 0 if not result["consistency"]["problems"] and all(p["succeeded"] == p["count"] for p in result["phases"]) else 1


if __name__ == "__main__":
    sys.exit(main())
