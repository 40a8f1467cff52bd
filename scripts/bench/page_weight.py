"""Page weight: what a phone downloads on a first visit to each page type, against a bare
mkdocs-material page of the same text.

    .venv/bin/python -m scripts.bench.page_weight [--out docs/benchmarks.md]

Builds the site from the real catalogue (content/, with one procedure given an archived version:
scripts/bench/weight.py says why), and the baseline: plain mkdocs-material (no hooks, overrides,
extra CSS or JavaScript, its built-in search) building the same Markdown (scripts/bench/builds.py,
as the catalogue-scale benchmark does). Both are served on 127.0.0.1 and each page type is opened
in headless Chromium at 360×740 with an empty cache (scripts/bench/weight.py). Writes the
"Page weight" section of docs/benchmarks.md and the raw figures to build/bench/page-weight.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from scripts.bench import browser as web
from scripts.bench import weight
from scripts.bench.builds import build_baseline, write_baseline_project
from scripts.bench.sections import write_section
from scripts.build_site import build_site

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
RAW_OUT = ROOT / "build" / "bench" / "page-weight.json"
SECTION = "## Page weight"


def real_catalogue() -> dict:
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build

    return weight.with_archived_version(build(DEFAULT_CONTENT_DIR))


def build_both(catalogue: dict, work: Path) -> tuple[Path, Path]:
    """(our site, the baseline site) built from the same catalogue in `work`."""
    catalogue_file = work / "catalogue.json"
    catalogue_file.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    ours = build_site(site_dir=work / "ours", catalogue=catalogue_file)
    build_baseline(write_baseline_project(catalogue, work), work / "baseline")
    return ours, work / "baseline"


def measure(browser, ours: Path, baseline: Path) -> list[dict]:
    paths = weight.page_paths(ours)
    rows = []
    with weight.serve(ours) as ours_url, weight.serve(baseline) as baseline_url:
        for page_type in weight.PAGE_TYPES:
            path = paths[page_type.key]
            files = weight.first_visit(browser, ours_url, path, page_type.ready)
            # The baseline has no scripts of ours to wait for; its 404 is the theme's own page.
            base_files = weight.first_visit(browser, baseline_url, path)
            rows.append({"key": page_type.key, "label": page_type.label, "path": path,
                         "gzip": weight.total(files), "baseline_gzip": weight.total(base_files),
                         "kinds": weight.by_kind(files), "baseline_kinds": weight.by_kind(base_files),
                         "files": files, "baseline_files": base_files})
    return rows


def _kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def _ratio(ours: int, baseline: int) -> str:
    return f"{ours / baseline:.2f}"


def _index_bytes(files: list[dict]) -> int:
    return sum(f["gzip"] for f in files if f["path"].endswith("/search_index.json"))


def _dominant(row: dict) -> str:
    """The page's own largest files (the theme's are the same on every page: see below the table)."""
    own = [f for f in row["files"] if not f["kind"].startswith("theme")]
    top = sorted(own, key=lambda f: -f["gzip"])[:3]
    return "; ".join(f"{Path(f['path'].rstrip('/')).name or 'index'} {_kb(f['gzip'])}" for f in top)


def _theme(row: dict) -> str:
    theme = sorted((f for f in row["files"] if f["kind"].startswith("theme")), key=lambda f: -f["gzip"])
    return ", ".join(f"{Path(f['path']).name} {_kb(f['gzip'])}" for f in theme[:3])


def render(run: dict) -> str:
    rows = run["rows"]
    lines = [
        SECTION,
        "",
        f"Measured {run['date']} with `make bench-weight` (scripts/bench/page_weight.py): the real catalogue "
        f"({run['procedures']} procedures; `{weight.ARCHIVED_PROCEDURE}` given an archived version 1, since "
        "the catalogue has none yet), served on 127.0.0.1, each page type opened in headless Chromium "
        f"{run['chromium']} at 360×740 with an empty cache; every file the site served until the page was "
        "drawn and the network quiet, gzipped at level 6 (what nginx and CloudFront send), /api/ calls "
        "left out. The heaviest page of each type (most HTML) is the one measured. Baseline: plain "
        f"mkdocs-material {run['material']} (no hooks, overrides, extra CSS or JavaScript; its search "
        "plugin) building the same Markdown, the same path opened the same way. Targets: at most "
        f"{weight.RATIO_LIMIT:.1f}× the baseline and at most {weight.LIMIT_BYTES // 1024} KB "
        "(tests/site/test_page_weight.py holds the second).",
        "",
        "KB are 1,024 bytes, gzipped.",
        "",
        "The bare theme fetches its search index on every page load; ours only when the search box is "
        "opened. The last two columns take the index out of the baseline: the stricter comparison.",
        "",
        "| page type | path | ours (KB) | baseline (KB) | ratio | baseline without its index (KB) | ratio | "
        "the page's own largest files (KB) |",
        "|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        bare = row["baseline_gzip"] - _index_bytes(row["baseline_files"])
        lines.append(f"| {row['label']} | `/{row['path']}` | {_kb(row['gzip'])} | {_kb(row['baseline_gzip'])} | "
                     f"{_ratio(row['gzip'], row['baseline_gzip'])} | {_kb(bare)} | {_ratio(row['gzip'], bare)} | "
                     f"{_dominant(row)} |")
    kinds = sorted({k for row in rows for k in row["kinds"]})
    lines += ["", "By part (KB):", "", "| page type | " + " | ".join(kinds) + " |",
              "|---|" + "--:|" * len(kinds)]
    for row in rows:
        lines.append(f"| {row['label']} | " + " | ".join(_kb(row["kinds"].get(k, 0)) for k in kinds) + " |")
    search = run["search"]
    theme_total = sum(v for k, v in rows[0]["kinds"].items() if k.startswith("theme"))
    lines += [
        "",
        f"What dominates every page is the theme: {_kb(theme_total)} KB of the home page's "
        f"{_kb(rows[0]['gzip'])} ({_theme(rows[0])}, ...).",
        "",
        f"The header's search box costs every page {_kb(search['every_page'])} KB before anyone searches "
        f"({', '.join(search['every_page_files'])}); opening it then fetches its list, the shared matching and the catalogue's index, "
        f"{_kb(search['index'])} KB. In the baseline the index is fetched on every page load.",
    ]
    over = [row for row in rows if row["gzip"] > weight.LIMIT_BYTES
            or row["gzip"] > weight.RATIO_LIMIT * row["baseline_gzip"]]
    stricter = [row for row in rows
                if row["gzip"] > weight.RATIO_LIMIT * (row["baseline_gzip"] - _index_bytes(row["baseline_files"]))]
    def names(chosen: list[dict]) -> str:
        return ", ".join(row["label"] for row in chosen) if chosen else "none"

    lines += ["", f"Over a target: {names(over)}. Over {weight.RATIO_LIMIT:.1f}× the baseline without its "
              f"index: {names(stricter)}."]
    return "\n".join(lines) + "\n"


# What the header box fetches once it is opened: its list, the shared matching, the catalogue's index.
SEARCH_ON_OPEN = ("assets/js/search-box-ui.js", "assets/js/catalogue-search.js", "assets/data/catalogue-index.json")


def search_cost(ours: Path, rows: list[dict]) -> dict:
    home = next(row for row in rows if row["key"] == "home")
    files = [f for f in home["files"] if f["kind"] == "search"]
    return {"every_page": sum(f["gzip"] for f in files),
            "every_page_files": sorted(Path(f["path"]).name for f in files),
            "index": sum(weight.gzip_size((ours / name).read_bytes()) for name in SEARCH_ON_OPEN if (ours / name).exists())}


def main(argv: list[str] | None = None) -> int:
    from importlib.metadata import version

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    catalogue = real_catalogue()
    with tempfile.TemporaryDirectory(prefix="page-weight-") as work, web.chromium() as browser:
        ours, baseline = build_both(catalogue, Path(work))
        rows = measure(browser, ours, baseline)
        run = {"date": dt.datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"), "chromium": browser.version,
               "material": version("mkdocs-material"), "procedures": len(catalogue["procedures"]),
               "rows": rows, "search": search_cost(ours, rows)}
    RAW_OUT.parent.mkdir(parents=True, exist_ok=True)
    RAW_OUT.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
    write_section(args.out, SECTION, render(run))
    for row in rows:
        print(f"{row['key']:15} {row['gzip']:7d} {row['baseline_gzip']:7d} {row['gzip'] / row['baseline_gzip']:.2f}")
    print(f"done: {args.out} and {RAW_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
