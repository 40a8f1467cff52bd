"""What the API tests share: HTTP API (payload v2) events as API Gateway builds them, the two
Lambda entry points behind a small client, officers' claims and a valid submission."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import boto3

from infra.local import api_event
from infra.local import template as sam
from infra.local.api_event import LambdaContext, match_route
from infra.local.in_process import provisioned_moto

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "functions" / "portal" / "catalogue.json"
AGENCY = "000.00.15.H55"
PROCEDURE = "nuoi-trong-long-be"
RECEPTIONIST = {
    "sub": "7d1c6a0e-0000-4000-8000-000000000001",
    "cognito:username": "tiepnhan01",
    "cognito:groups": "[receptionist]",
    "custom:agency": AGENCY,
}
SPECIALIST = {
    "sub": "7d1c6a0e-0000-4000-8000-000000000002",
    "cognito:username": "chuyenvien01",
    "cognito:groups": "[specialist]",
    "custom:agency": AGENCY,
}
ROUTES = sam.routes()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def build_event(
    method: str,
    path: str,
    body: dict | str | None = None,
    headers: dict | None = None,
    query: dict | None = None,
    claims: dict | None = None,
) -> dict:
    """The event the local gateway builds for this request (infra.local.api_event), on the
    template route it matches, from a browser on the site's origin."""
    all_headers = {"content-type": "application/json", "origin": "http://127.0.0.1:8000", "user-agent": "pytest"}
    all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    raw = body if isinstance(body, str) or body is None else json.dumps(body, ensure_ascii=False)
    route = match_route(ROUTES, method, path)
    return api_event.build_event(method, path, urlencode(query or {}), all_headers, raw, claims, route)



@contextmanager
def provisioned_aws() -> Iterator[dict]:
    """infra.local.in_process.provisioned_moto, with the bundled catalogue built if it is missing."""
    if not CATALOGUE.exists():
        from scripts import build_catalogue

        build_catalogue.main([])
    with provisioned_moto() as env:
        yield env


@dataclass
class ApiResponse:
    status: int
    headers: dict
    text: str

    @property
    def json(self):
        return json.loads(self.text)

    def error_fields(self) -> dict[str, str]:
        return {f["path"]: f["message"] for f in self.json["error"]["fields"]}


def call(handler, event: dict) -> ApiResponse:
    answer = handler(event, LambdaContext("portal-test", timeout_seconds=30))
    return ApiResponse(answer["statusCode"], answer.get("headers") or {}, answer.get("body") or "")


class Api:
    """The two Lambda entry points, called as API Gateway calls them."""

    def __init__(self, env: dict):
        from portal.handlers import citizen, officer

        self.env = env
        self._citizen = citizen.lambda_handler
        self._officer = officer.lambda_handler
        self.s3 = boto3.client("s3")
        self.table = boto3.resource("dynamodb").Table(env["TABLE_NAME"])

    # citizen
    def post(self, path, body, headers=None):
        return call(self._citizen, build_event("POST", path, body, headers=headers))

    def put(self, path, body, headers=None):
        return call(self._citizen, build_event("PUT", path, body, headers=headers))

    def create_upload(self, slot="don-de-nghi", filename="don.pdf", content_type="application/pdf", size: int | None = None, procedure_id=PROCEDURE):
        return self.post(
            "/api/uploads",
            {"procedure_id": procedure_id, "slot": slot, "filename": filename, "content_type": content_type, "size": len(PDF) if size is None else size},
        )

    def upload(self, content: bytes = PDF, slot="don-de-nghi", filename="don.pdf", content_type="application/pdf") -> str:
        """Create a slot, then put the bytes where the browser's POST would (moto in-process
        cannot receive a form POST; the object lands at the same key)."""
        answer = self.create_upload(slot=slot, filename=filename, content_type=content_type, size=len(content))
        assert answer.status == 201, answer.text
        upload_id = answer.json["upload_id"]
        self.s3.put_object(
            Bucket=self.env["DOCUMENTS_BUCKET"], Key=answer.json["fields"]["key"], Body=content, ContentType=content_type
        )
        return upload_id

    def submit(self, body, key="key-1"):
        headers = {"Idempotency-Key": key} if key else {}
        return self.post("/api/dossiers", body, headers=headers)

    # officer
    def officer(self, method, path, body=None, claims=RECEPTIONIST, query=None, headers=None):
        return call(self._officer, build_event(method, path, body, headers=headers, query=query, claims=claims))

    # what is stored
    def items(self) -> list[dict]:
        items, scan = [], {}
        while True:
            page = self.table.scan(**scan)
            items.extend(page["Items"])
            if "LastEvaluatedKey" not in page:
                return items
            scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def dossier_metas(self) -> list[dict]:
        return [i for i in self.items() if i["PK"].startswith("DOSSIER#") and i["SK"] == "META"]


def submission(upload_id: str | None, **overrides) -> dict:
    body = {
        "procedure_id": PROCEDURE,
        "applicant": {
            "kind": "ca-nhan",
            "full_name": "Nguyễn Văn Bình",
            "id_number": "051090001234",
            "phone": "0905123456",
            "email": "binh@example.vn",
            "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Hùng Vương"},
        },
        "answers": {
            "loai_giay": "cap-moi",
            "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Vịnh Dung Quất"},
            "doi_tuong_nuoi": "Cá bớp",
            "so_luong_long": 12,
            "the_tich_long": 1250.5,
            "ngay_bat_dau_nuoi": "2026-06-01",
        },
        "documents": [{"slot": "don-de-nghi", "upload_id": upload_id}] if upload_id else [],
        "consent": True,
    }
    body.update(overrides)
    return body
