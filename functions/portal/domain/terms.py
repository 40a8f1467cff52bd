"""The time limit and fee a dossier is held to (docs/domain.md, "Figures the catalogue does
not confirm").

The catalogue states them per channel and case; where it doubts one (its `unconfirmed` list
names the figure, or the figure is missing), the desk does not guess and the dossier is not
stranded either: the officer enters the figure from the legal basis, with that basis as the
reason. The figure is then recorded as set by hand, audited, shown to the citizen and counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from portal.domain.calendar import WORKING_DAYS
from portal.domain.catalogue import ChannelTerms, channel_terms, fee_amount
from portal.domain.errors import FieldError, ValidationFailed
from portal.domain.figures import format_fee, format_money, format_time_limit, mark_unconfirmed


def _doubted(procedure: dict, path: str, case_path: str | None) -> bool:
    """Whether the catalogue doubts the figure at `path`, or the case condition that chose it."""
    unconfirmed = {item.get("path", "") for item in procedure.get("unconfirmed") or []}
    doubtful = {path, f"{path}.value", f"{path}.amount"}
    if case_path:
        doubtful |= {case_path, f"{case_path}.when"}
    return bool(doubtful & unconfirmed)


def _case_path(path: str, channel: str, suffix: str) -> str | None:
    return path.removesuffix(suffix) if path.startswith(f"channels.{channel}.cases.") else None


@dataclass(frozen=True)
class DossierTerms:
    """A dossier's time limit and fee as the catalogue states them, and whether each is one the
    desk may rely on."""

    time_limit: dict
    fee: dict
    time_limit_confirmed: bool
    fee_confirmed: bool
    case: dict | None

    @classmethod
    def of(cls, procedure: dict, channel: str, answers: dict | None) -> DossierTerms:
        terms: ChannelTerms = channel_terms(procedure, channel, answers)
        limit, fee = terms.time_limit, terms.fee
        limit_case = _case_path(terms.time_limit_path, channel, ".time_limit")
        fee_case = _case_path(terms.fee_path, channel, ".fee")
        return cls(
            time_limit=limit,
            fee=fee,
            time_limit_confirmed=isinstance(limit.get("value"), int)
            and not _doubted(procedure, terms.time_limit_path, limit_case),
            fee_confirmed=fee.get("kind") in ("fixed", "per_unit", "none")
            and not _doubted(procedure, terms.fee_path, fee_case),
            case=terms.case,
        )

    def time_limit_text(self) -> str:
        return mark_unconfirmed(format_time_limit(self.time_limit), not self.time_limit_confirmed)

    def fee_text(self) -> str:
        return mark_unconfirmed(format_fee(self.fee), not self.fee_confirmed)


def _required_reason(reason: str | None, path: str, errors: list[FieldError]) -> None:
    if not (reason or "").strip():
        errors.append(FieldError(path, "Vui lòng ghi căn cứ pháp lý (văn bản, điều, khoản) của con số nhập tay."))


def time_limit_for(terms: DossierTerms, by_hand: dict | None) -> dict:
    """The time limit a receipt promises: the catalogue's when it is confirmed (a figure typed
    over it is refused), else the one the officer entered from the legal basis."""
    if terms.time_limit_confirmed:
        if by_hand:
            raise ValidationFailed(fields=[FieldError(
                "time_limit", "Thời hạn của thủ tục đã có trong danh mục; không nhập tay."
            )])
        limit = terms.time_limit
        return {"value": limit["value"], "unit": limit.get("unit") or WORKING_DAYS}
    if not by_hand:
        raise ValidationFailed(fields=[FieldError(
            "time_limit",
            "Thời hạn giải quyết của thủ tục này chưa được xác nhận trong danh mục: vui lòng nhập "
            "thời hạn theo văn bản quy định và ghi căn cứ.",
        )])
    errors: list[FieldError] = []
    _required_reason(by_hand.get("reason"), "time_limit.reason", errors)
    if errors:
        raise ValidationFailed(fields=errors)
    return {
        "value": int(by_hand["value"]),
        "unit": by_hand["unit"],
        "set_by_hand": True,
        "reason": by_hand["reason"].strip(),
    }


def fee_for(terms: DossierTerms, quantity: float | None, amount: int | None, reason: str | None) -> dict:
    """The fee the desk asks for: the catalogue's fixed amount; a per-unit fee computed from the
    quantity the officer enters; or, where the catalogue doubts it, the amount entered from
    the legal basis with that basis as the reason. A figure typed over a confirmed one is refused."""
    fee = terms.fee
    kind = fee.get("kind")
    if terms.fee_confirmed and kind == "none":
        raise ValidationFailed(fields=[FieldError("amount", "Thủ tục này không thu phí, lệ phí.")])
    errors: list[FieldError] = []
    if terms.fee_confirmed:
        if amount is not None:
            errors.append(FieldError("amount", "Mức phí đã có trong danh mục; không nhập tay số tiền."))
        if kind == "per_unit":
            if quantity is None:
                errors.append(FieldError("quantity", f"Vui lòng nhập số lượng (tính theo {fee['unit']})."))
        elif quantity is not None:
            errors.append(FieldError("quantity", "Phí của thủ tục này không tính theo số lượng."))
        if errors:
            raise ValidationFailed(fields=errors)
        total = fee_amount(fee, quantity)
        assert total is not None  # a confirmed fixed or per-unit fee with its quantity
        result: dict = {"amount": total, "amount_text": format_money(total)}
        if kind == "per_unit":
            result.update(quantity=quantity, unit=fee["unit"])
        return result
    if amount is None:
        errors.append(FieldError(
            "amount", "Mức phí của thủ tục này chưa được xác nhận trong danh mục: vui lòng nhập số tiền theo văn bản quy định."
        ))
    _required_reason(reason, "reason", errors)
    if errors:
        raise ValidationFailed(fields=errors)
    assert amount is not None and reason is not None
    return {"amount": amount, "amount_text": format_money(amount), "set_by_hand": True, "reason": reason.strip()}
