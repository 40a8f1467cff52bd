"""The citizen's own choices on a dossier, from its private link (docs/domain.md, "Lifecycle"):
how to receive the result, and one rating once there is a result. Both are audited (internal
events: the desk sees them, nobody is notified) and neither moves the dossier.
"""
from __future__ import annotations

from datetime import datetime

from portal.domain.clock import iso
from portal.domain.errors import Conflict, FieldError, ValidationFailed
from portal.domain.field_rules import FieldRules
from portal.domain.states import Actor, as_state
from portal.domain.transitions import Change, make_change, transition
from portal.domain.validation import check_address, check_text
from portal.domain.vocabulary import DELIVERY_LABELS

DELIVERY_METHODS = ("online", "counter", "post")
# Whose address the messages of a missing part name ("... của người nhận kết quả").
ADDRESS_OWNER = "người nhận kết quả"
ADDRESS_LABEL = "Địa chỉ nhận kết quả"
RATING_SCORES = range(1, 6)
COMMENT_RULE = {"multiline": True, "max_length": 1000}


def delivery_methods(procedure: dict) -> list[str]:
    """How this procedure's result may reach the applicant (the catalogue's `result.delivery`)."""
    offered = (procedure.get("result") or {}).get("delivery") or []
    return [method for method in DELIVERY_METHODS if method in offered]


def choose_delivery(
    dossier: dict,
    procedure: dict,
    actor: Actor,
    now: datetime,
    rules: FieldRules,
    method: str,
    address: dict | None,
) -> Change:
    """One of the procedure's ways of receiving the result; by post, with the address to send
    it to (checked as the applicant's address is). May be changed until the result is returned."""
    current = as_state(dossier["state"])
    row = transition(current, "choose_delivery", actor)
    errors: list[FieldError] = []
    offered = delivery_methods(procedure)
    if method not in offered:
        accepted = "; ".join(DELIVERY_LABELS[m] for m in offered)
        errors.append(FieldError("method", f"Thủ tục này chỉ trả kết quả theo các cách: {accepted}."))
    clean_address = None
    if method == "post":
        clean_address, address_errors = check_address(rules, address, "address", ADDRESS_OWNER, ADDRESS_LABEL)
        errors.extend(address_errors)
    elif address is not None:
        errors.append(FieldError("address", "Chỉ ghi địa chỉ khi chọn nhận kết quả qua bưu điện."))
    if errors:
        raise ValidationFailed(fields=errors)
    choice = {"method": method, "address": clean_address, "chosen_at": iso(now)}
    choice = {key: value for key, value in choice.items() if value is not None}
    # The audit trail reads the address as one line, as it is written on an envelope.
    data = {"method": method}
    if clean_address:
        data["address"] = ", ".join(clean_address[k] for k in ("street", "commune", "province") if clean_address.get(k))
    return make_change(row, current, actor, now, {"delivery_choice": choice}, data)


def rate(dossier: dict, actor: Actor, now: datetime, rules: FieldRules, score: int, comment: str | None) -> Change:
    """One answer (1 to 5) and an optional comment, once, after the result."""
    current = as_state(dossier["state"])
    row = transition(current, "rate", actor)
    if dossier.get("rating"):
        raise Conflict("Bạn đã đánh giá việc giải quyết hồ sơ này.")
    errors: list[FieldError] = []
    if score not in RATING_SCORES:
        errors.append(FieldError("score", "Vui lòng chọn một mức đánh giá từ 1 đến 5."))
    text, text_errors = check_text(rules, COMMENT_RULE, comment, "comment", "Góp ý", required=False)
    errors.extend(text_errors)
    if errors:
        raise ValidationFailed(fields=errors)
    rating = {"score": score, "comment": text or None, "rated_at": iso(now)}
    rating = {key: value for key, value in rating.items() if value is not None}
    data = {key: value for key, value in rating.items() if key != "rated_at"}
    return make_change(row, current, actor, now, {"rating": rating}, data)
