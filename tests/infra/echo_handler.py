"""A stand-in Lambda for the gateway tests: it records each event and echoes it back, with the
handler the template named for the route, so routing and event shape are tested without the
real handlers."""
from __future__ import annotations

import json

CALLS: list[dict] = []


def resolver(route):
    """The gateway's `resolve_handler`: every route calls the echo, tagged with its handler."""

    def lambda_handler(event, context):
        CALLS.append(event)
        body = {"handler": route.handler, "function_name": context.function_name, "event": event}
        return {
            "statusCode": 200,
            "headers": {"content-type": "application/json"},
            "cookies": ["seen=1; Path=/"],
            "body": json.dumps(body, ensure_ascii=False),
        }

    return lambda_handler
