"""A procedure whose reissue is quicker than a new certificate (`cases` on its channels): the
desk's receipt promises the citizen the reissue's own appointed date."""
from tests.api.support import PDF, submission

FEED = "thuc-an-thuy-san-co-so-du-dieu-kien"  # 10 working days new, 3 working days reissue


def _upload(api) -> str:
    answer = api.create_upload(procedure_id=FEED, slot="don-de-nghi", size=len(PDF))
    assert answer.status == 201, answer.text
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=answer.json["fields"]["key"], Body=PDF,
                      ContentType="application/pdf")
    return answer.json["upload_id"]


def _submit(api, request: str, key: str) -> dict:
    body = submission(None, procedure_id=FEED, documents=[{"slot": "don-de-nghi", "upload_id": _upload(api)}])
    body["answers"] = {
        "loai_de_nghi": request,
        "loai_san_pham": "thuc-an",
        "ten_co_so_san_xuat": "Cơ sở thức ăn thủy sản Sa Huỳnh",
        "dia_chi_nha_xuong": {"province": "Quảng Ngãi", "commune": "Phường Sa Huỳnh", "street": "Thôn Thạnh Đức"},
    }
    answer = api.submit(body, key=key)
    assert answer.status == 201, answer.text
    return answer.json


def test_a_reissue_is_received_with_the_shorter_time_limit(api, clock):
    reissue = _submit(api, "cap-lai", "reissue")
    new = _submit(api, "cap-moi", "new")
    clock.set(2026, 7, 9, 10, 0)  # Thursday

    received = {
        name: api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})
        for name, dossier in (("reissue", reissue), ("new", new))
    }

    assert all(answer.status == 200 for answer in received.values()), received
    # Reissue: Fri 10, Mon 13, Tue 14. New: ten working days, to Thursday 23/07.
    assert received["reissue"].json["dossier"]["appointed_date"] == "2026-07-14"
    assert received["new"].json["dossier"]["appointed_date"] == "2026-07-23"
    assert received["reissue"].json["dossier"]["time_limit"] == {
        "value": 3, "unit": "working_days", "set_by_hand": None, "reason": None}
    status = api.post("/api/lookup", {"code": reissue["code"], "id_number": "051090001234"}).json
    assert status["appointed_date"] == "2026-07-14"
    queue = api.officer("GET", "/api/officer/queue", query={"queue": "received"}).json["items"]
    assert [i["dossier_id"] for i in queue] == [reissue["dossier_id"], new["dossier_id"]]


def test_a_reissue_whose_time_limit_is_unconfirmed_is_received_with_one_entered_from_the_law(api):
    # The fishing licence: a reissue only changes the fee (20.000 đ), so it keeps the 6-day
    # time limit, which is still listed as unconfirmed: no appointed date is promised from it
    # until the officer enters the time limit with its legal basis.
    body = submission(None, procedure_id="giay-phep-khai-thac", documents=[])
    body["answers"] = {
        "loai_giay": "cap-lai", "so_dang_ky_tau": "QNg-90123-TS", "chieu_dai_tau": 15,
        "ten_thuyen_truong": "Trần Văn Hải", "nghe_khai_thac": "Lưới rê", "vung_khai_thac": "vung-khoi",
    }
    submitted = api.submit(body, key="licence")
    assert submitted.status == 201, submitted.text

    path = f"/api/officer/dossiers/{submitted.json['dossier_id']}/receive"
    answer = api.officer("POST", path, {"version": 1})

    assert answer.status == 422
    assert "chưa được xác nhận" in answer.error_fields()["time_limit"]
    by_hand = {"value": 6, "unit": "working_days", "reason": "Khoản 3 Điều 50 Nghị định 26/2019/NĐ-CP."}
    received = api.officer("POST", path, {"version": 1, "time_limit": by_hand})
    assert received.status == 200, received.text
    assert received.json["dossier"]["time_limit"] == {**by_hand, "set_by_hand": True}
    assert received.json["events"][-1]["data"]["time_limit_by_hand"]["reason"] == by_hand["reason"]
