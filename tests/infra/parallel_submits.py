"""Many citizens submitting at the same moment, over HTTP, on a running local stack.

`python -m tests.infra.parallel_submits [--count 20]` starts a stack in this process (the
template's real functions, in-memory data) and prints how many of the parallel submissions
succeeded and their median time. The timing is printed, never asserted: it depends on the
machine and on what else runs on it.
"""
from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from tests.infra import portal_client


def submit_in_parallel(url: str, count: int) -> list[tuple[int, float, dict]]:
    """`count` dossiers, each with its own uploaded file, submitted at once: for each, the
    status, the seconds it took, and the answer's JSON."""
    upload_ids = [portal_client.upload(url) for _ in range(count)]

    def one(upload_id: str) -> tuple[int, float, dict]:
        started = time.monotonic()
        answer = portal_client.submit(url, upload_id)
        return answer.status_code, time.monotonic() - started, answer.json()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, upload_ids))


def main(argv: list[str] | None = None) -> int:
    from infra.local.run import start_stack

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args(argv)
    stack = start_stack()
    try:
        results = submit_in_parallel(stack.url, args.count)
    finally:
        stack.stop()
    succeeded = sum(status == 201 for status, _, _ in results)
    print(f"{args.count} parallel submits: {succeeded} succeeded, "  # noqa: T201 - the script's report
          f"median {statistics.median(seconds for _, seconds, _ in results):.2f} s, "
          f"slowest {max(seconds for _, seconds, _ in results):.2f} s")
    return 0 if succeeded == args.count else 1


if __name__ == "__main__":
    raise SystemExit(main())
