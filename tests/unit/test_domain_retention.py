"""What a closed dossier keeps after its retention period (domain/retention.py): the statistics'
facts stay, everything that names or describes the applicant goes, and only a closed dossier
can be redacted."""
import pytest

from portal.domain.errors import Conflict
from portal.domain.retention import (
    DISCARDED,
    closed_at,
    cutoff,
    is_due,
    redact,
    redacted_event_data,
    redacted_message,
)
from portal.domain.vocabulary import ACTION_LABELS
from tests.unit.procedures import answers, dossier, person, vn

DAYS = 1825
NOW = vn(2031, 7, 8, 2, 0)


def returned(**changes) -> dict:
    values = {
        "state": "returned",
        "id": "01J0RETURNED0000000000000",
        "code": "000.00.15.H55-260708-0001",
        "agency": "000.00.15.H55",
        "applicant": person(),
        "answers": answers(),
        "access_token_hash": "ab" * 32,
        "submitted_at": "2026-07-08T09:00:00+07:00",
        "received_at": "2026-07-09T08:00:00+07:00",
        "appointed_date": "2026-07-23",
        "refusal_note": None,
        "result": {"outcome": "approve", "number": "12/GXN", "signer": "Trần Lãnh Đạo", "signed_on": "2026-07-20",
                "decided_at": "2026-07-20T10:00:00+07:00", "filename": "ket-qua-nguyen-van-an.pdf",
                "document": {"key": "dossiers/x/ket-qua/1", "version_id": "v1"}},
        "proposal": {"proposal": "approve", "opinion": "Ông An đủ điều kiện.", "by": "cv-1", "at": "2026-07-15T10:00:00+07:00"},
        "delivery": {"method": "counter", "collected_by": "Nguyễn Thị Bé", "collected_at": "2026-07-21T09:00:00+07:00",
                  "returned_at": "2026-07-21T09:00:00+07:00"},
        "delivery_choice": {"method": "post", "address": {"street": "12 Hùng Vương"}, "chosen_at": "2026-07-10T09:00:00+07:00"},
        "rating": {"score": 5, "comment": "Cảm ơn chị Hoa.", "rated_at": "2026-07-22T09:00:00+07:00"},
        "supplement_items": [{"slot": "don-de-nghi", "name": "Đơn đề nghị", "note": "Thiếu chữ ký ông An"}],
        "fee": {"amount": 40000, "amount_text": "40.000 đồng", "requested_at": "2026-07-16T09:00:00+07:00"},
        "closed_at": "2026-07-21T09:00:00+07:00",
        "something_added_later": "Nguyễn Văn An",
    }
    values.update(changes)
    return dossier(values.pop("state"), **values)


@pytest.mark.parametrize(("state", "stamp"), [
    ("returned", "closed_at"), ("withdrawn", "closed_at"), ("refused", "refused_at"), ("stopped", "stopped_at"),
])
def test_a_closed_dossier_counts_from_when_it_was_closed(state, stamp):
    record = dossier(state, **{stamp: "2026-07-21T09:00:00+07:00"})
    assert closed_at(record) == "2026-07-21T09:00:00+07:00"


@pytest.mark.parametrize("state", ["submitted", "received", "processing", "supplement_requested",
                                   "awaiting_payment", "result_ready"])
def test_an_open_dossier_or_one_whose_result_waits_is_never_due(state):
    record = dossier(state, closed_at="2020-01-01T09:00:00+07:00")
    assert closed_at(record) is None
    assert not is_due(record, NOW, DAYS)


def test_a_dossier_is_due_once_the_period_has_passed_and_never_again_once_redacted():
    assert cutoff(NOW, DAYS) == "2026-07-09T02:00:00+07:00"
    assert is_due(returned(closed_at="2026-07-09T01:59:00+07:00"), NOW, DAYS)
    assert not is_due(returned(closed_at="2026-07-09T02:01:00+07:00"), NOW, DAYS)
    assert not is_due(returned(redacted_at="2031-07-01T02:00:00+07:00"), NOW, DAYS)


def test_what_stays_is_what_the_statistics_need_and_nothing_that_names_the_applicant():
    kept, event = redact(returned(), NOW, DAYS, documents_deleted=3)

    assert kept["applicant"] == {"kind": "ca-nhan"}
    for gone in ("answers", "access_token_hash", "something_added_later"):
        assert gone not in kept
    assert kept["result"] == {"outcome": "approve", "number": "12/GXN", "signer": "Trần Lãnh Đạo",
                              "signed_on": "2026-07-20", "decided_at": "2026-07-20T10:00:00+07:00"}
    assert kept["proposal"] == {"proposal": "approve", "by": "cv-1", "at": "2026-07-15T10:00:00+07:00"}
    assert kept["delivery"] == {"method": "counter", "collected_at": "2026-07-21T09:00:00+07:00",
                                "returned_at": "2026-07-21T09:00:00+07:00"}
    assert kept["delivery_choice"] == {"method": "post", "chosen_at": "2026-07-10T09:00:00+07:00"}
    assert kept["rating"] == {"score": 5, "rated_at": "2026-07-22T09:00:00+07:00"}
    assert kept["supplement_items"] == [{"slot": "don-de-nghi", "name": "Đơn đề nghị"}]
    for stays in ("id", "code", "agency", "procedure_id", "channel", "state", "submitted_at", "received_at",
                  "appointed_date", "closed_at", "fee"):
        assert kept[stays] == returned()[stays], stays
    assert (kept["version"], kept["redacted_at"]) == (4, "2031-07-08T02:00:00+07:00")
    words = str(kept)
    for personal in ("Nguyễn", "051090001234", "0912345678", "an@example.vn", "Hùng Vương", "Bình Sơn", "Hoa"):
        assert personal not in words, personal

    assert (event.action, event.from_state, event.to_state) == ("redact", returned()["state"], "returned")
    assert (event.actor_role, event.citizen_visible) == ("system", False)
    assert event.data == {"retention_days": DAYS, "documents_deleted": 3}
    assert ACTION_LABELS["redact"] == "Xóa dữ liệu cá nhân theo thời hạn lưu trữ"


@pytest.mark.parametrize("state", ["submitted", "processing", "result_ready"])
def test_only_a_closed_dossier_can_be_redacted(state):
    with pytest.raises(Conflict):
        redact(returned(state=state), NOW, DAYS, 0)


def test_events_keep_their_facts_without_free_text_names_or_addresses():
    data = {
        "grounds": [{"code": "ngoai-pham-vi", "text": "Ngoài thẩm quyền", "kind": "competence", "extra": "x"}],
        "note": "Ông An nộp sai nơi.",
        "items": [{"slot": "don-de-nghi", "name": "Đơn đề nghị", "note": "Thiếu chữ ký"}],
        "method": "counter",
        "collected_by": "Nguyễn Thị Bé",
        "waybill": "EMS123",
        "address": "12 Hùng Vương",
        "reason": "Nộp nhầm",
        "opinion": "Ông An đủ điều kiện",
        "appointed_date": "2026-07-23",
    }
    assert redacted_event_data(data) == {
        "grounds": [{"code": "ngoai-pham-vi", "text": "Ngoài thẩm quyền", "kind": "competence"}],
        "items": [{"slot": "don-de-nghi", "name": "Đơn đề nghị"}],
        "method": "counter",
        "appointed_date": "2026-07-23",
    }
    assert redacted_event_data(None) == {}


def test_a_message_loses_its_address_and_texts_and_one_never_sent_is_never_sent():
    sent = {"kind": "outbox", "id": "m1", "status": "sent", "channel": "email", "to": "an@example.vn",
            "subject": "Hồ sơ", "body": "Kính gửi ông Nguyễn Văn An", "sent_at": "2026-07-21T09:00:01+07:00",
            "provider_id": "ses-1", "action": "return", "created_at": "2026-07-21T09:00:00+07:00"}
    assert redacted_message(sent) == {"kind": "outbox", "id": "m1", "status": "sent", "channel": "email",
                                      "sent_at": "2026-07-21T09:00:01+07:00", "action": "return",
                                      "created_at": "2026-07-21T09:00:00+07:00"}
    for status in ("pending", "failed", "sending"):
        left = redacted_message({**sent, "status": status, "last_error": "Nguyễn Văn An: bounced"})
        assert left["status"] == DISCARDED
        assert "last_error" not in left and "to" not in left
