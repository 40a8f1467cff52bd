"""What the draft use cases share (the citizen's: services/drafts.py; the desk's:
services/prechecks.py; a submission from a draft: services/dossiers.py): proving a draft with
its token, its procedure, how long it is kept, its view, and its events."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from portal.config import settings
from portal.domain import clock, drafts
from portal.domain.codes import token_matches
from portal.domain.errors import FieldError, NotFound
from portal.domain.states import CITIZEN, Actor
from portal.domain.validation import check_applicant
from portal.services import deps
from portal.services.draft_models import DraftView

_DRAFT_ID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
# Read in place of a draft id that cannot be one, so every refusal costs the same reads.
_NO_DRAFT = "0" * 26


def procedure_of(draft: dict) -> dict:
    """The procedure version the draft was started on (its rules apply to it to the end)."""
    return deps.catalogue().get(draft["procedure_id"], draft.get("procedure_version"))


def ttl_for(today_expiry: str) -> int:
    """The table's `ttl` (epoch seconds) of a record kept through the day `today_expiry`
    (YYYY-MM-DD, Vietnam time): its end."""
    end = datetime.fromisoformat(today_expiry).replace(tzinfo=clock.VN_TZ) + timedelta(days=1)
    return int(end.timestamp())


def is_expired(draft: dict) -> bool:
    return clock.now_vn().date().isoformat() > draft["expires_at"]


def load(draft_id: str) -> dict | None:
    """The draft, None when there is none or it has expired (the table removes expired items
    lazily, days later: they are gone as of their date)."""
    found = deps.draft_store().get(draft_id if _DRAFT_ID.fullmatch(draft_id) else _NO_DRAFT)
    return None if found is None or is_expired(found) else found


def proven(draft_id: str, token: str | None) -> dict:
    """The draft whose link this is, or the same NotFound for an unknown id, a wrong token and
    an expired draft, after the same read and the same comparison."""
    draft = load(draft_id)
    if not token_matches(draft.get("token_hash") if draft else None, token) or draft is None:
        raise NotFound(drafts.NOT_FOUND_MESSAGE)
    return draft


def reachable(procedure: dict, applicant: dict) -> dict:
    """The applicant as the messages may address them: the name, and the e-mail and phone only
    if they pass the submission's own rules (a draft may hold half a phone number)."""
    _, errors = check_applicant(procedure, applicant, deps.catalogue().field_rules)
    wrong = {e.path for e in errors}
    contact = {k: applicant.get(k) for k in ("kind", "full_name")}
    contact.update({k: applicant[k] for k in ("email", "phone") if applicant.get(k) and f"applicant.{k}" not in wrong})
    return contact


def contacts_to_send(procedure: dict, applicant: dict, already: list[str]) -> tuple[dict, list[str]]:
    """Where the draft's link goes: the applicant's reachable e-mail and phone it was not sent to
    before; and every address it has gone to, as the record keeps them ("phone:0912345678")."""
    contact = reachable(procedure, applicant)
    sent = list(already)
    for name in ("email", "phone"):
        if contact.get(name) and f"{name}:{contact[name]}" in sent:
            contact.pop(name)
        elif contact.get(name):
            sent.append(f"{name}:{contact[name]}")
    return contact, sent


def resume_url(draft: dict, token: str) -> str:
    origin = settings().site_origin.rstrip("/")
    return f"{origin}/nop-ho-so/{draft['procedure_id']}/?nhap={draft['id']}#t={token}"


def event(action: str, actor: Actor, now: datetime, from_status: str | None, to_status: str, data: dict | None = None) -> dict:
    """An entry of the draft's trail (who, when, from which status to which); `citizen_visible`
    as a dossier event says it (the outbox's messages are given with it)."""
    return {
        "action": action, "at": clock.iso(now), "actor_id": actor.id, "actor_role": next(iter(sorted(actor.acting_roles()))),
        "from_status": from_status, "to_status": to_status, "data": data or {},
    }


def view(draft: dict, procedure: dict) -> DraftView:
    """The draft as its owner (and, with more, the desk) reads it, with the self-check."""
    problems = drafts.self_check(procedure, draft, deps.catalogue().field_rules)
    return DraftView.model_validate({
        "draft_id": draft["id"],
        "procedure_id": draft["procedure_id"],
        "procedure_version": draft.get("procedure_version"),
        "status": draft["status"],
        "status_label": drafts.status_label(draft["status"]),
        "version": int(draft["version"]),
        "saved_at": draft["saved_at"],
        "expires_at": draft["expires_at"],
        "applicant": draft.get("applicant") or {},
        "answers": draft.get("answers") or {},
        "documents": [{k: d.get(k) for k in ("slot", "upload_id", "filename", "size")} for d in draft.get("documents") or []],
        "check": {"complete": not problems, "missing": [{"path": p.path, "message": p.message} for p in problems]},
        "precheck": draft.get("precheck"),
        "submitted_code": draft.get("submitted_code"),
        "link_sent_to": link_sent_to(draft),
    })


def link_sent_to(draft: dict) -> dict:
    """The last phone and e-mail of those the link went to (contacts_to_send keeps them all)."""
    sent: dict = {}
    for entry in draft.get("link_sent_to") or []:
        kind, _, address = entry.partition(":")
        if kind in ("phone", "email"):
            sent[kind] = address
    return sent


# --- a submission from the draft (services/dossiers.py) ------------------------------------

def for_submission(draft_id: str, token: str | None, procedure: dict) -> tuple[dict | None, list[FieldError]]:
    """The draft a submission is made from, proved by its link, of the same procedure and not
    submitted yet; else the field error that says why not (the 404's message: nothing is told)."""
    try:
        draft = proven(draft_id, token)
    except NotFound:
        draft = None
    if draft is None or draft["procedure_id"] != procedure["id"]:
        return None, [FieldError("draft_id", drafts.NOT_FOUND_MESSAGE)]
    if draft["status"] == drafts.SUBMITTED:
        return None, [FieldError("draft_id", drafts.SUBMITTED_MESSAGE)]
    return draft, []


def submitted_writes(draft: dict, code: str, now: datetime) -> list[dict]:
    """The draft marked submitted with the dossier's code, in the transaction that records the
    dossier; its link still shows where it went for a few days, then it goes."""
    expires = (now.date() + timedelta(days=drafts.SUBMITTED_KEEP_DAYS)).isoformat()
    after = {**draft, "status": drafts.SUBMITTED, "submitted_code": code, "submitted_at": clock.iso(now),
             "version": int(draft["version"]) + 1, "expires_at": expires}
    entry = event("submit", CITIZEN, now, draft["status"], drafts.SUBMITTED, {"code": code})
    return deps.draft_store().change_writes(after, int(draft["version"]), entry, (), ttl_for(expires))
