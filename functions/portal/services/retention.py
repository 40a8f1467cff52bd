"""The retention job (docs/operations.md, "Retention of personal data"): every closed dossier
whose retention period has passed loses its personal data (domain/retention.py says what
stays), its files (every version) and the texts of the messages sent about it; the "redact"
event records it. A second run finds nothing to do: a redacted dossier leaves the index the
job reads. A dossier that fails is left for the next run; the run still ends in an error, so
the alarm tells someone.

The same run removes the files copied for a dossier that was never recorded: when a
submission's write fails and removing its copies fails too, or cannot tell whether the write
was done after all (services/dossier_files.discard_copies), the copies stay, and no dossier,
hence no retention period, would ever name them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
    swept: list[str] = field(default_factory=list)  # folders of dossiers never recorded, removed
    stopped_early: bool = False

    def as_dict(self) -> dict:
        return {
            "redacted": len(self.redacted),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "swept": len(self.swept),
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


# A submission copies its files before it writes the dossier; a day after the last copy, none
# is still on its way to being recorded.
UNRECORDED_AFTER = timedelta(days=1)


def sweep_unrecorded(retained: RetentionStore, now: datetime, report: Report, should_stop: Callable[[], bool]) -> None:
    """Remove the file folders of dossiers that were never recorded, once a day old."""
    for dossier_id in list(retained.folders()):
        if should_stop():
            report.stopped_early = True
            return
        try:
            if not retained.is_recorded(dossier_id) and retained.delete_files_written_before(dossier_id, now - UNRECORDED_AFTER):
                report.swept.append(dossier_id)
                logger.info("retention: files of a dossier never recorded removed", extra={"dossier_id": dossier_id})
        except Exception:
            logger.exception("retention: files of a dossier never recorded not removed", extra={"dossier_id": dossier_id})
            report.failed.append(dossier_id)


def run(days: int, should_stop: Callable[[], bool] = lambda: False) -> Report:
    """Redact every dossier closed more than `days` ago, then sweep the files of dossiers never
    recorded; stop between dossiers when `should_stop()` (the Lambda's time running out: the
    rest stay due for tomorrow)."""
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
    if not report.stopped_early:
        sweep_unrecorded(retained, clock.now_vn(), report, should_stop)
    logger.info("retention run", extra={"days": days, **report.as_dict()})
    if report.failed:
        raise RetentionFailed(f"{len(report.failed)} dossiers not cleared: {', '.join(report.failed)}")
    return report
