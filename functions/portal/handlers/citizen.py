"""CitizenApiFunction: uploads, drafts, submission, withdrawal, lookup, payment (public routes)."""
from __future__ import annotations

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.handlers import citizen_actions, citizen_private, dossiers, drafts, lookup, payments, uploads
from portal.handlers.entry import app_factory
from portal.observability import logger, metrics
from portal.services.dossiers import register_lambda_context

ROUTERS = [uploads.router, dossiers.router, drafts.router, citizen_actions.router, citizen_private.router, lookup.router,
           payments.router]
get_app = app_factory(*ROUTERS)


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    register_lambda_context(context)
    return get_app().resolve(event, context)
