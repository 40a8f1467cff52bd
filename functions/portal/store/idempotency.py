"""The Powertools idempotency store, built on first use with our own DynamoDB client, so it is
not created at import and follows AWS_ENDPOINT_URL locally."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from portal.config import settings
from portal.store.aws import dynamodb_plain_client

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer


@lru_cache(maxsize=1)
def idempotency_persistence() -> DynamoDBPersistenceLayer:
    # Imported here: Powertools' idempotency package loads boto3 when imported.
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    return DynamoDBPersistenceLayer(
        table_name=settings().idempotency_table_name, boto3_client=dynamodb_plain_client()
    )


def reset_idempotency() -> None:
    idempotency_persistence.cache_clear()
