"""docs/openapi.json is generated from the routes and models: it must match the code and be a
valid OpenAPI document."""
import json
from pathlib import Path

from openapi_spec_validator import validate

from scripts import gen_openapi

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_matches_the_code():
    assert gen_openapi.main(["--check"]) == 0, "run `make openapi` and commit docs/openapi.json"


# Every officer action is its own documented route (one template route carries them all).
DESK_ACTIONS = (
    "receive", "refuse", "request_supplement", "supply", "forward", "assign", "propose", "send_back",
    "request_fee", "paid", "decide", "stop", "apologise", "return",
)
# The private link's routes (the applicant's own view and what they do from it).
PRIVATE_LINK_ROUTES = ("view", "supply", "delivery", "rating")


def test_openapi_is_valid_and_lists_every_route_with_the_error_shape():
    document = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    validate(document)

    assert document["info"]["title"] == "API Cổng dịch vụ công Thủy sản Quảng Ngãi"
    routes = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert routes == {
        ("POST", "/api/uploads"),
        ("POST", "/api/dossiers"),
        ("POST", "/api/lookup"),
        ("GET", "/api/officer/queue"),
        ("GET", "/api/officer/search"),
        ("GET", "/api/officer/book"),
        ("GET", "/api/officer/dossiers/{dossier_id}"),
        *(("POST", f"/api/officer/dossiers/{{dossier_id}}/{action}") for action in DESK_ACTIONS),
        ("POST", "/api/officer/intake"),
        ("POST", "/api/officer/uploads"),
        ("POST", "/api/dossiers/{dossier_id}/withdraw"),
        *(("POST", f"/api/dossiers/{{dossier_id}}/{route}") for route in PRIVATE_LINK_ROUTES),
        ("POST", "/api/dossiers/{dossier_id}/payment"),
        ("POST", "/api/dossiers/{dossier_id}/receipt"),
        ("GET", "/api/payments/ipn"),
        ("GET", "/api/payments/return"),
        ("POST", "/api/drafts"),
        ("POST", "/api/drafts/{draft_id}/view"),
        ("PUT", "/api/drafts/{draft_id}"),
        ("POST", "/api/drafts/{draft_id}/precheck"),
        ("GET", "/api/officer/prechecks"),
        ("GET", "/api/officer/prechecks/{draft_id}"),
        ("POST", "/api/officer/prechecks/{draft_id}/answer"),
    }
    submit = document["paths"]["/api/dossiers"]["post"]
    assert "201" in submit["responses"]
    assert submit["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert any(p["in"] == "header" and p["name"].lower() == "idempotency-key" for p in submit["parameters"])
    assert document["paths"]["/api/officer/queue"]["get"]["security"] == [{"officerJwt": []}]


def test_every_route_describes_its_success_body_with_a_model():
    document = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    for path, item in document["paths"].items():
        for method, operation in item.items():
            success = next((code for code in operation["responses"] if code.startswith("2")), None)
            if success is None:  # a redirect (the payment provider's return) has no body
                assert set(operation["responses"]) & {"302", "303"}, f"{method.upper()} {path}"
                continue
            schema = operation["responses"][success]["content"]["application/json"]["schema"]
            assert "$ref" in schema, f"{method.upper()} {path} answers an undescribed object"
    detail = document["components"]["schemas"]["DossierView"]["properties"]
    assert "answer_rows" in detail and "access_token_hash" not in detail
