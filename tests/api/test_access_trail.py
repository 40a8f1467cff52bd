"""The access trail (services/access_trail.py): each officer's opening of a dossier on the desk
is recorded at most once an hour, shown to the citizen by role and time only, and never costs
the officer the dossier when it cannot be written."""
from __future__ import annotations

from botocore.exceptions import ClientError

from portal.services.access_trail import access_trail
from tests.api.desk_support import LEADER, submitted
from tests.api.support import RECEPTIONIST, SPECIALIST, submission


def _open(api, dossier_id: str, claims=RECEPTIONIST):
    answer = api.officer("GET", f"/api/officer/dossiers/{dossier_id}", claims=claims)
    assert answer.status == 200, answer.text
    return answer


def test_an_opening_is_shown_by_role_and_time_never_by_name(api):
    desk = submitted(api)

    _open(api, desk.id)

    assert access_trail(desk.id) == [{"role_label": "Cán bộ tiếp nhận", "at": "2026-07-08T09:00:00+07:00"}]
    assert "tiepnhan01" not in str(access_trail(desk.id))


def test_at_most_one_opening_per_officer_and_hour(api, clock):
    desk = submitted(api)

    _open(api, desk.id)
    clock.set(2026, 7, 8, 9, 40)
    _open(api, desk.id)  # a reload within the hour: nothing new
    _open(api, desk.id, claims=LEADER)  # another officer: recorded
    clock.set(2026, 7, 8, 10, 5)
    _open(api, desk.id)

    assert access_trail(desk.id) == [
        {"role_label": "Cán bộ tiếp nhận", "at": "2026-07-08T09:00:00+07:00"},
        {"role_label": "Lãnh đạo", "at": "2026-07-08T09:40:00+07:00"},
        {"role_label": "Cán bộ tiếp nhận", "at": "2026-07-08T10:05:00+07:00"},
    ]


def test_an_officer_of_another_agency_is_refused_and_leaves_no_trace(api):
    desk = submitted(api)
    stranger = {**SPECIALIST, "custom:agency": "000.00.99.H99"}

    assert api.officer("GET", f"/api/officer/dossiers/{desk.id}", claims=stranger).status == 403

    assert access_trail(desk.id) == []


def test_the_dossier_still_opens_when_the_trail_cannot_be_written(api, monkeypatch):
    from portal.store.access_trail import AccessTrailStore

    desk = submitted(api)

    def throttled(self, *args, **kwargs):
        raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}}, "PutItem")

    monkeypatch.setattr(AccessTrailStore, "record", throttled)
    answer = _open(api, desk.id)

    assert answer.json["dossier"]["id"] == desk.id
    assert access_trail(desk.id) == []


def test_the_trail_is_not_part_of_the_dossier_the_desk_reads(api):
    desk = submitted(api)

    first = _open(api, desk.id).json
    again = _open(api, desk.id, claims=SPECIALIST).json

    assert [e["action"] for e in again["events"]] == [e["action"] for e in first["events"]] == ["submit"]
    assert again["dossier"]["version"] == first["dossier"]["version"]


def test_the_citizen_sees_the_openings_on_the_private_link(api):
    receipt = api.submit(submission(api.upload()), key="trail")
    assert receipt.status == 201, receipt.text
    _open(api, receipt.json["dossier_id"])

    view = api.post(f"/api/dossiers/{receipt.json['dossier_id']}/view", {"access_token": receipt.json["access_token"]})

    assert view.status == 200, view.text
    assert view.json["access_trail"] == [{"role_label": "Cán bộ tiếp nhận", "at": "2026-07-08T09:00:00+07:00"}]
    assert "tiepnhan01" not in view.text
