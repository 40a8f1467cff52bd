"""The dev gateway: what CloudFront and the HTTP API do in the cloud, on 127.0.0.1.

- serves the built site (`build/site`) as static files, and `/assets/js/config.js` for this stack;
- turns each `/api/...` request that matches a route of template.yaml into an HTTP API payload
  2.0 event (`api_event`) and hands it to `invoke` (`functions.Functions` runs the handler the
  route names);
- on routes with a JWT authorizer, lets the request through only with a token the authorizer
  accepts (`jwt_authorizer`), and passes the claims as API Gateway does;
- answers CORS preflight from the HTTP API's CorsConfiguration;
- after each request that may have changed data, calls `after_write` (the local stack runs the
  stream-fed functions and saves its state then), before answering, so an answer the client saw
  is never lost by a restart and the messages it caused are already sent;
- serves the local stack's own pages (`local_pages`, e.g. `/_local/outbox`) and actions
  (`local_actions`, e.g. `POST /_local/sandbox-pay`), which the cloud has not.
"""
from __future__ import annotations

import gzip
import json
import logging
import mimetypes
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from infra.local import template as sam
from infra.local.api_event import authorizer_claims, build_event, header_pairs, http_response, match_route
from infra.local.functions import Invoke
from infra.local.jwt_authorizer import JwtAuthorizer, Unauthorized
from infra.local.serving import ServedInThread
from infra.local.template import Route

CONFIG_JS_PATH = "/assets/js/config.js"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Connections waiting to be accepted: the stdlib's 5 resets a burst of parallel requests.
LISTEN_BACKLOG = 128
# The site's files go out gzipped to a browser that accepts it, as CloudFront sends them
# (template.yaml `Compress: true`: text types, from 1,000 bytes), so the local stack weighs on a
# slow connection what the cloud does (scripts/bench/slow_network.py, scripts/bench/lighthouse.py).
COMPRESSED_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml",
                    "application/manifest+json")
COMPRESS_FROM_BYTES = 1000

log = logging.getLogger("portal.gateway")


def cors_configuration(stack, template_path=sam.TEMPLATE_PATH) -> dict:
    """The HTTP API's CorsConfiguration from template.yaml, resolved."""
    for resource in sam.load(template_path).get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::HttpApi":
            return stack.resolve(resource.get("Properties", {}).get("CorsConfiguration", {}))
    return {}


@dataclass
class GatewayConfig:
    site_dir: Path
    routes: list[Route]
    invoke: Invoke
    authorizers: dict[str, JwtAuthorizer] = field(default_factory=dict)
    portal_config: dict = field(default_factory=dict)  # window.PORTAL_CONFIG
    cors: dict = field(default_factory=dict)
    after_write: Callable[[], None] | None = None
    # What CloudFront adds to every answer in the cloud (infra/local/security_headers.py).
    security_headers: dict[str, str] = field(default_factory=dict)
    # Pages only the local stack has, by path: query string -> (status, headers, body).
    local_pages: dict[str, Callable[[str], tuple[int, dict[str, str], bytes]]] = field(default_factory=dict)
    # Actions only the local stack has (POST), by path: body -> (status, headers, body); they may
    # write through the API (the payment sandbox), so `after_write` runs after each.
    local_actions: dict[str, Callable[[bytes], tuple[int, dict[str, str], bytes]]] = field(default_factory=dict)


class _RequestHandler(BaseHTTPRequestHandler):
    server_version = "PortalLocalGateway"
    protocol_version = "HTTP/1.1"
    config: GatewayConfig  # set on the subclass made per server

    # -- plumbing --

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        pairs = header_pairs(headers)
        own = {name.lower() for name, _ in pairs}
        pairs += [(name, value) for name, value in self.config.security_headers.items() if name.lower() not in own]
        for name, value in pairs:
            self.send_header(name, value)
        if "content-length" not in {name.lower() for name, _ in pairs}:
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

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        try:
            if split.path == "/api" or split.path.startswith("/api/"):
                self._api(split.path, split.query)
            elif split.path in self.config.local_pages and self.command in ("GET", "HEAD"):
                self._send(*self.config.local_pages[split.path](split.query))
            elif split.path in self.config.local_actions and self.command == "POST":
                self._local_action(split.path)
            elif self.command in ("GET", "HEAD"):
                self._static(split.path)
            else:
                self._send_json(405, {"message": "Method Not Allowed"})
        except BrokenPipeError:
            pass

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _local_action(self, path: str) -> None:
        try:
            answer = self.config.local_actions[path](self._body())
        finally:
            if self.config.after_write:
                self.config.after_write()
        self._send(*answer)

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
        self._send(200, *self._compressed({"Content-Type": _content_type(target), "Cache-Control": "no-cache"},
                                          target.read_bytes()))

    def _not_found(self) -> None:
        page = self.config.site_dir / "404.html"
        body = page.read_bytes() if page.is_file() else "<h1>Không tìm thấy trang</h1>".encode()
        self._send(404, *self._compressed({"Content-Type": "text/html; charset=utf-8"}, body))

    def _compressed(self, headers: dict[str, str], body: bytes) -> tuple[dict[str, str], bytes]:
        accepted = "gzip" in (self.headers.get("Accept-Encoding") or "").lower()
        if not accepted or len(body) < COMPRESS_FROM_BYTES or not headers["Content-Type"].startswith(COMPRESSED_TYPES):
            return headers, body
        return {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}, gzip.compress(body, 6, mtime=0)

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

    def _preflight(self, cors: dict[str, str]) -> None:
        """The HTTP API answers preflight itself when CORS is configured."""
        if cors:
            cors = {
                **cors,
                "Access-Control-Allow-Methods": ",".join(self.config.cors.get("AllowMethods", [])),
                "Access-Control-Allow-Headers": ",".join(self.config.cors.get("AllowHeaders", [])),
                "Access-Control-Max-Age": str(self.config.cors.get("MaxAge", 0)),
            }
        self._send(204, cors, b"")

    def _api(self, path: str, query: str) -> None:
        cors = self._cors_headers()
        if self.command == "OPTIONS" and self.config.cors and self.headers.get("Access-Control-Request-Method"):
            self._preflight(cors)
            return
        route = match_route(self.config.routes, self.command, path)
        body = self._body()
        if route is None:
            self._send_json(404, {"message": "Not Found"}, cors)
            return
        claims = scopes = None
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
        try:
            result = self.config.invoke(route, event)
        except Exception:  # a crashing function is a 500 to the client, as in the cloud
            log.exception("%s raised", route.handler)
            self._send_json(500, {"message": "Internal Server Error"}, cors)
            return
        finally:
            if self.command not in SAFE_METHODS and self.config.after_write:
                self.config.after_write()
        status, headers, response_body = http_response(result)
        cors_names = {name.lower() for name in cors}
        headers = [(k, v) for k, v in headers if k.lower() not in cors_names]
        self._send(status, headers + list(cors.items()), response_body)


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
    request_queue_size = LISTEN_BACKLOG

    def handle_error(self, request, client_address) -> None:
        # A browser closing a connection early is routine; anything else is worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            log.exception("error while serving %s", client_address)


class Gateway(ServedInThread):
    """A ThreadingHTTPServer on 127.0.0.1: the port is bound when the object is made (so a port
    in use fails at once, with OSError), requests are served after `start()`."""

    thread_name = "portal-gateway"

    def __init__(self, config: GatewayConfig, port: int = 8000, host: str = "127.0.0.1"):
        handler = type("GatewayRequestHandler", (_RequestHandler,), {"config": config})
        self.config = config
        self.server = _Server((host, port), handler)
