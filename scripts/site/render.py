"""The Jinja2 environment of the generated pages (templates/ next to this file).

Autoescape is on for every template, whatever its name: the pages are Markdown with HTML in it,
and every value a template prints is escaped unless a filter below says what it is. Filters:
`md` (plain text in Markdown), `content_md` / `indent_md` (Markdown an editor wrote), `yaml_text`
(a front-matter string), `script_json` (data inside a <script>), `slug` (an ASCII anchor),
`number` (a figure, portal.domain.figures' way).
"""
from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from portal.domain.figures import MISSING_TEXT, UNCONFIRMED_TEXT, format_number
from scripts.site.text import ascii_slug, content_md, escape_md, indent_md, json_for_script, yaml_text

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        # Markdown is line-based: a block tag leaves no blank line or indentation behind.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(md=escape_md, content_md=content_md, indent_md=indent_md, yaml_text=yaml_text,
                       script_json=json_for_script, slug=ascii_slug,
                       number=format_number)
    env.globals.update(UNCONFIRMED_TEXT=UNCONFIRMED_TEXT, MISSING_TEXT=MISSING_TEXT)
    return env


def render(template: str, **data) -> str:
    return environment().get_template(template).render(**data)
