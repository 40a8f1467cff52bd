"""Validate the procedure files and compile them into the catalogue the site and the API read.

    python -m scripts.build_catalogue            # validate, then write build/catalogue.json
                                                 # and functions/portal/catalogue.json
    python -m scripts.build_catalogue --check    # validate only

Every mistake in every file is reported at once, as `content/procedures/x.yaml:LINE: field.path:
message`, with the message in Vietnamese because content editors read it (CONTRIBUTING.md
explains each kind). The output is deterministic (sorted, keys sorted), so rebuilding unchanged
content writes identical bytes. The rules themselves live in scripts/catalogue/.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

from jsonschema import Draft202012Validator

from scripts.catalogue.calendar_files import build_calendar
from scripts.catalogue.links import KnownPages, check_links
from scripts.catalogue.normalise import FIELD_PATTERNS, normalise_procedure
from scripts.catalogue.report import ContentError, ContentErrors, Reporter, display_name
from scripts.catalogue.rules import check_schema_line, check_unconfirmed, cross_check, document_slots
from scripts.catalogue.schema_messages import schema_messages
from scripts.catalogue.versions import VersionFile, archive_paths, check_versions, link_versions
from scripts.catalogue.yaml_lines import load_yaml_with_lines

__all__ = ["FIELD_PATTERNS", "ContentError", "ContentErrors", "build", "dumps", "write", "main"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONTENT_DIR = ROOT / "content"
DEFAULT_SITE_DIR = ROOT / "site"  # mkdocs docs_dir: hand-written pages links may point at
DEFAULT_OUTPUTS = (ROOT / "build" / "catalogue.json", ROOT / "functions" / "portal" / "catalogue.json")
SCHEMA_FILE = Path("schema") / "procedure.v1.schema.json"
SCHEMA_VERSION = 1


def _load(path: Path, content_dir: Path) -> tuple[Any, Reporter, str]:
    text = path.read_text(encoding="utf-8")
    loaded = load_yaml_with_lines(text)
    report = Reporter(display_name(path, content_dir), loaded.lines)
    for line, field_path, message in loaded.errors:
        report.add(field_path, message, line)
    if loaded.data is None and not loaded.errors:
        report.add((), "tệp trống")
    elif loaded.data is not None and not isinstance(loaded.data, dict):
        report.add((), "tệp phải là một nhóm trường (dạng tên: giá trị)")
    return loaded.data, report, text


def _validate_against(validator: Draft202012Validator, data: Any, report: Reporter) -> bool:
    before = len(report.errors)
    for error in validator.iter_errors(data):
        for line, path, message in schema_messages(error, report.lines):
            report.add(path, message, line)
    return len(report.errors) == before


def _load_procedure(path: Path, content_dir: Path, archived: bool) -> VersionFile:
    data, report, text = _load(path, content_dir)
    schema_ref = Path(os.path.relpath(content_dir / SCHEMA_FILE, path.parent)).as_posix()
    problem = check_schema_line(text, schema_ref)
    if problem:
        report.add((), problem, 1)
    expected_id = path.parent.name if archived else path.stem
    return VersionFile(path, data, report, expected_id, archived)


def _known_pages(current: list[VersionFile], site_dir: Path | None) -> KnownPages:
    procedures = {
        file.expected_id: {
            "slots": set(document_slots(file.data)),
            "online": isinstance(file.field("channels"), dict) and "online" in file.field("channels"),
        }
        for file in current
    }
    return KnownPages(procedures, site_dir)


def _check_file(file: VersionFile, validator: Draft202012Validator, known: KnownPages) -> None:
    if not isinstance(file.data, dict):
        return
    report = file.report
    schema_ok = _validate_against(validator, file.data, report)
    if file.archived:
        hint = f"(phiên bản cũ nằm trong thư mục archive/{file.expected_id}/ nên mang id của thủ tục đó)"
    else:
        hint = f"(phải trùng với tên tệp {file.path.name})"
    for field_path, message in cross_check(file.data, file.expected_id, hint):
        report.add(field_path, message)
    for field_path, message in check_links(file.data, file.expected_id, known):
        report.add(field_path, message)
    if schema_ok and not report.errors:
        procedure = normalise_procedure(file.data)
        for field_path, message in check_unconfirmed(procedure):
            report.add(field_path, message)
        if not report.errors:
            file.compiled = procedure


def _check_unique(current: list[VersionFile]) -> None:
    """Two current files must not claim the same local id or national code. (Versions of one
    procedure share both: that is the point of a version, so the archive is left out.)"""
    owners: dict[tuple[str, str], str] = {}
    for file in current:
        for key in ("id", "national_code"):
            value = file.field(key)
            if isinstance(value, str):
                if (key, value) in owners:
                    file.report.add((key,), f"{key} '{value}' đã được dùng trong {owners[(key, value)]}")
                owners.setdefault((key, value), file.report.display)


def build_procedures(
    content_dir: Path, errors: list[ContentError], site_dir: Path | None = DEFAULT_SITE_DIR
) -> tuple[list[dict], list[dict]]:
    """(current entries, archived entries), or mistakes appended to `errors`."""
    procedures_dir = content_dir / "procedures"
    validator = Draft202012Validator(json.loads((content_dir / SCHEMA_FILE).read_text(encoding="utf-8")))
    current = [_load_procedure(p, content_dir, archived=False) for p in sorted(procedures_dir.glob("*.yaml"))]
    archived_paths, misplaced = archive_paths(procedures_dir)
    archived = [_load_procedure(p, content_dir, archived=True) for p in archived_paths]

    known = _known_pages(current, site_dir)
    for file in current + archived:
        _check_file(file, validator, known)
    _check_unique(current)
    check_versions({f.expected_id: f for f in current}, archived)

    for path in misplaced:
        errors.append(ContentError(display_name(path, content_dir), 1, "",
                                   "phiên bản cũ phải nằm trong thư mục riêng của thủ tục: "
                                   "archive/<mã thủ tục>/v<số phiên bản>.yaml"))
    for file in current + archived:
        errors.extend(file.report.errors)
    if not errors and not current:
        errors.append(ContentError(display_name(procedures_dir, content_dir), 1, "", "không có tệp thủ tục nào (*.yaml)"))
    if errors:
        return [], []
    heads = sorted((f.compiled for f in current), key=lambda p: p["id"])
    olds = link_versions(heads, [f.compiled for f in archived])
    return heads, sorted(olds, key=lambda p: (p["id"], -p["version"]))


def build(content_dir: Path, site_dir: Path | None = DEFAULT_SITE_DIR) -> dict:
    """Validate everything under `content_dir` and return the compiled catalogue.

    Raises ContentErrors listing every mistake found (in all files) when anything is wrong."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    procedures, archive = build_procedures(content_dir, errors, site_dir)
    calendar = build_calendar(
        content_dir, errors, lambda path: _load(path, content_dir)[:2], _validate_against
    )
    if errors:
        raise ContentErrors(errors)
    return {"schema_version": SCHEMA_VERSION, "calendar": calendar, "procedures": procedures, "archive": archive}


def dumps(catalogue: dict) -> str:
    """The one serialisation of the catalogue, byte-for-byte stable."""
    return json.dumps(catalogue, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write(catalogue: dict, outputs: Iterable[Path]) -> list[Path]:
    """Write the catalogue where asked; files already identical are left untouched (mtime kept)."""
    text = dumps(catalogue).encode("utf-8")
    written = []
    for out in outputs:
        out = Path(out)
        if out.exists() and out.read_bytes() == text:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text)
        written.append(out)
    return written


def github_annotations(errors: list[ContentError]) -> str:
    """GitHub Actions workflow commands: each mistake is shown on the changed file's line in the
    pull request, where the editor is already looking."""
    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    return "\n".join(
        f"::error file={escape(e.file, True)},line={e.line},title={escape(e.path or '(cả tệp)', True)}::{escape(e.message)}"
        for e in errors
    )


def _summary(catalogue: dict) -> str:
    count, older = len(catalogue["procedures"]), len(catalogue["archive"])
    return f"{count} thủ tục" + (f" (và {older} phiên bản cũ)" if older else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra và biên dịch danh mục thủ tục.")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT_DIR, help="thư mục content/")
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE_DIR, help="thư mục trang viết tay (docs_dir)")
    parser.add_argument("--output", type=Path, action="append",
                        help="tệp catalogue.json cần ghi (mặc định build/ và functions/portal/)")
    args = parser.parse_args(argv)
    try:
        catalogue = build(args.content, args.site)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotations(exc.errors))
        print(f"Có {len(exc.errors)} lỗi trong nội dung; chưa ghi danh mục. "
              "Xem giải thích từng loại lỗi trong CONTRIBUTING.md.", file=sys.stderr)
        return 1
    if args.check:
        print(f"Nội dung hợp lệ: {_summary(catalogue)}.")
        return 0
    outputs = args.output or list(DEFAULT_OUTPUTS)
    write(catalogue, outputs)
    print(f"Đã biên dịch {_summary(catalogue)} vào {', '.join(str(p) for p in outputs)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
