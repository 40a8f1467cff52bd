"""A stand-in for the template's functions in the gateway tests: it records each event and
echoes it back with the route it came by, so routing and event shape are tested without the
real handlers."""
from __future__ import annotations

import json

CALLS: list[dict] = []


def invoke(route, event):
    """The gateway's `invoke`: every route answers with the echo."""
    CALLS.append(event)
    body = {"handler": route.handler, "function": route.function_logical_id, "event": event}
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "cookies": ["seen=1; Path=/"],
        "body": json.dumps(body, ensure_ascii=False),
    }
