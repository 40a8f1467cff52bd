"""content/calendar/<year>.yaml: the complete working calendar of a year, each day with the
document that announced it, and the warning when a year's file is due but missing."""
from datetime import date

from content_test_helpers import CONTENT, errors_of, line_of, only_error_at, replace_in

from scripts.build_catalogue import build, main
from scripts.catalogue.calendar_files import calendar_warnings

CALENDAR = "calendar/2026.yaml"
DISPLAY = "content/calendar/2026.yaml"


def test_each_day_carries_the_text_of_its_document():
    calendar = build(CONTENT)["calendar"]
    swap = next(d for d in calendar["days_off"] if d["date"] == "2026-08-31")
    assert swap["name"] == "Nghỉ Quốc khánh (hoán đổi, làm bù thứ Bảy 22/08/2026)"
    assert swap["source"].startswith("Văn bản ngày 13/10/2025 của Văn phòng Chính phủ")
    assert [d["date"] for d in calendar["days_off"]] == sorted(d["date"] for d in calendar["days_off"])


def test_a_day_naming_an_undeclared_document_is_refused(content_copy):
    path = content_copy / CALENDAR
    replace_in(path, "    source: tet-duong-lich\n", "    source: tet-duong-lich-2026\n")
    error = only_error_at(errors_of(content_copy), "days_off.1.source")
    assert (error.file, error.line) == (DISPLAY, line_of(path, "source: tet-duong-lich-2026"))
    assert error.message == (
        "văn bản 'tet-duong-lich-2026' chưa được khai báo trong sources ở đầu tệp; "
        "các mã đã khai báo: bo-luat-lao-dong, tet-am-lich-quoc-khanh, tet-duong-lich"
    )


def test_a_day_without_its_document_is_refused(content_copy):
    replace_in(content_copy / CALENDAR, "    name: Ngày Chiến thắng\n    source: bo-luat-lao-dong\n", "    name: Ngày Chiến thắng\n")
    error = only_error_at(errors_of(content_copy), "days_off.9.source")
    assert error.message == "thiếu trường bắt buộc"


def test_a_day_listed_twice_is_refused(content_copy):
    replace_in(content_copy / CALENDAR, "  - date: 2026-05-01\n", "  - date: 2026-04-30\n")
    error = only_error_at(errors_of(content_copy), "days_off.10.date")
    assert error.message == "ngày 30/04/2026 đã được ghi ở days_off.9"


def test_a_day_of_another_year_is_refused(content_copy):
    replace_in(content_copy / CALENDAR, "date: 2026-05-01", "date: 2027-05-01")
    assert only_error_at(errors_of(content_copy), "days_off.10.date").message == "ngày 01/05/2027 không thuộc năm 2026 của tệp này"


def test_the_calendar_file_needs_its_schema_line(content_copy):
    replace_in(content_copy / CALENDAR, "# yaml-language-server: $schema=../schema/calendar.v1.schema.json\n", "")
    error = only_error_at(errors_of(content_copy), "")
    assert (error.file, error.line) == (DISPLAY, 1)
    assert error.message.startswith("dòng đầu tiên của tệp phải là: # yaml-language-server: $schema=../schema/calendar.v1.schema.json")


def test_next_years_file_is_due_from_the_first_of_november(content_copy):
    assert calendar_warnings(content_copy, date(2026, 10, 31)) == []
    [warning] = calendar_warnings(content_copy, date(2026, 11, 1))
    assert (warning.file, warning.line, warning.path) == ("content/calendar/2027.yaml", 1, "")
    assert str(warning).startswith("content/calendar/2027.yaml:1: (cả tệp): cảnh báo: chưa có lịch làm việc năm 2027")
    (content_copy / "calendar/2027.yaml").write_text("", encoding="utf-8")
    assert calendar_warnings(content_copy, date(2026, 12, 2)) == []


def test_this_years_file_is_due_all_year(content_copy):
    (content_copy / CALENDAR).unlink()
    assert [w.file for w in calendar_warnings(content_copy, date(2026, 3, 1))] == [DISPLAY]


def test_a_missing_file_is_a_warning_that_does_not_stop_the_build(content_copy, tmp_path, capsys, monkeypatch):
    out = tmp_path / "catalogue.json"
    assert main(["--content", str(content_copy), "--output", str(out)], today=date(2026, 12, 2)) == 0
    assert out.exists()
    assert "content/calendar/2027.yaml:1: (cả tệp): cảnh báo: chưa có lịch làm việc năm 2027" in capsys.readouterr().err
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--check", "--content", str(content_copy)], today=date(2026, 12, 2)) == 0
    assert "::warning file=content/calendar/2027.yaml,line=1," in capsys.readouterr().out
    assert main(["--check", "--content", str(content_copy)], today=date(2026, 6, 1)) == 0
    assert "cảnh báo" not in capsys.readouterr().err
