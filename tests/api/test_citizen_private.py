"""The private link's routes on moto: the applicant's own view (timeline with what each step asks,
documents, what to do now), supplying the listed papers (checked by their bytes, the clock
resumed, the citizen told), the choice of how to receive the result, one rating after it. A
wrong token and a missing dossier answer the same 404; the public lookup stays without
personal data."""
from __future__ import annotations

import pytest

from tests.api.desk_support import LEADER, SPECIALIST, Desk, in_processing, seed_specialists, upload_result
from tests.api.support import submission

ADDRESS = {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Thôn Châu Thuận Biển"}


@pytest.fixture(autouse=True)
def specialists(aws_env):
    seed_specialists(aws_env)


def _submit(api, key="k") -> dict:
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _call(api, receipt: dict, route: str, token: str | None = None, ref: str | None = None, **body):
    ref = ref or receipt["dossier_id"]
    return api.post(f"/api/dossiers/{ref}/{route}", {"access_token": token or receipt["access_token"], **body})


def _view(api, receipt: dict, **kw) -> dict:
    answer = _call(api, receipt, "view", **kw)
    assert answer.status == 200, answer.text
    return answer.json


def _asked_for_papers(api, clock, receipt: dict) -> Desk:
    """Received on Thursday 9 July (appointed 16 July), asked on Friday 10 July for the signed
    application and the power of attorney."""
    desk = Desk(api, receipt["dossier_id"])
    clock.set(2026, 7, 9, 10, 0)
    desk.ok("receive")
    clock.set(2026, 7, 10, 10, 0)
    desk.ok("request_supplement", {"items": [
        {"slot": "don-de-nghi", "note": "Đơn chưa có chữ ký của người nộp."},
        {"slot": "giay-uy-quyen", "note": "Cần giấy ủy quyền có chứng thực."},
    ], "note": "Bổ sung trong 10 ngày."})
    return desk


def _decided(api, receipt: dict) -> Desk:
    desk = in_processing(api, Desk(api, receipt["dossier_id"]))
    desk.ok("propose", {"proposal": "approve", "opinion": "Đủ điều kiện."}, claims=SPECIALIST)
    desk.ok("decide", {"outcome": "approve", "result": {
        "number": "125/GXN-CCTS", "signer": "Nguyễn Văn Hải", "signed_on": "2026-07-08", "upload_id": upload_result(api),
    }}, claims=LEADER)
    return desk


# --- the view -------------------------------------------------------------------------------


def test_the_private_view_shows_the_timeline_documents_and_what_to_do_without_officers_names(api, clock):
    receipt = _submit(api)
    _asked_for_papers(api, clock, receipt)

    view = _view(api, receipt)

    assert view["code"] == receipt["code"] and view["status"] == "supplement_requested"
    assert view["appointed_date"] == "2026-07-16"
    assert [e["action"] for e in view["timeline"]] == ["submit", "receive", "request_supplement"]
    asked = view["timeline"][-1]["details"]
    assert [(i["name"], i["note"]) for i in asked["items"]][1][1] == "Cần giấy ủy quyền có chứng thực."
    assert asked["note"] == "Bổ sung trong 10 ngày."
    assert view["timeline"][1]["details"]["appointed_date"] == "2026-07-16"
    assert [(i["slot"], i["note"]) for i in view["supplement"]["items"]] == [
        ("don-de-nghi", "Đơn chưa có chữ ký của người nộp."), ("giay-uy-quyen", "Cần giấy ủy quyền có chứng thực."),
    ]
    assert view["supplement"]["items"][0]["accept"] == ["pdf", "jpg", "png"]
    (document,) = view["documents"]
    assert document["filename"] == "don.pdf" and document["size"] > 0
    assert f"dossiers/{receipt['dossier_id']}/don-de-nghi/1" in document["download_url"]
    assert "attachment" in document["download_url"] and "application%2Fpdf" in document["download_url"]
    assert view["allowed"] == ["supply", "choose_delivery", "withdraw"]
    assert [o["method"] for o in view["delivery_options"]] == ["online", "counter", "post"]
    # The officers who acted, and the applicant's own identity, are not in the view.
    for secret in ("tiepnhan01", "051090001234", "access_token_hash"):
        assert secret not in str(view)


def test_the_dossier_is_found_by_its_id_or_its_code_with_the_token_alone(api):
    receipt = _submit(api)
    by_id, by_code = _view(api, receipt), _view(api, receipt, ref=receipt["code"])
    assert by_id["dossier_id"] == by_code["dossier_id"] == receipt["dossier_id"]
    assert by_id["timeline"] == by_code["timeline"]


def test_a_wrong_token_a_missing_dossier_or_code_answer_the_same_404(api):
    receipt = _submit(api)
    answers = [
        _call(api, receipt, "view", token="not-the-token"),
        _call(api, receipt, "view", ref="01J0000000000000000000000"),
        _call(api, receipt, "view", ref="000.00.15.H55-260708-9999"),
        _call(api, receipt, "view", token="not-the-token", ref=receipt["code"]),
        _call(api, receipt, "rating", token="not-the-token", score=5),
        _call(api, receipt, "delivery", token="not-the-token", method="online"),
    ]
    assert {a.status for a in answers} == {404}
    assert all(a.json == answers[0].json for a in answers)


def test_the_public_lookup_still_shows_no_documents_nor_personal_data(api):
    receipt = _submit(api)
    answer = api.post("/api/lookup", {"code": receipt["code"], "id_number": "051090001234"})
    assert answer.status == 200
    assert "documents" not in answer.json and "allowed" not in answer.json
    assert "Nguyễn Văn Bình" not in answer.text and "don.pdf" not in answer.text


def test_views_from_one_client_of_one_dossier_are_limited(api):
    receipt = _submit(api)
    for _ in range(20):
        assert _call(api, receipt, "view").status == 200
    stopped = _call(api, receipt, "view")
    assert stopped.status == 429 and int(stopped.headers["Retry-After"]) > 0


# --- supplying the papers --------------------------------------------------------------------


def test_the_citizen_supplies_exactly_the_listed_items_and_the_clock_resumes(api, clock):
    receipt = _submit(api)
    desk = _asked_for_papers(api, clock, receipt)
    clock.set(2026, 7, 20, 10, 0)  # Monday: 4 working days were left (13–16 July)
    signed, power = api.upload(), api.upload(slot="giay-uy-quyen", filename="uy-quyen.pdf")

    unlisted = _call(api, receipt, "supply", documents=[
        {"slot": "don-de-nghi", "upload_id": signed}, {"slot": "so-do", "upload_id": power},
    ])
    assert unlisted.status == 422
    assert set(unlisted.error_fields()) == {"documents.so-do", "documents.giay-uy-quyen"}

    answer = _call(api, receipt, "supply", documents=[
        {"slot": "don-de-nghi", "upload_id": signed}, {"slot": "giay-uy-quyen", "upload_id": power},
    ])

    assert answer.status == 200, answer.text
    view = answer.json
    assert view["status"] == "received" and view["appointed_date"] == "2026-07-24"
    assert view["timeline"][-1]["action"] == "supply" and view["timeline"][-1]["details"]["appointed_date"] == "2026-07-24"
    assert [(d["slot"], d["n"]) for d in view["documents"]] == [("don-de-nghi", 1), ("don-de-nghi", 2), ("giay-uy-quyen", 1)]
    assert "supply" not in view["allowed"] and view["supplement"] is None
    detail = desk.detail()
    assert detail["dossier"]["status"] == "received" and detail["dossier"]["appointed_date"] == "2026-07-24"
    assert len(detail["documents"]) == 3
    assert detail["events"][-1]["actor_role"] == "citizen"
    messages = [i for i in api.items() if i["SK"].startswith("OUTBOX#") and i["action"] == "supply"]
    assert {m["channel"] for m in messages} == {"email", "sms"}
    assert "24/07/2026" in next(m["body"] for m in messages if m["channel"] == "sms")
    assert _call(api, receipt, "supply", documents=[{"slot": "don-de-nghi", "upload_id": signed}]).status == 409


def test_a_supplied_file_is_checked_by_its_bytes_and_nothing_is_bound_when_refused(api, clock):
    receipt = _submit(api)
    _asked_for_papers(api, clock, receipt)
    fake = api.upload(content=b"MZ\x90\x00 not a pdf at all", filename="don.pdf")
    power = api.upload(slot="giay-uy-quyen", filename="uy-quyen.pdf")

    answer = _call(api, receipt, "supply", documents=[
        {"slot": "don-de-nghi", "upload_id": fake}, {"slot": "giay-uy-quyen", "upload_id": power},
    ])

    assert answer.status == 422 and list(answer.error_fields()) == ["documents.don-de-nghi"]
    view = _view(api, receipt)
    assert view["status"] == "supplement_requested" and len(view["documents"]) == 1
    copies = api.s3.list_objects_v2(Bucket=api.env["DOCUMENTS_BUCKET"], Prefix=f"dossiers/{receipt['dossier_id']}/")
    assert [o["Key"] for o in copies["Contents"]] == [f"dossiers/{receipt['dossier_id']}/don-de-nghi/1"]


# --- delivery, result, rating ----------------------------------------------------------------


def test_the_delivery_choice_by_post_needs_the_address_and_the_desk_sees_it(api):
    receipt = _submit(api)

    no_address = _call(api, receipt, "delivery", method="post")
    assert no_address.status == 422
    assert {"address.province", "address.commune"} <= set(no_address.error_fields())
    stray = _call(api, receipt, "delivery", method="online", address=ADDRESS)
    assert stray.status == 422 and "address" in stray.error_fields()
    unknown = _call(api, receipt, "delivery", method="drone")
    assert unknown.status == 422

    chosen = _call(api, receipt, "delivery", method="post", address=ADDRESS)

    assert chosen.status == 200, chosen.text
    assert chosen.json["delivery_choice"]["address"] == ADDRESS and chosen.json["delivery_choice"]["method"] == "post"
    assert chosen.json["timeline"][-1]["action"] == "submit"  # internal: not on the citizen's timeline
    detail = Desk(api, receipt["dossier_id"]).detail()
    assert detail["dossier"]["delivery_choice"]["method"] == "post"
    assert detail["events"][-1]["action"] == "choose_delivery"
    assert detail["events"][-1]["data"]["address"] == "Thôn Châu Thuận Biển, Xã Bình Châu, Quảng Ngãi"
    assert not [i for i in api.items() if i["SK"].startswith("OUTBOX#") and i["action"] == "choose_delivery"]
    again = _call(api, receipt, "delivery", method="online")
    assert again.status == 200 and again.json["delivery_choice"] == {**again.json["delivery_choice"], "method": "online", "address": None}


def test_the_result_downloads_once_returned_online_then_one_rating(api):
    receipt = _submit(api)
    assert _call(api, receipt, "rating", score=5).status == 409  # no result yet
    desk = _decided(api, receipt)

    decided = _view(api, receipt)
    assert decided["status"] == "result_ready" and decided["result"]["number"] == "125/GXN-CCTS"
    assert decided["result"]["download_url"] is None and "download_result" not in decided["allowed"]
    assert "withdraw" not in decided["allowed"] and "rate" in decided["allowed"]

    desk.ok("return", {"method": "online"})
    returned = _view(api, receipt)
    assert returned["status"] == "returned" and returned["returned"]["method"] == "online"
    assert f"dossiers/{receipt['dossier_id']}/ket-qua/1" in returned["result"]["download_url"]
    assert returned["allowed"] == ["download_result", "rate"]
    assert _call(api, receipt, "delivery", method="counter").status == 409

    assert _call(api, receipt, "rating", score=6).status == 422
    rated = _call(api, receipt, "rating", score=4, comment="  Cán bộ hướng dẫn tận tình.  ")
    assert rated.status == 200, rated.text
    assert rated.json["rating"]["score"] == 4 and rated.json["rating"]["comment"] == "Cán bộ hướng dẫn tận tình."
    assert rated.json["allowed"] == ["download_result"]
    assert _call(api, receipt, "rating", score=1).status == 409
    assert desk.detail()["dossier"]["rating"]["score"] == 4


def test_a_withdrawn_dossier_shows_its_state_and_offers_nothing(api):
    receipt = _submit(api)
    assert api.post(f"/api/dossiers/{receipt['dossier_id']}/withdraw", {"access_token": receipt["access_token"]}).status == 200
    view = _view(api, receipt)
    assert view["status"] == "withdrawn" and view["allowed"] == []
    assert view["timeline"][-1]["action"] == "withdraw"
