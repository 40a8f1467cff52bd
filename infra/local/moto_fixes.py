"""Two fixes to moto, applied wherever it runs for us (the local stack's server and the tests'
in-process mock).

A DynamoDB transaction backs up each table it touches with a deep copy, and
that copy included the table's whole stream history, which only grows. Every write then cost
more than the last: the suite slowed to a crawl and took gigabytes (a 150-dossier load run was
killed at 15 GB).

Stream records are never changed once written, so the backup now keeps its own list of the
same records: a rolled-back transaction still drops the records it added, as before, at the
cost of copying references instead of every item ever written.

KMS Sign with `MessageType=DIGEST` signs the digest it is given (the download links sign
SHA-256 of their policy, store/download_links.py); moto ignored the type and hashed the digest
again, so its signature never verified as CloudFront verifies one."""
from __future__ import annotations

import base64
import copy
import json


def _copy_shard(shard, memo):
    copied = shard.__class__.__new__(shard.__class__)
    memo[id(shard)] = copied
    copied.__dict__.update(shard.__dict__)
    copied.table = copy.deepcopy(shard.table, memo)
    copied.items = list(shard.items)
    return copied


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
    """Idempotent; call before moto serves or mocks anything."""
    from moto.dynamodb.models.table import StreamShard
    from moto.kms.responses import KmsResponse

    StreamShard.__deepcopy__ = _copy_shard  # type: ignore[attr-defined]
    if not getattr(KmsResponse.sign, "fixed", False):
        KmsResponse.sign = _sign_digests(KmsResponse.sign)  # type: ignore[method-assign]
