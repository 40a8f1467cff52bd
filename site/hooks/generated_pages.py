"""mkdocs hook: adds the pages generated from the compiled catalogue (scripts/site/) as virtual
files, so nothing generated is ever written into site/.

The catalogue is build/catalogue.json, or the file named by PORTAL_CATALOGUE (tests build the
site from a small sample catalogue that way).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the `mkdocs` console script does not put the project on the path
    sys.path.insert(0, str(ROOT))

from scripts.site import generated_files  # noqa: E402
from scripts.site.paths import CATALOGUE_INDEX_URI, CATALOGUE_URI  # noqa: E402

DEFAULT_CATALOGUE = ROOT / "build" / "catalogue.json"


def catalogue_path() -> Path:
    return Path(os.environ.get("PORTAL_CATALOGUE") or DEFAULT_CATALOGUE)


def load_catalogue() -> dict:
    path = catalogue_path()
    if not path.exists():
        raise PluginError(
            f"{path} is missing: compile the catalogue first with "
            "`.venv/bin/python -m scripts.build_catalogue` (or `make site`)."
        )
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def on_config(config):
    # The header's search box (site/overrides/partials/search.html) sends its words to the
    # catalogue page and reads the catalogue's index: their paths are stated once, in paths.py.
    config.extra["portal_search"] = {"page": CATALOGUE_URI.removesuffix("index.md"), "index": CATALOGUE_INDEX_URI}
    return config


def on_files(files: Files, config) -> Files:
    catalogue = load_catalogue()
    for src_uri, content in generated_files(catalogue).items():
        # The catalogue page is in the nav (mkdocs.yml); procedure and form pages are reached
        # from it, and listing thousands of them in the nav would bloat every page.
        inclusion = InclusionLevel.UNDEFINED if src_uri == CATALOGUE_URI else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files
