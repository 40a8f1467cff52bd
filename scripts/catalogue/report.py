"""How a mistake is reported: `content/procedures/x.yaml:LINE: field.path: message`."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Path_ = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one content file, located by line and by field path."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(cả tệp)'}: {self.message}"


class ContentWarning(ContentError):
    """Something an editor must see to, that does not stop the build (a calendar file due soon)."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(cả tệp)'}: cảnh báo: {self.message}"


class ContentErrors(Exception):
    """Raised by build() when any content file is wrong; `errors` lists every mistake found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def dotted(path: Iterable[Any]) -> str:
    return ".".join(str(part) for part in path)


def line_for(lines: dict[Path_, int], path: Path_) -> int:
    """Line of the deepest part of `path` that is written in the file."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


class Reporter:
    """Collects the mistakes of one file, locating each by the field path it concerns."""

    def __init__(self, display: str, lines: dict[Path_, int]):
        self.display, self.lines = display, lines
        self.errors: list[ContentError] = []

    def add(self, path: Path_, message: str, line: int | None = None) -> None:
        self.errors.append(ContentError(self.display, line or line_for(self.lines, path), dotted(path), message))


def display_name(path: Path, content_dir: Path) -> str:
    """The path an editor sees in the repository: content/procedures/x.yaml."""
    try:
        return path.resolve().relative_to(content_dir.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()
