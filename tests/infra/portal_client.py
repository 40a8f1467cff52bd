"""A citizen and an officer talking to a running local stack over HTTP, as the site's scripts
do: a file uploaded with the presigned POST, a dossier submitted, looked up, opened."""
from __future__ import annotations

import json
import uuid

import requests

from infra.local.officers import DEMO_PASSWORD
from tests.api.support import PDF, PROCEDURE, submission

TIMEOUT = 120  # seconds: a generous guard on a loaded machine, not a measured limit


def upload(url: str, content: bytes = PDF) -> str:
    """A PDF in the application-form slot, uploaded where the API says; its upload id."""
    slot = requests.post(url + "/api/uploads", json={
        "procedure_id": PROCEDURE, "slot": "don-de-nghi", "filename": "don.pdf",
        "content_type": "application/pdf", "size": len(content),
    }, timeout=TIMEOUT)
    assert slot.status_code == 201, slot.text
    answer = slot.json()
    sent = requests.post(answer["url"], data=answer["fields"],
                         files={"file": ("don.pdf", content, "application/pdf")}, timeout=TIMEOUT)
    assert sent.status_code in (200, 201, 204), sent.text
    return answer["upload_id"]


def submit(url: str, upload_id: str) -> requests.Response:
    return requests.post(url + "/api/dossiers", json=submission(upload_id),
                         headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=TIMEOUT)


def lookup(url: str, code: str, **proof: str) -> requests.Response:
    return requests.post(url + "/api/lookup", json={"code": code, **proof}, timeout=TIMEOUT)


def portal_config(url: str) -> dict:
    script = requests.get(url + "/assets/js/config.js", timeout=TIMEOUT).text
    return json.loads(script.removeprefix("window.PORTAL_CONFIG = ").rstrip().rstrip(";"))


def sign_in(url: str, username: str) -> requests.Response:
    """USER_PASSWORD_AUTH the way the officer desk's browser code does it (unsigned, two headers)."""
    config = portal_config(url)
    return requests.post(
        config["cognitoEndpoint"],
        headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                 "Content-Type": "application/x-amz-json-1.1", "Origin": url},
        data=json.dumps({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": config["userPoolClientId"],
                         "AuthParameters": {"USERNAME": username, "PASSWORD": DEMO_PASSWORD}}),
        timeout=TIMEOUT,
    )


def id_token(url: str, username: str) -> str:
    answer = sign_in(url, username)
    assert answer.status_code == 200, answer.text
    return answer.json()["AuthenticationResult"]["IdToken"]


def officer_get(url: str, path: str, token: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(url + path, headers=headers, timeout=TIMEOUT)
