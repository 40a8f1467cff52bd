"""The dev gateway: what CloudFront and the HTTP API do in the cloud, on 127.0.0.1.

- serves the built site (`build/site`) as static files, and `/assets/js/config.js` for this stack;
- turns each `/api/...` request that matches a route of template.yaml into an API Gateway HTTP
  API payload 2.0 event and calls the handler that route names, in-process;
- on routes with a JWT authorizer, verifies the bearer token against the user pool's JWKS (from
  the moto server) the way the HTTP API authorizer does, and passes the claims as it does.

`build_event` is a pure function so the event's shape can be tested on its own.
"""
from __future__ import annotations

import base64
import importlib
import json
import logging
import mimetypes
import os
import re
import sys
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import parse_qsl, unquote, urlsplit

import jwt

from infra.local import template as sam
from infra.local.template import Route

ACCOUNT_ID = "123456789012"
API_ID = "local"
CONFIG_JS_PATH = "/assets/js/config.js"

Handler = Callable[[dict, Any], Any]
log = logging.getLogger("portal.gateway")


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


def match_route(routes: Iterable[Route], method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for a request; literal paths win over paths with variables, as in API Gateway."""
    candidates = []
    for route in routes:
        if route.method not in (method.upper(), "ANY"):
            continue
        params = path_parameters(route, path)
        if params is not None:
            candidates.append((len(params), route, params))
    if not candidates:
        return None
    _, route, params = min(candidates, key=lambda c: c[0])
    return route, params


# --- the event --------------------------------------------------------------------------------

_TEXT_TYPES = re.compile(r"^(text/|application/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))")


def _header_pairs(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
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
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
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
    now = now or datetime.now(timezone.utc)
    request_id = request_id or str(uuid.uuid4())
    joined: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in _header_pairs(headers):
        name = name.lower()
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
            "accountId": ACCOUNT_ID,
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
        params: dict[str, str] = {}
        for name, value in parse_qsl(query, keep_blank_values=True):
            params[name] = f"{params[name]},{value}" if name in params else value
        event["queryStringParameters"] = params
    if route is not None:
        params = path_parameters(route, path)
        if params:
            event["pathParameters"] = params
    if claims is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": dict(claims), "scopes": scopes}}
    if body:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        content_type = joined.get("content-type", "")
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
    return event


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
        return f"arn:aws:lambda:{self.region}:{ACCOUNT_ID}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return "local"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self._started)) * 1000))


# --- the JWT authorizer -----------------------------------------------------------------------


class Unauthorized(Exception):
    pass


class JwtAuthorizer:
    """Checks a bearer token as the HTTP API JWT authorizer does: RS256 signature from the
    issuer's JWKS, `iss`, expiry, and `aud` (ID token) or `client_id` (access token) among the
    configured audiences. The JWKS comes from `jwks_url` (moto's, since the issuer names the
    real AWS host)."""

    def __init__(self, issuer: str, audience: Iterable[str], jwks_url: str):
        self.issuer = issuer
        self.audience = set(audience)
        self.jwks_url = jwks_url
        self._keys: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _key(self, kid: str | None):
        with self._lock:
            if kid not in self._keys:  # unknown key id: the pool may have rotated, fetch again
                with urllib.request.urlopen(self.jwks_url, timeout=5) as response:  # noqa: S310 - 127.0.0.1
                    jwks = jwt.PyJWKSet.from_dict(json.load(response))
                self._keys = {key.key_id: key for key in jwks.keys}
            if kid not in self._keys:
                raise Unauthorized("unknown signing key")
            return self._keys[kid]

    def claims(self, authorization: str | None) -> dict[str, Any]:
        """The verified token's claims, or Unauthorized."""
        if not authorization:
            raise Unauthorized("no token")
        token = authorization.split(" ", 1)[1] if authorization.lower().startswith("bearer ") else authorization
        try:
            header = jwt.get_unverified_header(token)
            key = self._key(header.get("kid"))
            payload = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"require": ["exp", "iss"], "verify_aud": False},
            )
        except jwt.PyJWTError as error:
            raise Unauthorized(str(error)) from error
        audiences = payload.get("aud", payload.get("client_id"))
        audiences = audiences if isinstance(audiences, list) else [audiences]
        if not self.audience.intersection(audiences):
            raise Unauthorized("audience")
        return payload


def jwt_authorizers(stack, endpoint_url: str, template_path=sam.TEMPLATE_PATH) -> dict[str, JwtAuthorizer]:
    """The JWT authorizers template.yaml declares on its HTTP APIs, resolved against the
    provisioned stack (`provision.Provisioned`), with their JWKS read from the moto server."""
    authorizers = {}
    for resource in sam.load(template_path).get("Resources", {}).values():
        if resource.get("Type") != "AWS::Serverless::HttpApi":
            continue
        auth = resource.get("Properties", {}).get("Auth", {})
        for name, spec in auth.get("Authorizers", {}).items():
            config = stack.resolve(spec.get("JwtConfiguration", {}))
            issuer = config["issuer"]
            jwks_url = endpoint_url.rstrip("/") + urlsplit(issuer).path + "/.well-known/jwks.json"
            authorizers[name] = JwtAuthorizer(issuer, config.get("audience", []), jwks_url)
    return authorizers


def cors_configuration(stack, template_path=sam.TEMPLATE_PATH) -> dict:
    """The HTTP API's CorsConfiguration from template.yaml, resolved."""
    for resource in sam.load(template_path).get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::HttpApi":
            return stack.resolve(resource.get("Properties", {}).get("CorsConfiguration", {}))
    return {}


# --- handlers ---------------------------------------------------------------------------------


def import_handler(route: Route) -> Handler:
    """The function a route's `Handler: module.function` names, imported in-process."""
    module_name, function_name = route.handler.rsplit(".", 1)
    return getattr(importlib.import_module(module_name), function_name)


# --- the server -------------------------------------------------------------------------------


@dataclass
class GatewayConfig:
    site_dir: Path
    routes: list[Route]
    authorizers: dict[str, JwtAuthorizer]
    portal_config: dict  # window.PORTAL_CONFIG
    cors: dict = field(default_factory=dict)
    resolve_handler: Callable[[Route], Handler] = import_handler
    functions: dict[str, dict] = field(default_factory=dict)  # logical id -> {MemorySize, Timeout}
    region: str = sam.DEFAULT_REGION
    # One lock per function: like one warm Lambda container, a function handles one event at a time.
    _locks: dict[str, threading.Lock] = field(default_factory=dict)

    def lock(self, function_logical_id: str) -> threading.Lock:
        return self._locks.setdefault(function_logical_id, threading.Lock())


class _RequestHandler(BaseHTTPRequestHandler):
    server_version = "PortalLocalGateway"
    protocol_version = "HTTP/1.1"
    config: GatewayConfig  # set on the subclass made per server

    # -- plumbing --

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        pairs = _header_pairs(headers)
        names = {name.lower() for name, _ in pairs}
        for name, value in pairs:
            self.send_header(name, value)
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status: int, payload: Any, extra: Mapping[str, str] | None = None) -> None:
        headers = {"Content-Type": "application/json", **(extra or {})}
        self._send(status, headers, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        try:
            if split.path == "/api" or split.path.startswith("/api/"):
                self._api(split.path, split.query)
            elif self.command in ("GET", "HEAD"):
                self._static(split.path)
            else:
                self._send_json(405, {"message": "Method Not Allowed"})
        except BrokenPipeError:
            pass

    # -- the site --

    def _static(self, path: str) -> None:
        if path == CONFIG_JS_PATH:
            script = "window.PORTAL_CONFIG = " + json.dumps(self.config.portal_config, indent=2) + ";\n"
            self._send(200, {"Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store"},
                       script.encode("utf-8"))
            return
        site = self.config.site_dir.resolve()
        target = (site / unquote(path).lstrip("/")).resolve()
        if target != site and site not in target.parents:  # no escaping the site with ../
            self._not_found()
            return
        if target.is_dir():
            if not path.endswith("/"):  # relative links in index.html need the trailing slash
                self._send(301, {"Location": path + "/"}, b"")
                return
            target = target / "index.html"
        if not target.is_file():
            self._not_found()
            return
        self._send(200, {"Content-Type": _content_type(target), "Cache-Control": "no-cache"}, target.read_bytes())

    def _not_found(self) -> None:
        page = self.config.site_dir / "404.html"
        body = page.read_bytes() if page.is_file() else "<h1>Không tìm thấy trang</h1>".encode("utf-8")
        self._send(404, {"Content-Type": "text/html; charset=utf-8"}, body)

    # -- the API --

    def _cors_headers(self) -> dict[str, str]:
        origin = self.headers.get("Origin")
        allowed = self.config.cors.get("AllowOrigins", [])
        if not origin or not (origin in allowed or "*" in allowed):
            return {}
        headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        if self.config.cors.get("AllowCredentials"):
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers

    def _api(self, path: str, query: str) -> None:
        cors = self._cors_headers()
        if self.command == "OPTIONS" and self.config.cors and self.headers.get("Access-Control-Request-Method"):
            # The HTTP API answers preflight itself when CORS is configured.
            if cors:
                cors.update({
                    "Access-Control-Allow-Methods": ",".join(self.config.cors.get("AllowMethods", [])),
                    "Access-Control-Allow-Headers": ",".join(self.config.cors.get("AllowHeaders", [])),
                    "Access-Control-Max-Age": str(self.config.cors.get("MaxAge", 0)),
                })
            self._send(204, cors, b"")
            return
        found = match_route(self.config.routes, self.command, path)
        body = self._body()
        if found is None:
            self._send_json(404, {"message": "Not Found"}, cors)
            return
        route, _ = found
        claims = None
        scopes = None
        if route.authorizer:
            authorizer = self.config.authorizers.get(route.authorizer)
            try:
                if authorizer is None:
                    raise Unauthorized(f"authorizer {route.authorizer} is not configured")
                payload = authorizer.claims(self.headers.get("Authorization"))
            except Unauthorized:
                self._send_json(401, {"message": "Unauthorized"}, {**cors, "www-authenticate": "Bearer"})
                return
            claims = authorizer_claims(payload)
            scopes = payload["scope"].split() if isinstance(payload.get("scope"), str) else None
        event = build_event(
            self.command, path, query, self.headers.items(), body, claims, route,
            scopes=scopes, source_ip=self.client_address[0],
        )
        self._invoke(route, event, cors)

    def _invoke(self, route: Route, event: dict, cors: dict[str, str]) -> None:
        settings = self.config.functions.get(route.function_logical_id, {})
        context = LambdaContext(
            function_name=f"portal-local-{route.function_logical_id}",
            memory_limit_in_mb=int(settings.get("MemorySize", 512)),
            timeout_seconds=int(settings.get("Timeout", 10)),
            aws_request_id=event["requestContext"]["requestId"],
            region=self.config.region,
        )
        try:
            handler = self.config.resolve_handler(route)
            with self.config.lock(route.function_logical_id):
                result = handler(event, context)
        except Exception:  # a crashing function is a 500 to the client, as in the cloud
            log.exception("%s raised", route.handler)
            self._send_json(500, {"message": "Internal Server Error"}, cors)
            return
        status, headers, body = _http_response(result)
        headers = [(k, v) for k, v in headers if k.lower() not in {c.lower() for c in cors}]
        self._send(status, headers + list(cors.items()), body)


def _http_response(result: Any) -> tuple[int, list[tuple[str, str]], bytes]:
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


def _content_type(path: Path) -> str:
    known = {
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".map": "application/json",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".ico": "image/x-icon",
        ".pdf": "application/pdf",
    }
    return known.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser closing a connection early is routine; anything else is worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            log.exception("error while serving %s", client_address)


class Gateway:
    """A ThreadingHTTPServer on 127.0.0.1, started in a daemon thread by `start()`."""

    def __init__(self, config: GatewayConfig, port: int = 8000, host: str = "127.0.0.1"):
        handler = type("GatewayRequestHandler", (_RequestHandler,), {"config": config})
        self.config = config
        self.server = _Server((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "Gateway":
        self._thread = threading.Thread(target=self.server.serve_forever, name="portal-gateway", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread:
            self._thread.join(timeout=5)


def prepare_handler_environment(env: Mapping[str, str], endpoint_url: str, template_path=sam.TEMPLATE_PATH) -> None:
    """Make this process look like the Lambda runtime for in-process handlers: the template's
    environment, boto3 pointed at moto, dummy credentials, and the functions' code importable.
    Must run before any handler module is imported."""
    os.environ.update(env)
    os.environ["AWS_ENDPOINT_URL"] = endpoint_url
    os.environ.setdefault("AWS_REGION", env.get("AWS_DEFAULT_REGION", sam.DEFAULT_REGION))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "testing")  # moto accepts any; never a real account's
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")  # no X-Ray daemon locally
    code = str(sam.code_dir(template_path))
    if code not in sys.path:
        sys.path.insert(0, code)
    # A process that already used the package (tests) must forget settings and clients.
    if "portal.services.deps" in sys.modules:
        sys.modules["portal.services.deps"].reset()
    elif "portal.config" in sys.modules:
        sys.modules["portal.config"].reset_settings()


def function_settings(template_path=sam.TEMPLATE_PATH, region: str = sam.DEFAULT_REGION) -> dict[str, dict]:
    """Memory and timeout of each function, from the translated template (for the context)."""
    return {
        logical_id: resource.get("Properties", {})
        for logical_id, resource in sam.resources(template_path, region).items()
        if resource["Type"] == "AWS::Lambda::Function"
    }
