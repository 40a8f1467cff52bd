"""What a procedure's facts read as, prepared for the templates: the time limit and fee of each
channel (by case, when a form answer changes them) and the "đang cập nhật" marks of the facts an
editor has not confirmed. The wording of every figure is portal.domain.figures'; the labels are
portal.domain.vocabulary's."""
from __future__ import annotations

from dataclasses import dataclass, field

from portal.domain.figures import MISSING_TEXT, format_fee, format_time_limit
from portal.domain.vocabulary import TIME_FROM_LABELS, lower_first
from scripts.catalogue.prose import case_label, default_label

# The channel whose time and fee a card shows first: online when offered.
CHANNEL_ORDER = ("online", "counter", "post")


@dataclass(frozen=True)
class Mark:
    """A "đang cập nhật" mark: the unconfirmed fact paths it stands for and their notes, and whom
    to ask: the counter's phone, or where no confirmed phone is known, its address. The page shows
    all of it beside the fact (a phone shows no tooltip). A mark without paths (on a catalogue
    card) only says that something there is unconfirmed."""

    paths: tuple[str, ...] = ()
    note: str = ""
    phone: str | None = None
    address: str | None = None


CARD_MARK = Mark()


class Marks:
    """The unconfirmed facts of one procedure (one page), and which of them a mark has shown."""

    def __init__(self, procedure: dict):
        self.notes = {item["path"]: item.get("note") or "" for item in procedure.get("unconfirmed") or []}
        self.shown: set[str] = set()
        agency = procedure.get("agency") or {}
        # A phone number that is itself unconfirmed is not one to send people to.
        phone_confirmed = not any(p == "agency.phone" for p in self.notes)
        self.phone = (agency.get("phone") or None) if phone_confirmed else None
        self.address = agency.get("address") or agency.get("counter") or None

    def matches(self, path: str, deep: bool) -> list[str]:
        return [p for p in self.notes if p == path or (deep and p.startswith(path + "."))]

    def mark(self, path: str, deep: bool = False) -> Mark | None:
        """A mark when `path` (or, with `deep`, anything under it) is unconfirmed."""
        return self.of(self.matches(path, deep))

    def of(self, paths: list[str]) -> Mark | None:
        if not paths:
            return None
        self.shown.update(paths)
        return Mark(tuple(paths), " ".join(self.notes[p] for p in paths if self.notes[p]), self.phone, self.address)

    def not_shown(self) -> list[str]:
        return [p for p in self.notes if p not in self.shown]


@dataclass
class Part:
    """One value of a figure: with a label when a case of the form changes it ("cấp lại")."""

    label: str | None
    text: str
    mark: Mark | None = None


@dataclass
class Figure:
    """A time limit or a fee as the guide reads it: "Cấp mới: 5 ngày làm việc; cấp lại: 2 ngày
    làm việc (kể từ ...)", each part with its own mark; `start` is said once when shared."""

    parts: list[Part]
    start: str | None = None
    notes: list[str] = field(default_factory=list)


# A figure's parts: (label of the case or None, the time limit or fee, its unconfirmed paths).
Parts = list[tuple[str | None, dict, list[str]]]


def by_case(procedure: dict, name: str, what: str, marks: Marks) -> Parts:
    """The channel's `what` (time_limit or fee) as (label, value, unconfirmed paths): one part
    with no label when no case changes it, else the default first, then each case that does."""
    channel = (procedure.get("channels") or {}).get(name) or {}
    base = f"channels.{name}"
    default = channel.get(what) or {}
    overriding = [(i, c) for i, c in enumerate(channel.get("cases") or []) if c.get(what)]
    default_paths = marks.matches(f"{base}.{what}", deep=True)
    if not overriding:
        return [(None, default, default_paths)]
    parts: Parts = [(default_label(procedure, [c for _, c in overriding]), default, default_paths)]
    for i, case in overriding:
        paths = (marks.matches(f"{base}.cases.{i}.{what}", deep=True) + marks.matches(f"{base}.cases.{i}", deep=False)
                 + marks.matches(f"{base}.cases.{i}.when", deep=True))
        parts.append((case_label(procedure, case.get("when") or {}), case[what], paths))
    return parts


def _labelled(parts: Parts, show, marks: Marks) -> list[Part]:
    """The parts of a figure that differs by case: the first label as it is, the others and
    every value continuing the sentence."""
    return [
        Part(label if k == 0 else lower_first(label or ""), lower_first(show(value)), marks.of(paths))
        for k, (label, value, paths) in enumerate(parts)
    ]


def time_figure(parts: Parts, marks: Marks) -> Figure:
    if parts[0][0] is None:
        return Figure([Part(None, format_time_limit(parts[0][1]), marks.of(parts[0][2]))])
    starts = {(value or {}).get("from") for _, value, _ in parts}
    shared = TIME_FROM_LABELS.get(starts.pop() or "") if len(starts) == 1 else None
    if shared:
        return Figure(_labelled(parts, lambda v: format_time_limit(v, with_start=False), marks), start=shared)
    return Figure(_labelled(parts, format_time_limit, marks))


def fee_figure(parts: Parts, marks: Marks) -> Figure:
    notes = list(dict.fromkeys(str(fee["note"]) for _, fee, _ in parts if (fee or {}).get("note")))
    if parts[0][0] is None:
        return Figure([Part(None, format_fee(parts[0][1]), marks.of(parts[0][2]))], notes=notes)
    return Figure(_labelled(parts, format_fee, marks), notes=notes)


def main_channel_name(procedure: dict) -> str | None:
    channels = procedure.get("channels") or {}
    return next((n for n in CHANNEL_ORDER if n in channels), None)


def _cases_aside(parts: Parts, show) -> str:
    """` (cấp lại: 3 ngày làm việc)` after a card's default value; empty without cases."""
    cases = [f"{lower_first(label or '')}: {lower_first(show(value))}" for label, value, _ in parts[1:]]
    return f" ({'; '.join(cases)})" if cases else ""


def card_facts(procedure: dict) -> dict:
    """What a card shows, as text: the same values go into the HTML card and the compact index,
    so the cards catalogue.js draws read exactly like the ones the page carries. `unconfirmed`
    lists which of "time" and "fee" get a mark."""
    name = main_channel_name(procedure)
    channel = (procedure.get("channels") or {}).get(name) or {}
    marks = Marks(procedure)
    time, fee = format_time_limit(channel.get("time_limit")), format_fee(channel.get("fee"))
    flagged = []
    if name:
        times, fees = by_case(procedure, name, "time_limit", marks), by_case(procedure, name, "fee", marks)
        # The default in full, each case in a few words after it: "(cấp lại: 3 ngày làm việc)".
        time += _cases_aside(times, lambda v: format_time_limit(v, with_start=False))
        fee += _cases_aside(fees, format_fee)
        whole = bool(marks.matches(f"channels.{name}", deep=False) or marks.matches(f"channels.{name}.cases", deep=False))
        # A value that already reads "Đang cập nhật" needs no second mark.
        if time != MISSING_TEXT and (whole or any(paths for _, _, paths in times)):
            flagged.append("time")
        if fee != MISSING_TEXT and (whole or any(paths for _, _, paths in fees)):
            flagged.append("fee")
    return {"time": time, "fee": fee, "unconfirmed": flagged}
