"""Finding a procedure the way a citizen types on a phone (no Vietnamese accents, words in any
order, unfinished words), in the catalogue's filter and in the header search box, and the
procedure page's checklist and printed views, in headless Chromium."""
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from scripts.site.text import fold


def open_catalogue(page, url):
    page.goto(url + "/thu-tuc/")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")


def card_ids(page):
    return page.locator("#procedure-list .procedure-card").evaluate_all("cards => cards.map(c => c.dataset.id)")


def filter_by_text(page, query):
    page.get_by_label("Tìm theo tên thủ tục").fill(query)
    return card_ids(page)


def header_search(page, url, query):
    """Types into the header search box (the phone layout opens it from the magnifier) and
    returns the result pages' paths, best first."""
    page.goto(url + "/")
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    # The theme reads the query on key presses, so type it as a person would; a query typed
    # before its index has loaded is dropped, and the next key press starts it again.
    box.press_sequentially(query)
    for _ in range(40):
        try:
            results.first.wait_for(timeout=500)
            break
        except PlaywrightTimeout:
            box.press("Space")
            box.press("Backspace")
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+/", "", href) for href in hrefs]


SAMPLE_QUERIES = [
    ("giay phep khai thac", "giay-phep-mau"),
    ("khai thac giay phep", "giay-phep-mau"),  # word order is free
    ("giay phep khai th", "giay-phep-mau"),  # the last word is still being typed
    ("chua co bieu mau", "chua-co-bieu-mau"),
    ("nguon goc thuy san", "chi-nop-truc-tiep"),
    ("GIAY CHUNG NHAN", "chi-nop-truc-tiep"),
]


def test_the_catalogue_filter_finds_procedures_typed_without_accents(page, base_url):
    open_catalogue(page, base_url)
    assert len(card_ids(page)) == 3
    for query, expected in SAMPLE_QUERIES:
        assert filter_by_text(page, query)[:1] == [expected], query
    assert filter_by_text(page, "1.003456") == ["chi-nop-truc-tiep"]  # the national code
    assert filter_by_text(page, "khong co thu tuc nay") == []
    assert "Không tìm thấy thủ tục phù hợp" in page.locator("#filter-count").inner_text()


def test_the_catalogue_filters_by_group_level_and_applicant_type(page, base_url):
    open_catalogue(page, base_url)
    # On a phone the choices are folded behind "Lọc", which then counts the choices in use.
    page.get_by_role("button", name="Lọc").click()
    page.get_by_label("Lĩnh vực").select_option(label="Tàu cá")
    assert page.get_by_role("button", name="Lọc (1)").get_attribute("aria-expanded") == "true"
    assert card_ids(page) == ["chua-co-bieu-mau"]
    page.get_by_label("Lĩnh vực").select_option(value="")
    page.get_by_label("Mức độ").select_option(label="Cung cấp thông tin")
    assert card_ids(page) == ["chi-nop-truc-tiep"]
    page.get_by_label("Mức độ").select_option(value="")
    page.get_by_label("Người làm thủ tục").select_option(label="Cá nhân")
    assert sorted(card_ids(page)) == ["chua-co-bieu-mau", "giay-phep-mau"]
    assert page.locator("#filter-count").inner_text() == "Có 2 thủ tục phù hợp."
    # Text and filters combine.
    assert filter_by_text(page, "nguon goc") == []


def test_cards_drawn_from_the_index_show_level_time_fee_online_and_unconfirmed_marks(page, base_url):
    open_catalogue(page, base_url)
    filter_by_text(page, "giay phep")
    card = page.locator(".procedure-card[data-id='giay-phep-mau']")
    text = card.inner_text()
    for expected in ("Trực tuyến toàn trình", "Nộp trực tuyến", "40.000 đ", "5 ngày làm việc", "đang cập nhật"):
        assert expected in text, expected
    card.get_by_role("link", name="Cấp giấy phép khai thác thủy sản (mẫu)").click()
    page.wait_for_url("**/thu-tuc/giay-phep-mau/")
    assert page.locator("h1").inner_text() == "Cấp giấy phép khai thác thủy sản (mẫu)"


def test_a_filtered_catalogue_can_be_linked(page, base_url):
    page.goto(base_url + "/thu-tuc/?tim=bieu+mau&group=tau-ca")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")
    assert page.get_by_label("Tìm theo tên thủ tục").input_value() == "bieu mau"
    assert card_ids(page) == ["chua-co-bieu-mau"]
    # The theme's own search box (which ?q= would open over the page) stays closed.
    assert not page.locator("#__search").is_checked()


def test_the_header_search_finds_procedure_pages_typed_without_accents(page, base_url):
    for query, expected in SAMPLE_QUERIES:
        assert header_search(page, base_url, query)[0] == f"thu-tuc/{expected}/", query
    # Accents still work, and archived versions and printable copies are not offered.
    results = header_search(page, base_url, "giấy phép khai thác")
    assert results[0] == "thu-tuc/giay-phep-mau/"
    assert not [r for r in results if re.search(r"/(phien-ban-\d+|phieu-huong-dan|mau-don-[^/#]+)/", r)]


def test_pages_fetch_the_search_index_only_when_the_reader_opens_the_search(page, base_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_catalogue(page, base_url)
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if url.endswith("/search/search_index.json")]
    # Only the page's own scripts: the catalogue filter, not the online form or the officer desk.
    scripts = [url.rsplit("/", 1)[1] for url in fetched if "/assets/js/" in url]
    assert scripts == ["catalogue.js", "procedure.js"]

    with page.expect_request(lambda request: request.url.endswith("/search/search_index.json")):
        page.locator("label.md-header__button[for='__search']").click()


REAL_QUERIES = [
    ("giay phep khai thac", "giay-phep-khai-thac"),
    ("xoa dang ky tau", "xoa-dang-ky-tau-ca"),
    ("long be", "nuoi-trong-long-be"),
]


def test_the_real_catalogue_answers_the_queries_citizens_type(page, real_url):
    open_catalogue(page, real_url)
    for query, expected in REAL_QUERIES:
        assert filter_by_text(page, query)[:1] == [expected], query
    first = filter_by_text(page, "dang ky tau ca")[0]
    title = page.locator(f".procedure-card[data-id='{first}'] .procedure-card__title").inner_text()
    assert "dang ky tau ca" in fold(title)
    for query, expected in REAL_QUERIES:
        assert header_search(page, real_url, query)[0] == f"thu-tuc/{expected}/", query
    # Several procedures register fishing vessels: the first answer must be one of them, not a
    # page that merely shares short words ("ca" also starts "cấp", "cải", "các").
    first = header_search(page, real_url, "dang ky tau ca")[0]
    page.goto(real_url + "/" + first)
    assert "dang ky tau ca" in fold(page.locator("h1").inner_text())


def test_the_checklist_remembers_what_was_ticked(page, base_url):
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.get_by_label("Đơn đề nghị cấp giấy phép").check()
    page.reload()
    assert page.get_by_label("Đơn đề nghị cấp giấy phép").is_checked()
    assert not page.get_by_label("Bản chụp giấy chứng nhận đăng ký tàu cá").is_checked()
    # Another procedure has its own list.
    page.goto(base_url + "/thu-tuc/chi-nop-truc-tiep/")
    assert not page.get_by_label("Đơn đề nghị cấp giấy phép").is_checked()


def test_the_guidance_sheet_prints_without_the_site_chrome(page, base_url):
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.get_by_role("link", name="In phiếu hướng dẫn").click()
    page.get_by_role("heading", level=1, name=re.compile("^Cấp giấy phép khai thác")).wait_for()
    # The button is revealed by the page's script, which may run just after the heading shows.
    expect(page.get_by_role("button", name="In phiếu hướng dẫn")).to_be_visible()
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".back-link"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert not page.get_by_role("button", name="In phiếu hướng dẫn").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator(".document-checklist__item").first.is_visible()
    # The notes on unconfirmed facts are printed open.
    assert page.locator(".unconfirmed-notes").get_by_text("Thời hạn chưa đối chiếu văn bản gốc.").is_visible()


def test_a_blank_form_prints_on_its_own(page, base_url):
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.get_by_role("link", name="In mẫu đơn Mẫu 02.KT").click()
    page.locator(".blank-form").wait_for()
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".notice").is_visible()
    form = page.locator(".blank-form").inner_text()
    assert "Kính gửi: Chi cục Thủy sản Quảng Ngãi" in form and "Số đăng ký tàu cá:" in form


def test_an_older_version_reads_as_such_and_leads_back_to_the_current_one(page, base_url):
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.get_by_role("link", name="Phiên bản 1").click()
    banner = page.locator(".archive-banner")
    assert banner.inner_text().strip() == (
        "Phiên bản cũ, áp dụng từ 15/11/2017 đến 07/03/2019 — xem phiên bản hiện hành"
    )
    assert page.locator("#online-button").count() == 0
    banner.get_by_role("link", name="xem phiên bản hiện hành").click()
    page.locator("#online-button").wait_for()
    assert page.url.endswith("/thu-tuc/giay-phep-mau/")
