"""Paying the requested fee online through the local sandbox provider: started only while the
dossier awaits payment, for exactly the amount asked; the provider's notification (IPN) alone
moves the dossier, once; every message that is not exactly right is refused and writes nothing."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from portal.domain.sandbox_payments import callback_params
from tests.api.desk_support import SPECIALIST, Desk, seed_specialists
from tests.api.support import PDF, build_event, call

PROCEDURE = "giay-phep-khai-thac"
# The catalogue doubts this procedure's figures: the desk enters them with their basis.
FEE = {"amount": 40000, "reason": "Thông tư 118/2018/TT-BTC, Biểu phí kèm theo."}
TIME_LIMIT = {"value": 6, "unit": "working_days", "reason": "Điều 5 Nghị định 26/2019/NĐ-CP."}
ANSWERS = {
    "loai_giay": "cap-moi", "so_dang_ky_tau": "QNg-90123-TS", "chieu_dai_tau": 15,
    "ten_thuyen_truong": "Nguyễn Văn Biển", "nghe_khai_thac": "Lưới vây", "vung_khai_thac": "vung-khoi",
}


@pytest.fixture
def secret(aws_env) -> str:
    return aws_env["SANDBOX_PAYMENT_SECRET"]


def _upload(api, slot: str) -> str:
    answer = api.create_upload(slot=slot, procedure_id=PROCEDURE)
    assert answer.status == 201, answer.text
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=answer.json["fields"]["key"], Body=PDF)
    return answer.json["upload_id"]


def _submitted(api, key="pay") -> dict:
    documents = [{"slot": slot, "upload_id": _upload(api, slot)} for slot in ("don-cap-moi", "dang-ky-tau")]
    body = {
        "procedure_id": PROCEDURE, "answers": ANSWERS, "documents": documents, "consent": True,
        "applicant": {
            "kind": "ca-nhan", "full_name": "Trần Văn Nam", "id_number": "051090001234", "phone": "0905123456",
            "address": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Thôn An Hải"},
        },
    }
    answer = api.submit(body, key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _awaiting_payment(api, aws_env, key="pay") -> tuple[dict, Desk]:
    seed_specialists(aws_env)
    receipt = _submitted(api, key)
    desk = Desk(api, receipt["dossier_id"])
    desk.ok("receive", {"time_limit": TIME_LIMIT})
    desk.ok("forward", {"assignee": "chuyenvien01"})
    fee = desk.ok("request_fee", FEE, claims=SPECIALIST)
    assert fee["dossier"]["status"] == "awaiting_payment"
    return receipt, desk


def _start(api, receipt, token=None):
    return api.post(f"/api/dossiers/{receipt['dossier_id']}/payment",
                    {"access_token": receipt["access_token"] if token is None else token})


def _order(answer) -> dict:
    return dict(parse_qsl(urlsplit(answer.json["url"]).query))


def _ipn(api, params: dict):
    return call(api._citizen, build_event("GET", "/api/payments/ipn", query=params, headers={"user-agent": "provider"}))


def _paid_callback(secret, order: dict, outcome="success", **overrides) -> dict:
    fields = {"txn_ref": order["txn_ref"], "dossier_id": order["dossier_id"], "amount": int(order["amount"]),
              "outcome": outcome, "transaction_no": "SBX0001", **overrides}
    return callback_params(secret, **fields)


def _dossier(api, desk) -> dict:
    return desk.detail()["dossier"]


def _payment_items(api) -> list[dict]:
    return [i for i in api.items() if i["SK"].startswith("PAYMENT#")]


def test_the_citizen_pays_exactly_the_fee_and_the_notification_moves_the_dossier(api, aws_env, secret):
    receipt, desk = _awaiting_payment(api, aws_env)

    started = _start(api, receipt)

    assert started.status == 200, started.text
    assert started.json["amount"] == 40000 and started.json["amount_text"] == "40.000 đ"
    order = _order(started)
    assert urlsplit(started.json["url"]).path == "/thanh-toan-thu/"
    assert order["amount"] == "40000" and order["dossier_id"] == receipt["dossier_id"]
    assert [i["status"] for i in _payment_items(api)] == ["pending"]

    answer = _ipn(api, _paid_callback(secret, order))

    assert answer.json == {"RspCode": "00", "Message": "Confirm Success"}
    dossier = _dossier(api, desk)
    assert dossier["status"] == "processing"
    events = desk.detail()["events"]
    assert events[-1]["action"] == "paid"
    assert events[-1]["data"] == {"amount": 40000, "receipt_number": "SBX0001", "method": "online"}
    assert [i["status"] for i in _payment_items(api)] == ["paid"]
    printed = api.post(f"/api/dossiers/{receipt['dossier_id']}/receipt", {"access_token": receipt["access_token"]})
    assert printed.status == 200, printed.text
    assert printed.json["amount_text"] == "40.000 đ" and printed.json["method_label"] == "Thanh toán trực tuyến"
    assert printed.json["receipt_number"] == "SBX0001" and printed.json["code"] == receipt["code"]
    assert printed.json["paid_at_text"] == "08/07/2026 09:00" and printed.json["payer"] == "Trần Văn Nam"


def test_a_repeated_notification_changes_nothing_and_answers_already_confirmed(api, aws_env, secret):
    receipt, _ = _awaiting_payment(api, aws_env)
    callback = _paid_callback(secret, _order(_start(api, receipt)))
    assert _ipn(api, callback).json["RspCode"] == "00"
    before = api.items()

    again = _ipn(api, callback)

    assert again.json == {"RspCode": "02", "Message": "Order already confirmed"}
    assert api.items() == before


def test_a_failed_payment_leaves_the_dossier_awaiting_payment_and_a_new_attempt_may_follow(api, aws_env, secret):
    receipt, desk = _awaiting_payment(api, aws_env)
    first = _order(_start(api, receipt))

    assert _ipn(api, _paid_callback(secret, first, outcome="failure")).json["RspCode"] == "00"

    assert _dossier(api, desk)["status"] == "awaiting_payment"
    assert [i["status"] for i in _payment_items(api)] == ["failed"]
    assert api.post(f"/api/dossiers/{receipt['dossier_id']}/receipt", {"access_token": receipt["access_token"]}).status == 409
    second = _order(_start(api, receipt))
    assert second["txn_ref"] != first["txn_ref"]
    assert _ipn(api, _paid_callback(secret, second)).json["RspCode"] == "00"
    assert _dossier(api, desk)["status"] == "processing"


@pytest.mark.parametrize(("case", "code"), [
    ("bad_signature", "97"),
    ("wrong_amount", "04"),
    ("unknown_txn", "01"),
    ("other_dossier", "01"),
    ("another_dossiers_txn", "01"),
])
def test_a_callback_not_exactly_right_is_refused_logged_and_writes_nothing(api, aws_env, secret, case, code, caplog):
    receipt, desk = _awaiting_payment(api, aws_env)
    order = _order(_start(api, receipt))
    other = _submitted(api, key="other")
    params = {
        "bad_signature": lambda: {**_paid_callback(secret, order), "signature": "0" * 64},
        "wrong_amount": lambda: _paid_callback(secret, order, amount=4000),
        "unknown_txn": lambda: _paid_callback(secret, order, txn_ref=order["dossier_id"] + "FFFFFFFF"),
        "other_dossier": lambda: _paid_callback(secret, order, dossier_id=other["dossier_id"]),
        # A reference made for the other dossier's id: no such attempt there.
        "another_dossiers_txn": lambda: _paid_callback(
            secret, order, txn_ref=other["dossier_id"] + order["txn_ref"][-8:], dossier_id=other["dossier_id"]),
    }[case]()
    before = api.items()
    caplog.clear()

    answer = _ipn(api, params)

    assert answer.status == 200 and answer.json["RspCode"] == code
    assert api.items() == before
    assert _dossier(api, desk)["status"] == "awaiting_payment"
    refusals = [r for r in caplog.records if r.getMessage() == "payment callback refused"]
    assert len(refusals) == 1 and refusals[0].rsp_code == code
    logged = str([r.__dict__ for r in caplog.records])
    assert "Trần Văn Nam" not in logged and "051090001234" not in logged and "0905123456" not in logged


def test_a_callback_with_a_repeated_or_missing_field_is_refused(api, aws_env, secret):
    receipt, desk = _awaiting_payment(api, aws_env)
    order = _order(_start(api, receipt))
    callback = _paid_callback(secret, order)
    doubled = urlencode(list(callback.items()) + [("amount", "1")])
    missing = {k: v for k, v in callback.items() if k != "transaction_no"}

    event = build_event("GET", "/api/payments/ipn")
    event["rawQueryString"] = doubled
    assert call(api._citizen, event).json["RspCode"] == "99"
    assert _ipn(api, missing).json["RspCode"] == "97"
    assert _dossier(api, desk)["status"] == "awaiting_payment"


def test_payment_starts_only_while_the_dossier_awaits_payment(api, aws_env):
    seed_specialists(aws_env)
    receipt = _submitted(api)

    answer = _start(api, receipt)

    assert answer.status == 409 and answer.json["error"]["code"] == "CONFLICT"
    assert _payment_items(api) == []


def test_a_wrong_token_answers_the_same_404_as_a_missing_dossier(api, aws_env):
    receipt, _ = _awaiting_payment(api, aws_env)

    wrong = _start(api, receipt, token="x" * 43)
    missing = api.post("/api/dossiers/01JZZZZZZZZZZZZZZZZZZZZZZZ/payment", {"access_token": receipt["access_token"]})
    wrong_receipt = api.post(f"/api/dossiers/{receipt['dossier_id']}/receipt", {"access_token": "x" * 43})

    assert wrong.status == missing.status == wrong_receipt.status == 404
    assert wrong.json == missing.json == wrong_receipt.json
    assert _payment_items(api) == []


def test_a_payment_after_the_counter_took_it_leaves_the_dossier_alone(api, aws_env, secret):
    receipt, desk = _awaiting_payment(api, aws_env)
    order = _order(_start(api, receipt))
    desk.ok("paid", {"amount": 40000, "receipt_number": "BL-0007"})
    before = _dossier(api, desk)

    answer = _ipn(api, _paid_callback(secret, order))

    assert answer.json["RspCode"] == "02"
    assert _dossier(api, desk) == before
    assert [i["status"] for i in _payment_items(api)] == ["unapplied"]
    printed = api.post(f"/api/dossiers/{receipt['dossier_id']}/receipt", {"access_token": receipt["access_token"]}).json
    assert printed["method_label"] == "Nộp tại nơi tiếp nhận hồ sơ" and printed["receipt_number"] == "BL-0007"


def test_the_return_redirects_to_the_result_page_and_changes_nothing(api, aws_env, secret):
    receipt, desk = _awaiting_payment(api, aws_env)
    order = _order(_start(api, receipt))
    before = api.items()

    good = call(api._citizen, build_event("GET", "/api/payments/return", query=_paid_callback(secret, order)))
    forged = call(api._citizen, build_event("GET", "/api/payments/return",
                                            query={**_paid_callback(secret, order), "signature": "0" * 64}))

    assert good.status == 302
    location = urlsplit(good.headers["Location"])
    assert location.path == "/ket-qua-thanh-toan/"
    assert dict(parse_qsl(location.query)) == {"ket-qua": "thanh-cong", "ho-so": receipt["dossier_id"]}
    assert dict(parse_qsl(urlsplit(forged.headers["Location"]).query)) == {"ket-qua": "loi"}
    assert api.items() == before
    assert _dossier(api, desk)["status"] == "awaiting_payment"
