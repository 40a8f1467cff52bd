"""content/calendar/<year>.yaml: days off and swapped working days announced each year, on top
of what the holidays package knows."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from jsonschema import Draft202012Validator

from scripts.catalogue.report import ContentError, Reporter
from scripts.catalogue.rules import parse_date

CALENDAR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "days_off": {"type": "array", "items": {"$ref": "#/$defs/day"}},
        "working_days": {"type": "array", "items": {"$ref": "#/$defs/day"}},
    },
    "$defs": {
        "day": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "name"],
            "properties": {
                "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                         "description": "Ngày dạng YYYY-MM-DD."},
                "name": {"type": "string", "minLength": 3},
                "source": {"type": "string"},
            },
        }
    },
}


Loader = Callable[[Path], tuple[Any, Reporter]]
Validate = Callable[[Draft202012Validator, Any, Reporter], bool]


def build_calendar(content_dir: Path, errors: list[ContentError], load: Loader, validate: Validate) -> dict:
    validator = Draft202012Validator(CALENDAR_SCHEMA)
    merged: dict[str, dict[str, str]] = {"days_off": {}, "working_days": {}}
    for path in sorted((content_dir / "calendar").glob("*.yaml")):
        data, report = load(path)
        if not re.fullmatch(r"\d{4}", path.stem):
            report.add((), "tên tệp lịch phải là năm, ví dụ 2026.yaml")
        if isinstance(data, dict) and validate(validator, data, report):
            for kind in ("days_off", "working_days"):
                for i, entry in enumerate(data.get(kind) or []):
                    where = (kind, i, "date")
                    day = parse_date(entry["date"])
                    if day is None:
                        report.add(where, f"ngày {entry['date']} không có thật trên lịch")
                    elif str(day.year) != path.stem:
                        report.add(where, f"ngày {day:%d/%m/%Y} không thuộc năm {path.stem} của tệp này")
                    elif kind == "working_days" and day.weekday() < 5:
                        report.add(where, f"ngày làm bù {day:%d/%m/%Y} phải là thứ Bảy hoặc Chủ nhật")
                    elif entry["date"] in merged["days_off"] or entry["date"] in merged["working_days"]:
                        report.add(where, f"ngày {day:%d/%m/%Y} đã được ghi ở trên")
                    else:
                        merged[kind][entry["date"]] = entry["name"]
        errors.extend(report.errors)
    return {
        "source": "content/calendar",
        **{kind: [{"date": d, "name": n} for d, n in sorted(days.items())] for kind, days in merged.items()},
    }
