"""docs/benchmarks.md from one run of the catalogue scale benchmark (a dict, see catalogue_scale)."""
from __future__ import annotations

from scripts.bench.browser import FIRST_TIMEOUT_MS, TIMEOUT_MS
from scripts.bench.browser import is_search_file as _is_search
from scripts.bench.vocabulary import SECTORS

# The theme's box takes seconds a query at 5,000 procedures: on the baseline, the first queries only.
BASELINE_QUERY_COUNT = 20

BUILD_TARGET = 1.3
DOWNLOAD_TARGET_KB = 200
DOWNLOAD_TARGET_SIZE = 5000
QUERY_TARGET_MS = 50
BOX_DOWNLOAD_TARGET_KB = 300
BOX_QUERY_TARGET_MS = 100

METHOD = """\
**Catalogue.** `scripts/bench/synthetic_catalogue.py` writes entries the way an editor writes a
procedure file and compiles them with the catalogue compiler's `normalise_procedure`, so they have
the exact shape of `build/catalogue.json`. Titles are `<verb> <object>[, <qualifier>]` from real
administrative vocabulary of {sectors} sectors (thủy sản, tàu cá, giống cây trồng, thú y, đất đai, môi
trường, xây dựng, giao thông, giáo dục, y tế, …), each title distinct; documents, steps, fees,
levels, legal bases and form fields vary. The real procedures of `build/catalogue.json` are
included, so the queries have known targets among the noise. Groups stay within the compiled shape's five values.

**Build time.** Ours is `scripts.build_site.build_site` (the project's hook, theme overrides,
assets, `--strict`). The baseline is plain mkdocs-material — theme `material` with
`navigation.prune`, the built-in search plugin, no hook, overrides, extra CSS or JavaScript —
building the same Markdown: the pages our generator (`scripts/site/`) produces for that
catalogue, written to a temporary docs dir, plus the hand-written pages, with the same Markdown
extensions and nav. Each is `python -m mkdocs build` in a subprocess of the same Python; the two
alternate (and alternate which goes first); the median is reported. The ratio is what counts.

**Downloads.** The built site is served by `http.server` on 127.0.0.1 and opened in a fresh,
cache-less headless Chromium context. Catalogue search: open `/thu-tuc/`, type a folded query into
the filter, wait for the network to go idle: every response is listed. Header search box: open
`/`, wait for the network to go idle (what was fetched so far is what every visitor downloads,
box used or not), then click the box, type, wait for results and for the network to go idle
again (what that added is what using the box costs). The same on the plain mkdocs-material build,
with the theme's box: its search files are its index, worker and lunr. http.server does not
compress, so each body is gzipped here (level 6) to give the transfer size.

**Query time.** CPU throttled 4× (`Emulation.setCPUThrottlingRate`, as Chrome DevTools does; it
slows the page's main thread, and whether this Chromium also slows the search web worker was not
checked, so the site-wide box's figures may be optimistic). For
each of 50 folded queries (lowercase, no diacritics, đ→d: the three with known targets, then runs
of 2–4 words from random generated titles) the field is first cleared, then the query is set and
an `input` and a `keyup` event are dispatched (the catalogue filter and the portal's header box
listen to the first, mkdocs-material's box to the second; the theme's box, on the baseline build,
gets the first {baseline_queries} queries only: each takes seconds at the largest size). A MutationObserver on the results notes each DOM change and
waits for the next animation frame plus one task, i.e. until the frame showing the change has been
produced; the query time runs from the dispatch to that point for the last change (the query is
over after 300 ms without change). Work done in a web worker, debounces, style and layout are
therefore included. "handler" is the synchronous part (the event dispatch alone). A header box's
first query is typed right after the home page loads and the box is clicked, while its scripts
and index (the theme's: its worker and index) are still loading, and timed until the first
answer shows.
"""


def kb(n: int | float | None) -> str:
    return "–" if n is None else f"{n / 1024:,.1f} KB".replace(",", " ")


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms".replace(",", " ")


def seconds(value: float) -> str:
    return f"{value:.1f} s"


def _total(files: list[dict], key: str = "gzip", only=None) -> int:
    return sum(f[key] for f in files if only is None or only(f["path"]))


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**missed**")


def _targets(results: list[dict]) -> list[str]:
    sizes = [r["size"] for r in results]
    head = "| | target | " + " | ".join(f"{s:,}" for s in sizes) + " |"
    lines = [head, "|---|---|" + "---|" * len(sizes)]

    build = [f"{r['build']['ratio']:.2f} ({seconds(r['build']['ours_median_s'])} / "
             f"{seconds(r['build']['baseline_median_s'])})" for r in results]
    build_ok = all(r["build"]["ratio"] <= BUILD_TARGET for r in results)
    lines.append(f"| Build time, ours / plain mkdocs-material | ≤ {BUILD_TARGET} | " + " | ".join(build) + " |")

    downloads = [kb(_total(r["download"]["catalogue"]["files"])) for r in results]
    lines.append(f"| Catalogue search: downloaded, gzip | ≤ {DOWNLOAD_TARGET_KB} KB at 5,000 | "
                 + " | ".join(downloads) + " |")
    at_target = [r for r in results if r["size"] == DOWNLOAD_TARGET_SIZE]
    download_ok = (_total(at_target[0]["download"]["catalogue"]["files"]) <= DOWNLOAD_TARGET_KB * 1024
                   if at_target else None)

    own = [kb(_total(r["download"]["catalogue"]["files"], only=_is_search)) for r in results]
    lines.append("| … of which the header box's, fetched whether or not it is used | – | " + " | ".join(own) + " |")
    before = [kb(_total(r["download"]["site_search"]["before"], only=_is_search)) for r in results]
    lines.append("| Header box: its files fetched before it is used, gzip | – | " + " | ".join(before) + " |")
    box = [kb(_total(r["download"]["site_search"]["box"])) for r in results]
    lines.append(f"| Header box: downloaded when used, gzip | ≤ {BOX_DOWNLOAD_TARGET_KB} KB at 5,000 | "
                 + " | ".join(box) + " |")
    box_ok = (_total(at_target[0]["download"]["site_search"]["box"]) <= BOX_DOWNLOAD_TARGET_KB * 1024
              if at_target else None)
    theme = [kb(_total(r["download"]["baseline_site_search"]["files"], only=_is_search)) for r in results]
    lines.append("| … the theme's box on plain mkdocs-material: search files, gzip | – | " + " | ".join(theme) + " |")

    queries = [ms(r["queries"]["catalogue"]["median"]) for r in results]
    query_ok = all((r["queries"]["catalogue"]["median"] or 1e9) <= QUERY_TARGET_MS for r in results)
    lines.append(f"| Catalogue filter query, median (4× throttled) | ≤ {QUERY_TARGET_MS} ms | "
                 + " | ".join(queries) + " |")
    site_q = [f"{ms(r['queries']['site']['median'])} ({_ratio(r['queries']['site'], r['queries']['baseline_site'])})"
              for r in results]
    box_query_ok = all((r["queries"]["site"]["median"] or 1e9) <= BOX_QUERY_TARGET_MS for r in results)
    lines.append(f"| Header box query, median (4× throttled; / the theme's box) | ≤ {BOX_QUERY_TARGET_MS} ms | "
                 + " | ".join(site_q) + " |")
    theme_q = [ms(r["queries"]["baseline_site"]["median"]) for r in results]
    lines.append("| … the theme's box on plain mkdocs-material | – | " + " | ".join(theme_q) + " |")
    lines += [
        "",
        f"- Build time ≤ {BUILD_TARGET}× the baseline: {_verdict(build_ok)}.",
        f"- Catalogue search ≤ {DOWNLOAD_TARGET_KB} KB gzip at 5,000 procedures: {_verdict(download_ok)}.",
        f"- Catalogue query median ≤ {QUERY_TARGET_MS} ms: {_verdict(query_ok)}.",
        f"- Header box ≤ {BOX_DOWNLOAD_TARGET_KB} KB gzip when used at 5,000 procedures: {_verdict(box_ok)}.",
        f"- Header box query median ≤ {BOX_QUERY_TARGET_MS} ms: {_verdict(box_query_ok)}.",
    ]
    return lines


def _ratio(ours: dict, baseline: dict) -> str:
    if not ours.get("median") or not baseline.get("median"):
        return "–"
    return f"{ours['median'] / baseline['median']:.2f}×"


def _files_table(files: list[dict]) -> list[str]:
    lines = ["| file | size | gzip |", "|---|---:|---:|"]
    for f in sorted(files, key=lambda f: -f["gzip"]):
        lines.append(f"| `{f['path']}` | {kb(f['bytes'])} | {kb(f['gzip'])} |")
    lines.append(f"| **total** | {kb(_total(files, 'bytes'))} | **{kb(_total(files))}** |")
    return lines


def _known_lines(known: dict, with_count: bool = True) -> str:
    return "; ".join(
        f"“{q}”: " + (f"{k['results']} results, " if with_count else "") + "the real procedure "
        f"{'among' if k['target_found'] else '**not among**'} the {k['shown']} shown"
        for q, k in known.items()
    )


def _size_section(r: dict) -> list[str]:
    b, q, d = r["build"], r["queries"], r["download"]
    size = f"{r['size']:,}"
    lines = [
        f"### {size} procedures",
        "",
        f"{r['procedures']} procedures, {r['online_forms']} with an online form; catalogue generated in "
        f"{seconds(r['generated_s'])}.",
        "",
        "| build | median | runs | HTML pages | output |",
        "|---|---:|---|---:|---:|",
        f"| ours (`build_site`) | {seconds(b['ours_median_s'])} | "
        f"{', '.join(seconds(s) for s in b['ours_s'])} | {b['ours_pages']} | {mb(b['ours_bytes'])} |",
        f"| plain mkdocs-material | {seconds(b['baseline_median_s'])} | "
        f"{', '.join(seconds(s) for s in b['baseline_s'])} | {b['baseline_pages']} | {mb(b['baseline_bytes'])} |",
        f"| **ratio** | **{b['ratio']:.2f}** | | | |",
        "",
        f"Catalogue search (`/thu-tuc/`, then a typed query; {d['catalogue']['shown']} procedures shown):",
        "",
        *_files_table(d["catalogue"]["files"]),
        "",
        f"Header box (`/`, then a typed query): {kb(_total(d['site_search']['before'], only=_is_search))} of its "
        f"files fetched before it is used ({kb(_total(d['site_search']['before']))} for the page in all); using it "
        f"added {kb(_total(d['site_search']['box']))}:",
        "",
        *_files_table(d["site_search"]["box"]),
        "",
        f"The theme's box on the plain mkdocs-material build: search files "
        f"{kb(_total(d['baseline_site_search']['files'], only=_is_search))} gzip (fetched on every page, used or not):",
        "",
        *_files_table([f for f in d["baseline_site_search"]["files"] if _is_search(f["path"])]),
        "",
        "| query time (4× throttled) | median | p90 | handler median | queries with no visible change "
        f"within {TIMEOUT_MS / 1000:.0f} s |",
        "|---|---:|---:|---:|---:|",
        *[f"| {name} | {ms(t['median'])} | {ms(t['p90'])} | {ms(t['sync_median'])} | {t['no_change']} of {t['n']} |"
          for name, t in (("catalogue filter", q["catalogue"]), ("header box", q["site"]),
                          ("the theme's box (plain mkdocs-material)", q["baseline_site"]))],
        "",
        "Queries with no visible change in time are left out of the median and p90, which are then optimistic.",
        "",
        f"First query right after the page loads (scripts and index still loading): header box {_first(q['site'])}; "
        f"the theme's box {_first(q['baseline_site'])}.",
        "",
        f"Known targets — catalogue filter: {_known_lines(q['catalogue']['known'], with_count=False)}.  ",
        f"Header box: {_known_lines(q['site']['known'], with_count=False)}.  ",
        f"The theme's box: {_known_lines(q['baseline_site']['known'], with_count=False)}.",
        "",
    ]
    return lines


def _first(timing: dict) -> str:
    return ms(timing["first"]) if timing["first"] is not None else f"**no answer within {FIRST_TIMEOUT_MS / 1000:.0f} s**"


def _findings(results: list[dict]) -> list[str]:
    """Where the bytes and the milliseconds go, read off the figures (no judgement added)."""
    lines = []
    for r in results:
        files = r["download"]["catalogue"]["files"]
        top = sorted(files, key=lambda f: -f["gzip"])[:3]
        total = _total(files) or 1
        parts = ", ".join(f"`{f['path']}` {kb(f['gzip'])} ({100 * f['gzip'] / total:.0f} %)" for f in top)
        c = r["queries"]["catalogue"]
        rendering = (c["median"] - c["sync_median"]) if c["median"] is not None else None
        search_part = _total(files, only=_is_search)
        lines.append(
            f"- {r['size']:,} procedures: the catalogue search downloads {kb(total)} gzip, most of it {parts}. "
            f"The header box's own files, fetched on every page whether or not the box is used, are "
            f"{kb(search_part)} of it; the rest is {kb(total - search_part)}. "
            + f"A filter query takes {ms(c['median'])} (median), of which the handler is {ms(c['sync_median'])}; "
            f"the rest ({ms(rendering)}) comes after it: style, layout and paint of the list up to the next frame."
        )
    return lines


def _run_line(r: dict, cpus: int) -> str:
    run = r["run"]
    took = f"took {run['duration_s'] / 60:.1f} min" if run.get("duration_s") else run.get("note", "")
    line = f"- {r['size']:,} procedures: measured {run['date']}, {took}; "
    load = run.get("load_average")
    if not load:
        return line + "machine load not recorded."
    busy = max(load) > (cpus or 1) * 0.75
    return (line + f"1-minute load average {load[0]:.1f} at the start, {load[1]:.1f} at the end"
            + (" (other work was running on the machine: absolute times are inflated, the ratios less so)."
               if busy else "."))


def render(run: dict) -> str:
    m = run["machine"]
    results = run["results"]
    sizes = " ".join(str(r["size"]) for r in results)
    lines = [
        "# Benchmarks",
        "",
        "Speed is measured here, never asserted in a test: times as a ratio against a baseline run in the",
        "same process, with the absolute figure beside it. This file is written by the benchmark; rerun it",
        "rather than editing the figures.",
        "",
        "## Catalogue scale",
        "",
        "A province has about 2,000 procedures, the national database several thousand. Synthetic",
        "catalogues of several sizes are built and searched.",
        "",
        *[_run_line(r, m["cpus"]) for r in results],
        f"- Machine: {m['cpus']} CPUs ({m['cpu']}), {m['os']}; Python {m['python']}, mkdocs {m['mkdocs']}, "
        f"mkdocs-material {m['mkdocs_material']}, Playwright {m['playwright']}, Chromium {m['chromium']} "
        f"(headless, CPU throttled {run['throttle']}× for query times).",
        f"- Reproduce: `.venv/bin/python -m scripts.bench.catalogue_scale --sizes {sizes}` (seed "
        f"{run['seed']}; raw figures in `build/bench/catalogue-scale.json`; `--add` measures some sizes and "
        "keeps the others from the last run).",
        "- Build repeats: " + ", ".join(f"{r['build']['repeats']} of each at {r['size']}" for r in results)
        + " (a build of thousands of pages takes minutes; fewer repeats at the largest size keep the run short).",
        "",
        "### Targets",
        "",
        *_targets(results),
        "",
        "### Findings",
        "",
        *_findings(results),
        "",
    ]
    for r in results:
        lines += _size_section(r)
    lines += ["### Method", "", METHOD.format(sectors=len(SECTORS), baseline_queries=BASELINE_QUERY_COUNT)]
    return "\n".join(lines)
