"""The dev gateway over HTTP, on the real local stack (moto server on a free loopback port) with
a stand-in handler: static site, config.js, routing, and the JWT authorizer's decisions."""
import gzip
import http.client
import importlib.resources
import json
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.infra import echo_handler, portal_client


@pytest.fixture(autouse=True)
def no_calls_yet():
    echo_handler.CALLS.clear()


def sign_in(stack, username: str) -> dict:
    answer = portal_client.sign_in(stack.url, username)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Access-Control-Allow-Origin"] == stack.url
    return answer.json()["AuthenticationResult"]


def moto_signing_key():
    """moto signs every pool's tokens with this one published key (never trust it outside moto)."""
    resource = importlib.resources.files("moto.cognitoidp") / "resources" / "jwks-private.json.gz"
    return jwt.PyJWK(json.loads(gzip.decompress(resource.read_bytes())), algorithm="RS256").key


def officer_get(stack, path: str, token: str | None = None) -> requests.Response:
    return portal_client.officer_get(stack.url, path, token)


# --- the site ---


def test_serves_the_site_with_index_pages_and_content_types(stack):
    home = requests.get(stack.url + "/", timeout=5)
    assert home.status_code == 200 and "Cổng dịch vụ công" in home.text
    assert home.headers["Content-Type"] == "text/html; charset=utf-8"
    assert requests.get(stack.url + "/huong-dan/", timeout=5).text == "<h1>Hướng dẫn</h1>"
    redirect = requests.get(stack.url + "/huong-dan", allow_redirects=False, timeout=5)
    assert redirect.status_code == 301 and redirect.headers["Location"] == "/huong-dan/"
    assert requests.get(stack.url + "/assets/site.css", timeout=5).headers["Content-Type"].startswith("text/css")
    assert requests.get(stack.url + "/assets/app.js", timeout=5).headers["Content-Type"].startswith("text/javascript")


def test_site_files_are_gzipped_for_a_browser_that_accepts_it_as_cloudfront_does(stack, site):
    script = "var portal = " + json.dumps(list(range(400))) + ";\n"
    (site / "assets" / "big.js").write_text(script, encoding="utf-8")
    host, port = stack.url.removeprefix("http://").split(":")

    def fetch(path: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        response = connection.getresponse()
        answer = dict(response.getheaders()), response.read()
        connection.close()
        return answer

    headers, body = fetch("/assets/big.js", "gzip, deflate, br")
    assert headers.get("Content-Encoding") == "gzip" and headers.get("Vary") == "Accept-Encoding"
    assert gzip.decompress(body).decode() == script
    headers, body = fetch("/assets/big.js", None)
    assert "Content-Encoding" not in headers and body.decode() == script
    headers, body = fetch("/assets/app.js", "gzip")  # under 1,000 bytes: CloudFront leaves it too
    assert "Content-Encoding" not in headers and body == b"void 0;"


def test_missing_page_is_the_sites_404(stack):
    missing = requests.get(stack.url + "/khong-co", timeout=5)
    assert missing.status_code == 404 and "Không tìm thấy trang" in missing.text


def test_files_outside_the_site_are_not_served(stack):
    host, port = stack.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", "/../../../etc/passwd")
    assert connection.getresponse().status == 404
    connection.close()


def test_config_js_points_the_site_at_this_stack(stack):
    config = portal_client.portal_config(stack.url)
    assert config["apiBase"] == ""
    assert config["region"] == "ap-southeast-1"
    assert config["userPoolId"] == stack.env["USER_POOL_ID"]
    assert config["userPoolClientId"] == stack.env["USER_POOL_CLIENT_ID"]
    assert config["cognitoEndpoint"] == stack.moto_url + "/"


def test_browser_can_reach_cognito_from_the_site_origin(stack):
    preflight = requests.options(
        portal_client.portal_config(stack.url)["cognitoEndpoint"],
        headers={"Origin": stack.url, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type,x-amz-target"},
        timeout=5,
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == stack.url
    assert sign_in(stack, "tiepnhan")["IdToken"]


# --- routing ---


def test_public_route_calls_the_templates_handler_with_a_v2_event(stack):
    answer = requests.post(stack.url + "/api/dossiers?x=1", json={"procedure_id": "nuoi-trong-long-be"},
                           headers={"Idempotency-Key": "k-1"}, timeout=5)
    assert answer.status_code == 200
    assert answer.headers["Set-Cookie"] == "seen=1; Path=/"
    echoed = answer.json()
    assert echoed["handler"] == "portal.handlers.citizen.lambda_handler"
    assert echoed["function"] == "CitizenApiFunction"
    event = echoed["event"]
    assert event["routeKey"] == "POST /api/dossiers"
    assert event["headers"]["idempotency-key"] == "k-1"
    assert json.loads(event["body"]) == {"procedure_id": "nuoi-trong-long-be"}
    assert event["queryStringParameters"] == {"x": "1"}


def test_an_unknown_api_path_goes_to_the_citizen_function_by_the_catch_all_route(stack):
    # Its resolver answers the portal's error shape (tests/infra/test_infra_unknown_routes.py).
    for method, path in (("POST", "/api/khong-co"), ("GET", "/api/dossiers"), ("GET", "/api/officer/khong-co")):
        answer = requests.request(method, stack.url + path, json={}, timeout=5)
        echoed = answer.json()
        assert (echoed["function"], echoed["event"]["routeKey"]) == ("CitizenApiFunction", "ANY /api/{proxy+}"), path
    # A declared route still wins over the catch-all, its authorizer included.
    assert requests.post(stack.url + "/api/dossiers", json={}, timeout=5).json()["event"]["routeKey"] == "POST /api/dossiers"
    assert officer_get(stack, "/api/officer/queue").status_code == 401


def test_api_cors_allows_only_the_site_origin(stack):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "idempotency-key"}
    allowed = requests.options(stack.url + "/api/dossiers", headers={"Origin": stack.url, **preflight}, timeout=5)
    assert allowed.headers["Access-Control-Allow-Origin"] == stack.url
    assert "idempotency-key" in allowed.headers["Access-Control-Allow-Headers"]
    foreign = requests.options(stack.url + "/api/dossiers", headers={"Origin": "http://evil.example", **preflight},
                               timeout=5)
    assert "Access-Control-Allow-Origin" not in foreign.headers


# --- the JWT authorizer ---


def test_officer_route_without_a_token_is_unauthorized(stack):
    answer = officer_get(stack, "/api/officer/queue")
    assert (answer.status_code, answer.json()) == (401, {"message": "Unauthorized"})
    assert echo_handler.CALLS == []


def test_seeded_officer_token_passes_claims_like_the_http_api(stack):
    token = sign_in(stack, "tiepnhan")["IdToken"]
    answer = officer_get(stack, "/api/officer/dossiers/01JZ8XDOSSIER", token)
    assert answer.status_code == 200, answer.text
    echoed = answer.json()
    assert echoed["handler"] == "portal.handlers.officer.lambda_handler"
    event = echoed["event"]
    assert event["pathParameters"] == {"dossier_id": "01JZ8XDOSSIER"}
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    assert claims["cognito:groups"] == "[receptionist]"
    assert claims["custom:agency"] == "000.00.15.H55"
    assert claims["cognito:username"] == "tiepnhan"
    assert all(isinstance(value, str) for value in claims.values())


def _forged(stack, key, **changes) -> str:
    claims = jwt.decode(sign_in(stack, "lanhdao")["IdToken"], options={"verify_signature": False})
    claims.update(changes)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "dummy"})


def test_token_signed_by_another_key_is_unauthorized(stack):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    answer = officer_get(stack, "/api/officer/queue", _forged(stack, other_key))
    assert answer.status_code == 401
    assert echo_handler.CALLS == []


def test_expired_token_is_unauthorized(stack):
    past = int(time.time()) - 120
    answer = officer_get(stack, "/api/officer/queue", _forged(stack, moto_signing_key(), exp=past, iat=past - 3600))
    assert answer.status_code == 401
    assert echo_handler.CALLS == []


def test_token_for_another_client_or_issuer_is_unauthorized(stack):
    key = moto_signing_key()
    assert officer_get(stack, "/api/officer/queue", _forged(stack, key, aud="another-client")).status_code == 401
    wrong_issuer = "https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_other"
    assert officer_get(stack, "/api/officer/queue", _forged(stack, key, iss=wrong_issuer)).status_code == 401
    assert echo_handler.CALLS == []


def test_a_forged_token_with_moto_key_and_right_claims_is_accepted(stack):
    """The counterpart of the refusals above: the same forging path with nothing wrong passes,
    so the 401s come from the claim each test changed."""
    assert officer_get(stack, "/api/officer/queue", _forged(stack, moto_signing_key())).status_code == 200
