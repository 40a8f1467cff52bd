"""Rules about one procedure file that a JSON Schema cannot express. Written defensively: the
file may also be schema-invalid, and every rule still reports what it can."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from scripts.catalogue.report import Path_

SCHEMA_LINE = "# yaml-language-server: $schema={}"


def dicts(value: Any) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def vn_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def document_slots(data: Any) -> list[str]:
    documents = data.get("documents") if isinstance(data, dict) else None
    return [doc["slot"] for _, doc in dicts(documents) if isinstance(doc.get("slot"), str)]


def check_schema_line(text: str, schema_ref: str) -> str | None:
    """The first line tells the editor's YAML extension which schema to complete and check
    against; without it (or with a wrong relative path) the editor silently checks nothing."""
    expected = SCHEMA_LINE.format(schema_ref)
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip()
    if first == expected:
        return None
    return (f"dòng đầu tiên của tệp phải là: {expected} "
            "(để trình soạn thảo gợi ý tên trường và báo lỗi ngay khi gõ)")


def cross_check(data: dict, expected_id: str, id_hint: str) -> list[tuple[Path_, str]]:
    """`expected_id` is what the file's location says the id is; `id_hint` explains why."""
    problems: list[tuple[Path_, str]] = []
    if data.get("id") != expected_id:
        problems.append((("id",), f"id phải là {expected_id} {id_hint}"))

    problems += _date_rules(data)
    slots = _document_rules(data, problems)

    codes: dict[str, int] = {}
    for i, ground in dicts(data.get("refusal_grounds")):
        code = ground.get("code")
        if isinstance(code, str):
            if code in codes:
                problems.append((("refusal_grounds", i, "code"), f"mã lý do '{code}' trùng với refusal_grounds.{codes[code]}"))
            codes.setdefault(code, i)
        named = ground.get("documents")
        for k, slot in enumerate(named if isinstance(named, list) else []):
            if isinstance(slot, str) and slot not in slots:
                known = ", ".join(slots) or "(chưa có)"
                problems.append((("refusal_grounds", i, "documents", k),
                                 f"giấy tờ '{slot}' không có trong thành phần hồ sơ (documents); các mã hiện có: {known}"))

    form = data.get("form")
    names: dict[str, int] = {}
    for i, field in dicts(form.get("fields") if isinstance(form, dict) else None):
        name = field.get("name")
        if isinstance(name, str):
            if name in names:
                problems.append((("form", "fields", i, "name"), f"tên ô '{name}' trùng với form.fields.{names[name]}"))
            names.setdefault(name, i)
        values = [o.get("value") for _, o in dicts(field.get("options"))]
        for k, v in enumerate(values):
            if v in values[:k]:
                problems.append((("form", "fields", i, "options", k, "value"), f"lựa chọn '{v}' bị lặp lại"))
        low, high = field.get("min"), field.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            problems.append((("form", "fields", i, "max"), f"max ({high}) nhỏ hơn min ({low})"))

    problems += _service_level_rules(data, form)
    problems += _case_rules(data, form)
    return problems


def _date_rules(data: dict) -> list[tuple[Path_, str]]:
    value = data.get("effective_date")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and parse_date(value) is None:
        return [(("effective_date",), f"ngày {value} không có thật trên lịch")]
    return []


def later_legal_bases(data: dict, effective_dates: dict[str, str]) -> list[tuple[Path_, str]]:
    """Legal bases that take effect after the version they support begins to apply.

    Once the portal records a procedure's versions, a version applies the law in force on its
    effective date: a text that only takes effect later cannot be what that version rests on.
    Either a date is wrong, or the new text changed the procedure (its legal bases at least,
    which citizens read) and belongs to a new version. The oldest recorded version is exempt
    (see versions.check_versions): it stands for the procedure as first published plus the
    amendments made before the portal kept versions, which nobody can split afterwards.
    `effective_dates` maps each declared document's number to its effective date."""
    problems: list[tuple[Path_, str]] = []
    applies = parse_date(data.get("effective_date"))
    bases = data.get("legal_bases")
    for i, number in enumerate(bases if isinstance(bases, list) else []):
        starts = parse_date(effective_dates.get(number)) if isinstance(number, str) else None
        if applies and starts and starts > applies:
            problems.append((("legal_bases", i),
                             f"văn bản {number} có hiệu lực từ {vn_date(starts)}, sau ngày áp dụng "
                             f"{vn_date(applies)} của phiên bản này; một phiên bản không thể dựa trên văn bản "
                             "chưa có hiệu lực: kiểm tra lại hai ngày, hoặc tạo phiên bản mới của thủ tục"))
    return problems


def _document_rules(data: dict, problems: list) -> dict[str, int]:
    slots: dict[str, int] = {}
    for i, doc in dicts(data.get("documents")):
        slot = doc.get("slot")
        if isinstance(slot, str):
            if slot in slots:
                problems.append((("documents", i, "slot"), f"mã giấy tờ '{slot}' trùng với documents.{slots[slot]}"))
            slots.setdefault(slot, i)
        required = doc.get("required", True)
        if required and doc.get("required_when"):
            problems.append((("documents", i, "required_when"), "chỉ ghi required_when khi required: false"))
        if required is False and not doc.get("required_when"):
            problems.append((("documents", i, "required"), "giấy tờ không bắt buộc phải ghi rõ khi nào cần nộp (required_when)"))
    return slots


def _service_level_rules(data: dict, form: Any) -> list[tuple[Path_, str]]:
    problems: list[tuple[Path_, str]] = []
    channels: dict = data["channels"] if isinstance(data.get("channels"), dict) else {}
    level = data.get("service_level")
    if level == "thong-tin":
        if "online" in channels:
            problems.append((("channels", "online"), "thủ tục chỉ cung cấp thông tin (thong-tin) không được nộp trực tuyến"))
        cases = any(isinstance(c, dict) and c.get("cases") for c in channels.values())
        if form is not None and not cases:
            # A counter-only procedure keeps a form only to choose its case (cap-moi/cap-lai):
            # the desk records it at intake, and the due date depends on it.
            problems.append((("form",), "thủ tục chỉ cung cấp thông tin (thong-tin) không có biểu mẫu trực tuyến: "
                                        "ghi form: null (chỉ ghi biểu mẫu khi cần ô chọn trường hợp cho cases)"))
    elif level in ("toan-trinh", "mot-phan"):
        if "online" not in channels:
            problems.append((("channels",), "thủ tục nộp trực tuyến (toan-trinh, mot-phan) phải có cách nộp online"))
        if form is None and "form" in data:
            problems.append((("form",), "thủ tục nộp trực tuyến (toan-trinh, mot-phan) phải có biểu mẫu (form)"))
    return problems


def _case_rules(data: dict, form: Any) -> list[tuple[Path_, str]]:
    """A channel's `cases` pick a time limit or fee by the answer to a choice field of the form:
    the field must exist, be a choice, and the value must be one of its options, or the case
    could never match and the citizen would silently get the default figure."""
    problems: list[tuple[Path_, str]] = []
    fields = {f.get("name"): f for _, f in dicts(form.get("fields") if isinstance(form, dict) else None)}
    channels: dict = data["channels"] if isinstance(data.get("channels"), dict) else {}
    for name, channel in channels.items():
        if not isinstance(channel, dict):
            continue
        seen: dict[tuple, int] = {}
        for i, case in dicts(channel.get("cases")):
            path = ("channels", name, "cases", i)
            if "time_limit" not in case and "fee" not in case:
                problems.append((path, "trường hợp phải ghi ít nhất một trong hai: time_limit hoặc fee"))
            when = case.get("when")
            if not isinstance(when, dict):
                continue
            field_name, value = when.get("field"), when.get("equals")
            if not isinstance(field_name, str) or not isinstance(value, str):
                continue
            if (field_name, value) in seen:
                problems.append((path + ("when",), f"trường hợp {field_name} = {value} trùng với "
                                                   f"channels.{name}.cases.{seen[(field_name, value)]}"))
            seen.setdefault((field_name, value), i)
            field = fields.get(field_name)
            if field is None:
                known = ", ".join(str(n) for n, f in fields.items() if f.get("type") == "choice") or "(chưa có)"
                problems.append((path + ("when", "field"),
                                 f"biểu mẫu (form.fields) không có ô '{field_name}'; các ô chọn hiện có: {known}"))
            elif field.get("type") != "choice":
                problems.append((path + ("when", "field"),
                                 f"ô '{field_name}' là loại {field.get('type')}, không phải ô chọn (choice): "
                                 "trường hợp chỉ xác định theo một lựa chọn trong danh sách"))
            else:
                options = [o.get("value") for _, o in dicts(field.get("options"))]
                if value not in options:
                    problems.append((path + ("when", "equals"),
                                     f"'{value}' không phải lựa chọn của ô '{field_name}'; các lựa chọn: "
                                     + ", ".join(str(o) for o in options)))
    return problems


def check_unconfirmed(procedure: dict) -> list[tuple[Path_, str]]:
    """Each unconfirmed path must name something the compiled procedure really has."""
    problems = []
    seen: set[str] = set()
    for i, entry in enumerate(procedure.get("unconfirmed", [])):
        path = entry["path"]
        if path in seen:
            problems.append((("unconfirmed", i, "path"), f"'{path}' đã được ghi ở trên"))
        seen.add(path)
        node: Any = procedure
        for part in path.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                problems.append((("unconfirmed", i, "path"), f"không tìm thấy '{path}' trong thủ tục (sai tên trường hoặc số thứ tự?)"))
                break
        else:
            if node is None and ".cases." in path:
                # A case's time_limit or fee compiles to null when the case does not write one.
                channel, _, figure = re.sub(r"\.cases\.[0-9]+", "", path).rpartition(".")
                problems.append((("unconfirmed", i, "path"),
                                 f"trường hợp này không ghi '{figure}' riêng (dùng mức chung); nếu mức chung "
                                 f"chưa được xác nhận, hãy ghi đường dẫn {channel}.{figure}"))
    return problems
