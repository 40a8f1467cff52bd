"""The end-to-end tests drive the real local stack (moto server + dev gateway, started as
`make run` starts it, in a child process) with Debian's Chromium through Playwright."""
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def stack():
    """The whole portal on free loopback ports; yields its base URL and the demo logins it printed."""
    if not (ROOT / "build/site/index.html").exists():
        pytest.fail("build/site is missing: run `make test` (it builds the site first)")
    port, moto_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "infra.local.run", "--port", str(port), "--moto-port", str(moto_port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    printed: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        printed.append(line)
        if line.strip() == url:
            break
    else:
        proc.kill()
        pytest.fail("local stack did not print its URL in time:\n" + "".join(printed))
    if proc.poll() is not None:
        pytest.fail("local stack exited:\n" + "".join(printed))
    # The logins follow the URL line; read them without blocking on the server's later output.
    for _ in range(8):
        printed.append(proc.stdout.readline())
    yield {"url": url, "output": "".join(printed)}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    foreign = []

    def watch(request):
        if not re.match(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)", request.url):
            foreign.append(request.url)

    pg.on("request", watch)
    yield pg
    context.close()
    assert not foreign, f"the page reached hosts other than 127.0.0.1: {foreign}"
