"""One procedure's guide page, its printable guidance sheet (phiếu hướng dẫn) and its archived
versions: the same facts in three modes, rendered by templates/guide.md.j2.

The Python here only gathers plain data (labels, figures, links, "đang cập nhật" marks); the
wording of the page is the template's. Marks are gathered before the page is rendered, in page
order, so the notes at the end know which unconfirmed facts no mark has shown yet.
"""
from __future__ import annotations

from datetime import date, timedelta

from portal.domain.figures import MISSING_TEXT, format_date
from portal.domain.vocabulary import (
    APPLICANT_KIND_LABELS,
    CHANNEL_LABELS,
    DELIVERY_LABELS,
    GROUP_LABELS,
    LEVEL_LABELS,
)
from scripts.site.facts import CHANNEL_ORDER, Marks, by_case, fee_figure, time_figure
from scripts.site.paths import archive_uri, blank_form_uri, form_page_uri, is_online
from scripts.site.render import render

CURRENT, SHEET, ARCHIVE = "current", "sheet", "archive"
# What a checklist row shows of a document (templates/macros.j2, document_row).
DOCUMENT_KEYS = ("slot", "name", "form", "required", "required_when", "originals", "copies", "accept", "max_size_mb")


def procedure_page(procedure: dict, archived_versions=frozenset()) -> str:
    """The guide page of the current version. `archived_versions`: the versions of this procedure
    whose full text the catalogue's archive holds (those are linked from the page)."""
    return render("guide.md.j2", **guide(procedure, CURRENT, archived_versions=archived_versions))


def guidance_sheet_page(procedure: dict) -> str:
    """The printable guidance sheet: the guide, compact, for one A4 print."""
    return render("guide.md.j2", **guide(procedure, SHEET))


def archived_page(entry: dict, current: dict | None) -> str:
    """A superseded version, read-only: a banner with the dates it applied, no way to submit."""
    return render("guide.md.j2", **guide(entry, ARCHIVE, current=current))


def last_day_before(iso_day: str | None) -> str:
    """A version applies up to the day before its successor's effective date: `superseded_on`
    2024-05-20 reads "19/05/2024"."""
    if not iso_day:
        return MISSING_TEXT
    return format_date(date.fromisoformat(iso_day) - timedelta(days=1))


def guide(procedure: dict, mode: str, archived_versions=frozenset(), current: dict | None = None) -> dict:
    """Everything guide.md.j2 shows, for one mode."""
    marks = Marks(procedure)
    pid = procedure["id"]
    result = procedure.get("result") or {}
    data = {
        "mode": mode,
        "id": pid,
        "online": is_online(procedure),
        "title": procedure["title"],
        "title_mark": marks.mark("title"),
        "version": procedure.get("version"),
        "form_link": "../" + form_page_uri(procedure),
        "banner": _archive_banner(procedure, current) if mode == ARCHIVE else None,
        "meta": {
            "code": procedure.get("national_code"),
            "code_mark": marks.mark("national_code"),
            "group": GROUP_LABELS.get(procedure.get("group") or ""),
            "group_mark": marks.mark("group"),
            "level": LEVEL_LABELS.get(procedure.get("service_level") or ""),
            "level_mark": marks.mark("service_level"),
            "since": format_date(procedure.get("effective_date")),
            "since_mark": marks.mark("effective_date"),
        },
        "summary": procedure.get("summary"),
        "summary_mark": marks.mark("summary"),
        "applicants": [APPLICANT_KIND_LABELS.get(k, k) for k in procedure.get("applicant_types") or []],
        "applicants_mark": marks.mark("applicant_types", deep=True),
        "conditions": procedure.get("conditions"),
        "conditions_mark": marks.mark("conditions"),
        "channels": _channels(procedure, marks),
        "documents": _documents(procedure, marks),
        "blank_forms": _blank_forms(procedure) if mode == CURRENT else [],
        "steps_mark": marks.mark("steps"),
        "steps": [
            {"text": step, "mark": marks.mark(f"steps.{i}", deep=True)} for i, step in enumerate(procedure.get("steps") or [])
        ],
        "legal_mark": marks.mark("legal_bases"),
        "legal_bases": [
            {"number": basis["number"], "title": basis.get("title") or "",
             "since": format_date(basis.get("effective_date")), "mark": marks.mark(f"legal_bases.{i}", deep=True)}
            for i, basis in enumerate(procedure.get("legal_bases") or [])
        ],
        "refusal_mark": marks.mark("refusal_grounds"),
        "refusal_grounds": [
            {"text": ground["text"], "mark": marks.mark(f"refusal_grounds.{i}", deep=True)}
            for i, ground in enumerate(procedure.get("refusal_grounds") or [])
        ],
        "result_mark": marks.mark("result"),
        "result": {
            "name": result.get("name"),
            "name_mark": marks.mark("result.name", deep=True),
            "delivery": [DELIVERY_LABELS.get(d, d) for d in result.get("delivery") or []],
            "delivery_mark": marks.mark("result.delivery", deep=True),
        },
        "agency_mark": marks.mark("agency"),
        "agency": {
            key: {"value": (procedure.get("agency") or {}).get(key), "mark": marks.mark(f"agency.{key}", deep=True)}
            for key in ("name", "counter", "address", "phone")
        },
        "older_versions": _older_versions(procedure, archived_versions) if mode == CURRENT else [],
    }
    # Last: every note in words, and a mark for the facts the page has not marked elsewhere.
    leftovers = set(marks.not_shown())
    data["notes"] = [
        {"text": item.get("note") or item["path"], "mark": marks.of([item["path"]]) if item["path"] in leftovers else None}
        for item in procedure.get("unconfirmed") or []
    ]
    return data


def _archive_banner(entry: dict, current: dict | None) -> dict:
    return {
        "since": format_date(entry.get("effective_date")),
        "until": last_day_before(entry.get("superseded_on")),
        "current_link": f"../{entry['id']}.md" if current is not None else None,
    }


def _channels(procedure: dict, marks: Marks) -> dict:
    channels = procedure.get("channels") or {}
    mark = marks.mark("channels")
    rows, fee_notes = [], []
    for name in CHANNEL_ORDER:
        if name not in channels:
            continue
        whole = marks.matches(f"channels.{name}", deep=False) + marks.matches(f"channels.{name}.cases", deep=False)
        fee = fee_figure(by_case(procedure, name, "fee", marks), marks)
        rows.append({
            "label": CHANNEL_LABELS[name],
            "mark": marks.of(whole),
            "time_limit": time_figure(by_case(procedure, name, "time_limit", marks), marks),
            "fee": fee,
        })
        fee_notes += [note for note in fee.notes if note not in fee_notes]
    cutoff = procedure.get("cutoff_time")
    return {"mark": mark, "rows": rows, "fee_notes": fee_notes, "cutoff": cutoff,
            "cutoff_mark": marks.mark("cutoff_time") if cutoff else None}


def _documents(procedure: dict, marks: Marks) -> dict:
    """The documents as a checklist: procedure.js keeps what was ticked, per procedure and
    version. `problems`: each document's common mistakes, for the citizen to check before
    handing it in (a mistake costs a supplement request, never a refusal)."""
    documents = procedure.get("documents") or []
    return {
        "mark": marks.mark("documents"),
        "checklist": f"{procedure['id']}@{procedure.get('version')}",
        "rows": [
            {key: document.get(key) for key in DOCUMENT_KEYS} | {"mark": marks.mark(f"documents.{i}", deep=True)}
            for i, document in enumerate(documents)
        ],
        "problems": [
            {"name": document["name"], "problems": list(document["problems"])}
            for document in documents
            if document.get("problems")
        ],
    }


def _blank_forms(procedure: dict) -> list[dict]:
    return [
        {"form": d["form"], "name": d["name"], "link": blank_form_uri(procedure, d).removeprefix("thu-tuc/")}
        for d in procedure.get("documents") or []
        if d.get("form")
    ]


def _older_versions(procedure: dict, archived_versions) -> list[dict]:
    # `older_versions` comes from the compiler once it keeps history; until then there is none.
    return [
        {
            "version": item.get("version"),
            "link": archive_uri(procedure["id"], item["version"]).removeprefix("thu-tuc/")
            if item.get("version") in archived_versions else None,
            "since": format_date(item.get("effective_date")),
            "until": last_day_before(item.get("superseded_on")),
        }
        for item in sorted(procedure.get("older_versions") or [], key=lambda o: o.get("version") or 0, reverse=True)
    ]
