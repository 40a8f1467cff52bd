"""Identifiers: the dossier code people read, the opaque id, and the private access token.

The dossier code is the agency identifier + the receipt date (yymmdd) + the day's sequence
number, e.g. `000.00.15.H55-260708-0001`, as provincial one-stop systems print it.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date

from ulid import ULID

# Agency identifiers look like `000.00.15.H55`: dot-separated groups of letters and digits.
_DOSSIER_CODE = re.compile(r"^[0-9A-Z]+(?:\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4,}$")


def dossier_code(agency_code: str, day: date, seq: int) -> str:
    """`000.00.15.H55-260708-0001`; the sequence is padded to 4 digits and may grow beyond."""
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{agency_code}-{day.strftime('%y%m%d')}-{seq:04d}"


def normalise_code(value: str) -> str:
    """What a person typed, as stored: surrounding spaces removed, upper case."""
    return value.strip().upper()


def is_dossier_code(value: str) -> bool:
    return bool(_DOSSIER_CODE.fullmatch(value))


def new_dossier_id() -> str:
    """Opaque and sortable by creation time, so drafts exist before any code is assigned."""
    return str(ULID())


def new_access_token() -> str:
    """The secret in the citizen's private link; only its hash is stored."""
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
