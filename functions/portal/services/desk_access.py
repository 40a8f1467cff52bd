"""Who may use the officer desk, shared by every desk use case: an officer with at least one
officer role, attached to an agency, acting only on that agency's dossiers."""
from __future__ import annotations

from portal.domain.errors import Forbidden
from portal.domain.states import Actor


def require_officer(actor: Actor) -> str:
    """The agency the officer acts for (Forbidden for anyone else)."""
    if actor.kind != "officer" or not actor.acting_roles():
        raise Forbidden("Tài khoản của bạn chưa được phân quyền cán bộ.")
    if not actor.agency:
        raise Forbidden("Tài khoản của bạn chưa được gắn với cơ quan nào.")
    return actor.agency


def require_same_agency(actor: Actor, meta: dict) -> None:
    if meta.get("agency") != actor.agency:
        raise Forbidden("Hồ sơ này không thuộc cơ quan của bạn.")
