"""Faults injected into the portal's own AWS clients (portal.store.aws) by botocore event hooks,
seeded so a run is the same every time:

- before a call of the dossier table or the documents bucket reaches the service, a fraction
  `rate` fails as throttling or the service's own error (nothing was done);
- after a transaction on the table succeeded, a fraction `lost_rate` is answered with the
  service's error all the same (it was done, the caller is told it failed: a timeout or a 500
  after the commit, which DynamoDB documents as possible for a transaction).

Each fault is counted by operation and kind.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import ClientError

CODES = ("ProvisionedThroughputExceededException", "InternalServerError", "SlowDown", "ServiceUnavailable")
LOST = "answer lost"
# The write whose answer may be lost: every change of a dossier is one transaction.
LOST_EVENT = "after-call.dynamodb.TransactWriteItems"


def _error(code: str, operation: str, status: int = 503) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "injected"}, "ResponseMetadata": {"HTTPStatusCode": status}},
                       operation)


class Faults:
    def __init__(self, seed: int, rate: float, spared_table: str | None = None, lost_rate: float | None = None):
        self.random = random.Random(seed)
        self.rate = rate
        self.lost_rate = rate / 3 if lost_rate is None else lost_rate
        self.spared_table = spared_table
        self.injected: Counter = Counter()
        self.on = True

    def before(self, model, params, **_) -> None:
        if not self.on or params.get("TableName") == self.spared_table or self.random.random() >= self.rate:
            return
        code = self.random.choice(CODES)
        # Removing one version of a copy (the clean-up of a failed write) is told apart.
        version = "versionId" in (params.get("query_string") or {})
        operation = "DeleteObjectVersion" if model.name == "DeleteObject" and version else model.name
        self.injected[f"{operation}:{code}"] += 1
        raise _error(code, model.name)

    def after(self, model, http_response, **_) -> None:
        if not self.on or http_response.status_code >= 300 or self.random.random() >= self.lost_rate:
            return
        self.injected[f"{model.name}:{LOST}"] += 1
        raise _error("InternalServerError", model.name, 500)

    def count(self, prefix: str = "") -> int:
        return sum(n for name, n in self.injected.items() if name.startswith(prefix))


@contextmanager
def injected(faults: Faults) -> Iterator[Faults]:
    """`faults` hooked on the clients the functions use (created now if they were not yet)."""
    from portal.store import aws

    table, bucket = aws.dynamodb_client(), aws.s3_client()
    hooks: list[tuple[Any, str, Callable[..., None]]] = [(table, "before-call", faults.before), (bucket, "before-call", faults.before),
             (table, LOST_EVENT, faults.after)]
    for client, event, hook in hooks:
        client.meta.events.register(event, hook)
    try:
        yield faults
    finally:
        for client, event, hook in hooks:
            client.meta.events.unregister(event, hook)
