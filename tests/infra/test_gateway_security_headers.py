"""The dev gateway adds the site's security headers from template.yaml to every answer it gives,
as CloudFront does in the cloud: pages, assets, redirects, errors and the API alike."""
import requests

from infra.local.security_headers import local_security_headers, parse_policy


def test_every_kind_of_answer_carries_the_templates_headers(stack):
    expected = local_security_headers(stack.url, stack.moto_url)
    assert "Content-Security-Policy" in expected and "Strict-Transport-Security" in expected
    answers = {
        "page": requests.get(stack.url + "/", timeout=5),
        "asset": requests.get(stack.url + "/assets/app.js", timeout=5),
        "redirect": requests.get(stack.url + "/huong-dan", allow_redirects=False, timeout=5),
        "missing page": requests.get(stack.url + "/khong-co/", timeout=5),
        "config.js": requests.get(stack.url + "/assets/js/config.js", timeout=5),
        "api": requests.post(stack.url + "/api/lookup", json={}, timeout=5),
        # (Every path under /api/ has a route, the catch-all at least: /api itself has none.)
        "api unknown route": requests.get(stack.url + "/api", timeout=5),
        "api unauthorized": requests.get(stack.url + "/api/officer/queue", timeout=5),
        "preflight": requests.options(stack.url + "/api/lookup", headers={
            "Origin": stack.url, "Access-Control-Request-Method": "POST"}, timeout=5),
    }
    assert {kind: answer.status_code for kind, answer in answers.items()} == {
        "page": 200, "asset": 200, "redirect": 301, "missing page": 404, "config.js": 200,
        "api": 200, "api unknown route": 404, "api unauthorized": 401, "preflight": 204,
    }
    for kind, answer in answers.items():
        sent = {name: answer.headers.get(name) for name in expected}
        assert sent == expected, kind


def test_the_pages_may_reach_only_the_gateway_and_moto(stack):
    policy = parse_policy(requests.get(stack.url + "/", timeout=5).headers["Content-Security-Policy"])
    # The API is the gateway itself; the documents bucket and the user pool are moto's.
    assert policy["connect-src"] == ["'self'", stack.url, stack.moto_url.rstrip("/")]
    assert policy["script-src"] == ["'self'"]
