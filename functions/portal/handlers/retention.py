"""RetentionFunction: run daily by an EventBridge schedule (template.yaml), or by hand
(docs/operations.md, "Retention of personal data"). The period comes from RETENTION_DAYS, the
function's own setting (template parameter RetentionDays); the other functions never see it."""
from __future__ import annotations

import os

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.observability import MetricUnit, logger, metrics
from portal.services import retention

# Stop taking new dossiers this long before the timeout: the one in hand can still finish.
MARGIN_MS = 60_000


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    days = int(os.environ["RETENTION_DAYS"])
    report = retention.run(days, should_stop=lambda: context.get_remaining_time_in_millis() < MARGIN_MS)
    metrics.add_metric(name="DossiersRedacted", unit=MetricUnit.Count, value=len(report.redacted))
    return report.as_dict()
