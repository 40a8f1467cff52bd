"""Steps on the officer desk (site/admin/), for the browser tests on the real local stack: sign in
as a demo officer, find a dossier by queue or search, take an action through its form. A citizen's
online submission can be made through the public API (`submit_online`) when the test is about the
desk, not the citizen's form (tests/e2e/test_journey.py drives that form).

Each action step fills the form the desk shows (ids f-<action>-<field>, see
site/assets/js/admin-actions.js) and waits for the desk to draw the dossier again."""
from __future__ import annotations

import re
import uuid

import requests

PASSWORD = "ThuySan@2026"
TIMEOUT = 120  # seconds: a guard for a loaded machine, not a measured limit
RECEPTIONIST = "tiepnhan"
SPECIALIST = "chuyenvien"
LEADER = "lanhdao"
CAGES = "nuoi-trong-long-be"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


# --- a citizen's dossier, through the public API -------------------------------------------

def upload(url: str, procedure_id: str, slot: str, content: bytes = PDF, filename: str = "don.pdf") -> str:
    """A file for a document slot, posted where the citizen's browser posts it (the presigned POST)."""
    target = requests.post(url + "/api/uploads", json={
        "procedure_id": procedure_id, "slot": slot, "filename": filename,
        "content_type": "application/pdf", "size": len(content),
    }, timeout=TIMEOUT)
    assert target.status_code == 201, target.text
    slot_info = target.json()
    sent = requests.post(slot_info["url"], data=slot_info.get("fields") or {},
                         files={"file": (filename, content, "application/pdf")}, timeout=TIMEOUT)
    assert sent.status_code < 300, sent.text
    return slot_info["upload_id"]


def cage_farming(full_name: str = "Trần Thị Bích", id_number: str = "051090001234", **answers) -> dict:
    """A complete cage-farming registration (the catalogue's nuoi-trong-long-be)."""
    return {
        "procedure_id": CAGES,
        "applicant": {
            "kind": "ca-nhan", "full_name": full_name, "id_number": id_number, "phone": "0905123456",
            "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Sơn", "street": "12 Hùng Vương"},
        },
        "answers": {
            "loai_giay": "cap-moi",
            "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Vịnh Dung Quất"},
            "doi_tuong_nuoi": "Cá bớp", "so_luong_long": 12, "the_tich_long": 480,
            **answers,
        },
        "documents": [],
        "consent": True,
    }


def submit_online(url: str, body: dict | None = None, documents: tuple[str, ...] = ("don-de-nghi",)) -> dict:
    """A dossier submitted online as the citizen's form submits it; returns {dossier_id, code}."""
    body = body or cage_farming()
    body["documents"] = [{"slot": slot, "upload_id": upload(url, body["procedure_id"], slot)} for slot in documents]
    answer = requests.post(url + "/api/dossiers", json=body, headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=TIMEOUT)
    assert answer.status_code == 201, answer.text
    return answer.json()


# --- the desk ---------------------------------------------------------------------------------

def sign_in(page, url: str, username: str = RECEPTIONIST, password: str = PASSWORD) -> None:
    """Signs in on the desk (signing out first if someone is signed in) and waits for the lists."""
    page.goto(url + "/admin/")
    signout = page.locator("#signout")
    page.locator("#signin-form, #signout").first.wait_for(timeout=15000)
    if signout.count():
        signout.click()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("#queue-section").wait_for(timeout=15000)


def wait_for_dossier(page, code: str | None = None) -> None:
    page.locator("#dossier-heading").wait_for(timeout=15000)
    if code:
        page.locator("#dossier-heading").get_by_text(code).wait_for(timeout=15000)


def show_lists(page) -> None:
    """Goes to the lists unless they are shown already.

    Clicking "Hồ sơ cần xử lý" on the lists changes the hash and redraws them a moment later,
    which would wipe out what is typed into the search meanwhile; so the click is only made
    from another view, and the step waits for the redrawn lists.
    """
    if not page.locator("#desk-search").count():
        page.locator("#nav-queues").click()
    page.locator("#desk-search").wait_for(timeout=15000)


def open_from_queue(page, queue: str, code: str) -> None:
    """Opens the queue's tab, follows "Tải thêm" until the dossier shows, and opens it."""
    show_lists(page)
    page.locator(f"#queue-tab-{queue}").click()
    page.locator(f"#queue-tab-{queue}[aria-current]").wait_for()
    link = page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}")
    page.locator("#queue-list, #queue-empty, #queue-error").first.wait_for(timeout=15000)
    while not link.count() and page.locator("#queue-more").count():
        page.locator("#queue-more").click()
        page.wait_for_function("!document.querySelector('#queue-more[disabled]')")
    link.click()
    wait_for_dossier(page, code)


def search(page, text: str) -> None:
    show_lists(page)
    page.locator("#f-desk-search").fill(text)
    page.locator("#desk-search-submit").click()
    page.locator("#queue-title").get_by_text(text).wait_for(timeout=15000)
    page.locator("#queue-list, #queue-empty, #queue-error").first.wait_for(timeout=15000)


def open_by_code(page, code: str) -> None:
    """Finds the dossier by its code with the desk's search and opens it."""
    search(page, code)
    page.locator("#queue-list").get_by_role("link", name=f"Mở hồ sơ {code}").click()
    wait_for_dossier(page, code)


def state_label(page) -> str:
    return page.locator("#dossier-state").inner_text()


def version(page) -> int:
    return int(page.locator("#dossier-detail").get_attribute("data-version"))


def open_action(page, action: str) -> None:
    page.locator(f"#action-{action}").click()
    page.locator(f"#form-{action}").wait_for()


def field(page, action: str, path: str):
    """The input of a form field by its body path ("note", "time_limit.reason", "result.number")."""
    return page.locator("#f-" + (action + "." + path).replace(".", "-"))


def submit(page, action: str, expect_success: bool = True) -> None:
    """Sends the open form; waits for the new dossier (success) or for the form's errors."""
    before = version(page)
    page.locator(f"#submit-{action}").click()
    if expect_success:
        page.wait_for_function(
            "v => { const d = document.querySelector('#dossier-detail'); return d && Number(d.dataset.version) > v; }",
            arg=before, timeout=15000)
        page.locator("#action-result.notice--success").wait_for()
    else:
        page.locator(f"#form-{action}-summary:not([hidden]), #form-{action}-alert:not([hidden]), "
                     "#action-result.notice--error").first.wait_for(timeout=15000)


def take_action(page, action: str, expect_success: bool = True, **data) -> None:
    """Opens the action's form, fills it with `data` (see FILL) and sends it."""
    open_action(page, action)
    FILL.get(action, _fill_fields)(page, action, **data)
    submit(page, action, expect_success)


def _fill_fields(page, action: str, **data) -> None:
    """Text fields by path (dots as double underscores in keyword names: time_limit__reason)."""
    for key, value in data.items():
        if value is not None:
            field(page, action, key.replace("__", ".")).fill(str(value))


def _check(page, action: str, path: str, value: str) -> None:
    field(page, action, f"{path}.{value}").check()


def _fill_receive(page, action, time_limit=None, **data):
    """time_limit=(value, "working_days" | "calendar_days", reason) when the catalogue has none."""
    if time_limit:
        value, unit, reason = time_limit
        field(page, action, "time_limit.value").fill(str(value))
        _check(page, action, "time_limit.unit", unit)
        field(page, action, "time_limit.reason").fill(reason)
    _fill_fields(page, action, **data)


def _fill_grounds(page, action, grounds=(), note=None):
    """grounds: codes of the procedure's declared grounds; none ticked when empty."""
    for code in grounds:
        _check(page, action, "grounds", code)
    if note is not None:
        field(page, action, "note").fill(note)


def _fill_supplement(page, action, items=None, note=None):
    """items: {slot: note}."""
    for slot, text in (items or {}).items():
        _check(page, action, "items", slot)
        field(page, action, f"items.{slot}.note").fill(text)
    if note is not None:
        field(page, action, "note").fill(note)


def _fill_assignee(page, action, assignee=None, note=None):
    if assignee:
        field(page, action, "assignee").select_option(assignee)
    if note is not None:
        field(page, action, "note").fill(note)


def _fill_propose(page, action, proposal=None, opinion=None):
    if proposal:
        _check(page, action, "proposal", proposal)
    if opinion is not None:
        field(page, action, "opinion").fill(opinion)


def _fill_decide(page, action, outcome=None, number=None, signer=None, signed_on=None, file=None, reasons=None):
    """file: (filename, bytes) uploaded as the result document."""
    if outcome:
        _check(page, action, "outcome", outcome)
    for path, value in (("result.number", number), ("result.signer", signer), ("result.signed_on", signed_on),
                        ("reasons", reasons)):
        if value is not None:
            field(page, action, path).fill(value)
    if file:
        name, content = file
        field(page, action, "result.upload_id").set_input_files(
            files=[{"name": name, "mimeType": "application/pdf", "buffer": content}])
        page.locator("#result-upload-status").get_by_text(re.compile("Đã tải lên")).wait_for(timeout=15000)


def _fill_return(page, action, method=None, collected_by=None, collected_at=None, waybill=None):
    if method:
        _check(page, action, "method", method)
    for path, value in (("collected_by", collected_by), ("collected_at", collected_at), ("waybill", waybill)):
        if value is not None:
            field(page, action, path).fill(value)


FILL = {
    "receive": _fill_receive,
    "refuse": _fill_grounds,
    "stop": _fill_grounds,
    "request_supplement": _fill_supplement,
    "forward": _fill_assignee,
    "assign": _fill_assignee,
    "propose": _fill_propose,
    "decide": _fill_decide,
    "return": _fill_return,
}
