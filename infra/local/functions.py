"""The template's Lambda functions, run locally the way Lambda runs them: each function has its
own execution environments (worker processes), each handling one event at a time, and more
environments start while all are busy, up to a limit.

Processes rather than threads because the handlers are written for Lambda, where a process
never serves two events at once: Powertools keeps the current event on the resolver class
(`BaseRouter.current_event`), and the store caches one boto3 resource per process. Two events
in threads of one process would read each other's request.

Workers are spawned (not forked: the parent runs the moto server's threads) with this
process's environment, which `prepare_handler_environment` sets first, and ignore Ctrl-C so
the parent alone decides when they stop (and exit by themselves if it dies).
"""
from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import Any

from infra.local import template as sam
from infra.local.api_event import LambdaContext
from infra.local.template import Route

log = logging.getLogger("portal.gateway")

# One per core: more would only take turns on the cores (and moto, in the parent, does most of
# the work of a request). A request that finds every environment busy waits for one, as with a
# function's reserved concurrency.
DEFAULT_ENVIRONMENTS = os.cpu_count() or 1

Invoke = Callable[[Route, dict], Any]  # (route, event) -> the function's result


def prepare_handler_environment(env: Mapping[str, str], endpoint_url: str, template_path=sam.TEMPLATE_PATH) -> None:
    """Make this process, and the workers it spawns later, look like the Lambda runtime: the
    template's environment, boto3 pointed at moto, dummy credentials, the functions' code
    importable."""
    os.environ.update(env)
    os.environ["AWS_ENDPOINT_URL"] = endpoint_url
    os.environ.setdefault("AWS_REGION", env.get("AWS_DEFAULT_REGION", sam.DEFAULT_REGION))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "testing")  # moto accepts any; never a real account's
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")  # no X-Ray daemon locally
    code = str(sam.code_dir(template_path))
    if code not in sys.path:
        sys.path.insert(0, code)  # spawned workers inherit sys.path


@cache
def import_handler(handler: str) -> Callable[[dict, Any], Any]:
    """The function a `Handler: module.function` names, imported once per worker (a warm start)."""
    module_name, function_name = handler.rsplit(".", 1)
    return getattr(importlib.import_module(module_name), function_name)


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def exit_with_parent() -> None:
        # A parent killed outright (kill -9) cannot stop its workers; they notice it is gone.
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=exit_with_parent, name="exit-with-parent", daemon=True).start()


def _warm(handler: str) -> None:
    import_handler(handler)


def _run(handler: str, event: dict, context: dict) -> Any:
    """In a worker: one invocation."""
    return import_handler(handler)(event, LambdaContext(**context))


class Functions:
    """Invokes the template's functions in their execution environments. Callable as the
    gateway's `invoke(route, event)`."""

    def __init__(self, template_path=sam.TEMPLATE_PATH, region: str = sam.DEFAULT_REGION,
                 environments: int = DEFAULT_ENVIRONMENTS):
        self.region = region
        self.environments = environments
        self.settings = {
            logical_id: resource.get("Properties", {})
            for logical_id, resource in sam.resources(template_path, region).items()
            if resource["Type"] == "AWS::Lambda::Function"
        }
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._lock = threading.Lock()

    def _pool(self, function: str) -> ProcessPoolExecutor:
        with self._lock:
            if function not in self._pools:
                self._pools[function] = ProcessPoolExecutor(
                    self.environments, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
                )
            return self._pools[function]

    def warm(self, routes: list[Route]) -> None:
        """Start one environment per function now, without waiting, so the first request does
        not pay for the imports."""
        for route in {route.function_logical_id: route for route in routes}.values():
            self._pool(route.function_logical_id).submit(_warm, route.handler)

    def __call__(self, route: Route, event: dict) -> Any:
        return self.invoke(route.function_logical_id, route.handler, event, event["requestContext"]["requestId"])

    def invoke(self, function: str, handler: str, event: dict, request_id: str) -> Any:
        """One invocation of the template's `function` (an API route's, or a stream's batch)."""
        settings = self.settings.get(function, {})
        context = {
            "function_name": f"portal-local-{function}",
            "memory_limit_in_mb": int(settings.get("MemorySize", 512)),
            "timeout_seconds": int(settings.get("Timeout", 10)),
            "aws_request_id": request_id,
            "region": self.region,
        }
        pool = self._pool(function)
        try:
            return pool.submit(_run, handler, event, context).result()
        except BrokenProcessPool:
            # An environment died (as when Lambda's runtime exits): start afresh for the next event.
            with self._lock:
                if self._pools.get(function) is pool:
                    del self._pools[function]
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def stop(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
