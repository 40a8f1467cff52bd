"""The Powertools idempotency store, built on first use with our own DynamoDB client, so it is
not created at import and follows AWS_ENDPOINT_URL locally."""
from __future__ import annotations

from functools import lru_cache

from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

from portal.config import settings
from portal.store.aws import dynamodb_plain_client


@lru_cache(maxsize=1)
def idempotency_persistence() -> DynamoDBPersistenceLayer:
    return DynamoDBPersistenceLayer(
        table_name=settings().idempotency_table_name, boto3_client=dynamodb_plain_client()
    )


def reset_idempotency() -> None:
    idempotency_persistence.cache_clear()
