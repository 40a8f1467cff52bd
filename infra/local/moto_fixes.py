"""One fix to moto, applied wherever it runs for us (the local stack's server and the tests'
in-process mock): a DynamoDB transaction backs up each table it touches with a deep copy, and
that copy included the table's whole stream history, which only grows. Every write then cost
more than the last: the suite slowed to a crawl and took gigabytes (a 150-dossier load run was
killed at 15 GB).

Stream records are never changed once written, so the backup now keeps its own list of the
same records: a rolled-back transaction still drops the records it added, as before, at the
cost of copying references instead of every item ever written."""
from __future__ import annotations

import copy


def _copy_shard(shard, memo):
    copied = shard.__class__.__new__(shard.__class__)
    memo[id(shard)] = copied
    copied.__dict__.update(shard.__dict__)
    copied.table = copy.deepcopy(shard.table, memo)
    copied.items = list(shard.items)
    return copied


def apply() -> None:
    """Idempotent; call before moto serves or mocks anything."""
    from moto.dynamodb.models.table import StreamShard

    StreamShard.__deepcopy__ = _copy_shard  # type: ignore[attr-defined]
