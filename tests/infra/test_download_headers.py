"""What a document download really answers, fetched over HTTP from the local stack as a browser
would: the link the functions sign (store/download_links.py) leads to the local stand-in of the
documents distribution (infra/local/downloads.py), which checks it as CloudFront checks a
signed URL and reads the bucket (the moto server) as the distribution's origin access control
does. The answer carries the content type the portal chose (never the one stored with the
upload), an attachment with a safe file name, the version bound to the dossier, and the
headers of the template's DownloadHeadersPolicy: `X-Content-Type-Options: nosniff` and a CSP
that sandboxes the file. A link changed in any way, expired, or to a file outside the
dossiers' is refused."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests

from infra.local import template as sam
from infra.local.downloads import DocumentsDistribution
from infra.local.moto_server import MotoServer
from infra.local.provision import provision
from infra.local.resources import aws_client
from infra.local.security_headers import parse_policy
from portal.store.documents import attachment_disposition, dossier_key, pending_key

FILENAME = 'Đơn "đề nghị"/../x.pdf'


@pytest.fixture(scope="module")
def local():
    server = MotoServer(0)
    server.start()
    stack = provision(endpoint_url=server.url.rstrip("/"))
    downloads = DocumentsDistribution.from_stack(stack).serve()
    yield stack, downloads
    downloads.stop()
    server.stop()


@pytest.fixture
def store(local, monkeypatch):
    """The document store as a function of the local stack sees it (its environment)."""
    from portal.services import deps

    stack, downloads = local
    for name, value in {**stack.env, "DOWNLOADS_ORIGIN": downloads.url, "AWS_ENDPOINT_URL": stack.endpoint_url,
                        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    deps.reset()
    yield deps.document_store()
    monkeypatch.undo()
    deps.reset()


@pytest.fixture
def bound(local, store):
    """A dossier's file as bound to it, then overwritten at the same key (what a presigned POST
    could do): the second version is never what a link serves."""
    stack, _ = local
    s3 = aws_client("s3", stack.region, stack.endpoint_url)
    key = dossier_key("01J0DOWNLOAD000000000000000", "don-de-nghi", 1)
    first = s3.put_object(Bucket=store.bucket, Key=key, Body=b"%PDF-1.4 bound", ContentType="text/html")
    s3.put_object(Bucket=store.bucket, Key=key, Body=b"<script>alert(1)</script>", ContentType="text/html")
    return key, first["VersionId"]


def _download_policy() -> dict:
    config = sam.load()["Resources"]["DownloadHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    return config


def test_a_download_is_the_bound_version_as_an_attachment_of_the_portals_type_never_sniffed(store, bound):
    key, version = bound
    url = store.presign_download(key, FILENAME, "application/pdf", version)

    answer = requests.get(url, timeout=10)

    assert answer.status_code == 200, answer.text
    assert answer.content == b"%PDF-1.4 bound"
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"] == attachment_disposition(FILENAME)
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="__n_____ngh___.._x.pdf"')
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    csp = parse_policy(answer.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"] and "sandbox" in csp and csp["sandbox"] == []
    assert answer.headers["Cache-Control"] == "private, no-store"
    # The same headers the template's policy gives CloudFront, read from it, not restated here.
    config = _download_policy()
    assert answer.headers["Content-Security-Policy"] == (
        config["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    # Nothing in the link a browser would rewrite before CloudFront compares it with the policy
    # (a quote, a space, an apostrophe: all percent-encoded; `filename*` keeps its star).
    assert re.fullmatch(r"[A-Za-z0-9%._~!*()=&/:?-]+", url), url
    assert "filename*%3DUTF-8%27%27" in url
    # Short-lived: the canned policy expires 300 seconds from now.
    query = parse_qs(urlsplit(url).query)
    assert 295 <= int(query["Expires"][0]) - time.time() <= 300
    assert query["Hash-Algorithm"] == ["SHA256"] and query["versionId"] == [version]


def test_a_long_vietnamese_file_name_is_kept_whole(store, bound):
    """The policy is signed as a digest: a 255-character name (the longest accepted) is fine."""
    key, version = bound
    filename = "Giấy chứng nhận đủ điều kiện nuôi trồng thủy sản lồng bè " * 4 + "ữ" * 23 + ".pdf"
    answer = requests.get(store.presign_download(key, filename, "application/pdf", version), timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Disposition"] == attachment_disposition(filename)


@pytest.mark.parametrize("change", [
    lambda url: url.replace(quote("application/pdf", safe=""), quote("text/html", safe="")),
    lambda url: url.replace("response-content-disposition=attachment", "response-content-disposition=inline"),
    lambda url: url.replace("versionId=", "versionId=0"),
    lambda url: url.replace("Key-Pair-Id=", "Key-Pair-Id=K"),
    lambda url: url.replace("Expires=", "Expires=1"),
    lambda url: url.split("&Signature=")[0],
])
def test_a_changed_link_is_refused(store, bound, change):
    key, version = bound
    url = store.presign_download(key, FILENAME, "application/pdf", version)
    assert requests.get(url, timeout=10).status_code == 200

    refused = requests.get(change(url), timeout=10)

    assert refused.status_code == 403
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    assert b"%PDF" not in refused.content


def test_an_expired_link_is_refused(store, bound):
    key, version = bound
    url = store.presign_download(key, FILENAME, "application/pdf", version, expires=-1)
    assert requests.get(url, timeout=10).status_code == 403


def test_only_the_dossiers_files_are_served(local, store):
    """A pending upload (anyone's, not yet checked) is not a dossier's file: even a correctly
    signed link to it is refused, as the bucket policy refuses it to the distribution."""
    stack, _ = local
    s3 = aws_client("s3", stack.region, stack.endpoint_url)
    s3.put_object(Bucket=store.bucket, Key=pending_key("u-1"), Body=b"<html>")
    url = store.presign_download(pending_key("u-1"), "x.html", "application/pdf")
    assert requests.get(url, timeout=10).status_code == 403
