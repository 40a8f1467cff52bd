"""The access trail the citizen sees on the private link: which desk role opened the dossier,
and when ("Cán bộ tiếp nhận đã mở hồ sơ lúc 14:05 02/12/2026"). Never the officer's name or
user name: the citizen learns that the desk looked, not who.

Recording is a side effect of reading (services/officer.py `detail`): it is cheap (at most one
item per officer, dossier and hour) and it never fails the read: if the write fails, the
officer still sees the dossier and the failure is logged."""
from __future__ import annotations

from portal.config import settings
from portal.domain import clock
from portal.domain.states import Actor, Role
from portal.domain.vocabulary import ROLE_LABELS
from portal.observability import logger
from portal.store.access_trail import AccessTrailStore

# The role an opening is shown under, for an officer holding several: the first of these.
ROLE_ORDER = (Role.RECEPTIONIST, Role.SPECIALIST, Role.LEADER, Role.ADMIN)


def _store() -> AccessTrailStore:
    return AccessTrailStore(settings().table_name)


def shown_role(actor: Actor) -> str:
    roles = actor.acting_roles()
    return next((role for role in ROLE_ORDER if role in roles), Role.ADMIN)


def record_opening(actor: Actor, dossier_id: str, store: AccessTrailStore | None = None, ttl: int | None = None) -> None:
    """Note that `actor` (an officer allowed to read it) opened the dossier now (`store`: the
    trail of another kind of record, a draft's, with its `ttl`)."""
    try:
        (store or _store()).record(dossier_id, actor.id, shown_role(actor), clock.iso(clock.now_vn()), ttl)
    except Exception:
        logger.warning("access trail not recorded", extra={"record_id": dossier_id}, exc_info=True)


def access_trail(dossier_id: str) -> list[dict]:
    """`[{role_label, at}]` in the order the dossier was opened (at most one per officer and hour)."""
    return [
        {"role_label": ROLE_LABELS.get(opening["role"], ROLE_LABELS[Role.ADMIN]), "at": opening["at"]}
        for opening in _store().openings(dossier_id)
    ]
