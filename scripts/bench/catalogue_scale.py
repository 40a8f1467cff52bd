"""Catalogue scale benchmark: how the site copes with a province-sized catalogue.

    .venv/bin/python -m scripts.bench.catalogue_scale [--sizes 500 2000 5000] [--out docs/benchmarks.md]

For each size it builds a synthetic catalogue (scripts/bench/synthetic_catalogue.py) and reports:
build time of the project's site against plain mkdocs-material with `navigation.prune` building
the same pages (the ratio is what counts: both run in this process, alternately); what a browser
downloads to search, gzipped; and how long a folded query takes in headless Chromium with the CPU
throttled 4×, in the catalogue's filter, in the portal's header search box and, on the plain
mkdocs-material build, in the theme's own box (the baseline the portal's box replaces). The figures are written to docs/benchmarks.md and the raw numbers to
build/bench/catalogue-scale.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts.bench import browser as web
from scripts.bench.builds import time_builds
from scripts.bench.report import BASELINE_QUERY_COUNT, render
from scripts.bench.sections import write_section
from scripts.bench.synthetic_catalogue import KNOWN_QUERIES, folded_queries, synthetic_catalogue

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
RAW_OUT = ROOT / "build" / "bench" / "catalogue-scale.json"
SECTION = "## Catalogue scale"
QUERY_COUNT = 50
# The real procedure each known query must find (the targets among the noise).
KNOWN_TARGETS = dict(zip(KNOWN_QUERIES, ("giay-phep-khai-thac", "xoa-dang-ky-tau-ca", "nuoi-trong-long-be"), strict=True))


def default_repeats(size: int) -> int:
    """Builds of 5,000 procedures take minutes each: fewer repeats there (the report says so)."""
    return 3 if size <= 500 else 2 if size <= 2000 else 1


def _log(message: str) -> None:
    print(message, flush=True)


def _known(found: dict[str, dict]) -> dict[str, dict]:
    """For each known query: how many results, and whether the real procedure is among those shown."""
    return {
        query: {"results": got["count"], "shown": len(got["paths"]),
                "target_found": any(f"/{KNOWN_TARGETS[query]}/" in p for p in got["paths"])}
        for query, got in found.items() if query in KNOWN_TARGETS
    }


def measure_size(size: int, repeats: int, browser, seed: int) -> dict:
    started = time.perf_counter()
    catalogue = synthetic_catalogue(size, seed=seed)
    generated_in = time.perf_counter() - started
    queries = folded_queries(catalogue, QUERY_COUNT, seed=seed)
    _log(f"{size} procedures: generated in {generated_in:.1f} s; building ({repeats}× each)")
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as work:
        builds = time_builds(catalogue, Path(work), repeats, log=_log)
        _log(f"{size} procedures: browser measurements")
        with web.serve(builds["site"]) as base:
            catalogue_download = web.catalogue_downloads(browser, base, queries[0])
            site_download = web.site_search_downloads(browser, base, queries[0])
            catalogue_queries = web.catalogue_query_times(browser, base, queries)
            site_queries = web.site_query_times(browser, base, queries)
        with web.serve(builds["baseline_site"]) as base:
            baseline_download = web.site_search_downloads(browser, base, queries[0], web.THEME_BOX)
            baseline_queries = web.site_query_times(browser, base, queries[:BASELINE_QUERY_COUNT], web.THEME_BOX)
    ours, baseline = statistics.median(builds["ours"]), statistics.median(builds["baseline"])
    return {
        "size": size,
        "procedures": len(catalogue["procedures"]),
        "online_forms": sum(1 for p in catalogue["procedures"] if p.get("form") and "online" in p["channels"]),
        "generated_s": generated_in,
        "build": {
            "repeats": repeats,
            "ours_s": builds["ours"],
            "baseline_s": builds["baseline"],
            "ours_median_s": ours,
            "baseline_median_s": baseline,
            "ratio": ours / baseline,
            "ours_pages": builds["ours_size"][0],
            "ours_bytes": builds["ours_size"][1],
            "baseline_pages": builds["baseline_size"][0],
            "baseline_bytes": builds["baseline_size"][1],
        },
        "download": {
            "catalogue": catalogue_download,
            "site_search": site_download,
            "baseline_site_search": baseline_download,
        },
        "queries": {
            "list": queries,
            "catalogue": {**web.summary(catalogue_queries["timings"]), "known": _known(catalogue_queries["found"]),
                          "timings": catalogue_queries["timings"]},
            "site": {**web.summary(site_queries["timings"]), "first": site_queries["first"]["painted"],
                     "known": _known(site_queries["found"]), "timings": site_queries["timings"]},
            "baseline_site": {**web.summary(baseline_queries["timings"]), "first": baseline_queries["first"]["painted"],
                              "known": _known(baseline_queries["found"]), "timings": baseline_queries["timings"]},
        },
    }


def machine(browser_version: str) -> dict:
    from importlib.metadata import version

    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "playwright": version("playwright"),
        "chromium": browser_version,
        "os": platform.platform(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--repeats", type=int, help="builds of each kind per size (default: 3 up to 500, "
                        "2 up to 2000, 1 above)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown report (default: docs/benchmarks.md)")
    parser.add_argument("--add", action="store_true", help="keep the other sizes of the last run "
                        "(build/bench/catalogue-scale.json) in the report, e.g. to add 5000 measured later")
    args = parser.parse_args(argv)

    results = _previous_results(args.seed, args.sizes) if args.add else []
    with web.chromium() as browser:
        about = machine(web.version(browser))
        for size in args.sizes:
            started, load_before = time.perf_counter(), os.getloadavg()[0]
            result = measure_size(size, args.repeats or default_repeats(size), browser, args.seed)
            result["run"] = {
                "date": dt.datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"),
                "duration_s": time.perf_counter() - started,
                # Other work on the machine slows both builds alike but widens the spread: say how busy it was.
                "load_average": [load_before, os.getloadavg()[0]],
            }
            results.append(result)
    run = {"machine": about, "throttle": web.CPU_SLOWDOWN, "seed": args.seed,
           "results": sorted(results, key=lambda r: r["size"])}
    RAW_OUT.parent.mkdir(parents=True, exist_ok=True)
    RAW_OUT.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = render(run)
    if args.out.exists():  # the other benchmarks' sections stay
        write_section(args.out, SECTION, report[report.index(SECTION):])
    else:
        args.out.write_text(report, encoding="utf-8")
    _log(f"done: {args.out} and {RAW_OUT}")
    return 0


def _previous_results(seed: int, sizes: list[int]) -> list[dict]:
    if not RAW_OUT.exists():
        return []
    previous = json.loads(RAW_OUT.read_text(encoding="utf-8"))
    if previous.get("seed") != seed:
        return []
    return [r for r in previous.get("results", []) if r["size"] not in sizes and "run" in r]


if __name__ == "__main__":
    sys.exit(main())
