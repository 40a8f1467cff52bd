"""The page of the online form: the online channel's time limit and fee (the same macros as the
guide), and the procedure in a <script> for form.js, which draws the form."""
from __future__ import annotations

from scripts.site.facts import Marks, by_case, fee_figure, time_figure
from scripts.site.paths import procedure_page_uri
from scripts.site.render import render

# The guidance the procedure's own page shows and the form never reads: left out of the form's
# data, which a phone downloads with the page (about half of it, gzipped).
GUIDANCE_ONLY = ("summary", "steps", "conditions", "legal_bases", "refusal_grounds", "unconfirmed")
DOCUMENT_GUIDANCE_ONLY = ("problems",)


def form_data(procedure: dict) -> dict:
    """The procedure as form.js gets it: everything but the guidance-only texts."""
    data = {key: value for key, value in procedure.items() if key not in GUIDANCE_ONLY}
    data["documents"] = [{key: value for key, value in document.items() if key not in DOCUMENT_GUIDANCE_ONLY}
                         for document in procedure.get("documents", [])]
    return data


def form_page(procedure: dict) -> str:
    marks = Marks(procedure)
    return render(
        "online_form.md.j2",
        procedure=procedure,
        data=form_data(procedure),
        guide_link="../" + procedure_page_uri(procedure),
        time_limit=time_figure(by_case(procedure, "online", "time_limit", marks), marks),
        fee=fee_figure(by_case(procedure, "online", "fee", marks), marks),
    )
