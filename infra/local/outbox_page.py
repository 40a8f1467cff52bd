"""`GET /_local/outbox` on the local gateway: every message the outbox holds (what the sender
sent to moto's SES and SNS, and what is still pending or failed), newest first, as an HTML table
in Vietnamese, or as JSON with `?format=json` (for tests). Local only: the cloud has no such page.

The page is plain HTML with no script or inline style, so the site's CSP applies unchanged."""
from __future__ import annotations

import html
import json
from urllib.parse import parse_qs

from infra.local.references import Provisioned
from infra.local.resources import aws_client

PATH = "/_local/outbox"
COLUMNS = [("created_at", "Thời điểm"), ("channel", "Kênh"), ("to", "Người nhận"), ("subject", "Tiêu đề"),
           ("body", "Nội dung"), ("status", "Trạng thái")]
CHANNELS = {"email": "Thư điện tử", "sms": "Tin nhắn SMS"}
STATUSES = {"pending": "Chờ gửi", "sending": "Đang gửi", "sent": "Đã gửi", "failed": "Gửi lỗi"}
FIELDS = ("dossier_id", "draft_id", "id", "action", "channel", "to", "subject", "body", "status", "created_at", "sent_at",
          "provider_id", "last_error")


def outbox_messages(stack: Provisioned, table_logical_id: str = "DossierTable") -> list[dict]:
    """The outbox items of the local table, newest first (a Scan: moto, a handful of items)."""
    from boto3.dynamodb.types import TypeDeserializer

    ddb = aws_client("dynamodb", stack.region, stack.endpoint_url)
    plain = TypeDeserializer()
    found = []
    scan = {"TableName": stack.physical_ids[table_logical_id], "FilterExpression": "kind = :outbox",
            "ExpressionAttributeValues": {":outbox": {"S": "outbox"}}}
    for page in ddb.get_paginator("scan").paginate(**scan):
        for item in page["Items"]:
            record = {k: plain.deserialize(v) for k, v in item.items()}
            found.append({k: record.get(k) for k in FIELDS})
    return sorted(found, key=lambda m: (m["created_at"] or "", m["id"] or ""), reverse=True)


def _cell(name: str, message: dict) -> str:
    value = message.get(name) or ""
    if name == "channel":
        value = CHANNELS.get(value, value)
    elif name == "status":
        value = STATUSES.get(value, value)
        if message.get("sent_at"):
            value += f" ({message['sent_at']})"
    return "<td>" + html.escape(str(value)).replace("\n", "<br>") + "</td>"


def render(messages: list[dict]) -> str:
    rows = "\n".join("<tr>" + "".join(_cell(name, m) for name, _ in COLUMNS) + "</tr>" for m in messages)
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in COLUMNS)
    empty = "" if messages else "<p>Chưa có thông báo nào.</p>"
    return (
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<title>Hộp thư đi (máy cục bộ)</title></head><body>\n"
        "<h1>Hộp thư đi: thư điện tử và tin nhắn gửi người nộp hồ sơ</h1>\n"
        "<p>Chỉ có trên máy cục bộ: các thông báo được gửi tới SES và SNS giả lập (moto), "
        f"mới nhất trước. Bản JSON: <a href=\"{PATH}?format=json\">{PATH}?format=json</a>.</p>\n"
        f"{empty}<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n</body></html>\n"
    )


def outbox_page(stack: Provisioned):
    """The gateway's handler for PATH: (status, headers, body) from the query string."""

    def page(query: str) -> tuple[int, dict[str, str], bytes]:
        messages = outbox_messages(stack)
        if parse_qs(query).get("format") == ["json"]:
            body = json.dumps({"messages": messages}, ensure_ascii=False, default=str)
            return 200, {"Content-Type": "application/json", "Cache-Control": "no-store"}, body.encode("utf-8")
        return 200, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}, render(messages).encode()

    return page
