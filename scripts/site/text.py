"""Text helpers of the generated pages: folding Vietnamese for search, anchors, and the escaping
that plain text needs where the templates put it (Markdown, YAML front matter, a <script>)."""
from __future__ import annotations

import functools
import html
import json
import re

from markupsafe import Markup

from portal.domain.folding import fold

__all__ = ["ascii_slug", "content_md", "escape_md", "fold", "indent_md", "json_for_script", "yaml_text"]

# Each helper below escapes its text itself before marking the result safe for the templates
# (hence the `noqa: S704`): that is what the helper is for.


@functools.lru_cache(maxsize=256)  # the same few section headings on thousands of pages
def ascii_slug(text: str) -> str:
    """`Thành phần hồ sơ` → `thanh-phan-ho-so`: anchors a citizen can share and a test can find."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def escape_md(text) -> Markup:
    """Plain text (a title, a name) placed in Markdown: no accidental emphasis, links or HTML."""
    escaped = html.escape(str(text), quote=False)
    return Markup(re.sub(r"([\\`*_\[\]{}#|])", r"\\\1", escaped))  # noqa: S704


def content_md(text) -> Markup:
    """Markdown an editor wrote (a summary, a step): its emphasis and lists work, but no HTML,
    which the procedure files have no reason to carry. `>` is left alone for quotes."""
    return Markup(str(text or "").replace("&", "&amp;").replace("<", "&lt;"))  # noqa: S704


def indent_md(text, spaces: int = 4) -> Markup:
    """Continuation lines of a Markdown block nested in a list item (the text is escaped first)."""
    lines = str(content_md(text)).strip().splitlines()
    return Markup("\n".join(lines[:1] + [(" " * spaces + line) if line.strip() else "" for line in lines[1:]]))  # noqa: S704


def yaml_text(text: str) -> Markup:
    """A front-matter string. The theme prints a page's title without escaping it, so the value
    carries HTML entities: `<b>` shows as text in the header and the window title."""
    return Markup(json.dumps(html.escape(str(text), quote=False), ensure_ascii=False))  # noqa: S704


def json_for_script(data) -> Markup:
    """JSON safe inside <script>: `</script>` or `<!--` in a text cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S704
