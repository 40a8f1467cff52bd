"""jsonschema's errors, turned into located messages a content editor can act on."""
from __future__ import annotations

import difflib

from scripts.catalogue.report import Path_, line_for

TYPE_NAMES_VI = {
    "string": "chữ (chuỗi ký tự)",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách (mỗi mục một dòng bắt đầu bằng dấu -)",
    "object": "nhóm trường (dạng tên: giá trị)",
    "null": "null (để trống)",
}


# What an editor needs to choose a refusal ground's kind, said where one is missing or wrong.
GROUND_KIND_HINT = (
    "competence (không thuộc thẩm quyền, phạm vi của cơ quan), eligibility (người nộp, tàu cá, cơ sở "
    "không thuộc đối tượng), conditions (không đáp ứng điều kiện), falsified (giấy tờ giả mạo, khai man); "
    "giấy tờ thiếu hoặc sai mẫu không phải lý do từ chối: ghi vào problems của giấy tờ đó"
)


def _is_ground(path: Path_) -> bool:
    return len(path) == 2 and path[0] == "refusal_grounds"


def schema_messages(error, lines: dict[Path_, int]) -> list[tuple[int, Path_, str]]:
    """Turn one jsonschema error into located, plain-Vietnamese messages."""
    path: Path_ = tuple(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for key in sorted(k for k in instance if k not in allowed):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; có phải ý bạn là '{hint[0]}'?" if hint else f"; các trường được phép: {', '.join(allowed)}"
            out.append((line_for(lines, path + (key,)), path + (key,), f"trường '{key}' không có trong mẫu khai báo{suggestion}"))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        if missing == "kind" and _is_ground(path):
            return [(line_for(lines, path), path + (missing,), f"thiếu loại lý do (kind): ghi một trong {GROUND_KIND_HINT}")]
        return [(line_for(lines, path), path + (missing,), "thiếu trường bắt buộc")]

    line = line_for(lines, path)
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = " hoặc ".join(TYPE_NAMES_VI.get(str(t), str(t)) for t in wanted)
        message = f"phải là {names}, không phải {instance!r}"
        if "string" in wanted and isinstance(instance, (int, float)) and not isinstance(instance, bool):
            # An unquoted 1.004344 or 000.00 is read as a number and loses its zeros.
            message += "; hãy đặt giá trị trong dấu ngoặc kép, ví dụ \"1.004344\""
    elif kind == "enum" and path[-1:] == ("kind",) and _is_ground(path[:-1]):
        message = f"loại lý do {instance!r} không hợp lệ; chỉ được dùng: {GROUND_KIND_HINT}"
    elif kind == "enum":
        message = f"giá trị {instance!r} không hợp lệ; chỉ được dùng: {', '.join(map(str, value))}"
    elif kind == "const":
        message = f"giá trị phải là {value!r}"
    elif kind == "pattern":
        message = f"giá trị {instance!r} không đúng định dạng" + (f". {description}" if description else "")
    elif kind == "minimum":
        message = f"phải lớn hơn hoặc bằng {value}"
    elif kind == "maximum":
        message = f"phải nhỏ hơn hoặc bằng {value}"
    elif kind == "minLength":
        message = f"quá ngắn: cần ít nhất {value} ký tự"
    elif kind == "maxLength":
        message = f"quá dài: tối đa {value} ký tự"
    elif kind in ("minItems", "minProperties"):
        message = f"cần ít nhất {value} mục"
    elif kind == "uniqueItems":
        message = "có mục bị lặp lại"
    elif kind == "not":
        message = f"trường '{path[-1]}' không dùng được với loại đã chọn (kind/type) ở đây"
    elif kind in ("oneOf", "anyOf"):
        message = f"giá trị {instance!r} không hợp lệ" + (f". {description}" if description else "")
    else:
        message = f"giá trị không hợp lệ ({kind})"
    return [(line, path, message)]
