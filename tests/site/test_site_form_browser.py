"""The online form and the status page in headless Chromium, against a stubbed API: what the
citizen sees at each step, and what the browser sends (the e2e tests drive the real API)."""
import json

import pytest

CODE = "000.00.15.H55-260708-0001"


class StubApi:
    """Answers /api/* the way the contract says; `dossier_replies` are used in order."""

    def __init__(self, base_url, dossier_replies):
        self.base_url = base_url
        self.replies = list(dossier_replies)
        self.calls = []

    def __call__(self, route, request):
        url = request.url
        if "/api/" not in url and not url.endswith("/s3"):
            return route.continue_()
        self.calls.append({"url": url, "headers": request.headers, "body": request.post_data})
        if url.endswith("/api/uploads"):
            slot = json.loads(request.post_data)["slot"]
            return route.fulfill(status=201, content_type="application/json", body=json.dumps(
                {"upload_id": f"up-{slot}", "url": self.base_url + "/s3", "fields": {"key": f"uploads/pending/{slot}"},
                 "expires_at": "2026-07-08T10:30:00+07:00", "max_size": 10485760}))
        if url.endswith("/s3"):
            return route.fulfill(status=204, body="")
        if url.endswith("/api/dossiers"):
            reply = self.replies.pop(0)
            if reply == "network-failure":
                return route.abort()
            return route.fulfill(status=reply[0], content_type="application/json", body=json.dumps(reply[1]))
        if url.endswith("/api/lookup"):
            return route.fulfill(status=200, content_type="application/json", body=json.dumps(
                {"code": CODE, "procedure_title": "Cấp giấy phép khai thác thủy sản (mẫu)", "status": "received",
                 "status_label": "Được tiếp nhận", "submitted_at": "2026-07-08T03:15:00Z",
                 "received_at": "2026-12-30T08:00:00+07:00", "appointed_date": "2027-01-07",
                 "appointed_date_provisional": True,
                 "timeline": [{"at": "2026-07-08T03:15:00Z", "label": "Mới đăng ký"}]}))
        if url.endswith(f"/api/dossiers/{CODE}/view"):
            return route.fulfill(status=200, content_type="application/json", body=json.dumps(
                {"dossier_id": "01J", "code": CODE, "procedure_id": "giay-phep-mau",
                 "procedure_title": "Cấp giấy phép khai thác thủy sản (mẫu)", "channel": "online",
                 "status": "received", "status_label": "Được tiếp nhận", "appointed_date": "2027-01-07",
                 "appointed_date_provisional": True, "documents": [], "delivery_options": [], "allowed": ["withdraw"],
                 "timeline": [{"action": "submit", "label": "Nộp hồ sơ", "status": "submitted", "status_label": "Mới đăng ký",
                               "at": "2026-07-08T03:15:00Z", "details": {}}]}))
        return route.fulfill(status=404, body="{}")

    def sent(self, suffix):
        return [c for c in self.calls if c["url"].endswith(suffix)]


def error_summary(page):
    return page.locator("#form-errors li").all_inner_texts()


def test_a_citizen_fills_in_the_form_step_by_step_and_gets_a_dossier_code(page, base_url):
    api = StubApi(base_url, [
        (422, {"error": {"code": "VALIDATION_FAILED", "message": "Hồ sơ chưa hợp lệ.",
                         "fields": [{"path": "answers.chieu_dai_tau", "message": "Chiều dài tàu không khớp sổ đăng ký."}]}}),
        "network-failure",
        (201, {"dossier_id": "01J", "code": CODE, "status": "submitted", "status_label": "Mới đăng ký",
               "submitted_at": "2026-07-08T03:15:00Z", "check_due": "2026-07-10", "access_token": "tok-1",
               "tracking_url": "/tra-cuu/?ma=x"}),
    ])
    page.route("**/*", api)
    page.goto(base_url + "/nop-ho-so/giay-phep-mau/")

    # Step 1: nothing filled in → an error summary linking to the fields.
    page.get_by_role("button", name="Tiếp tục").click()
    assert "Vui lòng chọn người nộp là cá nhân hay tổ chức." in error_summary(page)
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("12345")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Xã, phường, đặc khu").fill("Phường Cẩm Thành")
    page.get_by_role("button", name="Tiếp tục").click()
    assert error_summary(page) == ["Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số."]
    assert page.locator("#form-errors a").get_attribute("href") == "#f-applicant-id_number"
    page.get_by_label("Số căn cước công dân (CCCD)").fill("012345678901")
    page.get_by_role("button", name="Tiếp tục").click()

    # Step 2: the procedure's own fields, checked with the catalogue's pattern and limits.
    page.get_by_label("Số đăng ký tàu cá").fill("QNg 90123")
    page.get_by_label("Chiều dài tàu").fill("150")
    page.get_by_role("button", name="Tiếp tục").click()
    assert error_summary(page) == [
        "Số đăng ký tàu cá viết như trên giấy chứng nhận, ví dụ QNg-90123-TS.",
        "Chiều dài tàu không được vượt quá 100 m.",
    ]
    page.get_by_label("Số đăng ký tàu cá").fill("QNg-90123-TS")
    page.get_by_label("Chiều dài tàu").fill("15")
    page.get_by_label("Cấp lại").check()
    page.get_by_role("button", name="Tiếp tục").click()

    # Step 3: a wrong file type is refused before anything is sent; a PDF is uploaded.
    page.get_by_role("button", name="Tiếp tục").click()
    assert error_summary(page) == ["Vui lòng tải lên: Đơn đề nghị cấp giấy phép."]
    application = page.get_by_label("Đơn đề nghị cấp giấy phép")
    application.set_input_files(files=[{"name": "don.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}])
    assert "không đúng loại" in page.locator("#f-documents-don-de-nghi-error").inner_text()
    assert api.sent("/api/uploads") == []
    application.set_input_files(files=[{"name": "don.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])
    page.locator("#f-documents-don-de-nghi-status").get_by_text("Đã tải lên: don.pdf").wait_for()
    assert json.loads(api.sent("/api/uploads")[0]["body"]) == {
        "procedure_id": "giay-phep-mau", "slot": "don-de-nghi", "filename": "don.pdf",
        "content_type": "application/pdf", "size": 8}
    assert b"uploads/pending/don-de-nghi" in api.sent("/s3")[0]["body"].encode("latin-1", "replace")
    page.get_by_role("button", name="Tiếp tục").click()

    # Step 4: check your answers; consent is required.
    assert page.locator("#self-check").get_by_text("Đã có đủ giấy tờ bắt buộc").is_visible()
    # A reissue gets the reissue case's time limit and fee, as the API will.
    terms = page.locator("#step-check").inner_text()
    assert "2 ngày làm việc" in terms and "20.000 đ" in terms and "40.000 đ" not in terms
    page.get_by_role("button", name="Nộp hồ sơ").click()
    assert error_summary(page)[0].startswith("Vui lòng đánh dấu ô đồng ý")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # The API's 422 leads back to the field it names, with its message.
    page.locator("#step-answers").wait_for()
    assert error_summary(page) == ["Chiều dài tàu không khớp sổ đăng ký."]
    assert page.locator("#form-errors a").get_attribute("href") == "#f-answers-chieu_dai_tau"
    page.get_by_label("Chiều dài tàu").fill("14")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()  # the network fails
    page.locator("#form-errors").get_by_text("Bấm “Nộp hồ sơ” để gửi lại").wait_for()
    page.get_by_role("button", name="Nộp hồ sơ").click()  # retried

    page.locator("#dossier-code").wait_for()
    assert page.locator("#dossier-code").inner_text() == CODE
    assert page.locator("#submitted-at").inner_text() == "08/07/2026 10:15"  # Vietnam time
    assert page.locator("#check-due").inner_text() == "Cơ quan sẽ kiểm tra hồ sơ trước ngày 10/07/2026."
    assert page.locator("#tracking-link").get_attribute("href") == f"{base_url}/ho-so/?ma={CODE}#t=tok-1"

    sends = api.sent("/api/dossiers")
    keys = [s["headers"]["idempotency-key"] for s in sends]
    assert keys[0] != keys[1], "a refused request is not retried under the same key"
    assert keys[1] == keys[2], "a retry after a network failure reuses the key"
    assert json.loads(sends[2]["body"]) == {
        "procedure_id": "giay-phep-mau",
        "applicant": {"kind": "ca-nhan", "full_name": "Nguyễn Văn A", "id_number": "012345678901",
                      "phone": "0912345678",
                      "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": ""}},
        "answers": {"so_dang_ky_tau": "QNg-90123-TS", "chieu_dai_tau": 14, "loai_giay": "cap-lai"},
        "documents": [{"slot": "don-de-nghi", "upload_id": "up-don-de-nghi"}],
        "consent": True,
    }


def test_the_private_tracking_link_opens_the_applicant_s_page_without_asking_for_an_id(page, base_url):
    api = StubApi(base_url, [])
    page.route("**/*", api)
    page.goto(f"{base_url}/tra-cuu/?ma={CODE}#t=tok-1")
    page.locator("#private-status:not([hidden])").wait_for()
    # The token stays in the fragment and reaches the API in the body only.
    assert page.url == f"{base_url}/ho-so/?ma={CODE}#t=tok-1"
    assert json.loads(api.sent(f"/api/dossiers/{CODE}/view")[0]["body"]) == {"access_token": "tok-1"}
    assert not api.sent("/api/lookup")
    assert page.locator("#private-state").inner_text() == "Được tiếp nhận"
    # Counted into 2027, whose days off are not announced yet: the date says it may move.
    assert page.locator("#private-appointed").inner_text() == (
        "07/01/2027 (tạm tính: lịch nghỉ lễ của năm này chưa được công bố)"
    )


# --- one rule, one place --------------------------------------------------------------------

MOBILE_ONLY = "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."
LANDLINE = "0255 3822 222"


@pytest.fixture(scope="module")
def mobile_only_catalogue(tmp_path_factory):
    """The real content compiled after ONE change: the phone rule in
    scripts/catalogue/field_rules.py now takes mobile numbers only."""
    from scripts.build_catalogue import DEFAULT_CONTENT_DIR, build
    from scripts.catalogue import field_rules

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(field_rules.KINDS["phone"], "pattern", r"^0[35789][0-9]{8}$")
        patch.setitem(field_rules.KINDS["phone"], "message", MOBILE_ONLY)
        catalogue = build(DEFAULT_CONTENT_DIR)
    path = tmp_path_factory.mktemp("mobile-only") / "catalogue.json"
    path.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_field_rule_changed_in_one_place_reaches_the_api(mobile_only_catalogue):
    from portal.domain.catalogue import Catalogue
    from portal.domain.field_rules import FieldRules
    from portal.domain.validation import check_answers, check_applicant
    from scripts.catalogue.field_rules import field_rules

    person = {"kind": "ca-nhan", "full_name": "Nguyễn Văn A", "id_number": "012345678901", "phone": LANDLINE,
              "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": ""}}
    after = Catalogue.load(mobile_only_catalogue)
    procedure = after.get("cong-dong-giao-quyen-quan-ly")

    assert check_applicant(procedure, person, FieldRules(field_rules()))[1] == []  # the rule as it is: a landline is fine
    [error] = check_applicant(procedure, person, after.field_rules)[1]
    assert (error.path, error.message) == ("applicant.phone", MOBILE_ONLY)
    errors = check_answers(procedure, {"dien_thoai_nguoi_dai_dien": LANDLINE}, after.field_rules)[1]
    assert {e.path: e.message for e in errors}["answers.dien_thoai_nguoi_dai_dien"] == MOBILE_ONLY


def test_a_field_rule_changed_in_one_place_reaches_the_browser(page, mobile_only_catalogue, tmp_path_factory, serve):
    from scripts.build_site import build_site

    site = build_site(site_dir=tmp_path_factory.mktemp("mobile-only-site") / "out", catalogue=mobile_only_catalogue)
    page.route("**/api/**", lambda route: route.abort())  # nothing here may reach the API
    page.goto(serve(site) + "/nop-ho-so/cong-dong-giao-quyen-quan-ly/")

    page.get_by_label("Cá nhân").check()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn A")
    page.get_by_label("Số căn cước công dân (CCCD)").fill("012345678901")
    page.get_by_label("Số điện thoại").fill(LANDLINE)
    page.get_by_label("Xã, phường, đặc khu").fill("Xã Bình Châu")
    page.get_by_role("button", name="Tiếp tục").click()
    assert error_summary(page) == [MOBILE_ONLY]

    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số điện thoại của người đại diện").fill(LANDLINE)
    page.get_by_role("button", name="Tiếp tục").click()
    assert MOBILE_ONLY in error_summary(page)


# --- the browser and the API apply the rules alike --------------------------------------------

AGREEMENT_FIELDS = [
    {"name": "so_long", "label": "Số lượng lồng", "type": "number", "required": True, "unit": "lồng", "min": 1, "max": None,
     "integer": True},
    {"name": "the_tich", "label": "Thể tích", "type": "number", "required": False, "unit": "m³", "min": 0, "max": 5000,
     "integer": False},
    {"name": "ngay", "label": "Ngày bắt đầu", "type": "date", "required": True, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
     "pattern_message": "{label} không phải là ngày hợp lệ."},
    {"name": "loai", "label": "Loại", "type": "choice", "required": True,
     "options": [{"value": "cap-moi", "label": "Cấp mới"}, {"value": "cap-lai", "label": "Cấp lại"}]},
    {"name": "dia_diem", "label": "Địa điểm", "type": "address", "required": False},
    {"name": "ghi_chu", "label": "Ghi chú", "type": "textarea", "required": False, "max_length": 30},
    {"name": "ten", "label": "Tên cơ sở", "type": "text", "required": True, "max_length": 10},
    {"name": "dien_thoai", "label": "Điện thoại", "type": "phone", "required": True},
]
AGREEMENT_VALUES = {
    "so_long": [12, 12.0, 12.7, 0, 10**13, "12", True, None, [1]],
    "the_tich": [1250.5, 0.1234567, 5000.000001, -1, "", None],
    "ngay": ["2026-03-01", "2026-02-30", "1800-01-01", "２０２６-０３-０１", "01/03/2026", 20260301, ""],
    "loai": ["cap-lai", "gia-han", ["cap-moi"], {"v": 1}, ""],
    "dia_diem": [None, {"province": "Quảng Ngãi"}, {"province": "Quảng Ngãi", "commune": " Xã Bình Châu "},
                 {"province": "Kon Tum", "commune": "A"}, {"province": "Huế", "commune": "B", "toa_do": "1,2"}, "Huế"],
    "ghi_chu": ["dòng một\r\ndòng hai\t", "x" * 31, "\u202egiả", "\u200b", None],
    "ten": ["  Cơ sở A ", "Nguye\u0302\u0303n", "Cơ\x00sở", "Cơ sở\nA", "x" * 11, "\U0001F41F" * 10, "\ud800"],
    "dien_thoai": ["0912 345.678", "+84912345678", "０９１２３４５６７８", "0912-345-678", 912345678],
}
AGREEMENT_APPLICANTS = [
    {"kind": "ca-nhan", "full_name": " Nguyễn Văn A ", "id_number": "012345678901", "phone": "0912 345 678",
     "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": ""}},
    {"kind": "ca-nhan", "full_name": "\u200b", "id_number": "٠١٢٣٤٥٦٧٨٩٠١", "phone": "1", "email": "khong-phai-email",
     "tax_code": "4300123456", "address": {"province": "Kon Tum", "commune": ""}},
    {"kind": "to-chuc", "full_name": "HTX \u202eA", "tax_code": "4300123456-001", "phone": "+84255381234",
     "address": {"province": "Huế", "commune": "Phường B"}},
    {"kind": "doanh-nghiep", "full_name": "A", "phone": "0912345678", "address": {"province": "Huế", "commune": "B"}},
]


def test_the_browser_and_the_api_judge_every_value_alike(page, base_url):
    from portal.domain.field_rules import FieldRules
    from portal.domain.validation import check_answers, check_applicant
    from scripts.catalogue.field_rules import field_rules

    rules = FieldRules(field_rules())
    procedure = {"id": "mau", "applicant_types": ["ca-nhan", "to-chuc"], "form": {"fields": AGREEMENT_FIELDS}}
    cases = [{"field": f, "value": v} for f in AGREEMENT_FIELDS for v in AGREEMENT_VALUES[f["name"]]]
    page.route("**/api/**", lambda route: route.abort())
    page.goto(base_url + "/nop-ho-so/giay-phep-mau/")
    browser_says = page.evaluate("""async ([cases, applicants, procedure]) => {
        const words = await Portal.vocabulary();
        const rules = Portal.fieldRules(words.field_rules, words);
        return {answers: cases.map(c => rules.checkAnswer(c.field, c.value)),
                applicants: applicants.map(a => rules.checkApplicant(a, procedure))};
    }""", [cases, AGREEMENT_APPLICANTS, procedure])

    def plain(errors):
        return [{"path": e.path, "message": e.message} for e in errors]

    for case, said in zip(cases, browser_says["answers"], strict=True):
        clean, errors = check_answers(procedure, {case["field"]["name"]: case["value"]}, rules)
        errors = [e for e in errors if e.path.startswith("answers." + case["field"]["name"])]
        expected = {"value": clean.get(case["field"]["name"]), "errors": plain(errors)}
        assert said == expected, case
    for applicant, said in zip(AGREEMENT_APPLICANTS, browser_says["applicants"], strict=True):
        clean, errors = check_applicant(procedure, applicant, rules)
        assert said == {"value": None if errors else clean, "errors": plain(errors)}, applicant
