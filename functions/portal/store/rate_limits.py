"""Counters of attempts in fixed time windows, kept in the dossier table so a limit holds across
every Lambda instance (an in-memory counter would reset with each new container).

One atomic ADD per attempt on `RATE#<scope>#<window start>`; the item expires with the window
(`ttl`), so nothing has to clean up after it.
"""
from __future__ import annotations

import time

from portal.store.aws import dynamodb_resource


class RateLimits:
    def __init__(self, table_name: str):
        self.table_name = table_name

    def hit(self, scope: str, limit: int, window_seconds: int, now: float | None = None) -> int | None:
        """Count one attempt in `scope`'s current window. None if it is within `limit`, else the
        seconds until the window ends (what Retry-After says)."""
        now = time.time() if now is None else now
        start = int(now) - int(now) % window_seconds
        end = start + window_seconds
        answer = dynamodb_resource().Table(self.table_name).update_item(
            Key={"PK": f"RATE#{scope}#{start}", "SK": "RATE"},
            UpdateExpression="ADD #count :one SET #ttl = if_not_exists(#ttl, :expires)",
            ExpressionAttributeNames={"#count": "count", "#ttl": "ttl"},
            ExpressionAttributeValues={":one": 1, ":expires": end + window_seconds},
            ReturnValues="UPDATED_NEW",
        )
        if int(answer["Attributes"]["count"]) <= limit:
            return None
        return max(1, int(end - now + 0.999))
