"""A dossier keeps the procedure version it was submitted under: when the catalogue moves on
(a new version with another time limit), the desk still counts that dossier's appointed date by
the rules the citizen was shown."""
import copy
import json

from portal.domain.catalogue import Catalogue
from portal.services import deps
from tests.api.support import CATALOGUE, PROCEDURE, submission


def _catalogue_with_new_version(days: int) -> Catalogue:
    """The bundled catalogue as if an editor had published version 2 of the aquaculture
    procedure from 01/07/2026 with a time limit of `days` working days, archiving version 1."""
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    [current] = [p for p in data["procedures"] if p["id"] == PROCEDURE]
    old = copy.deepcopy(current)
    old.pop("older_versions", None)
    old["superseded_on"] = "2026-07-01"
    current.update(version=old["version"] + 1, effective_date="2026-07-01")
    for channel in current["channels"].values():
        channel["time_limit"]["value"] = days
    current["older_versions"] = [
        {"version": old["version"], "effective_date": old["effective_date"], "superseded_on": "2026-07-01"}
    ]
    data["archive"] = [p for p in data.get("archive", []) if p["id"] != PROCEDURE] + [old]
    return Catalogue(data)


def _submit(api, key):
    answer = api.submit(submission(api.upload()), key=key)
    assert answer.status == 201, answer.text
    return answer.json


def _receive(api, dossier):
    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})
    assert answer.status == 200, answer.text
    return answer.json["dossier"]


def test_receive_uses_the_time_limit_of_the_version_the_dossier_was_submitted_under(api, clock, monkeypatch):
    bundled = deps.catalogue()
    v1_days = bundled.get(PROCEDURE)["channels"]["online"]["time_limit"]["value"]
    assert v1_days == 5  # what the existing dossier was promised
    clock.set(2026, 7, 8, 9, 0)  # Wednesday
    before = _submit(api, "under-v1")
    [meta] = api.dossier_metas()
    assert int(meta["procedure_version"]) == bundled.get(PROCEDURE)["version"]

    newer = _catalogue_with_new_version(days=10)
    monkeypatch.setattr(deps, "catalogue", lambda: newer)
    after = _submit(api, "under-v2")

    clock.set(2026, 7, 9, 10, 0)  # Thursday morning, before the 15:00 cut-off
    assert _receive(api, before)["appointed_date"] == "2026-07-16"  # 5 working days, as in v1
    assert _receive(api, after)["appointed_date"] == "2026-07-23"  # 10 working days, as in v2


def test_a_dossier_under_a_version_no_longer_published_is_not_silently_moved_to_another(api, clock, monkeypatch):
    dossier = _submit(api, "k")
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    for p in data["procedures"]:
        if p["id"] == PROCEDURE:
            p["version"] += 1  # a new version, but the old one was not kept in the archive
    monkeypatch.setattr(deps, "catalogue", lambda: Catalogue(data))

    answer = api.officer("POST", f"/api/officer/dossiers/{dossier['dossier_id']}/receive", {"version": 1})

    assert answer.status == 404, answer.text
    assert answer.json["error"]["message"] == "Không tìm thấy phiên bản 1 của thủ tục."
    assert api.dossier_metas()[0]["state"] == "submitted"
    # The queue still names the procedure (by its current title) instead of failing.
    items = api.officer("GET", "/api/officer/queue", query={"queue": "submitted"}).json["items"]
    assert items[0]["procedure_title"] == Catalogue(data).get(PROCEDURE)["title"]

