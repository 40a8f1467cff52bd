"""mkdocs hook: the portal's own scripts and stylesheets are served without their comments and
indentation (a phone on a slow network pays for every byte; the comments stay in site/assets/).

Only what is certain not to change the code's meaning is removed: in JavaScript, lines that are
only a `//` comment, and each line's leading and trailing spaces (line breaks stay, so automatic
semicolon insertion sees the same code); a file with a template literal (a backtick in code),
whose text could span lines, is left as it is. In CSS, `/* */` comments (the stylesheets have no
string holding `/*`) and the spaces around lines. Vendored files (assets/vendor/) keep their
licence headers: they are not touched, nor are the theme's files.
"""
from __future__ import annotations

import re
from pathlib import Path

OWN_ASSETS = ("assets/js/*.js", "assets/css/*.css")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def compact_js(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    code = [line for line in lines if line and not line.startswith("//")]
    if any("`" in line for line in code):
        return text
    return "\n".join(code) + "\n"


def compact_css(text: str) -> str:
    lines = (line.strip() for line in CSS_COMMENT.sub("", text).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def on_post_build(config, **kwargs) -> None:
    site = Path(config["site_dir"])
    for pattern in OWN_ASSETS:
        for path in site.glob(pattern):
            text = path.read_text(encoding="utf-8")
            path.write_text(compact_js(text) if path.suffix == ".js" else compact_css(text), encoding="utf-8")
