"""The walking skeleton's journey on the real local stack, in Chromium: a citizen finds the
cage-farming registration, submits it online with a document, a receptionist signs in, opens the
dossier, views the file and receives it; the citizen then sees the received status and the
appointed date on the public lookup page, without anyone's personal data."""
import re
from datetime import datetime, timedelta, timezone

from tests.e2e import desk_steps as desk

PROCEDURE_TITLE = "Cấp, cấp lại giấy xác nhận đăng ký nuôi trồng thủy sản lồng bè"
ID_NUMBER = "051090001234"
FULL_NAME = "Trần Thị Bích"
VIETNAM = timezone(timedelta(hours=7))
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def _continue(page):
    page.get_by_role("button", name="Tiếp tục").click()


def open_on_the_desk(page, url, code) -> None:
    """The receptionist signs in on the officer desk and opens the dossier from the queue."""
    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_from_queue(page, "submitted", code)
    page.locator("#dossier-documents").wait_for()


def submit_cage_farming_dossier(page, url) -> str:
    page.goto(url + "/")
    page.get_by_role("link", name=re.compile("^Tìm thủ tục")).click()
    # Typed the way a phone keyboard without Vietnamese input types it.
    page.get_by_label("Tìm theo tên thủ tục").fill("long be")
    page.get_by_role("link", name=re.compile("^" + PROCEDURE_TITLE)).click()
    page.get_by_role("heading", name=re.compile("^" + PROCEDURE_TITLE)).wait_for()
    guide = page.locator("article").inner_text()
    for expected in ("5 ngày làm việc", "Đơn đăng ký nuôi trồng thủy sản lồng bè", "Căn cứ pháp lý", "Phí"):
        assert expected in guide, expected

    page.locator("#online-button").click()
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill(FULL_NAME)
    page.get_by_label("Số căn cước công dân (CCCD)").fill(ID_NUMBER)
    page.get_by_label("Số điện thoại").fill("0905123456")
    page.locator("#f-applicant-address-commune").fill("Xã Bình Sơn")
    _continue(page)

    page.locator("#f-answers-loai_giay-cap-moi").check()
    page.locator("#f-answers-dia_diem_nuoi-commune").fill("Xã Bình Châu")
    page.get_by_label("Đối tượng nuôi (loài thủy sản)").fill("Cá bớp")
    page.get_by_label("Số lượng lồng").fill("12")
    page.get_by_label("Tổng thể tích lồng nuôi").fill("480")
    _continue(page)

    page.locator("#f-documents-don-de-nghi").set_input_files(
        files=[{"name": "don-dang-ky.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don-dang-ky.pdf").wait_for()
    _continue(page)

    assert page.locator("#self-check").get_by_text("Đã có đủ giấy tờ bắt buộc").is_visible()
    page.locator("#f-consent").check()
    page.locator("#submit-dossier").click()
    page.locator("#dossier-code").wait_for(timeout=15000)
    return page.locator("#dossier-code").inner_text()


def test_a_citizen_submits_online_an_officer_receives_and_the_citizen_sees_the_appointed_date(page, stack):
    url = stack["url"]
    assert "tiepnhan / ThuySan@2026" in stack["output"]

    before = datetime.now(VIETNAM)
    code = submit_cage_farming_dossier(page, url)
    assert re.fullmatch(r"[0-9A-Z.]+-\d{6}-\d{4}", code), code
    assert code.split("-")[1] == before.strftime("%y%m%d")
    submitted_at = page.locator("#submitted-at").inner_text()
    assert submitted_at.startswith((before.strftime("%d/%m/%Y"), datetime.now(VIETNAM).strftime("%d/%m/%Y")))
    assert "Cơ quan sẽ kiểm tra hồ sơ trước ngày" in page.locator("#check-due").inner_text()
    tracking = page.locator("#tracking-link").get_attribute("href")
    page.screenshot(path="build/e2e-confirmation.png", full_page=True)

    # The receptionist signs in on the officer desk and finds the dossier in the queue.
    open_on_the_desk(page, url, code)
    page.screenshot(path="build/e2e-detail.png", full_page=True)
    assert FULL_NAME in page.locator("main").inner_text(), page.locator("main").inner_text()

    # The officer views the uploaded file: the real bytes come back from S3.
    link = page.locator("#dossier-documents").get_by_role("link", name=re.compile("^Xem "))
    href = link.first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.body() == PDF

    desk.take_action(page, "receive")
    assert "Tiếp nhận hồ sơ" in page.locator("#action-result").inner_text()
    page.screenshot(path="build/e2e-received.png", full_page=True)
    page.locator("#signout").click()

    # Anyone looking the code up with the applicant's id number sees the stage and the date,
    # and none of the applicant's personal data.
    page.goto(url + "/tra-cuu/")
    page.locator("#f-lookup-code").fill(code)
    page.locator("#f-lookup-id_number").fill(ID_NUMBER)
    page.get_by_role("button", name="Tra cứu").click()
    page.locator("#status-label").wait_for(timeout=15000)
    assert page.locator("#status-label").inner_text() == "Được tiếp nhận"
    assert DATE.match(page.locator("#lookup-received-at").inner_text().split(" ")[0])
    appointed = page.locator("#lookup-appointed-date").inner_text()
    assert DATE.match(appointed), appointed
    appointed_day = datetime.strptime(appointed, "%d/%m/%Y").replace(tzinfo=VIETNAM).date()
    assert appointed_day > before.date()
    assert appointed_day.weekday() < 6
    lookup_text = page.locator("main").inner_text()
    assert FULL_NAME not in lookup_text and ID_NUMBER not in lookup_text
    assert "0905123456" not in lookup_text
    timeline = page.locator("#lookup-timeline").inner_text()
    assert "Nộp hồ sơ" in timeline and "Tiếp nhận hồ sơ" in timeline
    page.screenshot(path="build/e2e-lookup.png", full_page=True)

    # The private tracking link from the confirmation page opens the applicant's own page at
    # the same stage.
    page.goto(tracking)
    page.locator("#private-state").get_by_text("Được tiếp nhận").wait_for(timeout=30000)


def test_a_wrong_id_number_reveals_nothing(page, stack):
    page.goto(stack["url"] + "/tra-cuu/")
    page.locator("#f-lookup-code").fill("000.00.15.H55-260101-0001")
    page.locator("#f-lookup-id_number").fill("051090009999")
    page.get_by_role("button", name="Tra cứu").click()
    message = page.locator("#lookup-result, #form-errors, [role=alert]").first
    message.wait_for(timeout=15000)
    assert page.locator("#status-label").count() == 0
