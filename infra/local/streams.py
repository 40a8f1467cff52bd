"""The template's DynamoDB stream event sources (AWS::Lambda::EventSourceMapping), run locally.

moto keeps each table's stream (the real records, with the template's view type) but invokes no
function from it. `StreamPoller.poll()` does what Lambda's poller does, at the moment the local
stack asks (after each write, before the gateway answers): it reads the records added since the
last poll, keeps those the mapping's FilterCriteria match, hands them to the function in batches
of BatchSize, retries from the first record a batch reports failed (partial batch response) up to
MaximumRetryAttempts, and then names the batch in the OnFailure queue, as Lambda does.

    sources = stream_sources(stack)                    # from the translated template.yaml
    poller = StreamPoller(sources, invoke, client)     # invoke(source, event) -> the function's answer
    poller.poll()
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from infra.local import template as sam
from infra.local.references import Provisioned

log = logging.getLogger("portal.streams")


@dataclass(frozen=True)
class StreamSource:
    logical_id: str  # the mapping's
    function_id: str
    handler: str
    stream_arn: str
    batch_size: int
    filters: tuple[dict, ...]
    max_retries: int
    on_failure_arn: str | None
    starting_position: str


def stream_sources(stack: Provisioned, template_path=sam.TEMPLATE_PATH) -> list[StreamSource]:
    """Every event source mapping of the template that reads a DynamoDB stream, resolved."""
    resources = sam.resources(template_path, stack.region)
    found = []
    for logical_id, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::EventSourceMapping":
            continue
        props = resource["Properties"]
        if "StreamArn" not in json.dumps(props.get("EventSourceArn")):
            continue
        function_id = props["FunctionName"]["Ref"]
        destination = ((props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
        found.append(StreamSource(
            logical_id=logical_id,
            function_id=function_id,
            handler=resources[function_id]["Properties"]["Handler"],
            stream_arn=stack.resolve(props["EventSourceArn"]),
            batch_size=int(props.get("BatchSize", 100)),
            filters=tuple(json.loads(f["Pattern"]) for f in (props.get("FilterCriteria") or {}).get("Filters", [])),
            max_retries=int(props.get("MaximumRetryAttempts", -1)),
            on_failure_arn=stack.resolve(destination) if destination else None,
            starting_position=props.get("StartingPosition", "TRIM_HORIZON"),
        ))
    return found


# --- Lambda's event filtering (the subset the template uses) ------------------------------


def _value_matches(rule: Any, value: Any, present: bool) -> bool:
    if isinstance(rule, dict):
        if "exists" in rule:
            return present is bool(rule["exists"])
        if "prefix" in rule:
            return present and isinstance(value, str) and value.startswith(rule["prefix"])
        if "anything-but" in rule:
            excluded = rule["anything-but"]
            return present and value not in (excluded if isinstance(excluded, list) else [excluded])
        raise ValueError(f"filter rule {rule} is not supported locally")
    return present and value == rule


def matches(pattern: dict, record: dict) -> bool:
    """Whether a record matches one filter pattern: every key of the pattern must match; a
    nested object descends, a list holds the values (or rules) any of which may match."""
    for key, expected in pattern.items():
        present = isinstance(record, dict) and key in record
        value = record.get(key) if present else None
        if isinstance(expected, dict):
            if not present or not isinstance(value, dict) or not matches(expected, value):
                return False
        elif not any(_value_matches(rule, value, present) for rule in expected):
            return False
    return True


def wanted(source: StreamSource, record: dict) -> bool:
    return not source.filters or any(matches(pattern, record) for pattern in source.filters)


# --- the poller ---------------------------------------------------------------------------


def _as_lambda_record(record: dict, source: StreamSource) -> dict:
    """A GetRecords record as Lambda delivers it: with its source ARN, times as epoch seconds."""
    stream = dict(record["dynamodb"])
    created = stream.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        stream["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": stream, "eventSourceARN": source.stream_arn}


Invoke = Callable[[StreamSource, dict], Any]


def streams_client(region: str, endpoint_url: str | None = None):
    """A DynamoDB Streams client for moto. botocore signs these calls for the "dynamodb"
    service: moto's server tells them apart by their target header, but in-process `mock_aws`
    routes them by that signature to its DynamoDB handler, which does not know them, so there
    they go unsigned (and are routed by their address)."""
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    if endpoint_url:
        from infra.local.resources import aws_client

        return aws_client("dynamodbstreams", region, endpoint_url)
    return boto3.client("dynamodbstreams", region_name=region, config=Config(signature_version=UNSIGNED))


class StreamPoller:
    """Reads each source's stream from where it stopped and delivers the new records. One poll
    at a time (Lambda reads a shard with one poller), whatever thread asks."""

    def __init__(self, sources: list[StreamSource], invoke: Invoke, streams_client, sqs_client=None):
        self.sources = sources
        self.invoke = invoke
        self.streams = streams_client
        self.sqs = sqs_client
        self._after: dict[str, str | None] = {}  # last sequence number read, per source
        self._lock = threading.Lock()

    def start_at_latest(self) -> None:
        """Skip what the streams hold now (tests that start from a table already written)."""
        with self._lock:
            for source in self.sources:
                records = self._read(source, None)
                self._after[source.logical_id] = (
                    records[-1]["dynamodb"]["SequenceNumber"] if records else self._after.get(source.logical_id)
                )

    def poll(self) -> int:
        """Deliver every new record; returns how many were handed to functions."""
        delivered = 0
        with self._lock:
            for source in self.sources:
                records = self._read(source, self._after.get(source.logical_id))
                if not records:
                    continue
                self._after[source.logical_id] = records[-1]["dynamodb"]["SequenceNumber"]
                chosen = [_as_lambda_record(r, source) for r in records if wanted(source, r)]
                for start in range(0, len(chosen), source.batch_size):
                    self._deliver(source, chosen[start:start + source.batch_size])
                delivered += len(chosen)
        return delivered

    def _read(self, source: StreamSource, after: str | None) -> list[dict]:
        (shard,) = self.streams.describe_stream(StreamArn=source.stream_arn)["StreamDescription"]["Shards"]
        position = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
            if after else {"ShardIteratorType": source.starting_position}
        )
        iterator = self.streams.get_shard_iterator(
            StreamArn=source.stream_arn, ShardId=shard["ShardId"], **position
        )["ShardIterator"]
        records: list[dict] = []
        while True:
            page = self.streams.get_records(ShardIterator=iterator, Limit=1000)
            records.extend(page["Records"])
            if not page["Records"] or not page.get("NextShardIterator"):
                return records
            iterator = page["NextShardIterator"]

    def _deliver(self, source: StreamSource, batch: list[dict]) -> None:
        """One batch, with Lambda's retries: a partial failure is retried from its first failed
        record, an error from the whole batch; past MaximumRetryAttempts (-1: until it works,
        bounded here) the rest goes to the OnFailure queue."""
        attempts = 0
        limit = source.max_retries if source.max_retries >= 0 else 10
        while batch:
            try:
                answer = self.invoke(source, {"Records": batch})
                failed = [f["itemIdentifier"] for f in (answer or {}).get("batchItemFailures", [])]
            except Exception:
                log.exception("%s failed on a batch of %d records", source.function_id, len(batch))
                failed = [batch[0]["dynamodb"]["SequenceNumber"]]
            if not failed:
                return
            numbers = [r["dynamodb"]["SequenceNumber"] for r in batch]
            batch = batch[min(numbers.index(n) for n in failed if n in numbers):] if set(failed) & set(numbers) else batch
            attempts += 1
            if attempts > limit:
                self._give_up(source, batch)
                return

    def _give_up(self, source: StreamSource, batch: list[dict]) -> None:
        log.error("%s: %d records go to the failure destination", source.function_id, len(batch))
        if not (self.sqs and source.on_failure_arn):
            return
        numbers = [r["dynamodb"]["SequenceNumber"] for r in batch]
        queue_name = source.on_failure_arn.rsplit(":", 1)[-1]
        url = self.sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        # The shape of Lambda's own failure record: where the batch is, not what it held.
        self.sqs.send_message(QueueUrl=url, MessageBody=json.dumps({
            "requestContext": {"condition": "RetryAttemptsExhausted", "functionArn": source.function_id},
            "DDBStreamBatchInfo": {
                "shardId": "local", "startSequenceNumber": numbers[0], "endSequenceNumber": numbers[-1],
                "batchSize": len(batch), "streamArn": source.stream_arn,
            },
        }))
