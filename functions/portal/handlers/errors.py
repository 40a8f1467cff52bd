"""Readable (Vietnamese) messages for the resolver's request validation errors.

Powertools reports a bad body as pydantic error types and field locations; a citizen needs to
read which field is wrong and why, in the same shape as every other error of the API. (A body
that is not JSON never gets this far: portal.handlers.request_body refuses it.)
"""
from __future__ import annotations

from typing import Any

from portal.domain.errors import FieldError

_LOCATIONS = {"body", "query", "path", "header", "cookie"}

_MESSAGES: dict[str, str] = {
    "missing": "Trường này là bắt buộc.",
    "string_type": "Giá trị phải là chuỗi ký tự.",
    "string_too_long": "Không được dài quá {max_length} ký tự.",
    "string_too_short": "Phải có ít nhất {min_length} ký tự.",
    "int_parsing": "Giá trị phải là số nguyên.",
    "int_type": "Giá trị phải là số nguyên.",
    "int_from_float": "Giá trị phải là số nguyên.",
    "float_parsing": "Giá trị phải là một số.",
    "float_type": "Giá trị phải là một số.",
    "bool_parsing": "Giá trị phải là đúng (true) hoặc sai (false).",
    "bool_type": "Giá trị phải là đúng (true) hoặc sai (false).",
    "literal_error": "Giá trị phải là một trong: {expected}.",
    "enum": "Giá trị phải là một trong: {expected}.",
    "greater_than": "Giá trị phải lớn hơn {gt}.",
    "greater_than_equal": "Giá trị phải từ {ge} trở lên.",
    "less_than": "Giá trị phải nhỏ hơn {lt}.",
    "less_than_equal": "Giá trị không được vượt quá {le}.",
    "dict_type": "Giá trị phải là một đối tượng.",
    "model_type": "Giá trị phải là một đối tượng.",
    "model_attributes_type": "Giá trị phải là một đối tượng.",
    "list_type": "Giá trị phải là một danh sách.",
    "too_long": "Danh sách có quá nhiều mục (tối đa {max_length}).",
    "too_short": "Danh sách phải có ít nhất {min_length} mục.",
    "extra_forbidden": "Trường này không được chấp nhận.",
}
FALLBACK_MESSAGE = "Giá trị không hợp lệ."


def field_path(loc: Any) -> str:
    """`("body", "applicant", "phone")` → `applicant.phone`; list positions stay as numbers."""
    parts = [str(part) for part in (loc or ())]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts)


def message_for(error: dict) -> str:
    template = _MESSAGES.get(error.get("type", ""), FALLBACK_MESSAGE)
    context = error.get("ctx") or {}
    try:
        return template.format(**{key: str(value) for key, value in context.items()})
    except (KeyError, IndexError):  # a message that needs a detail pydantic did not give
        return FALLBACK_MESSAGE


def field_errors(errors: list[dict]) -> list[FieldError]:
    return [FieldError(field_path(error.get("loc")), message_for(error)) for error in errors]
