"""Status lookup by dossier code plus proof of being the applicant (ID number / tax code, or the
private access token). Every failure gives the same answer, so the lookup cannot be used to
learn which codes exist or whose they are; the answer carries no personal data."""
from __future__ import annotations

import hashlib
import hmac

from portal.domain import clock
from portal.domain.codes import is_dossier_code, normalise_code, token_matches
from portal.domain.errors import FieldError, NotFound, RateLimited, ValidationFailed
from portal.domain.states import State
from portal.domain.vocabulary import ACTION_LABELS, STATUS_LABELS
from portal.services import deps

NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."
# Looked up in place of a code that is not well formed (well formed, never issued: sequence
# numbers start at 1), and read in place of a dossier that does not exist, so every lookup does
# the same reads and comparisons whatever was typed.
UNISSUED_CODE = "000.00.00.H00-000000-0000"
NO_DOSSIER_ID = "00000000000000000000000000"
_NO_MATCH = hashlib.sha256(b"no dossier").hexdigest()
# Attempts allowed per 10 minutes, from one client, and from one client on one code. Never per
# code alone: someone else's attempts on a citizen's code must not lock the citizen out.
LIMIT_WINDOW_SECONDS = 600
LIMIT_PER_CLIENT = 120
LIMIT_PER_CLIENT_AND_CODE = 20
# What people type between digit groups of an ID number or tax code.
_SEPARATORS = str.maketrans("", "", " .-")


def _identity(value: str | None) -> bytes:
    """An ID number or tax code as typed, without spaces, dots or dashes, as a digest: compared
    in constant time whatever characters it holds (only ASCII digits match a stored number)."""
    return hashlib.sha256((value or "").translate(_SEPARATORS).upper().encode("utf-8")).digest()


def _proves_applicant(meta: dict, id_number: str | None, access_token: str | None) -> bool:
    """Whether the proof matches the dossier's; `meta` may be empty (no such dossier), when the
    same comparisons are made against values nothing can match."""
    if access_token:
        return token_matches(meta.get("access_token_hash"), access_token)
    applicant = meta.get("applicant") or {}
    typed = _identity(id_number)
    matches = [
        bool(applicant.get(key)) & hmac.compare_digest(typed, _identity(applicant.get(key) or _NO_MATCH))
        for key in ("id_number", "tax_code")
    ]
    return any(matches)


def _pseudonym(value: str) -> str:
    """A client address or code as the counters record it: no IP address is stored."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def _limit(client: str | None, code: str) -> None:
    if not client:
        return
    limits = deps.rate_limits()
    who = _pseudonym(client)
    now = clock.now_vn().timestamp()
    waits = [
        limits.hit(f"lookup#{who}", LIMIT_PER_CLIENT, LIMIT_WINDOW_SECONDS, now),
        limits.hit(f"lookup#{who}#{_pseudonym(normalise_code(code))}", LIMIT_PER_CLIENT_AND_CODE, LIMIT_WINDOW_SECONDS, now),
    ]
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        raise RateLimited(wait)


def find(code: str, id_number: str | None = None, access_token: str | None = None, client: str | None = None) -> dict:
    """The public status of the dossier with this code, if the proof matches its applicant.
    A code missing, malformed or not theirs, an ID number wrong or in other characters: all get
    the same NotFound, after the same work. Attempts are counted per client and per client and
    code (RateLimited beyond the limits), before anything is looked up."""
    _limit(client, code)
    if not (id_number or "").strip() and not (access_token or "").strip():
        raise ValidationFailed(
            fields=[FieldError("id_number", "Vui lòng nhập số căn cước công dân hoặc mã số thuế của người nộp.")]
        )
    wanted = normalise_code(code)
    store = deps.dossier_store()
    dossier_id = store.id_for_code(wanted if is_dossier_code(wanted) else UNISSUED_CODE)
    # Only the proof's attributes, before the proof is checked: a missing code and a wrong ID
    # number both cost two single-item reads of about the same size. Reading the dossier's whole
    # partition here (its events, documents, messages) made a wrong ID number slower than a
    # missing code (docs/benchmarks.md, "Lookup timing").
    proof = store.proof_of(dossier_id or NO_DOSSIER_ID)
    if not _proves_applicant(proof, id_number, access_token) or not dossier_id:
        raise NotFound(NOT_FOUND_MESSAGE)
    dossier = store.get_with_children(dossier_id)
    return public_status(dossier["meta"], dossier["events"])


def public_status(meta: dict, events: list[dict]) -> dict:
    """What anyone holding the code and the proof may see: no name, ID, phone or address."""
    state = State(meta["state"])
    return {
        "code": meta["code"],
        "procedure_title": deps.catalogue().title_for(meta),
        "status": state.value,
        "status_label": STATUS_LABELS[state],
        "submitted_at": meta.get("submitted_at"),
        "received_at": meta.get("received_at"),
        "appointed_date": meta.get("appointed_date"),
        "appointed_date_provisional": meta.get("appointed_date_provisional"),
        "check_due": meta.get("check_due"),
        "timeline": [
            {
                "action": event["action"],
                "label": ACTION_LABELS.get(event["action"], event["action"]),
                "status": event["to_state"],
                "status_label": STATUS_LABELS[State(event["to_state"])],
                "at": event["at"],
            }
            for event in events
            if event.get("citizen_visible")
        ],
    }
