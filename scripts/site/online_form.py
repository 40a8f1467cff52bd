"""The page of the online form: the procedure in a <script> for form.js, which draws the form."""
from __future__ import annotations

from scripts.site.paths import procedure_page_uri
from scripts.site.render import render


def form_page(procedure: dict) -> str:
    return render("online_form.md.j2", procedure=procedure, guide_link="../" + procedure_page_uri(procedure))
