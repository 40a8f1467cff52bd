"""The private documents bucket.

Uploads go straight from the browser to `uploads/pending/<upload_id>` with a short-lived
presigned POST; on submit they are copied to `dossiers/<dossier_id>/<slot>/<n>`. The POST's
conditions (size range, Content-Type) are enforced by S3 in the cloud but not by moto, so the
service checks the stored object again (size, magic bytes) before it accepts it.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from botocore.exceptions import ClientError

from portal.store.aws import s3_client

HEAD_BYTES = 16
_CHUNK = 1024 * 1024


def pending_key(upload_id: str) -> str:
    return f"uploads/pending/{upload_id}"


def dossier_key(dossier_id: str, slot: str, n: int) -> str:
    return f"dossiers/{dossier_id}/{slot}/{n}"


def _missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}


class DocumentStore:
    def __init__(self, bucket: str):
        self.bucket = bucket

    def presign_upload(
        self, upload_id: str, content_type: str, max_size: int, expires: int = 900
    ) -> dict:
        """`{"url", "fields"}` for a browser form POST of one file of at most `max_size` bytes."""
        return s3_client().generate_presigned_post(
            Bucket=self.bucket,
            Key=pending_key(upload_id),
            Fields={"Content-Type": content_type},
            Conditions=[
                ["content-length-range", 1, int(max_size)],
                {"Content-Type": content_type},
            ],
            ExpiresIn=int(expires),
        )

    def inspect_pending(self, upload_id: str) -> dict | None:
        """What was really uploaded: `{size, content_type, head_bytes, sha256}`, or None if
        nothing was."""
        try:
            obj = s3_client().get_object(Bucket=self.bucket, Key=pending_key(upload_id))
        except ClientError as error:
            if _missing(error):
                return None
            raise
        digest = hashlib.sha256()
        head = b""
        body = obj["Body"]
        for chunk in iter(lambda: body.read(_CHUNK), b""):
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            digest.update(chunk)
        return {
            "size": int(obj["ContentLength"]),
            "content_type": obj.get("ContentType"),
            "head_bytes": head,
            "sha256": digest.hexdigest(),
        }

    def copy_to_dossier(self, upload_id: str, dossier_id: str, slot: str, n: int) -> str:
        """Copy the pending upload to its place in the dossier; the pending object stays until
        the dossier is recorded, so a failure in between never loses the file."""
        key = dossier_key(dossier_id, slot, n)
        s3_client().copy_object(
            Bucket=self.bucket,
            Key=key,
            CopySource={"Bucket": self.bucket, "Key": pending_key(upload_id)},
        )
        return key

    def delete_pending(self, upload_id: str) -> None:
        s3_client().delete_object(Bucket=self.bucket, Key=pending_key(upload_id))

    def presign_download(self, key: str, filename: str, expires: int = 300) -> str:
        """A short-lived link that downloads the document under its original file name."""
        disposition = f"attachment; filename*=UTF-8''{quote(filename or key.rsplit('/', 1)[-1])}"
        return s3_client().generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ResponseContentDisposition": disposition,
            },
            ExpiresIn=int(expires),
        )
