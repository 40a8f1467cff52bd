"""Vietnam time. Lambdas run in UTC; every legal time is Asia/Ho_Chi_Minh (UTC+7, no DST), so
convert explicitly and store ISO 8601 with the offset."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_vn() -> datetime:
    return datetime.now(VN_TZ)


def to_vn(dt: datetime) -> datetime:
    """The same instant in Vietnam time. A naive datetime is refused: guessing its zone is how
    a 15:30 receipt silently becomes 08:30."""
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        raise ValueError("naive datetime: a timezone is required")
    return dt.astimezone(VN_TZ)


def iso(dt: datetime) -> str:
    """`2026-07-08T15:30:00+07:00`: Vietnam time, seconds precision."""
    return to_vn(dt).replace(microsecond=0).isoformat()


def parse_iso(value: str) -> datetime:
    """Parse an ISO 8601 timestamp with an offset (`Z` accepted) into Vietnam time."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    return to_vn(parsed)
