"""Figures in prose: a summary, step, condition or help text refers to the structured fee and
time limit with a placeholder the compiler fills in (marked when unconfirmed), never repeats
them, and every channel and case carries its figures as ready-made text."""
import pytest
from content_test_helpers import CONTENT, NUOI, errors_of, line_of, only_error_at, replace_in

from portal.domain.lifecycle import COMPLETENESS_CHECK_WORKING_DAYS
from scripts.build_catalogue import build
from scripts.catalogue.prose import prose_fields

STEP = "  - Nộp hồ sơ trực tuyến trên cổng này"
FISHING = "procedures/giay-phep-khai-thac.yaml"


def _procedure(content, procedure_id="nuoi-trong-long-be"):
    return next(p for p in build(content)["procedures"] if p["id"] == procedure_id)


def _add_step(content, text: str):
    replace_in(content / NUOI, STEP, f"  - {text}\n{STEP}")


def test_no_compiled_text_keeps_a_placeholder():
    for procedure in build(CONTENT)["procedures"]:
        for path, text in prose_fields(procedure):
            assert "{{" not in text and "}}" not in text, (procedure["id"], path, text)


def test_the_completeness_check_is_the_legal_constant():
    procedure = _procedure(CONTENT)
    [step] = [s for s in procedure["steps"] if "cán bộ xem hồ sơ đã đủ chưa" in s]
    assert f"trong {COMPLETENESS_CHECK_WORKING_DAYS} ngày làm việc cán bộ xem hồ sơ" in step


def test_a_fee_by_case_is_filled_in_with_each_unconfirmed_figure_marked():
    step = next(s for s in _procedure(CONTENT, "giay-phep-khai-thac")["steps"] if s.startswith("Nộp lệ phí"))
    assert step == "Nộp lệ phí khi cán bộ thông báo. Mức lệ phí: Cấp mới: 40.000 đ (đang cập nhật); cấp lại: 20.000 đ (đang cập nhật)."


def test_a_confirmed_figure_is_filled_in_without_a_mark(content_copy):
    _add_step(content_copy, "Kết quả trong {{ thoi_han }}; lệ phí {{ le_phi.counter }}.")
    step = next(s for s in _procedure(content_copy)["steps"] if s.startswith("Kết quả"))
    assert step == "Kết quả trong 5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; lệ phí Không thu phí."


def test_a_figure_becomes_marked_once_an_editor_doubts_it(content_copy):
    _add_step(content_copy, "Kết quả trong {{ thoi_han }}.")
    replace_in(content_copy / NUOI, "unconfirmed:\n", "unconfirmed:\n  - path: channels.online.time_limit\n    note: Chưa rõ.\n")
    step = next(s for s in _procedure(content_copy)["steps"] if s.startswith("Kết quả"))
    assert step == "Kết quả trong 5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (đang cập nhật)."


def test_a_time_limit_by_case_says_its_shared_starting_point_once(content_copy):
    replace_in(content_copy / NUOI, "    fee: {kind: none}\n  counter:",
               "    fee: {kind: none}\n    cases:\n      - when: {field: loai_giay, equals: cap-lai}\n"
               "        time_limit: {value: 3, unit: working_days, from: receipt}\n  counter:")
    _add_step(content_copy, "'Thời hạn: {{ thoi_han }}.'")
    step = next(s for s in _procedure(content_copy)["steps"] if s.startswith("Thời hạn"))
    assert step == "Thời hạn: Cấp mới: 5 ngày làm việc; cấp lại: 3 ngày làm việc (kể từ ngày nhận đủ hồ sơ hợp lệ)."


def test_every_channel_and_case_carries_its_figures_as_text():
    for procedure in build(CONTENT)["procedures"]:
        for channel in procedure["channels"].values():
            assert channel["fee_text"] and channel["time_limit_text"]
            for case in channel["cases"]:
                assert case["fee_text"] and case["time_limit_text"]
    feed = _procedure(CONTENT, "thuc-an-thuy-san-co-so-du-dieu-kien")["channels"]["online"]
    assert feed["fee_text"] == "5.700.000 đ"
    assert feed["cases"][0]["fee_text"] == "Đang cập nhật"
    assert feed["cases"][0]["time_limit_text"] == "3 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định"


@pytest.mark.parametrize(("written", "message"), [
    ("{{ phi }}", "ô thay thế '{{ phi }}' không có; chỉ dùng: {{ le_phi }}, {{ thoi_han }}, {{ han_kiem_tra }}, "
                  "{{ le_phi.<cách nộp> }}, {{ thoi_han.<cách nộp> }}"),
    ("{{ le_phi.buu_dien }}", "thủ tục không có cách nộp 'buu_dien' nên không điền được '{{ le_phi.buu_dien }}'; "
                              "các cách nộp: online, counter, post"),
    ("{{ han_kiem_tra.online }}", "ô thay thế '{{ han_kiem_tra.online }}' không có; chỉ dùng: {{ le_phi }}, "
                                  "{{ thoi_han }}, {{ han_kiem_tra }}, {{ le_phi.<cách nộp> }}, {{ thoi_han.<cách nộp> }}"),
    ("{{ le_phi", "dấu {{ hoặc }} lẻ: ô thay thế viết dạng {{ le_phi }}, mở và đóng bằng hai dấu ngoặc nhọn"),
])
def test_an_unknown_placeholder_is_a_content_error(content_copy, written, message):
    _add_step(content_copy, f"Lệ phí {written} nộp tại quầy.")
    error = only_error_at(errors_of(content_copy), "steps.1")
    assert error.line == line_of(content_copy / NUOI, written)
    assert error.message == message


def test_prose_repeating_a_fee_amount_is_reported(content_copy):
    path = content_copy / FISHING
    replace_in(path, "Mức lệ phí: {{ le_phi }}.", "Mức lệ phí: 40.000 đồng.")
    error = only_error_at(errors_of(content_copy), "steps.3")
    assert error.file == "content/procedures/giay-phep-khai-thac.yaml"
    assert error.line == line_of(path, "40.000 đồng")
    assert error.message == (
        "'40.000 đồng' nhắc lại mức phí đã ghi ở channels.online.fee; viết {{ le_phi }} (hoặc {{ le_phi.<cách nộp> }}) "
        "để trang tự điền mức phí, kèm \"đang cập nhật\" khi mức phí chưa xác nhận"
    )


def test_prose_repeating_a_time_limit_is_reported_on_its_own_line_of_a_block(content_copy):
    replace_in(content_copy / NUOI, "summary: |\n", "summary: |\n  Thủ tục nhanh.\n  Kết quả sau 5 ngày làm việc.\n")
    error = only_error_at(errors_of(content_copy), "summary")
    assert error.line == line_of(content_copy / NUOI, "Kết quả sau 5 ngày làm việc")
    assert error.message == (
        "'5 ngày làm việc' nhắc lại một thời hạn hệ thống đã biết; viết {{ thoi_han }} "
        "(thời hạn giải quyết, đã ghi ở channels.online.time_limit) để trang tự điền"
    )


def test_prose_restating_the_completeness_check_is_reported(content_copy):
    replace_in(content_copy / NUOI, "trong {{ han_kiem_tra }} cán bộ", f"trong {COMPLETENESS_CHECK_WORKING_DAYS} ngày làm việc cán bộ")
    error = only_error_at(errors_of(content_copy), "steps.2")
    assert "{{ han_kiem_tra }}" in error.message


def test_a_number_of_days_the_procedure_does_not_hold_is_ordinary_text(content_copy):
    _add_step(content_copy, "Giấy phép có giá trị 10 ngày kể từ ngày cấp; mang theo 3 bản sao.")
    assert any(s.startswith("Giấy phép có giá trị 10 ngày") for s in _procedure(content_copy)["steps"])

