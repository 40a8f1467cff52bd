"""The generated pages of the site, as pure functions of the compiled catalogue.

`generated_pages(catalogue)` returns `{src_uri: markdown}`: the catalogue page, one guide page per
procedure and one form page per procedure that can be submitted online. The mkdocs hook
(site/hooks/generated_pages.py) hands them to mkdocs as virtual files, so nothing generated is
written into the tracked tree and the page text does not depend on the site generator.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import date

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


def format_money(amount: int) -> str:
    """`40000` → `40.000 đ`."""
    return f"{int(amount):,} đ".replace(",", ".")


def format_date(iso_day: str | None) -> str:
    """`2019-03-08` → `08/03/2019`; a missing date reads "Đang cập nhật"."""
    if not iso_day:
        return UPDATING_TEXT
    return date.fromisoformat(iso_day).strftime("%d/%m/%Y")


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
            f' <span class="unconfirmed" data-paths="{attr(" ".join(paths))}" title="{attr(note)}">'
            f"{UNCONFIRMED_TEXT}</span>"
        )

    def not_shown(self) -> list[str]:
        return [p for p in self.notes if p not in self.shown]


# --- the catalogue page --------------------------------------------------------------------


def catalogue_page(catalogue: dict) -> str:
    procedures = sorted(catalogue.get("procedures") or [], key=lambda p: (p.get("group", ""), p["title"]))
    groups = [g for g in GROUP_LABELS if any(p.get("group") == g for p in procedures)]
    levels = [lv for lv in LEVEL_LABELS if any(p.get("service_level") == lv for p in procedures)]
    group_options = "".join(f'<option value="{g}">{attr(GROUP_LABELS[g])}</option>' for g in groups)
    level_options = "".join(f'<option value="{lv}">{attr(LEVEL_LABELS[lv])}</option>' for lv in levels)
    lines = [
        "---",
        "title: Danh mục thủ tục hành chính",
        "hide:",
        "  - toc",
        "---",
        "",
        "# Thủ tục hành chính",
        "",
        "Chọn thủ tục để xem cần chuẩn bị giấy tờ gì, mất bao lâu, tốn bao nhiêu tiền. "
        "Thủ tục có nhãn **Nộp trực tuyến** nộp được ngay trên trang này, không cần tài khoản.",
        "",
        '<form class="catalogue-filter" id="catalogue-filter" role="search" hidden>',
        '<div class="field"><label for="filter-text">Tìm theo tên thủ tục</label>'
        '<input type="search" id="filter-text" name="q" class="input" autocomplete="off"></div>',
        '<div class="field"><label for="filter-group">Lĩnh vực</label>'
        f'<select id="filter-group" name="group" class="input"><option value="">Tất cả lĩnh vực</option>{group_options}</select></div>',
        '<div class="field"><label for="filter-level">Mức độ</label>'
        f'<select id="filter-level" name="level" class="input"><option value="">Tất cả mức độ</option>{level_options}</select></div>',
        '<p class="filter-count" id="filter-count" aria-live="polite"></p>',
        "</form>",
        "",
        '<div class="procedure-cards" id="procedure-list" markdown>',
        "",
    ]
    for procedure in procedures:
        lines.extend(_catalogue_card(procedure))
    lines += ["</div>", ""]
    return "\n".join(lines)


def _catalogue_card(procedure: dict) -> list[str]:
    channel = main_channel(procedure)
    badges = [f'<span class="badge badge--level">{attr(LEVEL_LABELS.get(procedure.get("service_level"), ""))}</span>']
    if is_online(procedure):
        badges.append('<span class="badge badge--online">Nộp trực tuyến</span>')
    return [
        f'<div class="procedure-card" data-group="{attr(procedure.get("group", ""))}" '
        f'data-level="{attr(procedure.get("service_level", ""))}" markdown>',
        "",
        f'<p class="procedure-card__title" markdown>[{escape_md(procedure["title"])}]({procedure["id"]}.md)</p>',
        "",
        f'<p class="procedure-card__badges">{" ".join(badges)}</p>',
        "",
        '<dl class="procedure-card__facts">'
        f'<dt>Lĩnh vực</dt><dd>{attr(GROUP_LABELS.get(procedure.get("group"), ""))}</dd>'
        f'<dt>Thời hạn</dt><dd>{attr(format_time_limit(channel.get("time_limit")))}</dd>'
        f'<dt>Phí, lệ phí</dt><dd>{attr(format_fee(channel.get("fee")))}</dd>'
        "</dl>",
        "",
        "</div>",
        "",
    ]


# --- one procedure's guide page ------------------------------------------------------------


def procedure_page(procedure: dict) -> str:
    marks = _Unconfirmed(procedure)
    out: list[str] = [
        "---",
        f"title: {json.dumps(procedure['title'], ensure_ascii=False)}",
        "---",
        "",
        "[← Tất cả thủ tục](index.md){ .back-link }",
        "",
        f"# {escape_md(procedure['title'])}{marks.mark('title')}",
        "",
        _meta_line(procedure, marks),
        "",
    ]
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

    out += [
        _heading(2, "Thủ tục này dùng để làm gì", marks.mark('summary')),
        "",
        (procedure.get("summary") or UPDATING_TEXT).strip(),
        "",
    ]

    out += [_heading(2, "Ai được làm thủ tục", marks.mark('applicant_types', deep=True)), ""]
    for kind in procedure.get("applicant_types") or []:
        out.append(f"- {APPLICANT_LABELS.get(kind, kind)}")
    out += ["- Người được cá nhân, tổ chức ủy quyền (kèm giấy ủy quyền)", ""]
    if procedure.get("conditions"):
        out += [_heading(3, "Điều kiện", marks.mark('conditions')), "", procedure["conditions"].strip(), ""]

    out += _channels_section(procedure, marks)
    out += _documents_section(procedure, marks)

    out += [_heading(2, "Các bước thực hiện", marks.mark('steps')), ""]
    for number, step in enumerate(procedure.get("steps") or [], start=1):
        out.append(f"{number}. {indent_md(step)}{marks.mark(f'steps.{number - 1}', deep=True)}")
    out.append("")

    out += _legal_section(procedure, marks)
    out += _refusal_section(procedure, marks)

    result = procedure.get("result") or {}
    deliveries = ", ".join(DELIVERY_LABELS.get(d, d) for d in result.get("delivery") or [])
    out += [
        _heading(2, "Kết quả", marks.mark('result')),
        "",
        f"- Kết quả: {escape_md(result.get('name') or UPDATING_TEXT)}{marks.mark('result.name', deep=True)}",
        f"- Cách nhận: {deliveries or UPDATING_TEXT}{marks.mark('result.delivery', deep=True)}",
        "",
    ]
    out += _agency_section(procedure, marks)
    out += _unconfirmed_section(procedure, marks)
    if is_online(procedure):
        out += [f"[Nộp hồ sơ trực tuyến](../{form_page_uri(procedure)}){{ .md-button .md-button--primary }}", ""]
    return "\n".join(out)


def ascii_slug(text: str) -> str:
    """`Thành phần hồ sơ` → `thanh-phan-ho-so`: anchors a citizen can share and a test can find."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


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
        _heading(2, "Thời hạn giải quyết và phí, lệ phí", marks.mark('channels')),
        "",
        "| Cách nộp | Thời hạn giải quyết | Phí, lệ phí |",
        "|---|---|---|",
    ]
    notes: list[str] = []
    for name in CHANNEL_ORDER:
        if name not in channels:
            continue
        channel = channels[name]
        fee = channel.get("fee") or {}
        out.append(
            f"| {CHANNEL_LABELS[name]}{marks.mark(f'channels.{name}')} "
            f"| {format_time_limit(channel.get('time_limit'))}{marks.mark(f'channels.{name}.time_limit', deep=True)} "
            f"| {format_fee(fee)}{marks.mark(f'channels.{name}.fee', deep=True)} |"
        )
        note = fee.get("note")
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


def _documents_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    out = [
        _heading(2, "Thành phần hồ sơ", marks.mark('documents')),
        "",
        '<ul class="document-checklist">',
    ]
    for index, document in enumerate(procedure.get("documents") or []):
        path = f"documents.{index}"
        name = attr(document["name"])
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
        accept = ", ".join(t.upper() for t in document.get("accept") or [])
        out.append(
            f'<li class="document-checklist__item" data-slot="{attr(document["slot"])}">'
            f'<span class="document-checklist__name">{name}</span>{form}{marks.mark(path, deep=True)}'
            f'<br><span class="document-checklist__need">{need}</span>'
            + (f" · {', '.join(counts)}" if counts else "")
            + f'<br><span class="document-checklist__file">Nộp trực tuyến: tệp {accept}, '
            f'tối đa {document.get("max_size_mb")} MB</span></li>'
        )
    out += ["</ul>", ""]
    return out


def _legal_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    out = [_heading(2, "Căn cứ pháp lý", marks.mark('legal_bases')), ""]
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
    out = [_heading(2, "Các trường hợp hồ sơ không được tiếp nhận", marks.mark('refusal_grounds')), ""]
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
        _heading(2, "Nơi tiếp nhận và giải quyết", marks.mark('agency')),
        "",
        f"- Cơ quan giải quyết: {value('name')}",
        f"- Nơi nộp hồ sơ trực tiếp: {value('counter')}",
        f"- Địa chỉ: {value('address')}",
        f"- Điện thoại: {value('phone')}",
        "",
    ]


def _unconfirmed_section(procedure: dict, marks: _Unconfirmed) -> list[str]:
    """Every note in words; facts the page does not show elsewhere get their badge here."""
    items = procedure.get("unconfirmed") or []
    if not items:
        return []
    leftovers = set(marks.not_shown())
    out = [
        '<details class="unconfirmed-notes" markdown>',
        "<summary>Thông tin đang được cập nhật</summary>",
        "",
        "Những thông tin có nhãn “đang cập nhật” chưa được đối chiếu với văn bản gốc. "
        "Hãy hỏi nơi tiếp nhận trước khi nộp nếu thông tin đó quan trọng với bạn.",
        "",
    ]
    for item in items:
        badge = marks.badge([item["path"]]) if item["path"] in leftovers else ""
        out.append(f"- {escape_md(item.get('note') or item['path'])}{badge}")
    out += ["", "</details>", ""]
    return out


# --- the online form page ------------------------------------------------------------------


def json_for_script(data: dict) -> str:
    """JSON safe inside <script>: `</script>` or `<!--` in a text cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def form_page(procedure: dict) -> str:
    return "\n".join(
        [
            "---",
            f"title: {json.dumps('Nộp hồ sơ: ' + procedure['title'], ensure_ascii=False)}",
            "hide:",
            "  - navigation",
            "  - toc",
            "search:",
            "  exclude: true",
            "---",
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
    pages = {"thu-tuc/index.md": catalogue_page(catalogue)}
    for procedure in catalogue.get("procedures") or []:
        pages[procedure_page_uri(procedure)] = procedure_page(procedure)
        if is_online(procedure):
            pages[form_page_uri(procedure)] = form_page(procedure)
    return pages


def generated_files(catalogue: dict) -> dict[str, str]:
    """The pages plus the small JSON file the officer page reads."""
    files = generated_pages(catalogue)
    # Keys keep the catalogue's order: the officer page lists answers in the form's field order.
    files[LABELS_URI] = json.dumps(procedure_labels(catalogue), ensure_ascii=False)
    return files
