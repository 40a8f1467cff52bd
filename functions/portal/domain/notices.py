"""What the citizen is told when a dossier changes: one e-mail (if the applicant gave an address)
and one SMS (if a phone) per citizen-visible event, in plain, short Vietnamese.

Each text names the dossier code, what happened, what to do next and the dates that matter
(dd/mm/yyyy, money by figures.py). Nothing personal beyond the name in the e-mail's greeting:
no ID number, address or phone; free text an officer wrote (reasons, notes) goes in the e-mail
only, the SMS points to it. The store writes these messages to the outbox in the same
transaction as the event (docs/architecture.md, "Notifications (outbox)").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from portal.domain.figures import format_date, format_money
from portal.domain.vocabulary import ACTION_LABELS, DELIVERY_LABELS

EMAIL = "email"
SMS = "sms"
SIGNATURE = "Chi cục Thủy sản Quảng Ngãi"
# SMS prefix: who is writing, in as few characters as an SMS allows.
SMS_SENDER = "Chi cục Thủy sản"
LOOKUP_HINT = "Tra cứu hồ sơ trên Cổng dịch vụ công bằng mã hồ sơ."


@dataclass(frozen=True)
class Notice:
    """One event's texts: the e-mail's subject and paragraphs, and the SMS line."""

    subject: str
    paragraphs: list[str]
    sms: str


def _lines(items: list, render: Callable[[dict], str]) -> str:
    return "\n".join(f"- {render(item)}" for item in items if isinstance(item, dict))


def _item_line(item: dict) -> str:
    name = item.get("name") or item.get("slot") or ""
    return f"{name}: {item['note']}" if item.get("note") else name


def _ground_line(ground: dict) -> str:
    return ground.get("text") or ground.get("code") or ""


def _appointed(data: dict) -> str | None:
    value = data.get("new_date") or data.get("appointed_date")
    return format_date(value) if value else None


def _submit(code: str, title: str, data: dict, day: str) -> Notice:
    due = format_date(data["check_due"]) if data.get("check_due") else None
    check = f"Cơ quan sẽ kiểm tra hồ sơ và báo cho Quý vị trước ngày {due}." if due else (
        "Cơ quan sẽ kiểm tra hồ sơ và báo cho Quý vị.")
    return Notice(
        subject=f"Đã gửi hồ sơ {code}",
        paragraphs=[f"Hồ sơ {code} ({title}) đã được gửi trực tuyến ngày {day}.", check],
        sms=f"{SMS_SENDER}: Hồ sơ {code} đã được gửi ngày {day}."
        + (f" Kết quả kiểm tra trước ngày {due}." if due else ""),
    )


def _received(code: str, title: str, data: dict, day: str) -> Notice:
    appointed = _appointed(data)
    when = f"Ngày hẹn trả kết quả: {appointed}." if appointed else "Cơ quan sẽ báo ngày hẹn trả kết quả."
    return Notice(
        subject=f"Hồ sơ {code} đã được tiếp nhận",
        paragraphs=[f"Hồ sơ {code} ({title}) đã được tiếp nhận ngày {day}.", when],
        sms=f"{SMS_SENDER}: Hồ sơ {code} đã được tiếp nhận ngày {day}."
        + (f" Hẹn trả kết quả ngày {appointed}." if appointed else ""),
    )


def _refuse(code: str, title: str, data: dict, day: str) -> Notice:
    paragraphs = [f"Hồ sơ {code} ({title}) không được tiếp nhận (ngày {day})."]
    if data.get("grounds"):
        paragraphs.append("Lý do:\n" + _lines(data["grounds"], _ground_line))
    if data.get("note"):
        paragraphs.append(f"Giải thích: {data['note']}")
    paragraphs.append("Quý vị có thể nộp hồ sơ mới sau khi đã hoàn thiện theo các lý do trên.")
    return Notice(
        subject=f"Hồ sơ {code} không được tiếp nhận",
        paragraphs=paragraphs,
        sms=f"{SMS_SENDER}: Hồ sơ {code} không được tiếp nhận. Lý do xem trong thư điện tử hoặc khi tra cứu hồ sơ.",
    )


def _request_supplement(code: str, title: str, data: dict, day: str) -> Notice:
    paragraphs = [f"Hồ sơ {code} ({title}) cần bổ sung giấy tờ (yêu cầu ngày {day})."]
    if data.get("items"):
        paragraphs.append("Giấy tờ cần bổ sung:\n" + _lines(data["items"], _item_line))
    if data.get("note"):
        paragraphs.append(f"Ghi chú: {data['note']}")
    paragraphs.append(
        "Vui lòng nộp bổ sung trên Cổng dịch vụ công hoặc tại nơi nộp hồ sơ. Thời hạn giải quyết "
        "tạm dừng cho đến khi nhận đủ giấy tờ bổ sung."
    )
    return Notice(
        subject=f"Hồ sơ {code} cần bổ sung giấy tờ",
        paragraphs=paragraphs,
        sms=f"{SMS_SENDER}: Hồ sơ {code} cần bổ sung giấy tờ. Chi tiết xem trong thư điện tử hoặc khi tra cứu hồ sơ.",
    )


def _supply(code: str, title: str, data: dict, day: str) -> Notice:
    appointed = _appointed(data)
    due = format_date(data["check_due"]) if data.get("check_due") else None
    if appointed:
        after, short = f"Ngày hẹn trả kết quả mới: {appointed}.", f" Hẹn trả kết quả ngày {appointed}."
    elif due:
        after, short = f"Cơ quan sẽ kiểm tra lại hồ sơ trước ngày {due}.", f" Kết quả kiểm tra trước ngày {due}."
    else:
        after, short = "Hồ sơ tiếp tục được giải quyết.", ""
    return Notice(
        subject=f"Đã nhận giấy tờ bổ sung của hồ sơ {code}",
        paragraphs=[f"Giấy tờ bổ sung của hồ sơ {code} ({title}) đã được nhận ngày {day}.", after],
        sms=f"{SMS_SENDER}: Đã nhận giấy tờ bổ sung của hồ sơ {code}.{short}",
    )


def _request_fee(code: str, title: str, data: dict, day: str) -> Notice:
    amount = format_money(data["amount"]) if isinstance(data.get("amount"), (int, float)) else None
    what = f"Số tiền phải nộp: {amount}." if amount else "Cơ quan sẽ hướng dẫn số tiền phải nộp."
    return Notice(
        subject=f"Nộp phí, lệ phí cho hồ sơ {code}",
        paragraphs=[
            f"Hồ sơ {code} ({title}) cần nộp phí, lệ phí để tiếp tục giải quyết (thông báo ngày {day}).",
            what,
            "Vui lòng nộp tại nơi nộp hồ sơ hoặc theo hướng dẫn của cơ quan; hồ sơ tiếp tục được giải "
            "quyết khi đã nộp.",
        ],
        sms=f"{SMS_SENDER}: Hồ sơ {code} cần nộp phí, lệ phí"
        + (f" {amount}." if amount else ".") + " Hồ sơ tiếp tục giải quyết khi đã nộp.",
    )


def _paid(code: str, title: str, data: dict, day: str) -> Notice:
    amount = format_money(data["amount"]) if isinstance(data.get("amount"), (int, float)) else None
    received = f"Đã nhận {amount} phí, lệ phí" if amount else "Đã nhận phí, lệ phí"
    return Notice(
        subject=f"Đã nhận phí, lệ phí của hồ sơ {code}",
        paragraphs=[f"{received} của hồ sơ {code} ({title}) ngày {day}.", "Hồ sơ tiếp tục được giải quyết."],
        sms=f"{SMS_SENDER}: {received} của hồ sơ {code} ngày {day}.",
    )


def _decide(code: str, title: str, data: dict, day: str) -> Notice:
    if data.get("outcome") == "deny":
        paragraphs = [f"Hồ sơ {code} ({title}) không được giải quyết (quyết định ngày {day})."]
        reasons = data.get("reasons") or data.get("reason")
        if reasons:
            paragraphs.append(f"Lý do: {reasons}")
        paragraphs.append("Quý vị nhận văn bản trả lời tại nơi nộp hồ sơ hoặc theo cách đã đăng ký.")
        return Notice(
            subject=f"Hồ sơ {code} không được giải quyết",
            paragraphs=paragraphs,
            sms=f"{SMS_SENDER}: Hồ sơ {code} không được giải quyết. Lý do xem trong thư điện tử hoặc khi tra cứu hồ sơ.",
        )
    appointed = _appointed(data)
    return Notice(
        subject=f"Hồ sơ {code} đã có kết quả",
        paragraphs=[
            f"Hồ sơ {code} ({title}) đã có kết quả ngày {day}.",
            "Quý vị nhận kết quả tại nơi nộp hồ sơ hoặc theo cách đã đăng ký"
            + (f", từ ngày hẹn {appointed}." if appointed else "."),
        ],
        sms=f"{SMS_SENDER}: Hồ sơ {code} đã có kết quả ngày {day}. Vui lòng nhận kết quả theo cách đã đăng ký.",
    )


def _stop(code: str, title: str, data: dict, day: str) -> Notice:
    paragraphs = [f"Hồ sơ {code} ({title}) đã dừng giải quyết ngày {day}."]
    grounds = data.get("grounds") or ([data["ground"]] if isinstance(data.get("ground"), dict) else [])
    if grounds:
        paragraphs.append("Lý do:\n" + _lines(grounds, _ground_line))
    for key, label in (("reason", "Lý do"), ("note", "Giải thích")):
        if data.get(key):
            paragraphs.append(f"{label}: {data[key]}")
    return Notice(
        subject=f"Hồ sơ {code} đã dừng giải quyết",
        paragraphs=paragraphs,
        sms=f"{SMS_SENDER}: Hồ sơ {code} đã dừng giải quyết. Lý do xem trong thư điện tử hoặc khi tra cứu hồ sơ.",
    )


def _apologise(code: str, title: str, data: dict, day: str) -> Notice:
    appointed = _appointed(data)
    paragraphs = [f"Cơ quan xin lỗi Quý vị vì hồ sơ {code} ({title}) chưa có kết quả đúng hẹn."]
    if data.get("reason"):
        paragraphs.append(f"Lý do: {data['reason']}")
    paragraphs.append(f"Ngày hẹn trả kết quả mới: {appointed}." if appointed else "Cơ quan sẽ báo ngày hẹn mới.")
    return Notice(
        subject=f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}",
        paragraphs=paragraphs,
        sms=f"{SMS_SENDER} xin lỗi vì hồ sơ {code} trễ hẹn."
        + (f" Ngày hẹn mới: {appointed}." if appointed else ""),
    )


def _return(code: str, title: str, data: dict, day: str) -> Notice:
    method = data.get("method")
    if method == "post":
        how = "đã được gửi qua bưu điện" + (f", số vận đơn {data['waybill']}" if data.get("waybill") else "")
    elif method in DELIVERY_LABELS:
        how = f"đã được trả ({DELIVERY_LABELS[method]})"
    else:
        how = "đã được trả"
    return Notice(
        subject=f"Đã trả kết quả hồ sơ {code}",
        paragraphs=[f"Kết quả của hồ sơ {code} ({title}) {how} ngày {day}.", "Hồ sơ đã hoàn thành."],
        sms=f"{SMS_SENDER}: Kết quả hồ sơ {code} {how} ngày {day}.",
    )


# Actions whose texts need nothing but the code, the title and the day: the texts as templates.
PLAIN = {
    "forward": Notice(
        subject="Hồ sơ {code} đang được giải quyết",
        paragraphs=[
            "Hồ sơ {code} ({title}) đã được chuyển tới bộ phận chuyên môn để giải quyết (ngày {day}).",
            "Quý vị chưa cần làm gì thêm; cơ quan sẽ báo khi có kết quả hoặc khi cần thêm thông tin.",
        ],
        sms="{sender}: Hồ sơ {code} đã được chuyển bộ phận chuyên môn giải quyết ngày {day}.",
    ),
    "withdraw": Notice(
        subject="Hồ sơ {code} đã được rút",
        paragraphs=[
            "Hồ sơ {code} ({title}) đã được rút theo yêu cầu của Quý vị ngày {day}.",
            "Cơ quan dừng giải quyết hồ sơ này. Quý vị có thể nộp hồ sơ mới khi cần.",
        ],
        sms="{sender}: Hồ sơ {code} đã được rút theo yêu cầu của Quý vị ngày {day}.",
    ),
}


def _plain(template: Notice) -> Callable[[str, str, dict, str], Notice]:
    def notice(code: str, title: str, data: dict, day: str) -> Notice:
        def fill(text: str) -> str:
            return text.format(code=code, title=title, day=day, sender=SMS_SENDER)

        return Notice(fill(template.subject), [fill(p) for p in template.paragraphs], fill(template.sms))

    return notice


def _other(action: str) -> Callable[[str, str, dict, str], Notice]:
    """An action without its own text yet: its label, and where to read more."""
    label = ACTION_LABELS.get(action, action).replace("{", "{{").replace("}", "}}")
    return _plain(Notice(
        subject="Hồ sơ {code} có cập nhật mới",
        paragraphs=["Hồ sơ {code} ({title}): " + label + " (ngày {day}).", LOOKUP_HINT],
        sms="{sender}: Hồ sơ {code}: " + label + " ngày {day}.",
    ))


TEXTS: dict[str, Callable[[str, str, dict, str], Notice]] = {
    "submit": _submit,
    "intake": _received,
    "receive": _received,
    "refuse": _refuse,
    "request_supplement": _request_supplement,
    "supply": _supply,
    "forward": _plain(PLAIN["forward"]),
    "request_fee": _request_fee,
    "paid": _paid,
    "decide": _decide,
    "stop": _stop,
    "apologise": _apologise,
    "return": _return,
    "withdraw": _plain(PLAIN["withdraw"]),
}


def notice_for(code: str, title: str, event: dict) -> Notice:
    action = event["action"]
    text = TEXTS.get(action) or _other(action)
    return text(code, title, event.get("data") or {}, format_date(event["at"]))


def e164_vn(phone: str) -> str | None:
    """A Vietnamese phone as stored (`0912345678` or `+84912345678`, field_rules "phone") in
    E.164 (`+84912345678`), which SNS needs; None if it is neither."""
    digits = re.sub(r"[ .\-()]", "", phone or "")
    if re.fullmatch(r"\+84[0-9]{9,10}", digits):
        return digits
    if re.fullmatch(r"0[0-9]{9,10}", digits):
        return "+84" + digits[1:]
    if re.fullmatch(r"84[0-9]{9,10}", digits):
        return "+" + digits
    return None


def _greeting(applicant: dict) -> str:
    name = (applicant.get("full_name") or "").strip()
    if not name:
        return "Kính gửi Quý vị,"
    return f"Kính gửi {name}," if applicant.get("kind") == "to-chuc" else f"Kính gửi Ông/Bà {name},"


def messages_for(meta: dict, event: dict, procedure_title: str) -> list[dict]:
    """The outbox messages of one event: `[{channel, to, subject, body}]`, an e-mail if the
    applicant gave an address and an SMS if a phone; none for an internal event."""
    if not event.get("citizen_visible"):
        return []
    return addressed(meta.get("applicant") or {}, notice_for(meta["code"], procedure_title, event), LOOKUP_HINT)


def addressed(applicant: dict, notice: Notice, hint: str | None = None) -> list[dict]:
    """`notice` as the applicant's messages: the e-mail (greeting, paragraphs, `hint`,
    signature) if they gave an address, the SMS if a phone."""
    messages = []
    email = (applicant.get("email") or "").strip()
    if email:
        body = "\n\n".join([_greeting(applicant), *notice.paragraphs, *([hint] if hint else []),
                             f"Trân trọng,\n{SIGNATURE}"])
        messages.append({"channel": EMAIL, "to": email, "subject": notice.subject, "body": body})
    phone = e164_vn(applicant.get("phone") or "")
    if phone:
        messages.append({"channel": SMS, "to": phone, "subject": None, "body": notice.sms})
    return messages
