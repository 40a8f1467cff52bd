"""Timed site builds: the project's own build against plain mkdocs-material on the same pages.

Ours is `scripts.build_site.build_site` (the project's hooks, theme overrides, assets, strict
mode). The baseline is mkdocs-material as it comes: theme `material` with `navigation.prune`, the
built-in search plugin, no hooks, no overrides, no extra CSS or JavaScript. It builds the very
Markdown our generator produces (written to a temporary docs dir) plus the hand-written pages,
with the same Markdown extensions, because without them the pages would not mean the same thing.
Both run as `<this python> -m mkdocs build` in a subprocess, so interpreter start-up is in both.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scripts.build_site import build_site
from scripts.site import generated_files

ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = ROOT / "site"
NOT_PAGES = ("hooks", "overrides")  # in the docs dir but not pages (see mkdocs.yml exclude_docs)
DEFAULT_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": False}}]


def project_config() -> dict:
    """mkdocs.yml, for the bits the baseline shares with it (nav, language, Markdown dialect)."""
    try:
        return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:  # a `!!python/name:` tag or similar: fall back to the defaults
        return {}


def generated_markdown(catalogue: dict) -> dict[str, str]:
    """The files our generator adds to the site, `{path: text}` (data files included)."""
    return generated_files(catalogue)


def write_baseline_project(catalogue: dict, work: Path) -> Path:
    """A docs dir with the same pages and a minimal mkdocs.yml; returns the config path."""
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for source in DOCS_DIR.rglob("*.md"):
        relative = source.relative_to(DOCS_DIR)
        if relative.parts[0] in NOT_PAGES:
            continue
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for uri, text in generated_markdown(catalogue).items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    ours = project_config()
    config = {
        "site_name": "Baseline",
        "docs_dir": str(docs),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": (ours.get("theme") or {}).get("language", "vi"),
                  "font": False, "features": ["navigation.prune"]},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions") or DEFAULT_EXTENSIONS,
    }
    if ours.get("nav"):
        config["nav"] = ours["nav"]
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_baseline(config: Path, site_dir: Path) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "--site-dir", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"baseline build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def build_ours(catalogue_file: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    build_site(site_dir=site_dir, catalogue=catalogue_file)
    return time.perf_counter() - start


def tree_size(path: Path) -> tuple[int, int]:
    """(number of HTML pages, total bytes) of a built site."""
    pages = total = 0
    for file in path.rglob("*"):
        if file.is_file():
            total += file.stat().st_size
            pages += file.suffix == ".html"
    return pages, total


def time_builds(catalogue: dict, work: Path, repeats: int, log=print) -> dict:
    """Alternate ours and the baseline `repeats` times; the last site of ours is kept for the
    browser measurements (work/ours)."""
    catalogue_file = work / "catalogue.json"
    catalogue_file.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    config = write_baseline_project(catalogue, work)
    ours, baseline = [], []
    for run in range(repeats):
        # Alternating start order spreads any warm-up (page cache, CPU boost) over both.
        order = ("ours", "baseline") if run % 2 == 0 else ("baseline", "ours")
        for which in order:
            if which == "ours":
                ours.append(build_ours(catalogue_file, work / "ours"))
            else:
                baseline.append(build_baseline(config, work / "baseline"))
            log(f"  build {run + 1}/{repeats} {which}: {(ours if which == 'ours' else baseline)[-1]:.1f} s")
    return {
        "ours": ours,
        "baseline": baseline,
        "ours_size": tree_size(work / "ours"),
        "baseline_size": tree_size(work / "baseline"),
        "site": work / "ours",
        "baseline_site": work / "baseline",
    }
