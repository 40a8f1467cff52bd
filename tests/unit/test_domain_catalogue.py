"""The compiled catalogue as the API reads it: procedures by id and version, field rules, fees."""
import json
from decimal import Decimal

import pytest

from portal.domain.catalogue import Catalogue, fee_amount
from portal.domain.errors import NotFound
from scripts.catalogue.field_rules import field_rules
from tests.unit.procedures import CALENDAR_2026, aquaculture, catch_certificate

# --- catalogue ------------------------------------------------------------------------------


def test_catalogue_loads_and_finds_procedures(tmp_path):
    data = {"schema_version": 1, "calendar": CALENDAR_2026, "procedures": [aquaculture(), catch_certificate()]}
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    catalogue = Catalogue.load(path)
    assert catalogue.get("nuoi-trong-long-be")["title"].startswith("Cấp giấy xác nhận")
    assert [p["id"] for p in catalogue.procedures] == ["nuoi-trong-long-be", "nguon-goc-thuy-san"]
    assert catalogue.calendar_overrides == CALENDAR_2026
    with pytest.raises(NotFound) as raised:
        catalogue.get("khong-co")
    assert raised.value.message == "Không tìm thấy thủ tục."


def _versioned() -> Catalogue:
    """Aquaculture now at version 2 (7 working days), version 1 (5 days) in the archive."""
    v1 = aquaculture()
    v1["superseded_on"] = "2024-05-20"
    v2 = aquaculture()
    v2.update(version=2, effective_date="2024-05-20", title="Cấp giấy xác nhận (tên mới)")
    for channel in v2["channels"].values():
        channel["time_limit"]["value"] = 7
    v2["older_versions"] = [{"version": 1, "effective_date": "2019-03-08", "superseded_on": "2024-05-20"}]
    return Catalogue({"schema_version": 1, "calendar": CALENDAR_2026, "procedures": [v2], "archive": [v1]})


def test_get_returns_the_current_version_unless_another_is_asked_for():
    catalogue = _versioned()
    assert catalogue.get("nuoi-trong-long-be")["version"] == 2
    assert catalogue.get("nuoi-trong-long-be", 2)["version"] == 2
    old = catalogue.get("nuoi-trong-long-be", 1)
    assert old["version"] == 1 and old["channels"]["online"]["time_limit"]["value"] == 5
    # DynamoDB hands numbers back as Decimal.
    assert catalogue.get("nuoi-trong-long-be", Decimal(1)) is old
    assert [p["version"] for p in catalogue.procedures] == [2]  # the archive is not a procedure list


def test_an_unknown_version_is_not_found():
    with pytest.raises(NotFound) as raised:
        _versioned().get("nuoi-trong-long-be", 3)
    assert raised.value.message == "Không tìm thấy phiên bản 3 của thủ tục."
    with pytest.raises(NotFound):
        _versioned().get("khong-co", 1)


def test_a_dossier_is_read_against_the_version_it_was_submitted_under():
    catalogue = _versioned()
    assert catalogue.for_dossier({"procedure_id": "nuoi-trong-long-be", "procedure_version": Decimal(1)})["version"] == 1
    # Recorded before versions were kept: the current one.
    assert catalogue.for_dossier({"procedure_id": "nuoi-trong-long-be"})["version"] == 2


def test_a_dossier_title_is_its_version_title_or_the_best_known_name():
    catalogue = _versioned()
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 1}).startswith("Cấp giấy xác nhận đăng ký")
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 2}) == "Cấp giấy xác nhận (tên mới)"
    assert catalogue.title_for({"procedure_id": "nuoi-trong-long-be", "procedure_version": 9}) == "Cấp giấy xác nhận (tên mới)"
    assert catalogue.title_for({"procedure_id": "da-bai-bo", "procedure_version": 1}) == "da-bai-bo"


# --- fees -----------------------------------------------------------------------------------


def test_fees():
    channels = catch_certificate()["channels"]
    per_tonne = channels["online"]["fee"]
    assert fee_amount(per_tonne, 2) == 180_000  # 150.000 + 2 × 15.000
    assert fee_amount(per_tonne, 2.5) == 187_500
    assert fee_amount(per_tonne, 100) == 700_000  # capped
    assert fee_amount(per_tonne) is None
    assert fee_amount(channels["post"]["fee"]) == 40_000
    assert fee_amount(channels["counter"]["fee"]) is None
    assert fee_amount({"kind": "none"}) == 0


# --- field rules ----------------------------------------------------------------------------


def test_the_field_rules_are_read_from_the_catalogue_and_required():
    data = {"schema_version": 1, "calendar": CALENDAR_2026, "procedures": [aquaculture()], "field_rules": field_rules()}
    assert Catalogue(data).field_rules.kind("citizen_id")["pattern"] == "^[0-9]{12}$"
    del data["field_rules"]
    with pytest.raises(RuntimeError, match="make catalogue"):
        _ = Catalogue(data).field_rules
