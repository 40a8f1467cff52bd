"""The built site's own scripts and stylesheets lose their comments and indentation, and nothing
that changes what the code does (site/hooks/compact_assets.py)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("compact_assets", ROOT / "site/hooks/compact_assets.py")
compact_assets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compact_assets)

SCRIPT = """// The file's comment.
(function () {
  "use strict";
  // Why the next line is so.
  var url = "https://127.0.0.1//x"; // a trailing comment stays (it could be inside a string)
  var a = 1
  var b = a
  return b;
})();
"""


def test_a_script_loses_its_comment_lines_and_indentation_and_keeps_its_line_breaks():
    assert compact_assets.compact_js(SCRIPT) == (
        '(function () {\n"use strict";\n'
        'var url = "https://127.0.0.1//x"; // a trailing comment stays (it could be inside a string)\n'
        "var a = 1\nvar b = a\nreturn b;\n})();\n"
    )


def test_a_script_with_a_template_literal_is_left_as_it_is():
    text = "var s = `first line\n  // not a comment\n`;\n"
    assert compact_assets.compact_js(text) == text


def test_a_stylesheet_loses_its_comments_and_indentation():
    css = "/* The colours.\n   Why. */\n:root {\n  --x: #fff; /* white */\n}\n"
    assert compact_assets.compact_css(css) == ":root {\n--x: #fff;\n}\n"


def test_the_built_scripts_are_compacted(built_site):
    api = (built_site / "assets/js/api.js").read_text(encoding="utf-8")
    source = (ROOT / "site/assets/js/api.js").read_text(encoding="utf-8")
    assert len(api) < len(source)
    assert not any(line.startswith(("//", " ")) for line in api.splitlines())
