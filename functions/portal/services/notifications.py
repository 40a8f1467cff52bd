"""Send one outbox message (store/outbox.py), once: claim it, hand it to SES or SNS, record the
provider's message id. A message already sent is skipped, so a replayed stream record or a
second local run sends nothing twice. A failed send gives the claim back and raises: the
stream retries the record, and after its retries the batch goes to the dead-letter queue
(docs/operations.md, "Notifications")."""
from __future__ import annotations

from portal.config import settings
from portal.domain import clock
from portal.domain.notices import EMAIL, SMS
from portal.observability import MetricUnit, logger, metrics
from portal.store import messaging
from portal.store.outbox import OutboxStore, owner_of

SENT = "sent"
SKIPPED = "skipped"


def outbox() -> OutboxStore:
    return OutboxStore(settings().table_name)


def send(message: dict) -> str:
    """`message` names an outbox item (`dossier_id` or `draft_id`, and `id`), as the stream shows it. Returns
    "sent", or "skipped" when it had been sent before."""
    store = outbox()
    owner, owner_id = owner_of(message)
    claimed = store.claim(owner_id, message["id"], owner)
    # Never the address or the text in the logs: the item's key is enough to find it.
    where = {owner: owner_id, "message_id": message["id"]}
    if claimed is None:
        logger.info("outbox message already sent", extra=where)
        return SKIPPED
    try:
        if claimed["channel"] == EMAIL:
            provider_id = messaging.send_email(claimed["to"], claimed["subject"], claimed["body"])
        elif claimed["channel"] == SMS:
            provider_id = messaging.send_sms(claimed["to"], claimed["body"])
        else:
            raise ValueError(f"unknown channel {claimed['channel']!r}")
    except Exception as error:
        store.mark_failed(claimed, f"{type(error).__name__}: {error}")
        metrics.add_metric(name="NotificationFailed", unit=MetricUnit.Count, value=1)
        logger.exception("outbox message not sent", extra={**where, "channel": claimed["channel"]})
        raise
    if not store.mark_sent(claimed, provider_id, clock.iso(clock.now_vn())):
        # Our lease ran out while sending and another sender took the message: it may go twice.
        logger.warning("outbox message sent after its lease expired", extra=where)
    metrics.add_metric(name="NotificationSent", unit=MetricUnit.Count, value=1)
    logger.info("outbox message sent", extra={**where, "channel": claimed["channel"]})
    return SENT
