"""The API in-process against moto: the table, idempotency table and bucket are built from
template.yaml (infra.local.provision), the handlers are called with HTTP API v2 events.

Resources are provisioned once for the package; every test starts from empty tables and an
empty bucket, with a fixed Vietnam-time clock it may move."""
from __future__ import annotations

from datetime import datetime

import boto3
import pytest

from tests.api.support import Api, provisioned_aws


@pytest.fixture(scope="package")
def aws_env():
    with provisioned_aws() as env:
        yield env


def _empty_table(name: str) -> None:
    table = boto3.resource("dynamodb").Table(name)
    keys = [k["AttributeName"] for k in table.key_schema]
    scan = {"ProjectionExpression": ", ".join(f"#k{i}" for i in range(len(keys))),
            "ExpressionAttributeNames": {f"#k{i}": k for i, k in enumerate(keys)}}
    while True:
        page = table.scan(**scan)
        with table.batch_writer() as batch:
            for item in page["Items"]:
                batch.delete_item(Key={k: item[k] for k in keys})
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _empty_bucket(name: str) -> None:
    s3 = boto3.client("s3")
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
        for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
            s3.delete_object(Bucket=name, Key=version["Key"], VersionId=version["VersionId"])


@pytest.fixture(autouse=True)
def clean_state(aws_env):
    yield
    _empty_table(aws_env["TABLE_NAME"])
    _empty_table(aws_env["IDEMPOTENCY_TABLE_NAME"])
    _empty_bucket(aws_env["DOCUMENTS_BUCKET"])


class Clock:
    """Vietnam time as the services see it (portal.domain.clock.now_vn), set by the test."""

    def __init__(self, monkeypatch):
        from portal.domain import clock

        self._vn = clock.VN_TZ
        self.now = datetime(2026, 7, 8, 9, 0, tzinfo=self._vn)  # a Wednesday
        monkeypatch.setattr(clock, "now_vn", lambda: self.now)

    def set(self, *args) -> None:
        self.now = datetime(*args, tzinfo=self._vn)


@pytest.fixture(autouse=True)
def clock(monkeypatch, aws_env):
    return Clock(monkeypatch)


@pytest.fixture
def api(aws_env):
    return Api(aws_env)
