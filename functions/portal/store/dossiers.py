"""The dossier table (docs/architecture.md, "Table"): one item per dossier (META), its documents
(DOC), its audit trail (EVENT), the code → id index (CODE), the day's counters (COUNTER) and the
pending upload slots (UPLOAD).

Every change to a dossier is one transaction: the META update guarded by the version the caller
read, plus the event that explains it, so two officers acting at once cannot both win and no
change is ever recorded without its event.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date

from portal.domain.deadlines import CLOCK_RUNNING_STATES
from portal.domain.errors import Conflict, NotFound
from portal.domain.folding import name_key
from portal.domain.retention import closed_at
from portal.domain.states import State
from portal.store.aws import dynamodb_client, dynamodb_resource
from portal.store.faults import error_code
from portal.store.items import from_item, to_item
from portal.store.outbox import outbox_puts

META = "META"
STALE_VERSION_MESSAGE = "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."
# How long a recorded submission is remembered beyond the idempotency store's own day.
SUBMISSION_SECONDS = 30 * 24 * 3600
# Writers racing for the same day's number each retry this often before giving up (409).
CODE_ATTEMPTS = 8
QUEUE_INDEX = "GSI1"
OPEN_INDEX = "GSI2"
ID_NUMBER_INDEX = "GSI3"
NAME_INDEX = "GSI4"
RECEIVED_INDEX = "GSI5"
# Closed dossiers not yet redacted, by closing time: the retention job's one Query (store/retention.py).
RETENTION_INDEX = "GSI6"
RETENTION_PARTITION = "CLOSED"


def dossier_pk(dossier_id: str) -> str:
    return f"DOSSIER#{dossier_id}"


def counter_key(agency: str, day: date) -> dict:
    return {"PK": f"COUNTER#{agency}#{day.strftime('%y%m%d')}", "SK": "COUNTER"}


def submission_key(fingerprint: str) -> dict:
    return {"PK": f"SUBMISSION#{fingerprint}", "SK": "SUBMISSION"}


def code_key(code: str) -> dict:
    return {"PK": f"CODE#{code}", "SK": "CODE"}


def event_sk(at: str, n: int) -> str:
    # Zero-padded so events of the same second still sort in the order they happened.
    return f"EVENT#{at}#{n:04d}"


def doc_sk(slot: str, n: int) -> str:
    return f"DOC#{slot}#{n}"


def _index_keys(record: dict) -> dict:
    """GSI attributes of a dossier `record` (META as it will be after the write): its queue
    (agency + state, by deadline); while the agency owes something, the sparse open-dossiers
    index; the applicant's ID number (exact) and folded name (prefix); and, once received, the
    month of receipt for the tracking book. A value None removes the attribute."""
    agency, state, dossier_id = record["agency"], record["state"], record["id"]
    is_open = State(state) in CLOCK_RUNNING_STATES  # a supplement stops the clock
    sort_key = f"{record.get('deadline') or '9999-12-31'}#{dossier_id}"
    applicant = record.get("applicant") or {}
    number = applicant.get("id_number") or applicant.get("tax_code")
    name = name_key(applicant.get("full_name") or "")
    received_at = record.get("received_at")
    closed = closed_at(record)  # until its personal data is removed (domain/retention.py)
    return {
        "GSI1PK": f"AGENCY#{agency}#STATE#{state}",
        "GSI1SK": sort_key,
        "GSI2PK": f"AGENCY#{agency}#OPEN" if is_open else None,
        "GSI2SK": sort_key if is_open else None,
        "GSI3PK": id_number_partition(agency, number) if number else None,
        "GSI3SK": f"{record.get('submitted_at') or ''}#{dossier_id}" if number else None,
        "GSI4PK": name_partition(agency, name) if name else None,
        "GSI4SK": f"{name}#{dossier_id}" if name else None,
        "GSI5PK": received_partition(agency, received_at[:7]) if received_at else None,
        "GSI5SK": f"{received_at}#{dossier_id}" if received_at else None,
        "GSI6PK": RETENTION_PARTITION if closed else None,
        "GSI6SK": f"{closed}#{dossier_id}" if closed else None,
    }


def id_number_partition(agency: str, number: str) -> str:
    return f"AGENCY#{agency}#ID#{number}"


def name_partition(agency: str, folded_name: str) -> str:
    """Names are partitioned by their first folded letter, so a prefix search reads one partition."""
    return f"AGENCY#{agency}#NAME#{folded_name[0]}"


def received_partition(agency: str, month: str) -> str:
    """`month` is `YYYY-MM` (Vietnam time, as received_at is stored)."""
    return f"AGENCY#{agency}#RECEIVED#{month}"


def _after_change(meta: dict, attributes: dict, state: str) -> dict:
    """The record META will hold after a change (an attribute set to None is removed)."""
    merged = {**meta, **attributes, "state": state}
    return {key: value for key, value in merged.items() if value is not None}


def _without_none(item: dict) -> dict:
    return {key: value for key, value in item.items() if value is not None}


# The table's own keys: how items are found, not what they say. Callers never see them.
_KEY_ATTRIBUTES = frozenset({"PK", "SK", "ttl", *(f"GSI{n}{part}" for n in range(1, 7) for part in ("PK", "SK"))})


def _record(item: dict) -> dict:
    """An item as the services know it: plain Python values, without the table's keys."""
    return {key: value for key, value in from_item(item).items() if key not in _KEY_ATTRIBUTES}


def event_put(table_name: str, dossier_id: str, event: dict, version: int) -> dict:
    """The transaction's Put of the event that made the dossier's `version`."""
    item = {**event, "PK": dossier_pk(dossier_id), "SK": event_sk(event["at"], version)}
    return {"Put": {"TableName": table_name, "Item": to_item(item), "ConditionExpression": "attribute_not_exists(PK)"}}


def write_change(writes: list[dict]) -> None:
    """One change's transaction (META on its version, its event, ...); Conflict if it lost."""
    try:
        dynamodb_client().transact_write_items(TransactItems=writes)
    except Exception as error:
        # The version check failed, or another transaction on the same item won the race
        # (TransactionConflict): either way someone else changed the dossier first.
        if error_code(error) == "TransactionCanceledException":
            raise Conflict(STALE_VERSION_MESSAGE) from error
        raise


class DossierStore:
    def __init__(self, table_name: str):
        self.table_name = table_name

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    # --- codes -------------------------------------------------------------------------

    def _sequence(self, agency: str, day: date) -> int:
        """The day's last sequence number for the agency (0 before the first dossier)."""
        item = self._table.get_item(Key=counter_key(agency, day), ConsistentRead=True).get("Item")
        return int(item["seq"]) if item else 0

    def dossier_of_submission(self, fingerprint: str) -> str | None:
        """The dossier a submission recorded, if it was recorded (see create_with_code)."""
        item = self._table.get_item(Key=submission_key(fingerprint), ConsistentRead=True).get("Item")
        return item["dossier_id"] if item else None

    def id_for_code(self, code: str) -> str | None:
        item = self._table.get_item(Key=code_key(code)).get("Item")
        return item["dossier_id"] if item else None

    # --- reads -------------------------------------------------------------------------

    def proof_of(self, dossier_id: str) -> dict:
        """What proves the applicant of a dossier (ID number, tax code, the private token's
        hash) and nothing else, `{}` when there is no such dossier: the lookup reads this before
        the proof is checked, so a wrong ID number reads about as little as a missing code."""
        item = self._table.get_item(
            Key={"PK": dossier_pk(dossier_id), "SK": META},
            ProjectionExpression="applicant.id_number, applicant.tax_code, access_token_hash",
        ).get("Item")
        return _record(item) if item else {}

    def get(self, dossier_id: str) -> dict:
        item = self._table.get_item(Key={"PK": dossier_pk(dossier_id), "SK": META}).get("Item")
        if not item:
            raise NotFound("Không tìm thấy hồ sơ.")
        return _record(item)

    def get_with_children(self, dossier_id: str) -> dict:
        """`{"meta": {...}, "documents": [...], "events": [...]}` from one Query on the
        dossier's partition (events in the order they happened)."""
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        items: list[dict] = []
        query = {"KeyConditionExpression": Key("PK").eq(dossier_pk(dossier_id))}
        while True:
            page = self._table.query(**query)
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                break
            query["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        items.sort(key=lambda item: item["SK"])  # events in the order they happened
        meta = next((_record(item) for item in items if item["SK"] == META), None)
        if meta is None:
            raise NotFound("Không tìm thấy hồ sơ.")
        return {
            "meta": meta,
            "documents": [_record(item) for item in items if item["SK"].startswith("DOC#")],
            "events": [_record(item) for item in items if item["SK"].startswith("EVENT#")],
        }

    def queue(self, agency: str, state: str, limit: int = 50) -> list[dict]:
        """An officer's queue: one Query on GSI1, the most urgent deadline first."""
        from boto3.dynamodb.conditions import Key  # loads boto3: not at import (cold start)

        page = self._table.query(
            IndexName=QUEUE_INDEX,
            KeyConditionExpression=Key("GSI1PK").eq(f"AGENCY#{agency}#STATE#{state}"),
            ScanIndexForward=True,
            Limit=limit,
        )
        return [_record(item) for item in page.get("Items", [])]

    # --- writes ------------------------------------------------------------------------

    def create_with_code(
        self,
        meta: dict,
        documents: list[dict],
        event: dict,
        day: date,
        code_for: Callable[[int], str],
        submission: str | None = None,
        messages: Sequence[dict] | Callable[[str], Sequence[dict]] = (),
        also: Callable[[str], Sequence[dict]] | None = None,
    ) -> str:
        """A new dossier in one transaction with the day's next code number: the counter, META,
        its CODE, its DOC items and its first EVENT, and with `submission` (a fingerprint of the
        request) a marker that this submission is recorded, which a second writer of the same
        submission cannot also write. Either all exist afterwards or none does, so a failed or
        refused write never uses up a number. Two writers taking the same number race on the
        counter's condition; the loser reads the counter again and retries. `messages` (the
        outbox's, store/outbox.py) go in the same transaction; their text names the code, so
        they may be given as a function of it. `also(code)`: further items that stand or fall
        with the dossier (the draft it was submitted from, marked submitted)."""
        agency = meta["agency"]
        for _ in range(CODE_ATTEMPTS):
            current = self._sequence(agency, day)
            code = code_for(current + 1)
            try:
                dynamodb_client().transact_write_items(
                    TransactItems=[
                        self._counter_step(agency, day, current),
                        *self._new_dossier_puts(meta, code, documents, event),
                        *self._submission_marker(submission, meta["id"]),
                        *outbox_puts(
                            self.table_name, meta["id"], event, int(meta.get("version", 1)),
                            messages(code) if callable(messages) else messages,
                        ),
                        *(also(code) if also else ()),
                    ]
                )
            except Exception as error:
                if error_code(error) != "TransactionCanceledException":
                    raise
                if self._sequence(agency, day) != current:
                    continue  # someone took that number first
                raise Conflict("Hồ sơ đã tồn tại, vui lòng tải lại trang.") from error
            return code
        raise Conflict("Hệ thống đang bận cấp mã hồ sơ, vui lòng gửi lại sau giây lát.")

    def _counter_step(self, agency: str, day: date, current: int) -> dict:
        condition = "attribute_not_exists(seq)" if current == 0 else "seq = :current"
        values: dict = {":next": current + 1}
        if current:
            values[":current"] = current
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": counter_key(agency, day),
                "UpdateExpression": "SET seq = :next",
                "ConditionExpression": condition,
                "ExpressionAttributeValues": values,
            }
        }

    def _submission_marker(self, submission: str | None, dossier_id: str) -> list[dict]:
        if submission is None:
            return []
        item = {**submission_key(submission), "dossier_id": dossier_id, "ttl": int(time.time()) + SUBMISSION_SECONDS}
        return [{"Put": {"TableName": self.table_name, "Item": item, "ConditionExpression": "attribute_not_exists(PK)"}}]

    def _new_dossier_puts(self, meta: dict, code: str, documents: list[dict], event: dict) -> list[dict]:
        dossier_id = meta["id"]
        pk = dossier_pk(dossier_id)
        meta_item = {
            **meta,
            **_index_keys(meta),
            "PK": pk,
            "SK": META,
            "code": code,
        }
        puts = [
            {"Item": to_item(_without_none(meta_item)), "ConditionExpression": "attribute_not_exists(PK)"},
            {"Item": {**code_key(code), "dossier_id": dossier_id}, "ConditionExpression": "attribute_not_exists(PK)"},
            *(
                {"Item": to_item(_without_none({**document, "PK": pk, "SK": doc_sk(document["slot"], document["n"])}))}
                for document in documents
            ),
            {"Item": to_item({**event, "PK": pk, "SK": event_sk(event["at"], int(meta.get("version", 1)))})},
        ]
        return [{"Put": {"TableName": self.table_name, **put}} for put in puts]

    def apply_change(
        self, meta: dict, attributes: dict, new_state: str, event: dict, messages: Sequence[dict] = (),
        also: Sequence[dict] = (),
    ) -> int:
        """Apply a domain Change to the dossier `meta` as the caller read it: update META only if
        nobody changed it since (its version), move it between the queues, and append its event
        and its outbox `messages`, in one transaction. Attributes set to None are removed.
        `also`: further transaction items that stand or fall with the change (a payment
        attempt marked paid, store/payments.py). Returns the new version."""
        dossier_id, expected_version = meta["id"], int(meta["version"])
        new_version = expected_version + 1
        values = {**attributes, **_index_keys(_after_change(meta, attributes, new_state)), "state": new_state}
        names: dict[str, str] = {"#version": "version"}
        expression_values: dict = {":expected": int(expected_version), ":next": new_version}
        sets = ["#version = :next"]
        removes = []
        for index, (name, value) in enumerate(sorted(values.items())):
            names[f"#a{index}"] = name
            if value is None:
                removes.append(f"#a{index}")
            else:
                sets.append(f"#a{index} = :v{index}")
                expression_values[f":v{index}"] = to_item(value)
        update = "SET " + ", ".join(sets)
        if removes:
            update += " REMOVE " + ", ".join(removes)
        pk = dossier_pk(dossier_id)
        writes = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": {"PK": pk, "SK": META},
                    "UpdateExpression": update,
                    "ConditionExpression": "#version = :expected",
                    "ExpressionAttributeNames": names,
                    "ExpressionAttributeValues": expression_values,
                }
            },
            event_put(self.table_name, dossier_id, event, new_version),
            *outbox_puts(self.table_name, dossier_id, event, new_version, messages),
            *also,
        ]
        write_change(writes)
        return new_version

    # --- upload slots ------------------------------------------------------------------

    def put_upload(self, upload_id: str, record: dict, ttl_seconds: int) -> None:
        """What an upload slot was issued for (procedure, slot, declared type and size), so
        submit can check an upload is used where it was meant to be. Expires with `ttl`."""
        item = {
            **record,
            "PK": f"UPLOAD#{upload_id}",
            "SK": "UPLOAD",
            "upload_id": upload_id,
            "ttl": int(time.time()) + int(ttl_seconds),
        }
        self._table.put_item(Item=to_item(_without_none(item)))

    def keep_upload(self, upload_id: str, ttl: int) -> None:
        """A saved draft uses the upload: its record lives as long as the draft (`ttl`, never
        shortened), so a submission from the draft still finds what it was issued for."""
        try:
            self._table.update_item(
                Key={"PK": f"UPLOAD#{upload_id}", "SK": "UPLOAD"},
                UpdateExpression="SET #ttl = :ttl",
                ConditionExpression="attribute_exists(PK) AND #ttl < :ttl",
                ExpressionAttributeNames={"#ttl": "ttl"},
                ExpressionAttributeValues={":ttl": int(ttl)},
            )
        except Exception as error:
            if error_code(error) != "ConditionalCheckFailedException":
                raise

    def get_upload(self, upload_id: str) -> dict | None:
        item = self._table.get_item(Key={"PK": f"UPLOAD#{upload_id}", "SK": "UPLOAD"}).get("Item")
        if not item:
            return None
        # DynamoDB deletes expired items lazily (up to days later): treat them as gone now.
        if int(item.get("ttl") or 0) < time.time():
            return None
        return _record(item)
