"""Lighthouse (mobile) on every page type, on a local stack of its own.

    .venv/bin/python -m scripts.bench.lighthouse [--out docs/benchmarks.md] [--only home desk ...]

Installs the `lighthouse` npm package under build/lighthouse/ on first use (npm; not part of the
product), builds the site from the real catalogue (one procedure given an archived version, as
scripts/bench/weight.py does), serves it with the API on 127.0.0.1 (infra.local.run's stack, the
gateway's own headers included) and runs Lighthouse's default mobile configuration (emulated
phone, simulated slow 4G and 4× CPU slowdown) with Debian's Chromium (CHROME_PATH) on each page
type. Writes the four category scores and the audits that cost points to the "Lighthouse"
section of docs/benchmarks.md, the reports to build/bench/lighthouse/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.bench import weight
from scripts.bench.sections import write_section

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
TOOL_DIR = ROOT / "build" / "lighthouse"
REPORTS = ROOT / "build" / "bench" / "lighthouse"
VERSION = "12.8.2"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SECTION = "## Lighthouse"
TARGET = 95


def lighthouse_binary() -> Path:
    binary = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOL_DIR), "--no-audit", "--no-fund",
                        f"lighthouse@{VERSION}"], check=True)
    return binary


def run_lighthouse(binary: Path, url: str, report: Path, attempts: int = 3) -> dict:
    """One audit; a run Lighthouse itself reports as broken (e.g. NO_NAVSTART, a trace it failed to
    record on a busy machine) is run again, up to `attempts` times."""
    command = [str(binary), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    for _ in range(attempts):
        report.unlink(missing_ok=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
        if result.returncode == 0 and report.exists():
            return json.loads(report.read_text(encoding="utf-8"))
        print(f"lighthouse failed on {url}, again: {(result.stdout + result.stderr).strip()[-300:]}", flush=True)
    raise RuntimeError(f"lighthouse failed {attempts} times on {url}:\n{result.stdout}{result.stderr}")


def summarise(lhr: dict) -> dict:
    """The four scores (0–100) and, per category, the audits that cost it points."""
    scores, losses = {}, {}
    for key in CATEGORIES:
        category = lhr["categories"][key]
        scores[key] = round((category["score"] or 0) * 100)
        losses[key] = [
            ref["id"] for ref in category["auditRefs"]
            if ref["weight"] > 0 and (lhr["audits"][ref["id"]].get("score") is not None)
            and lhr["audits"][ref["id"]]["score"] < 0.9
        ]
    titles = {audit: lhr["audits"][audit]["title"] for ids in losses.values() for audit in ids}
    return {"scores": scores, "losses": losses, "titles": titles,
            "lcp_ms": lhr["audits"].get("largest-contentful-paint", {}).get("numericValue")}


def render(run: dict) -> str:
    lines = [
        SECTION, "",
        f"Measured {run['date']} with `make bench-lighthouse` (scripts/bench/lighthouse.py): Lighthouse "
        f"{VERSION}, its default mobile configuration (emulated phone, simulated slow 4G, 4× CPU slowdown), "
        f"Debian's Chromium {run['chromium']}, on a local stack (site + API on 127.0.0.1, the gateway's "
        "headers) built from the real catalogue; the heaviest page of each type, as in \"Page weight\". "
        f"Target: {TARGET} in each category. Simulated timings depend on the machine's load "
        f"(load average {run['load']:.1f} on {os.cpu_count()} cores at the start).",
        "",
        "| page type | path | performance | accessibility | best practices | SEO | below 90 |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    for row in run["rows"]:
        scores = row["scores"]
        lost = "; ".join(f"{key}: {', '.join(row['titles'][a] for a in ids)}" for key, ids in row["losses"].items() if ids)
        lines.append(f"| {row['label']} | `/{row['path']}` | " + " | ".join(str(scores[k]) for k in CATEGORIES)
                     + f" | {lost or '—'} |")
    under = [(row["label"], k) for row in run["rows"] for k in CATEGORIES if row["scores"][k] < TARGET]
    lines += ["", "Under target: " + ("; ".join(f"{label} ({key})" for label, key in under) if under else "none") + "."]
    for note in run.get("notes", []):
        lines += ["", note]
    return "\n".join(lines) + "\n"


def notes(rows: list[dict]) -> list[str]:
    """What the table's failures are, when they are only the known, deliberate or elsewhere-owned ones."""
    failed = {key: {a for row in rows for a in row["losses"][key]} for key in CATEGORIES}
    out = [NOTES["not_found"]] if any(row["key"] == "not_found" for row in rows) else []
    if failed["seo"] == {"is-crawlable"}:
        out.append(NOTES["noindex"])
    return out


# Lighthouse does not audit an answer with status 404: the 404 page is audited as the file the
# gateway answers with (the same HTML, its links from the site root), which it serves with 200.
LIGHTHOUSE_PATHS = {"not_found": "404.html"}
NOTES = {
    "not_found": "Lighthouse refuses a page answered with status 404, so the 404 page is audited at `/404.html`, "
    "the same HTML served with status 200.",
    "noindex": "The private page, the payment result and the desk carry `<meta name=\"robots\" content=\"noindex, "
    "nofollow\">` on purpose (a dossier's page and the desk must not reach a search engine), and so does an "
    "archived version (`noindex`: a search must lead to the rules in force, not to old ones): Lighthouse's "
    "SEO category counts \"Page is blocked from indexing\" against each, 60 is that page's SEO score with "
    "every other SEO audit passed.",
}


def main(argv: list[str] | None = None) -> int:
    from infra.local.run import start_stack
    from scripts.bench import browser as web
    from scripts.bench.page_weight import real_catalogue
    from scripts.build_site import build_site

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="+", choices=[t.key for t in weight.PAGE_TYPES],
                        help="these page types only (the others' rows stay out of the report)")
    args = parser.parse_args(argv)
    binary = lighthouse_binary()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with web.chromium() as browser:
        chromium = browser.version
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        catalogue = Path(work) / "catalogue.json"
        catalogue.write_text(json.dumps(real_catalogue(), ensure_ascii=False), encoding="utf-8")
        site = build_site(site_dir=Path(work) / "site", catalogue=catalogue)
        paths = weight.page_paths(site)
        stack = start_stack(site_dir=site)
        try:
            for page_type in weight.PAGE_TYPES:
                if args.only and page_type.key not in args.only:
                    continue
                path = LIGHTHOUSE_PATHS.get(page_type.key, paths[page_type.key])
                lhr = run_lighthouse(binary, f"{stack.url}/{path}", REPORTS / f"{page_type.key}.json")
                rows.append({"key": page_type.key, "label": page_type.label, "path": path, **summarise(lhr)})
                print(page_type.key, rows[-1]["scores"], flush=True)
        finally:
            stack.stop()
    run = {"date": dt.datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"), "chromium": chromium,
           "load": load, "rows": rows, "notes": notes(rows)}
    write_section(args.out, SECTION, render(run))
    print(f"done: {args.out}; reports in {REPORTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
