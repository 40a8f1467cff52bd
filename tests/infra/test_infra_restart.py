"""`make run` keeps its data: a dossier submitted before a crash or a restart can still be
looked up with its code or its private link, opened by an officer (who signs in again) with its
document, and the day's numbering goes on. A second copy on a taken port or on the same data
stops at once with a message saying why."""
import socket
import subprocess

import pytest
import requests

from tests.api.support import PDF
from tests.infra import portal_client
from tests.infra.local_run import ROOT, RunningStack, child_env, free_port, run_command, start_run


def submit_then_stop(state_dir, stop) -> dict:
    """A dossier submitted on a stack with its data in `state_dir`, which `stop` then ends."""
    running = start_run(state_dir)
    try:
        answer = portal_client.submit(running.url, portal_client.upload(running.url))
        assert answer.status_code == 201, answer.text
    finally:
        stop(running)
    return answer.json()


@pytest.fixture(scope="module")
def before_restart(tmp_path_factory):
    """A dossier submitted on a stack that then dies without warning (kill -9)."""
    state_dir = tmp_path_factory.mktemp("state")
    return state_dir, submit_then_stop(state_dir, RunningStack.kill)


@pytest.fixture(scope="module")
def restarted(before_restart):
    state_dir, _ = before_restart
    running = start_run(state_dir)
    yield running
    running.stop()


def test_a_dossier_is_found_by_its_code_and_private_link_after_a_restart(before_restart, restarted):
    _, submitted = before_restart
    by_id = portal_client.lookup(restarted.url, submitted["code"], id_number="051090001234")
    assert by_id.status_code == 200, by_id.text
    assert by_id.json()["status"] == submitted["status"]
    by_link = portal_client.lookup(restarted.url, submitted["code"], access_token=submitted["access_token"])
    assert by_link.status_code == 200, by_link.text


def test_an_officer_signs_in_again_and_opens_the_dossier_and_its_document(before_restart, restarted):
    _, submitted = before_restart
    token = portal_client.id_token(restarted.url, "tiepnhan")
    detail = portal_client.officer_get(restarted.url, f"/api/officer/dossiers/{submitted['dossier_id']}", token)
    assert detail.status_code == 200, detail.text
    [document] = detail.json()["documents"]
    downloaded = requests.get(document["download_url"], timeout=30)
    assert downloaded.content == PDF
    # Through the documents distribution's stand-in, on an origin of its own, never sniffed.
    assert not document["download_url"].startswith(restarted.url + "/")
    assert downloaded.headers["Content-Type"] == "application/pdf"
    assert downloaded.headers["Content-Disposition"].startswith("attachment;")
    assert downloaded.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in downloaded.headers["Content-Security-Policy"]


def test_the_days_numbering_goes_on_after_a_restart(before_restart, restarted):
    _, submitted = before_restart
    answer = portal_client.submit(restarted.url, portal_client.upload(restarted.url))
    assert answer.status_code == 201, answer.text
    first = int(submitted["code"].rsplit("-", 1)[1])
    assert int(answer.json()["code"].rsplit("-", 1)[1]) == first + 1


def test_a_second_copy_on_the_same_data_stops_with_a_message(before_restart, restarted):
    state_dir, _ = before_restart
    second = subprocess.run(run_command("--port", str(free_port()), "--state-dir", str(state_dir)),
                            cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode != 0
    assert f"Thư mục dữ liệu {state_dir} đang được một `make run` khác dùng" in second.stderr


def test_a_taken_port_stops_at_once_with_a_message(tmp_path):
    state_dir = tmp_path / "state"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        second = subprocess.run(run_command("--port", str(port), "--state-dir", str(state_dir)),
                                cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode != 0
    assert f"Cổng {port} đang được dùng" in second.stderr
    assert f"make run PORT={port + 1}" in second.stderr
    assert not state_dir.exists()  # it stopped before touching anything else


def test_reset_starts_empty(tmp_path):
    code = submit_then_stop(tmp_path, RunningStack.stop)["code"]
    running = start_run(tmp_path, "--reset")
    try:
        assert portal_client.lookup(running.url, code, id_number="051090001234").status_code == 404
    finally:
        running.stop()
