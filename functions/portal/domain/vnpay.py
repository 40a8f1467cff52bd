"""VNPay's payment-URL protocol, version 2.1.0 (sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html).

- The payment URL carries the order as `vnp_*` query parameters, sorted by name, each value
  URL-encoded as in VNPay's own Python sample (`urllib.parse.quote_plus`); `vnp_SecureHash` is
  the HMAC-SHA512 (hex) of exactly that query string under the merchant's hash secret, appended
  last. 2.1.0 sends no `vnp_SecureHashType`.
- `vnp_Amount` is the amount in đồng × 100 (10.000 đ is sent as 1000000).
- The return URL (the citizen's browser) and the IPN (VNPay's server) carry the result the
  same way: every `vnp_*` parameter but `vnp_SecureHash` and `vnp_SecureHashType`, sorted and
  encoded alike, hashed with the same secret. Paid means `vnp_ResponseCode` and
  `vnp_TransactionStatus` both "00".
- The IPN is answered `{"RspCode", "Message"}` (domain/payments.py lists the codes).
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from urllib.parse import quote_plus

from portal.domain.payments import Order, Verdict

VERSION = "2.1.0"
SANDBOX_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
# How long the citizen has on VNPay's page (vnp_ExpireDate).
EXPIRES_AFTER = timedelta(minutes=15)
_HASH_FIELDS_EXCLUDED = {"vnp_SecureHash", "vnp_SecureHashType"}


def query_string(params: dict[str, str]) -> str:
    """`k=v&...` sorted by name, values encoded with quote_plus (spaces as +, / as %2F)."""
    return "&".join(f"{key}={quote_plus(str(value))}" for key, value in sorted(params.items()))


def secure_hash(secret: str, params: dict[str, str]) -> str:
    """HMAC-SHA512 (lower-case hex) of the sorted, encoded `vnp_*` parameters, the hash's own
    fields left out."""
    signed = {k: v for k, v in params.items() if k.startswith("vnp_") and k not in _HASH_FIELDS_EXCLUDED}
    return hmac.new(secret.encode("utf-8"), query_string(signed).encode("utf-8"), hashlib.sha512).hexdigest()


def _stamp(moment) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


class VnpayProvider:
    name = "vnpay"

    def __init__(self, tmn_code: str, hash_secret: str, pay_url: str = SANDBOX_URL, locale: str = "vn"):
        if not tmn_code or not hash_secret:
            raise ValueError("VNPay needs the merchant's TMN code and hash secret")
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.pay_url = pay_url
        self.locale = locale

    def order_params(self, order: Order) -> dict[str, str]:
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(int(order.amount) * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.txn_ref,
            "vnp_OrderInfo": order.description,
            "vnp_OrderType": "other",
            "vnp_Locale": self.locale,
            "vnp_ReturnUrl": order.return_url,
            "vnp_IpAddr": order.client_ip,
            "vnp_CreateDate": _stamp(order.created_at),
            "vnp_ExpireDate": _stamp(order.created_at + EXPIRES_AFTER),
        }

    def signed_url(self, params: dict[str, str]) -> str:
        return f"{self.pay_url}?{query_string(params)}&vnp_SecureHash={secure_hash(self.hash_secret, params)}"

    def payment_url(self, order: Order) -> str:
        return self.signed_url(self.order_params(order))

    def verify_return(self, params: dict[str, str]) -> Verdict:
        return self._verify(params)

    def verify_ipn(self, params: dict[str, str]) -> Verdict:
        return self._verify(params)

    def _verify(self, params: dict[str, str]) -> Verdict:
        given = (params.get("vnp_SecureHash") or "").lower()
        expected = secure_hash(self.hash_secret, params)
        if not given or not hmac.compare_digest(given, expected):
            return Verdict(valid=False, reason="signature")
        if params.get("vnp_TmnCode") != self.tmn_code:
            return Verdict(valid=False, reason="merchant")
        raw_amount = params.get("vnp_Amount") or ""
        if not raw_amount.isascii() or not raw_amount.isdigit() or int(raw_amount) % 100:
            return Verdict(valid=False, reason="amount_format")
        return Verdict(
            valid=True,
            txn_ref=params.get("vnp_TxnRef"),
            amount=int(raw_amount) // 100,
            success=params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00",
            transaction_no=params.get("vnp_TransactionNo") or None,
        )
