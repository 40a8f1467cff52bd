"""The private documents bucket.

Uploads go straight from the browser to `uploads/pending/<upload_id>` with a short-lived
presigned POST; on submit they are copied to `dossiers/<dossier_id>/<slot>/<n>`. A saved
draft's files are copied to `drafts/<draft_id>/<upload_id>`, out of reach of the pending
uploads' one-day lifecycle rule (drafts have their own, template.yaml). The POST's
conditions (size range, Content-Type) are enforced by S3 in the cloud but not by moto, so the
service checks the stored object again (size, magic bytes) before it accepts it. Downloads go
through the documents distribution, which adds the headers S3 cannot (store/download_links.py).
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from portal.store.aws import s3_client
from portal.store.download_links import DownloadLinks
from portal.store.faults import error_code

_CHUNK = 1024 * 1024


def pending_key(upload_id: str) -> str:
    return f"uploads/pending/{upload_id}"


def draft_key(draft_id: str, upload_id: str) -> str:
    return f"drafts/{draft_id}/{upload_id}"


# Every file of a dossier is under its folder: dossiers/<id>/<slot>/<n>.
DOSSIER_FILES_ROOT = "dossiers/"


def dossier_folder(dossier_id: str) -> str:
    return f"{DOSSIER_FILES_ROOT}{dossier_id}/"


def dossier_key(dossier_id: str, slot: str, n: int) -> str:
    return f"{dossier_folder(dossier_id)}{slot}/{n}"


def _missing(error: Exception) -> bool:
    return error_code(error) in {"404", "NoSuchKey", "NotFound"}


class DocumentStore:
    def __init__(self, bucket: str, links: DownloadLinks | None = None):
        self.bucket = bucket
        self.links = links

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

    def read_pending(self, upload_id: str, max_bytes: int, key: str | None = None) -> dict | None:
        """What was really uploaded: `{size, sha256, content}`, or None if nothing was.
        `content` holds the bytes when the object is at most `max_bytes` long (a bigger one is
        refused on its size, so it is never read whole). `key`: where the upload is kept when
        it is no longer pending (a draft's copy)."""
        try:
            obj = s3_client().get_object(Bucket=self.bucket, Key=key or pending_key(upload_id))
        except Exception as error:
            if _missing(error):
                return None
            raise
        size = int(obj["ContentLength"])
        if size > max_bytes:
            obj["Body"].close()
            return {"size": size, "sha256": None, "content": None}
        content = obj["Body"].read()
        return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest(), "content": content}

    def copy_to_draft(self, upload_id: str, draft_id: str, source: str | None = None) -> dict:
        """Keep a draft's file beyond the pending uploads' day: copy it (from `source`, else its
        pending key) to the draft's key, which starts its draft lifetime again. Returns the key
        and the version written."""
        key = draft_key(draft_id, upload_id)
        answer = s3_client().copy_object(
            Bucket=self.bucket, Key=key, CopySource={"Bucket": self.bucket, "Key": source or pending_key(upload_id)},
            # A copy onto itself (a kept file's lifetime renewed) must change something: S3
            # refuses an unchanged copy to the same key.
            MetadataDirective="REPLACE", Metadata={"draft": draft_id},
        )
        return {"key": key, "version_id": answer.get("VersionId")}

    def delete_key(self, key: str) -> None:
        s3_client().delete_object(Bucket=self.bucket, Key=key)

    def copy_to_dossier(self, upload_id: str, dossier_id: str, slot: str, n: int, source: str | None = None) -> dict:
        """Copy the pending upload to its place in the dossier; the pending object stays until
        the dossier is recorded, so a failure in between never loses the file. Returns the key
        and the version written: downloads name that version, so whatever is written to the
        key later (moto does not hold a presigned POST to its key) is never what an officer
        opens."""
        key = dossier_key(dossier_id, slot, n)
        answer = s3_client().copy_object(
            Bucket=self.bucket,
            Key=key,
            CopySource={"Bucket": self.bucket, "Key": source or pending_key(upload_id)},
        )
        return {"key": key, "version_id": answer.get("VersionId")}

    def delete_pending(self, upload_id: str) -> None:
        s3_client().delete_object(Bucket=self.bucket, Key=pending_key(upload_id))

    def delete_copy(self, copied: dict) -> None:
        """Remove a copy made by copy_to_dossier (its version too), when the dossier it was made
        for could not be recorded."""
        params = {"Bucket": self.bucket, "Key": copied["key"]}
        if copied.get("version_id"):
            params["VersionId"] = copied["version_id"]
        s3_client().delete_object(**params)

    def presign_download(
        self, key: str, filename: str, content_type: str, version_id: str | None = None, expires: int = 300
    ) -> str:
        """A short-lived link that downloads the document as an attachment, under a safe file
        name and with the content type the portal chose (never the uploader's), through the
        documents distribution (nosniff, a sandboxing CSP)."""
        if self.links is None:
            raise RuntimeError("download links need DOWNLOADS_ORIGIN, DOWNLOAD_KEY_PAIR_ID and DOWNLOAD_SIGNING_KEY")
        disposition = attachment_disposition(filename or key.rsplit("/", 1)[-1])
        return self.links.url(key, disposition, content_type, version_id, expires)


def attachment_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266): no quote, slash
    or control character of the original can break out of the header."""
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename) or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
