"""Dossier codes, ids and access tokens; clock formatting; the error shape."""
import json
from datetime import UTC, date, datetime

import pytest

from portal.domain.clock import iso, parse_iso
from portal.domain.codes import (
    access_token_for,
    dossier_code,
    hash_token,
    is_dossier_code,
    new_dossier_id,
    normalise_code,
)
from portal.domain.errors import FieldError, IdempotencyKeyMissing, ValidationFailed


def test_dossier_code_format():
    assert dossier_code("000.00.15.H55", date(2026, 7, 8), 1) == "000.00.15.H55-260708-0001"
    assert dossier_code("000.00.15.H55", date(2026, 12, 31), 42) == "000.00.15.H55-261231-0042"
    # A busy day does not wrap around.
    assert dossier_code("000.00.15.H55", date(2026, 7, 8), 12345) == "000.00.15.H55-260708-12345"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("000.00.15.H55-260708-0001", True),
        ("000.00.15.H55-260708-12345", True),
        ("000.00.15.H55-260708-001", False),
        ("000.00.15.H55-2607080001", False),
        ("000.00.15.H55-260708-0001 ", False),
        ("", False),
    ],
)
def test_is_dossier_code(value, valid):
    assert is_dossier_code(value) is valid


def test_a_typed_code_is_normalised_before_lookup():
    assert normalise_code("  000.00.15.h55-260708-0001 ") == "000.00.15.H55-260708-0001"
    assert is_dossier_code(normalise_code(" 000.00.15.h55-260708-0001"))


def test_ids_and_tokens():
    first, second = new_dossier_id(), new_dossier_id()
    assert len(first) == 26 and first != second
    key = "7f3c1e52-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    token = access_token_for(key, first)
    # The same submission always gets the same link; another dossier or key, another one.
    assert token == access_token_for(key, first)
    assert len({token, access_token_for(key, second), access_token_for(key + "0", first)}) == 3
    assert len(token) >= 32 and key not in token
    assert hash_token(token) == hash_token(token)
    assert len(hash_token(token)) == 64 and hash_token(token) != token


def test_times_are_written_in_vietnam_time_with_the_offset():
    assert iso(datetime(2026, 7, 8, 8, 30, 15, 123456, tzinfo=UTC)) == "2026-07-08T15:30:15+07:00"
    assert parse_iso("2026-07-08T08:30:00Z") == parse_iso("2026-07-08T15:30:00+07:00")
    assert iso(parse_iso("2026-07-08T08:30:00Z")) == "2026-07-08T15:30:00+07:00"


def test_error_shape():
    error = ValidationFailed(fields=[FieldError("applicant.phone", "Số điện thoại không hợp lệ.")])
    assert error.status == 422
    body = error.to_dict()
    assert body == {
        "error": {
            "code": "VALIDATION_FAILED",
            "message": "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
            "fields": [{"path": "applicant.phone", "message": "Số điện thoại không hợp lệ."}],
        }
    }
    json.dumps(body)
    missing = IdempotencyKeyMissing()
    assert (missing.status, missing.to_dict()["error"]["code"]) == (400, "IDEMPOTENCY_KEY_MISSING")
