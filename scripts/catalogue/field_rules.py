"""The rules of every form field and of the applicant's own fields, stated once: which characters
text may hold, each field kind's pattern, limits and length bound, and the Vietnamese message
for each way an answer can be wrong.

The compiler copies `field_rules()` into the compiled catalogue as the top-level "field_rules"
and fills each typed form field's `pattern`, `pattern_message` and `max_length` from it. The API
(portal.domain.field_rules) and the browser (form.js, through assets/data/vocabulary.json) both
read them from the compiled catalogue; neither states a rule of its own.

Patterns are written for both Python's `re` and JavaScript's `RegExp` with the "u" flag. Digits
are spelled [0-9], never \\d: Python's \\d also matches full-width and Arabic-Indic digits, which
would let an ID number into a dossier that no lookup can ever match.

Messages may hold placeholders filled in where they are shown: {label} (the field's label),
{max_length}, {min}, {max}, {unit} (" m³", or empty), {max_decimals}, {owner} (whose address:
"người nộp" or a field's label). Figures are written the Vietnamese way by the reader
(portal.domain.figures, or Portal.formatNumber in the browser).
"""
from __future__ import annotations

import copy

# Characters refused anywhere in text: C0 and C1 controls (NUL included; tab and line breaks are
# judged by the field, see LINE_BREAKS), the Unicode line and paragraph separators, surrogates
# that are not part of a pair, the two non-characters, and the bidirectional embeddings,
# overrides and isolates, which make text display in another order than it is stored.
FORBIDDEN_CHARACTERS = (
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    r"\u202a-\u202e\u2066-\u2069]"
)
# Invisible characters that copy-and-paste brings along (soft hyphen, zero-width spaces and
# joiners, direction marks, word joiner, byte-order mark): removed, so a name made only of them
# is an empty name.
INVISIBLE_CHARACTERS = r"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]"
# Tab and line breaks: allowed in a multi-line field (line breaks are stored as \n), refused in
# a one-line field.
LINE_BREAKS = r"[\t\n\r]"

MESSAGES = {
    "required": "Vui lòng nhập {label}.",
    "required_choice": "Vui lòng chọn {label}.",
    "invalid": "{label} không hợp lệ.",
    "too_long": "{label} không được dài quá {max_length} ký tự.",
    "forbidden_characters": (
        "{label} có ký tự không được phép (ký tự điều khiển hoặc ký tự đổi chiều chữ). "
        "Vui lòng gõ lại."
    ),
    "pattern": "{label} không đúng định dạng.",
    "not_in_form": "Trường này không có trong tờ khai của thủ tục.",
}

# 34 provinces and cities since 01/07/2025 (two-level local government).
PROVINCES = [
    "An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên",
    "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng", "Hồ Chí Minh", "Huế",
    "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Nghệ An",
    "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sơn La", "Tây Ninh",
    "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long",
]

# One entry per field kind of the procedure schema. A kind with a `pattern` is a typed kind: the
# compiler copies its pattern and message into each field of that kind.
KINDS: dict[str, dict] = {
    "text": {"max_length": 200},
    "textarea": {"max_length": 2000, "multiline": True},
    "citizen_id": {
        "pattern": r"^[0-9]{12}$",
        "message": "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số.",
        "max_length": 12,
        "hint": "Gồm 12 chữ số",
    },
    # A tax code may be written with a hyphen before the 3-digit branch suffix (0101234567-001),
    # as registration certificates print it, so both spellings are accepted.
    "tax_code": {
        "pattern": r"^[0-9]{10}(-?[0-9]{3})?$",
        "message": "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số nếu có mã chi nhánh (ví dụ 0101234567-001).",
        "max_length": 14,
        "hint": "10 chữ số, hoặc 13 chữ số nếu là chi nhánh",
    },
    # Spaces and dots people put between digit groups are dropped before the pattern applies,
    # and the number is stored without them.
    "phone": {
        "pattern": r"^(0|\+84)[0-9]{9,10}$",
        "message": "Số điện thoại bắt đầu bằng 0 hoặc +84, tiếp theo là 9 hoặc 10 chữ số (ví dụ 0912345678).",
        "max_length": 20,
        "ignore": " .",
    },
    "email": {
        "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        "message": "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@gmail.com).",
        "max_length": 254,
    },
    "vessel_number": {
        "pattern": r"^[A-Za-zĐđ]{2,4}-[0-9]{3,5}-[A-Z]{2}$",
        "message": "Số đăng ký tàu cá viết như trên giấy chứng nhận, ví dụ QNg-90123-TS.",
        "max_length": 20,
        "hint": "Viết như trên giấy chứng nhận đăng ký, ví dụ QNg-90123-TS",
    },
    # What <input type="date"> sends; the day must also exist (no 30/02).
    "date": {
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "message": "{label} không phải là ngày hợp lệ.",
        "max_length": 10,
        "min": "1900-01-01",
        "max": "2100-12-31",
        "range_message": "{label} phải trong khoảng từ {min} đến {max}.",
    },
    # A number is a JSON number (never text, never NaN or Infinity). `min`/`max` apply when the
    # field states none; together with `max_decimals` they keep every number storable exactly.
    "number": {
        "min": -1_000_000_000_000,
        "max": 1_000_000_000_000,
        "max_decimals": 6,
        "message": "{label} phải là một số.",
        "integer_message": "{label} phải là số nguyên.",
        "decimals_message": "{label} chỉ được có tối đa {max_decimals} chữ số sau dấu phẩy.",
        "min_message": "{label} phải từ {min}{unit} trở lên.",
        "max_message": "{label} không được vượt quá {max}{unit}.",
    },
    "choice": {"message": "Vui lòng chọn {label} trong danh sách."},
    # Two levels since 01/07/2025: province and commune (no district), plus an optional street.
    "address": {
        "parts": [
            {
                "name": "province",
                "label": "Tỉnh, thành phố",
                "max_length": 100,
                "options": PROVINCES,
                "default": "Quảng Ngãi",
                "required_message": "Vui lòng chọn tỉnh, thành phố của {owner}.",
                "message": "Vui lòng chọn tỉnh, thành phố trong danh sách.",
            },
            {
                "name": "commune",
                "label": "Xã, phường, đặc khu",
                "max_length": 100,
                "required_message": "Vui lòng nhập xã, phường của {owner}.",
            },
            {"name": "street", "label": "Số nhà, đường, thôn, tổ", "max_length": 200, "required": False},
        ],
    },
}

# The applicant's own fields, in the order they are asked: a person (CCCD) or an organisation
# (tax code), a phone to reach them, an optional e-mail and a two-level address. `kind` names the
# KINDS entry whose pattern, length and message apply; `for` limits a field to one kind of
# applicant; a label or message given per kind of applicant is a mapping.
APPLICANT = {
    "kind": {
        "message": "Vui lòng chọn người nộp là cá nhân hay tổ chức.",
        "refused_message": "Thủ tục này không nhận hồ sơ của {kind}; chỉ nhận hồ sơ của {accepted}.",
    },
    "other_kind_message": "Trường này chỉ dùng cho {kind}.",
    "fields": [
        {
            "name": "full_name",
            "kind": "text",
            "max_length": 200,
            "label": {"ca-nhan": "Họ và tên", "to-chuc": "Tên tổ chức"},
            "required_message": {"ca-nhan": "Vui lòng nhập họ và tên.", "to-chuc": "Vui lòng nhập tên tổ chức."},
        },
        {
            "name": "id_number",
            "kind": "citizen_id",
            "for": "ca-nhan",
            "label": "Số căn cước công dân (CCCD)",
            "required_message": "Vui lòng nhập số căn cước công dân.",
        },
        {
            "name": "tax_code",
            "kind": "tax_code",
            "for": "to-chuc",
            "label": "Mã số thuế",
            "required_message": "Vui lòng nhập mã số thuế.",
        },
        {"name": "phone", "kind": "phone", "label": "Số điện thoại", "required_message": "Vui lòng nhập số điện thoại."},
        {"name": "email", "kind": "email", "label": "Thư điện tử", "required": False},
        {
            "name": "address",
            "kind": "address",
            "label": {"ca-nhan": "Địa chỉ liên hệ", "to-chuc": "Địa chỉ trụ sở"},
            "owner": "người nộp",
        },
    ],
}

# Consent to the processing of personal data (Decree 13/2023): the JSON value true, nothing like it.
CONSENT = {"message": "Vui lòng đánh dấu ô đồng ý cho cơ quan xử lý dữ liệu cá nhân để giải quyết hồ sơ."}

# What a file was called on the citizen's device: shown to the officer, used when downloading it.
UPLOAD = {"filename": {"kind": "text", "label": "Tên tệp", "max_length": 255}}


def field_rules() -> dict:
    """The compiled catalogue's "field_rules" (a fresh copy each call)."""
    return copy.deepcopy(
        {
            "characters": {
                "forbidden": FORBIDDEN_CHARACTERS,
                "invisible": INVISIBLE_CHARACTERS,
                "line_breaks": LINE_BREAKS,
            },
            "messages": MESSAGES,
            "kinds": KINDS,
            "applicant": APPLICANT,
            "upload": UPLOAD,
            "consent": CONSENT,
        }
    )


def typed_field(kind: str) -> dict:
    """What the compiler adds to a form field of `kind`: its pattern and message (None for a
    kind without a pattern) and its length bound (None for kinds that are not text)."""
    rule = KINDS.get(kind, {})
    return {
        "pattern": rule.get("pattern"),
        "pattern_message": rule.get("message") if rule.get("pattern") else None,
        "max_length": rule.get("max_length"),
    }
