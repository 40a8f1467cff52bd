"""`python -m scripts.backfill_indexes --table NAME [--dry-run] [--endpoint-url URL]
[--total-segments N [--segment I]]`: give the dossiers written before an index existed the
attributes that index reads (docs/operations.md, "Backfilling the indexes").

Scans the table's META items (in N parallel segments, each a thread, or only segment I of N
when several machines share the work), adds to each the index attributes it lacks, computed from
its own data by the store's `_index_keys`, with an update conditional on the version read
(functions/portal/store/index_backfill.py), and prints the counts. AWS credentials and region
from the environment, as the AWS CLI takes them. Safe to run again: a second run writes nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "functions"))


def _index_name(attribute: str) -> str:
    return attribute.removesuffix("PK").removesuffix("SK")


def backfill_segment(table: str, segment: int, total_segments: int, dry_run: bool) -> Counter:
    """One segment's counts: `dossiers`, `written`, `complete`, `changed`, and per index the
    dossiers given (or, dry, lacking) its attributes."""
    from portal.store.index_backfill import COMPLETE, WRITTEN, IndexBackfill, missing_attributes

    store, counts = IndexBackfill(table), Counter[str]()
    for page in store.metas(segment, total_segments):
        for item in page:
            counts["dossiers"] += 1
            missing = missing_attributes(item)
            outcome = (WRITTEN if missing.attributes else COMPLETE) if dry_run else store.add(missing)
            counts[outcome] += 1
            if outcome == WRITTEN:
                counts.update({_index_name(name) for name in missing.attributes})
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--table", required=True, help="the dossier table's name (stack resource DossierTable)")
    parser.add_argument("--dry-run", action="store_true", help="count what would be written, write nothing")
    parser.add_argument("--endpoint-url", help="another DynamoDB endpoint (the local stack's moto)")
    parser.add_argument("--total-segments", type=int, default=1, help="parallel Scan segments (default 1)")
    parser.add_argument("--segment", type=int, help="run only this segment (0 .. total-segments − 1)")
    args = parser.parse_args(argv)
    if args.total_segments < 1 or not (args.segment is None or 0 <= args.segment < args.total_segments):
        parser.error("--segment must be between 0 and --total-segments − 1")
    if args.endpoint_url:
        os.environ["AWS_ENDPOINT_URL"] = args.endpoint_url
    for name in ("TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "DOCUMENTS_BUCKET", "AGENCY_CODE"):
        os.environ.setdefault(name, "-")  # the functions' settings require them; the backfill uses none
    from portal.config import reset_settings
    from portal.store.aws import reset_clients

    reset_settings()
    reset_clients()
    segments = [args.segment] if args.segment is not None else list(range(args.total_segments))
    with ThreadPoolExecutor(max_workers=len(segments)) as pool:
        results = pool.map(lambda s: backfill_segment(args.table, s, args.total_segments, args.dry_run), segments)
        counts = sum(results, Counter[str]())
    verb = "would be given" if args.dry_run else "given"
    per_index = ", ".join(f"{index} {counts[index]}" for index in sorted(k for k in counts if k.startswith("GSI")))
    print(f"{counts['dossiers']} dossier(s) scanned: {counts['written']} {verb} missing index attributes"
          f"{f' ({per_index})' if per_index else ''}, {counts['complete']} already complete, "
          f"{counts['changed']} changed meanwhile (left to their newer write).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
