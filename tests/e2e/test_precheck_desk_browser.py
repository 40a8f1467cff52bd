"""The desk's pre-check of a citizen's draft in Chromium on the real local stack: the draft and
its pre-check request are made through the citizen's API, then the receptionist finds it in
"Chờ xem trước", reads it (applicant, answers, file, the system's self-check), answers with a
note on one item and a general note (a refused note is named beside its own item), and the
citizen's link shows the answer and the citizen is told."""
import base64
import random
import re
import secrets
from pathlib import Path

import pytest
import requests

from tests.e2e import desk_steps as desk

OFFICE = {"width": 1366, "height": 768}
AXE = Path(__file__).parents[1] / "site" / "vendor" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations (as tests/site/test_site_accessibility_browser.py runs it)."""
    # The theme's header fades its title in and out on scroll: judge colours once it has settled.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")  # a function: the CSP allows no eval
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not a script tag: the site's CSP stays on
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: "tag", values:
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]})""")
    return [f"{v['id']}: {node['target']}" for v in result["violations"] for node in v["nodes"]]


@pytest.fixture
def office(browser, stack):
    context = browser.new_context(viewport=OFFICE, locale="vi-VN")
    tab = context.new_page()
    foreign: list[str] = []
    tab.on("request", lambda r: foreign.append(r.url) if not re.match(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)", r.url) else None)
    yield tab
    context.close()
    assert not foreign, f"the desk reached hosts other than 127.0.0.1: {foreign}"


def waiting_draft(url: str, full_name: str) -> tuple[dict, str]:
    """A citizen's unfinished cage-farming draft with its application file, sent for a pre-check."""
    body = desk.cage_farming(full_name=full_name, id_number="05109" + "".join(random.choices("0123456789", k=7)))
    body["answers"] = {"loai_giay": "cap-moi", "doi_tuong_nuoi": "Cá bớp", "so_luong_long": 12}
    body["applicant"]["email"] = "nhap@example.vn"
    del body["consent"]
    body["documents"] = [{"slot": "don-de-nghi", "upload_id": desk.upload(url, desk.CAGES, "don-de-nghi")}]
    key = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode().rstrip("=")
    saved = requests.post(url + "/api/drafts", json=body, headers={"Idempotency-Key": key}, timeout=desk.TIMEOUT)
    assert saved.status_code == 201, saved.text
    draft, token = saved.json(), saved.json()["access_token"]
    asked = requests.post(f"{url}/api/drafts/{draft['draft_id']}/precheck",
                          json={"token": token, "version": draft["version"]}, timeout=desk.TIMEOUT)
    assert asked.status_code == 200, asked.text
    return asked.json(), token


def test_the_receptionist_answers_a_pre_check_from_the_waiting_list(office, stack):
    url = stack["url"]
    name = "Đặng Thị Nháp " + "".join(random.choices("ABCDEFGHKLMN", k=4))
    draft, token = waiting_draft(url, name)
    page = office

    desk.sign_in(page, url, desk.RECEPTIONIST)
    page.locator("#queue-tab-precheck").click()
    page.locator("#precheck-list, #queue-empty, #queue-error").first.wait_for(timeout=15000)
    link = page.get_by_role("link", name=f"Xem trước hồ sơ nháp của {name}")
    while not link.count() and page.locator("#queue-more").count():
        page.locator("#queue-more").click()
        page.wait_for_function("!document.querySelector('#queue-more[disabled]')")
    link.click()
    page.locator("#precheck-heading").wait_for(timeout=15000)

    assert page.locator("#precheck-status").inner_text() == "Chờ xem trước"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", page.locator("#precheck-due").inner_text())
    assert name in page.locator("#precheck-applicant").inner_text()
    answers = page.locator("#precheck-answers").inner_text()
    assert "Số lượng lồng" in answers and "12" in answers and "Cá bớp" in answers
    assert "don.pdf" in page.locator("#precheck-documents").inner_text()
    # The draft's file opens as the dossiers' do: from the documents distribution, never sniffed.
    opened = requests.get(page.locator("#precheck-documents a").get_attribute("href"), timeout=desk.TIMEOUT)
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
    assert opened.headers["X-Content-Type-Options"] == "nosniff"
    assert opened.headers["Content-Disposition"].startswith("attachment;")
    assert "Tổng thể tích lồng nuôi" in page.locator("#precheck-check").inner_text()  # the self-check

    # Nothing to say is refused, and said where: the general note.
    page.locator("#precheck-submit").click()
    page.locator("#precheck-form-summary").wait_for()
    assert page.locator("[data-path='note'] .field-error").count() == 1

    # A note the text rules refuse is named beside its own item, not another.
    page.locator("#f-precheck-answers-so_luong_long").fill("Số lồng\u202e khác giấy phép cũ.")
    page.locator("#f-precheck-documents-don-de-nghi").fill("Đơn chưa có chữ ký.")
    page.locator("#precheck-submit").click()
    page.locator("[data-path='answers.so_luong_long'] .field-error").wait_for()
    assert page.locator("[data-path='documents.don-de-nghi'] .field-error").count() == 0
    assert page.locator("#f-precheck-answers-so_luong_long").get_attribute("aria-invalid") == "true"
    assert violations(page) == []  # WCAG 2.2 A/AA (axe-core), with the form's errors showing

    page.locator("#f-precheck-answers-so_luong_long").fill("Số lồng khác giấy phép cũ, vui lòng kiểm tra.")
    page.locator("#f-precheck-note").fill("Bổ sung chữ ký vào đơn rồi nộp.")
    page.locator("#precheck-submit").click()
    page.locator("#precheck-result").wait_for(timeout=15000)
    assert page.locator("#precheck-status").inner_text() == "Đã có ý kiến xem trước"
    shown = page.locator("#precheck-answer-comments").inner_text()
    assert "Số lượng lồng: Số lồng khác giấy phép cũ, vui lòng kiểm tra." in shown
    assert page.locator("#precheck-answer-note").inner_text() == "Bổ sung chữ ký vào đơn rồi nộp."
    assert page.locator("#precheck-form").count() == 0  # answered once
    assert violations(page) == []

    # The citizen's link shows the answer; the citizen was told to open it.
    mine = requests.post(f"{url}/api/drafts/{draft['draft_id']}/view", json={"token": token}, timeout=desk.TIMEOUT).json()
    assert mine["status"] == "precheck_answered"
    assert [c["path"] for c in mine["precheck"]["comments"]] == ["answers.so_luong_long", "documents.don-de-nghi"]
    outbox = requests.get(url + "/_local/outbox?format=json", timeout=desk.TIMEOUT).json()["messages"]
    told = [m for m in outbox if m.get("draft_id") == draft["draft_id"] and m["action"] == "precheck_answer"]
    assert sorted(m["channel"] for m in told) == ["email", "sms"]
    assert {m["status"] for m in told} == {"sent"}
    assert all(token not in m["body"] for m in told)  # the link is the citizen's alone

    # It has left the waiting list.
    page.locator("#back-to-queue").click()
    page.locator("#precheck-list, #queue-empty").first.wait_for(timeout=15000)
    assert not page.get_by_role("link", name=f"Xem trước hồ sơ nháp của {name}").count()


def test_a_specialist_is_not_offered_the_pre_check_list(office, stack):
    desk.sign_in(office, stack["url"], desk.SPECIALIST)
    office.locator("#queue-tabs, .queue-tabs").first.wait_for()
    assert office.locator("#queue-tab-precheck").count() == 0
