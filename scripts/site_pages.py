"""The generated pages of the site, as pure functions of the compiled catalogue.

`generated_files(catalogue)` returns `{src_uri: text}`: the catalogue page and its compact search
index, per procedure a guide page, a printable guidance sheet, a blank page for each form it uses
and (when it is submitted online) the online form, plus a read-only page per archived version.
The mkdocs hook (site/hooks/generated_pages.py) hands them to mkdocs as virtual files, so nothing
generated is written into the tracked tree and the page text does not depend on the site
generator. Every function here is linear in the catalogue: no page looks at all the others.
"""
from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from datetime import date, timedelta

GROUP_LABELS = {
    "khai-thac": "Khai thác thủy sản",
    "tau-ca": "Tàu cá",
    "nuoi-trong": "Nuôi trồng thủy sản",
    "nguon-loi": "Bảo vệ và phát triển nguồn lợi thủy sản",
    "chung-nhan": "Chứng nhận, xác nhận",
}
LEVEL_LABELS = {
    "toan-trinh": "Trực tuyến toàn trình",
    "mot-phan": "Trực tuyến một phần",
    "thong-tin": "Cung cấp thông tin",
}
LEVEL_HELP = {
    "toan-trinh": "Nộp hồ sơ, nhận kết quả hoàn toàn trên mạng hoặc qua bưu điện.",
    "mot-phan": "Nộp hồ sơ trên mạng; có bước phải làm trực tiếp.",
    "thong-tin": "Xem hướng dẫn, tải mẫu đơn và nộp trực tiếp hoặc qua bưu điện.",
}
APPLICANT_LABELS = {"ca-nhan": "Cá nhân", "to-chuc": "Tổ chức"}
CHANNEL_LABELS = {
    "online": "Nộp trực tuyến",
    "counter": "Nộp trực tiếp",
    "post": "Gửi qua bưu điện",
}
DELIVERY_LABELS = {
    "online": "nhận bản điện tử trên cổng",
    "counter": "nhận trực tiếp tại nơi nộp hồ sơ",
    "post": "nhận qua bưu điện",
}
TIME_UNIT_LABELS = {"working_days": "ngày làm việc", "calendar_days": "ngày"}
TIME_FROM_LABELS = {
    "receipt": "kể từ ngày nhận đủ hồ sơ hợp lệ",
    "complete_dossier": "kể từ ngày nhận đủ hồ sơ theo quy định",
    "inspection": "kể từ ngày kết thúc kiểm tra thực tế",
}
CHANNEL_ORDER = ("online", "counter", "post")
UNCONFIRMED_TEXT = "đang cập nhật"
UPDATING_TEXT = "Đang cập nhật"


# --- formatting ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """What a phone keyboard without Vietnamese input types: `Đăng ký tàu cá` → `dang ky tau ca`.
    NFD splits the accents off every letter but đ, which has its own code point; the catalogue
    page (catalogue.js) folds queries the same way."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def format_money(amount: int) -> str:
    """`40000` → `40.000 đ`."""
    return f"{int(amount):,} đ".replace(",", ".")


def format_date(iso_day: str | None) -> str:
    """`2019-03-08` → `08/03/2019`; a missing date reads "Đang cập nhật"."""
    if not iso_day:
        return UPDATING_TEXT
    return date.fromisoformat(iso_day).strftime("%d/%m/%Y")


def last_day_before(iso_day: str | None) -> str:
    """A version applies up to the day before its successor's effective date: `superseded_on`
    2024-05-20 reads "19/05/2024"."""
    if not iso_day:
        return UPDATING_TEXT
    return (date.fromisoformat(iso_day) - timedelta(days=1)).strftime("%d/%m/%Y")


def format_fee(fee: dict | None) -> str:
    """One line a citizen understands: `40.000 đ`, `Không thu phí`, `Đang cập nhật`, or the
    per-unit rule."""
    kind = (fee or {}).get("kind")
    if kind == "none":
        return "Không thu phí"
    if kind == "fixed":
        return format_money(fee["amount"])
    if kind == "per_unit":
        text = f"{format_money(fee['base'])} + {format_money(fee['per_unit'])}/{fee['unit']}"
        if fee.get("cap") is not None:
            text += f", tối đa {format_money(fee['cap'])}"
        return text
    return UPDATING_TEXT


def format_time_limit(time_limit: dict | None) -> str:
    """`5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`."""
    if not time_limit or time_limit.get("value") is None:
        return UPDATING_TEXT
    unit = TIME_UNIT_LABELS.get(time_limit.get("unit"), "ngày")
    text = f"{time_limit['value']} {unit}"
    start = TIME_FROM_LABELS.get(time_limit.get("from"))
    return f"{text} {start}" if start else text


def short_time_limit(time_limit: dict | None) -> str:
    """`3 ngày làm việc`, without the starting point."""
    if not time_limit or time_limit.get("value") is None:
        return UPDATING_TEXT
    return f"{time_limit['value']} {TIME_UNIT_LABELS.get(time_limit.get('unit'), 'ngày')}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _choice_field(procedure: dict, name: str) -> dict:
    fields = (procedure.get("form") or {}).get("fields") or []
    return next((f for f in fields if f.get("name") == name), {})


def _case_label(procedure: dict, when: dict) -> str:
    """A case named as the citizen chose it on the form: the option's label (`Cấp lại`)."""
    options = _choice_field(procedure, when.get("field")).get("options") or []
    return next((o["label"] for o in options if o.get("value") == when.get("equals")), when.get("equals") or "")


def _default_label(procedure: dict, cases: list[dict]) -> str:
    """What the channel's default applies to: the options no case claims (`Cấp mới`)."""
    fields = {(c.get("when") or {}).get("field") for c in cases}
    if len(fields) == 1:
        taken = {(c.get("when") or {}).get("equals") for c in cases}
        options = _choice_field(procedure, fields.pop()).get("options") or []
        others = [o["label"] for o in options if o.get("value") not in taken]
        if others:
            return " hoặc ".join(others[:1] + [_lower_first(o) for o in others[1:]])
    return "Trường hợp khác"


def by_case(procedure: dict, name: str, what: str, marks: "_Unconfirmed") -> list[tuple[str | None, dict, list[str]]]:
    """The channel's `what` (time_limit or fee) as (label, value, unconfirmed paths): one part
    with no label when no case changes it, else the default first, then each case that does."""
    channel = (procedure.get("channels") or {}).get(name) or {}
    base = f"channels.{name}"
    default = channel.get(what) or {}
    overriding = [(i, c) for i, c in enumerate(channel.get("cases") or []) if c.get(what)]
    default_paths = marks.matches(f"{base}.{what}", deep=True)
    if not overriding:
        return [(None, default, default_paths)]
    parts = [(_default_label(procedure, [c for _, c in overriding]), default, default_paths)]
    for i, case in overriding:
        paths = (marks.matches(f"{base}.cases.{i}.{what}", deep=True) + marks.matches(f"{base}.cases.{i}", deep=False)
                 + marks.matches(f"{base}.cases.{i}.when", deep=True))
        parts.append((_case_label(procedure, case.get("when") or {}), case[what], paths))
    return parts


def _time_text(parts: list, badge=lambda paths: "") -> str:
    """`Cấp mới: 10 ngày làm việc; cấp lại: 3 ngày làm việc (kể từ ...)`; one part reads as before."""
    if parts[0][0] is None:
        return format_time_limit(parts[0][1]) + badge(parts[0][2])
    starts = {(value or {}).get("from") for _, value, _ in parts}
    shared = TIME_FROM_LABELS.get(starts.pop()) if len(starts) == 1 else None
    show = short_time_limit if shared else format_time_limit
    text = "; ".join(
        f"{label if k == 0 else _lower_first(label)}: {_lower_first(show(value))}{badge(paths)}"
        for k, (label, value, paths) in enumerate(parts)
    )
    return f"{text} ({shared})" if shared else text


def _fee_text(parts: list, badge=lambda paths: "") -> str:
    """`Cấp mới: 40.000 đ; cấp lại: 20.000 đ`; one part reads as before."""
    if parts[0][0] is None:
        return format_fee(parts[0][1]) + badge(parts[0][2])
    return "; ".join(
        f"{label if k == 0 else _lower_first(label)}: {_lower_first(format_fee(value))}{badge(paths)}"
        for k, (label, value, paths) in enumerate(parts)
    )


def escape_md(text: str) -> str:
    """Plain text (a title, a name) placed in Markdown: no accidental emphasis, links or HTML."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]{}#|])", r"\\\1", escaped)


def attr(text: str) -> str:
    return html.escape(str(text), quote=True)


def indent_md(text: str, spaces: int = 4) -> str:
    """Continuation lines of a Markdown block nested in a list item."""
    lines = (text or "").strip().splitlines()
    return "\n".join(lines[:1] + [(" " * spaces + line) if line.strip() else "" for line in lines[1:]])


# --- what a procedure offers ---------------------------------------------------------------


def is_online(procedure: dict) -> bool:
    """Can be submitted on this site: offered online and has a form to fill in."""
    return "online" in (procedure.get("channels") or {}) and bool(procedure.get("form"))


def main_channel(procedure: dict) -> dict:
    """The channel whose time and fee the catalogue card shows: online when offered."""
    channels = procedure.get("channels") or {}
    for name in CHANNEL_ORDER:
        if name in channels:
            return channels[name]
    return {}


def procedure_page_uri(procedure: dict) -> str:
    return f"thu-tuc/{procedure['id']}.md"


def form_page_uri(procedure: dict) -> str:
    return f"nop-ho-so/{procedure['id']}.md"


class _Unconfirmed:
    """Marks facts an editor has not confirmed yet ("đang cập nhật") where they are shown."""

    def __init__(self, procedure: dict):
        self.notes = {item["path"]: item.get("note") or "" for item in procedure.get("unconfirmed") or []}
        self.shown: set[str] = set()

    def matches(self, path: str, deep: bool) -> list[str]:
        return [p for p in self.notes if p == path or (deep and p.startswith(path + "."))]

    def mark(self, path: str, deep: bool = False) -> str:
        """An inline badge when `path` (or, with `deep`, anything under it) is unconfirmed."""
        return self.badge(self.matches(path, deep))

    def badge(self, paths: list[str]) -> str:
        if not paths:
            return ""
        self.shown.update(paths)
        note = " ".join(self.notes[p] for p in paths if self.notes[p])
        return (
            # Kept out of the site search: "đang cập nhật" folds to the words of "đăng ký".
            f' <span class="unconfirmed" data-paths="{attr(" ".join(paths))}" title="{attr(note)}" '
            f'data-search-exclude>{UNCONFIRMED_TEXT}</span>'
        )

    def not_shown(self) -> list[str]:
        return [p for p in self.notes if p not in self.shown]


# --- the catalogue page --------------------------------------------------------------------

# Up to this many procedures the catalogue page carries every card in its HTML, so it works
# without JavaScript; above it the page only links the procedures in a plain list, and the cards
# come from the compact index (CATALOGUE_INDEX_URI) through catalogue.js.
INLINE_CARDS_LIMIT = 300
CATALOGUE_INDEX_URI = "assets/data/catalogue-index.json"


def _sorted_procedures(catalogue: dict) -> list[dict]:
    order = {group: index for index, group in enumerate(GROUP_LABELS)}
    return sorted(
        catalogue.get("procedures") or [],
        key=lambda p: (order.get(p.get("group"), len(order)), fold(p["title"]), p["id"]),
    )


def _cases_aside(parts: list, show) -> str:
    """` (cấp lại: 3 ngày làm việc)` after a card's default value; empty without cases."""
    cases = [f"{_lower_first(label)}: {_lower_first(show(value))}" for label, value, _ in parts[1:]]
    return f" ({'; '.join(cases)})" if cases else ""


def _card_facts(procedure: dict) -> dict:
    """What a card shows, as text: the same values go into the HTML card and the compact index,
    so the cards catalogue.js draws read exactly like the ones the page carries."""
    channels = procedure.get("channels") or {}
    name = next((n for n in CHANNEL_ORDER if n in channels), None)
    channel = channels.get(name) or {}
    marks = _Unconfirmed(procedure)
    time, fee = format_time_limit(channel.get("time_limit")), format_fee(channel.get("fee"))
    flagged = []
    if name:
        times, fees = by_case(procedure, name, "time_limit", marks), by_case(procedure, name, "fee", marks)
        # The default in full, each case in a few words after it: "(cấp lại: 3 ngày làm việc)".
        time += _cases_aside(times, short_time_limit)
        fee += _cases_aside(fees, format_fee)
        whole = bool(marks.matches(f"channels.{name}", deep=False) or marks.matches(f"channels.{name}.cases", deep=False))
        # A value that already reads "Đang cập nhật" needs no second mark.
        if time != UPDATING_TEXT and (whole or any(paths for _, _, paths in times)):
            flagged.append("time")
        if fee != UPDATING_TEXT and (whole or any(paths for _, _, paths in fees)):
            flagged.append("fee")
    return {"time": time, "fee": fee, "unconfirmed": flagged}


def catalogue_index(catalogue: dict) -> dict:
    """The compact search data of the catalogue page: only what the cards and the filters need,
    under short keys (i id, t title, c national code, g group, l level, a applicant types,
    o submitted online, tm time, fe fee, u unconfirmed facts among tm/fe)."""
    entries = []
    for procedure in _sorted_procedures(catalogue):
        facts = _card_facts(procedure)
        entry = {
            "i": procedure["id"],
            "t": procedure["title"],
            "g": procedure.get("group") or "",
            "l": procedure.get("service_level") or "",
            "a": procedure.get("applicant_types") or [],
            "tm": facts["time"],
            "fe": facts["fee"],
        }
        if procedure.get("national_code"):
            entry["c"] = procedure["national_code"]
        if is_online(procedure):
            entry["o"] = 1
        if facts["unconfirmed"]:
            entry["u"] = ["tm" if f == "time" else "fe" for f in facts["unconfirmed"]]
        entries.append(entry)
    return {
        "groups": GROUP_LABELS,
        "levels": LEVEL_LABELS,
        "applicants": APPLICANT_LABELS,
        "procedures": entries,
    }


def _options(labels: dict, present: set) -> str:
    return "".join(f'<option value="{attr(k)}">{attr(v)}</option>' for k, v in labels.items() if k in present)


def catalogue_page(catalogue: dict) -> str:
    procedures = _sorted_procedures(catalogue)
    groups = {p.get("group") for p in procedures}
    levels = {p.get("service_level") for p in procedures}
    applicants = {kind for p in procedures for kind in p.get("applicant_types") or []}
    inline = len(procedures) <= INLINE_CARDS_LIMIT
    lines = [
        "---",
        "title: Danh mục thủ tục hành chính",
        "scripts: [catalogue]",
        "hide:",
        "  - toc",
        "---",
        "",
        "# Thủ tục hành chính",
        "",
        "Chọn thủ tục để xem cần chuẩn bị giấy tờ gì, mất bao lâu, tốn bao nhiêu tiền. "
        "Thủ tục có nhãn **Nộp trực tuyến** nộp được ngay trên trang này, không cần tài khoản.",
        "",
        # A GET form: without JavaScript it is hidden; with it, catalogue.js filters as one types
        # and also reads ?q=&group=&level=&applicant= so a filtered list can be linked.
        '<form class="catalogue-filter" id="catalogue-filter" role="search" hidden>',
        '<div class="field field--text"><label for="filter-text">Tìm theo tên thủ tục</label>'
        '<input type="search" id="filter-text" name="q" class="input" autocomplete="off" '
        'placeholder="Ví dụ: giay phep khai thac"></div>',
        '<div class="field"><label for="filter-group">Lĩnh vực</label>'
        '<select id="filter-group" name="group" class="input"><option value="">Tất cả lĩnh vực</option>'
        f"{_options(GROUP_LABELS, groups)}</select></div>",
        '<div class="field"><label for="filter-level">Mức độ</label>'
        '<select id="filter-level" name="level" class="input"><option value="">Tất cả mức độ</option>'
        f"{_options(LEVEL_LABELS, levels)}</select></div>",
        '<div class="field"><label for="filter-applicant">Người làm thủ tục</label>'
        '<select id="filter-applicant" name="applicant" class="input"><option value="">Cá nhân và tổ chức</option>'
        f"{_options(APPLICANT_LABELS, applicants)}</select></div>",
        '<p class="filter-count" id="filter-count" aria-live="polite"></p>',
        "</form>",
        "",
        # data-search-exclude: the procedure pages themselves are what the site search should find.
        f'<div class="procedure-cards" id="procedure-list" data-search-exclude '
        f'data-index="../{CATALOGUE_INDEX_URI}" data-count="{len(procedures)}">',
    ]
    if inline:
        lines += [_catalogue_card(p) for p in procedures]
    else:
        # Thousands of links would weigh more than the search index itself on every visit; the
        # full list is one tap away for a browser without JavaScript (the filter replaces this).
        lines.append(f'<p><a href="{ALL_PROCEDURES_URI.removeprefix("thu-tuc/").removesuffix(".md")}/">'
                     f"Xem danh sách tất cả {len(procedures)} thủ tục</a></p>")
    lines += [
        "</div>",
        '<p class="no-print"><button type="button" class="md-button" id="filter-more" hidden>'
        "Xem thêm thủ tục</button></p>",
        "",
    ]
    return "\n".join(lines)


def _catalogue_card(procedure: dict) -> str:
    """One card as raw HTML (catalogue.js builds the very same markup from the compact index)."""
    facts = _card_facts(procedure)
    level = LEVEL_LABELS.get(procedure.get("service_level"), "")
    badges = f'<span class="badge badge--level">{attr(level)}</span>'
    if is_online(procedure):
        badges += ' <span class="badge badge--online">Nộp trực tuyến</span>'

    def flag(name: str) -> str:
        return f' <span class="unconfirmed">{UNCONFIRMED_TEXT}</span>' if name in facts["unconfirmed"] else ""

    return (
        f'<div class="procedure-card" data-id="{attr(procedure["id"])}">'
        f'<p class="procedure-card__title"><a href="{attr(procedure["id"])}/">{attr(procedure["title"])}</a></p>'
        f'<p class="procedure-card__badges">{badges}</p>'
        '<dl class="procedure-card__facts">'
        f'<dt>Lĩnh vực</dt><dd>{attr(GROUP_LABELS.get(procedure.get("group"), ""))}</dd>'
        f'<dt>Thời hạn</dt><dd>{attr(facts["time"])}{flag("time")}</dd>'
        f'<dt>Phí, lệ phí</dt><dd>{attr(facts["fee"])}{flag("fee")}</dd>'
        "</dl></div>"
    )


ALL_PROCEDURES_URI = "thu-tuc/tat-ca.md"


def all_procedures_page(catalogue: dict) -> str:
    """For a large catalogue: every procedure as a bare link, grouped, so the catalogue stays
    usable without JavaScript at a fraction of the cards' weight."""
    return "\n".join([
        *_task_page_front_matter("Tất cả thủ tục", ""),
        "",
        "[← Tìm thủ tục](index.md){ .back-link }",
        "",
        "# Tất cả thủ tục",
        "",
        _plain_procedure_list(_sorted_procedures(catalogue)),
        "",
    ])


def _plain_procedure_list(procedures: list[dict]) -> str:
    out = []
    for group, label in GROUP_LABELS.items():
        items = [p for p in procedures if p.get("group") == group]
        if items:
            links = "".join(f'<li><a href="../{attr(p["id"])}/">{attr(p["title"])}</a></li>' for p in items)
            out.append(f'<h2 class="procedure-group">{attr(label)}</h2><ul class="procedure-links">{links}</ul>')
    return "".join(out)


# --- one procedure's guide page, its printable sheet and its older versions -----------------

CURRENT, SHEET, ARCHIVE = "current", "sheet", "archive"


def guidance_sheet_uri(procedure: dict) -> str:
    return f"thu-tuc/{procedure['id']}/phieu-huong-dan.md"


def blank_form_uri(procedure: dict, document: dict) -> str:
    return f"thu-tuc/{procedure['id']}/mau-don-{document['slot']}.md"


def archive_uri(procedure_id: str, version) -> str:
    return f"thu-tuc/{procedure_id}/phien-ban-{version}.md"


def _print_button(label: str) -> str:
    # Hidden until procedure.js wires it to window.print(); without JavaScript the browser's own
    # print command still gives the same A4 layout.
    return (
        '<p class="print-actions no-print"><button type="button" class="md-button md-button--primary" '
        f'data-print hidden>{label}</button></p>'
    )


def procedure_page(procedure: dict, archived_versions=frozenset()) -> str:
    """The guide page of the current version. `archived_versions`: the versions of this procedure
    whose full text the catalogue's archive holds (those are linked from the page)."""
    return _guide_page(procedure, CURRENT, archived_versions=archived_versions)


def guidance_sheet_page(procedure: dict) -> str:
    """The printable guidance sheet (phiếu hướng dẫn): the guide, compact, for one A4 print."""
    return _guide_page(procedure, SHEET)


def archived_page(entry: dict, current: dict | None) -> str:
    """A superseded version, read-only: a banner with the dates it applied, no way to submit."""
    return _guide_page(entry, ARCHIVE, current=current)


def _guide_page(procedure: dict, mode: str, archived_versions=frozenset(), current: dict | None = None) -> str:
    marks = _Unconfirmed(procedure)
    pid = procedure["id"]
    # The sheet and old versions live one folder below the guide page (thu-tuc/<id>/...).
    up = "" if mode == CURRENT else "../"
    title = procedure["title"]
    front = ["---", f"title: {json.dumps(_page_title(procedure, mode), ensure_ascii=False)}", "scripts: [procedure]"]
    if mode != CURRENT:
        front += ["hide:", "  - navigation", "  - toc", "search:", "  exclude: true"]
    if mode == ARCHIVE:
        front.append("robots: noindex")
    out = front + ["---", ""]

    if mode == SHEET:
        out += [
            f"[← Hướng dẫn thủ tục](../{pid}.md){{ .back-link }}",
            "",
            _print_button("In phiếu hướng dẫn"),
            "",
            '<p class="sheet-kicker">Phiếu hướng dẫn thực hiện thủ tục hành chính</p>',
            "",
        ]
    elif mode == ARCHIVE:
        out += [f"[← Tất cả thủ tục](../index.md){{ .back-link }}", "", _archive_banner(procedure, current), ""]
    else:
        out += ["[← Tất cả thủ tục](index.md){ .back-link }", ""]

    out += [f"# {escape_md(title)}{marks.mark('title')}", "", _meta_line(procedure, marks), ""]

    if mode == CURRENT:
        out += _current_actions(procedure)
    elif mode == SHEET and is_online(procedure):
        out += [
            '<p class="notice">Thủ tục này nộp được trực tuyến trên Cổng dịch vụ công Thủy sản Quảng Ngãi, '
            "mục Thủ tục, không cần tài khoản.</p>",
            "",
        ]
    elif mode == ARCHIVE:
        out += [
            '<p class="notice">Đây là nội dung cũ, chỉ để tra cứu. Hồ sơ mới nộp theo phiên bản hiện hành.</p>',
            "",
        ]

    out += [_heading(2, "Thủ tục này dùng để làm gì", marks.mark("summary")), ""]
    out += [(procedure.get("summary") or UPDATING_TEXT).strip(), ""]

    out += [_heading(2, "Ai được làm thủ tục", marks.mark("applicant_types", deep=True)), ""]
    for kind in procedure.get("applicant_types") or []:
        out.append(f"- {APPLICANT_LABELS.get(kind, kind)}")
    out += ["- Người được cá nhân, tổ chức ủy quyền (kèm giấy ủy quyền)", ""]
    if procedure.get("conditions"):
        out += [_heading(3, "Điều kiện", marks.mark("conditions")), "", procedure["conditions"].strip(), ""]

    out += _channels_section(procedure, marks)
    out += _documents_section(procedure, marks, mode)
    if mode == CURRENT:
        out += _blank_forms_section(procedure)

    out += [_heading(2, "Các bước thực hiện", marks.mark("steps")), ""]
    for number, step in enumerate(procedure.get("steps") or [], start=1):
        out.append(f"{number}. {indent_md(step)}{marks.mark(f'steps.{number - 1}', deep=True)}")
    out.append("")

    out += _legal_section(procedure, marks)
    out += _refusal_section(procedure, marks)

    result = procedure.get("result") or {}
    deliveries = ", ".join(DELIVERY_LABELS.get(d, d) for d in result.get("delivery") or [])
    out += [
        _heading(2, "Kết quả", marks.mark("result")),
        "",
        f"- Kết quả: {escape_md(result.get('name') or UPDATING_TEXT)}{marks.mark('result.name', deep=True)}",
        f"- Cách nhận: {deliveries or UPDATING_TEXT}{marks.mark('result.delivery', deep=True)}",
        "",
    ]
    out += _agency_section(procedure, marks)
    if mode == CURRENT:
        out += _older_versions_section(procedure, archived_versions)
    out += _unconfirmed_section(procedure, marks, collapsed=mode != SHEET)
    if mode == CURRENT and is_online(procedure):
        out += [f"[Nộp hồ sơ trực tuyến](../{form_page_uri(procedure)}){{ .md-button .md-button--primary }}", ""]
    return "\n".join(out)


def _page_title(procedure: dict, mode: str) -> str:
    if mode == SHEET:
        return f"Phiếu hướng dẫn: {procedure['title']}"
    if mode == ARCHIVE:
        return f"{procedure['title']} (phiên bản {procedure.get('version')})"
    return procedure["title"]


def _current_actions(procedure: dict) -> list[str]:
    pid = procedure["id"]
    out = []
    if is_online(procedure):
        out += [
            f"[Nộp trực tuyến](../{form_page_uri(procedure)}){{ .md-button .md-button--primary .online-button #online-button }}",
            "",
            "Không cần tài khoản. Bạn sẽ nhận mã hồ sơ để theo dõi.",
            "",
        ]
    else:
        out += [
            '<p class="notice">Thủ tục này chưa nộp trực tuyến được. Bạn nộp hồ sơ trực tiếp '
            "hoặc gửi qua bưu điện tới nơi tiếp nhận ghi ở cuối trang.</p>",
            "",
        ]
    out += [f"[In phiếu hướng dẫn]({pid}/phieu-huong-dan.md){{ .md-button .print-link #print-sheet }}", ""]
    return out


def _archive_banner(entry: dict, current: dict | None) -> str:
    since = format_date(entry.get("effective_date"))
    until = last_day_before(entry.get("superseded_on"))
    if current is not None:
        link = f"[xem phiên bản hiện hành](../{entry['id']}.md)"
    else:
        link = "thủ tục này không còn được áp dụng"
    return (
        '<div class="archive-banner" role="note" markdown>\n\n'
        f"**Phiên bản cũ**, áp dụng từ {since} đến {until} — {link}\n\n</div>"
    )


@functools.lru_cache(maxsize=256)  # the same few section headings on thousands of pages
def ascii_slug(text: str) -> str:
    """`Thành phần hồ sơ` → `thanh-phan-ho-so`: anchors a citizen can share and a test can find."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _heading(level: int, text: str, mark: str) -> str:
    """A section heading with a stable ASCII anchor; a badge beside it stays out of the table
    of contents."""
    return f'{"#" * level} {text}{mark} {{ #{ascii_slug(text)} data-toc-label="{attr(text)}" }}'


def _value_or_updating(value, mark: str) -> str:
    """A known value (with its mark, if unconfirmed); a missing one reads "đang cập nhật" once."""
    if value:
        return escape_md(value) + mark
    return mark.strip() or UPDATING_TEXT


def _meta_line(procedure: dict, marks: _Unconfirmed) -> str:
    code = procedure.get("national_code")
    parts = [
        f"Mã thủ tục: {_value_or_updating(code, marks.mark('national_code'))}",
        f"Lĩnh vực: {GROUP_LABELS.get(procedure.get('group'), UPDATING_TEXT)}{marks.mark('group')}",
        f"Mức độ: **{LEVEL_LABELS.get(procedure.get('service_level'), UPDATING_TEXT)}**"
        f"{marks.mark('service_level')}",
        f"Áp dụng từ: {format_date(procedure.get('effective_date'))}{marks.mark('effective_date')}",
    ]
    return '<p class="procedure-meta" markdown>' + "<br>".join(parts) + "</p>"


def _channels_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    channels = procedure.get("channels") or {}
    out = [
        _heading(2, "Thời hạn giải quyết và phí, lệ phí", marks.mark("channels")),
        "",
        "| Cách nộp | Thời hạn giải quyết | Phí, lệ phí |",
        "|---|---|---|",
    ]
    notes: list[str] = []
    for name in CHANNEL_ORDER:
        if name not in channels:
            continue
        fees = by_case(procedure, name, "fee", marks)
        whole = marks.matches(f"channels.{name}", deep=False) + marks.matches(f"channels.{name}.cases", deep=False)
        out.append(
            f"| {CHANNEL_LABELS[name]}{marks.badge(whole)} "
            f"| {_time_text(by_case(procedure, name, 'time_limit', marks), marks.badge)} "
            f"| {_fee_text(fees, marks.badge)} |"
        )
        for _, fee, _ in fees:
            note = (fee or {}).get("note")
            if note and note not in notes:
                notes.append(note)
    out.append("")
    for note in notes:
        out += [f"Ghi chú về phí: {escape_md(note)}", ""]
    cutoff = procedure.get("cutoff_time")
    if cutoff:
        out += [
            f"Hồ sơ nhận sau {cutoff}, hoặc vào ngày nghỉ, được tính từ ngày làm việc tiếp theo."
            f"{marks.mark('cutoff_time')}",
            "",
        ]
    return out


def _documents_section(procedure: dict, marks: _Unconfirmed, mode: str) -> list[str]:
    """The documents as a checklist: real checkboxes on the guide page (procedure.js keeps what
    was ticked, per procedure and version), empty boxes on paper."""
    checklist = f"{procedure['id']}@{procedure.get('version')}"
    intro = (
        "Đánh dấu từng giấy tờ khi bạn đã chuẩn bị xong."
        if mode == CURRENT
        else "Đánh dấu vào ô khi đã chuẩn bị xong."
    )
    out = [
        _heading(2, "Thành phần hồ sơ", marks.mark("documents")),
        "",
        f'<p class="document-checklist__intro">{intro}</p>',
        f'<ul class="document-checklist" data-checklist="{attr(checklist)}">',
    ]
    for index, document in enumerate(procedure.get("documents") or []):
        path = f"documents.{index}"
        slot = attr(document["slot"])
        name = f'<span class="document-checklist__name">{attr(document["name"])}</span>'
        form = f' theo <strong>{attr(document["form"])}</strong>' if document.get("form") else ""
        counts = []
        if document.get("originals"):
            counts.append(f"{document['originals']} bản chính")
        if document.get("copies"):
            counts.append(f"{document['copies']} bản sao")
        if document.get("required"):
            need = "Bắt buộc"
        elif document.get("required_when"):
            need = attr(document["required_when"])
        else:
            need = "Không bắt buộc"
        if mode == CURRENT:
            box = f'<input type="checkbox" class="document-checklist__box" id="doc-{slot}" value="{slot}">'
            label = f'<label for="doc-{slot}">{name}{form}</label>'
        else:
            box = '<span class="document-checklist__box" aria-hidden="true"></span>'
            label = f"{name}{form}"
        accept = ", ".join(t.upper() for t in document.get("accept") or [])
        file_line = (
            f'<br><span class="document-checklist__file">Nộp trực tuyến: tệp {accept}, '
            f'tối đa {document.get("max_size_mb")} MB</span>'
            if mode == CURRENT
            else ""
        )
        out.append(
            f'<li class="document-checklist__item" data-slot="{slot}">{box}'
            f"{label}{marks.mark(path, deep=True)}"
            f'<br><span class="document-checklist__need">{need}</span>'
            + (f" · {', '.join(counts)}" if counts else "")
            + file_line
            + "</li>"
        )
    out += ["</ul>", ""]
    return out


def _blank_forms_section(procedure: dict) -> list[str]:
    documents = [d for d in procedure.get("documents") or [] if d.get("form")]
    if not documents:
        return []
    out = [
        _heading(3, "Mẫu đơn, tờ khai", ""),
        "",
        "In mẫu trống để điền tay khi nộp trực tiếp hoặc gửi qua bưu điện.",
        "",
    ]
    for document in documents:
        target = blank_form_uri(procedure, document).removeprefix("thu-tuc/")
        out.append(f"- [In mẫu đơn {escape_md(document['form'])}]({target}): {escape_md(document['name'])}")
    out.append("")
    return out


def _legal_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    out = [_heading(2, "Căn cứ pháp lý", marks.mark("legal_bases")), ""]
    for index, basis in enumerate(procedure.get("legal_bases") or []):
        out.append(
            f"- **{escape_md(basis['number'])}** {escape_md(basis.get('title') or '')}, "
            f"có hiệu lực từ {format_date(basis.get('effective_date'))}"
            f"{marks.mark(f'legal_bases.{index}', deep=True)}"
        )
    out.append("")
    return out


def _refusal_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    grounds = procedure.get("refusal_grounds") or []
    out = [_heading(2, "Các trường hợp hồ sơ không được tiếp nhận", marks.mark("refusal_grounds")), ""]
    out.append(
        "Cán bộ chỉ được từ chối hồ sơ vì một trong các lý do dưới đây, bằng văn bản nêu rõ lý do:"
        if grounds
        else UPDATING_TEXT
    )
    out.append("")
    for index, ground in enumerate(grounds):
        out.append(f"- {escape_md(ground['text'])}{marks.mark(f'refusal_grounds.{index}', deep=True)}")
    out.append("")
    return out


def _agency_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    agency = procedure.get("agency") or {}

    def value(key: str) -> str:
        return _value_or_updating(agency.get(key), marks.mark(f"agency.{key}", deep=True))

    return [
        _heading(2, "Nơi tiếp nhận và giải quyết", marks.mark("agency")),
        "",
        f"- Cơ quan giải quyết: {value('name')}",
        f"- Nơi nộp hồ sơ trực tiếp: {value('counter')}",
        f"- Địa chỉ: {value('address')}",
        f"- Điện thoại: {value('phone')}",
        "",
    ]


def _older_versions_section(procedure: dict, archived_versions) -> list[str]:
    # `older_versions` comes from the compiler once it keeps history; until then there is none.
    older = procedure.get("older_versions") or []
    if not older:
        return []
    out = [_heading(2, "Các phiên bản trước", ""), ""]
    for item in sorted(older, key=lambda o: o.get("version") or 0, reverse=True):
        label = f"Phiên bản {item.get('version')}"
        if item.get("version") in archived_versions:
            target = archive_uri(procedure["id"], item["version"]).removeprefix("thu-tuc/")
            label = f"[{label}]({target})"
        out.append(
            f"- {label}: áp dụng từ {format_date(item.get('effective_date'))} "
            f"đến {last_day_before(item.get('superseded_on'))}"
        )
    out.append("")
    return out


def _unconfirmed_section(procedure: dict, marks: _Unconfirmed, collapsed: bool = True) -> list[str]:
    """Every note in words; facts the page does not show elsewhere get their badge here. On the
    printed sheet the notes are open: a closed <details> would print as its summary alone."""
    items = procedure.get("unconfirmed") or []
    if not items:
        return []
    leftovers = set(marks.not_shown())
    intro = (
        "Những thông tin có nhãn “đang cập nhật” chưa được đối chiếu với văn bản gốc. "
        "Hãy hỏi nơi tiếp nhận trước khi nộp nếu thông tin đó quan trọng với bạn."
    )
    if collapsed:
        out = ['<details class="unconfirmed-notes" markdown>', "<summary>Thông tin đang được cập nhật</summary>", ""]
    else:
        out = ['<div class="unconfirmed-notes" markdown>', "", "**Thông tin đang được cập nhật**", ""]
    out += [intro, ""]
    for item in items:
        badge = marks.badge([item["path"]]) if item["path"] in leftovers else ""
        out.append(f"- {escape_md(item.get('note') or item['path'])}{badge}")
    out += ["", "</details>" if collapsed else "</div>", ""]
    return out


# --- blank forms to print ------------------------------------------------------------------


def _blank_line(label: str, unit: str | None = None, lines: int = 1) -> str:
    after = f'<span class="blank-field__unit">{attr(unit)}</span>' if unit else ""
    extra = '<span class="blank-line"></span>' * (lines - 1)
    return (
        f'<div class="blank-field"><span class="blank-field__row"><span class="blank-field__label">{attr(label)}:</span>'
        f'<span class="blank-field__line"></span>{after}</span>{extra}</div>'
    )


def _blank_choice(field: dict) -> str:
    options = "".join(
        f'<span class="blank-choice"><span class="blank-box" aria-hidden="true"></span>{attr(o["label"])}</span>'
        for o in field.get("options") or []
    )
    return f'<div class="blank-field"><span class="blank-field__label">{attr(field["label"])}:</span> {options}</div>'


def _blank_form_fields(fields: list[dict]) -> list[str]:
    out = []
    for field in fields:
        if field.get("type") == "choice" and field.get("options"):
            out.append(_blank_choice(field))
        elif field.get("type") in ("textarea", "address"):
            out.append(_blank_line(field["label"], lines=3 if field["type"] == "textarea" else 2))
        else:
            out.append(_blank_line(field["label"], unit=field.get("unit")))
    return out


def blank_form_page(procedure: dict, document: dict) -> str:
    """A blank copy of one form, to fill in by hand: code and name, addressee, applicant, the
    content lines, date and signature. Nothing else of the official wording is invented: the
    citizen is told the official form of the legal basis prevails."""
    agency = (procedure.get("agency") or {}).get("name") or UPDATING_TEXT
    applicants = procedure.get("applicant_types") or []
    forms = [d for d in procedure.get("documents") or [] if d.get("form")]
    fields = (procedure.get("form") or {}).get("fields") or []
    # The online form's fields are the application's content: they fill the first form of the
    # procedure (the application); any other form gets blank lines.
    content = _blank_form_fields(fields) if fields and forms and forms[0] is document else []
    if not content:
        content = [_blank_line("Nội dung đề nghị", lines=6)]
    identity = []
    if "ca-nhan" in applicants:
        identity.append(_blank_line("Số căn cước công dân (cá nhân)"))
    if "to-chuc" in applicants:
        identity.append(_blank_line("Mã số thuế (tổ chức)"))
    bases = ", ".join(b["number"] for b in procedure.get("legal_bases") or [])
    return "\n".join(
        [
            *_task_page_front_matter(document["form"] + ": " + document["name"], "procedure"),
            "",
            f"[← Hướng dẫn thủ tục](../{procedure['id']}.md){{ .back-link }}",
            "",
            '<p class="notice no-print">Mẫu trống để in trên giấy A4 và điền tay. '
            "Bạn nộp kèm các giấy tờ khác của hồ sơ, trực tiếp hoặc qua bưu điện.</p>",
            "",
            _print_button("In mẫu đơn"),
            "",
            '<div class="blank-form">',
            f'<p class="blank-form__code">{attr(document["form"])}</p>',
            # The national motto heads every application to a Vietnamese authority.
            '<p class="blank-form__motto"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>'
            "<strong>Độc lập - Tự do - Hạnh phúc</strong></p>",
            f'<h1 class="blank-form__title">{attr(document["name"])}</h1>',
            f'<p class="blank-form__to">Kính gửi: {attr(agency)}</p>',
            '<h2 class="blank-form__part">Người đề nghị</h2>',
            _blank_line("Tên cá nhân, tổ chức"),
            *identity,
            _blank_line("Địa chỉ", lines=2),
            _blank_line("Số điện thoại"),
            _blank_line("Thư điện tử (nếu có)"),
            '<h2 class="blank-form__part">Nội dung</h2>',
            *content,
            '<div class="blank-form__sign">',
            '<p class="blank-form__date">…………, ngày …… tháng …… năm ………</p>',
            '<p class="blank-form__signer"><strong>Người đề nghị</strong><br>'
            "<em>(Ký, ghi rõ họ tên; tổ chức ký và đóng dấu)</em></p>",
            "</div>",
            f'<p class="blank-form__source">Trình bày theo {attr(document["form"])} ban hành kèm theo văn bản '
            f"tại mục Căn cứ pháp lý của thủ tục ({attr(bases or UPDATING_TEXT)}); khi có khác biệt, "
            "áp dụng mẫu chính thức.</p>",
            "</div>",
            "",
        ]
    )


# --- the online form page ------------------------------------------------------------------


def json_for_script(data: dict) -> str:
    """JSON safe inside <script>: `</script>` or `<!--` in a text cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _task_page_front_matter(title: str, scripts: str) -> list[str]:
    """Pages one works on (a form to fill, a form to print) hide the side columns and stay out
    of the site search, which should lead to the procedure's guidance first."""
    return ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"scripts: [{scripts}]", "hide:",
            "  - navigation", "  - toc", "search:", "  exclude: true", "---"]


def form_page(procedure: dict) -> str:
    return "\n".join(
        [
            *_task_page_front_matter("Nộp hồ sơ: " + procedure["title"], "config, api, form"),
            "",
            f"[← Hướng dẫn thủ tục](../{procedure_page_uri(procedure)}){{ .back-link }}",
            "",
            "# Nộp hồ sơ trực tuyến",
            "",
            f'<p class="form-procedure-title">{attr(procedure["title"])}</p>',
            "",
            f'<div id="portal-form" class="portal-form" data-procedure-id="{attr(procedure["id"])}">'
            '<p class="form-loading">Đang tải biểu mẫu…</p>'
            "<noscript><p>Trình duyệt của bạn đang tắt JavaScript nên không dùng được biểu mẫu. "
            "Bạn có thể nộp hồ sơ trực tiếp tại nơi tiếp nhận ghi trong trang hướng dẫn.</p></noscript>"
            "</div>",
            "",
            f'<script type="application/json" id="procedure-data">{json_for_script(procedure)}</script>',
            "",
        ]
    )


# --- data files for the scripts ------------------------------------------------------------


def procedure_labels(catalogue: dict) -> dict:
    """What the officer page needs to show a dossier in words: titles, field labels, slot names."""
    return {
        p["id"]: {
            "title": p["title"],
            "fields": {f["name"]: f["label"] for f in ((p.get("form") or {}).get("fields") or [])},
            "options": {
                f["name"]: {o["value"]: o["label"] for o in f.get("options") or []}
                for f in ((p.get("form") or {}).get("fields") or [])
                if f.get("options")
            },
            "documents": {d["slot"]: d["name"] for d in p.get("documents") or []},
        }
        for p in catalogue.get("procedures") or []
    }


LABELS_URI = "assets/data/procedures.json"


def generated_pages(catalogue: dict) -> dict[str, str]:
    """Every generated page, `{src_uri: markdown}` (src_uri relative to the docs_dir)."""
    procedures = catalogue.get("procedures") or []
    # `archive` (superseded versions, each with `superseded_on`) comes from the compiler once it
    # keeps history; a catalogue without it simply has no old versions to show.
    archive = [e for e in catalogue.get("archive") or [] if e.get("id") and e.get("version") is not None]
    current = {p["id"]: p for p in procedures}
    archived: dict[str, set] = {}
    for entry in archive:
        archived.setdefault(entry["id"], set()).add(entry["version"])

    pages = {"thu-tuc/index.md": catalogue_page(catalogue)}
    if len(procedures) > INLINE_CARDS_LIMIT:
        pages[ALL_PROCEDURES_URI] = all_procedures_page(catalogue)
    for procedure in procedures:
        pages[procedure_page_uri(procedure)] = procedure_page(procedure, archived.get(procedure["id"], set()))
        pages[guidance_sheet_uri(procedure)] = guidance_sheet_page(procedure)
        for document in procedure.get("documents") or []:
            if document.get("form"):
                pages[blank_form_uri(procedure, document)] = blank_form_page(procedure, document)
        if is_online(procedure):
            pages[form_page_uri(procedure)] = form_page(procedure)
    for entry in archive:
        pages[archive_uri(entry["id"], entry["version"])] = archived_page(entry, current.get(entry["id"]))
    return pages


def generated_files(catalogue: dict) -> dict[str, str]:
    """The pages plus the small JSON files the scripts read: the officer page's labels and the
    catalogue page's compact index."""
    files = generated_pages(catalogue)
    # Keys keep the catalogue's order: the officer page lists answers in the form's field order.
    files[LABELS_URI] = json.dumps(procedure_labels(catalogue), ensure_ascii=False)
    files[CATALOGUE_INDEX_URI] = json.dumps(catalogue_index(catalogue), ensure_ascii=False, separators=(",", ":"))
    return files


# --- the site search -----------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


def fold_search_doc(doc: dict) -> dict:
    """Add accent-free copies of a search index entry (mkdocs-material's search_index.json) in
    the extra fields `ftitle` and `ftext` that mkdocs.yml declares, so "giay phep" finds
    "giấy phép" while accented queries still hit the original fields. The text copy keeps only
    the folded words that differ from the page's own words, once each: it is what the browser
    downloads, and the original words are indexed already."""
    title = html.unescape(_TAG.sub(" ", doc.get("title") or ""))
    if fold(title) != title.lower():
        doc["ftitle"] = fold(title)
    text = html.unescape(_TAG.sub(" ", doc.get("text") or ""))
    own = set(re.findall(r"\w+", text.lower()))
    extra = dict.fromkeys(w for w in _WORD.findall(fold(text)) if w not in own)
    if extra:
        doc["ftext"] = " ".join(extra)
    return doc
