"""Which AWS failures are worth retrying: throttling, a service's own 5xx, a dropped connection.
The API answers those with 503 and Retry-After (the client tries again, and the request is
idempotent or changed nothing); any other failure is a bug and answers 500."""
from __future__ import annotations

TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TransactionConflictException",
        "InternalServerError",
        "InternalError",
        "ServiceUnavailable",
        "SlowDown",
        "RequestTimeout",
    }
)


def error_code(error: BaseException) -> str | None:
    """The AWS error code of a failed call (a botocore ClientError carries it in `response`),
    read without importing botocore: the store's modules stay cheap to import."""
    response = getattr(error, "response", None)
    if not isinstance(response, dict):
        return None
    return (response.get("Error") or {}).get("Code")


def is_transient(error: BaseException) -> bool:
    from botocore.exceptions import BotoCoreError, ClientError  # only on the failure path

    if isinstance(error, ClientError):
        response = error.response or {}
        status = int((response.get("ResponseMetadata") or {}).get("HTTPStatusCode") or 0)
        return response.get("Error", {}).get("Code") in TRANSIENT_CODES or status >= 500
    return isinstance(error, BotoCoreError)
