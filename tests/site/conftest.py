"""Site builds shared by the site tests, one per session each, into temporary directories: the
small sample catalogue (every page type), the same with markup in every text (escaping), and the
real content (the queries citizens type), served over loopback for the browser tests; and a
browser page the size of a common phone."""
import functools
import http.server
import json
import threading

import pytest
from site_sample_catalogue import hostile_catalogue, sample_catalogue

from scripts.build_site import build_site


def _build(tmp_path_factory, name: str, catalogue: dict):
    work = tmp_path_factory.mktemp(name)
    path = work / "catalogue.json"
    path.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return build_site(site_dir=work / "out", catalogue=path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    return _build(tmp_path_factory, "site", sample_catalogue())


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    return _build(tmp_path_factory, "hostile-site", hostile_catalogue())


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build

    return _build(tmp_path_factory, "real-site", build(DEFAULT_CONTENT_DIR))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """`serve(directory)` → the base URL of a loopback server for it, stopped after the session."""
    servers = []

    def start(directory) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(built_site, serve):
    return serve(built_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site, serve):
    return serve(hostile_site)


@pytest.fixture(scope="session")
def real_url(real_site, serve):
    return serve(real_site)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()
