"""The applicant's own page (ho-so/) in Chromium on the real local stack, on a 360 px phone: the
private link from the confirmation opens it; the citizen sees the papers the desk listed with
what is wrong with each, uploads them, and the dossier is back at the desk; once the result is
returned online they download it and rate; another dossier is withdrawn from its link."""
import random
import re
from pathlib import Path

import pytest

from tests.e2e import desk_steps as desk

PHONE = {"width": 360, "height": 740}
OFFICE = {"width": 1366, "height": 768}
LOCAL = re.compile(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)")


@pytest.fixture
def tabs(browser, stack):
    """open_tab(viewport) → a page in its own context (the citizen's phone, an officer's PC)."""
    contexts, foreign = [], []

    def open_tab(viewport):
        context = browser.new_context(viewport=viewport, locale="vi-VN", accept_downloads=True)
        contexts.append(context)
        tab = context.new_page()
        tab.on("request", lambda r: foreign.append(r.url) if not LOCAL.match(r.url) else None)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert not foreign, f"the pages reached hosts other than 127.0.0.1: {foreign}"


def submitted(url: str) -> dict:
    id_number = "05109" + "".join(random.choice("0123456789") for _ in range(7))
    return desk.submit_online(url, desk.cage_farming(full_name="Phan Thị Hoa", id_number=id_number))


def private_link(url: str, receipt: dict) -> str:
    """The link the confirmation page gives (site/assets/js/form.js)."""
    return f"{url}/tra-cuu/?ma={receipt['code']}#t={receipt['access_token']}"


def open_private_page(page, url: str, receipt: dict) -> None:
    page.goto(private_link(url, receipt))
    page.locator("#private-status:not([hidden])").wait_for(timeout=30000)


def test_the_citizen_supplies_the_listed_papers_then_downloads_the_result_and_rates(tabs, stack):
    url = stack["url"]
    receipt = submitted(url)
    office = tabs(OFFICE)
    desk.sign_in(office, url, desk.RECEPTIONIST)
    desk.open_by_code(office, receipt["code"])
    desk.take_action(office, "receive")
    desk.take_action(office, "request_supplement", items={"don-de-nghi": "Đơn chưa có chữ ký của người nộp"},
                     note="Bổ sung trong 10 ngày")

    phone = tabs(PHONE)
    open_private_page(phone, url, receipt)
    assert phone.url.startswith(f"{url}/ho-so/?ma=") and "#t=" in phone.url
    assert phone.locator("#private-state").inner_text() == "Yêu cầu bổ sung giấy tờ"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}.*", phone.locator("#private-appointed").inner_text())
    item = phone.locator("#field-documents-don-de-nghi")
    assert "Đơn chưa có chữ ký của người nộp" in item.inner_text()
    assert phone.locator("#supply-note").inner_text() == "Bổ sung trong 10 ngày"
    assert phone.locator("#field-documents-giay-uy-quyen").count() == 0  # only what was listed
    # What to do comes before the history, and the first thing fits the phone's width.
    todo, history = phone.locator("#private-todo").bounding_box(), phone.locator("#private-history").bounding_box()
    assert todo["y"] < history["y"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path="build/e2e-private-supplement.png", full_page=True)

    phone.locator("#f-documents-don-de-nghi").set_input_files(
        files=[{"name": "don-da-ky.pdf", "mimeType": "application/pdf", "buffer": desk.PDF}])
    phone.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên").wait_for(timeout=30000)
    phone.get_by_role("button", name="Gửi giấy tờ bổ sung").click()
    phone.locator("#private-done:not([hidden])").wait_for(timeout=30000)
    assert phone.locator("#private-state").inner_text() == "Được tiếp nhận"
    assert phone.locator("#supply-form").is_hidden()
    assert "don-da-ky.pdf" in phone.locator("#private-documents").inner_text()
    assert "Bổ sung giấy tờ" in phone.locator("#private-timeline").inner_text()

    # Back at the desk, with the new paper.
    desk.open_by_code(office, receipt["code"])
    assert desk.state_label(office) == "Được tiếp nhận"
    assert "don-da-ky.pdf" in office.locator("#dossier-detail").inner_text()

    # The citizen chooses to receive the result online; the desk decides and returns it online.
    phone.get_by_label("Nhận bản điện tử trên cổng").check()
    phone.get_by_role("button", name="Lưu cách nhận kết quả").click()
    phone.locator("#delivery-current").get_by_text("nhận bản điện tử trên cổng").wait_for(timeout=30000)

    # The choice is a change of the dossier: the desk works on it as it now is.
    desk.open_by_code(office, receipt["code"])
    desk.take_action(office, "forward", assignee="chuyenvien")
    desk.sign_in(office, url, desk.SPECIALIST)
    desk.open_by_code(office, receipt["code"])
    desk.take_action(office, "propose", proposal="approve", opinion="Đủ điều kiện")
    desk.sign_in(office, url, desk.LEADER)
    desk.open_by_code(office, receipt["code"])
    desk.take_action(office, "decide", outcome="approve", number="88/GXN-CCTS", signer="Nguyễn Văn Lãnh",
                     file=("giay-xac-nhan.pdf", desk.PDF))
    desk.sign_in(office, url, desk.RECEPTIONIST)
    desk.open_by_code(office, receipt["code"])
    desk.take_action(office, "return", method="online")

    open_private_page(phone, url, receipt)
    assert phone.locator("#private-state").inner_text() == "Đã trả kết quả"
    assert "88/GXN-CCTS" in phone.locator("#result-text").inner_text()
    with phone.expect_download(timeout=30000) as download:
        phone.get_by_role("link", name="Tải văn bản kết quả").click()
    assert download.value.suggested_filename == "giay-xac-nhan.pdf"
    assert Path(download.value.path()).read_bytes() == desk.PDF

    phone.get_by_label("Hài lòng", exact=True).check()
    phone.get_by_label("Góp ý (không bắt buộc)").fill("Cán bộ hướng dẫn rõ ràng.")
    phone.get_by_role("button", name="Gửi đánh giá").click()
    phone.locator("#rating-given:not([hidden])").wait_for(timeout=30000)
    assert "Hài lòng" in phone.locator("#rating-given").inner_text()
    assert phone.locator("#rating-form").is_hidden() and phone.locator("#withdraw-form").is_hidden()
    phone.screenshot(path="build/e2e-private-returned.png", full_page=True)


def test_a_dossier_not_yet_decided_is_withdrawn_from_its_private_link(tabs, stack):
    url = stack["url"]
    receipt = submitted(url)
    phone = tabs(PHONE)
    open_private_page(phone, url, receipt)
    assert phone.locator("#private-state").inner_text() == "Mới đăng ký"

    phone.get_by_role("button", name="Rút hồ sơ", exact=True).click()
    phone.get_by_label("Lý do rút (không bắt buộc)").fill("Nộp nhầm thủ tục")
    phone.get_by_role("button", name="Xác nhận rút hồ sơ").click()
    phone.locator("#private-done:not([hidden])").wait_for(timeout=30000)
    assert phone.locator("#private-state").inner_text() == "Đã rút hồ sơ"
    assert phone.locator("#withdraw-form").is_hidden()
    assert "Rút hồ sơ" in phone.locator("#private-timeline").inner_text()
    phone.screenshot(path="build/e2e-private-withdrawn.png", full_page=True)


def test_a_forged_link_says_nothing_about_the_dossier(tabs, stack):
    url = stack["url"]
    receipt = submitted(url)
    phone = tabs(PHONE)
    phone.goto(private_link(url, {**receipt, "access_token": "gia-mao"}))
    phone.locator("#private-error:not([hidden])").wait_for(timeout=30000)
    assert phone.locator("#private-status").is_hidden()
    assert receipt["code"] not in phone.locator("#private").inner_text()
