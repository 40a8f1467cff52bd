"""Online payment of the fee the desk requested (docs/architecture.md, "Payments").

A payment provider turns an order into the address the citizen's browser goes to, and checks
what the provider sends back: the citizen's browser coming back (the return URL, which only
says what to show) and the provider's server-to-server notification (IPN), the only message
that moves the dossier. Two providers share this shape: the local sandbox
(`sandbox_payments.py`) and VNPay (`vnpay.py`).

Pure: no AWS, no clock; everything a provider needs is in the order.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# The IPN answers, as VNPay's payment-URL protocol v2.1.0 names them (its sample IPN code and
# the "IPN URL" section of its integration guide); the sandbox answers the same way, so the
# service has one vocabulary for "taken", "already taken" and each refusal.
CONFIRMED = ("00", "Confirm Success")
ORDER_NOT_FOUND = ("01", "Order not found")
ALREADY_CONFIRMED = ("02", "Order already confirmed")
INVALID_AMOUNT = ("04", "Invalid amount")
INVALID_SIGNATURE = ("97", "Invalid signature")
UNKNOWN_ERROR = ("99", "Unknow error")  # VNPay's own spelling

# A dossier id is a ULID (26 characters, Crockford base 32); an attempt adds 8 random ones,
# so the reference names its dossier and is unique without a lookup item. VNPay takes
# vnp_TxnRef as alphanumeric, at most 100 characters.
_TXN_REF = re.compile(r"^([0-9A-HJKMNP-TV-Z]{26})([0-9A-F]{8})$")


@dataclass(frozen=True)
class Order:
    """One payment attempt, as the provider needs it."""

    txn_ref: str
    dossier_id: str
    dossier_code: str
    amount: int  # đồng
    amount_text: str  # "40.000 đ" (figures.format_money)
    description: str
    created_at: datetime  # Vietnam time
    client_ip: str
    return_url: str


@dataclass(frozen=True)
class Verdict:
    """What a provider's message says, once its signature is checked. `valid` False: nothing
    else in it may be believed."""

    valid: bool
    txn_ref: str | None = None
    amount: int | None = None  # đồng
    success: bool = False
    transaction_no: str | None = None
    # The dossier the message names, where the provider echoes it (the sandbox does).
    dossier_id: str | None = None
    reason: str | None = None  # why it is not valid (for the log; never personal data)


class PaymentProvider(Protocol):
    name: str

    def payment_url(self, order: Order) -> str: ...

    def verify_return(self, params: dict[str, str]) -> Verdict: ...

    def verify_ipn(self, params: dict[str, str]) -> Verdict: ...


def new_txn_ref(dossier_id: str) -> str:
    return f"{dossier_id}{secrets.token_hex(4).upper()}"


def dossier_of(txn_ref: str | None) -> str | None:
    """The dossier a transaction reference was made for, or None if it is not one of ours."""
    match = _TXN_REF.fullmatch(txn_ref or "")
    return match.group(1) if match else None

