"""The first screen of a 360×740 phone, in Chromium, on the real content's site: the catalogue's
first result shows without scrolling and nothing moves while the list loads (layout shifts
summed by a PerformanceObserver, a layout measure, not a time); and with JavaScript off, no page
offers what only a script makes work: no "loading" text beside the message that JavaScript is
off, no search box that cannot search."""
import pytest

PHONE = {"width": 360, "height": 740}

# Every layout shift the page makes without the reader's input, from its first paint on.
LAYOUT_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    yield context.new_page()
    context.close()


def _settled(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def test_the_catalogues_first_result_is_on_the_first_screen_of_a_phone(phone, real_url):
    phone.goto(real_url + "/thu-tuc/")
    phone.locator("#procedure-list[data-ready]").wait_for(state="attached")
    _settled(phone)
    first = phone.locator("#procedure-list .procedure-card").first.bounding_box()
    assert first is not None
    assert first["y"] >= 0 and first["y"] + first["height"] <= PHONE["height"], first
    # The search box is on that screen too; the three choices wait behind "Lọc".
    search = phone.get_by_label("Tìm theo tên thủ tục").bounding_box()
    assert search is not None and search["y"] + search["height"] <= first["y"]
    assert not phone.get_by_label("Lĩnh vực").is_visible()
    phone.get_by_role("button", name="Lọc").click()
    assert phone.get_by_label("Lĩnh vực").is_visible()


@pytest.mark.parametrize("query", ["", "?tim=tau+ca&group=tau-ca"])
def test_the_catalogue_does_not_shift_as_it_loads(phone, real_url, query):
    phone.add_init_script(LAYOUT_SHIFTS)
    phone.goto(real_url + "/thu-tuc/" + query)
    phone.locator("#procedure-list[data-ready]").wait_for(state="attached")
    _settled(phone)
    assert phone.evaluate("window.__layoutShift") < 0.1


def test_without_javascript_the_form_page_says_only_that_javascript_is_off(phone_without_js, base_url):
    page = phone_without_js
    page.goto(base_url + "/nop-ho-so/giay-phep-mau/")
    form = page.locator("#portal-form")
    assert form.inner_text().strip().startswith("Trình duyệt của bạn đang tắt JavaScript")
    assert "Đang tải" not in form.inner_text()
    # The officer desk's page alike.
    page.goto(base_url + "/admin/")
    # (Playwright's text locators skip <noscript>: the container's text is what a person reads.)
    assert page.locator("#portal-admin").inner_text().strip() == "Trang này cần JavaScript."


def test_without_javascript_the_catalogue_lists_every_procedure_without_a_filter(phone_without_js, base_url):
    page = phone_without_js
    page.goto(base_url + "/thu-tuc/")
    assert page.locator("#procedure-list .procedure-card").count() == 3
    assert not page.get_by_label("Tìm theo tên thủ tục").is_visible()
    assert not page.get_by_role("button", name="Lọc").is_visible()
    # Nor the header's search box, or the magnifier that would open it.
    assert not page.get_by_role("combobox", name="Tìm thủ tục").is_visible()
    assert not page.locator("label.md-header__button[for='__search']").is_visible()
