"""The two Lambda entry points called in this process as API Gateway calls them: the event of
the template route a request matches (infra.local.api_event), an officer's JWT claims, the
answer's status and JSON body."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from infra.local import template as sam
from infra.local.api_event import LambdaContext, build_event, match_route

HEADERS = {"content-type": "application/json", "origin": "http://127.0.0.1:8000", "user-agent": "scripts.faults"}


def receptionist(agency: str) -> dict:
    """The demo receptionist's claims (infra/local/officers.py) as the JWT authorizer passes them."""
    return {"sub": str(uuid.uuid5(uuid.NAMESPACE_URL, "tiepnhan")), "cognito:username": "tiepnhan",
            "cognito:groups": "[receptionist]", "custom:agency": agency}


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict


class Functions:
    def __init__(self) -> None:
        from portal.handlers import citizen, officer

        self._citizen, self._officer = citizen.lambda_handler, officer.lambda_handler
        self._routes = sam.routes()

    def _call(self, handler, method: str, path: str, body: dict | None, headers: dict | None,
              claims: dict | None) -> Answer:
        raw = None if body is None else json.dumps(body, ensure_ascii=False)
        event = build_event(method, path, "", {**HEADERS, **(headers or {})}, raw, claims,
                            match_route(self._routes, method, path))
        answer = handler(event, LambdaContext("scripts-faults", timeout_seconds=30))
        text = answer.get("body") or ""
        return Answer(answer["statusCode"], json.loads(text) if text.startswith(("{", "[")) else text,
                      answer.get("headers") or {})

    def citizen(self, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> Answer:
        return self._call(self._citizen, method, path, body, headers, None)

    def officer(self, method: str, path: str, claims: dict, body: dict | None = None) -> Answer:
        return self._call(self._officer, method, path, body, None, claims)
