"""Reading one content file: YAML with lines, its `$schema` first line, its JSON Schema. Every
kind of content file (procedures, the calendar, the legal documents) is read the same way."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from scripts.catalogue.report import Reporter, display_name
from scripts.catalogue.rules import check_schema_line
from scripts.catalogue.schema_messages import schema_messages
from scripts.catalogue.yaml_lines import load_yaml_with_lines

SCHEMA_DIR = "schema"


@dataclass
class ContentFile:
    path: Path
    data: Any
    report: Reporter
    text: str


def load_content_file(path: Path, content_dir: Path, schema_name: str) -> ContentFile:
    """Load `path`, reporting YAML mistakes, an empty file, a file that is not a mapping, and a
    first line that does not point the editor at content/schema/<schema_name>."""
    text = path.read_text(encoding="utf-8")
    loaded = load_yaml_with_lines(text)
    report = Reporter(display_name(path, content_dir), loaded.lines)
    for line, field_path, message in loaded.errors:
        report.add(field_path, message, line)
    if loaded.data is None and not loaded.errors:
        report.add((), "tệp trống")
    elif loaded.data is not None and not isinstance(loaded.data, dict):
        report.add((), "tệp phải là một nhóm trường (dạng tên: giá trị)")
    schema_ref = Path(os.path.relpath(content_dir / SCHEMA_DIR / schema_name, path.parent)).as_posix()
    problem = check_schema_line(text, schema_ref)
    if problem:
        report.add((), problem, 1)
    return ContentFile(path, loaded.data, report, text)


def schema_validator(content_dir: Path, schema_name: str) -> Draft202012Validator:
    schema = json.loads((content_dir / SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def validate(
    validator: Draft202012Validator, data: Any, report: Reporter,
    excused: Callable[[ValidationError], bool] | None = None,
) -> bool:
    """Report every schema mistake in plain Vietnamese, except those `excused` (a rule the file
    predates); True when there was none."""
    before = len(report.errors)
    for error in validator.iter_errors(data):
        if excused is not None and excused(error):
            continue
        for line, path, message in schema_messages(error, report.lines):
            report.add(path, message, line)
    return len(report.errors) == before
