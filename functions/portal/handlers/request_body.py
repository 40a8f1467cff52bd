"""Reading a request body, strictly, before any field of it is validated.

Only `application/json` is read (a form or text/plain body is refused with 415: besides being
the wrong format, those are the types a page on another site can send without a CORS
preflight). The bytes must be UTF-8 and at most MAX_BODY_BYTES; the JSON may not hold NaN or
Infinity, a number beyond what a double holds exactly, a name twice in one object, or nesting
deeper than MAX_DEPTH. Each of these is refused in the API's error shape, never a 500, and
nothing else in the API ever sees such a value.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re

from portal.domain.errors import FieldError, PayloadTooLarge, UnsupportedMediaType, ValidationFailed

# The largest dossier the catalogue allows (every text at its length bound, in Vietnamese) is
# far smaller; this bounds the work a request can cause (tests/unit check the margin).
MAX_BODY_BYTES = 256 * 1024
# The deepest body is an address inside the answers: {"answers": {"x": {"street": ...}}}.
MAX_DEPTH = 8
# Integers a JSON reader anywhere reads exactly (I-JSON, RFC 7493): ±(2^53 − 1).
MAX_SAFE_INTEGER = 2**53 - 1
JSON_MEDIA_TYPE = "application/json"
_SURROGATE = re.compile("[\ud800-\udfff]")

NOT_JSON = "Nội dung gửi lên không phải là JSON hợp lệ."
NOT_UTF8 = "Nội dung gửi lên phải được mã hóa UTF-8."
NOT_FINITE = "Nội dung gửi lên có giá trị NaN hoặc Infinity, không phải là một số."
NUMBER_TOO_LARGE = "Nội dung gửi lên có số quá lớn."
DUPLICATE_NAME = "Nội dung gửi lên có trường bị lặp lại: {name}."
TOO_DEEP = "Nội dung gửi lên lồng nhau quá sâu."
TOO_LARGE = f"Nội dung gửi lên quá lớn (tối đa {MAX_BODY_BYTES // 1024} KB)."


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(fields=[FieldError("", message)])


class _Refused(ValueError):
    pass


def _constant(name: str):
    raise _Refused(NOT_FINITE)


def _integer(text: str) -> int:
    # Checked on the digits, before int() would spend time on (or refuse) a huge number.
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:
        raise _Refused(NUMBER_TOO_LARGE)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(NUMBER_TOO_LARGE)
    return value


def _object(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for name, value in pairs:
        if name in result:
            raise _Refused(DUPLICATE_NAME.format(name=name[:100]))
        result[name] = value
    return result


def _inspect(value) -> int:
    """How deep the value nests. Refuses a string holding half of a UTF-16 surrogate pair
    (a JSON escape such as \\ud800 alone): no store or encoder downstream can write one."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise _refused(NOT_UTF8)
    return deepest


def media_type(headers: dict) -> str:
    value = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "") or ""
    return value.split(";", 1)[0].strip().lower()


def _charset(headers: dict) -> str | None:
    value = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "") or ""
    for parameter in value.split(";")[1:]:
        name, _, charset = parameter.partition("=")
        if name.strip().lower() == "charset":
            return charset.strip().strip('"').lower()
    return None


def read_json_body(event) -> object | None:
    """The body of an API Gateway proxy event (a Powertools event object), parsed strictly;
    None when there is none. Raises UnsupportedMediaType, PayloadTooLarge or ValidationFailed."""
    body = event.body
    if body is None or body == "":
        return None
    if media_type(event.headers) != JSON_MEDIA_TYPE or _charset(event.headers) not in {None, "utf-8"}:
        raise UnsupportedMediaType()
    if len(body) > 2 * MAX_BODY_BYTES:  # cheap bound before any decoding
        raise PayloadTooLarge(TOO_LARGE)
    if event.is_base64_encoded:
        try:
            raw = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise _refused(NOT_JSON) from None
    else:
        raw = body.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge(TOO_LARGE)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _refused(NOT_UTF8) from None
    try:
        value = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_float,
                           object_pairs_hook=_object)
    except _Refused as refused:
        raise _refused(str(refused)) from None
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise _refused(NOT_JSON) from None
    if _inspect(value) > MAX_DEPTH:
        raise _refused(TOO_DEEP)
    return value
