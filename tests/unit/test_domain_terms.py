"""A dossier's time limit and fee (portal.domain.terms): which figures the desk may rely on,
and what it promises or asks for when the catalogue doubts one (docs/domain.md, "Figures the
catalogue does not confirm")."""
import pytest

from portal.domain.errors import ValidationFailed
from portal.domain.terms import DossierTerms, fee_for, time_limit_for
from tests.unit.procedures import answers, aquaculture, catch_certificate, field_paths, reissue_quicker, unconfirm

NEW, REISSUE = answers(loai_giay="cap-moi"), answers(loai_giay="cap-lai")


def terms(procedure, channel="online", given=None):
    return DossierTerms.of(procedure, channel, given)


def flags(found: DossierTerms) -> tuple[bool, bool]:
    return found.time_limit_confirmed, found.fee_confirmed


# --- which figures are confirmed ----------------------------------------------------------------


@pytest.mark.parametrize(("procedure", "channel", "expected"), [
    (aquaculture(), "online", (True, True)),  # 5 working days, no fee
    (catch_certificate(), "online", (True, True)),  # per-unit fee
    (catch_certificate(), "post", (True, True)),  # calendar days, fixed fee
    (catch_certificate(), "counter", (False, False)),  # no time limit, fee of kind "unconfirmed"
    (aquaculture(), "post", (False, False)),  # a channel the procedure lacks states nothing
], ids=["none", "per-unit", "fixed", "missing", "no-channel"])
def test_figures_stated_in_the_catalogue_are_confirmed_and_missing_ones_are_not(procedure, channel, expected):
    assert flags(terms(procedure, channel)) == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("channels.online.time_limit", (False, True)),
    ("channels.online.time_limit.value", (False, True)),
    ("channels.online.fee", (True, False)),
    ("channels.online.fee.amount", (True, False)),
    ("channels.counter.time_limit", (True, True)),  # another channel's
    ("channels.online.time_limit.from", (True, True)),  # not the figure counted
    ("national_code", (True, True)),
])
def test_the_unconfirmed_list_doubts_the_figure_it_names(path, expected):
    procedure = unconfirm(reissue_quicker(), path)
    assert flags(terms(procedure, "online", NEW)) == expected


@pytest.mark.parametrize(("path", "reissue", "new"), [
    ("channels.online.cases.0", (False, False), (True, True)),  # the whole case
    ("channels.online.cases.0.when", (False, False), (True, True)),  # which dossiers it applies to
    ("channels.online.cases.0.time_limit", (False, True), (True, True)),
    ("channels.online.cases.0.time_limit.value", (False, True), (True, True)),
    ("channels.online.cases.0.fee.amount", (True, False), (True, True)),
    ("channels.online.time_limit", (True, True), (False, True)),  # the default, which the case replaces
])
def test_a_doubted_case_concerns_only_the_dossiers_it_applies_to(path, reissue, new):
    procedure = unconfirm(reissue_quicker(), path)
    assert flags(terms(procedure, "online", REISSUE)) == reissue
    assert flags(terms(procedure, "online", NEW)) == new


def test_a_case_changing_only_the_fee_keeps_the_default_time_limit_and_its_doubt():
    procedure = unconfirm(reissue_quicker(), "channels.online.time_limit")
    del procedure["channels"]["online"]["cases"][0]["time_limit"]
    found = terms(procedure, "online", REISSUE)
    assert found.time_limit["value"] == 5 and found.fee["amount"] == 20000
    assert flags(found) == (False, True)
    assert found.case == {"field": "loai_giay", "equals": "cap-lai"}


def test_the_figures_read_with_their_doubt():
    doubted = terms(unconfirm(reissue_quicker(), "channels.online.fee"), "online", NEW)
    assert doubted.fee_text() == "40.000 đ (đang cập nhật)"
    assert doubted.time_limit_text() == "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    missing = terms(catch_certificate(), "counter")
    assert missing.time_limit_text() == "Đang cập nhật"
    assert missing.fee_text() == "Đang cập nhật"


# --- the time limit a receipt promises ----------------------------------------------------------

BY_HAND = {"value": 15, "unit": "calendar_days", "reason": " Khoản 2 Điều 5 Nghị định 26/2019/NĐ-CP "}


def test_a_confirmed_time_limit_is_the_catalogues():
    assert time_limit_for(terms(aquaculture()), None) == {"value": 5, "unit": "working_days"}
    assert time_limit_for(terms(reissue_quicker(), "online", REISSUE), None) == {"value": 3, "unit": "working_days"}


def test_a_confirmed_time_limit_without_a_unit_counts_working_days():
    procedure = aquaculture()
    del procedure["channels"]["online"]["time_limit"]["unit"]
    assert time_limit_for(terms(procedure), None) == {"value": 5, "unit": "working_days"}


def test_a_figure_typed_over_a_confirmed_time_limit_is_refused():
    with pytest.raises(ValidationFailed) as raised:
        time_limit_for(terms(aquaculture()), BY_HAND)
    assert field_paths(raised) == ["time_limit"]


@pytest.mark.parametrize(("procedure", "channel"), [
    (catch_certificate(), "counter"),
    (unconfirm(aquaculture(), "channels.online.time_limit"), "online"),
], ids=["missing", "doubted"])
def test_an_unconfirmed_time_limit_is_the_one_entered_from_the_legal_basis(procedure, channel):
    with pytest.raises(ValidationFailed) as raised:
        time_limit_for(terms(procedure, channel), None)
    assert field_paths(raised) == ["time_limit"]
    with pytest.raises(ValidationFailed) as raised:
        time_limit_for(terms(procedure, channel), {**BY_HAND, "reason": "  "})
    assert field_paths(raised) == ["time_limit.reason"]
    assert time_limit_for(terms(procedure, channel), BY_HAND) == {
        "value": 15, "unit": "calendar_days", "set_by_hand": True, "reason": "Khoản 2 Điều 5 Nghị định 26/2019/NĐ-CP",
    }


# --- the fee the desk asks for ------------------------------------------------------------------

PER_UNIT = catch_certificate()  # online: 150.000 đ + 15.000 đ/tấn, at most 700.000 đ


def per_unit(**fee):
    procedure = catch_certificate()
    procedure["channels"]["online"]["fee"].update(fee)
    return terms(procedure)


def test_a_fixed_fee_is_the_catalogues():
    assert fee_for(terms(catch_certificate(), "post"), None, None, None) == {"amount": 40000, "amount_text": "40.000 đ"}
    assert fee_for(terms(reissue_quicker(), "online", REISSUE), None, None, None)["amount"] == 20000


@pytest.mark.parametrize(("quantity", "amount"), [
    (0.5, 157500),
    (12.5, 337500),
    (36, 690000),  # just under the cap
    (36.6666, 699999),  # 699.999 đ
    (37, 700000),  # 705.000 đ, capped
    (1000, 700000),
])
def test_a_per_unit_fee_is_counted_from_the_quantity_up_to_the_cap(quantity, amount):
    assert fee_for(terms(PER_UNIT), quantity, None, None) == {
        "amount": amount, "amount_text": f"{amount:,} đ".replace(",", "."), "quantity": quantity, "unit": "tấn",
    }


@pytest.mark.parametrize(("quantity", "amount"), [
    (2.5, 150003),  # 150.002,5 đ rounds half up, not to the even 150.002
    (1.5, 150002),
    (2.4, 150002),
    (2.6, 150003),
])
def test_a_per_unit_fee_rounds_half_up_to_the_dong(quantity, amount):
    assert fee_for(per_unit(per_unit=1), quantity, None, None)["amount"] == amount


def test_a_per_unit_fee_without_a_cap():
    assert fee_for(per_unit(cap=None), 1000, None, None)["amount"] == 15_150_000


@pytest.mark.parametrize(("found", "quantity", "amount", "fields"), [
    (terms(PER_UNIT), None, None, ["quantity"]),
    (terms(PER_UNIT), None, 50000, ["amount", "quantity"]),
    (terms(PER_UNIT), 2, 50000, ["amount"]),
    (terms(catch_certificate(), "post"), 2, None, ["quantity"]),
    (terms(catch_certificate(), "post"), None, 40000, ["amount"]),  # even the same figure
    (terms(aquaculture()), None, None, ["amount"]),  # no fee to ask for
    (terms(aquaculture()), None, 10000, ["amount"]),
], ids=["per-unit-no-quantity", "per-unit-typed", "per-unit-typed-with-quantity", "fixed-quantity", "fixed-typed",
        "free", "free-typed"])
def test_a_confirmed_fee_takes_only_what_it_is_counted_from(found, quantity, amount, fields):
    with pytest.raises(ValidationFailed) as raised:
        fee_for(found, quantity, amount, "Thông tư 118/2018/TT-BTC")
    assert field_paths(raised) == fields


@pytest.mark.parametrize("found", [
    terms(catch_certificate(), "counter"),  # kind "unconfirmed"
    terms(unconfirm(catch_certificate(), "channels.post.fee.amount"), "post"),
    terms(unconfirm(aquaculture(), "channels.online.fee"), "online"),  # "no fee" itself doubted
    terms(unconfirm(reissue_quicker(), "channels.online.cases.0.when"), "online", REISSUE),
], ids=["unconfirmed-kind", "doubted-amount", "doubted-none", "doubted-case"])
def test_an_unconfirmed_fee_is_the_amount_entered_from_the_legal_basis(found):
    assert fee_for(found, None, 55000, " Thông tư 118/2018/TT-BTC ") == {
        "amount": 55000, "amount_text": "55.000 đ", "set_by_hand": True, "reason": "Thông tư 118/2018/TT-BTC",
    }


@pytest.mark.parametrize(("amount", "reason", "fields"), [
    (None, "Thông tư 118/2018/TT-BTC", ["amount"]),
    (55000, " ", ["reason"]),
    (55000, None, ["reason"]),
    (None, None, ["amount", "reason"]),
])
def test_an_unconfirmed_fee_needs_the_amount_and_its_basis(amount, reason, fields):
    with pytest.raises(ValidationFailed) as raised:
        fee_for(terms(catch_certificate(), "counter"), None, amount, reason)
    assert field_paths(raised) == fields
