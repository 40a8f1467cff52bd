"""The local stack the gateway tests share: the real gateway and moto server on free loopback
ports, a small static site, and a stand-in handler that echoes the event it was given."""
import os

import pytest
import requests

from infra.local.run import start_stack
from tests.infra import echo_handler


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<h1>Cổng dịch vụ công</h1>", encoding="utf-8")
    (root / "huong-dan").mkdir()
    (root / "huong-dan" / "index.html").write_text("<h1>Hướng dẫn</h1>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    (root / "assets" / "app.js").write_text("void 0;", encoding="utf-8")
    (root / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def stack(site):
    saved = dict(os.environ)
    stack = start_stack(site_dir=site, invoke=echo_handler.invoke)
    yield stack
    requests.post(stack.moto_url + "/moto-api/reset", timeout=5)
    stack.stop()
    os.environ.clear()
    os.environ.update(saved)
