"""Identifiers: the dossier code people read, the opaque id, and the private access token.

The dossier code is the agency identifier + the receipt date (yymmdd) + the day's sequence
number, e.g. `000.00.15.H55-260708-0001`, as provincial one-stop systems print it.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
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


def access_token_for(idempotency_key: str, dossier_id: str) -> str:
    """The secret in the citizen's private link, derived from the submission's Idempotency-Key
    (a random value only the citizen's browser holds) and the dossier: a retry of the same
    submission gets the same link back, and the token itself is never stored anywhere, only
    its hash (the idempotency store keeps a hash of the key, not the key)."""
    digest = hmac.new(idempotency_key.encode("utf-8"), f"access:{dossier_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def submission_fingerprint(idempotency_key: str) -> str:
    """How the table remembers that a submission was recorded, without keeping its key."""
    return hashlib.sha256(f"submission:{idempotency_key}".encode()).hexdigest()


def draft_fingerprint(idempotency_key: str) -> str:
    """How the table remembers which draft a POST made, without keeping its key."""
    return hashlib.sha256(f"draft:{idempotency_key}".encode()).hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(stored_hash: str | None, token: str | None) -> bool:
    """Whether `token` is the one whose hash was stored, compared in constant time (a missing
    hash or token matches nothing, after the same work)."""
    typed = hash_token((token or "").strip())
    return hmac.compare_digest(typed.encode(), (stored_hash or _NO_MATCH).encode()) and bool(stored_hash) and bool(token)


# Compared against when there is nothing to compare: no token hashes to it.
_NO_MATCH = hashlib.sha256(b"no dossier").hexdigest()
