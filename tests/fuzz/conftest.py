"""The property tests call the citizen API in-process against moto, on the same provisioning,
clean state and fixed clock as the API tests (tests/api/conftest.py)."""
from tests.api.conftest import api, aws_env, clean_state, clock  # noqa: F401 - fixtures


def pytest_terminal_summary(terminalreporter):
    """How the generated requests were answered, by route and status (the tests' own tally)."""
    from tests.fuzz.tally import STATS

    if STATS:
        terminalreporter.write_line("citizen API under generated bodies (route: status × count):")
        for route, counts in sorted(STATS.items()):
            tally = ", ".join(f"{status} × {count}" for status, count in sorted(counts.items()))
            terminalreporter.write_line(f"  {route}: {tally} ({sum(counts.values())} requests)")
