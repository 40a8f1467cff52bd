"""The real content: every procedure file and calendar file is valid and says what editors meant."""
import json
import os
import re
from pathlib import Path

import holidays
from content_test_helpers import CONTENT
from jsonschema import Draft7Validator, Draft202012Validator

from scripts.build_catalogue import build
from scripts.catalogue.yaml_lines import load_yaml_with_lines

PROCEDURE_FILES = sorted((CONTENT / "procedures").glob("*.yaml"))
ARCHIVED_FILES = sorted((CONTENT / "procedures" / "archive").glob("*/*.yaml"))
SCHEMA = json.loads((CONTENT / "schema" / "procedure.v1.schema.json").read_text(encoding="utf-8"))


def _catalogue() -> dict:
    return build(CONTENT)


def _by_id() -> dict:
    return {p["id"]: p for p in _catalogue()["procedures"]}


def test_every_procedure_file_validates_and_compiles_under_its_own_name():
    ids = sorted(_by_id())
    assert ids == sorted(path.stem for path in PROCEDURE_FILES)
    assert {"giay-phep-khai-thac", "nuoi-trong-long-be", "xoa-dang-ky-tau-ca"} <= set(ids)


def test_every_procedure_file_points_editors_at_the_schema_relative_to_where_it_sits():
    schema = CONTENT / "schema" / "procedure.v1.schema.json"
    for path in PROCEDURE_FILES + ARCHIVED_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, path
        assert (path.parent / target).resolve() == schema.resolve(), path
        assert target == Path(os.path.relpath(schema, path.parent)).as_posix()


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


def _descriptions(schema):
    if isinstance(schema, dict):
        if isinstance(schema.get("description"), str):
            yield schema["description"]
        for value in schema.values():
            yield from _descriptions(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _descriptions(value)


def test_every_description_in_the_schema_is_written_in_vietnamese():
    vietnamese = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)
    descriptions = list(_descriptions(SCHEMA))
    assert len(descriptions) > 80
    for text in descriptions:
        assert vietnamese.search(text), text


# Editors' YAML extension (yaml-language-server) validates with draft-07 rules; the checker uses
# 2020-12. Keywords that only the newer drafts know would make the two disagree silently.
NEWER_DRAFT_KEYWORDS = {
    "unevaluatedProperties", "unevaluatedItems", "prefixItems", "dependentRequired",
    "dependentSchemas", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "minContains", "maxContains",
}


def _keys(schema):
    if isinstance(schema, dict):
        yield from schema
        for value in schema.values():
            yield from _keys(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _keys(value)


def test_the_editor_and_the_checker_read_the_schema_the_same_way():
    assert not NEWER_DRAFT_KEYWORDS & set(_keys(SCHEMA))
    editor, checker = Draft7Validator(SCHEMA), Draft202012Validator(SCHEMA)
    for path in PROCEDURE_FILES + ARCHIVED_FILES:
        data = load_yaml_with_lines(path.read_text(encoding="utf-8")).data
        assert [e.message for e in editor.iter_errors(data)] == [e.message for e in checker.iter_errors(data)] == [], path
    broken = load_yaml_with_lines((CONTENT / "procedures/nuoi-trong-long-be.yaml").read_text(encoding="utf-8")).data
    broken["cutoff_time"] = "3h chiều"
    broken["channels"]["online"]["fee"] = {"kind": "none", "amount": 1000}
    broken["form"]["fields"][0]["unit"] = "m"
    paths = lambda validator: sorted(list(e.absolute_path) for e in validator.iter_errors(broken))  # noqa: E731
    assert paths(editor) == paths(checker)
    assert len(paths(checker)) >= 3


def test_aquaculture_procedure_matches_the_online_form_it_drives():
    p = _by_id()["nuoi-trong-long-be"]
    assert p["group"] == "nuoi-trong" and p["service_level"] == "toan-trinh"
    assert p["cutoff_time"] == "15:00"
    assert set(p["channels"]) == {"online", "counter", "post"}
    for channel in p["channels"].values():
        assert channel == {"time_limit": {"value": 5, "unit": "working_days", "from": "receipt"}, "fee": {"kind": "none"},
                           "cases": [], "time_limit_text": "5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                           "fee_text": "Không thu phí"}
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
    # A reissue costs 20.000 đ: a case chosen by the form's own "Cấp lại" option, not a note.
    for channel in p["channels"].values():
        [reissue] = channel["cases"]
        assert reissue["when"] == {"field": "loai_giay", "equals": "cap-lai"}
        assert reissue["fee"] == {"kind": "fixed", "amount": 20000, "note": None}
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


def test_the_2026_calendar_lists_every_announced_day_with_its_document():
    calendar = _catalogue()["calendar"]
    assert calendar["years"] == [2026]
    off = {d["date"]: d for d in calendar["days_off"]}
    # The New Year swap the package does not know, and the one it does: both are in the file.
    assert off["2026-01-02"]["source"].startswith("Văn bản số 12729/VPCP-KGVX ngày 25/12/2025")
    assert [d["date"] for d in calendar["working_days"]] == ["2026-01-10", "2026-08-22"]
    # Every weekday the package calls a day off in 2026 is confirmed by the file, except the
    # one no 2026 document announced.
    package = holidays.country_holidays("VN", years=2026)
    unconfirmed = {d.isoformat() for d in package if d.weekday() < 5} - set(off)
    assert unconfirmed == {"2026-11-24"}
    assert all(d["source"] and d["name"] for d in calendar["days_off"] + calendar["working_days"])
