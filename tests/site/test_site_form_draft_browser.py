"""The online form's drafts in headless Chromium against a stubbed API (tests/site/draft_stub.py):
what was typed survives a reload of the tab (and only of the tab); "Lưu nháp" gives the private
resume link, which restores the form in another browser; a forged link says so; the check step
lists everything missing; the desk's pre-check answer shows beside the fields; the confirmation's
code stays on one line on a 360 px phone and copies. The real API: tests/e2e/test_draft_browser.py."""
import json
import re

import pytest
from draft_stub import DRAFT_ID, TOKEN, DraftApi
from test_site_form_browser import CODE, error_summary

FORM = "/nop-ho-so/giay-phep-mau/"
PHONE = {"width": 360, "height": 740}
SUBMITTED = (201, {"dossier_id": "01J", "code": CODE, "status": "submitted", "status_label": "Mới đăng ký",
                   "submitted_at": "2026-07-08T03:15:00Z", "check_due": "2026-07-10", "access_token": "tok-1"})
PDF = {"name": "don.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}


@pytest.fixture
def tab(browser):
    """new_tab(viewport) → a page in a context of its own: no sessionStorage shared with another."""
    contexts = []

    def new_tab(api, viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 412, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.route("**/*", api)
        return page

    yield new_tab
    for context in contexts:
        context.close()


def fill_applicant(page, phone="0912 345 678", email=""):
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("012345678901")
    page.get_by_label("Số điện thoại").fill(phone)
    if email:
        page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Xã, phường, đặc khu").fill("Phường Cẩm Thành")


def test_the_typed_form_survives_a_reload_of_the_tab_but_not_a_new_tab(tab, base_url):
    api = DraftApi(base_url)
    page = tab(api)
    page.goto(base_url + FORM)
    fill_applicant(page)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    page.get_by_label("Chiều dài tàu").fill("15,5".replace(",", "."))
    page.get_by_label("Ghi chú").fill("dòng một\ndòng hai")
    page.get_by_label("Cấp lại").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Đơn đề nghị cấp giấy phép").set_input_files(files=[PDF])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()

    page.reload()
    # The same step, the upload already done, and every answer of the earlier steps.
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()
    page.get_by_role("button", name="Quay lại").click()
    assert page.get_by_label("Số đăng ký tàu cá").input_value() == "QNg-90123-TS"
    assert page.get_by_label("Chiều dài tàu").input_value() == "15.5"
    assert page.get_by_label("Ghi chú").input_value() == "dòng một\ndòng hai"
    assert page.get_by_label("Cấp lại").is_checked()
    page.get_by_role("button", name="Quay lại").click()
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Văn A"
    assert page.get_by_label("Xã, phường, đặc khu").input_value() == "Phường Cẩm Thành"
    # Kept for the tab only: nothing in localStorage, and another tab starts afresh.
    assert page.evaluate("localStorage.length") == 0
    other = tab(api)
    other.goto(base_url + FORM)
    other.get_by_role("button", name="Tiếp tục").wait_for()
    assert not other.get_by_label("Cá nhân").is_checked()
    assert not api.drafts_sent("POST"), "nothing is saved on the server unless asked"


def test_a_saved_draft_gives_a_private_link_that_restores_the_form_elsewhere(tab, base_url, browser):
    api = DraftApi(base_url)
    page = tab(api)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base_url + FORM)
    fill_applicant(page, email="a@example.vn")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("0123")  # not finished yet: a draft takes it
    page.get_by_role("button", name="Lưu nháp").click()

    page.locator("#draft-panel").wait_for()
    [created] = api.drafts_sent("POST")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", created["headers"]["idempotency-key"]), "256 random bits: the token's secret"
    assert json.loads(created["body"]) == {
        "procedure_id": "giay-phep-mau",
        "applicant": {"kind": "ca-nhan", "full_name": "Nguyễn Văn A", "id_number": "0123", "phone": "0912 345 678",
                      "email": "a@example.vn", "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành"}},
        "answers": {}, "documents": [],
    }
    link = f"{base_url}{FORM}?nhap={DRAFT_ID}#t={TOKEN}"
    assert page.locator("#draft-link").get_attribute("href") == link
    assert page.locator("#draft-kept").inner_text().endswith("Hồ sơ nháp được giữ đến hết ngày 01/01/2027.")
    assert page.locator("#draft-sent").inner_text() == (
        "Đường dẫn này cũng đã được gửi qua tin nhắn SMS tới số 0912 345 678 và e-mail tới a@example.vn.")
    assert page.evaluate("document.activeElement.id") == "draft-panel-heading"
    page.get_by_role("button", name="Sao chép đường dẫn mở lại hồ sơ nháp").click()
    page.locator("#copy-draft-link-status").get_by_text("Đã sao chép").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link

    # The next save is a PUT of the same draft, with its token and version.
    page.get_by_label("Số căn cước công dân (CCCD)").fill("012345678901")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    page.get_by_role("button", name="Lưu nháp").click()
    page.locator("#draft-notice").get_by_text("Đã lưu hồ sơ nháp.").wait_for()
    [updated] = api.drafts_sent("PUT", "/" + DRAFT_ID)
    sent = json.loads(updated["body"])
    assert (sent["token"], sent["version"], sent["answers"]) == (TOKEN, 1, {"so_dang_ky_tau": "QNg-90123-TS"})

    # Another browser (no session copy): the link opens the draft on the check step.
    elsewhere = tab(api)
    elsewhere.goto(link)
    elsewhere.locator("#self-check").wait_for()
    assert json.loads(api.drafts_sent("POST", f"/{DRAFT_ID}/view")[-1]["body"]) == {"token": TOKEN}
    summary = elsewhere.locator("#summary-answers").inner_text()
    assert "QNg-90123-TS" in summary
    assert "012345678901" in elsewhere.locator("#summary-applicant").inner_text()
    # The self-check lists everything still missing, each leading to its field.
    missing = elsewhere.locator("#self-check-list li").all_inner_texts()
    assert missing == [
        "Nội dung tờ khai: Vui lòng nhập Chiều dài tàu.",
        "Giấy tờ kèm theo: Vui lòng tải lên: Đơn đề nghị cấp giấy phép.",
    ]
    elsewhere.locator("#self-check-list").get_by_role("link", name="Vui lòng nhập Chiều dài tàu.").click()
    assert elsewhere.evaluate("document.activeElement.id") == "f-answers-chieu_dai_tau"
    assert error_summary(elsewhere) == ["Vui lòng nhập Chiều dài tàu."]


def test_the_page_names_only_the_addresses_the_link_was_sent_to(tab, base_url):
    api = DraftApi(base_url)
    page = tab(api)
    page.goto(base_url + FORM)
    fill_applicant(page, phone="0912 3", email="a@example.vn")  # half a phone number: no SMS goes
    page.get_by_role("button", name="Lưu nháp").click()
    page.locator("#draft-panel").wait_for()
    assert page.locator("#draft-sent").inner_text() == "Đường dẫn này cũng đã được gửi qua e-mail tới a@example.vn."


def test_a_draft_saved_meanwhile_elsewhere_is_not_overwritten_and_can_be_opened(tab, base_url):
    api = DraftApi(base_url)
    page = tab(api)
    page.goto(base_url + FORM)
    fill_applicant(page)
    page.get_by_role("button", name="Lưu nháp").click()
    page.locator("#draft-panel").wait_for()
    api.saved_elsewhere(so_dang_ky_tau="QNg-11111-TS")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn B")
    page.get_by_role("button", name="Lưu nháp").click()

    notice = page.locator("#draft-notice")
    notice.get_by_text("Hồ sơ nháp vừa được lưu ở nơi khác, vui lòng tải lại.").wait_for()
    assert page.evaluate("document.activeElement.id") == "draft-notice"
    assert api.draft["applicant"]["full_name"] == "Nguyễn Văn A", "the other save is kept"
    notice.get_by_role("button", name="Mở bản đã lưu gần nhất").click()
    page.locator("#summary-answers").get_by_text("QNg-11111-TS").wait_for()
    assert "Nguyễn Văn A" in page.locator("#summary-applicant").inner_text()


def test_a_forged_or_expired_link_says_so_and_offers_a_fresh_form(tab, base_url):
    api = DraftApi(base_url)
    page = tab(api)
    page.goto(f"{base_url}{FORM}?nhap={DRAFT_ID}#t=forged")
    page.locator("#draft-unopened").wait_for()
    assert page.locator("#draft-unopened h2").inner_text() == "Không mở được hồ sơ nháp"
    assert "đường dẫn không đúng hoặc hồ sơ nháp đã hết hạn lưu" in page.locator("#draft-unopened").inner_text()
    page.get_by_role("button", name="Bắt đầu hồ sơ mới").click()
    page.get_by_label("Họ và tên").or_(page.get_by_label("Cá nhân")).first.wait_for()
    assert page.url == base_url + FORM


def test_the_desk_s_pre_check_is_asked_then_its_comments_show_beside_the_fields_and_the_draft_is_submitted(tab, base_url):
    api = DraftApi(base_url, [SUBMITTED])
    page = tab(api)
    page.goto(base_url + FORM)
    fill_applicant(page)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    page.get_by_label("Chiều dài tàu").fill("15")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Đơn đề nghị cấp giấy phép").set_input_files(files=[PDF])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()
    page.get_by_role("button", name="Tiếp tục").click()

    page.get_by_role("button", name="Nhờ cán bộ xem trước").click()
    page.locator("#precheck-due").wait_for()
    assert "Cán bộ sẽ trả lời trước ngày 03/12/2026." in page.locator("#precheck-due").inner_text()
    assert json.loads(api.drafts_sent("POST", f"/{DRAFT_ID}/precheck")[0]["body"]) == {"token": TOKEN, "version": 1}
    assert page.locator("#draft-link").get_attribute("href").endswith(f"?nhap={DRAFT_ID}#t={TOKEN}")
    # While the desk reads it, the draft cannot change: no "Lưu nháp", no second request.
    assert page.get_by_role("button", name="Lưu nháp").count() == 0
    assert page.get_by_role("button", name="Nhờ cán bộ xem trước").count() == 0

    api.answer([{"path": "answers.chieu_dai_tau", "label": "Chiều dài tàu", "note": "Ghi đúng như sổ đăng ký: 15,8 m."},
                {"path": "documents.don-de-nghi", "label": "Đơn đề nghị cấp giấy phép", "note": "Đơn chưa ký."}],
               note="Hồ sơ gần đủ.")
    page.get_by_role("button", name="Xem đã có ý kiến chưa").click()
    answer = page.locator("#precheck-answer")
    answer.wait_for()
    assert page.evaluate("document.activeElement.id") == "precheck-answer-heading"
    assert page.locator("#precheck-note").inner_text() == "Ý kiến chung: Hồ sơ gần đủ."
    assert answer.locator("li").all_inner_texts() == [
        "Chiều dài tàu: Ghi đúng như sổ đăng ký: 15,8 m.", "Đơn đề nghị cấp giấy phép: Đơn chưa ký."]

    answer.get_by_role("link", name="Chiều dài tàu").click()
    length = page.get_by_label("Chiều dài tàu")
    assert page.evaluate("document.activeElement.id") == "f-answers-chieu_dai_tau"
    assert page.locator("#f-answers-chieu_dai_tau-comment").inner_text() == "Ý kiến của cán bộ: Ghi đúng như sổ đăng ký: 15,8 m."
    assert "f-answers-chieu_dai_tau-comment" in length.get_attribute("aria-describedby")
    length.fill("15.8")
    page.get_by_role("button", name="Tiếp tục").click()
    assert page.locator("#f-documents-don-de-nghi-comment").inner_text() == "Ý kiến của cán bộ: Đơn chưa ký."
    page.get_by_label("Đơn đề nghị cấp giấy phép").set_input_files(files=[{**PDF, "name": "don-da-ky.pdf"}])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don-da-ky.pdf").wait_for()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.locator("#dossier-code").wait_for()
    sent = json.loads(api.sent("/api/dossiers")[0]["body"])
    assert (sent["draft_id"], sent["draft_token"], sent["answers"]["chieu_dai_tau"]) == (DRAFT_ID, TOKEN, 15.8)


def test_the_confirmation_keeps_the_code_on_one_line_on_a_phone_and_copies_it(tab, base_url):
    api = DraftApi(base_url, [SUBMITTED])
    page = tab(api, PHONE)
    page.goto(base_url + FORM)
    fill_applicant(page, email="a@example.vn")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    page.get_by_label("Chiều dài tàu").fill("15")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Đơn đề nghị cấp giấy phép").set_input_files(files=[PDF])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    code = page.locator("#dossier-code")
    code.wait_for()
    assert code.inner_text() == CODE
    assert code_lines(code) == 1
    assert code.evaluate("el => el.scrollWidth <= el.clientWidth"), "the whole code is visible"
    assert page.locator("#tracking-link").get_attribute("href") == f"{base_url}/ho-so/?ma={CODE}#t=tok-1"
    assert page.locator("#code-sent").inner_text() == (
        "Mã hồ sơ đã được gửi qua tin nhắn SMS tới số 0912 345 678 và e-mail tới a@example.vn.")
    # Without the clipboard permission, the older way copies it.
    page.get_by_role("button", name="Sao chép mã hồ sơ").click()
    page.locator("#copy-code-status").get_by_text("Đã sao chép").wait_for()


def code_lines(code) -> int:
    """How many lines the element's text takes: its height over one line's height."""
    return code.evaluate("""el => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        return tops.size;
    }""")
