"""The local stack sends the citizen's messages as the cloud's sender would: after a submission
through the real gateway, its e-mail and SMS are already sent (to moto's SES and SNS) when the
answer arrives, listed on the local outbox page, and neither lost nor sent again after a restart."""
import re

import pytest
import requests

from tests.infra import portal_client
from tests.infra.local_run import start_run

OUTBOX = "/_local/outbox"


def outbox(url: str) -> list[dict]:
    answer = requests.get(url + OUTBOX, params={"format": "json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["messages"]


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("state")
    stack = start_run(state_dir)
    answer = portal_client.submit(stack.url, portal_client.upload(stack.url))
    assert answer.status_code == 201, answer.text
    yield state_dir, stack, answer.json()
    stack.stop()


def test_a_submission_is_answered_with_its_email_and_sms_already_sent(running):
    _, stack, submitted = running
    messages = outbox(stack.url)
    assert sorted(m["channel"] for m in messages) == ["email", "sms"]
    assert all(m["status"] == "sent" and m["provider_id"] for m in messages)
    assert all(submitted["code"] in m["body"] and m["dossier_id"] == submitted["dossier_id"] for m in messages)
    (sms,) = [m for m in messages if m["channel"] == "sms"]
    assert sms["to"].startswith("+84")


def test_the_outbox_page_lists_them_in_vietnamese_under_the_sites_policy(running):
    _, stack, submitted = running
    page = requests.get(stack.url + OUTBOX, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    text = page.text
    assert "<script" not in text and "style=" not in text and not re.search(r"\son[a-z]+=", text)
    for heading in ("Thời điểm", "Kênh", "Người nhận", "Tiêu đề", "Nội dung", "Trạng thái"):
        assert f"<th>{heading}</th>" in text
    assert text.count(submitted["code"]) >= 2 and "Đã gửi" in text and "Tin nhắn SMS" in text


def test_after_a_restart_the_messages_are_still_listed_and_not_sent_again(running):
    state_dir, stack, _ = running
    before = {m["id"] + m["channel"]: m["provider_id"] for m in outbox(stack.url)}
    stack.stop()
    restarted = start_run(state_dir)
    try:
        after = {m["id"] + m["channel"]: m["provider_id"] for m in outbox(restarted.url)}
        assert after == before
        answer = portal_client.submit(restarted.url, portal_client.upload(restarted.url))
        assert answer.status_code == 201, answer.text
        assert len(outbox(restarted.url)) == 4
    finally:
        restarted.stop()
