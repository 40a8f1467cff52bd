"""A fact the catalogue has not confirmed says so where it is read: beside the figure, what is
unconfirmed and whom to ask (the counter's phone, or its address), in text a phone shows, not in
a tooltip."""
import copy
import re

from playwright.sync_api import expect
from site_sample_catalogue import ONLINE

from scripts.site.guidance import procedure_page
from scripts.site.online_form import form_page


def _online_row(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("| Nộp trực tuyến"))


def _notes(markdown: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", note).strip().removeprefix("(").removesuffix(")")
            for note in re.findall(r'class="unconfirmed-note"[^>]*>(.*?)</(?:span|p)>', markdown)]


def test_the_time_limit_says_beside_it_what_is_unconfirmed_and_whom_to_ask_by_phone():
    procedure = copy.deepcopy(ONLINE)
    procedure["agency"]["phone"] = "0255 3822 111"
    procedure["unconfirmed"] = [u for u in procedure["unconfirmed"] if u["path"] != "agency.phone"]
    page = procedure_page(procedure)
    row = _online_row(page)
    assert _notes(row) == [
        "Thời hạn chưa đối chiếu văn bản gốc. Hỏi bộ phận một cửa: 0255 3822 111.",
        "Thời hạn cấp lại chưa đối chiếu văn bản gốc. Hỏi bộ phận một cửa: 0255 3822 111.",
    ]
    assert '<a href="tel:02553822111">0255 3822 111</a>' in row
    # The online form's page reads the same beside the same figure.
    assert _notes(form_page(procedure))[0] == "Thời hạn chưa đối chiếu văn bản gốc. Hỏi bộ phận một cửa: 0255 3822 111."
    # No tooltip: nothing is said only on hover.
    assert not re.search(r'class="unconfirmed"[^>]* title=', page)


def test_without_a_confirmed_phone_the_note_gives_the_counters_address():
    page = procedure_page(copy.deepcopy(ONLINE))  # its phone is itself unconfirmed
    notes = _notes(page)
    assert notes and all(note.endswith("Hỏi bộ phận một cửa tại 54 Hùng Vương, tỉnh Quảng Ngãi.") for note in notes)
    assert "tel:" not in page
    # A document, a date and a whole section (after its heading, not inside it) each carry theirs.
    assert "Chưa rõ mẫu. Hỏi bộ phận một cửa tại" in " ".join(notes)
    assert "Chưa xác nhận ngày hiệu lực. Hỏi bộ phận một cửa tại" in " ".join(notes)
    heading = next(line for line in page.splitlines() if line.startswith("## Các trường hợp hồ sơ không"))
    assert "unconfirmed-note" not in heading
    assert '<p class="unconfirmed-note">Chưa đối chiếu quyết định công bố.' in page


def test_the_note_is_readable_on_a_phone_where_the_figure_is(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    row = page.get_by_role("row").filter(has_text="Nộp trực tuyến")
    note = row.locator(".unconfirmed-note").first
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    assert note.inner_text().strip() == "(Thời hạn chưa đối chiếu văn bản gốc. Hỏi bộ phận một cửa tại 54 Hùng Vương, tỉnh Quảng Ngãi.)"
    # The catalogue's cards, drawn by its script, keep the note beside the time limit.
    page.goto(base_url + "/thu-tuc/?tim=giay+phep")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")
    time_cell = page.locator(".procedure-card[data-id='giay-phep-mau'] dd").nth(1)
    time_cell.scroll_into_view_if_needed()  # cards below the screen are not laid out (content-visibility)
    expect(time_cell).to_contain_text("đang cập nhật (Chưa đối chiếu với văn bản gốc.)")
    context.close()
