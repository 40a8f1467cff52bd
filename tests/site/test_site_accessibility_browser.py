"""Every page type of the sample catalogue's site, on a 360×740 phone, checked by axe-core for
WCAG 2.2 A and AA (contrast, names, structure, and with wcag22aa the 24 px touch targets), in
each state a citizen meets (the online form's steps with and without errors, a lookup result,
the confirmation); the form's first step is walked with the Tab key; and the catalogue shows its
first result on the first screen without moving as it loads.

axe-core is vendored for the tests only (tests/site/vendor/axe-core, MPL-2.0): the site never
serves it, and the sample site here is served by a plain http.server, without the CSP that would
refuse an injected script."""
from pathlib import Path

import pytest
from test_site_form_browser import CODE, StubApi

from infra.local.gateway import Gateway, GatewayConfig

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}


SUBMITTED = (201, {"dossier_id": "01J", "code": CODE, "status": "submitted", "status_label": "Mới đăng ký",
                   "submitted_at": "2026-07-08T03:15:00Z", "check_due": "2026-07-10", "access_token": "tok-1",
                   "tracking_url": "/tra-cuu/?ma=x"})


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True)
    page = context.new_page()
    # The citizen API as the contract answers (the online form's test stub).
    page.route("**/*", StubApi(base_url, [SUBMITTED]))
    yield page
    context.close()


def violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line per element."""
    # The theme's header fades its title in and out on scroll: judge colours once it has settled.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                     rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]})""",
        WCAG_TAGS,
    )
    return [f"{v['id']}: {node['target']} {node['failureSummary']}" for v in result["violations"] for node in v["nodes"]]


def settle(page):
    page.wait_for_load_state("networkidle")


STATIC_PAGES = [
    "/",  # home
    "/thu-tuc/",  # catalogue
    "/thu-tuc/giay-phep-mau/",  # procedure guide
    "/thu-tuc/chi-nop-truc-tiep/",  # a counter-only guide
    "/thu-tuc/giay-phep-mau/phieu-huong-dan/",  # printable sheet
    "/thu-tuc/giay-phep-mau/mau-don-don-de-nghi/",  # blank form
    "/thu-tuc/giay-phep-mau/phien-ban-1/",  # archived version
    "/tra-cuu/",  # lookup
    "/quyen-rieng-tu/",  # privacy
    "/admin/",  # the officer desk's sign-in
]


@pytest.mark.parametrize("path", STATIC_PAGES)
def test_each_page_type_has_no_wcag_violation_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    settle(phone)
    assert violations(phone) == []


def test_the_catalogue_with_its_filters_open_has_no_wcag_violation(phone, base_url):
    phone.goto(base_url + "/thu-tuc/?tim=giay")
    phone.locator("#procedure-list[data-ready]").wait_for(state="attached")
    phone.get_by_role("button", name="Lọc").click()
    assert violations(phone) == []


def test_the_header_search_box_open_with_results_has_no_wcag_violation(phone, base_url):
    phone.goto(base_url + "/thu-tuc/giay-phep-mau/")
    settle(phone)
    phone.locator("label.md-header__button[for='__search']").click()
    box = phone.get_by_role("combobox", name="Tìm thủ tục")
    box.press_sequentially("giay")
    phone.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    assert violations(phone) == []
    box.fill("khong co thu tuc nay")
    phone.get_by_role("status").get_by_text("Không tìm thấy thủ tục phù hợp.").wait_for()
    assert violations(phone) == []


def test_the_lookup_with_its_errors_and_with_a_result_has_no_wcag_violation(phone, base_url):
    phone.goto(base_url + "/tra-cuu/")
    settle(phone)
    phone.get_by_role("button", name="Tra cứu").click()
    phone.locator("#lookup-errors li").first.wait_for()
    assert violations(phone) == []
    phone.get_by_label("Mã hồ sơ").fill(CODE)
    phone.get_by_label("Số CCCD hoặc mã số thuế của người nộp").fill("012345678901")
    phone.get_by_role("button", name="Tra cứu").click()
    phone.locator(".lookup-card").wait_for()
    assert violations(phone) == []


def test_every_step_of_the_online_form_has_no_wcag_violation(phone, base_url):
    phone.goto(base_url + "/nop-ho-so/giay-phep-mau/")
    next_step = phone.get_by_role("button", name="Tiếp tục")
    next_step.wait_for()
    assert violations(phone) == [], "step 1"
    next_step.click()  # nothing filled in: the error summary and the fields' errors
    phone.locator("#form-errors li").first.wait_for()
    assert violations(phone) == [], "step 1 with errors"
    phone.get_by_label("Cá nhân").check()
    phone.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    phone.get_by_label("Số căn cước công dân (CCCD)").fill("012345678901")
    phone.get_by_label("Số điện thoại").fill("0912 345 678")
    phone.get_by_label("Xã, phường, đặc khu").fill("Phường Cẩm Thành")
    next_step.click()
    phone.get_by_label("Số đăng ký tàu cá").wait_for()
    assert violations(phone) == [], "step 2"
    phone.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    phone.get_by_label("Chiều dài tàu").fill("15")
    next_step.click()
    application = phone.get_by_label("Đơn đề nghị cấp giấy phép")
    application.wait_for()
    assert violations(phone) == [], "step 3"
    application.set_input_files(files=[{"name": "don.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])
    phone.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()
    assert violations(phone) == [], "step 3 with an upload"
    next_step.click()
    phone.get_by_label("Tôi đồng ý").wait_for()
    assert violations(phone) == [], "step 4: check your answers"
    phone.get_by_label("Tôi đồng ý").check()
    phone.get_by_role("button", name="Nộp hồ sơ").click()
    phone.locator("#dossier-code").wait_for()
    assert violations(phone) == [], "confirmation"


def test_the_form_s_drafts_and_the_desk_s_pre_check_have_no_wcag_violation(browser, base_url):
    from draft_stub import DRAFT_ID, TOKEN, DraftApi

    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True)
    phone = context.new_page()
    api = DraftApi(base_url)
    phone.route("**/*", api)
    phone.goto(base_url + "/nop-ho-so/giay-phep-mau/")
    phone.get_by_label("Cá nhân").check()
    phone.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    phone.get_by_label("Số điện thoại").fill("0912 345 678")
    phone.get_by_role("button", name="Lưu nháp").click()
    phone.locator("#draft-panel").wait_for()
    phone.get_by_role("button", name="Sao chép đường dẫn mở lại hồ sơ nháp").click()
    phone.locator("#copy-draft-link-status").get_by_text("Đã sao chép").wait_for()
    assert violations(phone) == [], "a saved draft"

    phone.evaluate("sessionStorage.clear()")  # as in another browser: the link opens the check step
    phone.goto(f"{base_url}/nop-ho-so/giay-phep-mau/?nhap={DRAFT_ID}#t={TOKEN}")
    phone.locator("#self-check-list").wait_for()
    assert violations(phone) == [], "the check step listing what is missing"
    phone.get_by_role("button", name="Nhờ cán bộ xem trước").click()
    phone.locator("#precheck-due").wait_for()
    assert violations(phone) == [], "waiting for the desk"
    api.answer([{"path": "applicant.id_number", "label": "Số căn cước công dân (CCCD)", "note": "Thiếu số CCCD."}],
               note="Bổ sung số CCCD rồi nộp.")
    phone.get_by_role("button", name="Xem đã có ý kiến chưa").click()
    phone.locator("#precheck-answer").get_by_role("link", name="Số căn cước công dân (CCCD)").click()
    phone.locator("#f-applicant-id_number-comment").wait_for()
    assert violations(phone) == [], "the desk's comments beside the fields"
    phone.goto(f"{base_url}/nop-ho-so/giay-phep-mau/?nhap={DRAFT_ID}#t=sai")
    phone.reload()  # only the fragment changed: the page is opened again
    phone.locator("#draft-unopened").wait_for()
    assert violations(phone) == [], "a link that opens nothing"
    context.close()


@pytest.fixture(scope="module")
def gateway_url(built_site):
    """The built site behind the local gateway, which answers an unknown address with the site's
    404 page and status 404 (a plain http.server has no such page)."""
    gateway = Gateway(GatewayConfig(site_dir=built_site, routes=[], invoke=lambda route, event: {}), port=0).start()
    yield gateway.url
    gateway.stop()


def test_the_404_page_is_vietnamese_leads_back_and_has_no_wcag_violation(phone, gateway_url):
    answer = phone.goto(gateway_url + "/thu-tuc/khong-co/trang/nay/")
    assert answer.status == 404
    settle(phone)
    assert phone.locator("h1").inner_text() == "Không tìm thấy trang"
    assert violations(phone) == []
    # Its links work from any depth: the catalogue and the lookup.
    phone.get_by_role("link", name="Tra cứu hồ sơ đã nộp").click()
    phone.wait_for_url(gateway_url + "/tra-cuu/")
    phone.go_back()
    phone.locator("article").get_by_role("link", name="Xem danh mục thủ tục hành chính").click()
    phone.wait_for_url(gateway_url + "/thu-tuc/")


TABBABLE = """root => {
  // What the Tab key should reach inside `root`, in document order: visible, enabled controls;
  // of a radio group only its first button (the arrow keys move within the group).
  const seen = new Set();
  return [...root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
    .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
                  && getComputedStyle(el).visibility !== "hidden")
    .filter(el => {
      if (el.type !== "radio") return true;
      if (seen.has(el.name)) return false;
      seen.add(el.name);
      return true;
    })
    .map(el => el.id || el.name || el.textContent.trim());
}"""


def test_the_tab_key_reaches_every_control_of_the_forms_first_step_in_order(phone, base_url):
    phone.goto(base_url + "/nop-ho-so/giay-phep-mau/")
    form = phone.locator("#portal-form")
    phone.get_by_role("button", name="Tiếp tục").wait_for()
    phone.get_by_label("Cá nhân").check()  # the applicant's fields follow the kind chosen
    expected = form.evaluate(TABBABLE)
    assert len(expected) >= 6  # the applicant kind, name, ID number, phone, address, continue
    # From the page's heading, Tab by Tab, until focus leaves the form.
    phone.locator("h1").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    reached = []
    for _ in range(len(expected) + 20):
        phone.keyboard.press("Tab")
        inside = form.evaluate(
            "(root) => root.contains(document.activeElement) ? "
            "(document.activeElement.id || document.activeElement.name || document.activeElement.textContent.trim()) : null")
        if inside is None and reached:
            break
        if inside is not None:
            reached.append(inside)
    assert reached == expected
    # Each reached control shows where the focus is (a visible outline).
    phone.keyboard.press("Shift+Tab")
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
