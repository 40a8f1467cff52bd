"""What the browser does with a built site: what it downloads to search, and how long a query
takes, measured in headless Chromium (Debian's, through Playwright) with the CPU throttled.

The site is served from 127.0.0.1 by http.server, which does not compress, so every downloaded
body is gzipped here (level 6, what a CDN or nginx uses by default) to report transfer sizes.

Query time, measured inside the page (`MEASURE_JS`): the input gets its value and an `input` and a
`keyup` event (the catalogue filter listens to the first, mkdocs-material's search box to the
second); a MutationObserver on the results container notes each DOM change and, after it, waits
for the next animation frame and then a message-channel task, i.e. until the frame showing that
change has been produced. The query time is from just before the events to that point for the
last change; the query is over when nothing changed for QUIET_MS. A result that arrives from a
web worker (the theme's search box, on the plain mkdocs-material baseline) is therefore counted,
as are debounces. `sync` is the time the event dispatch itself took (the synchronous handlers).

Two header search boxes are measured alike: the portal's own (`PORTAL_BOX`, over the catalogue's
index) and, on the plain mkdocs-material baseline, the theme's (`THEME_BOX`, lunr in a worker).
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CPU_SLOWDOWN = 4
QUIET_MS = 300
TIMEOUT_MS = 8000  # a query with no visible change by then counts as "no change"
FIRST_TIMEOUT_MS = 60000  # the first site-wide query waits for the index to load

# Selectors: the catalogue page's own filter, then any search field in the page content.
CATALOGUE_INPUT = "#filter-text, .md-content input[type=search], .md-content input[type=text]"
CATALOGUE_RESULTS = "#procedure-list, .md-content"


@dataclasses.dataclass(frozen=True)
class Box:
    """A header search box: its input, the container its results change in, one result item, the
    line that says how many were found, the result links."""
    input: str
    results: str
    item: str
    meta: str
    links: str


# The portal's box (site/overrides/partials/search.html) and the theme's (mkdocs-material 9.x).
PORTAL_BOX = Box("#portal-search-input", "#portal-search-output", "#portal-search-results [role=option]",
                 "#portal-search-status", "#portal-search-results [role=option]")
THEME_BOX = Box("[data-md-component=search-query]", "[data-md-component=search-result]", ".md-search-result__item",
                ".md-search-result__meta", ".md-search-result a[href]")

MEASURE_JS = """
async ([inputSel, rootSel, query, quietMs, timeoutMs]) => {
  const input = document.querySelector(inputSel);
  const root = document.querySelector(rootSel) || document.body;
  let lastChange = null, lastFrame = null;
  const observer = new MutationObserver(() => {
    lastChange = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { lastFrame = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "Unidentified"}));
  const sync = performance.now() - start;
  await new Promise((resolve) => {
    const poll = () => {
      const now = performance.now();
      const settled = lastFrame !== null && lastFrame >= lastChange && now - lastChange > quietMs;
      if (settled || now - start > timeoutMs) resolve(); else setTimeout(poll, 25);
    };
    setTimeout(poll, 25);
  });
  observer.disconnect();
  return {sync, painted: lastFrame === null ? null : lastFrame - start};
}
"""

# The first query of a visit: until the first result item exists (the worker may still be
# loading the index, and "initialising" messages before it must not end the measurement).
FIRST_RESULT_JS = """
async ([inputSel, itemSel, metaSel, query, timeoutMs]) => {
  // Answered: a result item, or a count / "nothing found" line (a digit or "Không tìm thấy").
  const answered = () => document.querySelector(itemSel) ||
    /\\d|Không tìm thấy|No matching/.test((document.querySelector(metaSel) || {}).textContent || "");
  const input = document.querySelector(inputSel);
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "Unidentified"}));
  return await new Promise((resolve) => {
    const poll = () => {
      if (answered()) {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({sync: 0, painted: performance.now() - start});
          channel.port2.postMessage(0);
        });
      } else if (performance.now() - start > timeoutMs) {
        resolve({sync: 0, painted: null});
      } else {
        setTimeout(poll, 10);
      }
    };
    poll();
  });
}
"""

# Procedure links shown in the page content (a hidden card's link has no layout box).
VISIBLE_PROCEDURES_JS = """
() => Array.from(document.querySelectorAll(".md-content a[href]")).filter((a) => {
  const path = new URL(a.href).pathname;
  return /\\/thu-tuc\\/[^/]+\\/$/.test(path) && a.getClientRects().length > 0;
}).map((a) => new URL(a.href).pathname)
"""

# The pages a header search box shows, and the count it announces ("Có 12 thủ tục phù hợp",
# "12 tài liệu liên quan").
SEARCH_RESULTS_JS = """
([linkSel, metaSel]) => {
  const paths = Array.from(document.querySelectorAll(linkSel)).map((a) => new URL(a.href).pathname);
  const meta = (document.querySelector(metaSel) || {}).textContent || "";
  const count = /\\d+/.exec(meta.replace(/[.,\\s](?=\\d{3})/g, ""));
  return {paths: Array.from(new Set(paths)), count: count ? Number(count[0]) : (/Không tìm thấy|No matching/.test(meta) ? 0 : null)};
}
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would drown the benchmark's output
        pass


@contextlib.contextmanager
def serve(site: Path):
    """The built site on http://127.0.0.1:<free port>/."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def version(browser) -> str:
    return browser.version


def _throttle(context, page) -> None:
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


class _Recorder:
    """Every response of a browser context (workers' fetches included), with its body."""

    def __init__(self, context, base: str):
        self.base = base
        self.responses: list = []
        # A method, not the list's bound append: Playwright tags the handler it is given.
        context.on("response", self._record)

    def _record(self, response) -> None:
        self.responses.append(response)

    def files(self, responses: list | None = None) -> list[dict]:
        out = []
        for response in self.responses if responses is None else responses:
            if not response.url.startswith(self.base) or response.status >= 300:
                continue
            try:
                body = response.body()
            except Exception:  # a body the browser already dropped: count it as unknown
                body = b""
            out.append({"path": urlparse(response.url).path, "bytes": len(body), "gzip": gzip_size(body)})
        return out


def _settle(page) -> None:
    page.wait_for_load_state("load")
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10000)


def catalogue_downloads(browser, base: str, query: str) -> dict:
    """Open /thu-tuc/ in a fresh (cache-less) context and filter it once: what was downloaded."""
    context = browser.new_context()
    recorder = _Recorder(context, base)
    page = context.new_page()
    page.goto(base + "thu-tuc/")
    _settle(page)
    page.locator(CATALOGUE_INPUT).first.fill(query)
    page.wait_for_timeout(500)
    _settle(page)
    shown = page.evaluate(VISIBLE_PROCEDURES_JS)
    files = recorder.files()
    context.close()
    return {"files": files, "shown": len(shown)}


def site_search_downloads(browser, base: str, query: str, box: Box = PORTAL_BOX) -> dict:
    """Open the home page and let it settle (`before`: what a visitor downloads who never uses the
    box), then type into the header search box and wait for results (`box`: what using it added)."""
    context = browser.new_context()
    recorder = _Recorder(context, base)
    page = context.new_page()
    page.goto(base)
    _settle(page)
    before = len(recorder.responses)
    page.locator(box.input).first.click()
    page.locator(box.input).first.press_sequentially(query)
    with contextlib.suppress(Exception):
        page.wait_for_selector(box.item, timeout=TIMEOUT_MS)
    _settle(page)
    files = recorder.files()
    used = recorder.files(recorder.responses[before:])
    results = page.evaluate(SEARCH_RESULTS_JS, [box.links, box.meta])
    context.close()
    box_paths = {f["path"] for f in used}
    return {"files": files, "before": [f for f in files if f["path"] not in box_paths], "box": used,
            "results": results["count"]}


# The files of a header search box: the theme's (index, worker, lunr) and the portal's own
# (search-box.js and search-box-ui.js). The catalogue's index and its matching
# (catalogue-search.js) are the catalogue page's own; the portal's box reuses them.
SEARCH_BOX_PARTS = ("/search/", "/workers/", "/lunr/", "/search-box")


def is_search_file(path: str) -> bool:
    return any(part in path for part in SEARCH_BOX_PARTS)


def _measure_all(page, input_sel: str, root_sel: str, queries: list[str], clear: bool) -> list[dict]:
    out = []
    for query in queries:
        if clear:  # each query starts from the full list, as a fresh visitor's first query does
            page.evaluate(MEASURE_JS, [input_sel, root_sel, "", QUIET_MS, TIMEOUT_MS])
        timing = page.evaluate(MEASURE_JS, [input_sel, root_sel, query, QUIET_MS, TIMEOUT_MS])
        out.append({"query": query, **timing})
    return out


def catalogue_query_times(browser, base: str, queries: list[str]) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "thu-tuc/")
    _settle(page)
    _throttle(context, page)
    timings = _measure_all(page, CATALOGUE_INPUT, CATALOGUE_RESULTS, queries, clear=True)
    found = {}
    for query in queries[:3]:  # the known targets: which procedures the folded query leaves shown
        page.evaluate(MEASURE_JS, [CATALOGUE_INPUT, CATALOGUE_RESULTS, query, QUIET_MS, TIMEOUT_MS])
        paths = page.evaluate(VISIBLE_PROCEDURES_JS)
        found[query] = {"paths": paths, "count": len(paths)}
    context.close()
    return {"timings": timings, "found": found}


def site_query_times(browser, base: str, queries: list[str], box: Box = PORTAL_BOX) -> dict:
    """A header search box: the first query right after the page loads (the box's index still
    loading, as for a visitor who types at once), then the others."""
    context = browser.new_context()
    page = context.new_page()
    _throttle(context, page)
    page.goto(base)
    page.wait_for_load_state("load")
    page.locator(box.input).first.click()
    first = page.evaluate(FIRST_RESULT_JS, [box.input, box.item, box.meta, queries[0], FIRST_TIMEOUT_MS])
    _settle(page)
    timings = _measure_all(page, box.input, box.results, queries, clear=True)
    found = {}
    for query in queries[:3]:
        page.evaluate(MEASURE_JS, [box.input, box.results, query, QUIET_MS, TIMEOUT_MS])
        found[query] = page.evaluate(SEARCH_RESULTS_JS, [box.links, box.meta])
    context.close()
    return {"first": first, "timings": timings, "found": found}


def summary(timings: list[dict]) -> dict:
    painted = [t["painted"] for t in timings if t["painted"] is not None]
    sync = [t["sync"] for t in timings]
    if not painted:
        return {"n": len(timings), "median": None, "p90": None, "sync_median": statistics.median(sync),
                "no_change": len(timings)}
    ordered = sorted(painted)
    return {
        "n": len(timings),
        "median": statistics.median(painted),
        "p90": ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))],
        "sync_median": statistics.median(sync),
        "no_change": len(timings) - len(painted),
    }
