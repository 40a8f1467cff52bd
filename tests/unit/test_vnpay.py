"""The VNPay adapter (functions/portal/domain/vnpay.py) against the protocol's documented examples.

Sources:
- VNPAY_GUIDE_URL: the example payment URL of VNPay's integration guide for version 2.1.0
  ("Tạo URL Thanh toán", https://sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html and
  https://sandbox.vnpayment.vn/apis/docs/huong-dan-tich-hop/). Its merchant DEMOV210's hash
  secret is not published, so the example fixes the parameters, their order and their encoding;
  the hash is checked with the next example.
- RETURN_EXAMPLE: the return/IPN query of the `vnpay` npm library's test fixtures
  (github.com/lehuygiang28/vnpay, test/__helpers__/test-fixtures.ts, and
  test/verify-ipn-call.test.ts for the "99" variant), signed with its published test secret
  "test_secret": both hashes are that library's, computed independently of this code.
- `_sample_payment_url`: the signing loop of VNPay's Python sample (vnpay_python, `vnpay.py`
  `get_payment_url`: sorted parameters, `quote_plus` values, HMAC-SHA512 of the query string),
  restated here so the adapter is checked against the sample's own steps.
"""
from __future__ import annotations

import hashlib
import hmac
import urllib.parse
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.domain.payments import Order
from portal.domain.vnpay import VnpayProvider, query_string, secure_hash

VNPAY_GUIDE_URL = (
    "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=1806000&vnp_Command=pay"
    "&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn"
    "&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other"
    "&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TmnCode=DEMOV210&vnp_TxnRef=5"
    "&vnp_Version=2.1.0&vnp_SecureHash=3e0d61a0c0534b2e36680b3f7277743e8784cc4e1d68fa7d276e79c23be7d631"
    "8d338b477910a27992f5057bb1582bd44bd82ae8009ffaf6d141219218625c42"
)
TEST_SECRET = "test_secret"
TEST_TMN_CODE = "TEST_TMN_CODE"
RETURN_EXAMPLE = {
    "vnp_Amount": "1000000",
    "vnp_BankCode": "NCB",
    "vnp_BankTranNo": "VNP14422574",
    "vnp_CardType": "ATM",
    "vnp_OrderInfo": "Thanh toan don hang 2024-05-21T02:17:31.249Z",
    "vnp_PayDate": "20240521091806",
    "vnp_ResponseCode": "00",
    "vnp_TmnCode": TEST_TMN_CODE,
    "vnp_TransactionNo": "14422574",
    "vnp_TransactionStatus": "00",
    "vnp_TxnRef": "1716257871703",
    "vnp_SecureHash": "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361d"
                      "bf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895",
}
FAILED_EXAMPLE_HASH = ("503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c"
                       "6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b")
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _provider() -> VnpayProvider:
    return VnpayProvider(TEST_TMN_CODE, TEST_SECRET, "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")


def _order(amount: int = 40000) -> Order:
    return Order(
        txn_ref="01JZK3M6W4Y8A2B3C4D5E6F7G8A1B2C3D4", dossier_id="01JZK3M6W4Y8A2B3C4D5E6F7G8",
        dossier_code="000.00.15.H55-260708-0001", amount=amount, amount_text="40.000 đ",
        description="Thanh toan phi ho so 000.00.15.H55-260708-0001",
        created_at=datetime(2026, 7, 8, 9, 30, 5, tzinfo=VN), client_ip="203.113.1.2",
        return_url="https://api.example.vn/api/payments/return",
    )


def _sample_payment_url(base: str, params: dict, secret: str) -> str:
    """VNPay's Python sample, step by step."""
    query = ""
    for seq, (key, val) in enumerate(sorted(params.items())):
        query += ("&" if seq else "") + key + "=" + urllib.parse.quote_plus(str(val))
    digest = hmac.new(secret.encode("utf-8"), query.encode("utf-8"), hashlib.sha512).hexdigest()
    return base + "?" + query + "&vnp_SecureHash=" + digest


def test_the_guide_example_url_is_rebuilt_byte_for_byte_from_its_parameters():
    query = VNPAY_GUIDE_URL.partition("?")[2]
    params = dict(urllib.parse.parse_qsl(query))
    params.pop("vnp_SecureHash")

    assert query_string(params) == query.split("&vnp_SecureHash=")[0]
    assert params["vnp_Amount"] == "1806000"  # 18.060 đ × 100


def test_the_documented_return_and_ipn_examples_verify():
    verdict = _provider().verify_ipn(dict(RETURN_EXAMPLE))

    assert secure_hash(TEST_SECRET, RETURN_EXAMPLE) == RETURN_EXAMPLE["vnp_SecureHash"]
    assert verdict.valid and verdict.success
    assert verdict.txn_ref == "1716257871703" and verdict.transaction_no == "14422574"
    assert verdict.amount == 10000  # vnp_Amount 1000000 is 10.000 đ
    assert _provider().verify_return(dict(RETURN_EXAMPLE)) == verdict


def test_the_documented_failed_payment_verifies_but_is_not_paid():
    failed = {**RETURN_EXAMPLE, "vnp_ResponseCode": "99", "vnp_SecureHash": FAILED_EXAMPLE_HASH}

    verdict = _provider().verify_ipn(failed)

    assert verdict.valid and not verdict.success


@pytest.mark.parametrize(("name", "value"), [
    ("vnp_ResponseCode", "99"),        # the documented "99" variant under the success hash
    ("vnp_Amount", "100000000"),       # a larger amount
    ("vnp_TxnRef", "1716257871704"),   # another order
    ("vnp_OrderInfo", "Thanh toan don hang khac"),
])
def test_a_tampered_parameter_is_refused(name, value):
    verdict = _provider().verify_ipn({**RETURN_EXAMPLE, name: value})

    assert not verdict.valid and verdict.reason == "signature"


def test_a_missing_or_foreign_signature_is_refused():
    without = {k: v for k, v in RETURN_EXAMPLE.items() if k != "vnp_SecureHash"}
    other_secret = VnpayProvider(TEST_TMN_CODE, "another_secret")

    assert not _provider().verify_ipn(without).valid
    assert not other_secret.verify_ipn(dict(RETURN_EXAMPLE)).valid


def test_another_merchants_correctly_signed_message_is_refused():
    other = {**RETURN_EXAMPLE, "vnp_TmnCode": "OTHERTMN"}
    other["vnp_SecureHash"] = secure_hash(TEST_SECRET, other)

    assert _provider().verify_ipn(other).reason == "merchant"


def test_the_hash_type_field_and_upper_case_hex_do_not_change_the_verdict():
    # 2.1.0 leaves vnp_SecureHashType out of the hash; a hex digest may come in upper case.
    given = {**RETURN_EXAMPLE, "vnp_SecureHashType": "HmacSHA512",
             "vnp_SecureHash": RETURN_EXAMPLE["vnp_SecureHash"].upper()}

    assert _provider().verify_ipn(given).valid


def test_the_payment_url_is_signed_as_the_official_sample_signs_it():
    provider = _provider()
    order = _order()

    url = provider.payment_url(order)

    assert url == _sample_payment_url(provider.pay_url, provider.order_params(order), TEST_SECRET)
    params = dict(urllib.parse.parse_qsl(url.partition("?")[2]))
    assert params["vnp_Amount"] == "4000000"  # 40.000 đ × 100
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay" and params["vnp_CurrCode"] == "VND"
    assert params["vnp_CreateDate"] == "20260708093005" and params["vnp_ExpireDate"] == "20260708094505"
    assert params["vnp_TxnRef"] == order.txn_ref and params["vnp_ReturnUrl"] == order.return_url
    assert "vnp_SecureHashType" not in params
    assert "vnp_ReturnUrl=https%3A%2F%2Fapi.example.vn%2Fapi%2Fpayments%2Freturn" in url


@pytest.mark.parametrize(("amount", "sent"), [(10000, "1000000"), (18060, "1806000"), (5700000, "570000000")])
def test_the_amount_is_sent_in_hundredths_of_a_dong(amount, sent):
    params = _provider().order_params(_order(amount))

    assert params["vnp_Amount"] == sent


def test_an_amount_that_is_not_whole_dong_is_refused():
    odd = {**RETURN_EXAMPLE, "vnp_Amount": "1000050"}
    odd["vnp_SecureHash"] = secure_hash(TEST_SECRET, odd)

    assert _provider().verify_ipn(odd).reason == "amount_format"


def test_a_provider_needs_its_credentials():
    with pytest.raises(ValueError):
        VnpayProvider("", TEST_SECRET)
    with pytest.raises(ValueError):
        VnpayProvider(TEST_TMN_CODE, "")
