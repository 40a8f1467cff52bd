"""What the citizen is told by e-mail and SMS when a dossier changes (domain/notices.py)."""
import pytest

from portal.domain.notices import EMAIL, SMS, TEXTS, e164_vn, messages_for
from portal.domain.transitions import TRANSITIONS

CODE = "000.00.15.H55-260708-0001"
TITLE = "Cấp giấy chứng nhận cơ sở nuôi trồng thủy sản"
AT = "2026-07-08T10:15:00+07:00"
ID_NUMBER = "079201001234"
META = {
    "code": CODE,
    "applicant": {
        "kind": "ca-nhan",
        "full_name": "Nguyễn Văn An",
        "id_number": ID_NUMBER,
        "phone": "0912 345 678",
        "email": "an@example.vn",
        "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Lê Lợi"},
    },
}

# Each citizen-visible action with the data its event holds (lifecycle.py and the desk's bodies).
DATA = {
    "submit": {"channel": "online", "check_due": "2026-07-10"},
    "intake": {"channel": "counter", "appointed_date": "2026-07-22"},
    "receive": {"appointed_date": "2026-07-22", "appointed_date_vi": "22/07/2026"},
    "refuse": {"grounds": [{"code": "thieu-don", "text": "Thiếu đơn đề nghị theo mẫu"}], "note": "Bổ sung đơn theo Mẫu 26.NT"},
    "request_supplement": {"items": [{"slot": "ban-ve", "name": "Bản vẽ mặt bằng", "note": "Bản vẽ chưa có chữ ký"}],
                           "note": "Nộp trong 10 ngày"},
    "supply": {"appointed_date": "2026-07-29"},
    "forward": {"assignee": "chuyenvien01"},
    "request_fee": {"amount": 1500000},
    "paid": {"amount": 1500000, "receipt_number": "BL-0012"},
    "decide": {"outcome": "approve"},
    "stop": {"grounds": [{"code": "tam-dung", "text": "Cơ sở đang bị thanh tra"}], "note": "Chờ kết luận thanh tra"},
    "apologise": {"previous_date": "2026-07-22", "appointed_date": "2026-07-27", "reason": "Chờ kết quả kiểm tra thực địa"},
    "return": {"method": "post", "waybill": "EMS123456789VN"},
    "withdraw": {},
}
# What the e-mail must say for each action, beyond the code: the dates and figures that matter.
MUST_SAY = {
    "submit": ["10/07/2026"],
    "intake": ["22/07/2026"],
    "receive": ["22/07/2026"],
    "refuse": ["Thiếu đơn đề nghị theo mẫu", "Bổ sung đơn theo Mẫu 26.NT"],
    "request_supplement": ["Bản vẽ mặt bằng: Bản vẽ chưa có chữ ký", "Nộp trong 10 ngày"],
    "supply": ["29/07/2026"],
    "forward": ["bộ phận chuyên môn"],
    "request_fee": ["1.500.000 đ"],
    "paid": ["1.500.000 đ"],
    "decide": ["đã có kết quả"],
    "stop": ["Cơ sở đang bị thanh tra", "Chờ kết luận thanh tra"],
    "apologise": ["27/07/2026", "Chờ kết quả kiểm tra thực địa"],
    "return": ["bưu điện", "EMS123456789VN"],
    "withdraw": ["rút"],
}
CITIZEN_VISIBLE = sorted(a for a, row in TRANSITIONS.items() if row.citizen_visible)


def event(action: str, data: dict | None = None, visible: bool = True) -> dict:
    return {"action": action, "at": AT, "data": DATA.get(action, {}) if data is None else data,
            "citizen_visible": visible}


def test_every_citizen_visible_action_has_its_own_text_and_a_test():
    assert set(CITIZEN_VISIBLE) == set(TEXTS) == set(DATA) == set(MUST_SAY)


@pytest.mark.parametrize("action", CITIZEN_VISIBLE)
def test_each_action_sends_an_email_and_an_sms_naming_the_code_and_the_dates(action):
    email, sms = messages_for(META, event(action), TITLE)
    assert (email["channel"], email["to"]) == (EMAIL, "an@example.vn")
    assert (sms["channel"], sms["to"], sms["subject"]) == (SMS, "+84912345678", None)
    assert CODE in email["subject"] and CODE in email["body"] and CODE in sms["body"]
    assert TITLE in email["body"]
    assert email["body"].startswith("Kính gửi Ông/Bà Nguyễn Văn An,")
    for text in MUST_SAY[action]:
        assert text in email["body"], (action, text)
    assert "2026-" not in email["body"] + sms["body"]  # dates as people read them


@pytest.mark.parametrize("action", CITIZEN_VISIBLE)
def test_no_personal_data_beyond_the_greeting_name(action):
    for message in messages_for(META, event(action), TITLE):
        text = (message["subject"] or "") + message["body"]
        for secret in (ID_NUMBER, "0912", "345 678", "12 Lê Lợi", "Cẩm Thành", "an@example.vn"):
            assert secret not in text, (action, secret)
        if message["channel"] == SMS:
            assert "Nguyễn Văn An" not in text


@pytest.mark.parametrize("action", CITIZEN_VISIBLE)
def test_an_sms_fits_one_message_and_leaves_free_text_to_the_email(action):
    (sms,) = [m for m in messages_for(META, event(action), TITLE) if m["channel"] == SMS]
    assert len(sms["body"]) <= 160, (action, len(sms["body"]), sms["body"])
    for free_text in ("Bổ sung đơn theo Mẫu 26.NT", "Bản vẽ chưa có chữ ký", "Chờ kết luận thanh tra"):
        assert free_text not in sms["body"]


@pytest.mark.parametrize("action", CITIZEN_VISIBLE)
def test_each_text_reads_well_with_only_the_code_and_the_action(action):
    email, sms = messages_for(META, event(action, data={}), TITLE)
    for text in (email["subject"], email["body"], sms["body"]):
        assert CODE in text
        assert "None" not in text and "{" not in text and "Đang cập nhật" not in text


def test_the_dates_of_the_event_are_in_vietnam_time():
    email, _ = messages_for(META, {**event("forward"), "at": "2026-07-08T18:30:00+00:00"}, TITLE)
    assert "09/07/2026" in email["body"]


def test_a_denial_gives_its_reasons_and_a_return_by_counter_says_so():
    email, _ = messages_for(META, event("decide", {"outcome": "deny", "reasons": "Vị trí nằm trong vùng cấm"}), TITLE)
    assert "không được giải quyết" in email["subject"] and "Vị trí nằm trong vùng cấm" in email["body"]
    email, sms = messages_for(META, event("return", {"method": "counter"}), TITLE)
    assert "nhận trực tiếp tại nơi nộp hồ sơ" in email["body"] and "vận đơn" not in sms["body"]


def test_an_apology_names_the_new_date_given_as_new_date():
    email, sms = messages_for(META, event("apologise", {"new_date": "2026-08-03", "reason": "Chờ ý kiến"}), TITLE)
    assert "03/08/2026" in email["body"] and "03/08/2026" in sms["body"]


def test_only_the_channels_the_applicant_gave_are_used():
    no_email = {**META, "applicant": {**META["applicant"], "email": None}}
    assert [m["channel"] for m in messages_for(no_email, event("receive"), TITLE)] == [SMS]
    no_phone = {**META, "applicant": {**META["applicant"], "phone": ""}}
    assert [m["channel"] for m in messages_for(no_phone, event("receive"), TITLE)] == [EMAIL]


def test_an_organisation_is_greeted_by_its_name():
    organisation = {**META, "applicant": {"kind": "to-chuc", "full_name": "Công ty TNHH Biển Xanh",
                                          "email": "lienhe@bienxanh.vn"}}
    (email,) = messages_for(organisation, event("receive"), TITLE)
    assert email["body"].startswith("Kính gửi Công ty TNHH Biển Xanh,")


@pytest.mark.parametrize("action", ["assign", "propose", "send_back", "save_draft"])
def test_internal_events_are_audited_only(action):
    assert messages_for(META, event(action, data={"opinion": "x"}, visible=False), TITLE) == []


@pytest.mark.parametrize(
    ("phone", "e164"),
    [("0912345678", "+84912345678"), ("0912 345 678", "+84912345678"), ("+84912345678", "+84912345678"),
     ("02553822123", "+842553822123"), ("84912345678", "+84912345678"), ("12345", None), ("", None)],
)
def test_a_vietnamese_phone_is_written_in_e164_for_sns(phone, e164):
    assert e164_vn(phone) == e164


def test_a_citizen_visible_action_without_its_own_text_names_its_label():
    email, sms = messages_for(META, event("assign", data={}, visible=True), TITLE)
    assert f"Hồ sơ {CODE} ({TITLE}): Phân công lại chuyên viên (ngày 08/07/2026)." in email["body"]
    assert CODE in sms["body"] and "08/07/2026" in sms["body"]
