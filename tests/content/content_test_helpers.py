"""Helpers for the content tests: where the real content lives and how to break a copy of it."""
from pathlib import Path

import pytest

from scripts.build_catalogue import ContentErrors, build

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NUOI = "procedures/nuoi-trong-long-be.yaml"
CURRENT_HEADER = "# yaml-language-server: $schema=../schema/procedure.v1.schema.json"
ARCHIVE_HEADER = "# yaml-language-server: $schema=../../../schema/procedure.v1.schema.json"


def archive_nuoi_v1(content: Path, v2_effective: str = "2024-05-20", v2_days: int = 7) -> Path:
    """Make the aquaculture procedure a two-version example, as an editor would: the file as it
    stands moves to archive/nuoi-trong-long-be/v1.yaml (only its first line changes, so the
    schema is still found), and the current file becomes version 2 with a later effective date
    and another time limit. Returns the archived file."""
    current = content / NUOI
    text = current.read_text(encoding="utf-8")
    archived = content / "procedures/archive/nuoi-trong-long-be/v1.yaml"
    archived.parent.mkdir(parents=True)
    archived.write_text(text.replace(CURRENT_HEADER, ARCHIVE_HEADER, 1), encoding="utf-8")
    replace_in(current, "version: 1\neffective_date: 2019-04-25", f"version: 2\neffective_date: {v2_effective}")
    current.write_text(
        current.read_text(encoding="utf-8").replace("time_limit: {value: 5,", f"time_limit: {{value: {v2_days},"),
        encoding="utf-8",
    )
    return archived


def errors_of(content: Path) -> list:
    """The mistakes the checker reports for a content folder (it must refuse to build)."""
    with pytest.raises(ContentErrors) as caught:
        build(content)
    return caught.value.errors


def only_error_at(errors, path):
    """The first mistake reported at a field path, failing with the full list if there is none."""
    found = [e for e in errors if e.path == path]
    assert found, f"no error at {path}: {[str(e) for e in errors]}"
    return found[0]
