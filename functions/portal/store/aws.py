"""boto3 clients, created on first use and cached (never at import, so a cold start that does
not need S3 does not pay for it, and tests can point the environment at moto first).

boto3 itself is imported inside the functions that build a client: importing it costs about
0.4 s, which the import of an entry point must not pay (scripts/bench/cold_start.py measures
it beside the first request, which does). In Lambda, boto3 and botocore come with the runtime
and are not bundled (scripts/package.py)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from portal.config import settings


def _endpoint() -> dict:
    url = settings().aws_endpoint_url
    return {"endpoint_url": url} if url else {}


@lru_cache(maxsize=1)
def dynamodb_resource() -> Any:
    import boto3

    return boto3.resource("dynamodb", region_name=settings().aws_region, **_endpoint())


def dynamodb_client() -> Any:
    """The resource's own client: it accepts and returns plain Python values (Decimal for
    numbers) for every operation, transactions included."""
    return dynamodb_resource().meta.client


@lru_cache(maxsize=1)
def dynamodb_plain_client() -> Any:
    """A low-level client (typed attribute values), for Powertools' idempotency store."""
    import boto3

    return boto3.client("dynamodb", region_name=settings().aws_region, **_endpoint())


@lru_cache(maxsize=1)
def s3_client() -> Any:
    import boto3
    from botocore.config import Config

    if settings().aws_endpoint_url:
        # moto on 127.0.0.1: virtual-host addressing would need DNS for <bucket>.127.0.0.1.
        config = Config(signature_version="s3v4", s3={"addressing_style": "path"})
    else:
        config = Config(signature_version="s3v4")
    return boto3.client("s3", region_name=settings().aws_region, config=config, **_endpoint())


@lru_cache(maxsize=1)
def cognito_client() -> Any:
    import boto3

    return boto3.client("cognito-idp", region_name=settings().aws_region, **_endpoint())


@lru_cache(maxsize=1)
def kms_client() -> Any:
    import boto3

    return boto3.client("kms", region_name=settings().aws_region, **_endpoint())


def reset_clients() -> None:
    dynamodb_resource.cache_clear()
    dynamodb_plain_client.cache_clear()
    s3_client.cache_clear()
    cognito_client.cache_clear()
    kms_client.cache_clear()
