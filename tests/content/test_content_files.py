"""The real content: every procedure file and calendar file is valid and says what editors meant."""
import json
from pathlib import Path

import holidays

from scripts.build_catalogue import build

from content_test_helpers import CONTENT

PROCEDURE_FILES = sorted((CONTENT / "procedures").glob("*.yaml"))
SCHEMA = json.loads((CONTENT / "schema" / "procedure.v1.schema.json").read_text(encoding="utf-8"))


def _catalogue() -> dict:
    return build(CONTENT)


def _by_id() -> dict:
    return {p["id"]: p for p in _catalogue()["procedures"]}


def test_the_three_procedures_validate_and_compile():
    assert sorted(_by_id()) == ["giay-phep-khai-thac", "nuoi-trong-long-be", "xoa-dang-ky-tau-ca"]


def test_every_procedure_file_points_editors_at_the_schema():
    for path in PROCEDURE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/procedure.v1.schema.json", path.name


def _walk_properties(schema, where="$"):
    """Yield (where, object schema) for every object schema that declares properties."""
    if isinstance(schema, dict):
        if "properties" in schema and schema.get("type") in ("object", ["object", "null"]):
            yield where, schema
        for key, value in schema.items():
            yield from _walk_properties(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _walk_properties(value, f"{where}[{i}]")


def test_schema_closes_every_object_and_describes_every_property_in_vietnamese():
    objects = list(_walk_properties(SCHEMA))
    assert len(objects) > 10
    for where, obj in objects:
        assert obj.get("additionalProperties") is False, where
        for name, prop in obj["properties"].items():
            assert prop.get("description"), f"{where}.{name} has no description"
    # Spot-check the language: descriptions are written for Vietnamese editors.
    assert "Nhóm thủ tục" in SCHEMA["properties"]["group"]["description"]


def test_aquaculture_procedure_matches_the_online_form_it_drives():
    p = _by_id()["nuoi-trong-long-be"]
    assert p["group"] == "nuoi-trong" and p["service_level"] == "toan-trinh"
    assert p["cutoff_time"] == "15:00"
    assert set(p["channels"]) == {"online", "counter", "post"}
    for channel in p["channels"].values():
        assert channel == {"time_limit": {"value": 5, "unit": "working_days", "from": "receipt"}, "fee": {"kind": "none"}}
    fields = {f["name"]: f for f in p["form"]["fields"]}
    assert list(fields) == ["loai_giay", "dia_diem_nuoi", "doi_tuong_nuoi", "so_luong_long", "the_tich_long", "ngay_bat_dau_nuoi"]
    assert [o["value"] for o in fields["loai_giay"]["options"]] == ["cap-moi", "cap-lai"]
    assert fields["the_tich_long"]["unit"] == "m³" and fields["so_luong_long"]["min"] == 1
    assert fields["ngay_bat_dau_nuoi"]["required"] is False
    slots = {d["slot"]: d for d in p["documents"]}
    assert slots["don-de-nghi"]["form"] == "Mẫu 26.NT" and slots["don-de-nghi"]["required"] is True
    assert slots["giay-uy-quyen"]["required"] is False and slots["giay-uy-quyen"]["required_when"]
    assert p["national_code"] is None
    assert "national_code" in {u["path"] for u in p["unconfirmed"]}


def test_fishing_licence_shows_the_fee_and_marks_the_unconfirmed_time_limit():
    p = _by_id()["giay-phep-khai-thac"]
    assert p["service_level"] == "mot-phan"
    assert p["channels"]["online"]["fee"]["kind"] == "fixed"
    assert p["channels"]["online"]["fee"]["amount"] == 40000
    assert "20.000 đ" in p["channels"]["online"]["fee"]["note"]
    unconfirmed = {u["path"] for u in p["unconfirmed"]}
    assert {f"channels.{c}.time_limit" for c in p["channels"]} <= unconfirmed
    assert {d["form"] for d in p["documents"]} >= {"Mẫu 02.KT", "Mẫu 03.KT"}


def test_information_only_procedure_cannot_be_submitted_online():
    p = _by_id()["xoa-dang-ky-tau-ca"]
    assert p["service_level"] == "thong-tin"
    assert set(p["channels"]) == {"counter", "post"}
    assert p["form"] is None
    assert all(c["fee"] == {"kind": "none"} for c in p["channels"].values())
    assert "Mẫu 10.ĐKT" in {d["form"] for d in p["documents"]}


def test_refusal_grounds_only_name_documents_of_the_procedure():
    for p in _catalogue()["procedures"]:
        slots = {d["slot"] for d in p["documents"]}
        for ground in p["refusal_grounds"]:
            assert set(ground["documents"]) <= slots, (p["id"], ground["code"])


def test_calendar_adds_the_2026_new_year_swap_the_holidays_package_misses():
    calendar = _catalogue()["calendar"]
    assert {"date": "2026-01-02", "name": calendar["days_off"][0]["name"]} in calendar["days_off"]
    assert [d["date"] for d in calendar["working_days"]] == ["2026-01-10"]
    known = holidays.country_holidays("VN", years=range(2025, 2028))
    # Only what the package lacks is listed: no announced day off duplicates one it already has.
    for day in calendar["days_off"]:
        assert day["date"] not in {d.isoformat() for d in known}, day
