"""`POST /_local/sandbox-pay` on the local gateway: the payment sandbox's "bank". Local only: the
cloud has no such route, and pays through VNPay.

The sandbox page (site/thanh-toan-thu/, sandbox-pay.js) posts the order it was given (its
fields and the API's signature over them) and the citizen's choice, `success` or `failure`.
This route, which holds the sandbox secret the browser must not, checks that the order is one
the API issued, signs the notification (portal.domain.sandbox_payments.callback_params), calls
the real IPN route through the gateway, as a provider's server would, and answers where the
browser goes next: the return route, with the same signed fields, as a provider's page would.
"""
from __future__ import annotations

import json
import secrets
import urllib.request
from collections.abc import Callable
from urllib.parse import urlencode

PATH = "/_local/sandbox-pay"
Answer = tuple[int, dict[str, str], bytes]


def _json(status: int, payload: dict) -> Answer:
    return status, {"Content-Type": "application/json", "Cache-Control": "no-store"}, json.dumps(
        payload, ensure_ascii=False).encode("utf-8")


def _refused(message: str) -> Answer:
    """The API's error shape, so the page reads it as it reads the API's."""
    return _json(422, {"error": {"code": "VALIDATION_FAILED", "message": message, "fields": []}})


def sandbox_pay(secret: str, gateway_url: str) -> Callable[[bytes], Answer]:
    """The route's handler: request body → (status, headers, body)."""

    def handle(body: bytes) -> Answer:
        # The functions' code is importable once the stack has prepared their environment.
        from portal.domain.sandbox_payments import ORDER_FIELDS, OUTCOMES, SandboxProvider, callback_params

        provider = SandboxProvider(secret, gateway_url)
        try:
            sent = json.loads(body or b"{}")
            order = {name: str(sent["order"][name]) for name in (*ORDER_FIELDS, "signature")}
            outcome = sent["outcome"]
        except (ValueError, KeyError, TypeError):
            return _refused("Cần đơn hàng (order) và kết quả (outcome).")
        if outcome not in OUTCOMES or not provider.order_holds(order):
            return _refused("Đơn hàng không do cổng dịch vụ công tạo ra, hoặc đã bị sửa.")
        params = callback_params(secret, order["txn_ref"], order["dossier_id"], int(order["amount"]), outcome,
                                 f"SBX{secrets.randbelow(10**8):08d}")
        with urllib.request.urlopen(f"{gateway_url}/api/payments/ipn?{urlencode(params)}", timeout=60) as answer:  # noqa: S310 (127.0.0.1)
            ipn = json.loads(answer.read())
        return _json(200, {"ipn": ipn, "redirect": f"{order['return_url']}?{urlencode(params)}"})

    return handle
