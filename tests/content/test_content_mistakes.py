"""Each kind of editor mistake is reported with file, line, field path and a Vietnamese message,
and the build refuses to write a catalogue."""
from pathlib import Path

import pytest
from content_test_helpers import errors_of, line_of, only_error_at, replace_in

from scripts.build_catalogue import ContentErrors, build, main

NUOI = "procedures/nuoi-trong-long-be.yaml"
DISPLAY = "content/procedures/nuoi-trong-long-be.yaml"


def test_unknown_field_is_reported_where_it_is_written_with_a_suggestion(content_copy):
    replace_in(content_copy / NUOI, "cutoff_time:", "cutoff_tme:")
    error = only_error_at(errors_of(content_copy), "cutoff_tme")
    assert error.file == DISPLAY
    assert error.line == line_of(content_copy / NUOI, "cutoff_tme:")
    assert "không có trong mẫu khai báo" in error.message and "cutoff_time" in error.message


def test_wrong_enum_value_lists_the_allowed_values(content_copy):
    replace_in(content_copy / NUOI, "group: nuoi-trong", "group: nuoi-trong-thuy-san")
    error = only_error_at(errors_of(content_copy), "group")
    assert error.line == line_of(content_copy / NUOI, "group: nuoi-trong-thuy-san")
    assert "không hợp lệ" in error.message and "khai-thac" in error.message


def test_wrong_enum_deep_inside_a_list_gets_the_full_path(content_copy):
    replace_in(content_copy / NUOI, "accept: [pdf, jpg, png]", "accept: [pdf, jpg, gif]")
    error = only_error_at(errors_of(content_copy), "documents.0.accept.2")
    assert error.line == line_of(content_copy / NUOI, "accept: [pdf, jpg, gif]")
    assert "'gif'" in error.message


def test_refusal_ground_naming_a_missing_document_slot(content_copy):
    replace_in(content_copy / NUOI, "documents: [don-de-nghi]\n", "documents: [don-de-nghi, ban-ve-long]\n")
    error = only_error_at(errors_of(content_copy), "refusal_grounds.0.documents.1")
    assert error.line == line_of(content_copy / NUOI, "ban-ve-long")
    assert "'ban-ve-long' không có trong thành phần hồ sơ" in error.message


def test_file_name_different_from_id(content_copy):
    (content_copy / NUOI).rename(content_copy / "procedures/nuoi-long-be.yaml")
    error = only_error_at(errors_of(content_copy), "id")
    assert error.file == "content/procedures/nuoi-long-be.yaml"
    assert error.line == line_of(content_copy / "procedures/nuoi-long-be.yaml", "id: nuoi-trong-long-be")
    assert "phải trùng với tên tệp" in error.message


def test_duplicate_id_across_two_files(content_copy):
    copy = content_copy / "procedures/nuoi-trong-long-be-2.yaml"
    copy.write_text((content_copy / NUOI).read_text(encoding="utf-8"), encoding="utf-8")
    files = {DISPLAY, "content/procedures/nuoi-trong-long-be-2.yaml"}
    duplicate = [e for e in errors_of(content_copy) if e.path == "id" and "đã được dùng trong" in e.message]
    assert len(duplicate) == 1
    (other,) = files - {duplicate[0].file}
    assert duplicate[0].message == f"id 'nuoi-trong-long-be' đã được dùng trong {other}"
    assert duplicate[0].line == line_of(copy, "id: nuoi-trong-long-be")


def test_duplicate_national_code_across_two_files(content_copy):
    for name in (NUOI, "procedures/xoa-dang-ky-tau-ca.yaml"):
        replace_in(content_copy / name, "national_code: null", 'national_code: "9.000001"')
    error = only_error_at(errors_of(content_copy), "national_code")
    assert error.file == "content/procedures/xoa-dang-ky-tau-ca.yaml"
    assert error.line == line_of(content_copy / "procedures/xoa-dang-ky-tau-ca.yaml", "national_code:")
    assert error.message == f"national_code '9.000001' đã được dùng trong {DISPLAY}"


def test_unquoted_national_code_is_explained(content_copy):
    replace_in(content_copy / NUOI, "national_code: null", "national_code: 1.004344")
    error = only_error_at(errors_of(content_copy), "national_code")
    assert "dấu ngoặc kép" in error.message


def test_missing_required_field_and_impossible_date(content_copy):
    replace_in(content_copy / NUOI, "summary: |", "sumary: |")
    replace_in(content_copy / NUOI, "effective_date: 2019-04-25\ntitle", "effective_date: 2019-02-30\ntitle")
    errors = errors_of(content_copy)
    assert only_error_at(errors, "summary").message == "thiếu trường bắt buộc"
    impossible = only_error_at(errors, "effective_date")
    assert impossible.line == line_of(content_copy / NUOI, "effective_date: 2019-02-30")
    assert "không có thật" in impossible.message


def test_legal_document_effective_date_must_be_a_real_date(content_copy):
    legal = content_copy / "legal/documents.yaml"
    replace_in(legal, "effective_date: 2019-01-01", "effective_date: 2019-13-01")
    error = only_error_at(errors_of(content_copy), "documents.0.effective_date")
    assert error.file == "content/legal/documents.yaml"
    assert error.line == line_of(legal, "effective_date: 2019-13-01")
    assert error.message == "ngày 2019-13-01 không có thật trên lịch"


def test_fee_amount_with_kind_none_is_refused(content_copy):
    replace_in(content_copy / NUOI, "fee: {kind: none}", "fee: {kind: none, amount: 40000}")
    error = only_error_at(errors_of(content_copy), "channels.online.fee.amount")
    assert "không dùng được" in error.message


def test_pattern_written_by_an_editor_is_refused(content_copy):
    replace_in(content_copy / NUOI, "      unit: lồng\n", "      unit: lồng\n      pattern: '^\\d+$'\n")
    error = only_error_at(errors_of(content_copy), "form.fields.3.pattern")
    assert error.line == line_of(content_copy / NUOI, "pattern:")


def test_unconfirmed_path_must_exist(content_copy):
    replace_in(content_copy / NUOI, "  - path: agency.phone", "  - path: agency.fax")
    error = only_error_at(errors_of(content_copy), "unconfirmed.3.path")
    assert "không tìm thấy 'agency.fax'" in error.message


def test_duplicate_key_in_one_file(content_copy):
    replace_in(content_copy / NUOI, "version: 1\n", "version: 1\nversion: 2\n")
    error = only_error_at(errors_of(content_copy), "version")
    assert error.line == line_of(content_copy / NUOI, "version: 2")
    assert "ghi hai lần" in error.message


def test_yaml_syntax_error_is_located(content_copy):
    replace_in(content_copy / NUOI, "title: Cấp, cấp lại", "title: [Cấp, cấp lại")
    error = errors_of(content_copy)[0]
    assert error.file == DISPLAY and error.line > 1
    assert "cú pháp YAML" in error.message


def test_calendar_working_day_must_be_a_weekend_day(content_copy):
    replace_in(content_copy / "calendar/2026.yaml", "date: 2026-01-10", "date: 2026-01-09")
    error = only_error_at(errors_of(content_copy), "working_days.0.date")
    assert error.file == "content/calendar/2026.yaml"
    assert "thứ Bảy hoặc Chủ nhật" in error.message


def test_every_mistake_in_every_file_is_reported_at_once(content_copy):
    replace_in(content_copy / NUOI, "group: nuoi-trong", "group: nuoi")
    replace_in(content_copy / "procedures/xoa-dang-ky-tau-ca.yaml", "service_level: thong-tin", "service_level: muc-4")
    files = {e.file for e in errors_of(content_copy)}
    assert files == {DISPLAY, "content/procedures/xoa-dang-ky-tau-ca.yaml"}


def test_command_prints_file_line_path_message_and_fails_without_writing(content_copy, tmp_path, capsys):
    replace_in(content_copy / NUOI, "group: nuoi-trong", "group: nuoi")
    out = tmp_path / "catalogue.json"
    assert main(["--content", str(content_copy), "--output", str(out)]) == 1
    stderr = capsys.readouterr().err
    expected_line = line_of(content_copy / NUOI, "group: nuoi")
    assert f"{DISPLAY}:{expected_line}: group: giá trị 'nuoi' không hợp lệ" in stderr
    assert not out.exists()
    assert main(["--check", "--content", str(content_copy)]) == 1


# --- tags and the editor's schema line ------------------------------------------------------


def test_include_tag_is_refused_wherever_it_is_written(content_copy):
    replace_in(content_copy / NUOI, "conditions: |", "conditions: !include dieu-kien.md\nconditions_old: |")
    replace_in(content_copy / NUOI, "agency:\n", "agency: !include\n")
    errors = errors_of(content_copy)
    scalar = only_error_at(errors, "conditions")
    assert scalar.line == line_of(content_copy / NUOI, "conditions: !include")
    assert scalar.message.startswith("không dùng được thẻ YAML !include")
    mapping = only_error_at(errors, "agency")
    assert mapping.line == line_of(content_copy / NUOI, "agency: !include")
    assert "!include" in mapping.message


def test_python_and_other_special_tags_are_refused(content_copy):
    replace_in(content_copy / NUOI, "version: 1\n", "version: !!python/int 1\n")
    error = only_error_at(errors_of(content_copy), "version")
    assert "không dùng được thẻ YAML !!python/int" in error.message


def test_missing_schema_line_is_reported_on_line_one(content_copy):
    replace_in(content_copy / NUOI, "# yaml-language-server: $schema=../schema/procedure.v1.schema.json\n", "")
    error = only_error_at(errors_of(content_copy), "")
    assert (error.file, error.line) == (DISPLAY, 1)
    assert error.message.startswith(
        "dòng đầu tiên của tệp phải là: # yaml-language-server: $schema=../schema/procedure.v1.schema.json")
    assert str(error).startswith(f"{DISPLAY}:1: (cả tệp): dòng đầu tiên")


def test_schema_line_pointing_elsewhere_is_reported(content_copy):
    replace_in(content_copy / NUOI, "$schema=../schema/procedure.v1.schema.json", "$schema=schema/procedure.v1.schema.json")
    error = only_error_at(errors_of(content_copy), "")
    assert "$schema=../schema/procedure.v1.schema.json" in error.message


# --- documents named in text --------------------------------------------------------------


def test_step_linking_to_a_document_slot_that_does_not_exist(content_copy):
    replace_in(content_copy / NUOI, "Chuẩn bị đơn đăng ký theo **Mẫu 26.NT**",
               "Chuẩn bị [đơn đăng ký](#giay-to-don-dang-ky) theo **Mẫu 26.NT**")
    error = only_error_at(errors_of(content_copy), "steps.0")
    assert error.line == line_of(content_copy / NUOI, "#giay-to-don-dang-ky")
    assert error.message == ("liên kết tới giấy tờ 'don-dang-ky' nhưng thủ tục này không có giấy tờ này trong "
                             "documents; các mã hiện có: don-de-nghi, giay-uy-quyen")


def test_required_when_and_form_help_naming_a_missing_document(content_copy):
    replace_in(content_copy / NUOI, "required_when: Khi người nộp hồ sơ được ủy quyền",
               "required_when: Khi người nộp hồ sơ được ủy quyền (xem [giấy ủy quyền](#giay-to-uy-quyen))")
    replace_in(content_copy / NUOI, "    - name: loai_giay\n",
               "    - name: loai_giay\n      help: Đính kèm [đơn](/nop-ho-so/nuoi-trong-long-be/#giay-to-don) nếu cấp lại.\n")
    errors = errors_of(content_copy)
    assert "'uy-quyen'" in only_error_at(errors, "documents.1.required_when").message
    help_error = only_error_at(errors, "form.fields.0.help")
    assert help_error.line == line_of(content_copy / NUOI, "help: Đính kèm")
    assert help_error.message.startswith("liên kết tới giấy tờ 'don' nhưng thủ tục này không có giấy tờ này")


def test_document_links_that_exist_are_accepted(content_copy, tmp_path):
    replace_in(content_copy / NUOI, "Chuẩn bị đơn đăng ký theo **Mẫu 26.NT**",
               "Chuẩn bị [đơn đăng ký](#giay-to-don-de-nghi) theo **Mẫu 26.NT**")
    replace_in(content_copy / NUOI, "required_when: Khi người nộp hồ sơ được ủy quyền",
               "required_when: Khi được ủy quyền, xem [mẫu](/thu-tuc/nuoi-trong-long-be/#giay-to-giay-uy-quyen)")
    build(content_copy)  # no ContentErrors


# --- links --------------------------------------------------------------------------------


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "tra-cuu").mkdir(parents=True)
    (site / "tra-cuu" / "index.md").write_text("# Tra cứu\n", encoding="utf-8")
    (site / "quyen-rieng-tu.md").write_text("# Quyền riêng tư\n", encoding="utf-8")
    return site


def _with_summary_line(content: Path, line: str) -> None:
    replace_in(content / NUOI, "  Thủ tục không mất phí", f"  {line}\n\n  Thủ tục không mất phí")


def _link_errors(content: Path, site: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        build(content, site)
    return [e for e in caught.value.errors if e.path == "summary"]


def test_links_that_resolve_are_accepted(content_copy, tmp_path):
    _with_summary_line(content_copy, "Xem [xóa đăng ký tàu cá](/thu-tuc/xoa-dang-ky-tau-ca/), [mẫu đơn](https://dichvucong.gov.vn/p/home.html), "
                                     "[tra cứu](/tra-cuu/), [quyền riêng tư](/quyen-rieng-tu/), [danh mục](/thu-tuc/), "
                                     "[nộp](/nop-ho-so/nuoi-trong-long-be/) hoặc https://thuysan.quangngai.gov.vn.")
    build(content_copy, _site(tmp_path))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("[thủ tục khác](/thu-tuc/khong-co-thu-tuc-nay/)",
         "liên kết '/thu-tuc/khong-co-thu-tuc-nay/' trỏ tới thủ tục 'khong-co-thu-tuc-nay' không có trong content/procedures"),
        ("[thủ tục](/thu-tuc/xoa-dang-ky-tau-ca)",
         "liên kết '/thu-tuc/xoa-dang-ky-tau-ca' phải có dạng /thu-tuc/<mã thủ tục>/ (có dấu / ở cuối)"),
        ("[nộp](/nop-ho-so/xoa-dang-ky-tau-ca/)",
         "thủ tục 'xoa-dang-ky-tau-ca' không nộp trực tuyến nên không có trang /nop-ho-so/xoa-dang-ky-tau-ca/; dùng /thu-tuc/xoa-dang-ky-tau-ca/"),
        ("[hướng dẫn](/huong-dan/)", "không có trang hoặc tệp '/huong-dan/' trong cổng (liên kết '/huong-dan/')"),
        ("[bấm vào đây](javascript:void)",
         "liên kết 'javascript:void' dùng giao thức 'javascript:' không được phép; liên kết ra ngoài chỉ dùng http:// hoặc https://"),
        ("tải mẫu tại ftp://files.example.vn/mau.doc",
         "liên kết 'ftp://files.example.vn/mau.doc' dùng giao thức 'ftp:' không được phép; liên kết ra ngoài chỉ dùng http:// hoặc https://"),
        ("[mẫu](../mau-don.md)",
         "liên kết '../mau-don.md' không hợp lệ: trang trong cổng viết từ gốc, bắt đầu bằng / (ví dụ /thu-tuc/nuoi-trong-long-be/); trang bên ngoài bắt đầu bằng https://"),
        ("[cổng](www.dichvucong.gov.vn)", "liên kết 'www.dichvucong.gov.vn' không hợp lệ (thêm https:// ở đầu)"),
        ("[xem]()", "liên kết trống"),
        ("![sơ đồ](https://cdn.example.com/so-do.png)",
         "ảnh hoặc tệp nhúng 'https://cdn.example.com/so-do.png' phải nằm trong cổng (đường dẫn bắt đầu bằng /)"),
        ('<img src="//cdn.example.com/x.png">', "ảnh hoặc tệp nhúng '//cdn.example.com/x.png' phải nằm trong cổng"),
        ("![mẫu đơn](/assets/khong-co.png)", "không có trang hoặc tệp '/assets/khong-co.png' trong cổng"),
        ("xem trang /thu-tuc/khong-co/ để biết thêm",
         "liên kết '/thu-tuc/khong-co/' trỏ tới thủ tục 'khong-co' không có trong content/procedures"),
    ],
)
def test_broken_links_in_text_are_reported_with_the_line(content_copy, tmp_path, written, expected):
    _with_summary_line(content_copy, written)
    [error] = _link_errors(content_copy, _site(tmp_path))
    assert error.message.startswith(expected)
    assert error.line == line_of(content_copy / NUOI, "summary: |")


def test_in_github_actions_each_mistake_is_also_an_annotation_on_the_file(content_copy, capsys, monkeypatch):
    replace_in(content_copy / NUOI, "group: nuoi-trong", "group: nuoi")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--check", "--content", str(content_copy)]) == 1
    out = capsys.readouterr().out
    line = line_of(content_copy / NUOI, "group: nuoi")
    assert f"::error file={DISPLAY},line={line},title=group::giá trị 'nuoi' không hợp lệ; chỉ được dùng: khai-thac, " in out
