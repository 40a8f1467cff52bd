"""scripts/load, run small through the same code as `make load`: every submission accepted,
every receive applied, and the check finds no loss, no duplicate and no stray event."""

import pytest

from scripts.load import report
from scripts.load.client import loopback_url
from scripts.load.runner import run, table_items
from tests.infra.real_stack import real_stack


@pytest.fixture(scope="module")
def stack():
    with real_stack() as stack:
        yield stack


def test_a_small_load_loses_nothing_and_doubles_nothing(stack):
    result = run(stack.url, submissions=5, actions=5, concurrency=2, table_items=table_items(stack))

    assert [(p["name"], p["count"], p["succeeded"]) for p in result["phases"]] == [("submit", 5, 5), ("receive", 5, 5)]
    # The two warm-up dossiers are checked with the five timed ones.
    assert result["consistency"]["checked"] == 7 and result["consistency"]["received"] == 7
    assert result["consistency"]["table"] == {"dossiers": 7, "codes": 7}
    assert result["consistency"]["problems"] == []
    assert "no loss, no duplicate, no stray event" in report.render(result)


@pytest.mark.parametrize("url", ["http://localhost:8000", "http://10.0.0.5:8000", "https://127.0.0.1:8000",
                                 "http://127.0.0.1.example.com/"])
def test_the_load_refuses_any_host_but_the_loopback_address(url):
    with pytest.raises(SystemExit):
        loopback_url(url)
