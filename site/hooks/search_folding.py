"""mkdocs hook: makes the header search box find Vietnamese text typed without accents.

mkdocs-material's search (lunr with `lang: vi`) matches words as written, so "giay phep" misses
"giấy phép". Options weighed (mkdocs-material 9.x):
- custom query transforms and custom search workers were removed in 9.0, and shipping a patched
  copy of its minified worker would break on every theme update;
- `separator` and `pipeline` only split and trim tokens: no lunr pipeline step folds accents on
  both sides, and one registered at index time cannot reach the worker's query;
- the plugin does accept extra index fields (`plugins.search.fields`), which its worker indexes and
  searches like `title` and `text`, and every query term already gets a trailing wildcard, so
  partial words work.
So after the search plugin writes search/search_index.json, each entry gets accent-free copies
(`ftitle`, boosted like the title; `ftext`: the folded words that differ from the page's own). An
unaccented query hits the copies, an accented one the original fields, a mixed one both, and
nothing of the theme is replaced. One pass over the index file per build.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the `mkdocs` console script does not put the project on the path
    sys.path.insert(0, str(ROOT))

from scripts.site.search import fold_search_doc  # noqa: E402


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data["docs"] = [fold_search_doc(doc) for doc in data.get("docs") or []]
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
