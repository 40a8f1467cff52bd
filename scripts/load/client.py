"""HTTP to the local stack with the clients' retry rules, and what each operation cost."""
from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

TIMEOUT = 60  # seconds per request: a guard on a loaded machine, not a measured limit
TRIES = 6  # attempts per operation, the first included
RETRY_CAP = 2.0  # seconds: the longest wait between two tries, whatever Retry-After says
LOOPBACK = "127.0.0.1"


def loopback_url(url: str) -> str:
    """`url` without a trailing slash, if it is http on 127.0.0.1; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != LOOPBACK:
        raise SystemExit(f"refused: {url!r} is not http://{LOOPBACK}[:port] (the load runs on this machine only)")
    return url.rstrip("/")


@dataclass
class Outcome:
    """One operation as the client lived it: the last answer (None: no answer), the tries,
    what went wrong on the way, and the seconds from the first try to the last answer."""

    status: int | None
    tries: int
    seconds: float
    body: dict = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


@dataclass
class Recorder:
    """Every operation's time and every failed try's kind, kept by operation name (threads share it)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, operation: str, outcome: Outcome) -> None:
        with self._lock:
            self.seconds.setdefault(operation, []).append(outcome.seconds)
            for failure in outcome.failures:
                self.errors[f"{operation}: {failure}"] += 1

    def note(self, what: str) -> None:
        with self._lock:
            self.errors[what] += 1


_local = threading.local()


def session() -> requests.Session:
    """One connection pool per thread (requests' sessions are not shared safely)."""
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def _wait(answer: requests.Response | None, attempt: int) -> float:
    after = answer.headers.get("Retry-After") if answer is not None else None
    base = float(after) if after and after.isdigit() else 0.1 * 2 ** attempt
    return min(RETRY_CAP, base) * (0.5 + random.random() / 2)  # jitter: retries do not march in step


def attempt(send: Callable[[], requests.Response], retry_on: frozenset[int]) -> Outcome:
    """`send` until it answers a status not in `retry_on`, at most TRIES times; a dropped
    connection or a timeout is retried too."""
    started = time.perf_counter()
    failures: list[str] = []
    answer: requests.Response | None = None
    tries = 0
    for n in range(TRIES):
        tries += 1
        try:
            answer = send()
        except (requests.ConnectionError, requests.Timeout) as error:
            answer = None
            failures.append(type(error).__name__)
        else:
            if answer.status_code not in retry_on:
                break
            failures.append(str(answer.status_code))
        if n + 1 < TRIES:
            time.sleep(_wait(answer, n))
    body: dict = {}
    if answer is not None and answer.headers.get("content-type", "").startswith("application/json"):
        try:
            body = answer.json()
        except json.JSONDecodeError:
            body = {}
    return Outcome(answer.status_code if answer is not None else None, tries, time.perf_counter() - started,
                   body, failures)
