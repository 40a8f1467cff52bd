"""The benchmark's synthetic catalogue: reproducible, varied, and a catalogue the real compiler and
the real site build accept (so the benchmark measures the site on data it could really get).
No timing here: speed is measured by scripts/bench, never asserted in a test."""
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.bench.synthetic_catalogue import DOCUMENTS, KNOWN_QUERIES, fold, folded_queries, synthetic_catalogue
from scripts.build_catalogue import build
from scripts.build_site import build_site

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/procedure.v1.schema.json\n"


@pytest.fixture(scope="module")
def real():
    return build(ROOT / "content")


def _as_source(procedure: dict) -> dict:
    """What an editor would have written: the compiled entry without what the compiler adds."""
    data = json.loads(json.dumps(procedure))
    data.pop("older_versions", None)
    if data["form"]:
        # The compiler fills pattern, message and length bounds in from the field rules; an editor
        # writes a length bound only on text and textarea fields (the schema says so).
        data["form"]["fields"] = [
            {k: v for k, v in field.items() if v is not None and k not in ("pattern", "pattern_message")
             and (k != "max_length" or field["type"] in ("text", "textarea"))}
            for field in data["form"]["fields"]
        ]
    for channel in data["channels"].values():
        channel["fee"] = {k: v for k, v in channel["fee"].items() if v is not None}
        for holder in [channel] + channel["cases"]:
            del holder["fee_text"], holder["time_limit_text"]
    data["legal_bases"] = [basis["number"] for basis in data["legal_bases"]]
    data["unconfirmed"] = [u for u in data["unconfirmed"] if not u["path"].startswith("legal_bases.")]
    return data


def test_same_seed_same_catalogue_other_seed_other_catalogue(real):
    first = synthetic_catalogue(60, seed=3, real=real)
    assert synthetic_catalogue(60, seed=3, real=real) == first
    assert synthetic_catalogue(60, seed=4, real=real)["procedures"] != first["procedures"]


def test_titles_are_varied_and_ids_unique(real):
    procedures = synthetic_catalogue(2000, real=real)["procedures"]
    titles = [p["title"] for p in procedures]
    ids = [p["id"] for p in procedures]
    assert len(procedures) == 2000
    assert len(set(titles)) == len(titles) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    first_words = {t.split()[0] for t in titles}
    assert {"Cấp", "Gia", "Điều", "Thu", "Xác", "Công", "Đăng", "Xóa"} <= first_words
    # Many subjects, not one title with a counter: no four-word opening covers a tenth of them.
    openings = [" ".join(t.split()[:4]) for t in titles]
    assert max(openings.count(o) for o in set(openings)) < len(titles) / 10
    assert len({p["service_level"] for p in procedures}) == 3


def test_real_procedures_are_included_so_known_queries_have_targets(real):
    catalogue = synthetic_catalogue(500, real=real)
    by_id = {p["id"]: p for p in catalogue["procedures"]}
    for procedure in real["procedures"]:
        assert by_id[procedure["id"]] == procedure
    titles = [fold(p["title"]) for p in catalogue["procedures"]]
    for query in KNOWN_QUERIES:
        assert any(all(word in title for word in query.split()) for title in titles), query


def test_queries_are_folded_and_drawn_from_the_titles(real):
    catalogue = synthetic_catalogue(500, real=real)
    queries = folded_queries(catalogue, 50)
    assert len(queries) == 50 == len(set(queries))
    assert queries[:3] == list(KNOWN_QUERIES)
    assert all(re.fullmatch(r"[a-z0-9 ]+", q) for q in queries)
    titles = [" ".join(re.sub(r"[^a-z0-9]+", " ", fold(p["title"])).split()) for p in catalogue["procedures"]]
    assert all(any(q in title for title in titles) for q in queries[3:])


def test_generated_entries_are_what_the_compiler_makes_of_them(real, tmp_path):
    """Written back as procedure files, the generated entries pass the real compiler (schema and
    cross-checks) and compile to exactly themselves."""
    catalogue = synthetic_catalogue(len(real["procedures"]) + 40, seed=11, real=real)
    real_ids = {p["id"] for p in real["procedures"]}
    generated = {p["id"]: p for p in catalogue["procedures"] if p["id"] not in real_ids}
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "schema", content / "schema")
    shutil.copytree(ROOT / "content" / "calendar", content / "calendar")
    cited = {b["number"] for p in generated.values() for b in p["legal_bases"]}
    (content / "legal").mkdir()
    (content / "legal" / "documents.yaml").write_text(
        "# yaml-language-server: $schema=../schema/legal-documents.v1.schema.json\n" + yaml.safe_dump(
            {"documents": [{k: v for k, v in DOCUMENTS[n].items() if k != "unconfirmed"} for n in sorted(cited)]},
            allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    (content / "procedures").mkdir()
    for procedure_id, procedure in generated.items():
        text = SCHEMA_LINE + yaml.safe_dump(_as_source(procedure), allow_unicode=True, sort_keys=False)
        (content / "procedures" / f"{procedure_id}.yaml").write_text(text, encoding="utf-8")

    compiled = build(content)["procedures"]
    assert len(generated) == 40
    assert {p["id"]: p for p in compiled} == generated


def test_the_site_builds_from_a_generated_catalogue(real, tmp_path):
    catalogue = synthetic_catalogue(len(real["procedures"]) + 20, seed=5, real=real)
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    site = build_site(site_dir=tmp_path / "site", catalogue=path)
    for procedure in catalogue["procedures"]:
        assert (site / "thu-tuc" / procedure["id"] / "index.html").is_file(), procedure["id"]
    online = [p for p in catalogue["procedures"] if p["form"] and "online" in p["channels"]]
    assert online and all((site / "nop-ho-so" / p["id"] / "index.html").is_file() for p in online)
