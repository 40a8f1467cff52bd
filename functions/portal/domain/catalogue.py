"""The compiled procedure catalogue (docs/architecture.md, "Compiled catalogue"): procedures by id
and version, the working calendar, the field rules every answer is checked by
(portal.domain.validation applies them), and the time limit and fee of one dossier.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from portal.domain.calendar import WorkingCalendar
from portal.domain.errors import NotFound
from portal.domain.field_rules import FieldRules

BUNDLED_CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


class Catalogue:
    """Current procedures by id, and the archived older versions a dossier may still be under
    (`archive` in the compiled catalogue: a dossier keeps the version it was submitted under)."""

    def __init__(self, data: dict):
        self.data = data
        self._by_id = {p["id"]: p for p in data.get("procedures") or []}
        self._archived = {(p["id"], int(p["version"])): p for p in data.get("archive") or []}

    @classmethod
    def load(cls, path: str | Path) -> Catalogue:
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle))

    @classmethod
    def bundled(cls) -> Catalogue:
        """The copy compiled into the functions package (functions/portal/catalogue.json)."""
        return cls.load(BUNDLED_CATALOGUE)

    @property
    def procedures(self) -> list[dict]:
        return list(self._by_id.values())

    @property
    def calendar_overrides(self) -> dict | None:
        return self.data.get("calendar")

    @cached_property
    def working_calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.calendar_overrides)

    @cached_property
    def field_rules(self) -> FieldRules:
        """The rules of every form and applicant field ("field_rules")."""
        if "field_rules" not in self.data:
            raise RuntimeError("the compiled catalogue has no field_rules: run `make catalogue`")
        return FieldRules(self.data["field_rules"])

    def get(self, procedure_id: str, version: int | None = None) -> dict:
        """The current entry, or with `version` the entry of that version (current or archived).

        `version` may come from DynamoDB as a Decimal; None means the current version (dossiers
        recorded before versions were kept)."""
        try:
            current = self._by_id[procedure_id]
        except KeyError:
            raise NotFound("Không tìm thấy thủ tục.") from None
        if version is None or int(version) == int(current["version"]):
            return current
        try:
            return self._archived[(procedure_id, int(version))]
        except KeyError:
            raise NotFound(f"Không tìm thấy phiên bản {int(version)} của thủ tục.") from None

    def for_dossier(self, dossier: dict) -> dict:
        """The procedure as it was when the dossier was submitted: its time limit, documents,
        refusal grounds and fees are the ones the applicant was shown."""
        return self.get(dossier["procedure_id"], dossier.get("procedure_version"))

    def title_for(self, dossier: dict) -> str:
        """What to call a dossier's procedure: the title of its version (a procedure may be
        renamed), else today's, else its id when it has left the catalogue (the dossier stays)."""
        procedure_id = dossier.get("procedure_id") or ""
        for version in (dossier.get("procedure_version"), None):
            try:
                return self.get(procedure_id, version)["title"]
            except NotFound:
                continue
        return procedure_id


# --- time limit and fee of one dossier ---------------------------------------------------


@dataclass(frozen=True)
class ChannelTerms:
    """The time limit and fee that apply to one dossier, and where each figure is written in the
    procedure file (`time_limit_path`, `fee_path`: what the `unconfirmed` list names)."""

    time_limit: dict
    fee: dict
    time_limit_path: str
    fee_path: str
    case: dict | None = None  # the matching case's `when`; None for the channel's default


def channel_terms(procedure: dict, channel: str, answers: dict | None) -> ChannelTerms:
    """What a dossier sent through `channel` with these form answers is promised: the first of
    the channel's `cases` whose choice the answers match overrides the default time limit and/or
    fee (e.g. a reissue is quicker and cheaper than a new certificate). A channel the procedure
    lacks gives empty terms; the caller decides what that means."""
    spec = (procedure.get("channels") or {}).get(channel) or {}
    base = f"channels.{channel}"
    terms = ChannelTerms(spec.get("time_limit") or {}, spec.get("fee") or {}, f"{base}.time_limit", f"{base}.fee")
    answers = answers if isinstance(answers, dict) else {}
    for index, case in enumerate(spec.get("cases") or []):
        when = case.get("when") or {}
        if when.get("field") in answers and answers[when["field"]] == when.get("equals"):
            path = f"{base}.cases.{index}"
            return ChannelTerms(
                time_limit=case.get("time_limit") or terms.time_limit,
                fee=case.get("fee") or terms.fee,
                time_limit_path=f"{path}.time_limit" if case.get("time_limit") else terms.time_limit_path,
                fee_path=f"{path}.fee" if case.get("fee") else terms.fee_path,
                case=dict(when),
            )
    return terms


# --- fees --------------------------------------------------------------------------------


def fee_amount(fee: dict, quantity: float | None = None) -> int | None:
    """The fee in đồng, or None when it cannot be stated (unconfirmed, or a per-unit fee
    without the quantity)."""
    kind = (fee or {}).get("kind")
    if kind == "none":
        return 0
    if kind == "fixed":
        return int(fee["amount"])
    if kind == "per_unit":
        if quantity is None:
            return None
        # Round half up to the đồng, then apply the ceiling the regulation sets.
        total = int(fee["base"] + fee["per_unit"] * quantity + 0.5)
        cap = fee.get("cap")
        return min(total, int(cap)) if cap is not None else total
    return None
