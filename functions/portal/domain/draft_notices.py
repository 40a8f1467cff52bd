"""What the citizen is told about a draft (domain/notices.py writes a dossier's messages and
sends these the same way): the link to resume it, the pre-check asked for, the pre-check
answered.

Only the first carries the link, and only when the citizen has just sent the token (saving
the draft): the token is never stored, so a later message cannot hold it. The desk's comments
are not repeated: the citizen reads them on the draft, behind its link.
"""
from __future__ import annotations

from portal.domain.figures import format_date
from portal.domain.notices import SMS_SENDER, Notice, addressed


def saved(applicant: dict, title: str, link: str, kept_until: str) -> list[dict]:
    until = format_date(kept_until)
    text = f"Hồ sơ nháp “{title}” đã được lưu. Mở lại để tiếp tục: {link}. Lưu đến {until}."
    notice = Notice(
        subject="Đã lưu hồ sơ nháp",
        paragraphs=[text, "Liên kết này là riêng của Quý vị: ai có liên kết đều mở được hồ sơ nháp."],
        sms=f"{SMS_SENDER}: {text}",
    )
    return addressed(applicant, notice)


def precheck_requested(applicant: dict, title: str, due: str) -> list[dict]:
    day = format_date(due)
    notice = Notice(
        subject="Đã nhận đề nghị xem trước hồ sơ nháp",
        paragraphs=[
            f"Cơ quan đã nhận đề nghị xem trước hồ sơ nháp “{title}”. Cán bộ sẽ cho ý kiến trước hết ngày {day}.",
            "Trong thời gian cán bộ xem trước, hồ sơ nháp tạm khóa; Quý vị sửa được sau khi có ý kiến.",
        ],
        sms=f"{SMS_SENDER}: Đã nhận đề nghị xem trước hồ sơ nháp “{title}”. Cán bộ cho ý kiến trước hết ngày {day}.",
    )
    return addressed(applicant, notice)


def precheck_answered(applicant: dict, title: str) -> list[dict]:
    text = (f"Cán bộ đã cho ý kiến xem trước hồ sơ nháp “{title}”. "
            "Mở lại hồ sơ nháp bằng liên kết đã lưu để xem ý kiến và hoàn thiện hồ sơ.")
    notice = Notice(subject="Đã có ý kiến xem trước hồ sơ nháp", paragraphs=[text], sms=f"{SMS_SENDER}: {text}")
    return addressed(applicant, notice)
