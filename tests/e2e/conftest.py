"""The end-to-end tests drive the real local stack (moto server + dev gateway, started as
`make run` starts it, in a child process, with its data in a fresh folder) with Debian's
Chromium through Playwright."""
import re

import pytest

from tests.infra.local_run import ROOT, start_run


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The whole portal on a free loopback port; yields its base URL and what it printed."""
    if not (ROOT / "build/site/index.html").exists():
        pytest.fail("build/site is missing: run `make test` (it builds the site first)")
    running = start_run(tmp_path_factory.mktemp("local-state"))
    yield {"url": running.url, "output": running.output}
    running.stop()


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
