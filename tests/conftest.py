"""Environment shared by every test: dummy AWS credentials and a region, so nothing can reach a
real account, and the Powertools names the template sets."""
import os
import shutil
from pathlib import Path

import pytest

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-1",
        "AWS_REGION": "ap-southeast-1",
        "POWERTOOLS_SERVICE_NAME": "portal",
        "POWERTOOLS_METRICS_NAMESPACE": "FisheriesPortal",
        "POWERTOOLS_DEV": "false",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# `make test` spreads the tests over pytest-xdist workers (`--dist loadgroup`), and a session or
# module fixture is built once per worker that needs it. So each module runs whole on one worker
# (its module fixtures, e.g. a moto server, are built once), and every test that uses the browser
# or a session-wide site build or local stack runs on one worker, which starts Chromium and builds
# each site once while the other workers take the rest.
_SHARED_ON_ONE_WORKER = {"browser", "built_site", "real_site", "stack"}


def pytest_configure(config):
    # The in-process mocks (moto's mock_aws) get the same fix as the local stack's server.
    from infra.local import moto_fixes

    moto_fixes.apply()


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the test ids
def pytest_collection_modifyitems(items):
    for item in items:
        if _SHARED_ON_ONE_WORKER & set(getattr(item, "fixturenames", ())):
            group = "browser-and-sites"
        else:
            group = item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one per test session: Playwright's sync API allows
    a single running instance per process, so the site and end-to-end tests share it."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
