"""An address nobody declared: under /api/ it answers the portal's error shape, as every other
API error does, from the template's catch-all route to the citizen function (the same route in
the cloud); elsewhere it is the site's 404 page with status 404. On the real local stack."""
import os

import pytest
import requests

from infra.local import template as sam
from infra.local.api_event import match_route
from infra.local.run import start_stack

CITIZEN = "portal.handlers.citizen.lambda_handler"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    saved = dict(os.environ)
    stack = start_stack(site_dir=site)
    yield stack
    stack.stop()
    os.environ.clear()
    os.environ.update(saved)


def test_the_template_sends_every_undeclared_api_path_to_the_citizen_function_without_auth():
    routes = sam.routes()
    catch_all = [r for r in routes if r.path == "/api/{proxy+}"]
    assert [(r.method, r.handler, r.authorizer) for r in catch_all] == [("ANY", CITIZEN, None)]
    # Every declared route still wins over it, for its own method, as the HTTP API chooses.
    for route in routes:
        if route is catch_all[0]:
            continue
        path = route.path.replace("{dossier_id}", "01J").replace("{action}", "receive")
        assert match_route(routes, route.method, path) is route, route.route_key


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/khong-co"),
    ("POST", "/api/dossiers/01J/khong-co"),
    ("GET", "/api/dossiers"),  # a declared path, another method
    ("DELETE", "/api/officer/khong-co"),
])
def test_an_unknown_api_path_answers_the_error_shape(stack, method, path):
    answer = requests.request(method, stack.url + path, json={}, timeout=30)
    assert answer.status_code == 404
    assert answer.headers["Content-Type"].startswith("application/json")
    error = answer.json()["error"]
    assert error["code"] == "NOT_FOUND"
    assert error["message"] == "Không tìm thấy địa chỉ yêu cầu."


def test_an_unknown_site_path_is_the_404_page_with_status_404(stack):
    answer = requests.get(stack.url + "/thu-tuc/khong-co/", timeout=30)
    assert answer.status_code == 404
    assert "Không tìm thấy trang" in answer.text
