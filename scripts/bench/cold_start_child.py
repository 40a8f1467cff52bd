"""One cold start, in a fresh interpreter started by scripts/bench/cold_start.py.

    python scripts/bench/cold_start_child.py SUBJECT REQUESTS.json

Run as a file, not as `-m scripts.bench...`, so that nothing but the standard library is loaded
before the measured import (the `scripts` package would load more). Prints one JSON object: the
import time, then, for an entry point, the time of each of the first requests (in order, against
the moto server the parent started) and their status codes.
"""
from __future__ import annotations

import importlib
import json
import sys
import time

# The reference: what any Powertools HTTP API function pays before its own code.
BARE = "bare"
# The bare resolver plus a Powertools Tracer, to show what keeping the Tracer would cost.
BARE_WITH_TRACER = "bare+tracer"
ENTRY_POINTS = {"citizen": "portal.handlers.citizen", "officer": "portal.handlers.officer"}
# Heavy modules an entry point should leave to the requests that need them (botocore.session is
# the SDK proper; botocore.exceptions alone is light).
WATCHED = ("boto3", "botocore.session", "botocore.exceptions", "holidays", "aws_xray_sdk")


def _bare(with_tracer: bool) -> None:
    from aws_lambda_powertools import Logger
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

    Logger()
    APIGatewayHttpResolver(enable_validation=True)
    if with_tracer:
        from aws_lambda_powertools import Tracer

        Tracer()


def main(subject: str, requests_path: str) -> dict:
    started, cpu_started = time.perf_counter(), time.process_time()
    if subject in (BARE, BARE_WITH_TRACER):
        _bare(subject == BARE_WITH_TRACER)
        module = None
    else:
        module = importlib.import_module(ENTRY_POINTS[subject])
    result: dict = {
        "subject": subject,
        "import_s": time.perf_counter() - started,
        # CPU time of this process alone: what other work on the machine does not inflate.
        "import_cpu_s": time.process_time() - cpu_started,
        "loaded_by_import": [name for name in WATCHED if name in sys.modules],
        "requests": [],
    }
    if module is None:
        return result

    # Untimed: the stand-in for the Lambda runtime's context object (standard library only).
    from infra.local.api_event import LambdaContext

    leaked = [name for name in WATCHED if name in sys.modules and name not in result["loaded_by_import"]]
    if leaked:
        raise SystemExit(f"the benchmark itself loaded {leaked} before the first request")
    with open(requests_path, encoding="utf-8") as handle:
        requests = json.load(handle)[subject]
    for request in requests:
        context = LambdaContext(function_name=f"portal-{subject}")
        started = time.perf_counter()
        answer = module.lambda_handler(request["event"], context)
        seconds = time.perf_counter() - started
        result["requests"].append({"name": request["name"], "status": answer["statusCode"], "seconds": seconds})
    result["loaded_by_requests"] = [name for name in WATCHED if name in sys.modules]
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
