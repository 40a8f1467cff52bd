"""Validate the procedure files and compile them into the catalogue the site and the API read.

    python -m scripts.build_catalogue            # validate, then write build/catalogue.json
                                                 # and functions/portal/catalogue.json
    python -m scripts.build_catalogue --check    # validate only

Every mistake in every file is reported at once, as `content/procedures/x.yaml:LINE: field.path:
message`, with the message in Vietnamese because content editors read it (CONTRIBUTING.md
explains each kind). The output is deterministic (sorted, keys sorted), so rebuilding unchanged
content writes identical bytes. The rules themselves live in scripts/catalogue/.

Warnings (a calendar file that is due: this year's, and from 1 November next year's) are printed
as `file:line: (cả tệp): cảnh báo: ...` and do not stop the build; they depend on today's date,
so they never go into the catalogue.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator

from portal.domain.clock import now_vn
from portal.domain.vocabulary import vocabulary
from scripts.catalogue.calendar_files import build_calendar, calendar_warnings
from scripts.catalogue.field_rules import field_rules
from scripts.catalogue.files import load_content_file, schema_validator, validate
from scripts.catalogue.legal_documents import Documents, check_legal_bases, load_legal_documents
from scripts.catalogue.links import KnownPages, check_links
from scripts.catalogue.normalise import FIELD_PATTERNS, normalise_procedure
from scripts.catalogue.prose import check_prose
from scripts.catalogue.report import ContentError, ContentErrors, ContentWarning, display_name, line_for
from scripts.catalogue.rules import check_unconfirmed, cross_check, document_slots
from scripts.catalogue.versions import VersionFile, archive_paths, check_versions, link_versions, predates_kinds

__all__ = ["FIELD_PATTERNS", "ContentError", "ContentErrors", "build", "dumps", "main", "write"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONTENT_DIR = ROOT / "content"
DEFAULT_SITE_DIR = ROOT / "site"  # mkdocs docs_dir: hand-written pages links may point at
DEFAULT_OUTPUTS = (ROOT / "build" / "catalogue.json", ROOT / "functions" / "portal" / "catalogue.json")
PROCEDURE_SCHEMA = "procedure.v1.schema.json"
SCHEMA_VERSION = 1


def _load_procedure(path: Path, content_dir: Path, archived: bool) -> VersionFile:
    file = load_content_file(path, content_dir, PROCEDURE_SCHEMA)
    expected_id = path.parent.name if archived else path.stem
    return VersionFile(path, file.data, file.report, expected_id, archived)


def _known_pages(current: list[VersionFile], site_dir: Path | None) -> KnownPages:
    procedures = {
        file.expected_id: {
            "slots": set(document_slots(file.data)),
            "online": isinstance(file.field("channels"), dict) and "online" in file.field("channels"),
        }
        for file in current
    }
    return KnownPages(procedures, site_dir)


def _check_file(file: VersionFile, validator: Draft202012Validator, known: KnownPages, documents: Documents) -> None:
    if not isinstance(file.data, dict):
        return
    report = file.report
    schema_ok = validate(validator, file.data, report, predates_kinds if file.archived else None)
    if file.archived:
        hint = f"(phiên bản cũ nằm trong thư mục archive/{file.expected_id}/ nên mang id của thủ tục đó)"
    else:
        hint = f"(phải trùng với tên tệp {file.path.name})"
    for field_path, message in cross_check(file.data, file.expected_id, hint):
        report.add(field_path, message)
    for field_path, message in check_links(file.data, file.expected_id, known):
        report.add(field_path, message)
    for field_path, message in check_legal_bases(file.data, documents):
        report.add(field_path, message)
    for field_path, extra_lines, message in check_prose(file.data):
        report.add(field_path, message, line_for(report.lines, field_path) + extra_lines)
    if schema_ok and not report.errors and documents:
        procedure = normalise_procedure(file.data, documents)
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
    content_dir: Path, errors: list[ContentError], site_dir: Path | None, documents: Documents
) -> tuple[list[dict], list[dict]]:
    """(current entries, archived entries), or mistakes appended to `errors`."""
    procedures_dir = content_dir / "procedures"
    validator = schema_validator(content_dir, PROCEDURE_SCHEMA)
    current = [_load_procedure(p, content_dir, archived=False) for p in sorted(procedures_dir.glob("*.yaml"))]
    archived_paths, misplaced = archive_paths(procedures_dir)
    archived = [_load_procedure(p, content_dir, archived=True) for p in archived_paths]

    known = _known_pages(current, site_dir)
    for file in current + archived:
        _check_file(file, validator, known, documents)
    _check_unique(current)
    check_versions({f.expected_id: f for f in current}, archived,
                   {number: doc["effective_date"] for number, doc in documents.items()})

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
    # No error was found, so every file compiled.
    heads = sorted((f.compiled for f in current if f.compiled is not None), key=lambda p: p["id"])
    olds = link_versions(heads, [f.compiled for f in archived if f.compiled is not None])
    return heads, sorted(olds, key=lambda p: (p["id"], -p["version"]))


def build(content_dir: Path, site_dir: Path | None = DEFAULT_SITE_DIR) -> dict:
    """Validate everything under `content_dir` and return the compiled catalogue.

    Raises ContentErrors listing every mistake found (in all files) when anything is wrong."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    documents = load_legal_documents(content_dir, errors)
    procedures, archive = build_procedures(content_dir, errors, site_dir, documents)
    calendar = build_calendar(content_dir, errors)
    if errors:
        raise ContentErrors(errors)
    return {
        "schema_version": SCHEMA_VERSION,
        "calendar": calendar,
        "procedures": procedures,
        "archive": archive,
        "field_rules": field_rules(),  # read by the API's validators and the browser's form
        "vocabulary": vocabulary(),  # every label of a code; the site hands it to the page scripts
    }


def dumps(catalogue: dict) -> str:
    """The one serialisation of the catalogue, byte-for-byte stable."""
    return json.dumps(catalogue, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write(catalogue: dict, outputs: Iterable[Path]) -> list[Path]:
    """Write the catalogue where asked; files already identical are left untouched (mtime kept)."""
    text = dumps(catalogue).encode("utf-8")
    written = []
    for given in outputs:
        out = Path(given)
        if out.exists() and out.read_bytes() == text:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text)
        written.append(out)
    return written


def github_annotations(errors: Sequence[ContentError]) -> str:
    """GitHub Actions workflow commands: each mistake is shown on the changed file's line in the
    pull request, where the editor is already looking."""
    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    return "\n".join(
        f"::{'warning' if isinstance(e, ContentWarning) else 'error'} file={escape(e.file, True)},line={e.line},"
        f"title={escape(e.path or '(cả tệp)', True)}::{escape(e.message)}"
        for e in errors
    )


def _summary(catalogue: dict) -> str:
    count, older = len(catalogue["procedures"]), len(catalogue["archive"])
    return f"{count} thủ tục" + (f" (và {older} phiên bản cũ)" if older else "")


def main(argv: list[str] | None = None, today: date | None = None) -> int:
    """`today` (Vietnam date by default) decides which calendar files are due (a warning)."""
    parser = argparse.ArgumentParser(description="Kiểm tra và biên dịch danh mục thủ tục.")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT_DIR, help="thư mục content/")
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE_DIR, help="thư mục trang viết tay (docs_dir)")
    parser.add_argument("--output", type=Path, action="append",
                        help="tệp catalogue.json cần ghi (mặc định build/ và functions/portal/)")
    args = parser.parse_args(argv)
    warnings = calendar_warnings(args.content, today or now_vn().date())
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings and os.environ.get("GITHUB_ACTIONS") == "true":
        print(github_annotations(warnings))
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
