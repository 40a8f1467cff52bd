"""Every word the portal shows for one of its codes, stated once.

The API answers with these labels, the compiler copies `vocabulary()` into the compiled
catalogue, and the site writes it to `assets/data/vocabulary.json` for the page scripts: a
status, action, role or channel reads the same on the citizen's page, the officer's desk, the
printed sheet and in a message. Keys are the plain codes the API and the catalogue use.
Procedure content (titles, documents, grounds) is not here: it lives in content/procedures.
"""
from __future__ import annotations

# Dossier statuses: the labels of the national public-service portal (docs/domain.md, "Statuses").
STATUS_LABELS: dict[str, str] = {
    "draft": "Bản nháp",
    "submitted": "Mới đăng ký",
    "received": "Được tiếp nhận",
    "refused": "Không được tiếp nhận",
    "processing": "Đang xử lý",
    "supplement_requested": "Yêu cầu bổ sung giấy tờ",
    "awaiting_payment": "Chờ thực hiện nghĩa vụ tài chính",
    "result_ready": "Đã xử lý xong",
    "stopped": "Dừng xử lý",
    "returned": "Đã trả kết quả",
    "withdrawn": "Đã rút hồ sơ",
}

# A citizen's draft (docs/domain.md, "Drafts and the desk's pre-check"): not a dossier yet, so
# it has its own few statuses, and the two things that happen to it at the desk.
DRAFT_STATUS_LABELS: dict[str, str] = {
    "editing": "Đang soạn",
    "precheck_waiting": "Chờ xem trước",
    "precheck_answered": "Đã có ý kiến xem trước",
    "submitted": "Đã nộp",
}
DRAFT_ACTION_LABELS: dict[str, str] = {
    "save": "Lưu hồ sơ nháp",
    "precheck_request": "Đề nghị xem trước hồ sơ nháp",
    "precheck_answer": "Cho ý kiến xem trước",
    "submit": "Nộp hồ sơ từ bản nháp",
}

ACTION_LABELS: dict[str, str] = {
    "save_draft": "Lưu bản nháp",
    "submit": "Nộp hồ sơ",
    "intake": "Tiếp nhận hồ sơ tại quầy",
    "receive": "Tiếp nhận hồ sơ",
    "refuse": "Từ chối tiếp nhận",
    "request_supplement": "Yêu cầu bổ sung giấy tờ",
    "supply": "Bổ sung giấy tờ",
    "forward": "Chuyển xử lý",
    "assign": "Phân công lại chuyên viên",
    "propose": "Thẩm định và đề xuất",
    "send_back": "Trả lại chuyên viên xem xét lại",
    "request_fee": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "paid": "Đã thực hiện nghĩa vụ tài chính",
    "decide": "Quyết định giải quyết",
    "stop": "Dừng xử lý",
    "apologise": "Xin lỗi và hẹn lại ngày trả kết quả",
    "return": "Trả kết quả",
    "withdraw": "Rút hồ sơ",
    "redact": "Xóa dữ liệu cá nhân theo thời hạn lưu trữ",
    "choose_delivery": "Chọn cách nhận kết quả",
    "rate": "Đánh giá việc giải quyết",
}

# Who acted: officer groups (Cognito) and the two actors that are not officers.
ROLE_LABELS: dict[str, str] = {
    "receptionist": "Cán bộ tiếp nhận",
    "specialist": "Chuyên viên",
    "leader": "Lãnh đạo",
    "admin": "Quản trị",
    "citizen": "Người nộp hồ sơ",
    "system": "Hệ thống",
}

APPLICANT_KIND_LABELS: dict[str, str] = {"ca-nhan": "Cá nhân", "to-chuc": "Tổ chức"}

# How a dossier reached the desk.
CHANNEL_LABELS: dict[str, str] = {
    "online": "Nộp trực tuyến",
    "counter": "Nộp trực tiếp",
    "post": "Gửi qua bưu điện",
}

# How the result reaches the applicant (completes "Bạn có thể ...").
DELIVERY_LABELS: dict[str, str] = {
    "online": "nhận bản điện tử trên cổng",
    "counter": "nhận trực tiếp tại nơi nộp hồ sơ",
    "post": "nhận qua bưu điện",
}

# How a fee was paid (the receipt; not in vocabulary(): the API answers with the label).
PAYMENT_METHOD_LABELS: dict[str, str] = {
    "online": "Thanh toán trực tuyến",
    "counter": "Nộp tại nơi tiếp nhận hồ sơ",
}

GROUP_LABELS: dict[str, str] = {
    "khai-thac": "Khai thác thủy sản",
    "tau-ca": "Tàu cá",
    "nuoi-trong": "Nuôi trồng thủy sản",
    "nguon-loi": "Bảo vệ và phát triển nguồn lợi thủy sản",
    "chung-nhan": "Chứng nhận, xác nhận",
}

# Service levels (Decree 42/2022): fully online, partly online, information only.
LEVEL_LABELS: dict[str, str] = {
    "toan-trinh": "Trực tuyến toàn trình",
    "mot-phan": "Trực tuyến một phần",
    "thong-tin": "Cung cấp thông tin",
}
LEVEL_HELP: dict[str, str] = {
    "toan-trinh": "Nộp hồ sơ, nhận kết quả hoàn toàn trên mạng hoặc qua bưu điện.",
    "mot-phan": "Nộp hồ sơ trên mạng; có bước phải làm trực tiếp.",
    "thong-tin": "Xem hướng dẫn, tải mẫu đơn và nộp trực tiếp hoặc qua bưu điện.",
}

TIME_UNIT_LABELS: dict[str, str] = {"working_days": "ngày làm việc", "calendar_days": "ngày"}
TIME_FROM_LABELS: dict[str, str] = {
    "receipt": "kể từ ngày nhận đủ hồ sơ hợp lệ",
    "complete_dossier": "kể từ ngày nhận đủ hồ sơ theo quy định",
    "inspection": "kể từ ngày kết thúc kiểm tra thực tế",
}

# The kind of a declared refusal or stop ground (docs/domain.md, "Refusal and stop grounds").
GROUND_KIND_LABELS: dict[str, str] = {
    "competence": "Không thuộc thẩm quyền giải quyết",
    "eligibility": "Không thuộc đối tượng của thủ tục",
    "conditions": "Không đáp ứng điều kiện theo quy định",
    "falsified": "Giấy tờ giả mạo hoặc kê khai không trung thực",
}


# Short notes shown beside a value.
NOTES: dict[str, str] = {
    # Beside a due date counted across a year whose days off are not announced yet.
    "provisional_date": "tạm tính: lịch nghỉ lễ của năm này chưa được công bố",
}


def lower_first(label: str) -> str:
    """A label inside a sentence: "Cá nhân" → "cá nhân"."""
    return label[:1].lower() + label[1:]


def vocabulary() -> dict[str, dict[str, str]]:
    """All of the above as one JSON-able mapping (what the page scripts load)."""
    return {
        "status": dict(STATUS_LABELS),
        "draft_status": dict(DRAFT_STATUS_LABELS),
        "draft_action": dict(DRAFT_ACTION_LABELS),
        "action": dict(ACTION_LABELS),
        "role": dict(ROLE_LABELS),
        "applicant_kind": dict(APPLICANT_KIND_LABELS),
        "channel": dict(CHANNEL_LABELS),
        "delivery": dict(DELIVERY_LABELS),
        "group": dict(GROUP_LABELS),
        "level": dict(LEVEL_LABELS),
        "level_help": dict(LEVEL_HELP),
        "time_unit": dict(TIME_UNIT_LABELS),
        "time_from": dict(TIME_FROM_LABELS),
        "ground_kind": dict(GROUND_KIND_LABELS),
        "note": dict(NOTES),
    }
