"""The compiled catalogue's "field_rules" (stated in scripts/catalogue/field_rules.py) as the API
reads them: which characters text may hold, each field kind's pattern, limits and messages.

The browser's form reads the same rules from assets/data/vocabulary.json, so a rule changed in
scripts/catalogue/field_rules.py reaches both after one `make catalogue`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class TextRefused(ValueError):
    """Text holding a character no field accepts (a control or a bidirectional override)."""


@lru_cache(maxsize=64)
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def fill(template: str, **values) -> str:
    """`{label}`, `{max_length}`… replaced by the values given; unknown placeholders stay."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


class FieldRules:
    def __init__(self, data: dict):
        characters = data["characters"]
        self._forbidden = compiled(characters["forbidden"])
        self._invisible = compiled(characters["invisible"])
        self._line_breaks = compiled(characters["line_breaks"])
        self.messages: dict[str, str] = data["messages"]
        self.kinds: dict[str, dict] = data["kinds"]
        self.applicant: dict[str, Any] = data["applicant"]
        self.upload: dict[str, dict] = data["upload"]
        self.consent: dict[str, str] = data["consent"]

    def kind(self, name: str) -> dict:
        """The rule of a field kind ({} for a kind without one)."""
        return self.kinds.get(name) or {}

    def message(self, key: str, **values) -> str:
        return fill(self.messages[key], **values)

    def clean_text(self, value: str, multiline: bool = False) -> str:
        """Text as it is stored: NFC, invisible characters removed, outer spaces stripped, line
        breaks as \\n (multi-line fields only). Raises TextRefused for a control character, a
        bidirectional override or embedding, an unpaired surrogate, or a line break or tab in a
        one-line field."""
        text = unicodedata.normalize("NFC", value)
        if multiline:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif self._line_breaks.search(text):
            raise TextRefused(value)
        if self._forbidden.search(text):
            raise TextRefused(value)
        return self._invisible.sub("", text).strip()
