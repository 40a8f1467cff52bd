"""What docs/openapi.json promises for an answer holds for the answers the portal really gives,
including those no function writes (schemathesis found the first of these)."""
import json
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
# API Gateway's JWT authorizer answers a missing or bad token itself, before any function runs,
# in its own shape (the local gateway, infra/local/gateway.py, answers the same).
GATEWAY_401 = {"message": "Unauthorized"}
PORTAL_401 = {"error": {"code": "UNAUTHENTICATED", "message": "Vui lòng đăng nhập.", "fields": []}}


def _document() -> dict:
    return json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))


def _accepts(document: dict, schema: dict, body: dict) -> bool:
    """Whether `body` matches `schema`, its references resolved in the document."""
    try:
        jsonschema.validate(body, {**schema, "components": document["components"]})
    except jsonschema.ValidationError:
        return False
    return True


def test_every_officer_route_documents_the_gateways_401_and_the_portals():
    document = _document()
    secured = [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if operation.get("security")
    ]
    assert len(secured) >= 20  # every officer route, each its own operation
    for method, path, operation in secured:
        schema = operation["responses"]["401"]["content"]["application/json"]["schema"]
        assert _accepts(document, schema, GATEWAY_401), (method, path)
        assert _accepts(document, schema, PORTAL_401), (method, path)


def test_other_errors_keep_the_portals_one_shape():
    document = _document()
    schema = document["paths"]["/api/officer/queue"]["get"]["responses"]["403"]["content"]["application/json"]["schema"]
    assert not _accepts(document, schema, GATEWAY_401)
