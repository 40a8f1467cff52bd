"""The local payment sandbox: the same shape as VNPay (a payment page, a signed notification, a
signed return), with nothing outside 127.0.0.1. Used by `make run` and the tests.

- The payment URL is the site's sandbox page (`/thanh-toan-thu/`) with the order's fields and
  their signature, so the page can show the order and the local gateway can check that the
  page was given an order the API issued, at the amount it issued.
- The local gateway's `/_local/sandbox-pay` route (infra/local/sandbox_payments.py), which
  holds the secret the browser must not, signs the notification's fields (`callback_params`)
  and calls the real IPN route, then sends the browser to the return route with the same
  signed fields.

Signatures are HMAC-SHA256 (hex) over the fields as one JSON array of `[name, value]` pairs
sorted by name (unambiguous whatever a value holds; compared after URL decoding).
"""
from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode

from portal.domain.payments import Order, Verdict

PAGE_PATH = "/thanh-toan-thu/"
OUTCOMES = ("success", "failure")
ORDER_FIELDS = ("txn_ref", "dossier_id", "code", "amount", "amount_text", "return_url")
CALLBACK_FIELDS = ("txn_ref", "dossier_id", "amount", "outcome", "transaction_no")


def signature(secret: str, fields: dict[str, str]) -> str:
    text = json.dumps(sorted(fields.items()), ensure_ascii=False, separators=(",", ":"))
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def signed(secret: str, fields: dict[str, str]) -> dict[str, str]:
    return {**fields, "signature": signature(secret, fields)}


def signature_holds(secret: str, params: dict[str, str], names: tuple[str, ...]) -> bool:
    """Whether `params` has exactly `names` plus a signature over them."""
    if set(params) != {*names, "signature"}:
        return False
    expected = signature(secret, {name: params[name] for name in names})
    return hmac.compare_digest(str(params["signature"]), expected)


def callback_params(secret: str, txn_ref: str, dossier_id: str, amount: int, outcome: str, transaction_no: str) -> dict[str, str]:
    """The notification the sandbox "bank" sends for an order (the local gateway signs it)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome is one of {OUTCOMES}")
    return signed(secret, {
        "txn_ref": txn_ref, "dossier_id": dossier_id, "amount": str(int(amount)),
        "outcome": outcome, "transaction_no": transaction_no,
    })


class SandboxProvider:
    name = "sandbox"

    def __init__(self, secret: str, site_origin: str):
        if not secret:
            raise ValueError("the sandbox needs its secret")
        self.secret = secret
        self.page_url = site_origin.rstrip("/") + PAGE_PATH

    def order_fields(self, order: Order) -> dict[str, str]:
        return {
            "txn_ref": order.txn_ref, "dossier_id": order.dossier_id, "code": order.dossier_code,
            "amount": str(int(order.amount)), "amount_text": order.amount_text, "return_url": order.return_url,
        }

    def payment_url(self, order: Order) -> str:
        return f"{self.page_url}?{urlencode(signed(self.secret, self.order_fields(order)))}"

    def order_holds(self, params: dict[str, str]) -> bool:
        """Whether the sandbox page was handed an order as the API issued it."""
        return signature_holds(self.secret, params, ORDER_FIELDS)

    def verify_return(self, params: dict[str, str]) -> Verdict:
        return self.verify_ipn(params)

    def verify_ipn(self, params: dict[str, str]) -> Verdict:
        if not signature_holds(self.secret, params, CALLBACK_FIELDS):
            return Verdict(valid=False, reason="signature")
        amount = params["amount"]
        if not amount.isascii() or not amount.isdigit() or params["outcome"] not in OUTCOMES:
            return Verdict(valid=False, reason="fields")
        return Verdict(
            valid=True,
            txn_ref=params["txn_ref"],
            amount=int(amount),
            success=params["outcome"] == "success",
            transaction_no=params["transaction_no"] or None,
            dossier_id=params["dossier_id"],
        )
