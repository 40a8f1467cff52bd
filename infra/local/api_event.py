"""What API Gateway's HTTP API hands a function, built the same way for the dev gateway and for
the API tests: the route a request matches (template.yaml's routes), the payload format 2.0
event, the JWT authorizer's claims in their string form, the Lambda context object, and how the
HTTP API turns a function's result back into an HTTP response.

Everything here is pure (no sockets, no AWS), so the event's shape can be tested on its own.
"""
from __future__ import annotations

import base64
import json
import re
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, unquote

from infra.local import template as sam
from infra.local.template import Route

API_ID = "local"

Headers = Mapping[str, str] | Iterable[tuple[str, str]]


# --- routes -----------------------------------------------------------------------------------


def _route_pattern(path: str) -> re.Pattern:
    """`/api/officer/dossiers/{dossier_id}` as a regex; `{name+}` is greedy like API Gateway's."""
    parts = []
    for segment in re.split(r"(\{[^}]+\})", path):
        if segment.startswith("{") and segment.endswith("}"):
            name = segment[1:-1]
            if name.endswith("+"):
                parts.append(f"(?P<{name[:-1]}>.+)")
            else:
                parts.append(f"(?P<{name}>[^/]+)")
        else:
            parts.append(re.escape(segment))
    return re.compile("^" + "".join(parts) + "$")


def path_parameters(route: Route, path: str) -> dict[str, str] | None:
    """The route's path variables found in `path` (URL-decoded), or None if it does not match."""
    match = _route_pattern(route.path).match(path)
    if match is None:
        return None
    return {name: unquote(value) for name, value in match.groupdict().items()}


def match_route(routes: Iterable[Route], method: str, path: str) -> Route | None:
    """The route for a request, as API Gateway chooses: a path with a greedy variable (`{proxy+}`)
    last, then literal paths before paths with variables, then a route of the request's own
    method before an ANY route."""
    candidates = []
    for route in routes:
        if route.method not in (method.upper(), "ANY"):
            continue
        params = path_parameters(route, path)
        if params is not None:
            candidates.append(((_is_greedy(route.path), len(params), route.method == "ANY"), route))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[0])[1]


def _is_greedy(path: str) -> bool:
    return "+}" in path


# --- the event --------------------------------------------------------------------------------

_TEXT_TYPES = re.compile(r"^(text/|application/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))")


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return [(str(name), str(value)) for name, value in items]


def authorizer_claims(payload: Mapping[str, Any]) -> dict[str, str]:
    """Claims as the HTTP API JWT authorizer hands them to the function: every value a string,
    arrays written like "[receptionist leader]"."""

    def as_string(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return "[" + " ".join(as_string(v) for v in value) + "]"
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return str(value)

    return {name: as_string(value) for name, value in payload.items()}


def build_event(
    method: str,
    path: str,
    query: str = "",
    headers: Headers = (),
    body: bytes | str | None = None,
    claims: Mapping[str, str] | None = None,
    route: Route | None = None,
    *,
    scopes: list[str] | None = None,
    source_ip: str = "127.0.0.1",
    request_id: str | None = None,
    now: datetime | None = None,
) -> dict:
    """An API Gateway HTTP API (payload format 2.0) event for one request.

    `path` is the raw path, `query` the raw query string, `headers` as received (any case,
    repeated names allowed), `claims` already in the authorizer's string form. Keys API Gateway
    leaves out when empty (cookies, queryStringParameters, pathParameters, body) are left out.
    """
    now = now or datetime.now(UTC)
    request_id = request_id or str(uuid.uuid4())
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for given_name, value in header_pairs(headers):
        name = given_name.lower()
        if name == "cookie":  # API Gateway moves cookies out of the headers
            cookies.extend(c.strip() for c in value.split(";") if c.strip())
            continue
        joined[name] = f"{joined[name]},{value}" if name in joined else value
    joined.setdefault("x-forwarded-for", source_ip)
    joined.setdefault("x-forwarded-proto", "http")

    route_key = route.route_key if route else "$default"
    domain = joined.get("host", "127.0.0.1").split(":")[0]
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": query,
        "headers": joined,
        "requestContext": {
            "accountId": sam.ACCOUNT_ID,
            "apiId": API_ID,
            "domainName": domain,
            "domainPrefix": domain.split(".")[0],
            "http": {
                "method": method.upper(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": joined.get("user-agent", ""),
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now.timestamp() * 1000),
        },
        "isBase64Encoded": False,
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        joined_query: dict[str, str] = {}
        for name, value in parse_qsl(query, keep_blank_values=True):
            joined_query[name] = f"{joined_query[name]},{value}" if name in joined_query else value
        event["queryStringParameters"] = joined_query
    if route is not None:
        variables = path_parameters(route, path)
        if variables:
            event["pathParameters"] = variables
    if claims is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": dict(claims), "scopes": scopes}}
    if body:
        _set_body(event, body.encode("utf-8") if isinstance(body, str) else body, joined.get("content-type", ""))
    return event


def _set_body(event: dict, raw: bytes, content_type: str) -> None:
    """Text bodies as they are, anything else base64-encoded, as the HTTP API passes them."""
    try:
        text = raw.decode("utf-8")
        is_text = not content_type or bool(_TEXT_TYPES.match(content_type))
    except UnicodeDecodeError:
        is_text = False
    if is_text:
        event["body"] = text
    else:
        event["body"] = base64.b64encode(raw).decode("ascii")
        event["isBase64Encoded"] = True


def http_response(result: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """A payload 2.0 function result as (status, headers, body), like the HTTP API reads it:
    a dict with statusCode is the response; anything else is a 200 JSON body."""
    if not (isinstance(result, dict) and "statusCode" in result):
        return 200, [("Content-Type", "application/json")], json.dumps(result, ensure_ascii=False).encode("utf-8")
    headers = [(k, str(v)) for k, v in (result.get("headers") or {}).items()]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers.extend((name, str(v)) for v in values)
    headers.extend(("Set-Cookie", cookie) for cookie in result.get("cookies") or [])
    raw = result.get("body") or ""
    body = base64.b64decode(raw) if result.get("isBase64Encoded") else str(raw).encode("utf-8")
    return int(result["statusCode"]), headers, body


# --- the context ------------------------------------------------------------------------------


@dataclass
class LambdaContext:
    """The parts of the Lambda context object handlers and Powertools read."""

    function_name: str
    memory_limit_in_mb: int = 512
    timeout_seconds: int = 10
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    region: str = sam.DEFAULT_REGION
    _started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:{sam.ACCOUNT_ID}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return "local"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self._started)) * 1000))
