"""content/calendar/<year>.yaml: the complete working calendar of a year. Every day off and every
swapped working day is listed with the document that announced it; a year with a file is decided
by that file alone (plus weekends), see functions/portal/domain/calendar.py."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from scripts.catalogue.files import load_content_file, schema_validator, validate
from scripts.catalogue.report import ContentError, ContentWarning, dotted
from scripts.catalogue.rules import dicts, parse_date

CALENDAR_DIR = "calendar"
CALENDAR_SCHEMA = "calendar.v1.schema.json"
KINDS = ("days_off", "working_days")
# From this day of a year on, next year's schedule is normally announced and its file is due.
NEXT_YEAR_DUE = (11, 1)


def build_calendar(content_dir: Path, errors: list[ContentError]) -> dict:
    """The compiled `calendar`: the years with a file, and the days they list (with the text of
    the announcing document), sorted by date."""
    validator = schema_validator(content_dir, CALENDAR_SCHEMA)
    years: list[int] = []
    merged: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
    for path in sorted((content_dir / CALENDAR_DIR).glob("*.yaml")):
        file = load_content_file(path, content_dir, CALENDAR_SCHEMA)
        report, data = file.report, file.data
        if not re.fullmatch(r"[0-9]{4}", path.stem):
            report.add((), "tên tệp lịch phải là năm, ví dụ 2026.yaml")
        elif isinstance(data, dict) and validate(validator, data, report):
            sources = data["sources"]
            seen: dict[str, str] = {}
            for kind in KINDS:
                for i, entry in dicts(data.get(kind)):
                    day = parse_date(entry["date"])
                    problem = _day_problem(day, entry, kind, path.stem, sources, seen)
                    if problem:
                        report.add((kind, i, problem[0]), problem[1])
                        continue
                    seen[entry["date"]] = dotted((kind, i))
                    merged[kind][entry["date"]] = {
                        "date": entry["date"], "name": entry["name"], "source": " ".join(sources[entry["source"]].split()),
                    }
            years.append(int(path.stem))
        errors.extend(report.errors)
    return {
        "source": "content/calendar",
        "years": years,
        **{kind: [days[d] for d in sorted(days)] for kind, days in merged.items()},
    }


def _day_problem(
    day: date | None, entry: dict, kind: str, year: str, sources: dict, seen: dict
) -> tuple[str, str] | None:
    """(the entry's field at fault, the message), or None."""
    if day is None:
        return "date", f"ngày {entry['date']} không có thật trên lịch"
    if str(day.year) != year:
        return "date", f"ngày {day:%d/%m/%Y} không thuộc năm {year} của tệp này"
    if kind == "working_days" and day.weekday() < 5:
        return "date", f"ngày làm bù {day:%d/%m/%Y} phải là thứ Bảy hoặc Chủ nhật"
    if entry["date"] in seen:
        return "date", f"ngày {day:%d/%m/%Y} đã được ghi ở {seen[entry['date']]}"
    if entry["source"] not in sources:
        known = ", ".join(sorted(sources))
        return "source", f"văn bản '{entry['source']}' chưa được khai báo trong sources ở đầu tệp; các mã đã khai báo: {known}"
    return None


def calendar_warnings(content_dir: Path, today: date) -> list[ContentWarning]:
    """The calendar files that are due but missing: this year's, and from 1 November next
    year's. Without its file a year's due dates fall back on the `holidays` package and are
    recorded as provisional: a warning, because nothing is wrong yet, but an editor must act."""
    folder = content_dir / CALENDAR_DIR
    due = [today.year] + ([today.year + 1] if (today.month, today.day) >= NEXT_YEAR_DUE else [])
    return [
        ContentWarning(
            f"content/{CALENDAR_DIR}/{year}.yaml", 1, "",
            f"chưa có lịch làm việc năm {year}: ngày hẹn rơi vào năm {year} được tính theo thư viện "
            f"holidays và ghi là tạm tính; khi Chính phủ công bố lịch nghỉ năm {year}, tạo tệp này ghi "
            "đủ ngày nghỉ, ngày làm bù kèm văn bản (CONTRIBUTING.md, mục 11)",
        )
        for year in due
        if not (folder / f"{year}.yaml").exists()
    ]
