"""The generated pages of the site, as pure functions of the compiled catalogue.

`generated_files(catalogue)` returns `{src_uri: text}`: the catalogue page and its compact search
index, per procedure a guide page, a printable guidance sheet, a blank page for each form it uses
and (when it is submitted online) the online form, plus a read-only page per archived version,
and the JSON files the page scripts read (procedures.json, vocabulary.json). The mkdocs hook
(site/hooks/generated_pages.py) hands them to mkdocs as virtual files, so nothing generated is
written into the tracked tree and the page text does not depend on the site generator.

Python prepares plain data (labels from portal.domain.vocabulary, figures worded by
portal.domain.figures); the Jinja2 templates in templates/ render it, with autoescape on.

    text.py         folding, anchors, escaping for Markdown, front matter and <script>
    facts.py        time limits and fees by case, "đang cập nhật" marks, a card's facts
    catalogue.py    the catalogue page, its compact index (the catalogue filter and the header
                    search box both search it), the plain list of all procedures
    guidance.py     a procedure's guide page, printable sheet and archived versions
    blank_forms.py  blank forms to print
    online_form.py  the online form's page
    pages.py        every generated file; procedures.json and vocabulary.json
"""
from __future__ import annotations

from scripts.site.pages import generated_files, generated_pages

__all__ = ["generated_files", "generated_pages"]
