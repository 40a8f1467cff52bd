"""A small compiled catalogue in the contract's shape (docs/architecture.md), so the site tests do
not depend on the real content files: one procedure submitted online with a form, one offered
online but without a form yet, and one for the counter only; the first has an older version in
the catalogue's archive (`older_versions` on the procedure, the full old entry under `archive`)
and a reissue case (`cases` on its channels: shorter online, cheaper everywhere)."""
from __future__ import annotations

import copy

from portal.domain.vocabulary import vocabulary
from scripts.catalogue.field_rules import field_rules
from scripts.catalogue.normalise import normalise_channel

AGENCY = {
    "code": "000.00.15.H55",
    "name": "Chi cục Thủy sản Quảng Ngãi",
    "counter": "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính tỉnh Quảng Ngãi",
    "address": "54 Hùng Vương, tỉnh Quảng Ngãi",
    "phone": None,
}


def _field(name, label, type_, **extra):
    field = {
        "name": name, "label": label, "type": type_, "required": True, "help": None, "options": None,
        "unit": None, "min": None, "max": None, "max_length": None, "pattern": None, "pattern_message": None,
    }
    field.update(extra)
    return field


def _channel(days, fee, cases=()):
    """As the compiler writes a channel, `fee_text` and `time_limit_text` included (a case's None
    figure is a key the procedure file leaves out)."""
    return normalise_channel({
        "time_limit": {"value": days, "unit": "working_days", "from": "receipt"},
        "fee": fee,
        "cases": [{key: value for key, value in case.items() if value is not None} for case in cases],
    })


REISSUE = {"field": "loai_giay", "equals": "cap-lai"}


ONLINE = {
    "id": "giay-phep-mau",
    "national_code": "1.004344",
    "version": 2,
    "effective_date": "2019-03-08",
    "title": "Cấp giấy phép khai thác thủy sản (mẫu)",
    "group": "khai-thac",
    "service_level": "toan-trinh",
    "applicant_types": ["ca-nhan", "to-chuc"],
    "agency": AGENCY,
    "summary": "Cấp giấy phép cho tàu cá đi khai thác thủy sản.",
    "cutoff_time": "15:00",
    "channels": {
        # A reissue (the form's "Cấp lại") is quicker online and cheaper everywhere.
        "online": _channel(5, {"kind": "fixed", "amount": 40000, "note": None}, [{
            "when": REISSUE,
            "time_limit": {"value": 2, "unit": "working_days", "from": "receipt"},
            "fee": {"kind": "fixed", "amount": 20000, "note": None},
        }]),
        "counter": _channel(5, {"kind": "fixed", "amount": 40000, "note": None}, [{
            "when": REISSUE, "time_limit": None, "fee": {"kind": "fixed", "amount": 20000, "note": None},
        }]),
    },
    "steps": ["Chuẩn bị đơn theo **Mẫu 02.KT**.", "Nộp hồ sơ.\n\nNhận mã hồ sơ."],
    "conditions": "Tàu cá đã đăng ký.",
    "documents": [
        {"slot": "don-de-nghi", "name": "Đơn đề nghị cấp giấy phép", "form": "Mẫu 02.KT", "originals": 1,
         "copies": 0, "required": True, "required_when": None, "accept": ["pdf", "jpg", "png"], "max_size_mb": 10},
        {"slot": "dang-ky-tau", "name": "Bản chụp giấy chứng nhận đăng ký tàu cá", "form": None, "originals": 0,
         "copies": 1, "required": False, "required_when": "Khi đề nghị cấp mới", "accept": ["pdf"], "max_size_mb": 5},
    ],
    "legal_bases": [
        {"number": "26/2019/NĐ-CP", "title": "Nghị định hướng dẫn Luật Thủy sản", "effective_date": "2019-03-08"},
        {"number": "118/2018/TT-BTC", "title": "Thông tư về phí, lệ phí", "effective_date": "2019-01-20"},
    ],
    "refusal_grounds": [
        {"code": "het-han-ngach", "text": "Tỉnh đã hết hạn ngạch giấy phép.", "documents": []},
    ],
    "result": {"name": "Giấy phép khai thác thủy sản", "delivery": ["online", "counter"]},
    "form": {
        "fields": [
            _field("so_dang_ky_tau", "Số đăng ký tàu cá", "vessel_number",
                   pattern="^[A-Za-zĐđ]{2,4}-[0-9]{3,5}-[A-Z]{2}$",
                   pattern_message="Số đăng ký tàu cá viết như trên giấy chứng nhận, ví dụ QNg-90123-TS."),
            _field("chieu_dai_tau", "Chiều dài tàu", "number", unit="m", min=1, max=100),
            _field("ghi_chu", "Ghi chú </script><!-- thử", "textarea", required=False, max_length=2000),
            _field("loai_giay", "Bạn đề nghị", "choice", required=False, help="Bỏ trống nếu xin cấp lần đầu.",
                   options=[{"value": "cap-moi", "label": "Cấp mới"}, {"value": "cap-lai", "label": "Cấp lại"}]),
        ]
    },
    "older_versions": [{"version": 1, "effective_date": "2017-11-15", "superseded_on": "2019-03-08"}],
    "unconfirmed": [
        {"path": "channels.online.time_limit", "note": "Thời hạn chưa đối chiếu văn bản gốc."},
        {"path": "channels.online.cases.0.time_limit", "note": "Thời hạn cấp lại chưa đối chiếu văn bản gốc."},
        {"path": "documents.1.form", "note": "Chưa rõ mẫu."},
        {"path": "legal_bases.1.effective_date", "note": "Chưa xác nhận ngày hiệu lực."},
        {"path": "agency.phone", "note": "Chưa có số điện thoại."},
        {"path": "refusal_grounds", "note": "Chưa đối chiếu quyết định công bố."},
        {"path": "version", "note": "Một mục trang không hiển thị ở chỗ nào khác."},
    ],
}

ONLINE_WITHOUT_FORM = copy.deepcopy(ONLINE)
ONLINE_WITHOUT_FORM.update(
    id="chua-co-bieu-mau",
    title="Thủ tục trực tuyến chưa có biểu mẫu",
    group="tau-ca",
    service_level="mot-phan",
    form=None,
    older_versions=[],
    channels={"online": _channel(3, {"kind": "unconfirmed", "note": "Chưa rõ mức phí."})},
    unconfirmed=[{"path": "channels.online.fee", "note": "Chưa rõ mức phí."}],
)

COUNTER_ONLY = copy.deepcopy(ONLINE)
COUNTER_ONLY.update(
    id="chi-nop-truc-tiep",
    national_code="1.003456",
    title="Cấp giấy chứng nhận nguồn gốc thủy sản (mẫu)",
    group="chung-nhan",
    service_level="thong-tin",
    applicant_types=["to-chuc"],
    form=None,
    older_versions=[],
    channels={
        "counter": _channel(2, {"kind": "per_unit", "base": 150000, "per_unit": 15000, "unit": "tấn",
                                "cap": 700000, "note": None}),
        "post": {"time_limit": {"value": 60, "unit": "calendar_days", "from": "inspection"}, "fee": {"kind": "none"},
                 "cases": []},
    },
    unconfirmed=[],
)


# Version 1 of the online procedure, as the archive keeps it: its own fee, no online channel.
ONLINE_V1 = copy.deepcopy(ONLINE)
ONLINE_V1.update(
    version=1,
    effective_date="2017-11-15",
    superseded_on="2019-03-08",
    title="Cấp giấy phép khai thác thủy sản (mẫu, bản cũ)",
    channels={"counter": _channel(7, {"kind": "fixed", "amount": 30000, "note": None})},
    unconfirmed=[],
)
del ONLINE_V1["older_versions"]


def sample_catalogue() -> dict:
    return {
        "schema_version": 1,
        "calendar": {"source": "content/calendar", "days_off": [], "working_days": []},
        "procedures": copy.deepcopy([ONLINE, ONLINE_WITHOUT_FORM, COUNTER_ONLY]),
        "archive": [copy.deepcopy(ONLINE_V1)],
        "field_rules": field_rules(),
        "vocabulary": vocabulary(),
    }


# Markup a careless or malicious edit could put into any text of a procedure: HTML anywhere, and
# Markdown in the plain texts (names, labels, notes), where it must not format either.
MARKUP = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 1">'
HOSTILE = MARKUP + " *x* [y](z)"


def hostile_catalogue() -> dict:
    """The sample catalogue with markup in every text a page shows: titles, names, labels,
    notes, the agency, legal bases, refusal grounds, a case's option label; and HTML in the
    content an editor writes in Markdown (summary, conditions, steps)."""
    catalogue = sample_catalogue()
    online, _, counter = catalogue["procedures"]
    for procedure in (online, counter, catalogue["archive"][0]):
        procedure["title"] = "Thủ tục " + HOSTILE
        procedure["summary"] = MARKUP
        procedure["steps"] = [MARKUP]
        procedure["conditions"] = MARKUP
        procedure["agency"]["name"] = HOSTILE
        procedure["legal_bases"][0]["title"] = HOSTILE
        procedure["refusal_grounds"][0]["text"] = HOSTILE
        procedure["result"]["name"] = HOSTILE
        for document in procedure["documents"]:
            document["name"] = HOSTILE
            document["form"] = "Mẫu " + HOSTILE
        procedure["documents"][1]["required_when"] = HOSTILE
    online["channels"]["counter"]["fee"]["note"] = HOSTILE
    online["unconfirmed"][0]["note"] = HOSTILE
    online["unconfirmed"][-1]["note"] = HOSTILE  # listed in the notes at the end of the page
    online["form"]["fields"][0]["label"] = HOSTILE
    online["form"]["fields"][1]["unit"] = HOSTILE
    online["form"]["fields"][-1]["options"][1]["label"] = HOSTILE  # names the reissue case
    return catalogue
