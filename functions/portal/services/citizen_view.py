"""The dossier as its applicant sees it from the private link (the access token proves it is
theirs): the whole citizen-visible timeline with what each step asks or tells, the documents,
what is requested now and what they may do. Nothing internal (an officer's name, an appraisal,
an internal event) is in it.

The dossier is named by its id or by its code (the private links in citizens' hands carry the
code: /tra-cuu/?ma=<code>#t=<token>). A wrong token, an unknown id or code: the same 404 after
the same reads, so the route tells nobody which dossiers exist.
"""
from __future__ import annotations

import hashlib

from portal.domain import clock
from portal.domain.citizen_choices import delivery_methods
from portal.domain.codes import is_dossier_code, normalise_code, token_matches
from portal.domain.errors import NotFound, RateLimited
from portal.domain.figures import format_money
from portal.domain.states import CITIZEN, State
from portal.domain.transitions import allowed_actions
from portal.domain.vocabulary import DELIVERY_LABELS
from portal.services import deps
from portal.services.access_trail import access_trail
from portal.services.citizen_models import PrivateView
from portal.services.files import accepted_types, max_size_mb
from portal.services.lookup import public_status

NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ, hoặc liên kết riêng không đúng."
# Read in place of a dossier that does not exist (no ULID is all zeros), so a miss does the
# same reads and comparison as a hit.
NO_DOSSIER_ID = "00000000000000000000000000"
# Views per 10 minutes from one client, and from one client on one dossier: the lookup's figures.
WINDOW_SECONDS = 600
VIEWS_PER_CLIENT = 120
VIEWS_PER_CLIENT_AND_DOSSIER = 20
# Keys of an event's data the citizen is shown as they are (dates, numbers, their own notes).
_PLAIN_DETAILS = ("appointed_date", "previous_date", "check_due", "note", "amount_text", "outcome", "number",
                  "signed_on", "reasons", "waybill")


def _count_view(client: str | None, ref: str) -> None:
    """Counted per client and per client and dossier, never per dossier alone (nobody's
    attempts may lock a citizen out of their own dossier); no address is stored, only a hash."""
    if not client:
        return
    who = hashlib.sha256(client.encode("utf-8")).hexdigest()[:32]
    what = hashlib.sha256(normalise_code(ref).encode("utf-8")).hexdigest()[:32]
    now = clock.now_vn().timestamp()
    limits = deps.rate_limits()
    waits = [
        limits.hit(f"private#{who}", VIEWS_PER_CLIENT, WINDOW_SECONDS, now),
        limits.hit(f"private#{who}#{what}", VIEWS_PER_CLIENT_AND_DOSSIER, WINDOW_SECONDS, now),
    ]
    if any(wait is not None for wait in waits):
        raise RateLimited(max(wait for wait in waits if wait is not None))


def own_dossier(ref: str, access_token: str) -> dict:
    """`{"meta", "documents", "events"}` of the dossier `ref` (its id or code) if the token is
    its private link's; NotFound, the same one, otherwise."""
    store = deps.dossier_store()
    wanted = normalise_code(ref)
    dossier_id = (store.id_for_code(wanted) if is_dossier_code(wanted) else ref) or NO_DOSSIER_ID
    try:
        dossier = store.get_with_children(dossier_id)
    except NotFound:
        dossier = None
    meta = dossier["meta"] if dossier else {}
    if not token_matches(meta.get("access_token_hash"), access_token) or dossier is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return dossier


def view(ref: str, access_token: str, client: str | None = None) -> PrivateView:
    _count_view(client, ref)
    return private_view(own_dossier(ref, access_token))


def _details(event: dict) -> dict:
    """What the citizen needs from one step: dates, the items asked for and why, the grounds
    cited, the fee, the result, how it was delivered; never who did it."""
    data = event.get("data") or {}
    action = event["action"]
    details = {key: data[key] for key in _PLAIN_DETAILS if data.get(key) not in (None, "", [])}
    if data.get("items"):
        details["items"] = [{"slot": i["slot"], "name": i["name"], "note": i.get("note")} for i in data["items"]]
    if data.get("grounds"):
        details["grounds"] = [ground["text"] for ground in data["grounds"]]
    if action in ("apologise", "withdraw") and data.get("reason"):
        details["note"] = data["reason"]
    if action == "paid" and isinstance(data.get("amount"), int):
        details["amount_text"] = format_money(data["amount"])
    if action == "return" and data.get("method"):
        details.update(method=data["method"], method_label=DELIVERY_LABELS.get(data["method"]))
    if data.get("documents"):
        details["documents"] = [f"{d.get('name')}: {d.get('filename')}" for d in data["documents"]]
    return details


def _download(document: dict, fallback_name: str) -> str:
    return deps.document_store().presign_download(
        document["key"], document.get("filename") or fallback_name, document["content_type"], document.get("version_id")
    )


def _result(meta: dict) -> dict | None:
    """The decision once taken; its signed document downloads once it was returned online."""
    result = meta.get("result")
    if not result:
        return None
    document = result.get("document")
    delivered_online = meta["state"] == State.RETURNED.value and (meta.get("delivery") or {}).get("method") == "online"
    return {
        **{key: result.get(key) for key in ("outcome", "number", "signed_on", "reasons", "decided_at", "filename")},
        "download_url": _download(document, "ket-qua.pdf") if document and result.get("outcome") == "approve" and delivered_online else None,
    }


def _supplement(meta: dict, procedure: dict | None) -> dict | None:
    if meta["state"] != State.SUPPLEMENT_REQUESTED.value:
        return None
    declared = {d["slot"]: d for d in (procedure or {}).get("documents") or []}
    items = [
        {**item, "accept": accepted_types(declared.get(item["slot"], {})), "max_size_mb": max_size_mb(declared.get(item["slot"], {}))}
        for item in meta.get("supplement_items") or []
    ]
    return {"items": items, "note": meta.get("supplement_note"), "requested_at": meta.get("supplement_requested_at")}


def _procedure(meta: dict) -> dict | None:
    try:
        return deps.catalogue().for_dossier(meta)
    except NotFound:  # the procedure left the catalogue: the dossier is still shown
        return None


def private_view(dossier: dict) -> PrivateView:
    meta = dossier["meta"]
    state = State(meta["state"])
    procedure = _procedure(meta)
    options = delivery_methods(procedure or {})
    actions = allowed_actions(state, CITIZEN)
    fee = meta.get("fee")
    result = _result(meta)
    choice = meta.get("delivery_choice")
    returned = meta.get("delivery")
    allowed = [
        *(["supply"] if "supply" in actions else []),
        *(["pay"] if state == State.AWAITING_PAYMENT and fee and not meta.get("payment") else []),
        *(["choose_delivery"] if "choose_delivery" in actions and options else []),
        *(["download_result"] if result and result["download_url"] else []),
        *(["rate"] if "rate" in actions and not meta.get("rating") else []),
        *(["withdraw"] if "withdraw" in actions else []),
    ]
    # What the public lookup shows anyone with the code and the proof, then what is the applicant's.
    status = public_status(meta, dossier["events"])
    visible = [event for event in dossier["events"] if event.get("citizen_visible")]
    return PrivateView.model_validate({
        **status,
        "timeline": [{**entry, "details": _details(event)} for entry, event in zip(status["timeline"], visible, strict=True)],
        "dossier_id": meta["id"],
        "procedure_id": meta["procedure_id"],
        "channel": meta["channel"],
        "check_due_provisional": meta.get("check_due_provisional"),
        "documents": [
            {
                "slot": doc["slot"], "n": doc["n"], "name": doc.get("name"), "filename": doc.get("filename"),
                "size": doc.get("size"), "download_url": _download(doc, doc["slot"]),
            }
            for doc in dossier["documents"]
        ],
        "supplement": _supplement(meta, procedure),
        "fee": {"amount": fee["amount"], "amount_text": fee["amount_text"]} if fee else None,
        "paid": bool(meta.get("payment")),
        "result": result,
        "delivery_options": [{"method": m, "label": DELIVERY_LABELS[m]} for m in options],
        "delivery_choice": {**choice, "label": DELIVERY_LABELS.get(choice["method"])} if choice else None,
        "returned": {
            "method": returned["method"], "label": DELIVERY_LABELS.get(returned["method"], returned["method"]),
            "returned_at": returned["returned_at"], "waybill": returned.get("waybill"),
        } if returned else None,
        "rating": meta.get("rating"),
        "allowed": allowed,
        "access_trail": access_trail(meta["id"]),
    })
