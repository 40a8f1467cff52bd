"""What a document download really answers (store/documents.py `presign_download`), fetched over
HTTP from the local stack's moto server as a browser would: the content type the portal chose
(never the one stored with the upload), an attachment with a safe file name, the version bound
to the dossier, and a link that expires in minutes.

`X-Content-Type-Options: nosniff` is not among them: S3 (and moto) send no such header and a
presigned GET cannot ask for one. docs/operations.md, "Downloads", states the gap and the
CloudFront design that would close it."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from botocore.config import Config

from infra.local.moto_server import MotoServer
from portal.store.documents import DocumentStore, attachment_disposition, dossier_key

BUCKET = "portal-documents-test"
REGION = "ap-southeast-1"


@pytest.fixture(scope="module")
def moto_url():
    server = MotoServer(0)
    server.start()
    yield server.url.rstrip("/")
    server.stop()


@pytest.fixture
def documents(moto_url, monkeypatch):
    from portal.services import deps

    for name, value in {"TABLE_NAME": "t", "IDEMPOTENCY_TABLE_NAME": "i", "DOCUMENTS_BUCKET": BUCKET,
                        "AGENCY_CODE": "a", "AWS_DEFAULT_REGION": REGION, "AWS_ENDPOINT_URL": moto_url,
                        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}.items():
        monkeypatch.setenv(name, value)
    deps.reset()
    s3 = boto3.client("s3", endpoint_url=moto_url, region_name=REGION,
                      config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    if BUCKET not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    yield s3
    monkeypatch.undo()
    deps.reset()


def test_a_download_answers_with_the_portals_type_as_an_attachment_of_the_bound_version(documents):
    key = dossier_key("01J0DOWNLOAD000000000000000", "don-de-nghi", 1)
    bound = documents.put_object(Bucket=BUCKET, Key=key, Body=b"%PDF-1.4 bound", ContentType="text/html")
    # Written to the same key afterwards (what a presigned POST could do): never what is served.
    documents.put_object(Bucket=BUCKET, Key=key, Body=b"<script>alert(1)</script>", ContentType="text/html")
    filename = 'Đơn "đề nghị"/../x.pdf'

    url = DocumentStore(BUCKET).presign_download(key, filename, "application/pdf", bound["VersionId"])
    answer = requests.get(url, timeout=10)

    assert answer.status_code == 200
    assert answer.content == b"%PDF-1.4 bound"
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"] == attachment_disposition(filename)
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="__n_____ngh___.._x.pdf"')
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["300"]

