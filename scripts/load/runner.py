"""One load run against a local stack's URL: the warm-up, the two timed phases, the check."""
from __future__ import annotations

import json
import os
import platform
import time
from datetime import datetime

from scripts.load import consistency, phases
from scripts.load.client import TIMEOUT, Recorder, loopback_url, session

OFFICER = "tiepnhan"  # the demo receptionist (infra/local/officers.py)


def id_token(url: str) -> str:
    """The demo receptionist signed in as the desk's browser code does (USER_PASSWORD_AUTH)."""
    from infra.local.officers import DEMO_PASSWORD

    script = session().get(url + "/assets/js/config.js", timeout=TIMEOUT).text
    config = json.loads(script.removeprefix("window.PORTAL_CONFIG = ").rstrip().rstrip(";"))
    endpoint = loopback_url(config["cognitoEndpoint"])  # the stack's moto: on this machine too
    answer = session().post(
        endpoint + "/",
        headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                 "Content-Type": "application/x-amz-json-1.1"},
        data=json.dumps({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": config["userPoolClientId"],
                         "AuthParameters": {"USERNAME": OFFICER, "PASSWORD": DEMO_PASSWORD}}),
        timeout=TIMEOUT,
    )
    answer.raise_for_status()
    return answer.json()["AuthenticationResult"]["IdToken"]


def run(url: str, submissions: int, actions: int, concurrency: int, table_items=None) -> dict:
    recorder = Recorder()
    token = id_token(url)
    # One submission and one receive per client first, untimed (checked all the same): each
    # function's workers import their code and open their clients on their first requests.
    warm = phases.submit_all(url, concurrency, concurrency, Recorder())
    warm_received = phases.receive_all(url, token, warm.succeeded, concurrency, Recorder())
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    submitted = phases.submit_all(url, submissions, concurrency, recorder)
    received = phases.receive_all(url, token, submitted.succeeded[:actions], concurrency, recorder)
    seconds = time.perf_counter() - started
    checked = consistency.check(url, token, warm.succeeded + submitted.succeeded,
                                warm_received.succeeded + received.succeeded, concurrency, table_items)
    return {
        "started_at": datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"),
        "submissions": submissions, "actions": actions, "concurrency": concurrency, "seconds": seconds,
        "load": [load_before, os.getloadavg()[0]],
        "machine": f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}",
        "phases": [{"name": p.name, "count": p.count, "succeeded": len(p.succeeded), "seconds": p.seconds,
                    "throughput": p.throughput, "failed": p.failed[:20]} for p in (submitted, received)],
        "timings": recorder.seconds,
        "errors": dict(recorder.errors),
        "consistency": checked,
    }


def table_items(stack):
    """Every item of the dossier table, read straight from the stack's moto."""
    from infra.local import template as sam
    from infra.local.resources import aws_client

    def items() -> list[dict]:
        client = aws_client("dynamodb", sam.DEFAULT_REGION, stack.moto_url)
        found: list[dict] = []
        for page in client.get_paginator("scan").paginate(TableName=stack.env["TABLE_NAME"],
                                                          ProjectionExpression="PK, SK"):
            found.extend({k: v["S"] for k, v in item.items()} for item in page["Items"])
        return found

    return items
