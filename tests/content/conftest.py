"""A private copy of content/ per test, so a test can break a file the way an editor might."""
import shutil
from pathlib import Path

import pytest
from content_test_helpers import CONTENT


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
