"""The committed OpenAPI document (docs/openapi.json) holds for the running portal: schemathesis
generates requests from it, valid and invalid, and sends them to the local stack (the template's
real functions, in-memory data). No answer may be a 5xx, and every answer must match the schema
documented for its status. The budget is fixed and seeded (derandomized), so a run is
repeatable and short; the number of requests sent is printed."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.infra import portal_client
from tests.infra.real_stack import real_stack

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
CHECKS = [not_a_server_error, response_schema_conformance]
# Examples per operation and mode (valid data, then data the schema refuses): enough to reach
# each body's validation, the rules and the store, few enough for `make test` on two shared cores.
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 6}
SENT: Counter[str] = Counter()


@pytest.fixture(scope="module")
def stack():
    with real_stack() as stack:
        yield stack


@pytest.fixture(scope="module")
def dossier_id(stack) -> str:
    """A real submitted dossier, so that half the requests naming a dossier reach its rules."""
    answer = portal_client.submit(stack.url, portal_client.upload(stack.url))
    assert answer.status_code == 201, answer.text
    return answer.json()["dossier_id"]


def _aim_at(case, dossier_id: str) -> None:
    """Every other generated dossier ID (chosen by the generated value itself, so the run stays
    repeatable) is replaced by the real dossier's."""
    generated = (case.path_parameters or {}).get("dossier_id")
    if generated is not None and len(str(generated)) % 2 == 0:
        case.path_parameters["dossier_id"] = dossier_id


def _fuzz(tag: str, send: Callable) -> list[str]:
    """Every operation of `tag`, in both modes, within the budget: what failed, one line each
    (with schemathesis's account of the failing request and answer)."""
    failures = []
    for result in schemathesis.openapi.from_path(OPENAPI).include(tag=tag).get_all_operations():
        operation = result.ok()
        for mode, examples in EXAMPLES.items():

            @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                SENT[tag] += 1
                send(case)

            try:
                run()
            except Exception as error:  # every operation is tried; all failures are reported together
                failures.append(f"{operation.label} ({mode.value}): {error}")
    return failures


def test_citizen_routes_answer_as_documented(stack, dossier_id):
    def send(case):
        _aim_at(case, dossier_id)
        case.call_and_validate(base_url=stack.url, checks=CHECKS)

    failures = _fuzz("Người dân", send)
    print(f"\nschemathesis, citizen routes: {SENT['Người dân']} requests, {len(failures)} failing")  # noqa: T201 - the run's counts, for whoever reads the log
    assert not failures, "\n\n".join(failures)


def test_officer_routes_answer_as_documented(stack, dossier_id):
    token = portal_client.id_token(stack.url, "tiepnhan")

    def send(case):
        _aim_at(case, dossier_id)
        case.call_and_validate(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    failures = _fuzz("Cán bộ", send)
    print(f"\nschemathesis, officer routes: {SENT['Cán bộ']} requests, {len(failures)} failing")  # noqa: T201 - the run's counts, for whoever reads the log
    assert not failures, "\n\n".join(failures)
