"""The citizen withdraws a dossier from the private link: at once, in any state not yet
decided, seen by the desk; a wrong token and a missing dossier answer alike."""
from tests.api.desk_support import LEADER, SPECIALIST, Desk, in_processing, seed_specialists
from tests.api.support import submission


def _submit(api, key="k"):
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _withdraw(api, dossier_id, token, reason=None):
    body = {"access_token": token, **({"reason": reason} if reason else {})}
    return api.post(f"/api/dossiers/{dossier_id}/withdraw", body)


def test_a_submitted_dossier_is_withdrawn_at_once_and_the_desk_sees_it(api):
    receipt = _submit(api)

    answer = _withdraw(api, receipt["dossier_id"], receipt["access_token"], "Nộp nhầm thủ tục.")

    assert answer.status == 200, answer.text
    assert answer.json["status"] == "withdrawn" and answer.json["status_label"] == "Đã rút hồ sơ"
    detail = api.officer("GET", f"/api/officer/dossiers/{receipt['dossier_id']}").json
    assert detail["dossier"]["status"] == "withdrawn"
    assert detail["events"][-1]["action"] == "withdraw" and detail["events"][-1]["data"] == {"reason": "Nộp nhầm thủ tục."}
    assert detail["allowed_actions"] == []
    again = _withdraw(api, receipt["dossier_id"], receipt["access_token"])
    assert again.status == 200
    assert [e["action"] for e in api.officer("GET", f"/api/officer/dossiers/{receipt['dossier_id']}").json["events"]] == ["submit", "withdraw"]


def test_a_dossier_in_processing_can_be_withdrawn_but_not_once_decided(api, aws_env):
    seed_specialists(aws_env)
    receipt = _submit(api)

    desk = in_processing(api, Desk(api, receipt["dossier_id"]))
    desk.ok("propose", {"proposal": "deny", "opinion": "Không đủ điều kiện."}, claims=SPECIALIST)
    desk.ok("decide", {"outcome": "deny", "reasons": "Ngoài vùng quy hoạch."}, claims=LEADER)

    answer = _withdraw(api, receipt["dossier_id"], receipt["access_token"])
    assert answer.status == 409 and answer.json["error"]["code"] == "CONFLICT"

    other = _submit(api, key="k2")
    Desk(api, other["dossier_id"]).ok("receive")
    assert _withdraw(api, other["dossier_id"], other["access_token"]).status == 200


def test_a_wrong_token_and_a_missing_dossier_answer_the_same(api):
    receipt = _submit(api)
    wrong = _withdraw(api, receipt["dossier_id"], "not-the-token")
    missing = _withdraw(api, "01J0000000000000000000000", receipt["access_token"])
    assert wrong.status == missing.status == 404
    assert wrong.json == missing.json
    assert api.officer("GET", f"/api/officer/dossiers/{receipt['dossier_id']}").json["dossier"]["status"] == "submitted"
