"""Three fixes to moto, applied wherever it runs for us (the local stack's server, the tests'
in-process mock and the scripts that run on it).

A DynamoDB transaction backed up each table it touches with a deep copy of the whole table, once
per item of the transaction, so that it could put the copy back if one item failed. Every write
then cost more than the last: a faulted run of 1,000 submissions would have taken hours, and the
copies (stream history included) took gigabytes. The backup now holds only the items the
transaction names, and the length of each table's stream; a cancelled transaction puts those
items back and drops the stream records it added, which is all the whole-table copy restored.

Moto keeps every DynamoDB object it ever made (each item, each copy a query returns, each
stream record) in a list that only its dashboard reads (moto.core.model_instances), so a
long-running local stack grew without end; DynamoDB's objects are no longer listed there.

KMS Sign with `MessageType=DIGEST` signs the digest it is given (the download links sign
SHA-256 of their policy, store/download_links.py); moto ignored the type and hashed the digest
again, so its signature never verified as CloudFront verifies one."""
from __future__ import annotations

import base64
import copy
import functools
import json
import threading
from typing import Any

_transaction = threading.local()  # set while a transaction runs: its tables are not copied whole


class _Unlisted(list):
    """An instance list that keeps nothing (moto appends every object it makes to it)."""

    def append(self, item: Any) -> None:
        pass


def _copy_table(table, memo):
    """Table.__deepcopy__: itself inside a transaction (the transaction keeps its own item
    backup), otherwise the ordinary deep copy (a DynamoDB backup still copies the table)."""
    if getattr(_transaction, "active", False):
        return table
    copied = table.__class__.__new__(table.__class__)
    memo[id(table)] = copied
    copied.__dict__.update(copy.deepcopy(table.__dict__, memo))
    return copied


class _TouchedItems:
    """What a transaction may change, as it was before: each named item and each stream's length."""

    def __init__(self, backend, transact_items: list[dict[str, Any]]):
        from moto.dynamodb.exceptions import MockValidationException

        self.items: list[tuple[Any, Any, Any, Any]] = []  # (table, hash key, range key, item before)
        self.streams: dict[int, tuple[Any, int]] = {}
        for entry in transact_items:
            for op_type, op in entry.items():
                table = backend.tables.get(op.get("TableName"))
                key = op.get("Item") if op_type == "Put" else op.get("Key")
                if table is None or not isinstance(key, dict):
                    continue  # moto rejects it before writing anything
                try:
                    hash_key, range_key = backend.get_keys_value(table, key)
                except (MockValidationException, KeyError, TypeError):
                    continue  # moto refuses the key too, before writing anything
                before = table.get_item(hash_key, range_key)
                self.items.append((table, hash_key, range_key, copy.deepcopy(before)))
                if table.stream_shard is not None:
                    self.streams.setdefault(id(table), (table.stream_shard, len(table.stream_shard.items)))

    def restore(self) -> None:
        for table, hash_key, range_key, before in reversed(self.items):
            if range_key is None:
                if before is None:
                    table.items.pop(hash_key, None)
                else:
                    table.items[hash_key] = before
            elif before is None:
                table.items[hash_key].pop(range_key, None)
            else:
                table.items[hash_key][range_key] = before
        for shard, length in self.streams.values():
            del shard.items[length:]


def _transact_with_item_backup(transact_write_items):
    @functools.wraps(transact_write_items)
    def transact(self, transact_items: list[dict[str, Any]]) -> None:
        before = _TouchedItems(self, transact_items)
        _transaction.active = True
        try:
            return transact_write_items(self, transact_items)
        except Exception:
            before.restore()
            raise
        finally:
            _transaction.active = False

    transact.fixed = True  # type: ignore[attr-defined]
    return transact


def _sign_digests(sign):
    """KmsResponse.sign, with `MessageType=DIGEST` honoured for the RSA PKCS#1 v1.5 algorithms."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, utils

    hashes_by_algorithm = {f"RSASSA_PKCS1_V1_5_SHA_{n}": getattr(hashes, f"SHA{n}") for n in (256, 384, 512)}

    def sign_digest(self) -> str:
        algorithm = self._get_param("SigningAlgorithm")
        if self._get_param("MessageType") != "DIGEST" or algorithm not in hashes_by_algorithm:
            return sign(self)
        key = self.kms_backend.describe_key(self._get_param("KeyId"))
        digest = self._get_param("Message")
        digest = digest.encode("latin-1") if isinstance(digest, str) else digest
        signature = key.private_key.private_key.sign(
            digest, padding.PKCS1v15(), utils.Prehashed(hashes_by_algorithm[algorithm]())
        )
        return json.dumps({"KeyId": key.arn, "Signature": base64.b64encode(signature).decode("ascii"),
                           "SigningAlgorithm": algorithm})

    sign_digest.fixed = True  # type: ignore[attr-defined]
    return sign_digest


def apply() -> None:
    """Idempotent; call before moto serves or mocks anything (again after a mock stops: stopping
    makes moto list its objects anew)."""
    from moto.core.model_instances import model_data
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table
    from moto.kms.responses import KmsResponse

    Table.__deepcopy__ = _copy_table  # type: ignore[attr-defined]
    if not getattr(DynamoDBBackend.transact_write_items, "fixed", False):
        DynamoDBBackend.transact_write_items = _transact_with_item_backup(  # type: ignore[method-assign]
            DynamoDBBackend.transact_write_items)
    for model in model_data["dynamodb"].values():
        model.instances_tracked = _Unlisted()  # type: ignore[attr-defined]
    if not getattr(KmsResponse.sign, "fixed", False):
        KmsResponse.sign = _sign_digests(KmsResponse.sign)  # type: ignore[method-assign]
