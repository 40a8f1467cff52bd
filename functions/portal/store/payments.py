"""Payment attempts: one `PAYMENT#<txn_ref>` item per attempt in the dossier's partition
(amount, provider, status pending → paid | failed | unapplied), each status change conditional
on the attempt still being pending, so a repeated notification can change nothing."""
from __future__ import annotations

from portal.domain.errors import Conflict
from portal.store.aws import dynamodb_resource
from portal.store.dossiers import dossier_pk
from portal.store.faults import error_code
from portal.store.items import from_item, to_item

PENDING = "pending"


def payment_key(dossier_id: str, txn_ref: str) -> dict:
    return {"PK": dossier_pk(dossier_id), "SK": f"PAYMENT#{txn_ref}"}


class PaymentStore:
    def __init__(self, table_name: str):
        self.table_name = table_name

    @property
    def _table(self):
        return dynamodb_resource().Table(self.table_name)

    def put_attempt(self, dossier_id: str, txn_ref: str, record: dict) -> None:
        """A new attempt (never over another: a reference is used once)."""
        item = {**record, **payment_key(dossier_id, txn_ref), "kind": "payment", "txn_ref": txn_ref,
                "dossier_id": dossier_id, "status": PENDING}
        try:
            self._table.put_item(Item=to_item(item), ConditionExpression="attribute_not_exists(PK)")
        except Exception as error:
            if error_code(error) == "ConditionalCheckFailedException":
                raise Conflict("Mã giao dịch đã được dùng, vui lòng thử lại.") from error
            raise

    def get_attempt(self, dossier_id: str, txn_ref: str) -> dict | None:
        item = self._table.get_item(Key=payment_key(dossier_id, txn_ref), ConsistentRead=True).get("Item")
        if not item:
            return None
        return {k: v for k, v in from_item(item).items() if k not in ("PK", "SK")}

    def settle_write(self, dossier_id: str, txn_ref: str, status: str, attributes: dict) -> dict:
        """The attempt's change from pending to `status`, as one item of a transaction (written
        with the dossier's change it pays for: both or neither)."""
        names = {"#status": "status", **{f"#a{i}": name for i, name in enumerate(attributes)}}
        values = {":pending": PENDING, ":status": status,
                  **{f":v{i}": to_item(value) for i, value in enumerate(attributes.values())}}
        sets = ["#status = :status", *(f"#a{i} = :v{i}" for i in range(len(attributes)))]
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": payment_key(dossier_id, txn_ref),
                "UpdateExpression": "SET " + ", ".join(sets),
                "ConditionExpression": "#status = :pending",
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values,
            }
        }

    def settle(self, dossier_id: str, txn_ref: str, status: str, attributes: dict) -> bool:
        """The attempt alone from pending to `status` (a failure, or a payment that came after
        the dossier stopped waiting for it); False if it was no longer pending."""
        update = self.settle_write(dossier_id, txn_ref, status, attributes)["Update"]
        update.pop("TableName")
        try:
            self._table.update_item(**update)
        except Exception as error:
            if error_code(error) == "ConditionalCheckFailedException":
                return False
            raise
        return True
