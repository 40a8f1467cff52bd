"""The local stack serves many people at once with the template's real functions, as the
cloud does: parallel submissions all succeed and each gets its own code."""
import os

import pytest

from infra.local.run import start_stack
from tests.infra.parallel_submits import submit_in_parallel


@pytest.fixture(scope="module")
def stack():
    saved = dict(os.environ)
    stack = start_stack()
    yield stack
    stack.stop()
    os.environ.clear()
    os.environ.update(saved)


def test_twenty_parallel_submissions_all_succeed_with_distinct_codes(stack):
    results = submit_in_parallel(stack.url, 20)

    assert [status for status, _, _ in results] == [201] * 20, [body for _, _, body in results]
    codes = {body["code"] for _, _, body in results}
    assert len(codes) == 20
