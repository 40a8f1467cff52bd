"""What a phone downloads on a first visit to each page type, gzipped.

Shared by the page-weight benchmark (scripts/bench/page_weight.py) and its deterministic test
(tests/site/test_page_weight.py). A page is opened in a fresh browser context (an empty cache)
at 360×740, and everything the site served to it until it is ready (the theme's workers' fetches
included) is counted; each body is gzipped here at level 6 (what nginx and CloudFront use), since
the loopback server does not compress. Calls to /api/ are data, not page weight, and a static
server has no API: they are left out.

The real catalogue has no archived version yet, so the archived page is measured on a copy of a
real procedure archived as its own version 1 (`with_archived_version`): the same template and
the same text a real archive would show.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

VIEWPORT = {"width": 360, "height": 740}
LIMIT_BYTES = 100 * 1024  # the ceiling for a first visit, gzipped
RATIO_LIMIT = 1.2  # against a bare mkdocs-material page of the same text
MISSING_PATH = "khong-co-trang-nay/"
ARCHIVED_PROCEDURE = "giay-phep-khai-thac"


@dataclass(frozen=True)
class PageType:
    key: str
    label: str
    ready: str | None = None  # a selector the page shows once its script has drawn it


PAGE_TYPES = (
    PageType("home", "Home"),
    PageType("catalogue", "Catalogue", "#procedure-list a"),
    PageType("procedure", "Procedure page"),
    PageType("sheet", "Printable sheet"),
    PageType("blank_form", "Blank form"),
    PageType("archived", "Archived version"),
    PageType("online_form", "Online form, step 1 shown", ".step-progress"),
    PageType("lookup", "Lookup", "#lookup-form"),
    PageType("private", "Private page (no link)"),
    PageType("payment_result", "Payment result"),
    PageType("not_found", "404"),
    PageType("desk", "Officer desk, signed out", "form"),
)


def with_archived_version(catalogue: dict, procedure_id: str = ARCHIVED_PROCEDURE) -> dict:
    """The catalogue with `procedure_id` given an older version 1 (its own text, archived), so the
    archived page type exists; the current entry becomes version 2."""
    out = copy.deepcopy(catalogue)
    current = next(p for p in out["procedures"] if p["id"] == procedure_id)
    if current.get("older_versions"):
        return out
    older = copy.deepcopy(current)
    older.pop("older_versions", None)
    year, rest = current["effective_date"].split("-", 1)
    older.update(version=current["version"], effective_date=f"{int(year) - 2}-{rest}",
                 superseded_on=current["effective_date"])
    current["version"] = older["version"] + 1
    current["older_versions"] = [{key: older[key] for key in ("version", "effective_date", "superseded_on")}]
    out["archive"] = [*out.get("archive", []), older]
    return out


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def page_paths(site: Path) -> dict[str, str]:
    """For each page type, the path of its heaviest page in a built site (the most HTML,
    gzipped): the others of that type share its assets and weigh less."""
    def heaviest(pattern: str) -> str:
        files = sorted(site.glob(pattern))
        if not files:
            raise FileNotFoundError(f"no page matches {pattern} in {site}")
        best = max(files, key=lambda f: (gzip_size(f.read_bytes()), str(f)))
        return best.parent.relative_to(site).as_posix() + "/"

    return {
        "home": "",
        "catalogue": "thu-tuc/",
        "procedure": heaviest("thu-tuc/*/index.html"),
        "sheet": heaviest("thu-tuc/*/phieu-huong-dan/index.html"),
        "blank_form": heaviest("thu-tuc/*/mau-don-*/index.html"),
        "archived": heaviest("thu-tuc/*/phien-ban-*/index.html"),
        "online_form": heaviest("nop-ho-so/*/index.html"),
        "lookup": "tra-cuu/",
        "private": "ho-so/",
        "payment_result": "ket-qua-thanh-toan/",
        "not_found": MISSING_PATH,
        "desk": "admin/",
    }


class _SiteHandler(SimpleHTTPRequestHandler):
    """A static host as CloudFront is configured: an unknown address gets 404.html, status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.exists() or self.command != "GET":
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path):
    """A built site on http://127.0.0.1:<free port>/."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_visit(browser, base: str, path: str, ready: str | None = None) -> list[dict]:
    """Open base+path in an empty cache at 360×740, wait until it is drawn and the network is
    quiet; every file the site served, `{path, kind, bytes, gzip}`."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    responses: list = []

    def record(response) -> None:  # Playwright cannot wrap a builtin such as list.append
        responses.append(response)

    context.on("response", record)
    try:
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_load_state("load")
        if ready:
            page.locator(ready).first.wait_for(state="attached", timeout=15000)
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5000)
        files = []
        for response in responses:
            url = urlparse(response.url)
            # A redirect has no body; its target is counted.
            if not response.url.startswith(base) or url.path.startswith("/api/") or 300 <= response.status < 400:
                continue
            body = response.body()
            files.append({"path": url.path, "kind": kind_of(url.path, response.request.resource_type),
                          "bytes": len(body), "gzip": gzip_size(body)})
        return files
    finally:
        context.close()


def kind_of(path: str, resource_type: str) -> str:
    """Which part of the site a file belongs to, for "what dominates"."""
    if "/search" in path or "/workers/" in path or "/lunr/" in path or "catalogue-search" in path:
        return "search"
    if "/assets/javascripts/" in path or "/assets/stylesheets/" in path:
        return "theme " + ("CSS" if path.endswith(".css") else "JS")
    if path.endswith(".js"):
        return "portal JS"
    if path.endswith(".css"):
        return "portal CSS"
    if path.endswith(".json"):
        return "data"
    if resource_type == "document" or path.endswith((".html", "/")):
        return "HTML"
    return "other"


def total(files: list[dict]) -> int:
    return sum(f["gzip"] for f in files)


def by_kind(files: list[dict]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for file in files:
        kinds[file["kind"]] = kinds.get(file["kind"], 0) + file["gzip"]
    return dict(sorted(kinds.items(), key=lambda item: -item[1]))
