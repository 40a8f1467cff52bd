"""Validate the procedure files and compile them into the catalogue the site and the API read.

    python -m scripts.build_catalogue            # validate, then write build/catalogue.json
                                                 # and functions/portal/catalogue.json
    python -m scripts.build_catalogue --check    # validate only

Every mistake is reported as `content/procedures/x.yaml:LINE: field.path: message`, with the
message in Vietnamese because content editors read it. The output is deterministic (procedures
sorted by id, keys sorted), so rebuilding unchanged content writes identical bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONTENT_DIR = ROOT / "content"
DEFAULT_OUTPUTS = (ROOT / "build" / "catalogue.json", ROOT / "functions" / "portal" / "catalogue.json")
SCHEMA_FILE = Path("schema") / "procedure.v1.schema.json"
SCHEMA_VERSION = 1

# Patterns the browser and the API both apply to typed form fields. Digits are spelled [0-9], not
# \d: Python's \d also matches full-width and other Unicode digits (which some phone keyboards
# type), and the same pattern must mean the same thing in the browser and in Python.
# A tax code may be written with a hyphen before the 3-digit branch suffix (0101234567-001), as it
# is printed on registration certificates, so both spellings are accepted.
FIELD_PATTERNS: dict[str, tuple[str, str]] = {
    "citizen_id": (r"^[0-9]{12}$", "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số."),
    "tax_code": (
        r"^[0-9]{10}(-?[0-9]{3})?$",
        "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số nếu có mã chi nhánh (ví dụ 0101234567-001).",
    ),
    "phone": (
        r"^(0|\+84)[0-9]{9,10}$",
        "Số điện thoại bắt đầu bằng 0 hoặc +84, tiếp theo là 9 hoặc 10 chữ số (ví dụ 0912345678).",
    ),
    "vessel_number": (
        r"^[A-Za-zĐđ]{2,4}-[0-9]{3,5}-[A-Z]{2}$",
        "Số đăng ký tàu cá viết như trên giấy chứng nhận, ví dụ QNg-90123-TS.",
    ),
    "date": (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "Vui lòng chọn một ngày hợp lệ."),
}
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 2000}
DEFAULT_ACCEPT = ["pdf", "jpg", "png"]
DEFAULT_MAX_SIZE_MB = 10

CALENDAR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "days_off": {"type": "array", "items": {"$ref": "#/$defs/day"}},
        "working_days": {"type": "array", "items": {"$ref": "#/$defs/day"}},
    },
    "$defs": {
        "day": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "name"],
            "properties": {
                "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                         "description": "Ngày dạng YYYY-MM-DD."},
                "name": {"type": "string", "minLength": 3},
                "source": {"type": "string"},
            },
        }
    },
}

TYPE_NAMES_VI = {
    "string": "chữ (chuỗi ký tự)",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách (mỗi mục một dòng bắt đầu bằng dấu -)",
    "object": "nhóm trường (dạng tên: giá trị)",
    "null": "null (để trống)",
}

Path_ = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one content file, located by line and by field path."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(cả tệp)'}: {self.message}"


class ContentErrors(Exception):
    """Raised by build() when any content file is wrong; `errors` lists every mistake found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


# --------------------------------------------------------------------------- YAML with lines


class _Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core scalars: `15:00` stays text (YAML 1.1 reads it as 900), dates stay text
    (the schema checks them), and yes/no/on/off are text rather than booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)


@dataclass
class LoadedFile:
    data: Any
    lines: dict[Path_, int]  # field path -> 1-based line where it is written
    errors: list[tuple[int, Path_, str]]


def load_yaml_with_lines(text: str) -> LoadedFile:
    """Parse YAML, recording the line of every key and list item; duplicate keys are mistakes."""
    lines: dict[Path_, int] = {(): 1}
    errors: list[tuple[int, Path_, str]] = []
    try:
        root = yaml.compose(text, Loader=_Yaml12Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        errors.append((line, (), f"tệp không đúng cú pháp YAML (kiểm tra thụt lề, dấu hai chấm, dấu ngoặc kép): {problem}"))
        return LoadedFile(None, lines, errors)
    if root is None:
        return LoadedFile(None, lines, errors)

    def construct(node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = construct(key_node, path)
                line = key_node.start_mark.line + 1
                if not isinstance(key, str):
                    errors.append((line, path, f"tên trường phải là chữ, không phải {key!r}"))
                    continue
                child = path + (key,)
                if key in result:
                    errors.append((line, child, f"trường '{key}' được ghi hai lần; chỉ giữ một"))
                lines[child] = line
                result[key] = construct(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item_node in enumerate(node.value):
                lines[path + (index,)] = item_node.start_mark.line + 1
                items.append(construct(item_node, path + (index,)))
            return items
        return _construct_scalar(node, path, errors)

    return LoadedFile(construct(root, ()), lines, errors)


def _construct_scalar(node: yaml.ScalarNode, path: Path_, errors: list) -> Any:
    value, tag = node.value, node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value.replace(".inf", "inf").replace(".nan", "nan").lower())
    if tag != "tag:yaml.org,2002:str":
        errors.append((node.start_mark.line + 1, path, f"không dùng được thẻ YAML {tag}"))
    return value


def _line_for(lines: dict[Path_, int], path: Path_) -> int:
    """Line of the deepest part of `path` that is written in the file."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


def dotted(path: Iterable[Any]) -> str:
    return ".".join(str(part) for part in path)


# --------------------------------------------------------------------------- schema messages


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
            out.append((_line_for(lines, path + (key,)), path + (key,), f"trường '{key}' không có trong mẫu khai báo{suggestion}"))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [(_line_for(lines, path), path + (missing,), "thiếu trường bắt buộc")]

    line = _line_for(lines, path)
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = " hoặc ".join(TYPE_NAMES_VI.get(t, t) for t in wanted)
        message = f"phải là {names}, không phải {instance!r}"
        if "string" in wanted and isinstance(instance, (int, float)) and not isinstance(instance, bool):
            # An unquoted 1.004344 or 000.00 is read as a number and loses its zeros.
            message += "; hãy đặt giá trị trong dấu ngoặc kép, ví dụ \"1.004344\""
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


# --------------------------------------------------------------------------- cross-checks


def _dicts(value: Any) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def cross_check(data: dict, stem: str) -> list[tuple[Path_, str]]:
    """Rules a JSON Schema cannot express. Written defensively: the file may also be schema-invalid."""
    problems: list[tuple[Path_, str]] = []
    if data.get("id") != stem:
        problems.append((("id",), f"id phải trùng với tên tệp: tệp {stem}.yaml cần có id: {stem}"))

    dates = [(("effective_date",), data.get("effective_date"))] + [
        (("legal_bases", i, "effective_date"), basis.get("effective_date")) for i, basis in _dicts(data.get("legal_bases"))
    ]
    for path, value in dates:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _parse_date(value) is None:
            problems.append((path, f"ngày {value} không có thật trên lịch"))

    slots: dict[str, int] = {}
    for i, doc in _dicts(data.get("documents")):
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

    codes: dict[str, int] = {}
    for i, ground in _dicts(data.get("refusal_grounds")):
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
    for i, field in _dicts(form.get("fields") if isinstance(form, dict) else None):
        name = field.get("name")
        if isinstance(name, str):
            if name in names:
                problems.append((("form", "fields", i, "name"), f"tên ô '{name}' trùng với form.fields.{names[name]}"))
            names.setdefault(name, i)
        values = [o.get("value") for _, o in _dicts(field.get("options"))]
        for k, v in enumerate(values):
            if v in values[:k]:
                problems.append((("form", "fields", i, "options", k, "value"), f"lựa chọn '{v}' bị lặp lại"))
        low, high = field.get("min"), field.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            problems.append((("form", "fields", i, "max"), f"max ({high}) nhỏ hơn min ({low})"))

    channels = data.get("channels") if isinstance(data.get("channels"), dict) else {}
    level = data.get("service_level")
    if level == "thong-tin":
        if "online" in channels:
            problems.append((("channels", "online"), "thủ tục chỉ cung cấp thông tin (thong-tin) không được nộp trực tuyến"))
        if form is not None:
            problems.append((("form",), "thủ tục chỉ cung cấp thông tin (thong-tin) không có biểu mẫu trực tuyến: ghi form: null"))
    elif level in ("toan-trinh", "mot-phan"):
        if "online" not in channels:
            problems.append((("channels",), "thủ tục nộp trực tuyến (toan-trinh, mot-phan) phải có cách nộp online"))
        if form is None and "form" in data:
            problems.append((("form",), "thủ tục nộp trực tuyến (toan-trinh, mot-phan) phải có biểu mẫu (form)"))
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
    return problems


# --------------------------------------------------------------------------- normalising


def normalise_fee(fee: dict) -> dict:
    kind = fee["kind"]
    if kind == "none":
        return {"kind": "none"}
    out: dict[str, Any] = {"kind": kind, "note": fee.get("note")}
    if kind == "fixed":
        out["amount"] = fee["amount"]
    elif kind == "per_unit":
        out.update(base=fee["base"], per_unit=fee["per_unit"], unit=fee["unit"], cap=fee.get("cap"))
    return out


def normalise_field(field: dict) -> dict:
    kind = field["type"]
    pattern, pattern_message = FIELD_PATTERNS.get(kind, (None, None))
    return {
        "name": field["name"],
        "label": field["label"],
        "type": kind,
        "required": field.get("required", True),
        "help": field.get("help"),
        "options": [{"value": o["value"], "label": o["label"]} for o in field["options"]] if kind == "choice" else None,
        "unit": field.get("unit"),
        "min": field.get("min"),
        "max": field.get("max"),
        "max_length": field.get("max_length", DEFAULT_MAX_LENGTH.get(kind)),
        "pattern": pattern,
        "pattern_message": pattern_message,
    }


def normalise_procedure(data: dict) -> dict:
    """The contract's <procedure>: every key present, defaults filled, patterns added."""
    agency = data["agency"]
    form = data.get("form")
    return {
        "id": data["id"],
        "national_code": data["national_code"],
        "version": data["version"],
        "effective_date": data["effective_date"],
        "title": data["title"],
        "group": data["group"],
        "service_level": data["service_level"],
        "applicant_types": list(data["applicant_types"]),
        "agency": {key: agency.get(key) for key in ("code", "name", "counter", "address", "phone")},
        "summary": data["summary"],
        "cutoff_time": data.get("cutoff_time"),
        "channels": {
            name: {"time_limit": dict(channel["time_limit"]), "fee": normalise_fee(channel["fee"])}
            for name, channel in data["channels"].items()
        },
        "steps": list(data["steps"]),
        "conditions": data.get("conditions"),
        "documents": [
            {
                "slot": doc["slot"],
                "name": doc["name"],
                "form": doc.get("form"),
                "originals": doc.get("originals", 1),
                "copies": doc.get("copies", 0),
                "required": doc.get("required", True),
                "required_when": doc.get("required_when"),
                "accept": list(doc.get("accept", DEFAULT_ACCEPT)),
                "max_size_mb": doc.get("max_size_mb", DEFAULT_MAX_SIZE_MB),
            }
            for doc in data["documents"]
        ],
        "legal_bases": [
            {"number": b["number"], "title": b["title"], "effective_date": b["effective_date"]}
            for b in data["legal_bases"]
        ],
        "refusal_grounds": [
            {"code": g["code"], "text": g["text"], "documents": list(g.get("documents", []))}
            for g in data["refusal_grounds"]
        ],
        "result": {"name": data["result"]["name"], "delivery": list(data["result"]["delivery"])},
        "form": {"fields": [normalise_field(f) for f in form["fields"]]} if form else None,
        "unconfirmed": [{"path": u["path"], "note": u["note"]} for u in data.get("unconfirmed", [])],
    }


# --------------------------------------------------------------------------- building


class _Reporter:
    def __init__(self, display: str, lines: dict[Path_, int]):
        self.display, self.lines, self.errors = display, lines, []

    def add(self, path: Path_, message: str, line: int | None = None) -> None:
        self.errors.append(ContentError(self.display, line or _line_for(self.lines, path), dotted(path), message))


def _display_name(path: Path, content_dir: Path) -> str:
    try:
        return path.resolve().relative_to(content_dir.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def _load(path: Path, content_dir: Path) -> tuple[Any, _Reporter]:
    loaded = load_yaml_with_lines(path.read_text(encoding="utf-8"))
    report = _Reporter(_display_name(path, content_dir), loaded.lines)
    for line, field_path, message in loaded.errors:
        report.add(field_path, message, line)
    if loaded.data is None and not loaded.errors:
        report.add((), "tệp trống")
    elif loaded.data is not None and not isinstance(loaded.data, dict):
        report.add((), "tệp phải là một nhóm trường (dạng tên: giá trị)")
    return loaded.data, report


def _validate_against(validator: Draft202012Validator, data: Any, report: _Reporter) -> bool:
    before = len(report.errors)
    for error in validator.iter_errors(data):
        for line, path, message in schema_messages(error, report.lines):
            report.add(path, message, line)
    return len(report.errors) == before


def build_procedures(content_dir: Path, errors: list[ContentError]) -> list[dict]:
    schema = json.loads((content_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    compiled: list[dict] = []
    owners: dict[tuple[str, str], str] = {}  # ("id"|"national_code", value) -> file that has it
    for path in sorted((content_dir / "procedures").glob("*.yaml")):
        data, report = _load(path, content_dir)
        if isinstance(data, dict):
            schema_ok = _validate_against(validator, data, report)
            for field_path, message in cross_check(data, path.stem):
                report.add(field_path, message)
            for key in ("id", "national_code"):
                value = data.get(key)
                if isinstance(value, str):
                    if (key, value) in owners:
                        report.add((key,), f"{key} '{value}' đã được dùng trong {owners[(key, value)]}")
                    owners.setdefault((key, value), report.display)
            if schema_ok and not report.errors:
                procedure = normalise_procedure(data)
                for field_path, message in check_unconfirmed(procedure):
                    report.add(field_path, message)
                if not report.errors:
                    compiled.append(procedure)
        errors.extend(report.errors)
    if not errors and not compiled:
        errors.append(ContentError(_display_name(content_dir / "procedures", content_dir), 1, "", "không có tệp thủ tục nào (*.yaml)"))
    return sorted(compiled, key=lambda p: p["id"])


def build_calendar(content_dir: Path, errors: list[ContentError]) -> dict:
    validator = Draft202012Validator(CALENDAR_SCHEMA)
    merged: dict[str, dict[str, str]] = {"days_off": {}, "working_days": {}}
    for path in sorted((content_dir / "calendar").glob("*.yaml")):
        data, report = _load(path, content_dir)
        if not re.fullmatch(r"\d{4}", path.stem):
            report.add((), "tên tệp lịch phải là năm, ví dụ 2026.yaml")
        if isinstance(data, dict) and _validate_against(validator, data, report):
            for kind in ("days_off", "working_days"):
                for i, entry in enumerate(data.get(kind) or []):
                    where = (kind, i, "date")
                    day = _parse_date(entry["date"])
                    if day is None:
                        report.add(where, f"ngày {entry['date']} không có thật trên lịch")
                    elif str(day.year) != path.stem:
                        report.add(where, f"ngày {day:%d/%m/%Y} không thuộc năm {path.stem} của tệp này")
                    elif kind == "working_days" and day.weekday() < 5:
                        report.add(where, f"ngày làm bù {day:%d/%m/%Y} phải là thứ Bảy hoặc Chủ nhật")
                    elif entry["date"] in merged["days_off"] or entry["date"] in merged["working_days"]:
                        report.add(where, f"ngày {day:%d/%m/%Y} đã được ghi ở trên")
                    else:
                        merged[kind][entry["date"]] = entry["name"]
        errors.extend(report.errors)
    return {
        "source": "content/calendar",
        **{kind: [{"date": d, "name": n} for d, n in sorted(days.items())] for kind, days in merged.items()},
    }


def build(content_dir: Path) -> dict:
    """Validate everything under `content_dir` and return the compiled catalogue.

    Raises ContentErrors listing every mistake found (in all files) when anything is wrong."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    procedures = build_procedures(content_dir, errors)
    calendar = build_calendar(content_dir, errors)
    if errors:
        raise ContentErrors(errors)
    return {"schema_version": SCHEMA_VERSION, "calendar": calendar, "procedures": procedures}


def dumps(catalogue: dict) -> str:
    """The one serialisation of the catalogue, byte-for-byte stable."""
    return json.dumps(catalogue, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write(catalogue: dict, outputs: Iterable[Path]) -> list[Path]:
    """Write the catalogue where asked; files already identical are left untouched (mtime kept)."""
    text = dumps(catalogue).encode("utf-8")
    written = []
    for out in outputs:
        out = Path(out)
        if out.exists() and out.read_bytes() == text:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text)
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra và biên dịch danh mục thủ tục.")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT_DIR, help="thư mục content/")
    parser.add_argument("--output", type=Path, action="append",
                        help="tệp catalogue.json cần ghi (mặc định build/ và functions/portal/)")
    args = parser.parse_args(argv)
    try:
        catalogue = build(args.content)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"Có {len(exc.errors)} lỗi trong nội dung; chưa ghi danh mục.", file=sys.stderr)
        return 1
    count = len(catalogue["procedures"])
    if args.check:
        print(f"Nội dung hợp lệ: {count} thủ tục.")
        return 0
    outputs = args.output or list(DEFAULT_OUTPUTS)
    write(catalogue, outputs)
    print(f"Đã biên dịch {count} thủ tục vào {', '.join(str(p) for p in outputs)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
