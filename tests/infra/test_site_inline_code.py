"""Every built page (build/site, what is uploaded to the site bucket) runs under the
Content-Security-Policy of template.yaml: an inline script, event handler, `javascript:` link or
inline style the policy does not allow would be silently blocked in the browser, so it fails here.
A `type="application/json"` script is data, not code, and is not subject to script-src."""
import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from infra.local.security_headers import template_policy

SITE = Path(__file__).resolve().parents[2] / "build" / "site"
# A <script> of any other type is not run by the browser (data such as JSON, or a template).
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "importmap"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


def _hash_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _InlineCode(HTMLParser):
    """What a page runs or applies without loading it from a file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.handlers: list[str] = []  # on*="..." attributes, javascript: URLs
        self.style_attributes: list[str] = []
        self._collecting: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value}>")
            if name == "style":
                self.style_attributes.append(f"<{tag} style={value}>")
        script_type = (attributes.get("type") or "").strip().lower()
        if tag == "script" and "src" not in attributes and script_type in EXECUTABLE_TYPES:
            self._collecting, self._text = "script", []
        elif tag == "style":
            self._collecting, self._text = "style", []

    def handle_data(self, data):
        if self._collecting:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._collecting == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._collecting = None


def refused(html: str, policy: dict[str, list[str]]) -> list[str]:
    """The inline code of a page that `policy` would refuse, described."""
    found = _InlineCode()
    found.feed(html)
    scripts = policy.get("script-src", policy.get("default-src", []))
    styles = policy.get("style-src", policy.get("default-src", []))
    problems = []
    if "'unsafe-inline'" not in scripts:
        problems += [
            f"inline script {_hash_source(text)}: {text.strip()[:80]!r}"
            for text in found.scripts
            if _hash_source(text) not in scripts
        ]
        problems += [f"inline event handler or javascript: URL {handler}" for handler in found.handlers]
    if "'unsafe-inline'" not in styles:
        problems += [f"inline <style> {_hash_source(text)}" for text in found.styles if _hash_source(text) not in styles]
        problems += [f"style attribute {attribute}" for attribute in found.style_attributes]
    return problems


def test_the_policy_allows_no_inline_code_but_by_hash():
    policy = template_policy()
    for directive in ("script-src", "style-src"):
        extra = [s for s in policy[directive] if s != "'self'" and not s.startswith("'sha256-")]
        assert extra == [], f"{directive} allows {extra}"


def test_no_built_page_has_inline_code_the_policy_refuses():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail("build/site is missing: run `make site` (make test builds it first)")
    policy = template_policy()
    problems = {
        str(page.relative_to(SITE)): refused(page.read_text(encoding="utf-8"), policy) for page in pages
    }
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_check_sees_each_kind_of_inline_code():
    policy = {"script-src": ["'self'", _hash_source("allowed()")], "style-src": ["'self'"]}
    page = """<html><head>
      <script>allowed()</script>
      <script type="application/json">{"data": true}</script>
      <script src="assets/app.js"></script>
      <script>evil()</script>
      <style>body{}</style>
    </head><body style="color:red">
      <a href="javascript:evil()">x</a><img src="x.png" onerror="evil()">
    </body></html>"""
    problems = refused(page, policy)
    assert [p.split(" ")[0] + " " + p.split(" ")[1] for p in problems] == [
        "inline script", "inline event", "inline event", "inline <style>", "style attribute",
    ], problems
    assert "evil()" in problems[0]
