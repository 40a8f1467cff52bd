"""The site under the Content-Security-Policy of template.yaml, in Chromium on the local stack:
the gateway sends the same headers CloudFront adds in the cloud, so a page, a script or a
request the policy would block shows up here as a violation."""
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from infra.local import template as sam
from infra.local.security_headers import parse_policy, response_headers_policy
from tests.e2e.test_journey import PDF, open_on_the_desk, submit_cage_farming_dossier

SITE = Path(__file__).resolve().parents[2] / "build" / "site"

# Collected in the page before any of its scripts run; violations inside a worker reach only
# the console, so its messages are read too.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " blocked " + event.blockedURI
    + " (" + event.sourceFile + ":" + event.lineNumber + ")");
});
"""


class _ScriptSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: set[str] = set()

    def handle_starttag(self, tag, attrs):
        src = dict(attrs).get("src")
        if tag == "script" and src:
            self.sources.add(src.rsplit("/", 1)[-1])


def pages_by_scripts() -> list[str]:
    """One page of each kind, a kind being the set of scripts a built page loads (pages that
    load the same scripts meet the policy the same way), plus the home page."""
    kinds: dict[frozenset, list[str]] = defaultdict(list)
    for page in sorted(SITE.rglob("index.html")):
        parser = _ScriptSources()
        parser.feed(page.read_text(encoding="utf-8"))
        folder = page.parent.relative_to(SITE).as_posix()
        kinds[frozenset(parser.sources)].append("/" if folder == "." else f"/{folder}/")
    return sorted({"/", *(paths[0] for paths in kinds.values())})


class Violations:
    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def seen(self) -> list[str]:
        """Everything reported so far, on this page and in the console."""
        return self.page.evaluate("window.__cspViolations || []") + self.console


@pytest.fixture
def violations(page):
    return Violations(page)


def test_the_gateway_sends_the_templates_security_headers(page, stack):
    answer = page.goto(stack["url"] + "/")
    headers = answer.headers
    cloud = response_headers_policy(sam.load())["SecurityHeadersConfig"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == cloud["FrameOptions"]["FrameOption"]
    assert headers["referrer-policy"] == cloud["ReferrerPolicy"]["ReferrerPolicy"]
    assert headers["strict-transport-security"].startswith("max-age=")
    policy = parse_policy(headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # Locally the API is the gateway and S3 and Cognito are moto: nothing else is reachable.
    assert all(re.fullmatch(r"'self'|http://127\.0\.0\.1:\d+", source) for source in policy["connect-src"])


def test_the_browser_refuses_an_injected_inline_script_and_reports_it(page, stack, violations):
    page.goto(stack["url"] + "/tra-cuu/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.injected") is None
    assert any(v.startswith("script-src") for v in violations.seen()), violations.seen()


def test_every_kind_of_page_and_the_search_run_without_a_csp_violation(page, stack, violations):
    if not SITE.joinpath("index.html").exists():
        pytest.fail("build/site is missing: run `make site`")
    visited = pages_by_scripts()
    assert len(visited) >= 5, visited  # home, catalogue, procedure, form, lookup, officer desk
    for path in visited:
        answer = page.goto(stack["url"] + path)
        assert answer.ok, path
        page.wait_for_load_state("networkidle")
        assert violations.seen() == [], f"{path}: {violations.seen()}"
    # The header search box adds its scripts and loads the catalogue's index on first use.
    page.goto(stack["url"] + "/")
    page.keyboard.press("/")
    page.keyboard.type("long be")
    page.get_by_role("listbox", name="Thủ tục tìm thấy").get_by_role("option").first.wait_for(timeout=15000)
    page.goto(stack["url"] + "/khong-co-trang-nay/")
    assert violations.seen() == []


def test_submitting_online_and_opening_the_dossier_on_the_desk_run_without_a_csp_violation(page, stack, violations):
    """The requests the policy must allow: the API, the upload to the documents bucket and the
    officers' sign-in with the user pool (both moto here)."""
    url = stack["url"]
    code = submit_cage_farming_dossier(page, url)
    open_on_the_desk(page, url, code)
    link = page.locator("#dossier-documents").get_by_role("link", name=re.compile("^Xem "))
    assert page.request.get(link.first.get_attribute("href")).body() == PDF
    assert violations.seen() == []
