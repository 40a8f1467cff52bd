"""`python -m scripts.outbox_requeue [--dry-run]`: put back the citizens' messages the sender
gave up on (docs/operations.md, "Notifications: dead-letter queue and redrive").

Lists the outbox items still `failed` (or stuck `sending` past their lease) in the table
TABLE_NAME names (AWS credentials and region from the environment, as the AWS CLI takes them)
and sets each back to `pending`: the table's stream hands them to the sender again, which sends
each once. Run it after fixing what made the sends fail, then empty the dead-letter queue."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "functions"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="list what would be put back, change nothing")
    args = parser.parse_args(argv)
    for name in ("IDEMPOTENCY_TABLE_NAME", "DOCUMENTS_BUCKET", "AGENCY_CODE"):
        os.environ.setdefault(name, "-")  # the functions' settings require them; the outbox uses none
    from portal.store.outbox import OutboxStore

    store = OutboxStore(os.environ["TABLE_NAME"])
    unsent = store.unsent()
    for message in unsent:
        # Where and why, never to whom or what: the listing may end up in a ticket.
        print(f"{message['dossier_id']} {message['id']} {message['channel']} {message['status']}: "
              f"{message.get('last_error') or 'lease expired'}")
    if args.dry_run:
        print(f"{len(unsent)} message(s) would be put back.")
        return 0
    requeued = sum(store.requeue(message) for message in unsent)
    print(f"{requeued} message(s) put back for sending.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
