"""The one way figures people read are written: numbers, money, quantities, dates, fees and
time limits, Vietnamese style ("1.500", "12,5", "40.000 đ", "08/03/2019").

The compiler writes ready-made `fee_text` / `time_limit_text` into the compiled catalogue with
these functions, the site renders pages with them and the API words its messages with them, so
no other module (and no browser script) formats a figure.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from portal.domain.clock import to_vn
from portal.domain.vocabulary import TIME_FROM_LABELS, TIME_UNIT_LABELS

# Beside a figure the catalogue doubts ("40.000 đ (đang cập nhật)").
UNCONFIRMED_TEXT = "đang cập nhật"
# In place of a figure nobody has stated yet, where a sentence or a cell starts.
MISSING_TEXT = UNCONFIRMED_TEXT[:1].upper() + UNCONFIRMED_TEXT[1:]
NO_FEE_TEXT = "Không thu phí"

# Enough decimals for areas and volumes, few enough to hide binary noise (0.1 + 0.2).
_MAX_DECIMALS = 6


def format_number(value: float | int) -> str:
    """Thousands with dots, decimals with a comma: `1500` → "1.500", `12.5` → "12,5".
    Rounded half away from zero at six decimals, as the browser's toFixed does (api.js
    formatNumber is this function's twin, compared value by value in a browser test)."""
    exact = Decimal(float(value)).copy_abs().quantize(Decimal(1).scaleb(-_MAX_DECIMALS), ROUND_HALF_UP)
    text = f"{exact:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, decimals = text.partition(".")
    sign = "-" if value < 0 and exact != 0 else ""
    return sign + whole.replace(",", ".") + ("," + decimals if decimals else "")


def format_money(amount: int | float) -> str:
    """`40000` → "40.000 đ"."""
    return f"{format_number(int(amount))} đ"


def format_quantity(value: float | int, unit: str | None) -> str:
    """`1500, "m³"` → "1.500 m³"; without a unit, just the number."""
    number = format_number(value)
    return f"{number} {unit}" if unit else number


def format_date(value: date | datetime | str | None) -> str:
    """dd/mm/yyyy from a date, an aware datetime (read in Vietnam time) or an ISO string
    (`2019-03-08` → "08/03/2019"); a missing date reads "Đang cập nhật"."""
    if value is None or value == "":
        return MISSING_TEXT
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = to_vn(value).date() if value.tzinfo else value.date()
    return value.strftime("%d/%m/%Y")


def format_fee(fee: dict | None) -> str:
    """One line a citizen understands: "40.000 đ", "Không thu phí", "Đang cập nhật", or the
    per-unit rule "150.000 đ + 15.000 đ/tấn, tối đa 700.000 đ"."""
    fee = fee or {}
    kind = fee.get("kind")
    if kind == "none":
        return NO_FEE_TEXT
    if kind == "fixed":
        return format_money(fee["amount"])
    if kind == "per_unit":
        text = f"{format_money(fee['base'])} + {format_money(fee['per_unit'])}/{fee['unit']}"
        if fee.get("cap") is not None:
            text += f", tối đa {format_money(fee['cap'])}"
        return text
    return MISSING_TEXT


def format_time_limit(time_limit: dict | None, *, with_start: bool = True) -> str:
    """"5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"; `with_start=False` leaves out the
    starting point ("5 ngày làm việc"), for lists where it is said once."""
    if not time_limit or time_limit.get("value") is None:
        return MISSING_TEXT
    unit = TIME_UNIT_LABELS.get(time_limit.get("unit") or "") or TIME_UNIT_LABELS["calendar_days"]
    text = f"{format_number(time_limit['value'])} {unit}"
    start = TIME_FROM_LABELS.get(time_limit.get("from") or "") if with_start else None
    return f"{text} {start}" if start else text


def mark_unconfirmed(text: str, unconfirmed: bool = True) -> str:
    """A figure the catalogue doubts, said so: "40.000 đ (đang cập nhật)". A figure that is
    missing altogether already reads "Đang cập nhật" and is not marked twice."""
    if not unconfirmed or text == MISSING_TEXT:
        return text
    return f"{text} ({UNCONFIRMED_TEXT})"
