"""Small procedure dicts in the compiled-catalogue shape (docs/architecture.md), so the domain
tests do not depend on the real content files; and the actors and dossiers the rule tests use."""
from __future__ import annotations

import copy
from datetime import datetime

from portal.domain.clock import VN_TZ
from portal.domain.states import Actor

AGENCY = {
    "code": "000.00.15.H55",
    "name": "Chi cục Thủy sản Quảng Ngãi",
    "counter": "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính tỉnh",
    "address": "54 Hùng Vương",
    "phone": None,
}

# The complete 2026 working calendar, in the compiled shape (content/calendar/2026.yaml): a year
# with a file is decided by it alone, so every announced day off and swapped Saturday is here.
CALENDAR_2026 = {
    "source": "content/calendar",
    "years": [2026],
    "days_off": [
        {"date": day, "name": name}
        for day, name in (
            ("2026-01-01", "Tết Dương lịch"),
            ("2026-01-02", "Nghỉ Tết Dương lịch (hoán đổi)"),
            ("2026-02-16", "Tết Nguyên Đán"),
            ("2026-02-17", "Tết Nguyên Đán"),
            ("2026-02-18", "Tết Nguyên Đán"),
            ("2026-02-19", "Tết Nguyên Đán"),
            ("2026-02-20", "Tết Nguyên Đán"),
            ("2026-04-26", "Giỗ Tổ Hùng Vương"),
            ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
            ("2026-04-30", "Ngày Chiến thắng"),
            ("2026-05-01", "Ngày Quốc tế Lao động"),
            ("2026-08-31", "Nghỉ Quốc khánh (hoán đổi)"),
            ("2026-09-01", "Quốc khánh"),
            ("2026-09-02", "Quốc khánh"),
        )
    ],
    "working_days": [
        {"date": "2026-01-10", "name": "Làm bù cho ngày 02/01/2026"},
        {"date": "2026-08-22", "name": "Làm bù cho ngày 31/08/2026"},
    ],
}

_AQUACULTURE = {
    "id": "nuoi-trong-long-be",
    "national_code": None,
    "version": 1,
    "effective_date": "2019-03-08",
    "title": "Cấp giấy xác nhận đăng ký nuôi trồng thủy sản lồng bè",
    "group": "nuoi-trong",
    "service_level": "toan-trinh",
    "applicant_types": ["ca-nhan", "to-chuc"],
    "agency": AGENCY,
    "summary": "Xác nhận đăng ký nuôi lồng bè.",
    "cutoff_time": "15:00",
    "channels": {
        "online": {
            "time_limit": {"value": 5, "unit": "working_days", "from": "receipt"},
            "fee": {"kind": "none"},
        },
        "counter": {
            "time_limit": {"value": 5, "unit": "working_days", "from": "receipt"},
            "fee": {"kind": "none"},
        },
    },
    "steps": ["Nộp đơn."],
    "conditions": None,
    "documents": [
        {
            "slot": "don-de-nghi",
            "name": "Đơn đăng ký nuôi trồng thủy sản",
            "form": "Mẫu 26.NT",
            "originals": 1,
            "copies": 0,
            "required": True,
            "required_when": None,
            "accept": ["pdf", "jpg", "png"],
            "max_size_mb": 10,
        },
        {
            "slot": "giay-uy-quyen",
            "name": "Giấy ủy quyền",
            "form": None,
            "originals": 1,
            "copies": 0,
            "required": False,
            "required_when": "Khi nộp thay",
            "accept": ["pdf", "jpg", "png"],
            "max_size_mb": 10,
        },
    ],
    "legal_bases": [
        {"number": "26/2019/NĐ-CP", "title": "Nghị định", "effective_date": "2019-03-08"}
    ],
    # One declared ground of each kind (portal.domain.grounds), as the real file words them.
    "refusal_grounds": [
        {
            "code": "ngoai-tham-quyen",
            "kind": "competence",
            "text": "Địa điểm nuôi thuộc vùng biển do cơ quan trung ương quản lý.",
            "documents": [],
        },
        {
            "code": "khong-thuoc-doi-tuong",
            "kind": "eligibility",
            "text": "Cơ sở không nuôi bằng lồng bè nên không thuộc diện đăng ký theo thủ tục này.",
            "documents": ["don-de-nghi"],
        },
        {
            "code": "ngoai-vung-quy-hoach",
            "kind": "conditions",
            "text": "Địa điểm nuôi nằm ngoài vùng quy hoạch.",
            "documents": [],
        },
        {
            "code": "gia-mao",
            "kind": "falsified",
            "text": "Hồ sơ có giấy tờ giả mạo hoặc kê khai không trung thực.",
            "documents": [],
        },
    ],
    "result": {"name": "Giấy xác nhận", "delivery": ["online", "counter", "post"]},
    "form": {
        "fields": [
            {
                "name": "loai_giay",
                "label": "Loại đề nghị",
                "type": "choice",
                "required": True,
                "options": [
                    {"value": "cap-moi", "label": "Cấp mới"},
                    {"value": "cap-lai", "label": "Cấp lại"},
                ],
            },
            {
                "name": "doi_tuong_nuoi",
                "label": "Đối tượng nuôi",
                "type": "text",
                "required": True,
                "max_length": 20,
            },
            {
                "name": "so_luong_long",
                "label": "Số lượng lồng",
                "type": "number",
                "required": True,
                "unit": "lồng",
                "min": 1,
                "max": 500,
            },
            {
                "name": "dia_diem_nuoi",
                "label": "Địa điểm nuôi",
                "type": "address",
                "required": True,
            },
            {
                "name": "ngay_bat_dau_nuoi",
                "label": "Ngày bắt đầu nuôi",
                "type": "date",
                "required": False,
            },
            {
                "name": "so_dang_ky_tau",
                "label": "Số đăng ký tàu",
                "type": "vessel_number",
                "required": False,
                "pattern": "^[A-Z][A-Za-z]{1,2}-\\d{4,5}-[A-Z]{2}$",
                "pattern_message": "Số đăng ký tàu có dạng QNg-90123-TS.",
            },
        ]
    },
    "unconfirmed": [],
}

_CATCH_CERTIFICATE = {
    **copy.deepcopy(_AQUACULTURE),
    "id": "nguon-goc-thuy-san",
    "title": "Cấp giấy chứng nhận nguồn gốc thủy sản khai thác",
    "applicant_types": ["to-chuc"],
    "cutoff_time": None,
    "channels": {
        "online": {
            "time_limit": {"value": 2, "unit": "working_days", "from": "receipt"},
            "fee": {
                "kind": "per_unit",
                "base": 150000,
                "per_unit": 15000,
                "unit": "tấn",
                "cap": 700000,
            },
        },
        "counter": {
            "time_limit": {"value": None, "unit": "working_days", "from": "receipt"},
            "fee": {"kind": "unconfirmed", "note": "Chưa rõ"},
        },
        "post": {
            "time_limit": {"value": 60, "unit": "calendar_days", "from": "receipt"},
            "fee": {"kind": "fixed", "amount": 40000},
        },
    },
    "form": None,
}


def aquaculture() -> dict:
    """Person or organisation, 5 working days, cut-off 15:00, two document slots, one refusal
    ground of each kind, a form."""
    return copy.deepcopy(_AQUACULTURE)


def catch_certificate() -> dict:
    """Organisations only, no cut-off hour; online a per-unit fee (150.000 đ + 15.000 đ/tấn, at
    most 700.000 đ), at the counter a missing time limit and an unconfirmed fee, by post a
    60-calendar-day limit (to exercise the calendar-days unit) and a fixed 40.000 đ."""
    return copy.deepcopy(_CATCH_CERTIFICATE)


def person(**changes) -> dict:
    applicant = {
        "kind": "ca-nhan",
        "full_name": "Nguyễn Văn An",
        "id_number": "051090001234",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Hùng Vương"},
    }
    applicant.update(changes)
    return applicant


def organisation(**changes) -> dict:
    applicant = {
        "kind": "to-chuc",
        "full_name": "Hợp tác xã Thủy sản Sa Huỳnh",
        "tax_code": "4300123456",
        "phone": "+84255381234",
        "address": {"province": "Quảng Ngãi", "commune": "Phường Sa Huỳnh", "street": ""},
    }
    applicant.update(changes)
    return applicant


def answers(**changes) -> dict:
    values = {
        "loai_giay": "cap-moi",
        "doi_tuong_nuoi": "Cá bớp",
        "so_luong_long": 12,
        "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Sơn", "street": "Vịnh Dung Quất"},
    }
    values.update(changes)
    return values


def reissue_quicker() -> dict:
    """The aquaculture procedure with a quicker, cheaper reissue (`loai_giay: cap-lai`) online
    and at the counter: new 5 working days and 40.000 đ, reissue 3 working days and 20.000 đ."""
    procedure = aquaculture()
    for channel in procedure["channels"].values():
        channel["fee"] = {"kind": "fixed", "amount": 40000, "note": None}
        channel["cases"] = [
            {
                "when": {"field": "loai_giay", "equals": "cap-lai"},
                "time_limit": {"value": 3, "unit": "working_days", "from": "receipt"},
                "fee": {"kind": "fixed", "amount": 20000, "note": None},
            }
        ]
    return procedure


def unconfirm(procedure: dict, *paths: str) -> dict:
    """The procedure with the catalogue doubting the figures (or case conditions) at `paths`."""
    procedure["unconfirmed"] = [{"path": path, "note": "Chưa đối chiếu văn bản gốc."} for path in paths]
    return procedure


# The actors of the desk's rules: one officer per role of the agency, a second specialist, an
# officer holding two roles, the citizen and the payment callback.
CITIZEN = Actor("citizen", "citizen-1")
SYSTEM = Actor("system", "payment-callback")
RECEPTIONIST = Actor("officer", "tn-1", frozenset({"receptionist"}), AGENCY["code"])
SPECIALIST = Actor("officer", "cv-1", frozenset({"specialist"}), AGENCY["code"])
OTHER_SPECIALIST = Actor("officer", "cv-2", frozenset({"specialist"}), AGENCY["code"])
LEADER = Actor("officer", "ld-1", frozenset({"leader"}), AGENCY["code"])
LEADER_AND_SPECIALIST = Actor("officer", "ld-2", frozenset({"leader", "specialist"}), AGENCY["code"])
ADMIN = Actor("officer", "qt-1", frozenset({"admin"}), AGENCY["code"])


def vn(*args: int) -> datetime:
    """A moment in Vietnam time."""
    return datetime(*args, tzinfo=VN_TZ)


def dossier(state: str = "submitted", **changes) -> dict:
    """A stored dossier's attributes as the rules read them."""
    values = {
        "state": state,
        "version": 3,
        "channel": "online",
        "procedure_id": "nuoi-trong-long-be",
        "supplement_count": 0,
    }
    values.update(changes)
    return values


def field_paths(raised) -> list[str]:
    """The fields a ValidationFailed (caught by pytest.raises) names, in order."""
    return [field.path for field in raised.value.fields]
