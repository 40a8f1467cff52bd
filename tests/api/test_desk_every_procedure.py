"""No dossier the desk cannot take: for every procedure and every channel of the real
catalogue, one dossier is taken in (online: submitted then received; counter and post: taken in
at the desk) and ends received with an appointed date. Where the catalogue doubts the time
limit of the dossier's case, the officer enters it with its legal basis, as at a real desk."""
from __future__ import annotations

import json

import pytest

from portal.domain.terms import DossierTerms
from tests.api.support import CATALOGUE, PDF, RECEPTIONIST

CATALOGUE_DATA = json.loads(CATALOGUE.read_text(encoding="utf-8"))
BY_HAND = {"value": 10, "unit": "working_days", "reason": "Điều 5 Nghị định 26/2019/NĐ-CP (theo văn bản gốc)."}
SAMPLE_VALUES = {
    "choice": lambda field: field["options"][-1]["value"],  # the last case: often the reissue
    "date": lambda field: "2026-06-01",
    "address": lambda field: {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Thôn An Hải"},
    "phone": lambda field: "0905123456",
    "tax_code": lambda field: "4300123456",
    "vessel_number": lambda field: "QNg-90123-TS",
    "number": lambda field: max(1, int(field.get("min") or 1)),
    "text": lambda field: "Cá bớp",
    "textarea": lambda field: "Điểm A: 15°20'N, 108°50'E.",
}


def _cases():
    for procedure in CATALOGUE_DATA["procedures"]:
        for channel in procedure["channels"]:
            yield pytest.param(procedure, channel, id=f"{procedure['id']}-{channel}")


def _applicant(procedure: dict) -> dict:
    kind = procedure["applicant_types"][0]
    applicant = {
        "kind": kind,
        "full_name": "Nguyễn Văn Bình" if kind == "ca-nhan" else "Hợp tác xã Nghề cá Bình Châu",
        "phone": "0905123456",
        "email": "binh@example.vn",
        "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Hùng Vương"},
    }
    applicant["id_number" if kind == "ca-nhan" else "tax_code"] = "051090001234" if kind == "ca-nhan" else "4300123456"
    return applicant


def _answers(procedure: dict) -> dict:
    return {field["name"]: SAMPLE_VALUES[field["type"]](field) for field in (procedure.get("form") or {}).get("fields") or []}


def _upload(api, procedure: dict, document: dict, online: bool) -> str:
    accept = document.get("accept") or ["pdf"]
    assert "pdf" in accept, f"{procedure['id']}: {document['slot']} takes no PDF; extend the test"
    body = {"filename": "giay-to.pdf", "content_type": "application/pdf", "size": len(PDF)}
    if online:
        answer = api.post("/api/uploads", {"procedure_id": procedure["id"], "slot": document["slot"], **body})
    else:
        answer = api.officer("POST", "/api/officer/uploads", {"purpose": "scan", "procedure_id": procedure["id"], "slot": document["slot"], **body})
    assert answer.status == 201, answer.text
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=answer.json["fields"]["key"], Body=PDF)
    return answer.json["upload_id"]


def _documents(api, procedure: dict, online: bool) -> list[dict]:
    return [
        {"slot": d["slot"], "upload_id": _upload(api, procedure, d, online)}
        for d in procedure["documents"]
        if d.get("required")
    ]


@pytest.mark.parametrize(("procedure", "channel"), list(_cases()))
def test_every_procedure_and_channel_can_be_received(api, procedure, channel):
    answers = _answers(procedure)
    doubted = not DossierTerms.of(procedure, channel, answers).time_limit_confirmed
    by_hand = {"time_limit": BY_HAND} if doubted else {}
    if channel == "online":
        body = {"procedure_id": procedure["id"], "applicant": _applicant(procedure), "answers": answers,
                "documents": _documents(api, procedure, online=True), "consent": True}
        submitted = api.submit(body, key=f"every-{procedure['id']}")
        assert submitted.status == 201, submitted.text
        answer = api.officer("POST", f"/api/officer/dossiers/{submitted.json['dossier_id']}/receive", {"version": 1, **by_hand})
        assert answer.status == 200, answer.text
    else:
        body = {"procedure_id": procedure["id"], "channel": channel, "applicant": _applicant(procedure),
                "answers": answers, "documents": _documents(api, procedure, online=False), **by_hand}
        answer = api.officer("POST", "/api/officer/intake", body, claims=RECEPTIONIST, headers={"Idempotency-Key": f"every-{procedure['id']}-{channel}"})
        assert answer.status == 201, answer.text
    dossier = answer.json["dossier"]
    assert dossier["status"] == "received" and dossier["appointed_date"]
    assert bool((dossier["time_limit"] or {}).get("set_by_hand")) == doubted
