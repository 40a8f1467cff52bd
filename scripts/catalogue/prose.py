"""Figures in prose. A summary, step, condition or help text never restates a fee or a time limit
the structured fields hold: it writes a placeholder, and the compiler fills in the structured
figure, marked "(đang cập nhật)" when that figure is unconfirmed. So the sentence and the badge
beside the structured value can never disagree.

    {{ le_phi }}           the fee of the main channel (online, else counter, else post), all cases
    {{ le_phi.counter }}   the fee of one channel (online, counter, post)
    {{ thoi_han }}         the time limit of the main channel, all cases; {{ thoi_han.post }} ...
    {{ han_kiem_tra }}     the completeness check of a dossier sent online or by post (a legal
                           constant: portal.domain.lifecycle.COMPLETENESS_CHECK_WORKING_DAYS)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from portal.domain.figures import format_fee, format_time_limit, mark_unconfirmed
from portal.domain.lifecycle import COMPLETENESS_CHECK_WORKING_DAYS
from portal.domain.vocabulary import TIME_FROM_LABELS, lower_first
from scripts.catalogue.report import Path_

CHANNEL_ORDER = ("online", "counter", "post")
FEE, TIME_LIMIT, CHECK = "le_phi", "thoi_han", "han_kiem_tra"
FIGURE_OF = {FEE: "fee", TIME_LIMIT: "time_limit"}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
KNOWN = "{{ le_phi }}, {{ thoi_han }}, {{ han_kiem_tra }}, {{ le_phi.<cách nộp> }}, {{ thoi_han.<cách nộp> }}"

# "40.000 đ", "40000 đồng", "5.700.000 VNĐ"; and "5 ngày làm việc", "45 ngày".
_MONEY = re.compile(r"(?<![0-9.])([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)\s*(?:đ|đồng|VNĐ|VND)(?![\w])", re.IGNORECASE)
_DAYS = re.compile(r"(?<![0-9.,])([0-9]+)\s+ngày(\s+làm\s+việc)?(?![\w])")


def prose_fields(data: dict) -> Iterator[tuple[Path_, str]]:
    """Every free text of a procedure a citizen reads, with its field path."""
    for key in ("summary", "conditions"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    for i, step in enumerate(data.get("steps") or []):
        if isinstance(step, str):
            yield ("steps", i), step
    for i, doc in enumerate(data.get("documents") or []):
        if isinstance(doc, dict) and isinstance(doc.get("required_when"), str):
            yield ("documents", i, "required_when"), doc["required_when"]
        problems = doc.get("problems") if isinstance(doc, dict) else None
        for k, problem in enumerate(problems if isinstance(problems, list) else []):
            if isinstance(problem, str):
                yield ("documents", i, "problems", k), problem
    for i, ground in enumerate(data.get("refusal_grounds") or []):
        if isinstance(ground, dict) and isinstance(ground.get("text"), str):
            yield ("refusal_grounds", i, "text"), ground["text"]
    form: dict = data["form"] if isinstance(data.get("form"), dict) else {}
    for i, field in enumerate(form.get("fields") or []):
        if isinstance(field, dict) and isinstance(field.get("help"), str):
            yield ("form", "fields", i, "help"), field["help"]


def line_in(text: str, offset: int) -> int:
    """Lines between the field's key and `offset`: a multi-line text is a `|` block starting on
    the line after its key."""
    return 1 + text[:offset].count("\n") if "\n" in text else 0


# --- checking -------------------------------------------------------------------------------


def check_prose(data: dict) -> list[tuple[Path_, int, str]]:
    """(field path, extra lines into the field, message) for every unknown placeholder and every
    fee amount or time limit repeated from the structured fields."""
    channels: dict = data["channels"] if isinstance(data.get("channels"), dict) else {}
    amounts, limits = _structured_figures(channels)
    problems: list[tuple[Path_, int, str]] = []
    for path, text in prose_fields(data):
        for match in PLACEHOLDER.finditer(text):
            message = _placeholder_problem(match.group(1), channels)
            if message:
                problems.append((path, line_in(text, match.start()), message))
        # Placeholders blanked out, same length and line breaks, so what is left keeps its lines.
        rest = PLACEHOLDER.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for stray in re.finditer(r"\{\{|\}\}", rest):
            problems.append((path, line_in(rest, stray.start()),
                             "dấu {{ hoặc }} lẻ: ô thay thế viết dạng {{ le_phi }}, mở và đóng bằng hai dấu ngoặc nhọn"))
        problems += [(path, line_in(rest, m.start()), _fee_repeated(m.group(0), amounts[_amount(m)]))
                     for m in _MONEY.finditer(rest) if _amount(m) in amounts]
        for m in _DAYS.finditer(rest):
            unit = "working_days" if m.group(2) else "calendar_days"
            where = limits.get((int(m.group(1)), unit))
            is_check = unit == "working_days" and int(m.group(1)) == COMPLETENESS_CHECK_WORKING_DAYS
            if where or is_check:
                problems.append((path, line_in(rest, m.start()), _time_repeated(m.group(0), where, is_check)))
    return problems


def _amount(match: re.Match) -> int:
    return int(match.group(1).replace(".", ""))


def _structured_figures(channels: dict) -> tuple[dict[int, str], dict[tuple[int, str], str]]:
    """Every fee amount (đồng) and every time limit (value, unit) the channels hold, each with
    the first field path that holds it."""
    amounts: dict[int, str] = {}
    limits: dict[tuple[int, str], str] = {}
    for name, channel in channels.items():
        if not isinstance(channel, dict):
            continue
        figures = [(f"channels.{name}", channel)] + [
            (f"channels.{name}.cases.{i}", case) for i, case in enumerate(channel.get("cases") or [])
            if isinstance(case, dict)
        ]
        for base, holder in figures:
            fee, limit = holder.get("fee"), holder.get("time_limit")
            if isinstance(fee, dict):
                for key in ("amount", "base", "per_unit", "cap"):
                    if isinstance(fee.get(key), int):
                        amounts.setdefault(fee[key], f"{base}.fee")
            if isinstance(limit, dict) and isinstance(limit.get("value"), int):
                limits.setdefault((limit["value"], str(limit.get("unit"))), f"{base}.time_limit")
    return amounts, limits


def _fee_repeated(written: str, where: str) -> str:
    return (f"'{written}' nhắc lại mức phí đã ghi ở {where}; viết {{{{ le_phi }}}} (hoặc "
            "{{ le_phi.<cách nộp> }}) để trang tự điền mức phí, kèm \"đang cập nhật\" khi mức phí chưa xác nhận")


def _time_repeated(written: str, where: str | None, is_check: bool) -> str:
    options = []
    if where:
        options.append(f"{{{{ thoi_han }}}} (thời hạn giải quyết, đã ghi ở {where})")
    if is_check:
        options.append(f"{{{{ han_kiem_tra }}}} (thời hạn kiểm tra hồ sơ đủ chưa, {COMPLETENESS_CHECK_WORKING_DAYS} "
                       "ngày làm việc theo quy định chung)")
    return f"'{written}' nhắc lại một thời hạn hệ thống đã biết; viết " + " hoặc ".join(options) + " để trang tự điền"


def _placeholder_problem(inner: str, channels: dict) -> str | None:
    name, _, channel = inner.partition(".")
    if name == CHECK and not channel:
        return None
    if name not in FIGURE_OF or "." in channel:
        return f"ô thay thế '{{{{ {inner} }}}}' không có; chỉ dùng: {KNOWN}"
    if channel and channel not in channels:
        offered = ", ".join(channels) or "(chưa có)"
        return f"thủ tục không có cách nộp '{channel}' nên không điền được '{{{{ {inner} }}}}'; các cách nộp: {offered}"
    if not channel and not channels:
        return f"thủ tục chưa có cách nộp (channels) nên không điền được '{{{{ {inner} }}}}'"
    return None


# --- filling ----------------------------------------------------------------------------------


def fill_prose(procedure: dict) -> None:
    """Replace every placeholder of the compiled `procedure`'s prose with its figure's text."""
    unconfirmed = [u["path"] for u in procedure.get("unconfirmed") or []]

    def fill(text: Any) -> Any:
        if not isinstance(text, str):
            return text
        return PLACEHOLDER.sub(lambda m: placeholder_text(procedure, m.group(1), unconfirmed), text)

    procedure["summary"] = fill(procedure["summary"])
    procedure["conditions"] = fill(procedure["conditions"])
    procedure["steps"] = [fill(step) for step in procedure["steps"]]
    for doc in procedure["documents"]:
        doc["required_when"] = fill(doc["required_when"])
        doc["problems"] = [fill(problem) for problem in doc["problems"]]
    for ground in procedure["refusal_grounds"]:
        ground["text"] = fill(ground["text"])
    for field in (procedure.get("form") or {}).get("fields") or []:
        field["help"] = fill(field["help"])


def placeholder_text(procedure: dict, inner: str, unconfirmed: list[str]) -> str:
    name, _, channel = inner.partition(".")
    if name == CHECK:
        return format_time_limit({"value": COMPLETENESS_CHECK_WORKING_DAYS, "unit": "working_days"}, with_start=False)
    channels = procedure["channels"]
    channel = channel or next(n for n in CHANNEL_ORDER if n in channels)
    return all_cases_text(procedure, channel, FIGURE_OF[name], unconfirmed)


def all_cases_text(procedure: dict, channel: str, what: str, unconfirmed: list[str]) -> str:
    """"40.000 đ", or by case "Cấp mới: 40.000 đ; cấp lại: 20.000 đ", each value marked
    "(đang cập nhật)" when the figure it comes from is unconfirmed."""
    base = f"channels.{channel}"
    data = procedure["channels"][channel]
    show: Callable[[dict], str] = format_fee if what == "fee" else format_time_limit

    def doubted(*paths: str) -> bool:
        return any(u == base or any(u == p or u.startswith(p + ".") for p in paths) for u in unconfirmed)

    overriding = [(i, c) for i, c in enumerate(data["cases"]) if c.get(what)]
    default = (None, data[what], doubted(f"{base}.{what}"))
    if not overriding:
        return mark_unconfirmed(show(data[what]), default[2])
    parts = [(default_label(procedure, [c for _, c in overriding]), data[what], default[2])] + [
        (case_label(procedure, case["when"]), case[what],
         doubted(f"{base}.cases.{i}.{what}", f"{base}.cases.{i}.when") or f"{base}.cases.{i}" in unconfirmed)
        for i, case in overriding
    ]
    starts = {value.get("from") for _, value, _ in parts} if what == "time_limit" else set()
    shared = TIME_FROM_LABELS.get(starts.pop()) if len(starts) == 1 else None
    texts = [
        f"{label if k == 0 else lower_first(label)}: "
        + lower_first(mark_unconfirmed(format_time_limit(value, with_start=False) if shared else show(value), flag))
        for k, (label, value, flag) in enumerate(parts)
    ]
    return "; ".join(texts) + (f" ({shared})" if shared else "")


def _options(procedure: dict, field_name: str) -> list[dict]:
    fields = (procedure.get("form") or {}).get("fields") or []
    return next((f.get("options") or [] for f in fields if f.get("name") == field_name), [])


def case_label(procedure: dict, when: dict) -> str:
    """A case named as the citizen chose it on the form: the option's label ("Cấp lại")."""
    return next((o["label"] for o in _options(procedure, when["field"]) if o["value"] == when["equals"]), when["equals"])


def default_label(procedure: dict, cases: list[dict]) -> str:
    """What a channel's default figure applies to: the options no case claims ("Cấp mới")."""
    fields = {c["when"]["field"] for c in cases}
    if len(fields) == 1:
        taken = {c["when"]["equals"] for c in cases}
        others = [o["label"] for o in _options(procedure, fields.pop()) if o["value"] not in taken]
        if others:
            return " hoặc ".join(others[:1] + [lower_first(o) for o in others[1:]])
    return "Trường hợp khác"

