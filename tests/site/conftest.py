"""Site builds shared by the site tests, one per session each, into temporary directories: the
small sample catalogue (every page type), the same with markup in every text (escaping), and the
real content (the queries citizens type), served over loopback for the browser tests."""
import functools
import http.server
import json
import threading

import pytest

from scripts.build_site import build_site
from site_sample_catalogue import hostile_catalogue, sample_catalogue


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("site")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(sample_catalogue(), ensure_ascii=False), encoding="utf-8")
    return build_site(site_dir=work / "out", catalogue=catalogue)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile-site")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(hostile_catalogue(), ensure_ascii=False), encoding="utf-8")
    return build_site(site_dir=work / "out", catalogue=catalogue)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build

    work = tmp_path_factory.mktemp("real-site")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(build(DEFAULT_CONTENT_DIR), ensure_ascii=False), encoding="utf-8")
    return build_site(site_dir=work / "out", catalogue=catalogue)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def base_url(built_site):
    server = _serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def real_url(real_site):
    server = _serve(real_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_url(hostile_site):
    server = _serve(hostile_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
