"""The desk's printed forms on the real local stack, in Chromium: dossiers are brought to each
state through the officer API (as the desk's action forms send it), then the receptionist or
the leader opens each dossier on the desk and prints its forms. In print media only the form is
on the page, each form states the dossier's facts, and its QR code, rendered by the browser and
read back by a real decoder (zxing-cpp), holds the dossier code."""
from __future__ import annotations

import json
import re
import struct
import zlib
from datetime import date, datetime, timedelta

import zxingcpp

from portal.domain.catalogue import Catalogue
from portal.domain.clock import VN_TZ, parse_iso

PASSWORD = "ThuySan@2026"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DATE = r"\d{2}/\d{2}/\d{4}"
CAGES = "nuoi-trong-long-be"  # confirmed time limit, one required paper, online too
SEA = "nuoi-trong-tren-bien"  # its time limit is unconfirmed: entered by hand at intake
# How long a step may wait for the stack (a generous bound for a loaded machine, not a measure).
WAIT_MS = 90_000


# --- the officer's session and API ---------------------------------------------------------


def sign_in(page, url: str, username: str) -> str:
    """Signs in on the desk; returns the ID token the desk keeps for its API calls."""
    page.set_default_timeout(WAIT_MS)
    page.goto(url + "/admin/")
    page.evaluate("sessionStorage.clear()")  # whoever was signed in before
    page.reload()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("#signout").wait_for()
    return page.evaluate("sessionStorage.getItem('portal-officer-id-token')")


def api(page, url: str, token: str | None, method: str, path: str, body=None, key: str | None = None):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if key:
        headers["Idempotency-Key"] = key
    response = page.request.fetch(url + path, method=method, headers=headers,
                                  data=json.dumps(body) if body is not None else None, timeout=WAIT_MS)
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json()


def upload(page, url: str, token: str | None, procedure_id: str, slot: str) -> str:
    """A PDF sent through the presigned POST the API hands out; returns its upload id."""
    name = slot + ".pdf"
    if token:
        target = api(page, url, token, "POST", "/api/officer/uploads", {
            "purpose": "scan", "procedure_id": procedure_id, "slot": slot,
            "filename": name, "content_type": "application/pdf", "size": len(PDF)})
    else:
        target = api(page, url, None, "POST", "/api/uploads", {
            "procedure_id": procedure_id, "slot": slot, "filename": name, "content_type": "application/pdf", "size": len(PDF)})
    fields = dict(target.get("fields") or {})
    fields["file"] = {"name": name, "mimeType": "application/pdf", "buffer": PDF}
    assert page.request.post(target["url"], multipart=fields, timeout=WAIT_MS).ok
    return target["upload_id"]


def person(name: str, id_number: str) -> dict:
    return {"kind": "ca-nhan", "full_name": name, "id_number": id_number, "phone": "0905123456",
            "email": "nguoinop@example.vn", "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Sơn", "street": "Thôn 3"}}


CAGE_ANSWERS = {"loai_giay": "cap-moi", "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": ""},
                "doi_tuong_nuoi": "Cá bớp", "so_luong_long": 12, "the_tich_long": 480}


def take_in(page, url, token, procedure_id, applicant, slots, answers=None, time_limit=None) -> dict:
    body = {"procedure_id": procedure_id, "channel": "counter", "applicant": applicant, "answers": answers or {},
            "documents": [{"slot": s, "upload_id": upload(page, url, token, procedure_id, s)} for s in slots]}
    if time_limit:
        body["time_limit"] = time_limit
    return api(page, url, token, "POST", "/api/officer/intake", body, key=f"print-test-{applicant['id_number']}")


def act(page, url, token, detail, action, body) -> dict:
    d = detail["dossier"]
    return api(page, url, token, "POST", f"/api/officer/dossiers/{d['id']}/{action}", {"version": d["version"], **body})


def next_working_day(after: date) -> date:
    return Catalogue.bundled().working_calendar.add_working_days(after, 1)


# --- reading what the browser printed --------------------------------------------------------


def png_gray(png: bytes) -> tuple[int, int, bytes]:
    """(width, height, one byte per pixel) of an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6) and chunk[12] == 0, "an interlaced or paletted PNG"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            predictor = {0: 0, 1: a, 2: b, 3: (a + b) // 2}.get(kind)
            if predictor is None:  # Paeth
                p = a + b - c
                predictor = min((abs(p - a), 0, a), (abs(p - b), 1, b), (abs(p - c), 2, c))[2]
            line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line[x * channels] for x in range(width)))  # the red channel: the QR is black on white
        previous = line
    return width, height, b"".join(rows)


def read_qr(page) -> str:
    width, height, pixels = png_gray(page.locator("#print-sheet svg.print-qr").screenshot())
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "no QR code read from the printed form"
    return found[0].text


def print_form(page, kind: str) -> str:
    """Clicks the dossier's print button for `kind`; returns the sheet's text in print media,
    once it checked that the print dialog was asked for and the form is all that is printed."""
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator(f"#print-{kind}").click()
    page.locator(f"#print-sheet[data-form='{kind}']").wait_for()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    try:
        assert page.locator("#print-sheet").is_visible()
        for chrome in (".md-header", "#dossier-detail", "#signout", "#print-again"):
            assert not page.locator(chrome).first.is_visible(), chrome + " is printed"
        text = page.locator("#print-sheet").inner_text()
        a4_screenshot(page, kind)
    finally:
        page.emulate_media(media="screen")
    return text


def a4_screenshot(page, kind: str) -> None:
    """build/e2e-print-<kind>.png at the width of A4's printable area (96 px per inch), to look at."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": 1047 if kind == "07" else 642, "height": 900})
    page.screenshot(path=f"build/e2e-print-{kind}.png", full_page=True)
    page.set_viewport_size(viewport)


def close_print(page) -> None:
    page.locator("#print-close").click()
    page.locator("#print-area").wait_for(state="hidden")


def open_dossier(page, url, dossier_id) -> None:
    page.goto(f"{url}/admin/#ho-so={dossier_id}")
    page.reload()  # drawn afresh even when the desk already shows it
    page.locator("#dossier-heading").wait_for()


def printed(page, kind: str, code: str, title: str) -> str:
    """Prints form `kind` of the open dossier; checks its header, title, code and QR code."""
    text = print_form(page, kind)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CHI CỤC THỦY SẢN QUẢNG NGÃI", title):
        assert line in text
    assert re.search(r"Quảng Ngãi, ngày " + DATE, text)
    assert f"Mã hồ sơ: {code}" in text
    assert read_qr(page) == code
    return text


# --- the forms -------------------------------------------------------------------------------


def test_receipt_and_supplement_request_print_the_dossiers_facts_and_its_code_as_a_qr(page, stack):
    url = stack["url"]
    token = sign_in(page, url, "tiepnhan")
    detail = take_in(page, url, token, CAGES, person("Lê Văn Hải", "051090001111"), ["don-de-nghi"], answers=CAGE_ANSWERS)
    d = detail["dossier"]
    open_dossier(page, url, d["id"])

    text = printed(page, "01", d["code"], "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    assert "Tiếp nhận hồ sơ của: Lê Văn Hải" in text and "Số CCCD: 051090001111" in text
    assert d["procedure_title"] in text
    assert "Đơn đăng ký nuôi trồng thủy sản lồng bè" in page.locator("#print-documents").inner_text()
    received = parse_iso(d["received_at"]).astimezone(VN_TZ)
    assert f"Thời gian nhận hồ sơ: {received:%d/%m/%Y %H:%M}" in text
    assert f"Thời gian trả kết quả giải quyết hồ sơ: ngày {date.fromisoformat(d['appointed_date']):%d/%m/%Y}" in text
    assert "5 ngày làm việc" in text
    close_print(page)

    detail = act(page, url, token, detail, "request_supplement", {
        "items": [{"slot": "don-de-nghi", "note": "Đơn chưa có chữ ký của người đề nghị."}], "note": "Bổ sung trong 10 ngày."})
    open_dossier(page, url, d["id"])
    text = printed(page, "02", d["code"], "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
    assert "Hồ sơ của: Lê Văn Hải" in text
    items = page.locator("#print-supplement-items").inner_text()
    assert "Đơn đăng ký nuôi trồng thủy sản lồng bè" in items and "Đơn chưa có chữ ký của người đề nghị." in items
    assert "Bổ sung trong 10 ngày." in text


def test_refusal_prints_the_cited_grounds_and_the_explanation(page, stack):
    url = stack["url"]
    applicant = person("Phạm Thị Lan", "051090002222")
    submitted = api(page, url, None, "POST", "/api/dossiers", {
        "procedure_id": CAGES, "applicant": applicant, "answers": CAGE_ANSWERS, "consent": True,
        "documents": [{"slot": "don-de-nghi", "upload_id": upload(page, url, None, CAGES, "don-de-nghi")}]}, key="print-test-refusal")
    token = sign_in(page, url, "tiepnhan")
    detail = api(page, url, token, "GET", f"/api/officer/dossiers/{submitted['dossier_id']}")
    ground = detail["procedure"]["refusal_grounds"][0]
    act(page, url, token, detail, "refuse", {"grounds": [ground["code"]], "note": "Khu vực nuôi nằm trong vùng cấm."})
    open_dossier(page, url, submitted["dossier_id"])

    text = printed(page, "03", submitted["code"], "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")
    assert "Tiếp nhận hồ sơ của: Phạm Thị Lan" in text
    assert ground["text"] in page.locator("#print-grounds").inner_text()
    assert "Khu vực nuôi nằm trong vùng cấm." in text


def test_apology_stop_and_control_slip_follow_the_dossier_through_its_steps(page, stack):
    url = stack["url"]
    token = sign_in(page, url, "tiepnhan")
    slots = ["don-dang-ky", "thuyet-minh-du-an", "bao-cao-moi-truong", "so-do-khu-vuc-bien"]
    # One working day by hand: the appointment falls within the apology window at once.
    detail = take_in(page, url, token, SEA, person("Võ Minh Tâm", "051090003333"), slots, answers={"loai_giay": "cap-moi"},
                     time_limit={"value": 1, "unit": "working_days", "reason": "Thử nghiệm: thời hạn một ngày làm việc."})
    d = detail["dossier"]
    first_date = date.fromisoformat(d["appointed_date"])
    new_date = next_working_day(first_date + timedelta(days=6))
    detail = act(page, url, token, detail, "apologise", {"new_date": new_date.isoformat(), "reason": "Chờ ý kiến của Sở Tài nguyên."})
    detail = act(page, url, token, detail, "forward", {"assignee": "chuyenvien"})
    leader = sign_in(page, url, "lanhdao")
    ground = detail["procedure"]["stop_grounds"][0]
    act(page, url, leader, detail, "stop", {"grounds": [ground["code"]], "note": "Khu vực biển đã giao cho tổ chức khác."})
    open_dossier(page, url, d["id"])

    text = printed(page, "04", d["code"], "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    assert "Kính gửi: Võ Minh Tâm" in text
    assert page.locator("#print-previous-date").inner_text() == f"{first_date:%d/%m/%Y}"
    assert page.locator("#print-new-date").inner_text() == f"{new_date:%d/%m/%Y}"
    assert "Chờ ý kiến của Sở Tài nguyên." in text
    close_print(page)

    text = printed(page, "05", d["code"], "THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ")
    assert ground["text"] in page.locator("#print-grounds").inner_text()
    assert "Khu vực biển đã giao cho tổ chức khác." in text
    close_print(page)

    text = printed(page, "06", d["code"], "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")
    steps = page.locator("#print-steps tbody tr")
    actions = [steps.nth(i).get_attribute("data-action") for i in range(steps.count())]
    assert actions == ["intake", "apologise", "forward", "stop"]
    forward = steps.nth(2).inner_text()
    assert "Chuyển xử lý" in forward and "Cán bộ tiếp nhận" in forward and "tiepnhan" in forward
    # Forwarded the day it was taken in: before its (new) appointed date.
    assert "Trước hạn" in forward and f"{new_date:%d/%m/%Y}" in forward
    assert "Lãnh đạo" in steps.nth(3).inner_text()


def test_the_tracking_book_lists_the_periods_dossiers_on_a_landscape_page(page, stack):
    url = stack["url"]
    token = sign_in(page, url, "tiepnhan")
    detail = take_in(page, url, token, CAGES, person("Đặng Thu Hà", "051090004444"), ["don-de-nghi"], answers=CAGE_ANSWERS)
    d = detail["dossier"]
    today = datetime.now(VN_TZ).date()

    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; PortalDesk.print('07'); }")
    page.locator("#f-book-from").fill(today.isoformat())
    page.locator("#f-book-to").fill(today.isoformat())
    page.locator("#book-show").click()
    page.locator("#print-sheet[data-form='07']").wait_for()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert "SỔ THEO DÕI HỒ SƠ" in page.locator("#print-sheet").inner_text()
    assert page.locator("#print-period").inner_text() == f"Từ ngày {today:%d/%m/%Y} đến ngày {today:%d/%m/%Y}"
    row = page.locator(f"#print-book tr[data-code='{d['code']}']").inner_text()
    for fact in ("Đặng Thu Hà", d["procedure_title"], f"{date.fromisoformat(d['appointed_date']):%d/%m/%Y}", "Được tiếp nhận"):
        assert fact in row, fact
    assert page.evaluate("getComputedStyle(document.querySelector('#print-sheet')).page") == "book"
    a4_screenshot(page, "07")
    # The whole book on A4 landscape pages.
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert width > height
