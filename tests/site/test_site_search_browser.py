"""Finding a procedure the way a citizen types on a phone (no Vietnamese accents, words in any
order, unfinished words), in the catalogue's filter and in the header search box (the same index,
the same matching: the same answers), and the procedure page's checklist and printed views, in
headless Chromium."""
import re

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


def open_header_search(page, url, path="/"):
    """The header's search box on a phone: opened from the magnifier, ready once its script has
    loaded the catalogue's index."""
    page.goto(url + path)
    page.locator("label.md-header__button[for='__search']").click()
    box = page.get_by_role("combobox", name="Tìm thủ tục")
    expect(box).to_be_focused()
    page.locator("#portal-search[data-ready]").wait_for(state="attached")
    expect(page.get_by_role("status")).not_to_have_text(re.compile("Đang tải"))
    return box


def header_results(page):
    """The paths of the procedures the header box lists, best first."""
    hrefs = page.get_by_role("listbox", name="Thủ tục tìm thấy").get_by_role("option").evaluate_all(
        "links => links.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+/", "", href) for href in hrefs]


def header_search(page, url, query):
    """Types into the header search box as a person would and returns the result pages' paths."""
    box = open_header_search(page, url)
    box.press_sequentially(query)
    expect(page.get_by_role("status")).to_have_text(re.compile("thủ tục phù hợp"))
    return header_results(page)


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
    text = card.text_content()  # laid out or not (content-visibility)
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


def test_the_header_search_finds_procedure_pages_typed_without_accents(page, base_url):
    for query, expected in SAMPLE_QUERIES:
        assert header_search(page, base_url, query)[0] == f"thu-tuc/{expected}/", query
    # Accents still work, and only procedure guides are offered (no printable copies, no old versions).
    results = header_search(page, base_url, "giấy phép khai thác")
    assert results[0] == "thu-tuc/giay-phep-mau/"
    assert all(re.fullmatch(r"thu-tuc/[^/]+/", r) for r in results), results


def test_the_header_search_and_the_catalogue_give_the_same_answer(page, base_url):
    for query in [q for q, _ in SAMPLE_QUERIES] + ["giay", "cap", "1.003456", "khong co thu tuc nay"]:
        header = header_search(page, base_url, query)
        open_catalogue(page, base_url)
        assert header == [f"thu-tuc/{i}/" for i in filter_by_text(page, query)], query


def test_the_header_search_shows_titles_with_code_and_group_and_is_announced(page, base_url):
    box = open_header_search(page, base_url)
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("nguon goc")
    option = page.get_by_role("option", name=re.compile("Cấp giấy chứng nhận nguồn gốc"))
    expect(option).to_contain_text("1.003456 · Chứng nhận, xác nhận")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "portal-search-results"
    expect(page.get_by_role("status")).to_have_text("Có 1 thủ tục phù hợp.")
    # Each result is a target of at least 24 × 24 px.
    size = option.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    box.fill("khong co thu tuc nay")
    expect(page.get_by_role("status")).to_have_text("Không tìm thấy thủ tục phù hợp.")
    assert box.get_attribute("aria-expanded") == "false"


def test_the_header_search_is_used_with_the_keyboard(page, base_url):
    box = open_header_search(page, base_url)
    box.press_sequentially("giay")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    box.press("ArrowDown")  # past the last: back in the box
    assert box.get_attribute("aria-activedescendant") is None
    box.press("ArrowUp")  # up from the box: the last
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()  # the focus stays in the box throughout
    # Escape closes the list, a second one clears the words.
    box.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Escape")
    assert box.input_value() == ""
    # Enter opens the chosen procedure.
    box.press_sequentially("nguon goc")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/thu-tuc/chi-nop-truc-tiep/")


def test_enter_without_a_chosen_result_opens_the_catalogue_filtered_by_the_words(page, base_url):
    box = open_header_search(page, base_url)
    box.press_sequentially("giay phep")
    box.press("Enter")
    page.wait_for_url("**/thu-tuc/?tim=giay+phep")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")
    assert card_ids(page)[:1] == ["giay-phep-mau"]


def test_before_its_script_runs_the_header_box_is_a_form_to_the_catalogue(page, base_url):
    # (The box's script never arrives: the form alone still leads to the answer.)
    page.route("**/assets/js/search-box-ui.js", lambda route: route.abort())
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.locator("label.md-header__button[for='__search']").click()
    page.get_by_role("combobox", name="Tìm thủ tục").fill("nguon goc")
    page.get_by_role("combobox", name="Tìm thủ tục").press("Enter")
    page.wait_for_url("**/thu-tuc/?tim=nguon+goc")
    page.locator("#procedure-list[data-ready]").wait_for(state="attached")
    assert card_ids(page) == ["chi-nop-truc-tiep"]


def test_pages_fetch_nothing_of_the_search_until_the_reader_opens_the_box(page, base_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "/thu-tuc/giay-phep-mau/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "catalogue" in url or "search-box-ui" in url]
    # Only the page's own scripts and the box's few lines that wake it.
    scripts = [url.rsplit("/", 1)[1] for url in fetched if "/assets/js/" in url]
    assert scripts == ["procedure.js", "search-box.js"]

    with page.expect_request(lambda request: request.url.endswith("/assets/data/catalogue-index.json")):
        page.locator("label.md-header__button[for='__search']").click()
    # The catalogue page has the matching already: the box adds only its own script, and the
    # index is fetched once for both.
    fetched.clear()
    open_catalogue(page, base_url)
    page.get_by_role("combobox", name="Tìm thủ tục").focus()
    page.locator("#portal-search[data-ready]").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    names = [url.rsplit("/", 1)[1] for url in fetched]
    assert names.count("catalogue-search.js") == 1 and names.count("catalogue-index.json") == 1, names


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
    # textContent: a card just drawn below the fold is not laid out yet (content-visibility), so
    # its innerText is empty until it is scrolled to.
    title = page.locator(f".procedure-card[data-id='{first}'] .procedure-card__title").text_content()
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
