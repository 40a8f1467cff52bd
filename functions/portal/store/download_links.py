"""Download links: CloudFront signed URLs on the documents distribution (template.yaml,
"Downloads"; docs/operations.md, "Downloads").

S3 answers a presigned GET with its own headers and cannot be asked for
`X-Content-Type-Options: nosniff`; the distribution adds it (and a sandboxing CSP) to every
answer. A link names the object version bound to the dossier and the content type and
attachment disposition the portal chose (S3 honours them on the distribution's signed request),
and is signed with a canned policy that expires in minutes: the whole URL, query included, is
what is signed, so none of those can be changed. The RSA key stays in KMS: the function sends
the SHA-256 of the policy and gets the signature back (`Hash-Algorithm=SHA256`).
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from portal.store.aws import kms_client

SIGNING_ALGORITHM = "RSASSA_PKCS1_V1_5_SHA_256"
HASH_ALGORITHM = "SHA256"  # CloudFront's name for it, in the link's Hash-Algorithm
# CloudFront checks the policy against the URL exactly as the browser sends it, so the link must
# hold nothing a browser rewrites: every reserved character is percent-encoded (a browser sends
# `'` as %27 whatever it was given), as encodeURIComponent does, which AWS's own signer (JS SDK)
# uses against live distributions; `filename*=UTF-8''…` keeps its `*`.
_QUERY_SAFE = "!*()"


@dataclass(frozen=True)
class DownloadLinks:
    origin: str  # https://<the documents distribution's domain> (locally, its stand-in)
    key_pair_id: str  # the CloudFront public key's id, in the distribution's key group
    signing_key: str  # the KMS key holding the private half

    def url(self, key: str, disposition: str, content_type: str, version_id: str | None, expires: int) -> str:
        """A link to `key` (a version of it, when given) answered with `content_type` and
        `disposition`, valid `expires` seconds from now."""
        from botocore.signers import CloudFrontSigner  # loads botocore: not at import (cold start)

        query = [("response-content-disposition", disposition), ("response-content-type", content_type)]
        if version_id:
            query.append(("versionId", version_id))
        encoded = "&".join(f"{name}={quote(value, safe=_QUERY_SAFE)}" for name, value in query)
        resource = f"{self.origin.rstrip('/')}/{quote(key)}?{encoded}"
        until = datetime.fromtimestamp(int(time.time()) + int(expires), tz=UTC)
        signed = CloudFrontSigner(self.key_pair_id, self._sign).generate_presigned_url(resource, date_less_than=until)
        return f"{signed}&Hash-Algorithm={HASH_ALGORITHM}"

    def _sign(self, policy: bytes) -> bytes:
        answer = kms_client().sign(
            KeyId=self.signing_key,
            Message=hashlib.sha256(policy).digest(),
            MessageType="DIGEST",  # a policy can be longer than the 4 KB KMS signs as is
            SigningAlgorithm=SIGNING_ALGORITHM,
        )
        return answer["Signature"]
