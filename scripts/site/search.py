"""Accent-free copies in the site search index (site/hooks/search_folding.py calls this)."""
from __future__ import annotations

import html
import re

from scripts.site.text import fold

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


def fold_search_doc(doc: dict) -> dict:
    """Add accent-free copies of a search index entry (mkdocs-material's search_index.json) in
    the extra fields `ftitle` and `ftext` that mkdocs.yml declares, so "giay phep" finds
    "giấy phép" while accented queries still hit the original fields. The text copy keeps only
    the folded words that differ from the page's own words, once each: it is what the browser
    downloads, and the original words are indexed already."""
    title = html.unescape(_TAG.sub(" ", doc.get("title") or ""))
    if fold(title) != title.lower():
        doc["ftitle"] = fold(title)
    text = html.unescape(_TAG.sub(" ", doc.get("text") or ""))
    own = set(re.findall(r"\w+", text.lower()))
    extra = dict.fromkeys(w for w in _WORD.findall(fold(text)) if w not in own)
    if extra:
        doc["ftext"] = " ".join(extra)
    return doc
