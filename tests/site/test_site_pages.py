"""The generated pages say what a citizen needs to know, from the compiled catalogue alone."""
import json
import re
from html.parser import HTMLParser

import pytest

from scripts import site_pages
from site_sample_catalogue import ONLINE, sample_catalogue


@pytest.fixture(scope="module")
def pages():
    return site_pages.generated_pages(sample_catalogue())


def badges(markdown: str) -> set[str]:
    """Every fact path marked "đang cập nhật" on a page."""
    found = set()
    for paths in re.findall(r'class="unconfirmed" data-paths="([^"]*)"[^>]*>đang cập nhật<', markdown):
        found.update(paths.split())
    return found


def test_pages_are_generated_per_procedure_and_forms_only_for_online_procedures_with_a_form(pages):
    assert set(pages) == {
        "thu-tuc/index.md",
        "thu-tuc/giay-phep-mau.md",
        "thu-tuc/chua-co-bieu-mau.md",
        "thu-tuc/chi-nop-truc-tiep.md",
        "nop-ho-so/giay-phep-mau.md",
    }


def test_fees_read_in_dong_or_say_there_is_none_or_that_it_is_being_updated():
    assert site_pages.format_fee({"kind": "fixed", "amount": 40000, "note": None}) == "40.000 đ"
    assert site_pages.format_fee({"kind": "none"}) == "Không thu phí"
    assert site_pages.format_fee({"kind": "unconfirmed", "note": "x"}) == "Đang cập nhật"
    assert (
        site_pages.format_fee({"kind": "per_unit", "base": 150000, "per_unit": 15000, "unit": "tấn", "cap": 700000})
        == "150.000 đ + 15.000 đ/tấn, tối đa 700.000 đ"
    )


def test_procedure_page_shows_fee_and_time_limit_per_channel(pages):
    page = pages["thu-tuc/giay-phep-mau.md"]
    online_row = next(line for line in page.splitlines() if line.startswith("| Nộp trực tuyến"))
    assert "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" in online_row
    assert "40.000 đ" in online_row
    counter_only = pages["thu-tuc/chi-nop-truc-tiep.md"]
    assert "150.000 đ + 15.000 đ/tấn, tối đa 700.000 đ" in counter_only
    assert "60 ngày kể từ ngày kết thúc kiểm tra thực tế" in counter_only
    assert "Hồ sơ nhận sau 15:00" in page


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
        page = site_pages.procedure_page(procedure)
        assert badges(page) >= {item["path"] for item in procedure["unconfirmed"]}, procedure["id"]


def test_online_button_only_for_procedures_submitted_online_with_a_form(pages):
    button = "[Nộp trực tuyến](../nop-ho-so/giay-phep-mau.md)"
    assert button in pages["thu-tuc/giay-phep-mau.md"]
    for other in ("thu-tuc/chua-co-bieu-mau.md", "thu-tuc/chi-nop-truc-tiep.md"):
        assert "nop-ho-so/" not in pages[other]
        assert "chưa nộp trực tuyến được" in pages[other]


def test_catalogue_cards_show_level_time_fee_and_the_online_badge(pages):
    catalogue = pages["thu-tuc/index.md"]
    cards = re.split(r'(?=<div class="procedure-card")', catalogue)[1:]
    by_id = {re.search(r"\]\(([^)]+)\.md\)", card).group(1): card for card in cards}
    assert set(by_id) == {"giay-phep-mau", "chua-co-bieu-mau", "chi-nop-truc-tiep"}
    online = by_id["giay-phep-mau"]
    assert 'data-group="khai-thac"' in online and 'data-level="toan-trinh"' in online
    assert "Trực tuyến toàn trình" in online and "40.000 đ" in online
    assert "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" in online
    assert "Nộp trực tuyến" in online
    assert "Nộp trực tuyến" not in by_id["chua-co-bieu-mau"]
    assert "Đang cập nhật" in by_id["chua-co-bieu-mau"]  # its fee is not confirmed
    assert "Nộp trực tuyến" not in by_id["chi-nop-truc-tiep"]


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
    assert json.loads(parser.data) == ONLINE


def test_titles_are_plain_text_in_markdown():
    procedure = dict(ONLINE, title="Cấp *giấy* [mẫu] <b>", unconfirmed=[])
    page = site_pages.procedure_page(procedure)
    assert "# Cấp \\*giấy\\* \\[mẫu\\] &lt;b&gt;" in page


def test_officer_labels_name_fields_options_and_documents():
    labels = site_pages.procedure_labels(sample_catalogue())
    assert labels["giay-phep-mau"]["fields"]["chieu_dai_tau"] == "Chiều dài tàu"
    assert labels["giay-phep-mau"]["documents"]["don-de-nghi"] == "Đơn đề nghị cấp giấy phép"
    assert set(labels) == {"giay-phep-mau", "chua-co-bieu-mau", "chi-nop-truc-tiep"}
