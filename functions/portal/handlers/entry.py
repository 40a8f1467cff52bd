"""A Lambda entry point for a set of routers: the resolver is built on the first request (the
environment is read then, not at import) and kept for the container's life."""
from __future__ import annotations

from functools import lru_cache

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.event_handler.api_gateway import Router

from portal.handlers.app import make_app


def app_factory(*routers: Router):
    @lru_cache(maxsize=1)
    def get_app() -> APIGatewayHttpResolver:
        return make_app(list(routers))

    return get_app
