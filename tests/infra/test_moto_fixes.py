"""The fixes to moto (infra/local/moto_fixes.py): a cancelled transaction still leaves the table
as it was, without copying the table to do so, and moto keeps no DynamoDB object it is done with."""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from infra.local import moto_fixes


@pytest.fixture
def table():
    with mock_aws():
        moto_fixes.apply()
        client = boto3.client("dynamodb", region_name="ap-southeast-1")
        client.create_table(
            TableName="t", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        client.put_item(TableName="t", Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "n": {"N": "1"}})
        client.put_item(TableName="t", Item={"pk": {"S": "b"}, "sk": {"S": "1"}, "n": {"N": "1"}})
        yield client


def _items(client) -> dict:
    return {(i["pk"]["S"], i["sk"]["S"]): i.get("n", {}).get("N") for i in client.scan(TableName="t")["Items"]}


def _stream_records(client) -> int:
    return len(_backend_table().stream_shard.items)


def _backend_table():
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends["123456789012"]["ap-southeast-1"].tables["t"]


def test_a_cancelled_transaction_undoes_its_put_update_and_delete_and_their_stream_records(table):
    before, records, kept = _items(table), _stream_records(table), _backend_table()
    with pytest.raises(ClientError) as cancelled:
        table.transact_write_items(TransactItems=[
            {"Put": {"TableName": "t", "Item": {"pk": {"S": "c"}, "sk": {"S": "1"}, "n": {"N": "9"}}}},
            {"Update": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}},
                        "UpdateExpression": "SET n = :n", "ExpressionAttributeValues": {":n": {"N": "9"}}}},
            {"Delete": {"TableName": "t", "Key": {"pk": {"S": "b"}, "sk": {"S": "1"}}}},
            {"ConditionCheck": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"S": "2"}},
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert _items(table) == before == {("a", "1"): "1", ("b", "1"): "1"}
    assert _stream_records(table) == records
    assert _backend_table() is kept  # put back item by item, not by swapping in a whole copy


def test_a_transaction_naming_one_item_twice_changes_nothing(table):
    before = _items(table)
    with pytest.raises(ClientError):
        table.transact_write_items(TransactItems=[
            {"Update": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}},
                        "UpdateExpression": "SET n = :n", "ExpressionAttributeValues": {":n": {"N": "7"}}}},
            {"Delete": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}}}},
        ])
    assert _items(table) == before


def test_a_transaction_that_succeeds_writes_every_item_and_its_stream_records(table):
    records = _stream_records(table)
    table.transact_write_items(TransactItems=[
        {"Put": {"TableName": "t", "Item": {"pk": {"S": "c"}, "sk": {"S": "1"}, "n": {"N": "3"}},
                 "ConditionExpression": "attribute_not_exists(pk)"}},
        {"Delete": {"TableName": "t", "Key": {"pk": {"S": "b"}, "sk": {"S": "1"}}}},
    ])
    assert _items(table) == {("a", "1"): "1", ("c", "1"): "3"}
    assert _stream_records(table) == records + 2


def test_a_backup_still_copies_the_table(table):
    table.create_backup(TableName="t", BackupName="before")
    table.put_item(TableName="t", Item={"pk": {"S": "d"}, "sk": {"S": "1"}})
    from moto.dynamodb.models import dynamodb_backends

    backup = next(iter(dynamodb_backends["123456789012"]["ap-southeast-1"].backups.values()))
    assert backup.table is not _backend_table()
    assert len(list(backup.table.all_items())) == 2


def test_moto_keeps_no_dynamodb_object_it_is_done_with(table):
    from moto.dynamodb.models.dynamo_type import Item

    for n in range(20):
        table.put_item(TableName="t", Item={"pk": {"S": f"x{n}"}, "sk": {"S": "1"}})
        table.query(TableName="t", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": f"x{n}"}})
    assert len(Item.instances_tracked) == 0  # type: ignore[attr-defined]
