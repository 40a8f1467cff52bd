"""moto in this very process, with template.yaml's resources: what the API tests, the faulted run
(scripts/faults) and the lookup timing (scripts/bench) work on. The functions' environment is set
as Lambda sets it, without an endpoint (moto answers in-process), and their stores are built
afresh; the process's own environment is put back afterwards."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from moto import mock_aws

from infra.local import moto_fixes
from infra.local.provision import provision


@contextmanager
def provisioned_moto(**settings: str) -> Iterator[dict]:
    """Yields the functions' environment (with `settings` on top, e.g. a quieter log level)."""
    saved = dict(os.environ)
    try:
        with mock_aws():
            moto_fixes.apply()  # again: the previous mock's end made moto list its objects anew
            env = provision().env
            os.environ.update({k: str(v) for k, v in env.items() if v is not None})
            os.environ.pop("AWS_ENDPOINT_URL", None)
            os.environ.update(settings)
            from portal.services import deps

            deps.reset()
            try:
                yield dict(os.environ)
            finally:
                deps.reset()
    finally:
        os.environ.clear()
        os.environ.update(saved)
