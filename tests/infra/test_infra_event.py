"""The gateway hands the handlers the event API Gateway's HTTP API (payload 2.0) would."""
import base64
from datetime import UTC, datetime

from infra.local import template as sam
from infra.local.api_event import authorizer_claims, build_event, match_route, path_parameters

ROUTES = sam.routes()
DOSSIER_ROUTE = next(r for r in ROUTES if r.path == "/api/officer/dossiers/{dossier_id}")
SUBMIT_ROUTE = next(r for r in ROUTES if r.path == "/api/dossiers")


def test_event_has_the_v2_shape():
    event = build_event(
        "GET", "/api/officer/dossiers/01JZ8X", "lang=vi&tag=a&tag=b",
        [("Host", "127.0.0.1:8000"), ("User-Agent", "Mozilla/5.0"), ("X-Trace", "1"), ("x-trace", "2"),
         ("Cookie", "a=1; b=2")],
        None, {"cognito:groups": "[receptionist]"}, DOSSIER_ROUTE,
        now=datetime(2026, 7, 8, 2, 0, tzinfo=UTC),
    )
    assert event["version"] == "2.0"
    assert event["routeKey"] == "GET /api/officer/dossiers/{dossier_id}"
    assert event["rawPath"] == "/api/officer/dossiers/01JZ8X"
    assert event["rawQueryString"] == "lang=vi&tag=a&tag=b"
    assert event["queryStringParameters"] == {"lang": "vi", "tag": "a,b"}
    assert event["pathParameters"] == {"dossier_id": "01JZ8X"}
    assert event["cookies"] == ["a=1", "b=2"]
    assert event["headers"]["x-trace"] == "1,2"
    assert all(name == name.lower() for name in event["headers"])
    assert "cookie" not in event["headers"]
    assert event["isBase64Encoded"] is False and "body" not in event
    context = event["requestContext"]
    assert context["routeKey"] == event["routeKey"]
    assert context["stage"] == "$default"
    assert context["http"] == {"method": "GET", "path": "/api/officer/dossiers/01JZ8X", "protocol": "HTTP/1.1",
                               "sourceIp": "127.0.0.1", "userAgent": "Mozilla/5.0"}
    assert context["domainName"] == "127.0.0.1"
    assert context["time"] == "08/Jul/2026:02:00:00 +0000"
    assert context["timeEpoch"] == 1783476000000
    assert {"accountId", "apiId", "requestId"} <= set(context)
    assert context["authorizer"] == {"jwt": {"claims": {"cognito:groups": "[receptionist]"}, "scopes": None}}


def test_public_route_event_has_no_authorizer_and_a_text_body():
    body = '{"full_name": "Nguyễn Văn Á"}'.encode()
    event = build_event("POST", "/api/dossiers", "", {"Content-Type": "application/json"}, body, route=SUBMIT_ROUTE)
    assert event["routeKey"] == "POST /api/dossiers"
    assert event["body"] == '{"full_name": "Nguyễn Văn Á"}'
    assert event["isBase64Encoded"] is False
    assert "authorizer" not in event["requestContext"]
    assert "queryStringParameters" not in event and "pathParameters" not in event


def test_binary_body_is_base64_encoded():
    raw = b"%PDF-1.4\xff\xfe\x00"
    event = build_event("POST", "/api/uploads", "", {"content-type": "application/pdf"}, raw)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


def test_path_parameters_are_url_decoded():
    event = build_event("GET", "/api/officer/dossiers/a%20b", route=DOSSIER_ROUTE)
    assert event["pathParameters"] == {"dossier_id": "a b"}


def test_claims_are_strings_and_arrays_are_bracketed_like_the_http_api():
    claims = authorizer_claims({"cognito:groups": ["receptionist", "leader"], "exp": 1783476000,
                                "email_verified": True, "custom:agency": "000.00.15.H55"})
    assert claims == {"cognito:groups": "[receptionist leader]", "exp": "1783476000",
                      "email_verified": "true", "custom:agency": "000.00.15.H55"}


def test_routing_follows_the_template():
    route = match_route(ROUTES, "POST", "/api/officer/dossiers/01JZ8X/receive")
    assert route.route_key == "POST /api/officer/dossiers/{dossier_id}/{action}"
    assert route.authorizer == "OfficerAuthorizer"
    assert path_parameters(route, "/api/officer/dossiers/01JZ8X/receive") == {"dossier_id": "01JZ8X", "action": "receive"}
    # What no declared route takes falls to the catch-all (the citizen function's not_found).
    catch_all = "ANY /api/{proxy+}"
    assert match_route(ROUTES, "GET", "/api/dossiers").route_key == catch_all  # wrong method
    assert match_route(ROUTES, "GET", "/api/officer/dossiers/a/b").route_key == catch_all  # {var} is one segment
    assert match_route(ROUTES, "POST", "/api/unknown").route_key == catch_all
    assert path_parameters(match_route(ROUTES, "POST", "/api/a/b"), "/api/a/b") == {"proxy": "a/b"}
