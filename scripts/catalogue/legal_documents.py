"""content/legal/documents.yaml: every legal document a procedure rests on, declared once (number,
title, effective date, issuer, what is not yet confirmed). Procedures name documents by number;
the compiler resolves each number into the compiled `legal_bases` entry."""
from __future__ import annotations

import difflib
from pathlib import Path

from scripts.catalogue.files import load_content_file, schema_validator, validate
from scripts.catalogue.report import ContentError, Path_, display_name
from scripts.catalogue.rules import dicts, parse_date

LEGAL_FILE = Path("legal") / "documents.yaml"
LEGAL_SCHEMA = "legal-documents.v1.schema.json"
COMPILED_KEYS = ("number", "title", "effective_date", "issuer")

# number -> {"number", "title", "effective_date", "issuer", "unconfirmed": {field: note}}
Documents = dict[str, dict]


def load_legal_documents(content_dir: Path, errors: list[ContentError]) -> Documents:
    """The declared documents by number; mistakes (a number declared twice, a date that does
    not exist) are appended to `errors`."""
    path = content_dir / LEGAL_FILE
    if not path.exists():
        errors.append(ContentError(display_name(path, content_dir), 1, "",
                                   "thiếu tệp khai báo văn bản pháp luật mà các thủ tục dẫn làm căn cứ"))
        return {}
    file = load_content_file(path, content_dir, LEGAL_SCHEMA)
    documents: Documents = {}
    if isinstance(file.data, dict) and validate(schema_validator(content_dir, LEGAL_SCHEMA), file.data, file.report):
        first: dict[str, int] = {}
        for i, entry in dicts(file.data["documents"]):
            number = entry["number"]
            if number in first:
                file.report.add(("documents", i, "number"),
                                f"văn bản {number} đã được khai báo ở documents.{first[number]} "
                                f"(dòng {file.report.lines.get(('documents', first[number]), 1)}); mỗi văn bản chỉ khai báo một lần")
                continue
            first[number] = i
            if parse_date(entry["effective_date"]) is None:
                file.report.add(("documents", i, "effective_date"), f"ngày {entry['effective_date']} không có thật trên lịch")
            documents[number] = {key: " ".join(entry[key].split()) for key in COMPILED_KEYS} | {
                "unconfirmed": {field: " ".join(note.split()) for field, note in (entry.get("unconfirmed") or {}).items()},
            }
    errors.extend(file.report.errors)
    return documents


def check_legal_bases(data: dict, documents: Documents) -> list[tuple[Path_, str]]:
    """Each legal basis of a procedure names a declared document, once; what is unconfirmed
    about a document is said where the document is declared, not in each procedure."""
    problems: list[tuple[Path_, str]] = []
    seen: dict[str, int] = {}
    bases = data.get("legal_bases")
    for i, number in enumerate(bases if isinstance(bases, list) else []):
        if not isinstance(number, str):
            continue
        if number in seen:
            problems.append((("legal_bases", i), f"văn bản {number} đã ghi ở legal_bases.{seen[number]}"))
        seen.setdefault(number, i)
        if documents and number not in documents:
            hint = difflib.get_close_matches(number, list(documents), n=1)
            suggestion = f"; có phải ý bạn là '{hint[0]}'?" if hint else ""
            problems.append((("legal_bases", i),
                             f"văn bản '{number}' chưa được khai báo trong content/{LEGAL_FILE.as_posix()}{suggestion} "
                             "(khai báo số, tên, ngày có hiệu lực, cơ quan ban hành ở đó trước)"))
    for i, entry in dicts(data.get("unconfirmed")):
        parts = str(entry.get("path") or "").split(".")
        if parts[0] == "legal_bases" and len(parts) > 2:
            problems.append((("unconfirmed", i, "path"),
                             f"'{entry['path']}' là thông tin của văn bản: ghi vào unconfirmed của văn bản đó trong "
                             f"content/{LEGAL_FILE.as_posix()}, mọi thủ tục dẫn văn bản sẽ cùng hiện \"đang cập nhật\""))
    return problems


def resolve_legal_bases(numbers: list[str], documents: Documents) -> tuple[list[dict], list[dict]]:
    """(the compiled legal_bases entries, the unconfirmed entries they bring, at their paths)."""
    bases, unconfirmed = [], []
    for i, number in enumerate(numbers):
        document = documents[number]
        bases.append({key: document[key] for key in COMPILED_KEYS})
        unconfirmed += [{"path": f"legal_bases.{i}.{field}", "note": note}
                        for field, note in sorted(document["unconfirmed"].items())]
    return bases, unconfirmed
