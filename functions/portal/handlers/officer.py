"""OfficerApiFunction: queues, dossier detail, actions, counter intake and uploads (JWT-protected routes)."""
from __future__ import annotations

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.handlers import officer_actions, officer_intake, officer_prechecks, officer_queue
from portal.handlers.entry import app_factory
from portal.observability import logger, metrics

ROUTERS = [officer_queue.router, officer_actions.router, officer_intake.router, officer_prechecks.router]
get_app = app_factory(*ROUTERS)


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return get_app().resolve(event, context)
