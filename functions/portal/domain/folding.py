"""Vietnamese folded for search: what a keyboard without Vietnamese input types. One definition
for the site's search (scripts/site/text.py re-exports it) and the desk's name index."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`Đăng ký tàu cá` → `dang ky tau ca`. NFD splits the accents off every letter but đ, which
    has its own code point; the catalogue page (catalogue.js) folds queries the same way."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(text: str) -> str:
    """A person's name as the desk's name index stores and searches it: folded, outer spaces
    removed and runs of spaces made one (`  Trần  Thị ` → `tran thi`)."""
    return " ".join(fold(text).split())
