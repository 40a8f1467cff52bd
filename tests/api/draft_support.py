"""What the draft and pre-check API tests share: a draft saved through the citizen's API, its
link, and what the table holds of it."""
from __future__ import annotations

from tests.api.support import PROCEDURE, submission


def draft_body(upload_id: str | None = None, **overrides) -> dict:
    """An unfinished draft: the applicant and part of the form, the application's file if given."""
    full = submission(upload_id)
    body = {
        "procedure_id": PROCEDURE,
        "applicant": full["applicant"],
        "answers": {"loai_giay": "cap-moi", "doi_tuong_nuoi": "Cá bớp"},
        "documents": full["documents"],
    }
    body.update(overrides)
    return body


def save(api, body: dict | None = None, key: str = "draft-key-1"):
    return api.post("/api/drafts", body if body is not None else draft_body(), headers={"Idempotency-Key": key})


def saved(api, body: dict | None = None, key: str = "draft-key-1") -> dict:
    answer = save(api, body, key)
    assert answer.status == 201, answer.text
    return answer.json


def update(api, draft: dict, token: str, **content):
    body = {"token": token, "version": draft["version"], "applicant": draft["applicant"],
            "answers": draft["answers"], "documents": [{"slot": d["slot"], "upload_id": d["upload_id"]}
                                                       for d in draft["documents"]]}
    body.update(content)
    return api.put(f"/api/drafts/{draft['draft_id']}", body)


def ask_precheck(api, draft: dict, token: str):
    return api.post(f"/api/drafts/{draft['draft_id']}/precheck", {"token": token, "version": draft["version"]})


def view(api, draft_id: str, token: str):
    return api.post(f"/api/drafts/{draft_id}/view", {"token": token})


def draft_outbox(api) -> list[dict]:
    return sorted((i for i in api.items() if i["PK"].startswith("DRAFT#") and i["SK"].startswith("OUTBOX#")),
                  key=lambda i: (i["SK"], i["channel"]))
