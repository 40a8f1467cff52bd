"""The local stack with the template's real functions and in-memory data, started in this
process for a module's tests; the environment it sets is put back afterwards."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from infra.local.run import Stack, start_stack


@contextmanager
def real_stack() -> Iterator[Stack]:
    saved = dict(os.environ)
    stack = start_stack()
    try:
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)
