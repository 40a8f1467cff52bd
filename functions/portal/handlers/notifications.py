"""NotificationSenderFunction: fed by the dossier table's stream, filtered in template.yaml to
outbox items that became pending. Each record is one message (services/notifications.py);
a record that fails is reported alone (partial batch response), so the others are not sent
again when the stream retries it."""
from __future__ import annotations

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.observability import logger, metrics
from portal.services import notifications

processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def record_handler(record: DynamoDBRecord) -> str:
    image = record.dynamodb.new_image if record.dynamodb else {}
    owner = "draft_id" if "draft_id" in image else "dossier_id"  # a draft's message (store/drafts.py)
    return notifications.send({owner: image[owner], "id": image["id"]})


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    # {"batchItemFailures": [{"itemIdentifier": <sequence number>}]}: the records to retry.
    return dict(process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context))
