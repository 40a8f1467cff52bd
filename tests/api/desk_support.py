"""What the desk's API tests share: officers of each role (in the user pool and as JWT claims),
a submitted dossier, and one call per action that answers the dossier as it now stands."""
from __future__ import annotations

import contextlib

import boto3

from tests.api.support import AGENCY, PDF, RECEPTIONIST, SPECIALIST, submission

LEADER = {
    "sub": "7d1c6a0e-0000-4000-8000-000000000003",
    "cognito:username": "lanhdao01",
    "cognito:groups": "[leader]",
    "custom:agency": AGENCY,
}
OTHER_SPECIALIST = {
    "sub": "7d1c6a0e-0000-4000-8000-000000000004",
    "cognito:username": "chuyenvien02",
    "cognito:groups": "[specialist]",
    "custom:agency": AGENCY,
}


def seed_specialists(env: dict) -> None:
    """The agency's specialists as the user pool lists them (who a dossier may go to), plus one
    of another agency who must never be offered."""
    idp = boto3.client("cognito-idp")
    pool = env["USER_POOL_ID"]
    for username, name, agency in (
        ("chuyenvien01", "Lê Văn Thẩm", AGENCY),
        ("chuyenvien02", "Phạm Thị Định", AGENCY),
        ("chuyenvien-khac", "Người cơ quan khác", "000.00.99.H99"),
    ):
        with contextlib.suppress(idp.exceptions.UsernameExistsException):
            idp.admin_create_user(
                UserPoolId=pool,
                Username=username,
                UserAttributes=[{"Name": "name", "Value": name}, {"Name": "custom:agency", "Value": agency}],
                MessageAction="SUPPRESS",
            )
        idp.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName="specialist")


class Desk:
    """One dossier on the desk: each call posts an action with the version last seen."""

    def __init__(self, api, dossier_id: str, version: int = 1):
        self.api = api
        self.id = dossier_id
        self.version = version
        self.last = None

    def act(self, action: str, body: dict | None = None, claims=RECEPTIONIST, version: int | None = None):
        answer = self.api.officer(
            "POST",
            f"/api/officer/dossiers/{self.id}/{action}",
            {"version": self.version if version is None else version, **(body or {})},
            claims=claims,
        )
        if answer.status == 200:
            self.version = answer.json["dossier"]["version"]
            self.last = answer.json
        return answer

    def ok(self, action: str, body: dict | None = None, claims=RECEPTIONIST) -> dict:
        answer = self.act(action, body, claims)
        assert answer.status == 200, answer.text
        return answer.json

    def detail(self, claims=RECEPTIONIST) -> dict:
        answer = self.api.officer("GET", f"/api/officer/dossiers/{self.id}", claims=claims)
        assert answer.status == 200, answer.text
        return answer.json


def submitted(api, key: str = "k", **overrides) -> Desk:
    answer = api.submit(submission(api.upload(), **overrides), key=key)
    assert answer.status == 201, answer.text
    return Desk(api, answer.json["dossier_id"])


def upload_result(api, content: bytes = PDF, claims=LEADER) -> str:
    """A signed result uploaded by the desk (the bytes put where the presigned POST puts them)."""
    answer = api.officer(
        "POST", "/api/officer/uploads",
        {"purpose": "result", "filename": "giay-xac-nhan.pdf", "content_type": "application/pdf", "size": len(content)},
        claims=claims,
    )
    assert answer.status == 201, answer.text
    api.s3.put_object(Bucket=api.env["DOCUMENTS_BUCKET"], Key=answer.json["fields"]["key"], Body=content)
    return answer.json["upload_id"]


def in_processing(api, desk: Desk | None = None) -> Desk:
    """A received dossier forwarded to chuyenvien01."""
    desk = desk or submitted(api)
    desk.ok("receive")
    desk.ok("forward", {"assignee": "chuyenvien01"})
    return desk


__all__ = ["LEADER", "OTHER_SPECIALIST", "RECEPTIONIST", "SPECIALIST", "Desk"]
