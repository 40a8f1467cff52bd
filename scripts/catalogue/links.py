"""Links inside the text of a procedure file, and references to its documents.

What a link may point at:
- a page of the portal, written from the site root: `/thu-tuc/<id>/` (the guide of a procedure
  that exists), `/nop-ho-so/<id>/` (the form of one that is submitted online), `/thu-tuc/`, or a
  hand-written page of the site (`/tra-cuu/` is site/tra-cuu/index.md);
- a document of the procedure: `#giay-to-<slot>` on its own page, or
  `/thu-tuc/<id>/#giay-to-<slot>` from anywhere, where <slot> is in that procedure's documents;
- another site, only as `http://` or `https://` (no `javascript:`, `file:`, `ftp:`...);
- an image or other embedded file only from the portal itself: the page must not make the
  citizen's browser contact another host (privacy, and the site's content security policy).
Relative links (`../x.md`) are refused: the same text is shown on several pages, so only
root-based links point at the same place everywhere.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.catalogue.report import Path_

DOCUMENT_ANCHOR = "giay-to-"
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
HTML_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
BARE_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>()\[\]]+")
BARE_PORTAL_PATH = re.compile(r"(?<![\w/.-])/(?:thu-tuc|nop-ho-so)/[^\s<>()\[\]]*")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class KnownPages:
    """What links may name: procedures by id (with their slots and whether they are online) and
    the hand-written pages under the site's docs_dir."""

    procedures: dict[str, dict] = field(default_factory=dict)  # id -> {"slots": set, "online": bool}
    site_dir: Path | None = None

    def has_site_page(self, path: str) -> bool:
        if self.site_dir is None or not self.site_dir.is_dir():
            return False
        inner = path.strip("/")
        if not inner:
            return (self.site_dir / "index.md").is_file()
        if not path.endswith("/"):
            return (self.site_dir / inner).is_file()  # an asset such as /assets/x.pdf
        return (self.site_dir / f"{inner}.md").is_file() or (self.site_dir / inner / "index.md").is_file()


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def link_targets(text: str) -> list[tuple[str, bool]]:
    """Every link target written in `text`, with whether the browser would fetch it into the
    page (an image, an embedded file) rather than follow it when clicked: Markdown images and
    links, reference definitions, autolinks, HTML src/href, and bare URLs or portal paths."""
    targets: list[tuple[str, bool]] = []
    rest = text
    for pattern, embedded in ((MARKDOWN_IMAGE, True), (HTML_SRC, True), (MARKDOWN_LINK, False),
                              (REFERENCE_DEFINITION, False), (AUTOLINK, False), (HTML_HREF, False)):
        targets += [(m.group(1), embedded) for m in pattern.finditer(rest)]
        rest = pattern.sub(" ", rest)
    targets += [(m.group(0).rstrip(".,;:!?"), False) for m in BARE_URL.finditer(rest)]
    rest = BARE_URL.sub(" ", rest)
    targets += [(m.group(0).rstrip(".,;:!?"), False) for m in BARE_PORTAL_PATH.finditer(rest)]
    return targets


def check_links(data: dict, own_id: str, known: KnownPages) -> list[tuple[Path_, str]]:
    own_slots = set(_own_slots(data))
    problems: list[tuple[Path_, str]] = []
    for path, text in _strings(data):
        for target, embedded in link_targets(text):
            message: str | None
            if embedded and not (target.startswith("/") and not target.startswith("//")):
                message = (f"ảnh hoặc tệp nhúng '{target}' phải nằm trong cổng (đường dẫn bắt đầu bằng /): "
                           "trang không được tải nội dung từ máy chủ khác")
            else:
                message = _target_problem(target, own_id, own_slots, known)
            if message:
                problems.append((path, message))
    return problems


def _own_slots(data: dict) -> list[str]:
    documents = data.get("documents")
    return [d["slot"] for d in documents if isinstance(d, dict) and isinstance(d.get("slot"), str)] if isinstance(documents, list) else []


def _document_anchor_problem(fragment: str, slots: set[str], whose: str) -> str | None:
    if not fragment.startswith(DOCUMENT_ANCHOR):
        return None  # a heading anchor: the page builds those, nothing to check here
    slot = fragment[len(DOCUMENT_ANCHOR):]
    if slot in slots:
        return None
    known = ", ".join(sorted(slots)) or "(chưa có)"
    return f"liên kết tới giấy tờ '{slot}' nhưng {whose} không có giấy tờ này trong documents; các mã hiện có: {known}"


def _target_problem(target: str, own_id: str, own_slots: set[str], known: KnownPages) -> str | None:
    if not target:
        return "liên kết trống: ghi địa chỉ trong dấu ngoặc tròn, ví dụ [Xem hướng dẫn](/thu-tuc/nuoi-trong-long-be/)"
    if target.startswith("#"):
        return _document_anchor_problem(target[1:], own_slots, "thủ tục này")
    if target.startswith("//"):
        return f"liên kết '{target}' thiếu phần đầu: viết đầy đủ https://"
    if SCHEME.match(target):
        parts = urlsplit(target)
        if parts.scheme.lower() not in ("http", "https"):
            return (f"liên kết '{target}' dùng giao thức '{parts.scheme}:' không được phép; "
                    "liên kết ra ngoài chỉ dùng http:// hoặc https://")
        if "." not in (parts.hostname or ""):
            return f"liên kết '{target}' không có tên miền hợp lệ, ví dụ https://dichvucong.gov.vn"
        return None
    if not target.startswith("/"):
        hint = " (thêm https:// ở đầu)" if target.startswith("www.") else ""
        return (f"liên kết '{target}' không hợp lệ{hint}: trang trong cổng viết từ gốc, bắt đầu bằng / "
                "(ví dụ /thu-tuc/nuoi-trong-long-be/); trang bên ngoài bắt đầu bằng https://")
    return _portal_path_problem(target, own_id, known)


def _portal_path_problem(target: str, own_id: str, known: KnownPages) -> str | None:
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    parts = path.strip("/").split("/")
    if parts[0] in ("thu-tuc", "nop-ho-so") and len(parts) >= 2:
        kind, procedure_id = parts[0], parts[1]
        if len(parts) > 2 or not path.endswith("/"):
            return f"liên kết '{target}' phải có dạng /{kind}/<mã thủ tục>/ (có dấu / ở cuối)"
        procedure = known.procedures.get(procedure_id)
        if procedure is None:
            hint = "" if SLUG.match(procedure_id) else " (mã thủ tục viết thường, không dấu)"
            return f"liên kết '{target}' trỏ tới thủ tục '{procedure_id}' không có trong content/procedures{hint}"
        if kind == "nop-ho-so" and not procedure["online"]:
            return f"thủ tục '{procedure_id}' không nộp trực tuyến nên không có trang {path}; dùng /thu-tuc/{procedure_id}/"
        whose = "thủ tục này" if procedure_id == own_id else f"thủ tục '{procedure_id}'"
        return _document_anchor_problem(fragment, procedure["slots"], whose)
    if path == "/thu-tuc/":  # the catalogue page, generated like the procedure pages
        return None
    if known.has_site_page(path):
        return None
    return f"không có trang hoặc tệp '{path}' trong cổng (liên kết '{target}')"
