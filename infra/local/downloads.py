"""The documents distribution on 127.0.0.1: what CloudFront does with a download link in the
cloud (template.yaml, "Downloads"), read from the template, on an origin of its own as there.

- refuses a link whose signature is not the canned policy of the URL it was made for, signed by
  a public key of the distribution's key group (`Key-Pair-Id`), or that has expired: 403;
- asks the bucket (moto) for the object as the distribution's origin access control does, with
  only the query strings its origin request policy forwards (the version, the content type and
  disposition the link names), and only under the prefix the bucket policy lets it read;
- adds the distribution's response headers policy (nosniff, the sandboxing CSP, no caching) to
  every answer, as CloudFront does.

    downloads = DocumentsDistribution.from_stack(stack).serve()   # downloads.url: DOWNLOADS_ORIGIN
"""
from __future__ import annotations

import base64
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from infra.local import template as sam
from infra.local.references import Provisioned
from infra.local.resources import aws_client
from infra.local.security_headers import headers_of_policy, response_headers_policy
from infra.local.serving import ServedInThread

SIGNING_PARAMETERS = ("Expires", "Signature", "Key-Pair-Id", "Hash-Algorithm", "Policy")
# What the bucket policy lets the distribution read (template.yaml, CloudFrontReadsDossierFiles):
# a dossier's files, and a draft's for the desk's pre-check.
READABLE_PREFIXES = ("dossiers/", "drafts/")
_S3_PARAMETERS = {"versionId": "VersionId", "response-content-type": "ResponseContentType",
                  "response-content-disposition": "ResponseContentDisposition"}
_PASSED_ON = ("Content-Type", "Content-Disposition", "Content-Length", "ETag", "Last-Modified")

log = logging.getLogger("portal.downloads")


class Refused(Exception):
    """CloudFront's 403 for a link it does not accept."""


def _signed_distribution(sam_template: dict) -> str:
    """The one distribution whose default behaviour takes only signed URLs."""
    found = [
        logical_id for logical_id, resource in sam_template.get("Resources", {}).items()
        if resource.get("Type") == "AWS::CloudFront::Distribution"
        and resource["Properties"]["DistributionConfig"]["DefaultCacheBehavior"].get("TrustedKeyGroups")
    ]
    if len(found) != 1:
        raise ValueError(f"template.yaml should have one distribution for signed downloads, it has {found}")
    return found[0]


@dataclass
class DocumentsDistribution:
    bucket: str
    public_keys: dict[str, str]  # Key-Pair-Id -> PEM
    forwarded: tuple[str, ...]  # query strings passed on to S3
    headers: dict[str, str]  # the response headers policy
    region: str
    endpoint_url: str | None

    @classmethod
    def from_stack(cls, stack: Provisioned, template_path=sam.TEMPLATE_PATH) -> DocumentsDistribution:
        sam_template = sam.load(template_path)
        resources = sam_template["Resources"]
        distribution_id = _signed_distribution(sam_template)
        config = resources[distribution_id]["Properties"]["DistributionConfig"]
        behaviour = config["DefaultCacheBehavior"]
        (origin,) = config["Origins"]
        bucket_id = origin["DomainName"]["Fn::GetAtt"][0]
        public_keys = {}
        for group in behaviour["TrustedKeyGroups"]:
            for key in resources[group["Ref"]]["Properties"]["KeyGroupConfig"]["Items"]:
                encoded = resources[key["Ref"]]["Properties"]["PublicKeyConfig"]["EncodedKey"]
                public_keys[stack.resolve(key)] = stack.resolve(encoded)
        request_policy = resources[behaviour["OriginRequestPolicyId"]["Ref"]]["Properties"]["OriginRequestPolicyConfig"]
        query_strings = request_policy["QueryStringsConfig"]
        if query_strings["QueryStringBehavior"] != "whitelist" or set(query_strings["QueryStrings"]) - set(_S3_PARAMETERS):
            raise ValueError("the local documents distribution passes on only the query strings S3 answers with")
        policy = response_headers_policy(sam_template, distribution_id)
        headers = headers_of_policy(policy, sam_template, "", stack.endpoint_url or "")
        return cls(stack.physical_ids[bucket_id], public_keys, tuple(query_strings["QueryStrings"]), headers,
                   stack.region, stack.endpoint_url)

    def serve(self, port: int = 0, host: str = "127.0.0.1") -> DownloadsServer:
        return DownloadsServer(self, port, host).start()

    # -- what CloudFront checks --

    def check_signature(self, origin: str, path: str, raw_query: str) -> None:
        """The canned-policy signed URL, as CloudFront verifies it: the resource is the URL
        without the signing parameters, exactly as sent."""
        from botocore.signers import CloudFrontSigner
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding

        params = dict(parse_qsl(raw_query, keep_blank_values=True))
        if "Policy" in params or not all(params.get(name) for name in ("Expires", "Signature", "Key-Pair-Id")):
            raise Refused("missing key, signature or expiry (a custom policy is not accepted)")
        pem = self.public_keys.get(params["Key-Pair-Id"])
        if pem is None:
            raise Refused("the key is not in the distribution's key group")
        kept = [part for part in raw_query.split("&") if part.split("=", 1)[0] not in SIGNING_PARAMETERS]
        resource = origin + path + ("?" + "&".join(kept) if kept else "")
        expires = int(params["Expires"])
        policy = CloudFrontSigner(params["Key-Pair-Id"], None).build_policy(
            resource, datetime.fromtimestamp(expires, tz=UTC))
        signature = base64.b64decode(params["Signature"].replace("-", "+").replace("_", "=").replace("~", "/"))
        if params.get("Hash-Algorithm") != "SHA256":  # CloudFront's default is SHA-1; the portal never signs so
            raise Refused("not a SHA-256 signature")
        public_key: Any = serialization.load_pem_public_key(pem.encode("ascii"))
        try:
            public_key.verify(signature, policy.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise Refused("the signature is not this URL's") from None
        if expires <= time.time():
            raise Refused("the link has expired")

    def fetch(self, path: str, raw_query: str, head: bool) -> tuple[int, dict[str, str], bytes]:
        key = unquote(path.lstrip("/"))
        if not key.startswith(READABLE_PREFIXES) or ".." in key.split("/"):
            raise Refused("outside what the bucket policy lets the distribution read")
        params = {_S3_PARAMETERS[name]: value for name, value in parse_qsl(raw_query, keep_blank_values=True)
                  if name in self.forwarded}
        s3 = aws_client("s3", self.region, self.endpoint_url)
        try:
            answer = (s3.head_object if head else s3.get_object)(Bucket=self.bucket, Key=key, **params)
        except Exception as error:
            status = int(getattr(error, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode") or 502)
            # Without s3:ListBucket, S3 answers a missing key with 403, and CloudFront passes it on.
            return (403 if status == 404 else status), {"Content-Type": "text/plain"}, b"Access Denied"
        sent = answer["ResponseMetadata"]["HTTPHeaders"]  # names in lower case
        headers = {name: sent[name.lower()] for name in _PASSED_ON if name.lower() in sent}
        return 200, headers, b"" if head else answer["Body"].read()


class _Handler(BaseHTTPRequestHandler):
    server_version = "PortalLocalDownloads"
    protocol_version = "HTTP/1.1"
    distribution: DocumentsDistribution
    origin: str

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        head = self.command == "HEAD"
        try:
            if self.command not in ("GET", "HEAD"):
                raise Refused("only GET and HEAD")
            self.distribution.check_signature(self.origin, split.path, split.query)
            status, headers, body = self.distribution.fetch(split.path, split.query, head)
        except Refused as refusal:
            log.info("download refused: %s", refusal)
            status, headers, body = 403, {"Content-Type": "text/plain"}, b"Access Denied"
        self.send_response(status)
        # The policy's headers override the origin's (each is `Override: true` in the template).
        merged = {**headers, **self.distribution.headers}
        merged.setdefault("Content-Length", str(len(body)))
        for name, value in merged.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_GET


class DownloadsServer(ServedInThread):
    thread_name = "portal-downloads"

    def __init__(self, distribution: DocumentsDistribution, port: int = 0, host: str = "127.0.0.1"):
        server = ThreadingHTTPServer((host, port), _Handler)
        server.daemon_threads = True
        self.server = server
        # The handler needs the origin links are made for, known once the port is bound.
        server.RequestHandlerClass = type("DownloadsHandler", (_Handler,), {
            "distribution": distribution, "origin": self.url})
