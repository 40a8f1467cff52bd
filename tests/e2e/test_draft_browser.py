"""The citizen's draft and the desk's pre-check in Chromium on the real local stack, on a 360 px
phone: part of a form is saved as a draft; its private link, opened in another browser (no
session copy), brings the answers back; the pre-check is asked; the receptionist answers through
the officer API with a comment on a document and one on a field; the link shows them beside
their field and document; the citizen fixes, submits, and the confirmation keeps the code on one
line with a copy button. And what is typed survives a reload of the tab."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from tests.e2e import desk_steps as desk
from tests.infra.portal_client import id_token

PHONE = {"width": 360, "height": 740}
LOCAL = re.compile(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)")
FORM = f"/nop-ho-so/{desk.CAGES}/"
PDF = {"name": "don.pdf", "mimeType": "application/pdf", "buffer": desk.PDF}
DATE = r"\d{2}/\d{2}/\d{4}"


@pytest.fixture
def phones(browser, stack):
    """new_phone() → a page in a browser context of its own (its own sessionStorage)."""
    contexts, foreign = [], []

    def new_phone():
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: foreign.append(r.url) if not LOCAL.match(r.url) else None)
        return page

    yield new_phone
    for context in contexts:
        context.close()
    assert not foreign, f"the pages reached hosts other than 127.0.0.1: {foreign}"


def fill_applicant(page):
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Lê Thị Nháp")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("051090009876")
    page.get_by_label("Số điện thoại").fill("0905 111 222")
    page.get_by_label("Xã, phường, đặc khu").fill("Xã Bình Sơn")


def upload(page, name="don.pdf"):
    page.get_by_label("Đơn đăng ký nuôi trồng thủy sản lồng bè").set_input_files(files=[{**PDF, "name": name}])
    page.locator("#f-documents-don-de-nghi-status").get_by_text(f"Đã tải lên: {name}").wait_for(timeout=30000)


def answer_precheck(url: str, draft_id: str, comments: list[dict], note: str) -> dict:
    """The receptionist's answer, through the officer API as the desk page sends it."""
    headers = {"Authorization": f"Bearer {id_token(url, desk.RECEPTIONIST)}"}
    detail = requests.get(f"{url}/api/officer/prechecks/{draft_id}", headers=headers, timeout=desk.TIMEOUT)
    assert detail.status_code == 200, detail.text
    allowed = {a["path"] for a in detail.json()["allowed_paths"]}
    assert {c["path"] for c in comments} <= allowed
    answered = requests.post(f"{url}/api/officer/prechecks/{draft_id}/answer", headers=headers, timeout=desk.TIMEOUT,
                             json={"version": detail.json()["version"], "comments": comments, "note": note})
    assert answered.status_code == 200, answered.text
    return answered.json()


def test_a_draft_is_saved_resumed_elsewhere_pre_checked_fixed_and_submitted(phones, stack):
    url = stack["url"]
    first = phones()
    first.goto(url + FORM)
    fill_applicant(first)
    first.get_by_role("button", name="Tiếp tục").click()
    first.get_by_label("Cấp mới").check()
    first.get_by_label("Đối tượng nuôi (loài thủy sản)").fill("Cá bớp")
    first.get_by_label("Số lượng lồng").fill("12")
    first.get_by_role("button", name="Lưu nháp").click()

    panel = first.locator("#draft-panel")
    panel.wait_for(timeout=30000)
    link = first.locator("#draft-link").get_attribute("href")
    assert link.startswith(f"{url}{FORM}?nhap=") and "#t=" in link
    assert re.search(rf"Hồ sơ nháp được giữ đến hết ngày {DATE}\.$", first.locator("#draft-kept").inner_text())
    assert first.locator("#draft-sent").inner_text() == "Đường dẫn này cũng đã được gửi qua tin nhắn SMS tới số 0905 111 222."
    draft_id = parse_qs(urlparse(link).query)["nhap"][0]

    # Another browser, no session copy: the link brings the answers back, on the check step.
    second = phones()
    second.goto(link)
    second.locator("#self-check").wait_for(timeout=30000)
    assert "Lê Thị Nháp" in second.locator("#summary-applicant").inner_text()
    answers = second.locator("#summary-answers").inner_text()
    assert "Cá bớp" in answers and "12 lồng" in answers
    missing = second.locator("#self-check-list li").all_inner_texts()
    assert any(m.startswith("Nội dung tờ khai: ") and "Tổng thể tích lồng nuôi" in m for m in missing), missing
    assert any(m.startswith("Giấy tờ kèm theo: ") for m in missing), missing
    second.locator("#self-check-list a").filter(has_text="Đơn đăng ký nuôi trồng thủy sản lồng bè").click()
    upload(second)
    second.get_by_role("button", name="Tiếp tục").click()
    second.get_by_role("button", name="Nhờ cán bộ xem trước").click()
    second.locator("#precheck-due").wait_for(timeout=30000)
    assert re.search(rf"Cán bộ sẽ trả lời trước ngày {DATE}\.", second.locator("#precheck-due").inner_text())
    assert second.locator("#draft-link").get_attribute("href") == link

    answer_precheck(url, draft_id, [
        {"path": "documents.don-de-nghi", "note": "Đơn chưa có chữ ký của người nộp."},
        {"path": "answers.so_luong_long", "note": "Số lồng trong đơn là 14, hãy ghi cho khớp."},
    ], note="Ghi thêm tổng thể tích lồng nuôi.")

    # The link again, in a third browser: the desk's words at the top and beside what they name.
    third = phones()
    third.goto(link)
    summary = third.locator("#precheck-answer")
    summary.wait_for(timeout=30000)
    assert third.locator("#precheck-note").inner_text() == "Ý kiến chung: Ghi thêm tổng thể tích lồng nuôi."
    assert "Số lượng lồng: Số lồng trong đơn là 14, hãy ghi cho khớp." in summary.inner_text()
    summary.get_by_role("link", name="Số lượng lồng").click()
    assert third.locator("#f-answers-so_luong_long-comment").inner_text() == (
        "Ý kiến của cán bộ: Số lồng trong đơn là 14, hãy ghi cho khớp.")
    third.get_by_label("Số lượng lồng").fill("14")
    third.get_by_label("Tổng thể tích lồng nuôi").fill("480")
    third.get_by_label("Xã, phường, đặc khu").fill("Xã Bình Châu")
    third.get_by_role("button", name="Tiếp tục").click()
    assert third.locator("#f-documents-don-de-nghi-comment").inner_text() == "Ý kiến của cán bộ: Đơn chưa có chữ ký của người nộp."
    upload(third, "don-da-ky.pdf")
    third.get_by_role("button", name="Tiếp tục").click()
    assert third.locator("#self-check").get_by_text("Đã điền đủ thông tin bắt buộc").is_visible()
    third.get_by_label("Tôi đồng ý").check()
    third.get_by_role("button", name="Nộp hồ sơ").click()

    code = third.locator("#dossier-code")
    code.wait_for(timeout=60000)
    text = code.inner_text()
    assert re.fullmatch(r"[0-9A-Z.]+-\d{6}-\d{4}", text)
    height, line = code.evaluate("el => [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)]")
    assert abs(height - line) < 1, f"the code takes one line at 360 px: {height} px high, a line is {line} px"
    assert code.evaluate("el => el.scrollWidth <= el.clientWidth"), "the whole code is visible"
    third.get_by_role("button", name="Sao chép mã hồ sơ").click()
    third.locator("#copy-code-status").get_by_text("Đã sao chép").wait_for()
    assert third.evaluate("navigator.clipboard.readText()") == text
    assert third.locator("#tracking-link").get_attribute("href").startswith(f"{url}/ho-so/?ma={text}#t=")
    assert third.locator("#code-sent").inner_text() == "Mã hồ sơ đã được gửi qua tin nhắn SMS tới số 0905 111 222."
    assert third.url == url + FORM, "the draft's link is dropped from the address once submitted"

    # The draft's link now tells the dossier's code; the private link opens the dossier.
    first.goto(link)
    first.locator("#draft-submitted").wait_for(timeout=30000)
    assert text in first.locator("#draft-submitted").inner_text()
    first.goto(third.locator("#tracking-link").get_attribute("href"))
    first.locator("#private-status:not([hidden])").wait_for(timeout=30000)
    assert first.locator("#private-state").inner_text() == "Mới đăng ký"


def test_what_was_typed_survives_a_reload_of_the_tab(phones, stack):
    page = phones()
    page.goto(stack["url"] + FORM)
    fill_applicant(page)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Đối tượng nuôi (loài thủy sản)").fill("Cá mú")
    page.reload()
    assert page.get_by_label("Đối tượng nuôi (loài thủy sản)").input_value() == "Cá mú"
    page.get_by_role("button", name="Quay lại").click()
    assert page.get_by_label("Họ và tên").input_value() == "Lê Thị Nháp"
    assert page.get_by_label("Số điện thoại").input_value() == "0905 111 222"
