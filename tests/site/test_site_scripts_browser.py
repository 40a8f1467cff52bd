"""The page scripts word figures and codes the way the Python side does: numbers as
portal.domain.figures writes them, labels from the vocabulary the site build writes, and the
officer desk shows the answers with their units, in headless Chromium."""
import base64
import json

from portal.domain.answers import answer_rows
from portal.domain.figures import format_number, format_quantity
from portal.domain.vocabulary import APPLICANT_KIND_LABELS, ROLE_LABELS, vocabulary
from portal.services.desk_queue_models import QueueResult
from portal.services.officer_models import DossierDetail

NUMBERS = [0, 7, 12, 999, 1000, 1500, 48000, 1234567, 10**15, -1500, 12.5, 0.25, -0.5, 3.14159,
           1234567.891, 0.1 + 0.2, 2.000001, 480.75, 1.0000001, -1e-7, 0.0078125, 2.5e-6]


def test_numbers_and_quantities_read_the_same_in_the_browser_as_in_python(page, base_url):
    page.goto(base_url + "/tra-cuu/")
    page.wait_for_function("window.Portal !== undefined")
    shown = page.evaluate("values => values.map(v => Portal.formatNumber(v))", NUMBERS)
    assert shown == [format_number(v) for v in NUMBERS]
    quantities = page.evaluate("() => [Portal.formatQuantity(1500, 'm³'), Portal.formatQuantity(12, 'lồng'),"
                               " Portal.formatQuantity(12.5, null)]")
    assert quantities == [format_quantity(1500, "m³"), format_quantity(12, "lồng"), format_quantity(12.5, None)]


def test_the_site_writes_the_vocabulary_the_scripts_load(built_site):
    words = json.loads((built_site / "assets/data/vocabulary.json").read_text(encoding="utf-8"))
    assert {key: words[key] for key in vocabulary()} == vocabulary()


CAGES = {
    "id": "long-be-mau", "title": "Đăng ký nuôi trồng thủy sản lồng bè (mẫu)",
    "form": {"fields": [
        {"name": "so_long", "label": "Số lượng lồng", "type": "number", "unit": "lồng"},
        {"name": "the_tich", "label": "Tổng thể tích lồng nuôi", "type": "number", "unit": "m³"},
    ]},
}
NOW = "2026-07-08T03:15:00+00:00"


def _dossier() -> dict:
    answers = {"so_long": 12, "the_tich": 1500}
    return DossierDetail.model_validate({
        "dossier": {
            "id": "D1", "code": "000.00.15.H55-260708-0001", "state": "submitted", "status": "submitted",
            "status_label": "Mới đăng ký", "version": 1, "agency": "000.00.15.H55", "procedure_id": CAGES["id"],
            "procedure_title": CAGES["title"], "channel": "online", "submitted_at": NOW, "check_due": "2026-07-10",
            "applicant": {"kind": "ca-nhan", "full_name": "Nguyễn Văn An", "id_number": "051234567890"},
            "answers": answers, "answer_rows": answer_rows(CAGES, answers),
        },
        "documents": [],
        "events": [{"action": "submit", "label": "Nộp hồ sơ", "to_state": "submitted", "actor_id": "c-1",
                    "actor_role": "citizen", "at": NOW}],
        "allowed_actions": [{"action": "receive", "label": "Tiếp nhận hồ sơ"}],
    }).model_dump(mode="json")


def _queue() -> dict:
    return QueueResult.model_validate({"items": [{
        "dossier_id": "D1", "code": "000.00.15.H55-260708-0001", "procedure_id": CAGES["id"],
        "procedure_title": CAGES["title"], "status": "submitted", "status_label": "Mới đăng ký",
        "submitted_at": NOW, "check_due": "2026-07-10", "version": 1,
    }]}).model_dump(mode="json")


def test_the_officer_desk_shows_answers_with_their_units_and_labels_from_the_vocabulary(page, base_url):
    """The desk against answers in the officer API's declared shape (its own models), signed in
    with a token the page only reads the name from."""
    claims = base64.urlsafe_b64encode(json.dumps({"cognito:username": "tiepnhan"}).encode()).decode().rstrip("=")
    page.add_init_script(f"sessionStorage.setItem('portal-officer-id-token', 'h.{claims}.s')")
    page.route("**/api/officer/queue*", lambda route: route.fulfill(json=_queue()))
    page.route("**/api/officer/dossiers/D1", lambda route: route.fulfill(json=_dossier()))
    page.goto(base_url + "/admin/")
    page.locator("#queue-list").get_by_role("link", name="Mở hồ sơ").click()
    page.locator("#dossier-events").wait_for()
    rows = dict(zip(page.locator(".summary-list dt").all_inner_texts(), page.locator(".summary-list dd").all_inner_texts(),
                    strict=True))
    assert rows["Số lượng lồng"] == "12 lồng"
    assert rows["Tổng thể tích lồng nuôi"] == "1.500 m³"
    assert rows["Tư cách"] == APPLICANT_KIND_LABELS["ca-nhan"]
    assert ROLE_LABELS["citizen"] in page.locator("#dossier-events").inner_text()
    assert page.locator("#action-receive").inner_text() == "Tiếp nhận hồ sơ"


def test_the_desk_shows_a_refusal_of_the_role_in_the_form_and_keeps_the_dossier(page, base_url):
    """A 403 (the role may not take the action) reads as the API's Vietnamese message inside the
    action's form; the dossier stays as it was shown."""
    claims = base64.urlsafe_b64encode(json.dumps({"cognito:username": "tiepnhan"}).encode()).decode().rstrip("=")
    page.add_init_script(f"sessionStorage.setItem('portal-officer-id-token', 'h.{claims}.s')")
    message = "Vai trò của bạn không được thực hiện thao tác này."
    page.route("**/api/officer/dossiers/D1", lambda route: route.fulfill(json=_dossier()))
    page.route("**/api/officer/dossiers/D1/receive", lambda route: route.fulfill(
        status=403, json={"error": {"code": "FORBIDDEN", "message": message, "fields": []}}))
    page.goto(base_url + "/admin/#ho-so=D1")
    page.locator("#action-receive").click()
    page.locator("#submit-receive").click()
    alert = page.locator("#form-receive-alert")
    alert.wait_for()
    assert alert.inner_text() == message
    assert page.evaluate("document.activeElement.id") == "form-receive-alert"
    assert page.locator("#dossier-state").inner_text() == "Mới đăng ký"


def test_the_desk_pages_a_queue_with_its_cursor(page, base_url):
    """"Tải thêm" asks for the page after the cursor the API gave, adds its rows to the same list
    and moves the focus to the first new one; an overdue item is marked."""
    claims = base64.urlsafe_b64encode(json.dumps({"cognito:username": "tiepnhan"}).encode()).decode().rstrip("=")
    page.add_init_script(f"sessionStorage.setItem('portal-officer-id-token', 'h.{claims}.s')")
    first = _queue()
    first["next_cursor"] = "page-2"
    second = _queue()
    second["items"][0].update(dossier_id="D2", code="000.00.15.H55-260708-0002", overdue=True)
    asked = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(json=second if "cursor=page-2" in route.request.url else first)

    page.route("**/api/officer/queue*", answer)
    page.goto(base_url + "/admin/")
    page.locator("#queue-more").click()
    page.locator("#open-D2").wait_for()
    assert page.locator("#queue-list tbody tr").count() == 2
    assert page.evaluate("document.activeElement.id") == "open-D2"
    assert page.locator("#queue-more").count() == 0
    assert "queue=submitted" in asked[0] and "cursor=page-2" in asked[1]
    assert page.locator("tr[data-dossier-id=D2] .late-mark").count() == 1
