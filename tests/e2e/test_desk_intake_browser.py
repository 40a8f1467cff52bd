"""The counter intake on the real local stack, in Chromium: a receptionist records a dossier
handed in at the counter. Where the catalogue does not confirm the time limit the form asks for
it (with its legal basis) and refuses to send without it; the case that sets the time limit is
asked and required; the scans go up through the officer uploads route; a double click records
one dossier; the new dossier opens received, with the appointed date counted from the time limit
entered, and form 01 ready to print."""
from __future__ import annotations

from datetime import date

from portal.domain.catalogue import Catalogue
from portal.domain.clock import parse_iso
from tests.e2e.test_desk_print_browser import PDF, api, sign_in

SEA_SLOTS = ["don-dang-ky", "thuyet-minh-du-an", "bao-cao-moi-truong", "so-do-khu-vuc-bien"]


def open_intake(page, url: str) -> str:
    token = sign_in(page, url, "tiepnhan")
    page.locator("#nav-intake").click()
    page.locator("#f-procedure_id").wait_for()
    return token


def fill_person(page, name: str, id_number: str) -> None:
    page.locator("#f-applicant-kind-ca-nhan").check()
    page.locator("#f-applicant-full_name").fill(name)
    page.locator("#f-applicant-id_number").fill(id_number)
    page.locator("#f-applicant-phone").fill("0905 123 456")
    page.locator("#f-applicant-address-commune").fill("Phường Sa Huỳnh")


def scan(page, slot: str) -> None:
    page.locator(f"#f-documents-{slot}").set_input_files(
        files=[{"name": slot + ".pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.locator(f"#f-documents-{slot}-status").get_by_text("Đã tải lên: " + slot + ".pdf").wait_for()


def error_of(page, path: str) -> str:
    return page.locator(f"[data-path='{path}'] .field-error").inner_text()


def expected_appointment(received_at: str, value: int, unit: str) -> date:
    calendar = Catalogue.bundled().working_calendar
    return calendar.due_date(parse_iso(received_at), value, unit, None)


def test_a_sea_farming_licence_reissue_taken_in_at_the_counter_with_its_time_limit_entered_by_hand(page, stack):
    url = stack["url"]
    token = open_intake(page, url)
    page.locator("#f-procedure_id").select_option("nuoi-trong-tren-bien")
    page.locator("#f-channel-counter").check()
    fill_person(page, "Huỳnh Văn Biển", "051090005555")
    for slot in SEA_SLOTS:
        scan(page, slot)

    # Neither the case nor the time limit chosen: nothing is sent, each is asked beside its field.
    case = page.locator("#intake-case")
    assert case.get_by_label("Cấp lại").is_visible() and case.get_by_label("Cấp mới").is_visible()
    page.locator("#intake-submit").click()
    page.locator("#intake-summary").wait_for()
    assert error_of(page, "answers.loai_giay")
    page.screenshot(path="build/e2e-intake-errors.png", full_page=True)
    case.get_by_label("Cấp lại").check()
    # The catalogue does not confirm the reissue's time limit: the form asks for it.
    assert "chưa được xác nhận" in page.locator("#intake-terms").inner_text()
    assert "15 ngày" in page.locator("#intake-time-limit").inner_text()
    page.locator("#intake-submit").click()
    page.locator("#intake-summary").wait_for()
    assert "số nguyên" in error_of(page, "limit.value")
    assert error_of(page, "limit.unit")
    assert "căn cứ pháp lý" in error_of(page, "limit.reason")
    assert page.evaluate("location.hash") == "#tai-quay"

    # The reissue period from its legal basis; a double click still records one dossier.
    page.locator("#f-limit-value").fill("15")
    page.locator("#f-limit-unit-calendar_days").check()
    page.locator("#f-limit-reason").fill("Cấp lại: 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Điều 45 Nghị định 26/2019/NĐ-CP).")
    page.locator("#intake-submit").dblclick()

    page.locator("#print-sheet[data-form='01']").wait_for()
    code = page.locator("#print-code").inner_text()
    dossier_id = page.evaluate("location.hash").removeprefix("#ho-so=")
    detail = api(page, url, token, "GET", f"/api/officer/dossiers/{dossier_id}")
    d = detail["dossier"]
    assert d["code"] == code and d["state"] == "received" and d["channel"] == "counter"
    assert d["answers"]["loai_giay"] == "cap-lai"
    assert d["time_limit"]["value"] == 15 and d["time_limit"]["unit"] == "calendar_days" and d["time_limit"]["set_by_hand"]
    appointed = expected_appointment(d["received_at"], 15, "calendar_days")
    assert d["appointed_date"] == appointed.isoformat()
    assert sorted(doc["slot"] for doc in detail["documents"]) == sorted(SEA_SLOTS)
    # Form 01 is offered at once, with the appointed date and the time limit's basis.
    receipt = page.locator("#print-sheet").inner_text()
    assert f"ngày {appointed:%d/%m/%Y}" in receipt and "Điều 45 Nghị định 26/2019/NĐ-CP" in receipt
    assert "Huỳnh Văn Biển" in receipt and "(Cấp lại)" in receipt
    page.locator("#print-close").click()
    assert page.locator("#dossier-state").inner_text() == "Được tiếp nhận"
    page.screenshot(path="build/e2e-intake-dossier.png", full_page=True)
    found = api(page, url, token, "GET", "/api/officer/search?q=051090005555")
    assert [item["code"] for item in found["items"]] == [code]
