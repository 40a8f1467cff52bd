"""The officer desk in Chromium on the real local stack (1366×768, an office PC): the queues and
the search lead to a dossier; every action's form posts and the dossier shows its new state; a
422 names the wrong field beside it; a stale version (another officer acted first) reloads the
dossier in its new state; a citizen's text with markup stays text."""
import random
import re
from datetime import date, timedelta

import pytest

from tests.e2e import desk_steps as desk

OFFICE = {"width": 1366, "height": 768}
DATE = re.compile(r"\d{2}/\d{2}/\d{4}")


@pytest.fixture
def office(browser, stack):
    """A factory of desk tabs, each its own browser context (its own signed-in officer)."""
    contexts = []

    def open_tab():
        context = browser.new_context(viewport=OFFICE, locale="vi-VN")
        contexts.append(context)
        tab = context.new_page()
        tab.on("request", lambda r: foreign.append(r.url) if not re.match(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)", r.url) else None)
        return tab

    foreign: list[str] = []
    yield open_tab
    for context in contexts:
        context.close()
    assert not foreign, f"the desk reached hosts other than 127.0.0.1: {foreign}"


def id_number() -> str:
    return "05109" + "".join(random.choice("0123456789") for _ in range(7))


def cage_farming_code(url: str, full_name: str, **answers) -> str:
    """A cage-farming registration submitted online by `full_name`; its dossier code."""
    return desk.submit_online(url, desk.cage_farming(full_name=full_name, id_number=id_number(), **answers))["code"]


def received_on_the_desk(office, url: str, full_name: str):
    """A new online dossier, opened by the receptionist: (the tab, the dossier code)."""
    code = cage_farming_code(url, full_name)
    page = office()
    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_by_code(page, code)
    return page, code


def catch_certificate(full_name: str) -> dict:
    """A catch certificate (chung-nhan-thuy-san-khai-thac): 2 working days, a per-tonne fee the
    catalogue has not confirmed, so the desk enters the amount and its basis."""
    body = desk.cage_farming(full_name=full_name, id_number=id_number())
    body["procedure_id"] = "chung-nhan-thuy-san-khai-thac"
    body["answers"] = {"loai_de_nghi": "cap-moi", "thi_truong_nhap_khau": "chau-au", "nuoc_nhap_khau": "Pháp",
                       "so_giay_xac_nhan_nguyen_lieu": "XN-2026-01", "loai_thuy_san_lo_hang": "Cá ngừ",
                       "khoi_luong_lo_hang": 20}
    return body


def submit_catch_certificate(url: str, full_name: str) -> dict:
    return desk.submit_online(url, catch_certificate(full_name),
                              documents=("giay-xac-nhan-nguyen-lieu", "giay-chung-nhan-ke-khai"))


def vessel_building_approval(full_name: str) -> dict:
    """An approval to build a fishing vessel (chap-thuan-dong-moi-cai-hoan-tau-ca): the catalogue
    does not confirm its time limit, so the receptionist enters it with its legal basis."""
    body = desk.cage_farming(full_name=full_name, id_number=id_number())
    body["procedure_id"] = "chap-thuan-dong-moi-cai-hoan-tau-ca"
    body["answers"] = {"loai_de_nghi": "dong-moi", "vat_lieu_vo": "composite", "chieu_dai_tau": 15,
                       "tong_cong_suat": 400, "nghe_khai_thac": "Lưới vây", "vung_khai_thac": "vung-khoi"}
    return body


def next_working_day_after(day: date, days: int) -> date:
    later = day + timedelta(days=days)
    while later.weekday() >= 5:
        later += timedelta(days=1)
    return later


def test_the_queues_and_the_search_lead_to_the_dossier(office, stack):
    url = stack["url"]
    number = id_number()
    dossier = desk.submit_online(url, desk.cage_farming(full_name="Đoàn Ngọc Quế", id_number=number))
    code = dossier["code"]
    page = office()
    desk.sign_in(page, url, desk.RECEPTIONIST)

    # The receptionist's desk opens on the dossiers waiting for the completeness check.
    assert page.locator("#queue-tab-submitted").get_attribute("aria-current") == "true"
    desk.open_from_queue(page, "submitted", code)
    assert page.evaluate("document.activeElement.id") == "dossier-heading"
    assert page.locator("#dossier-state").inner_text() == "Mới đăng ký"
    assert page.locator("#dossier-channel").inner_text() == "Nộp trực tuyến"
    assert DATE.fullmatch(page.locator("#dossier-check-due").inner_text().split(" ")[0])
    answers = page.locator("#dossier-answers").inner_text()
    assert "480 m³" in answers and "12 lồng" in answers
    assert "Đoàn Ngọc Quế" in page.locator("#applicant-name").inner_text()
    assert "Nộp hồ sơ" in page.locator("#dossier-events").inner_text()
    page.screenshot(path="build/e2e-desk-dossier.png")

    # Back to the list, then the three ways of searching.
    page.locator("#back-to-queue").click()
    page.locator("#queue-tab-submitted[aria-current]").wait_for()
    desk.search(page, code)
    assert page.locator("#queue-list tbody tr").count() == 1
    desk.search(page, number)
    assert page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}").count() == 1
    desk.search(page, "doan ngoc q")  # a name's beginning typed without accents
    assert page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}").count() == 1
    page.screenshot(path="build/e2e-desk-search.png")

    # By keyboard: the result's link opens with Enter and the dossier's heading takes the focus.
    page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}").focus()
    page.keyboard.press("Enter")
    desk.wait_for_dossier(page, code)
    assert page.evaluate("document.activeElement.id") == "dossier-heading"

    desk.search(page, "000.00.15.H55-990101-9999")
    assert page.locator("#queue-empty").is_visible()


def test_a_refusal_without_a_declared_ground_names_the_field_then_a_ground_refuses(office, stack):
    page, _ = received_on_the_desk(office, stack["url"], "Lý Thị Mai")

    desk.take_action(page, "refuse", expect_success=False, note="Hồ sơ không thuộc phạm vi")
    summary = page.locator("#form-refuse-summary")
    assert summary.is_visible()
    beside = page.locator("#f-refuse-grounds-error")
    assert beside.is_visible() and beside.inner_text().replace("Lỗi:", "").strip() in summary.inner_text()
    assert page.locator("#f-refuse-grounds").get_attribute("aria-invalid") == "true"
    page.screenshot(path="build/e2e-desk-422.png")
    # Nothing was written.
    assert desk.state_label(page) == "Mới đăng ký"
    assert "Từ chối" not in page.locator("#dossier-events").inner_text()

    first = page.locator("#f-refuse-grounds input[type=checkbox]").first
    ground = page.locator(f"label[for='{first.get_attribute('id')}']").inner_text()
    first.check()
    desk.submit(page, "refuse")
    assert desk.state_label(page) == "Không được tiếp nhận"
    facts = page.locator("#dossier-facts").inner_text()
    assert ground.split(" (")[0] in facts and "Hồ sơ không thuộc phạm vi" in facts
    assert "Từ chối tiếp nhận" in page.locator("#dossier-events").inner_text()
    assert page.locator(".desk-action").count() == 0


def test_a_supplement_is_asked_once_from_the_document_list_and_supplied_at_the_counter(office, stack):
    page, _ = received_on_the_desk(office, stack["url"], "Hồ Văn Sáu")

    desk.open_action(page, "request_supplement")
    assert "một lần" in page.locator("#supplement-once").inner_text()
    # Only the procedure's own documents are offered.
    offered = page.locator("#f-request_supplement-items input[type=checkbox]")
    assert offered.count() == 2
    # A ticked document asks what is wrong with it; the catalogue's common problems fill it in.
    desk.field(page, "request_supplement", "items.don-de-nghi").check()
    page.locator("[data-path='items.don-de-nghi.note'] .problem-pick").first.click()
    note = desk.field(page, "request_supplement", "items.don-de-nghi.note")
    assert "Mẫu 26.NT" in note.input_value()
    note.fill(note.input_value() + "; thiếu chữ ký của chủ cơ sở")
    desk.field(page, "request_supplement", "note").fill("Nộp lại tại quầy")
    page.screenshot(path="build/e2e-desk-supplement.png")
    desk.submit(page, "request_supplement")
    assert desk.state_label(page) == "Yêu cầu bổ sung giấy tờ"
    items = page.locator("#fact-supplement-items").inner_text()
    assert "thiếu chữ ký của chủ cơ sở" in items and "Giấy ủy quyền" not in items

    desk.take_action(page, "supply", note="Đã nhận đơn có chữ ký")
    assert desk.state_label(page) == "Mới đăng ký"
    assert "Bổ sung giấy tờ" in page.locator("#dossier-events").inner_text()

    # Once per dossier: the desk no longer offers a second request (the API refuses one:
    # tests/api/test_desk_lifecycle.py), while receiving is offered again.
    page.locator("#action-receive").wait_for()
    assert page.locator("#action-request_supplement").count() == 0
    assert desk.state_label(page) == "Mới đăng ký"


def test_an_online_dossier_from_receipt_to_its_returned_result_through_every_processing_action(office, stack):
    url = stack["url"]
    submitted = submit_catch_certificate(url, "Ngô Thị Lan")
    code = submitted["code"]
    page = office()

    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_by_code(page, code)
    desk.take_action(page, "receive")
    assert desk.state_label(page) == "Được tiếp nhận"
    appointed = page.locator("#dossier-appointed-date").inner_text()[:10]
    assert appointed in page.locator("#action-result").inner_text()

    # One supplement round: the clock pauses and resumes the same day, so the date holds.
    desk.take_action(page, "request_supplement", items={"giay-chung-nhan-ke-khai": "Bản chụp mờ, không đọc được số lượng."})
    assert desk.state_label(page) == "Yêu cầu bổ sung giấy tờ"
    desk.take_action(page, "supply", note="Đã nhận bản chụp rõ tại quầy")
    assert desk.state_label(page) == "Được tiếp nhận"
    assert page.locator("#dossier-appointed-date").inner_text()[:10] == appointed

    # Two working days: the appointed date is already close, so the desk may apologise.
    old = date(*reversed([int(x) for x in appointed.split("/")]))
    new = next_working_day_after(old, 7)
    desk.take_action(page, "apologise", new_date=new.isoformat(), reason="Chờ kết quả kiểm tra lô hàng")
    assert page.locator("#dossier-appointed-date").inner_text()[:10] == new.strftime("%d/%m/%Y")

    desk.take_action(page, "forward", assignee="chuyenvien")
    assert desk.state_label(page) == "Đang xử lý"

    desk.sign_in(page, url, desk.SPECIALIST)
    desk.open_from_queue(page, "processing", code)
    desk.open_action(page, "request_fee")
    assert "15.000 đ/tấn" in page.locator("#fee-text").inner_text()
    desk._fill_fields(page, "request_fee", quantity="20", amount="450000",
                      reason="Thông tư 118/2018/TT-BTC: 150.000 đ + 15.000 đ/tấn")
    desk.submit(page, "request_fee")
    assert desk.state_label(page) == "Chờ thực hiện nghĩa vụ tài chính"
    assert "450.000" in page.locator("#fact-fee").inner_text()

    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_from_queue(page, "awaiting_payment", code)
    desk.open_action(page, "paid")
    assert desk.field(page, "paid", "amount").input_value() == "450000"  # the amount requested
    desk.field(page, "paid", "receipt_number").fill("BL-0001")
    desk.submit(page, "paid")
    assert desk.state_label(page) == "Đang xử lý"
    assert "BL-0001" in page.locator("#fact-payment").inner_text()

    desk.sign_in(page, url, desk.SPECIALIST)
    desk.open_by_code(page, code)
    desk.take_action(page, "propose", proposal="approve", opinion="Lô hàng đủ điều kiện")
    assert "Lô hàng đủ điều kiện" in page.locator("#fact-proposal").inner_text()

    desk.sign_in(page, url, desk.LEADER)
    desk.open_by_code(page, code)
    desk.take_action(page, "send_back", note="Kiểm tra lại khối lượng")
    assert "Kiểm tra lại khối lượng" in page.locator("#dossier-events").inner_text()
    # The local stack has one specialist: re-assigning to the same one is named beside the field.
    desk.take_action(page, "assign", expect_success=False, assignee="chuyenvien")
    assert "chuyên viên này" in page.locator("#f-assign-assignee-error").inner_text()

    desk.sign_in(page, url, desk.SPECIALIST)
    desk.open_by_code(page, code)
    desk.take_action(page, "propose", proposal="approve", opinion="Đã kiểm tra lại khối lượng")

    desk.sign_in(page, url, desk.LEADER)
    desk.open_by_code(page, code)
    desk.take_action(page, "decide", outcome="approve", number="123/GCN-CCTS", signer="Nguyễn Văn Lãnh",
                     file=("giay-chung-nhan.pdf", desk.PDF))
    assert desk.state_label(page) == "Đã xử lý xong"
    assert "Phê duyệt" in page.locator("#fact-outcome").inner_text()
    assert "123/GCN-CCTS" in page.locator("#dossier-facts").inner_text()
    page.screenshot(path="build/e2e-desk-decided.png")

    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_from_queue(page, "result_ready", code)
    desk.take_action(page, "return", method="counter", collected_by="Ngô Thị Lan")
    assert desk.state_label(page) == "Đã trả kết quả"
    assert "Ngô Thị Lan" in page.locator("#dossier-facts").inner_text()
    assert page.locator(".desk-action").count() == 0
    page.screenshot(path="build/e2e-desk-returned.png", full_page=True)

    # Each step the citizen sees reached him by SMS through the outbox, once; the desk's internal
    # steps (propose, send back) did not.
    import requests

    sent = requests.get(url + "/_local/outbox?format=json", timeout=60).json()["messages"]
    actions = sorted(m["action"] for m in sent if m["dossier_id"] == submitted["dossier_id"] and m["channel"] == "sms")
    assert actions == sorted(["submit", "receive", "request_supplement", "supply", "apologise", "forward",
                              "request_fee", "paid", "decide", "return"]), actions


def test_a_leader_stops_processing_on_a_declared_ground_or_decides_a_refusal(office, stack):
    url = stack["url"]
    stopped = cage_farming_code(url, "Tạ Văn Dừng")
    denied = cage_farming_code(url, "Tạ Văn Khước")
    page = office()
    desk.sign_in(page, url, desk.RECEPTIONIST)
    for code in (stopped, denied):
        desk.open_by_code(page, code)
        desk.take_action(page, "receive")
        desk.take_action(page, "forward", assignee="chuyenvien")

    desk.sign_in(page, url, desk.LEADER)
    desk.open_by_code(page, stopped)
    desk.take_action(page, "stop", expect_success=False, note="Cơ sở không đủ điều kiện")
    assert page.locator("#f-stop-grounds-error").is_visible()
    page.locator("#f-stop-grounds input[type=checkbox]").first.check()
    desk.submit(page, "stop")
    assert desk.state_label(page) == "Dừng xử lý"
    assert "Cơ sở không đủ điều kiện" in page.locator("#dossier-facts").inner_text()

    # Before the specialist's proposal no decision is offered (the API's 409 for one sent
    # anyway: tests/api/test_desk_lifecycle.py).
    desk.open_by_code(page, denied)
    page.locator("#action-stop").wait_for()
    assert page.locator("#action-decide").count() == 0
    assert desk.state_label(page) == "Đang xử lý"

    desk.sign_in(page, url, desk.SPECIALIST)
    desk.open_by_code(page, denied)
    desk.take_action(page, "propose", proposal="deny", opinion="Vị trí đặt lồng nằm trong vùng cấm")
    desk.sign_in(page, url, desk.LEADER)
    desk.open_by_code(page, denied)
    desk.take_action(page, "decide", outcome="deny", reasons="Vị trí đặt lồng nằm trong vùng cấm")
    assert desk.state_label(page) == "Đã xử lý xong"
    assert "Không phê duyệt" in page.locator("#fact-outcome").inner_text()


def test_a_stale_version_reloads_the_dossier_in_its_new_state(office, stack):
    url = stack["url"]
    code = cage_farming_code(url, "Mạc Thị Hai")
    first, second = office(), office()
    for tab in (first, second):
        desk.sign_in(tab, url, desk.RECEPTIONIST)
        desk.open_by_code(tab, code)

    desk.take_action(first, "receive")
    assert desk.state_label(first) == "Được tiếp nhận"

    # The second officer still sees the dossier as submitted and refuses it.
    desk.open_action(second, "refuse")
    second.locator("#f-refuse-grounds input[type=checkbox]").first.check()
    desk.field(second, "refuse", "note").fill("Không thuộc phạm vi")
    second.locator("#submit-refuse").click()
    notice = second.locator("#action-result.notice--error")
    notice.wait_for(timeout=15000)
    assert "tải lại" in notice.inner_text()
    assert desk.state_label(second) == "Được tiếp nhận"
    assert second.evaluate("document.activeElement.id") == "action-result"
    assert second.locator("#action-refuse").count() == 0
    second.screenshot(path="build/e2e-desk-409.png")
    assert "Từ chối" not in second.locator("#dossier-events").inner_text()


def test_a_citizens_text_with_markup_shows_as_text(office, stack):
    url = stack["url"]
    name = "Lê <b>Văn</b> Tám"
    species = '<img src=x id=injected onerror="document.title=\'owned\'">Cá bớp'
    code = cage_farming_code(url, name, doi_tuong_nuoi=species)
    page = office()
    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.search(page, code)
    assert name in page.locator("#queue-list").inner_text()
    page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}").click()
    desk.wait_for_dossier(page, code)
    assert page.locator("#applicant-name").inner_text() == name
    assert species in page.locator("#dossier-answers").inner_text()
    assert page.locator("#portal-admin b, #injected").count() == 0
    assert page.title() != "owned"


def test_a_time_limit_the_catalogue_does_not_confirm_is_entered_with_its_basis_on_receipt(office, stack):
    url = stack["url"]
    code = desk.submit_online(url, vessel_building_approval("Trương Văn Tàu"), documents=("to-khai",))["code"]
    page = office()
    desk.sign_in(page, url, desk.RECEPTIONIST)
    desk.open_by_code(page, code)

    # Without the time limit nothing is written, and each missing part is named beside it.
    desk.take_action(page, "receive", expect_success=False)
    assert page.locator("#form-receive-summary").is_visible()
    assert page.locator("[data-path^='time_limit'] .field-error").count() >= 1
    assert desk.state_label(page) == "Mới đăng ký"

    desk.FILL["receive"](page, "receive", time_limit=(10, "working_days", "Điều 56 Nghị định 26/2019/NĐ-CP"))
    desk.submit(page, "receive")
    assert desk.state_label(page) == "Được tiếp nhận"
    assert DATE.match(page.locator("#dossier-appointed-date").inner_text())
    facts = page.locator("#dossier-facts").inner_text()
    assert "10 ngày làm việc" in facts and "Điều 56 Nghị định 26/2019/NĐ-CP" in facts
