"""The generated pages say what a citizen needs to know, from the compiled catalogue alone."""
import json
import re
from html.parser import HTMLParser

import pytest
from site_sample_catalogue import ONLINE, sample_catalogue

from scripts.site import generated_pages
from scripts.site.catalogue import INLINE_CARDS_LIMIT, catalogue_index
from scripts.site.guidance import procedure_page
from scripts.site.online_form import form_data
from scripts.site.pages import procedure_labels
from scripts.site.text import ascii_slug, fold


@pytest.fixture(scope="module")
def pages():
    return generated_pages(sample_catalogue())


def badges(markdown: str) -> set[str]:
    """Every fact path marked "đang cập nhật" on a page."""
    found = set()
    for paths in re.findall(r'class="unconfirmed" data-paths="([^"]*)"[^>]*>đang cập nhật<', markdown):
        found.update(paths.split())
    return found


def test_pages_are_generated_per_procedure_with_sheets_blank_forms_and_archived_versions(pages):
    assert set(pages) == {
        "thu-tuc/index.md",
        "thu-tuc/giay-phep-mau.md",
        "thu-tuc/chua-co-bieu-mau.md",
        "thu-tuc/chi-nop-truc-tiep.md",
        # the online form only where the procedure is submitted online and has a form
        "nop-ho-so/giay-phep-mau.md",
        # a printable guidance sheet per procedure, a blank page per form it uses
        "thu-tuc/giay-phep-mau/phieu-huong-dan.md",
        "thu-tuc/chua-co-bieu-mau/phieu-huong-dan.md",
        "thu-tuc/chi-nop-truc-tiep/phieu-huong-dan.md",
        "thu-tuc/giay-phep-mau/mau-don-don-de-nghi.md",
        "thu-tuc/chua-co-bieu-mau/mau-don-don-de-nghi.md",
        "thu-tuc/chi-nop-truc-tiep/mau-don-don-de-nghi.md",
        # the archived version 1 of the online procedure
        "thu-tuc/giay-phep-mau/phien-ban-1.md",
    }


def test_a_catalogue_without_history_keys_still_builds_every_page():
    catalogue = sample_catalogue()
    del catalogue["archive"]
    for procedure in catalogue["procedures"]:
        procedure.pop("older_versions", None)
    pages = generated_pages(catalogue)
    assert not any("/phien-ban-" in uri for uri in pages)
    assert "Các phiên bản trước" not in pages["thu-tuc/giay-phep-mau.md"]


def test_folding_drops_accents_and_turns_d_bar_into_d():
    assert fold("Xóa ĐĂNG KÝ tàu cá, lồng bè") == "xoa dang ky tau ca, long be"
    assert ascii_slug("Đăng ký tàu cá") == "dang-ky-tau-ca"


def test_procedure_page_shows_fee_and_time_limit_per_channel(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    counter_row = next(line for line in page.splitlines() if line.startswith("| Nộp trực tiếp"))
    assert "| 5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ |" in counter_row  # no case changes it
    assert "40.000 đ" in counter_row
    counter_only = pages["thu-tuc/chi-nop-truc-tiep.md"]
    assert "150.000 đ + 15.000 đ/tấn, tối đa 700.000 đ" in counter_only
    assert "60 ngày kể từ ngày kết thúc kiểm tra thực tế" in counter_only
    assert "Hồ sơ nhận sau 15:00" in page


def _without_badges(text: str) -> str:
    text = re.sub(r' <span class="unconfirmed"[^>]*>đang cập nhật</span>', "", text)
    return re.sub(r'<span class="unconfirmed-note"[^>]*>.*?</span>', "", text)


def test_time_and_fee_that_differ_by_case_are_named_by_the_form_option(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    rows = {line.split(" | ")[0]: line for line in page.splitlines() if line.startswith("| Nộp")}
    online, counter = _without_badges(rows["| Nộp trực tuyến"]), rows["| Nộp trực tiếp"]
    assert ("| Cấp mới: 5 ngày làm việc; cấp lại: 2 ngày làm việc (kể từ ngày nhận đủ hồ sơ hợp lệ) "
            "| Cấp mới: 40.000 đ; cấp lại: 20.000 đ |") in online
    assert "| Cấp mới: 40.000 đ; cấp lại: 20.000 đ |" in counter
    # Each figure carries its own mark: the reissue time limit is unconfirmed on its own.
    assert 'cấp lại: 2 ngày làm việc <span class="unconfirmed" data-paths="channels.online.cases.0.time_limit"' in rows[
        "| Nộp trực tuyến"]


def test_cases_with_other_starting_points_or_several_remaining_options_read_in_full():
    procedure = json.loads(json.dumps(ONLINE))
    procedure["form"]["fields"][-1]["options"].append({"value": "gia-han", "label": "Gia hạn"})
    procedure["channels"]["online"]["cases"][0]["time_limit"]["from"] = "inspection"
    procedure["channels"]["online"]["cases"][0]["fee"] = {"kind": "unconfirmed", "note": "Chưa rõ phí cấp lại."}
    row = next(line for line in procedure_page(procedure).splitlines() if line.startswith("| Nộp trực tuyến"))
    assert ("| Cấp mới hoặc gia hạn: 5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; "
            "cấp lại: 2 ngày làm việc kể từ ngày kết thúc kiểm tra thực tế |") in _without_badges(row)
    assert "| Cấp mới hoặc gia hạn: 40.000 đ; cấp lại: đang cập nhật |" in _without_badges(row)
    assert "Ghi chú về phí: Chưa rõ phí cấp lại." in procedure_page(procedure)


def test_procedure_page_lists_documents_as_a_checklist(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    items = re.findall(r'<li class="document-checklist__item" data-slot="([^"]+)">(.*?)</li>', page)
    assert [slot for slot, _ in items] == ["don-de-nghi", "dang-ky-tau"]
    application, registration = (text for _, text in items)
    assert "Đơn đề nghị cấp giấy phép" in application and "Mẫu 02.KT" in application
    assert "Bắt buộc" in application and "1 bản chính" in application
    assert "tệp PDF, JPG, PNG, tối đa 10 MB" in application
    assert "Khi đề nghị cấp mới" in registration and "1 bản sao" in registration
    assert "tệp PDF, tối đa 5 MB" in registration


def test_legal_bases_show_effective_dates_as_day_month_year(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    assert "**26/2019/NĐ-CP** Nghị định hướng dẫn Luật Thủy sản, có hiệu lực từ 08/03/2019" in page
    assert "có hiệu lực từ 20/01/2019" in page


def test_every_unconfirmed_fact_is_marked_on_the_page(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    assert badges(page) == {item["path"] for item in ONLINE["unconfirmed"]}
    # The mark sits beside the fact itself, not only in a list at the end.
    online_row = next(line for line in page.splitlines() if line.startswith("| Nộp trực tuyến"))
    assert 'data-paths="channels.online.time_limit"' in online_row
    assert "Điện thoại:" in page and re.search(r"Điện thoại: <span[^>]*agency\.phone", page)
    assert badges(pages["thu-tuc/chi-nop-truc-tiep.md"]) == set()


def test_every_unconfirmed_fact_of_the_real_content_is_marked():
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build

    catalogue = build(DEFAULT_CONTENT_DIR)
    for procedure in catalogue["procedures"]:
        page = procedure_page(procedure)
        assert badges(page) >= {item["path"] for item in procedure["unconfirmed"]}, procedure["id"]


def test_online_button_only_for_procedures_submitted_online_with_a_form(pages):
    button = "[Nộp trực tuyến](../nop-ho-so/giay-phep-mau.md)"
    assert button in pages["thu-tuc/giay-phep-mau.md"]
    for other in ("thu-tuc/chua-co-bieu-mau.md", "thu-tuc/chi-nop-truc-tiep.md"):
        assert "nop-ho-so/" not in pages[other]
        assert "chưa nộp trực tuyến được" in pages[other]


def _cards(catalogue_md: str) -> dict[str, str]:
    """The cards the page carries (the empty one in the <template> is catalogue.js' pattern)."""
    catalogue_md = catalogue_md.split("<template", 1)[0]
    cards = re.findall(r'<div class="procedure-card" data-id="([^"]+)">(.*?)</dl></div>', catalogue_md)
    return dict(cards)


def test_catalogue_cards_show_level_time_fee_and_the_online_badge(pages):
    by_id = _cards(pages["thu-tuc/index.md"])
    assert set(by_id) == {"giay-phep-mau", "chua-co-bieu-mau", "chi-nop-truc-tiep"}
    online = by_id["giay-phep-mau"]
    assert '<a href="giay-phep-mau/">Cấp giấy phép khai thác thủy sản (mẫu)</a>' in online
    assert "Trực tuyến toàn trình" in online and "40.000 đ" in online
    assert "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (cấp lại: 2 ngày làm việc)" in online
    assert "40.000 đ (cấp lại: 20.000 đ)" in online
    assert "Nộp trực tuyến" in online
    assert "Nộp trực tuyến" not in by_id["chua-co-bieu-mau"]
    assert "Đang cập nhật" in by_id["chua-co-bieu-mau"]  # its fee is not confirmed
    assert "Nộp trực tuyến" not in by_id["chi-nop-truc-tiep"]


def test_cards_mark_an_unconfirmed_time_or_fee(pages):
    by_id = _cards(pages["thu-tuc/index.md"])
    time_cell = re.search(r"<dt>Thời hạn</dt><dd>(.*?)</dd>", by_id["giay-phep-mau"]).group(1)
    fee_cell = re.search(r"<dt>Phí, lệ phí</dt><dd>(.*?)</dd>", by_id["giay-phep-mau"]).group(1)
    assert "đang cập nhật" in time_cell and "đang cập nhật" not in fee_cell
    # A fee that already reads "Đang cập nhật" is not marked twice.
    fee_cell = re.search(r"<dt>Phí, lệ phí</dt><dd>(.*?)</dd>", by_id["chua-co-bieu-mau"]).group(1)
    assert fee_cell == "Đang cập nhật"


def test_the_compact_index_carries_what_cards_and_filters_need_under_short_keys():
    index = catalogue_index(sample_catalogue())
    entries = {e["i"]: e for e in index["procedures"]}
    online = entries["giay-phep-mau"]
    assert online == {
        "i": "giay-phep-mau", "t": "Cấp giấy phép khai thác thủy sản (mẫu)", "c": "1.004344", "g": "khai-thac",
        "l": "toan-trinh", "a": ["ca-nhan", "to-chuc"], "o": 1,
        "tm": "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (cấp lại: 2 ngày làm việc)",
        "fe": "40.000 đ (cấp lại: 20.000 đ)", "u": ["tm"],
    }
    assert "o" not in entries["chua-co-bieu-mau"] and entries["chi-nop-truc-tiep"]["a"] == ["to-chuc"]
    assert index["groups"]["khai-thac"] == "Khai thác thủy sản"
    assert index["levels"]["thong-tin"] == "Cung cấp thông tin"


def test_a_large_catalogue_links_to_a_plain_list_instead_of_carrying_cards():
    catalogue = sample_catalogue()
    template = catalogue["procedures"][2]
    catalogue["procedures"] = [
        dict(template, id=f"thu-tuc-{n}", title=f"Thủ tục số {n}") for n in range(INLINE_CARDS_LIMIT + 1)
    ]
    pages = generated_pages(catalogue)
    page = pages["thu-tuc/index.md"]
    assert 'data-id="thu-tuc-' not in page and 'href="thu-tuc-' not in page
    assert f'<a href="tat-ca/">Xem danh sách tất cả {INLINE_CARDS_LIMIT + 1} thủ tục</a>' in page
    everything = pages["thu-tuc/tat-ca.md"]
    assert everything.count('<li><a href="../thu-tuc-') == INLINE_CARDS_LIMIT + 1
    assert "thu-tuc/tat-ca.md" not in generated_pages(sample_catalogue())


def test_documents_are_a_checklist_to_tick_and_each_form_can_be_printed_blank(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    assert 'data-checklist="giay-phep-mau@2"' in page
    assert '<input type="checkbox" class="document-checklist__box" id="doc-don-de-nghi" value="don-de-nghi">' in page
    assert '<label for="doc-don-de-nghi"><span class="document-checklist__name">Đơn đề nghị cấp giấy phép' in page
    assert "[In mẫu đơn Mẫu 02.KT](giay-phep-mau/mau-don-don-de-nghi.md)" in page
    assert "[In phiếu hướng dẫn](giay-phep-mau/phieu-huong-dan.md)" in page


def test_the_guidance_sheet_has_the_facts_empty_boxes_and_open_notes_but_no_buttons_to_submit(pages):
    sheet = pages["thu-tuc/giay-phep-mau/phieu-huong-dan.md"]
    assert "hide:\n  - navigation\n  - toc" in sheet  # a page to print: no side columns
    for expected in ("Phiếu hướng dẫn thực hiện thủ tục hành chính", "40.000 đ", "Đơn đề nghị cấp giấy phép",
                     "Các bước thực hiện", "Căn cứ pháp lý", "Nơi tiếp nhận và giải quyết"):
        assert expected in sheet, expected
    assert '<span class="document-checklist__box" aria-hidden="true"></span>' in sheet
    assert 'type="checkbox"' not in sheet and "nop-ho-so/" not in sheet
    assert "<details" not in sheet  # a closed <details> would print as its summary alone
    assert badges(sheet) == {item["path"] for item in ONLINE["unconfirmed"]}


def test_a_blank_form_has_code_name_addressee_applicant_fields_date_and_signature(pages):
    form = pages["thu-tuc/giay-phep-mau/mau-don-don-de-nghi.md"]
    assert '<p class="blank-form__code">Mẫu 02.KT</p>' in form
    assert '<h1 class="blank-form__title">Đơn đề nghị cấp giấy phép</h1>' in form
    assert "Kính gửi: Chi cục Thủy sản Quảng Ngãi" in form
    labels = re.findall(r'<span class="blank-field__label">([^<]*):</span>', form)
    assert labels[:2] == ["Tên cá nhân, tổ chức", "Số căn cước công dân (cá nhân)"]
    assert "Số đăng ký tàu cá" in labels and "Chiều dài tàu" in labels
    assert "ngày …… tháng …… năm" in form and "Ký, ghi rõ họ tên" in form
    assert "Trình bày theo Mẫu 02.KT" in form and "26/2019/NĐ-CP" in form
    # Without online form fields, the content is blank lines, and an organisation only has a tax code.
    counter = pages["thu-tuc/chi-nop-truc-tiep/mau-don-don-de-nghi.md"]
    assert "Nội dung đề nghị" in counter and "Số đăng ký tàu cá" not in counter
    assert "Mã số thuế (tổ chức)" in counter and "Số căn cước công dân" not in counter


def test_older_versions_are_listed_and_readable_without_a_way_to_submit(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    assert "- [Phiên bản 1](giay-phep-mau/phien-ban-1.md): áp dụng từ 15/11/2017 đến 07/03/2019" in page
    old = pages["thu-tuc/giay-phep-mau/phien-ban-1.md"]
    assert "**Phiên bản cũ**, áp dụng từ 15/11/2017 đến 07/03/2019 — [xem phiên bản hiện hành](../giay-phep-mau.md)" in old
    assert "30.000 đ" in old and "Cấp giấy phép khai thác thủy sản (mẫu, bản cũ)" in old
    assert "nop-ho-so/" not in old and "online-button" not in old
    assert "robots: noindex" in old


def test_an_older_version_missing_from_the_archive_is_listed_without_a_link():
    catalogue = sample_catalogue()
    catalogue["archive"] = []
    page = generated_pages(catalogue)["thu-tuc/giay-phep-mau.md"]
    assert "- Phiên bản 1: áp dụng từ 15/11/2017 đến 07/03/2019" in page


class _ScriptData(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.data = ""

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("id") == "procedure-data"

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.data += data


def test_form_page_embeds_the_procedure_safely_for_the_script(pages):
    page = pages["nop-ho-so/giay-phep-mau.md"]
    assert 'id="portal-form"' in page and 'data-procedure-id="giay-phep-mau"' in page
    # A label containing "</script>" must not end the data element early.
    assert page.count("</script>") == 1
    parser = _ScriptData()
    parser.feed(page)
    assert json.loads(parser.data) == form_data(ONLINE)


def test_titles_are_plain_text_in_markdown():
    procedure = dict(ONLINE, title="Cấp *giấy* [mẫu] <b>", unconfirmed=[])
    page = procedure_page(procedure)
    assert "# Cấp \\*giấy\\* \\[mẫu\\] &lt;b&gt;" in page


def test_officer_labels_name_procedures_and_documents():
    labels = procedure_labels(sample_catalogue())
    assert labels["giay-phep-mau"]["title"] == "Cấp giấy phép khai thác thủy sản (mẫu)"
    assert labels["giay-phep-mau"]["documents"]["don-de-nghi"] == "Đơn đề nghị cấp giấy phép"
    assert set(labels) == {"giay-phep-mau", "chua-co-bieu-mau", "chi-nop-truc-tiep"}


def test_the_online_form_page_states_the_online_time_limit_and_fee_as_the_guide_does(pages):
    form = pages["nop-ho-so/giay-phep-mau.md"]
    guide_row = next(line for line in pages["thu-tuc/giay-phep-mau.md"].splitlines() if line.startswith("| Nộp trực tuyến"))
    _, time_cell, fee_cell = guide_row.strip("| ").split(" | ")
    assert f"Thời hạn giải quyết: {time_cell}<br>Phí, lệ phí: {fee_cell}</p>" in form
    assert badges(form) == {"channels.online.time_limit", "channels.online.cases.0.time_limit"}
