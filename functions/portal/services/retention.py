"""The retention job (docs/operations.md, "Retention of personal data"): every closed dossier
whose retention period has passed loses its personal data (domain/retention.py says what
stays), its files (every version) and the texts of the messages sent about it; the "redact"
event records it. A second run finds nothing to do: a redacted dossier leaves the index the
job reads. A dossier that fails is left for the next run; the run still ends in an error, so
the alarm tells someone."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.config import settings
from portal.domain import clock, retention
from portal.domain.errors import Conflict
from portal.observability import logger
from portal.store.retention import RetentionStore


@dataclass
class Report:
    redacted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # changed meanwhile, or not due after all
    failed: list[str] = field(default_factory=list)
    stopped_early: bool = False

    def as_dict(self) -> dict:
        return {
            "redacted": len(self.redacted),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "stopped_early": self.stopped_early,
        }


class RetentionFailed(RuntimeError):
    """Some dossiers could not be redacted this run (they stay due; the next run retries)."""


def store() -> RetentionStore:
    config = settings()
    return RetentionStore(config.table_name, config.documents_bucket)


def check_days(days: int) -> int:
    if int(days) < retention.MIN_RETENTION_DAYS:
        raise ValueError(f"RETENTION_DAYS must be at least {retention.MIN_RETENTION_DAYS}, got {days}")
    return int(days)


def redact_one(retained: RetentionStore, dossier_id: str, days: int) -> bool:
    """Redact one dossier if it is still due; False if it is not (or no longer) due."""
    now = clock.now_vn()
    meta = retained.get(dossier_id)
    if not retention.is_due(meta, now, days):
        return False
    deleted = retained.delete_files(dossier_id)
    retained.redact_children(dossier_id, retention.redacted_event_data, retention.redacted_message)
    redacted, event = retention.redact(meta, now, days, deleted)
    retained.replace_meta(meta, redacted, event.to_item())
    return True


def run(days: int, should_stop: Callable[[], bool] = lambda: False) -> Report:
    """Redact every dossier closed more than `days` ago; stop between dossiers when
    `should_stop()` (the Lambda's time running out: the rest stay due for tomorrow)."""
    days = check_days(days)
    retained = store()
    report = Report()
    for dossier_id in list(retained.closed_before(retention.cutoff(clock.now_vn(), days))):
        if should_stop():
            report.stopped_early = True
            break
        try:
            done = redact_one(retained, dossier_id, days)
        except Conflict:
            done = False  # someone changed it meanwhile: the next run looks again
        except Exception:
            logger.exception("retention: dossier not redacted", extra={"dossier_id": dossier_id})
            report.failed.append(dossier_id)
            continue
        (report.redacted if done else report.skipped).append(dossier_id)
        if done:
            logger.info("retention: personal data removed", extra={"dossier_id": dossier_id})
    logger.info("retention run", extra={"days": days, **report.as_dict()})
    if report.failed:
        raise RetentionFailed(f"{len(report.failed)} dossiers not redacted: {', '.join(report.failed)}")
    return report
