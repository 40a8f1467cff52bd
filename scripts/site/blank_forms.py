"""Blank copies of a procedure's forms, to print on A4 and fill in by hand (templates/
blank_form.md.j2): code and name, addressee, applicant, the content lines, date and signature.

Nothing else of the official wording is invented: the citizen is told the official form of the
legal basis prevails.
"""
from __future__ import annotations

from scripts.site.render import render


def _content_line(field: dict) -> dict:
    """A field of the online form as lines to write on: options to tick, or 1 to 3 lines."""
    if field.get("type") == "choice" and field.get("options"):
        return {"label": field["label"], "options": [o["label"] for o in field["options"]], "unit": None, "lines": 1}
    lines = {"textarea": 3, "address": 2}.get(field.get("type") or "", 1)
    return {"label": field["label"], "options": None, "unit": field.get("unit") if lines == 1 else None, "lines": lines}


def blank_form_page(procedure: dict, document: dict) -> str:
    applicants = procedure.get("applicant_types") or []
    forms = [d for d in procedure.get("documents") or [] if d.get("form")]
    fields = (procedure.get("form") or {}).get("fields") or []
    # The online form's fields are the application's content: they fill the first form of the
    # procedure (the application); any other form gets blank lines to write on.
    content = [_content_line(f) for f in fields] if fields and forms and forms[0] is document else []
    return render(
        "blank_form.md.j2",
        procedure_id=procedure["id"],
        code=document["form"],
        name=document["name"],
        agency=(procedure.get("agency") or {}).get("name"),
        person="ca-nhan" in applicants,
        organisation="to-chuc" in applicants,
        content=content,
        legal_bases=[b["number"] for b in procedure.get("legal_bases") or []],
    )
