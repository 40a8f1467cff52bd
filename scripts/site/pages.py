"""Every generated file of the site, `{src_uri: text}`: the pages and the data files the page
scripts read. Linear in the catalogue: no page looks at all the others."""
from __future__ import annotations

import json

from portal.domain.vocabulary import vocabulary
from scripts.site.blank_forms import blank_form_page
from scripts.site.catalogue import INLINE_CARDS_LIMIT, all_procedures_page, catalogue_index, catalogue_page
from scripts.site.desk import desk_procedures
from scripts.site.guidance import archived_page, guidance_sheet_page, procedure_page
from scripts.site.online_form import form_page
from scripts.site.paths import (
    ALL_PROCEDURES_URI,
    CATALOGUE_INDEX_URI,
    CATALOGUE_URI,
    DESK_PROCEDURES_URI,
    LABELS_URI,
    VOCABULARY_URI,
    archive_uri,
    blank_form_uri,
    form_page_uri,
    guidance_sheet_uri,
    is_online,
    procedure_page_uri,
)


def generated_pages(catalogue: dict) -> dict[str, str]:
    """Every generated page, `{src_uri: markdown}` (src_uri relative to the docs_dir)."""
    procedures = catalogue.get("procedures") or []
    # `archive` (superseded versions, each with `superseded_on`) comes from the compiler once it
    # keeps history; a catalogue without it simply has no old versions to show.
    archive = [e for e in catalogue.get("archive") or [] if e.get("id") and e.get("version") is not None]
    current = {p["id"]: p for p in procedures}
    archived: dict[str, set] = {}
    for entry in archive:
        archived.setdefault(entry["id"], set()).add(entry["version"])

    pages = {CATALOGUE_URI: catalogue_page(catalogue)}
    if len(procedures) > INLINE_CARDS_LIMIT:
        pages[ALL_PROCEDURES_URI] = all_procedures_page(catalogue)
    for procedure in procedures:
        pages[procedure_page_uri(procedure)] = procedure_page(procedure, archived.get(procedure["id"], set()))
        pages[guidance_sheet_uri(procedure)] = guidance_sheet_page(procedure)
        for document in procedure.get("documents") or []:
            if document.get("form"):
                pages[blank_form_uri(procedure, document)] = blank_form_page(procedure, document)
        if is_online(procedure):
            pages[form_page_uri(procedure)] = form_page(procedure)
    for entry in archive:
        pages[archive_uri(entry["id"], entry["version"])] = archived_page(entry, current.get(entry["id"]))
    return pages


def procedure_labels(catalogue: dict) -> dict:
    """What the officer page needs beside the API's answer: each procedure's title and the names
    of its document slots. (The answers come from the API already written out, units and option
    labels included.)"""
    return {
        p["id"]: {"title": p["title"], "documents": {d["slot"]: d["name"] for d in p.get("documents") or []}}
        for p in catalogue.get("procedures") or []
    }


def page_vocabulary(catalogue: dict) -> dict:
    """assets/data/vocabulary.json: every label the page scripts show (status, action, role,
    applicant kind, ...) and the field rules, as the compiled catalogue states them. A catalogue
    compiled before it carried "vocabulary" gets the domain's own, which is what it copies."""
    words = dict(catalogue.get("vocabulary") or vocabulary())
    if "field_rules" in catalogue:
        words["field_rules"] = catalogue["field_rules"]
    return words


def generated_files(catalogue: dict) -> dict[str, str]:
    """The pages plus the small JSON files the scripts read: the officer page's labels, the
    catalogue page's compact index and the vocabulary."""
    files = generated_pages(catalogue)
    files[LABELS_URI] = json.dumps(procedure_labels(catalogue), ensure_ascii=False)
    files[CATALOGUE_INDEX_URI] = json.dumps(catalogue_index(catalogue), ensure_ascii=False, separators=(",", ":"))
    files[VOCABULARY_URI] = json.dumps(page_vocabulary(catalogue), ensure_ascii=False, separators=(",", ":"))
    files[DESK_PROCEDURES_URI] = json.dumps(desk_procedures(catalogue), ensure_ascii=False, separators=(",", ":"))
    return files
