"""Time limits and fees that differ by case (`cases` on a channel, chosen by a form answer):
compiled in the contract's shape, and each way an editor can get the condition wrong is reported
with file, line, field path and a Vietnamese message."""
from pathlib import Path

from content_test_helpers import CONTENT, NUOI, errors_of, line_of, only_error_at, replace_in

from scripts.build_catalogue import build

DISPLAY = "content/procedures/nuoi-trong-long-be.yaml"
ONLINE = "  online:\n    time_limit: {value: 5, unit: working_days, from: receipt}\n    fee: {kind: none}\n"


def add_case(content: Path, when: str, rest: str = "        time_limit: {value: 3, unit: working_days, from: receipt}\n") -> Path:
    """Give the aquaculture procedure's online channel one case, as an editor would write it."""
    path = content / NUOI
    replace_in(path, ONLINE, ONLINE + f"    cases:\n      - when: {when}\n" + rest)
    return path


def _nuoi(catalogue):
    return next(p for p in catalogue["procedures"] if p["id"] == "nuoi-trong-long-be")


def test_a_case_is_compiled_with_every_key_and_channels_without_cases_get_an_empty_list(content_copy):
    add_case(content_copy, "{field: loai_giay, equals: cap-lai}")
    channels = _nuoi(build(content_copy))["channels"]
    assert channels["online"]["cases"] == [{
        "when": {"field": "loai_giay", "equals": "cap-lai"},
        "time_limit": {"value": 3, "unit": "working_days", "from": "receipt"},
        "fee": None,  # the case keeps the channel's fee
        # What applies in that case, as people read it: its own time limit, the channel's fee.
        "time_limit_text": "3 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee_text": "Không thu phí",
    }]
    assert channels["online"]["time_limit"]["value"] == 5  # the default stays for new certificates
    assert channels["counter"]["cases"] == [] and channels["post"]["cases"] == []


def test_the_real_content_uses_cases_for_the_reissue_figures():
    procedures = {p["id"]: p for p in build(CONTENT)["procedures"]}
    for procedure in procedures.values():
        for channel in procedure["channels"].values():
            assert set(channel) == {"time_limit", "fee", "cases", "time_limit_text", "fee_text"}
    fishing = procedures["giay-phep-khai-thac"]["channels"]["online"]
    assert fishing["fee"]["amount"] == 40000
    assert (fishing["fee_text"], fishing["time_limit_text"]) == ("40.000 đ", "6 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
    assert fishing["cases"] == [{"when": {"field": "loai_giay", "equals": "cap-lai"}, "time_limit": None,
                                 "fee": {"kind": "fixed", "amount": 20000, "note": None},
                                 "time_limit_text": fishing["time_limit_text"], "fee_text": "20.000 đ"}]
    feed = procedures["thuc-an-thuy-san-co-so-du-dieu-kien"]["channels"]
    for channel in feed.values():
        assert channel["time_limit"]["value"] == 10
        [reissue] = channel["cases"]
        assert reissue["when"] == {"field": "loai_de_nghi", "equals": "cap-lai"}
        assert reissue["time_limit"] == {"value": 3, "unit": "working_days", "from": "complete_dossier"}


def test_a_case_naming_a_field_the_form_does_not_have(content_copy):
    path = add_case(content_copy, "{field: loai_giay_phep, equals: cap-lai}")
    error = only_error_at(errors_of(content_copy), "channels.online.cases.0.when.field")
    assert error.file == DISPLAY
    assert error.line == line_of(path, "loai_giay_phep")
    assert error.message == "biểu mẫu (form.fields) không có ô 'loai_giay_phep'; các ô chọn hiện có: loai_giay"


def test_a_case_on_a_field_that_is_not_a_choice(content_copy):
    path = add_case(content_copy, "{field: doi_tuong_nuoi, equals: ca-bop}")
    error = only_error_at(errors_of(content_copy), "channels.online.cases.0.when.field")
    assert error.line == line_of(path, "field: doi_tuong_nuoi")
    assert "ô 'doi_tuong_nuoi' là loại text, không phải ô chọn (choice)" in error.message


def test_a_case_value_that_is_not_one_of_the_options(content_copy):
    path = add_case(content_copy, "\n          field: loai_giay\n          equals: cap-doi")
    error = only_error_at(errors_of(content_copy), "channels.online.cases.0.when.equals")
    assert error.line == line_of(path, "equals: cap-doi")
    assert error.message == "'cap-doi' không phải lựa chọn của ô 'loai_giay'; các lựa chọn: cap-moi, cap-lai"


def test_a_case_on_a_procedure_without_a_form(content_copy):
    path = content_copy / "procedures/xoa-dang-ky-tau-ca.yaml"
    counter = "  counter:\n    time_limit: {value: 3, unit: working_days, from: receipt}\n    fee: {kind: none}\n"
    replace_in(path, counter, counter + "    cases:\n      - when: {field: loai_giay, equals: cap-lai}\n"
                                        "        time_limit: {value: 1, unit: working_days, from: receipt}\n")
    error = only_error_at(errors_of(content_copy), "channels.counter.cases.0.when.field")
    assert error.file == "content/procedures/xoa-dang-ky-tau-ca.yaml"
    assert "các ô chọn hiện có: (chưa có)" in error.message


def test_a_case_that_changes_nothing(content_copy):
    path = add_case(content_copy, "{field: loai_giay, equals: cap-lai}", rest="")
    error = only_error_at(errors_of(content_copy), "channels.online.cases.0")
    assert error.line == line_of(path, "- when: {field: loai_giay")
    assert error.message == "trường hợp phải ghi ít nhất một trong hai: time_limit hoặc fee"


def test_two_cases_with_the_same_condition(content_copy):
    case = "        time_limit: {value: 3, unit: working_days, from: receipt}\n"
    add_case(content_copy, "{field: loai_giay, equals: cap-lai}",
             rest=case + "      - when: {field: loai_giay, equals: cap-lai}\n        fee: {kind: none}\n")
    error = only_error_at(errors_of(content_copy), "channels.online.cases.1.when")
    assert "trùng với channels.online.cases.0" in error.message


def test_a_misspelt_condition_key_gets_the_schema_suggestion(content_copy):
    path = add_case(content_copy, "{field: loai_giay, equal: cap-lai}")
    errors = errors_of(content_copy)
    typo = only_error_at(errors, "channels.online.cases.0.when.equal")
    assert typo.line == line_of(path, "equal: cap-lai")
    assert "có phải ý bạn là 'equals'?" in typo.message
    assert only_error_at(errors, "channels.online.cases.0.when.equals").message == "thiếu trường bắt buộc"


def test_an_unconfirmed_case_figure_is_named_by_its_path(content_copy):
    path = add_case(content_copy, "{field: loai_giay, equals: cap-lai}")
    replace_in(path, "unconfirmed:\n", "unconfirmed:\n  - path: channels.online.cases.0.time_limit\n"
                                       "    note: Thời hạn cấp lại chưa đối chiếu văn bản gốc.\n"
                                       "  - path: channels.online.cases.1.fee\n    note: Không có trường hợp này.\n")
    error = only_error_at(errors_of(content_copy), "unconfirmed.1.path")
    assert "không tìm thấy 'channels.online.cases.1.fee'" in error.message


def test_an_unconfirmed_entry_for_a_figure_the_case_does_not_write(content_copy):
    path = add_case(content_copy, "{field: loai_giay, equals: cap-lai}")
    replace_in(path, "unconfirmed:\n", "unconfirmed:\n  - path: channels.online.cases.0.fee\n"
                                       "    note: Phí cấp lại chưa đối chiếu văn bản gốc.\n")
    error = only_error_at(errors_of(content_copy), "unconfirmed.0.path")
    assert error.message == ("trường hợp này không ghi 'fee' riêng (dùng mức chung); nếu mức chung chưa được "
                             "xác nhận, hãy ghi đường dẫn channels.online.fee")


def test_sea_aquaculture_reissue_has_its_own_time_limit_still_unconfirmed():
    """Counter and post only (no online form page), yet the desk records cấp mới or cấp lại at
    intake: a reissue is due in 15 days, a new permit in 45, and neither is promised yet."""
    sea = next(p for p in build(CONTENT)["procedures"] if p["id"] == "nuoi-trong-tren-bien")
    assert sea["service_level"] == "thong-tin" and set(sea["channels"]) == {"counter", "post"}
    [choice] = [f for f in sea["form"]["fields"] if f["name"] == "loai_giay"]
    assert [o["value"] for o in choice["options"]] == ["cap-moi", "cap-lai"] and choice["required"]
    unconfirmed = {u["path"] for u in sea["unconfirmed"]}
    for name, channel in sea["channels"].items():
        assert channel["time_limit"] == {"value": 45, "unit": "calendar_days", "from": "complete_dossier"}
        [reissue] = channel["cases"]
        assert reissue["when"] == {"field": "loai_giay", "equals": "cap-lai"}
        assert reissue["time_limit"] == {"value": 15, "unit": "calendar_days", "from": "complete_dossier"}
        assert {f"channels.{name}.time_limit", f"channels.{name}.cases.0.time_limit"} <= unconfirmed
    assert "Cấp mới: 45 ngày (đang cập nhật); cấp lại: 15 ngày (đang cập nhật)" in sea["summary"]


def test_an_information_only_procedure_keeps_a_form_only_to_choose_a_case(content_copy):
    path = content_copy / "procedures/nuoi-trong-tren-bien.yaml"
    text = path.read_text(encoding="utf-8")
    cases = ("    cases:\n      - when: {field: loai_giay, equals: cap-lai}\n"
             "        time_limit: {value: 15, unit: calendar_days, from: complete_dossier}\n")
    assert text.count(cases) == 2
    path.write_text(text.replace(cases, ""), encoding="utf-8")
    error = only_error_at(errors_of(content_copy), "form")
    assert error.file == "content/procedures/nuoi-trong-tren-bien.yaml"
    assert error.message.startswith("thủ tục chỉ cung cấp thông tin (thong-tin) không có biểu mẫu trực tuyến: ghi form: null")
