"""Status lookup by dossier code plus proof of being the applicant (ID number / tax code, or the
private access token). Every failure gives the same answer, so the lookup cannot be used to
learn which codes exist or whose they are; the answer carries no personal data."""
from __future__ import annotations

import hmac

from portal.domain.codes import hash_token, is_dossier_code, normalise_code
from portal.domain.errors import FieldError, NotFound, ValidationFailed
from portal.domain.states import State
from portal.domain.vocabulary import ACTION_LABELS, STATUS_LABELS
from portal.services import deps

NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ với mã và số giấy tờ đã nhập."


def _identity(value: str | None) -> str:
    """An ID number or tax code as typed, compared without spaces, dots or dashes."""
    return "".join(ch for ch in (value or "") if ch.isalnum()).upper()


def _proves_applicant(meta: dict, id_number: str | None, access_token: str | None) -> bool:
    if access_token:
        stored = meta.get("access_token_hash") or ""
        return hmac.compare_digest(hash_token(access_token.strip()), stored)
    typed = _identity(id_number)
    applicant = meta.get("applicant") or {}
    known = {_identity(applicant.get("id_number")), _identity(applicant.get("tax_code"))} - {""}
    return bool(typed) and any(hmac.compare_digest(typed, value) for value in known)


def find(code: str, id_number: str | None = None, access_token: str | None = None) -> dict:
    if not (id_number or "").strip() and not (access_token or "").strip():
        raise ValidationFailed(
            fields=[FieldError("id_number", "Vui lòng nhập số căn cước công dân hoặc mã số thuế của người nộp.")]
        )
    not_found = NotFound(NOT_FOUND_MESSAGE)
    code = normalise_code(code)
    if not is_dossier_code(code):
        raise not_found
    store = deps.dossier_store()
    dossier_id = store.id_for_code(code)
    if dossier_id is None:
        raise not_found
    dossier = store.get_with_children(dossier_id)
    meta = dossier["meta"]
    if not _proves_applicant(meta, id_number, access_token):
        raise not_found
    return public_status(meta, dossier["events"])


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
