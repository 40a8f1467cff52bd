"""Figures as a citizen reads them on the page, the printed sheet and in a message."""
from datetime import UTC, date, datetime

import pytest

from portal.domain.figures import (
    MISSING_TEXT,
    UNCONFIRMED_TEXT,
    format_date,
    format_fee,
    format_money,
    format_number,
    format_quantity,
    format_time_limit,
    mark_unconfirmed,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (1500, "1.500"), (1_234_567, "1.234.567"), (12.5, "12,5"), (1234.25, "1.234,25"),
     (0.1 + 0.2, "0,3"), (3.0, "3"), (-1500, "-1.500")],
)
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(value, text):
    assert format_number(value) == text


def test_money_is_in_dong_with_thousands_separators():
    assert format_money(40000) == "40.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(5_700_000) == "5.700.000 đ"


def test_quantities_carry_their_unit():
    assert format_quantity(1500, "m³") == "1.500 m³"
    assert format_quantity(12, "lồng") == "12 lồng"
    assert format_quantity(2.5, None) == "2,5"


def test_dates_read_day_month_year():
    assert format_date("2019-03-08") == "08/03/2019"
    assert format_date(date(2026, 1, 2)) == "02/01/2026"
    # 23:30 UTC on 08/07 is already 09/07 in Vietnam.
    assert format_date(datetime(2026, 7, 8, 23, 30, tzinfo=UTC)) == "09/07/2026"
    assert format_date("2026-07-08T23:30:00+00:00") == "09/07/2026"
    assert format_date(None) == MISSING_TEXT == "Đang cập nhật"


def test_fees_in_one_line():
    assert format_fee({"kind": "fixed", "amount": 40000, "note": None}) == "40.000 đ"
    assert format_fee({"kind": "none"}) == "Không thu phí"
    assert format_fee({"kind": "unconfirmed", "note": "x"}) == "Đang cập nhật"
    assert format_fee(None) == "Đang cập nhật"
    per_tonne = {"kind": "per_unit", "base": 150000, "per_unit": 15000, "unit": "tấn", "cap": 700000}
    assert format_fee(per_tonne) == "150.000 đ + 15.000 đ/tấn, tối đa 700.000 đ"
    assert format_fee({**per_tonne, "cap": None}) == "150.000 đ + 15.000 đ/tấn"


def test_time_limits_with_and_without_their_starting_point():
    limit = {"value": 5, "unit": "working_days", "from": "receipt"}
    assert format_time_limit(limit) == "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert format_time_limit(limit, with_start=False) == "5 ngày làm việc"
    assert format_time_limit({"value": 45, "unit": "calendar_days", "from": "inspection"}) == (
        "45 ngày kể từ ngày kết thúc kiểm tra thực tế"
    )
    assert format_time_limit(None) == "Đang cập nhật"


def test_a_doubted_figure_says_so_once():
    assert UNCONFIRMED_TEXT == "đang cập nhật"
    assert mark_unconfirmed("40.000 đ") == "40.000 đ (đang cập nhật)"
    assert mark_unconfirmed("40.000 đ", unconfirmed=False) == "40.000 đ"
    assert mark_unconfirmed(MISSING_TEXT) == "Đang cập nhật"
