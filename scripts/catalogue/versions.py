"""Older versions of a procedure.

The current version stays at content/procedures/<id>.yaml; each older one is kept, unchanged, at
content/procedures/archive/<id>/v<version>.yaml. A dossier keeps the version it was submitted
under, so an older version must stay readable for as long as such dossiers are open.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from scripts.catalogue.report import Reporter
from scripts.catalogue.rules import later_legal_bases, parse_date, vn_date

ARCHIVE = "archive"
VERSION_FILE = re.compile(r"^v([1-9][0-9]*)$")


@dataclass
class VersionFile:
    """One procedure file, current or archived, as loaded."""

    path: Path
    data: Any
    report: Reporter
    expected_id: str
    archived: bool
    compiled: dict | None = None

    def field(self, key: str) -> Any:
        return self.data.get(key) if isinstance(self.data, dict) else None


def predates_kinds(error: ValidationError) -> bool:
    """An archived version is kept unchanged, and one archived before refusal grounds had a
    `kind` has none: that is not a mistake in it. Its grounds compile with `kind: null`, and no
    action may cite them (portal.domain.grounds). A kind that is written must still be valid."""
    path = tuple(error.absolute_path)
    return (error.validator == "required" and len(path) == 2 and path[0] == "refusal_grounds"
            and "'kind'" in error.message)


def archive_paths(procedures_dir: Path) -> tuple[list[Path], list[Path]]:
    """(archived version files, files misplaced in the archive folder)."""
    archive = procedures_dir / ARCHIVE
    if not archive.is_dir():
        return [], []
    found, misplaced = [], []
    for entry in sorted(archive.iterdir()):
        if entry.is_dir():
            found += sorted(entry.glob("*.yaml"))
        elif entry.suffix == ".yaml":
            misplaced.append(entry)
    return found, misplaced


def check_versions(
    current: dict[str, VersionFile], archived: list[VersionFile], effective_dates: dict[str, str]
) -> None:
    """Where each archived file sits, its version number, and the order of effective dates
    (`effective_dates`: the declared legal documents' effective dates by number)."""
    by_id: dict[str, list[VersionFile]] = {}
    for old in archived:
        procedure_id = old.path.parent.name
        name = VERSION_FILE.match(old.path.stem)
        if name is None:
            old.report.add((), "tên tệp phiên bản cũ phải là v<số phiên bản>.yaml, ví dụ v1.yaml, "
                               f"không phải {old.path.name}")
        elif isinstance(old.field("version"), int) and old.field("version") != int(name.group(1)):
            old.report.add(("version",), f"tệp {old.path.name} phải có version: {name.group(1)}")
        head = current.get(procedure_id)
        if head is None:
            old.report.add((), f"không có thủ tục hiện hành content/procedures/{procedure_id}.yaml cho phiên bản cũ này; "
                               "thư mục lưu trữ phải mang đúng mã (id) của thủ tục")
            continue
        version, newest = old.field("version"), head.field("version")
        if isinstance(version, int) and isinstance(newest, int) and version >= newest:
            old.report.add(("version",), f"phiên bản cũ ({version}) phải nhỏ hơn phiên bản hiện hành ({newest}) "
                                         f"trong {head.report.display}")
        by_id.setdefault(procedure_id, [head]).append(old)

    for files in by_id.values():
        _check_order(files)
        numbered = sorted((f for f in files if _version(f) is not None), key=lambda f: _version(f) or 0)
        for file in numbered[1:]:  # the oldest recorded version is exempt: see later_legal_bases
            for path, message in later_legal_bases(file.data, effective_dates):
                file.report.add(path, message)


def _version(file: VersionFile) -> int | None:
    version = file.field("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _check_order(files: list[VersionFile]) -> None:
    seen: dict[int, VersionFile] = {}
    dated: list[tuple[int, Any, VersionFile]] = []
    for file in files:
        version = _version(file)
        if version is None:
            continue
        if version in seen:
            file.report.add(("version",), f"phiên bản {version} đã có ở {seen[version].report.display}")
            continue
        seen[version] = file
        day = parse_date(file.field("effective_date"))
        if day is not None:
            dated.append((version, day, file))
    dated.sort(key=lambda item: item[0])
    for (v_old, d_old, f_old), (v_new, d_new, f_new) in pairwise(dated):
        if d_new <= d_old:
            f_new.report.add(("effective_date",),
                             f"ngày áp dụng {vn_date(d_new)} của phiên bản {v_new} phải sau ngày áp dụng "
                             f"{vn_date(d_old)} của phiên bản {v_old} ({f_old.report.display}): "
                             "phiên bản sau phải bắt đầu áp dụng muộn hơn phiên bản trước")


def link_versions(current: list[dict], archived: list[dict]) -> list[dict]:
    """Give every current entry its `older_versions` (newest first) and return the archived
    entries, each with `superseded_on`: the day the next version began to apply."""
    by_id: dict[str, list[dict]] = {}
    for entry in archived:
        by_id.setdefault(entry["id"], []).append(entry)
    out: list[dict] = []
    for head in current:
        older = sorted(by_id.get(head["id"], []), key=lambda e: e["version"], reverse=True)
        successor = head
        for entry in older:
            entry["superseded_on"] = successor["effective_date"]
            successor = entry
        head["older_versions"] = [
            {"version": e["version"], "effective_date": e["effective_date"], "superseded_on": e["superseded_on"]}
            for e in older
        ]
        out += older
    return out
