"""The page of the online form: the online channel's time limit and fee (the same macros as the
guide), and the procedure in a <script> for form.js, which draws the form."""
from __future__ import annotations

from scripts.site.facts import Marks, by_case, fee_figure, time_figure
from scripts.site.paths import procedure_page_uri
from scripts.site.render import render


def form_page(procedure: dict) -> str:
    marks = Marks(procedure)
    return render(
        "online_form.md.j2",
        procedure=procedure,
        guide_link="../" + procedure_page_uri(procedure),
        time_limit=time_figure(by_case(procedure, "online", "time_limit", marks), marks),
        fee=fee_figure(by_case(procedure, "online", "fee", marks), marks),
    )
