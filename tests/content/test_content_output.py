"""The compiled catalogue: contract shape, typed-field patterns, calendar overrides, determinism."""
import json
import re

from content_test_helpers import CONTENT, NUOI, archive_nuoi_v1, replace_in

from portal.domain.vocabulary import vocabulary
from scripts.build_catalogue import FIELD_PATTERNS, build, dumps, main

ENTRY_KEYS = {
    "id", "national_code", "version", "effective_date", "title", "group", "service_level",
    "applicant_types", "agency", "summary", "cutoff_time", "channels", "steps", "conditions",
    "documents", "legal_bases", "refusal_grounds", "result", "form", "unconfirmed",
}


def test_catalogue_has_the_contract_top_level_shape():
    catalogue = build(CONTENT)
    assert set(catalogue) == {"schema_version", "calendar", "procedures", "archive", "field_rules", "vocabulary"}
    assert catalogue["schema_version"] == 1
    assert set(catalogue["calendar"]) == {"source", "years", "days_off", "working_days"}
    assert catalogue["calendar"]["source"] == "content/calendar"
    assert catalogue["vocabulary"] == vocabulary()
    ids = [p["id"] for p in catalogue["procedures"]]
    assert ids == sorted(ids)
    archived = {(p["id"], p["version"]) for p in catalogue["archive"]}
    for p in catalogue["procedures"]:
        assert set(p) == ENTRY_KEYS | {"older_versions"}
        assert {(p["id"], o["version"]) for o in p["older_versions"]} <= archived
        for basis in p["legal_bases"]:
            assert set(basis) == {"number", "title", "effective_date", "issuer"}
        for doc in p["documents"]:
            assert set(doc) == {"slot", "name", "form", "originals", "copies", "required", "required_when", "accept",
                                "max_size_mb", "problems"}
        for ground in p["refusal_grounds"]:
            assert set(ground) == {"code", "text", "kind", "documents"}


def test_typed_fields_get_the_pattern_the_browser_and_api_share():
    fields = {f["name"]: f for p in build(CONTENT)["procedures"] if p["form"] for f in p["form"]["fields"]}
    vessel = fields["so_dang_ky_tau"]
    assert vessel["pattern"] == FIELD_PATTERNS["vessel_number"][0]
    assert re.fullmatch(vessel["pattern"], "QNg-90123-TS")
    assert not re.fullmatch(vessel["pattern"], "QNg 90123 TS")
    assert vessel["pattern_message"].startswith("Số đăng ký tàu cá")
    assert fields["ngay_bat_dau_nuoi"]["pattern"] == r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert fields["dia_diem_nuoi"]["pattern"] is None  # free text: nothing to enforce
    assert fields["doi_tuong_nuoi"]["max_length"] == 200


def test_patterns_accept_real_identifiers_and_refuse_near_misses():
    def ok(kind, value):
        return re.fullmatch(FIELD_PATTERNS[kind][0], value) is not None

    assert ok("citizen_id", "051090001234") and not ok("citizen_id", "05109000123")
    assert ok("tax_code", "4300123456") and ok("tax_code", "4300123456001") and ok("tax_code", "4300123456-001")
    assert not ok("tax_code", "43001234560")
    assert ok("phone", "0912345678") and ok("phone", "+84912345678") and ok("phone", "02553822222")
    assert not ok("phone", "912345678")
    assert ok("vessel_number", "BĐ-12345-TS") and not ok("vessel_number", "QNg-90123-ts")


def test_patterns_refuse_full_width_digits_even_without_re_ascii():
    # Some phone keyboards type full-width digits; Python's \d would let them into a dossier.
    assert re.fullmatch(FIELD_PATTERNS["citizen_id"][0], "０５１０９０００１２３４") is None
    assert re.fullmatch(FIELD_PATTERNS["phone"][0], "０９１２３４５６７８") is None


def test_a_field_of_each_typed_kind_is_compiled_with_its_pattern(content_copy):
    extra = "".join(
        f"    - name: o_{kind}\n      label: Ô {kind}\n      type: {kind}\n"
        for kind in ("citizen_id", "tax_code", "phone")
    )
    replace_in(content_copy / NUOI, "    - name: loai_giay\n", extra + "    - name: loai_giay\n")
    procedure = next(p for p in build(content_copy)["procedures"] if p["id"] == "nuoi-trong-long-be")
    compiled = {f["name"]: f for f in procedure["form"]["fields"]}
    for kind in ("citizen_id", "tax_code", "phone"):
        assert (compiled[f"o_{kind}"]["pattern"], compiled[f"o_{kind}"]["pattern_message"]) == FIELD_PATTERNS[kind]


def test_rebuilding_unchanged_content_writes_identical_bytes(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["--content", str(CONTENT), "--output", str(first)]) == 0
    assert main(["--content", str(CONTENT), "--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8")) == build(CONTENT)
    assert first.read_text(encoding="utf-8") == dumps(build(CONTENT))


def test_file_order_on_disk_does_not_change_the_output(content_copy):
    before = dumps(build(content_copy))
    # Renaming a file changes directory order; the catalogue is sorted by id, not by discovery.
    for path in (content_copy / "procedures").glob("*.yaml"):
        path.rename(path.with_suffix(".tmp"))
    for path in sorted((content_copy / "procedures").glob("*.tmp"), reverse=True):
        path.rename(path.with_suffix(".yaml"))
    assert dumps(build(content_copy)) == before


def test_check_mode_writes_nothing(tmp_path, capsys):
    out = tmp_path / "catalogue.json"
    assert main(["--check", "--content", str(CONTENT), "--output", str(out)]) == 0
    assert not out.exists()
    count = len(list((CONTENT / "procedures").glob("*.yaml")))
    assert f"Nội dung hợp lệ: {count} thủ tục" in capsys.readouterr().out


def test_an_older_version_stays_in_the_archive_with_the_day_it_was_superseded(content_copy):
    archive_nuoi_v1(content_copy, v2_effective="2024-05-20", v2_days=7)
    catalogue = build(content_copy)
    current = next(p for p in catalogue["procedures"] if p["id"] == "nuoi-trong-long-be")
    assert current["version"] == 2
    assert current["channels"]["online"]["time_limit"]["value"] == 7
    assert current["older_versions"] == [{"version": 1, "effective_date": "2019-04-25", "superseded_on": "2024-05-20"}]
    [old] = [p for p in catalogue["archive"] if p["id"] == "nuoi-trong-long-be"]
    assert set(old) == ENTRY_KEYS | {"superseded_on"}
    assert old["version"] == 1 and old["superseded_on"] == "2024-05-20"
    assert old["channels"]["online"]["time_limit"]["value"] == 5  # the archived file, unchanged
    others = [p for p in catalogue["procedures"] if p["id"] != "nuoi-trong-long-be"]
    assert all(p["older_versions"] == [] for p in others if not (content_copy / "procedures/archive" / p["id"]).exists())


def test_several_older_versions_are_listed_newest_first(content_copy):
    archived = archive_nuoi_v1(content_copy, v2_effective="2024-05-20")
    v2 = (content_copy / NUOI).read_text(encoding="utf-8").replace(
        "$schema=../schema/", "$schema=../../../schema/", 1)
    (archived.parent / "v2.yaml").write_text(v2, encoding="utf-8")
    replace_in(content_copy / NUOI, "version: 2\neffective_date: 2024-05-20", "version: 3\neffective_date: 2025-07-01")
    catalogue = build(content_copy)
    current = next(p for p in catalogue["procedures"] if p["id"] == "nuoi-trong-long-be")
    assert current["older_versions"] == [
        {"version": 2, "effective_date": "2024-05-20", "superseded_on": "2025-07-01"},
        {"version": 1, "effective_date": "2019-04-25", "superseded_on": "2024-05-20"},
    ]
    assert [(p["version"], p["superseded_on"]) for p in catalogue["archive"] if p["id"] == "nuoi-trong-long-be"] == [
        (2, "2025-07-01"), (1, "2024-05-20")]
    assert main(["--check", "--content", str(content_copy)]) == 0
