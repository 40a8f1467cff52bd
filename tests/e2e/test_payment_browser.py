"""Paying the requested fee online, in Chromium on the real local stack: the desk requests the
fee (officer API), the citizen opens the private link, sees the amount, pays in the local
sandbox and comes back to the result page. A success is confirmed by the sandbox's signed
notification: the dossier is back in processing and the receipt downloads; a failure leaves it
awaiting payment, with nothing recorded."""
from __future__ import annotations

import random
import re

import pytest
import requests

from tests.e2e import desk_steps as desk
from tests.infra.portal_client import id_token, officer_get

PROCEDURE = "giay-phep-khai-thac"
FEE = {"amount": 40000, "reason": "Thông tư 118/2018/TT-BTC, Biểu phí kèm theo."}
TIME_LIMIT = {"value": 6, "unit": "working_days", "reason": "Điều 5 Nghị định 26/2019/NĐ-CP."}
LOCAL = re.compile(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)")


@pytest.fixture
def phone(browser, stack):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", accept_downloads=True)
    tab = context.new_page()
    foreign: list[str] = []
    tab.on("request", lambda r: foreign.append(r.url) if not LOCAL.match(r.url) else None)
    yield tab
    context.close()
    assert not foreign, f"the pages reached hosts other than 127.0.0.1: {foreign}"


def _act(url: str, token: str, dossier: dict, action: str, body: dict) -> None:
    answer = requests.post(f"{url}/api/officer/dossiers/{dossier['dossier_id']}/{action}",
                           json={"version": dossier["version"], **body},
                           headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert answer.status_code == 200, answer.text
    dossier["version"] = answer.json()["dossier"]["version"]


def _fee_requested(url: str) -> dict:
    """A fishing-licence application the desk has asked 40.000 đ for."""
    id_number = "05109" + "".join(random.choice("0123456789") for _ in range(7))
    body = {
        "procedure_id": PROCEDURE,
        "applicant": {
            "kind": "ca-nhan", "full_name": "Lê Văn Thuyền", "id_number": id_number, "phone": "0905123456",
            "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Thôn An Hải"},
        },
        "answers": {
            "loai_giay": "cap-moi", "so_dang_ky_tau": "QNg-90123-TS", "chieu_dai_tau": 15,
            "ten_thuyen_truong": "Lê Văn Thuyền", "nghe_khai_thac": "Lưới vây", "vung_khai_thac": "vung-khoi",
        },
        "consent": True,
    }
    receipt = desk.submit_online(url, body, documents=("don-cap-moi", "dang-ky-tau"))
    dossier = {**receipt, "version": 1}
    reception, specialist = id_token(url, desk.RECEPTIONIST), id_token(url, desk.SPECIALIST)
    _act(url, reception, dossier, "receive", {"time_limit": TIME_LIMIT})
    _act(url, reception, dossier, "forward", {"assignee": desk.SPECIALIST})
    _act(url, specialist, dossier, "request_fee", FEE)
    return dossier


def _desk_view(url: str, dossier: dict) -> dict:
    answer = officer_get(url, f"/api/officer/dossiers/{dossier['dossier_id']}", id_token(url, desk.RECEPTIONIST))
    assert answer.status_code == 200, answer.text
    return answer.json()


def _pay_in_the_sandbox(phone, url: str, dossier: dict, choice: str) -> None:
    """From the private link to the sandbox, where the citizen clicks `choice`, then back on the
    result page once it has asked for the receipt."""
    phone.goto(f"{url}/ho-so/?ma={dossier['code']}#t={dossier['access_token']}")
    button = phone.get_by_role("button", name="Thanh toán trực tuyến")
    button.wait_for(timeout=60000)
    assert phone.locator("#pay-online-amount").inner_text() == "40.000 đ"  # shown before paying
    assert "nơi nộp hồ sơ" in phone.locator("#pay-section").inner_text()  # the counter stays open
    button.click()
    phone.wait_for_url(re.compile(r"/thanh-toan-thu/\?"), timeout=60000)
    assert phone.locator("#sandbox-amount").inner_text() == "40.000 đ"
    assert phone.locator("#sandbox-code").inner_text() == dossier["code"]
    phone.get_by_role("button", name=choice).click()
    phone.wait_for_url(re.compile(r"/ket-qua-thanh-toan/\?"), timeout=60000)
    phone.locator("#payment-result[data-ready]").wait_for(timeout=60000)


def test_a_successful_payment_moves_the_dossier_and_its_receipt_downloads(phone, stack):
    url = stack["url"]
    dossier = _fee_requested(url)

    _pay_in_the_sandbox(phone, url, dossier, "Thanh toán thành công")

    receipt = phone.locator("#payment-receipt")
    assert "40.000 đ" in receipt.inner_text() and "Thanh toán trực tuyến" in receipt.inner_text()
    assert dossier["code"] in phone.locator("#payment-result-message").inner_text()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Tải biên lai").click()
    assert download.value.suggested_filename == f"bien-lai-{dossier['code']}.html"
    saved = download.value.path().read_text(encoding="utf-8")
    assert dossier["code"] in saved and "40.000 đ" in saved
    seen = _desk_view(url, dossier)
    assert seen["dossier"]["status"] == "processing"
    assert seen["events"][-1]["action"] == "paid" and seen["events"][-1]["data"]["method"] == "online"

    phone.get_by_role("link", name="Quay lại trang hồ sơ của bạn").click()
    phone.locator("#private-state").get_by_text("Đang xử lý").wait_for(timeout=60000)


def test_a_failed_payment_leaves_the_dossier_awaiting_payment(phone, stack):
    url = stack["url"]
    dossier = _fee_requested(url)

    _pay_in_the_sandbox(phone, url, dossier, "Thanh toán thất bại")

    assert "chưa thành công" in phone.locator("#payment-result-message").inner_text()
    assert phone.locator("#payment-receipt").count() == 0
    assert _desk_view(url, dossier)["dossier"]["status"] == "awaiting_payment"
