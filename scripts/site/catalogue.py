"""The catalogue page (every procedure as a card, with filters), its compact search index for
catalogue.js, and for a large catalogue the plain list of all procedures."""
from __future__ import annotations

from portal.domain.vocabulary import APPLICANT_KIND_LABELS, CHANNEL_LABELS, GROUP_LABELS, LEVEL_LABELS
from scripts.site.facts import CARD_MARK, card_facts
from scripts.site.paths import ALL_PROCEDURES_URI, CATALOGUE_INDEX_URI, is_online
from scripts.site.render import render
from scripts.site.text import fold

# Up to this many procedures the catalogue page carries every card in its HTML, so it works
# without JavaScript; above it the page only links the procedures in a plain list, and the cards
# come from the compact index (CATALOGUE_INDEX_URI) through catalogue.js.
INLINE_CARDS_LIMIT = 300


def sorted_procedures(catalogue: dict) -> list[dict]:
    """By group (in the vocabulary's order), then by title as a reader sorts it."""
    order = {group: index for index, group in enumerate(GROUP_LABELS)}
    return sorted(
        catalogue.get("procedures") or [],
        key=lambda p: (order.get(p.get("group"), len(order)), fold(p["title"]), p["id"]),
    )


def card(procedure: dict) -> dict:
    facts = card_facts(procedure)
    return {
        "id": procedure["id"],
        "title": procedure["title"],
        "level": LEVEL_LABELS.get(procedure.get("service_level") or "", ""),
        "online": CHANNEL_LABELS["online"] if is_online(procedure) else None,
        "group": GROUP_LABELS.get(procedure.get("group") or "", ""),
        "time": facts["time"],
        "time_mark": CARD_MARK if "time" in facts["unconfirmed"] else None,
        "fee": facts["fee"],
        "fee_mark": CARD_MARK if "fee" in facts["unconfirmed"] else None,
    }


# The markup catalogue.js copies for the cards it draws: every optional part present, no text.
CARD_PROTOTYPE = {
    "id": "", "title": "", "level": "", "online": CHANNEL_LABELS["online"], "group": "",
    "time": "", "time_mark": CARD_MARK, "fee": "", "fee_mark": CARD_MARK,
}


def catalogue_index(catalogue: dict) -> dict:
    """The compact search data of the catalogue page: only what the cards and the filters need,
    under short keys (i id, t title, c national code, g group, l level, a applicant types,
    o submitted online, tm time, fe fee, u unconfirmed facts among tm/fe)."""
    entries = []
    for procedure in sorted_procedures(catalogue):
        facts = card_facts(procedure)
        entry = {
            "i": procedure["id"],
            "t": procedure["title"],
            "g": procedure.get("group") or "",
            "l": procedure.get("service_level") or "",
            "a": procedure.get("applicant_types") or [],
            "tm": facts["time"],
            "fe": facts["fee"],
        }
        if procedure.get("national_code"):
            entry["c"] = procedure["national_code"]
        if is_online(procedure):
            entry["o"] = 1
        if facts["unconfirmed"]:
            entry["u"] = ["tm" if f == "time" else "fe" for f in facts["unconfirmed"]]
        entries.append(entry)
    return {"groups": GROUP_LABELS, "levels": LEVEL_LABELS, "applicants": APPLICANT_KIND_LABELS, "procedures": entries}


def _present(labels: dict, keys: set) -> dict:
    return {key: label for key, label in labels.items() if key in keys}


def catalogue_page(catalogue: dict) -> str:
    procedures = sorted_procedures(catalogue)
    inline = len(procedures) <= INLINE_CARDS_LIMIT
    return render(
        "catalogue.md.j2",
        groups=_present(GROUP_LABELS, {p.get("group") for p in procedures}),
        levels=_present(LEVEL_LABELS, {p.get("service_level") for p in procedures}),
        applicants=_present(APPLICANT_KIND_LABELS, {k for p in procedures for k in p.get("applicant_types") or []}),
        count=len(procedures),
        index_link="../" + CATALOGUE_INDEX_URI,
        cards=[card(p) for p in procedures] if inline else None,
        all_link=ALL_PROCEDURES_URI.removeprefix("thu-tuc/").removesuffix(".md") + "/",
        prototype=CARD_PROTOTYPE,
    )


def all_procedures_page(catalogue: dict) -> str:
    """For a large catalogue: every procedure as a bare link, grouped, so the catalogue stays
    usable without JavaScript at a fraction of the cards' weight."""
    procedures = sorted_procedures(catalogue)
    groups = [
        {"label": label, "procedures": [p for p in procedures if p.get("group") == group]}
        for group, label in GROUP_LABELS.items()
    ]
    return render("all_procedures.md.j2", groups=[g for g in groups if g["procedures"]])
