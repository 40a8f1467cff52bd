"""A synthetic compiled catalogue of any size, for the scale benchmark.

    synthetic_catalogue(2000, seed=7) -> {"schema_version", "calendar", "procedures"}

Entries are written the way an editor writes a procedure file and compiled with the catalogue
compiler's own `normalise_procedure`, so they have exactly the shape of build/catalogue.json.
The real procedures of build/catalogue.json (when present) are included, so benchmark queries have
known targets among the noise. The same size and seed give the same catalogue.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from portal.domain.figures import format_money
from portal.domain.vocabulary import APPLICANT_KIND_LABELS, lower_first
from scripts.bench import vocabulary as v
from scripts.build_catalogue import normalise_procedure
from scripts.site.text import ascii_slug, fold

try:  # the compiler links versions once it keeps history; without it entries have no such key
    from scripts.catalogue.versions import link_versions
except ImportError:  # pragma: no cover - older compiler
    def link_versions(current: list[dict], archived: list[dict]) -> list[dict]:
        return []

ROOT = Path(__file__).resolve().parents[2]
REAL_CATALOGUE = ROOT / "build" / "catalogue.json"
EMPTY_CALENDAR = {"source": "content/calendar", "days_off": [], "working_days": []}


def _issuer(number: str) -> str:
    suffix = number.rsplit("/", 1)[-1]
    return "Quốc hội" if suffix.startswith("QH") else "Chính phủ" if suffix == "NĐ-CP" else "Bộ chủ quản"


# The legal documents the generated procedures cite, declared once as in content/legal/documents.yaml
# (reversed, so that the first mention of a number is the one kept).
DOCUMENTS = {
    number: {"number": number, "title": title, "effective_date": day, "issuer": _issuer(number), "unconfirmed": {}}
    for number, title, day in reversed([law for sector in v.SECTORS.values() for law in sector[5]] + [v.ONE_STOP_BASIS])
}


def load_real_catalogue(path: Path = REAL_CATALOGUE) -> dict:
    """The compiled real catalogue, or an empty one when it has not been built."""
    if not path.exists():
        return {"schema_version": 1, "calendar": EMPTY_CALENDAR, "procedures": []}
    return json.loads(path.read_text(encoding="utf-8"))


def _titles(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Every (title, sector, kind, verb) the vocabulary can say, in a seeded random order."""
    combos = []
    for sector, (_, _, _, objects, extra_qualifiers, _) in v.SECTORS.items():
        for kind, phrase in objects:
            for verb in v.VERBS[kind]:
                for qualifier in v.QUALIFIERS + extra_qualifiers:
                    title = f"{verb} {phrase}" + (f", {qualifier}" if qualifier else "")
                    combos.append((title, sector, kind, verb))
    rng.shuffle(combos)
    return combos


def _result_name(verb: str, kind: str, phrase: str) -> str:
    if verb.startswith("Thu hồi"):
        return f"Quyết định thu hồi {phrase}"
    if kind == "permit":
        return phrase[0].upper() + phrase[1:]
    if kind == "register":
        return f"Giấy xác nhận {verb.lower()} {phrase}"
    if kind == "recognise":
        return f"Quyết định công nhận {phrase}"
    return f"Văn bản {verb.lower()} {phrase}"


def _fee(rng: random.Random) -> dict:
    roll = rng.random()
    if roll < 0.35:
        return {"kind": "none"}
    if roll < 0.75:
        fee: dict = {"kind": "fixed", "amount": rng.choice(v.FEE_AMOUNTS)}
        if rng.random() < 0.3:
            fee["note"] = f"Cấp lại thu {format_money(fee['amount'] // 2)}."
        return fee
    if roll < 0.85:
        base = rng.choice(v.FEE_AMOUNTS)
        return {"kind": "per_unit", "base": base, "per_unit": base // 10, "unit": rng.choice(v.FEE_UNITS),
                "cap": base * 5 if rng.random() < 0.5 else None}
    return {"kind": "unconfirmed", "note": "Mức phí đang chờ văn bản của Hội đồng nhân dân tỉnh."}


def _channels(rng: random.Random, level: str) -> dict:
    names = ["counter", "post"] if level == "thong-tin" else ["online", "counter", "post"]
    if level != "thong-tin" and rng.random() < 0.3:
        names.remove("post")
    time_limit = {"value": rng.choice((1, 3, 5, 7, 10, 15, 20, 30)),
                  "unit": rng.choice(("working_days", "working_days", "calendar_days")),
                  "from": rng.choice(("receipt", "receipt", "complete_dossier", "inspection"))}
    fee = _fee(rng)
    return {name: {"time_limit": dict(time_limit), "fee": dict(fee)} for name in names}


def _documents(rng: random.Random, verb: str, phrase: str) -> list[dict]:
    documents: list[dict] = [{"slot": "don-de-nghi", "name": f"Đơn đề nghị {verb.lower()} {phrase}",
                  "form": f"Mẫu {rng.randint(1, 40):02d}"}]
    for slot, name, form in rng.sample(v.COMMON_DOCUMENTS, rng.randint(1, 4)):
        documents.append({"slot": slot, "name": name, "form": form, "copies": int(form is None),
                          "originals": int(form is not None)})
    for slot, name, form, when in rng.sample(v.OPTIONAL_DOCUMENTS, rng.randint(0, 2)):
        documents.append({"slot": slot, "name": name, "form": form, "required": False, "required_when": when})
    return documents


def _steps(rng: random.Random, agency: str, form: str, inspection: bool) -> list[str]:
    steps = [
        f"Chuẩn bị hồ sơ theo mục Thành phần hồ sơ; đơn đề nghị theo **{form}**.",
        f"Nộp hồ sơ trực tuyến trên cổng này, nộp trực tiếp tại {v.COUNTER} hoặc gửi qua bưu điện.",
        "Cán bộ kiểm tra hồ sơ; nếu thiếu, báo cho bạn **một lần, bằng văn bản** những gì cần bổ sung.",
    ]
    if inspection:
        steps.append(f"{agency} kiểm tra thực tế tại cơ sở và lập biên bản.")
    steps.append(f"{agency} thẩm định hồ sơ và trả kết quả trong thời hạn ghi trên giấy hẹn.")
    if rng.random() < 0.6:
        steps.append("Nộp phí, lệ phí khi cán bộ thông báo, rồi nhận kết quả theo cách bạn đã chọn.")
    return steps


def _procedure(rng: random.Random, number: int, title: str, sector: str, kind: str, verb: str,
               used_ids: set[str], code: int) -> dict:
    group, agency_name, agency_code, _, _, laws = v.SECTORS[sector]
    phrase = title[len(verb) + 1:].split(", ")[0]
    level = rng.choices(("toan-trinh", "mot-phan", "thong-tin"), weights=(3, 4, 3))[0]
    channels = _channels(rng, level)
    inspection = next(iter(channels.values()))["time_limit"]["from"] == "inspection"
    documents = _documents(rng, verb, phrase)
    applicants = rng.choice((["ca-nhan"], ["to-chuc"], ["ca-nhan", "to-chuc"]))
    who = " hoặc ".join(lower_first(APPLICANT_KIND_LABELS[a]) for a in applicants)

    base_id = ascii_slug(title)[:80].rstrip("-")
    procedure_id = base_id if base_id not in used_ids else f"{base_id}-{number}"
    used_ids.add(procedure_id)

    fields = [dict(f) for f in rng.sample(v.FORM_FIELDS, rng.randint(2, 6))]
    grounds = rng.sample(v.REFUSAL_GROUNDS, rng.randint(1, 3))
    unconfirmed = []
    if rng.random() < 0.2:
        unconfirmed.append({"path": "agency.phone", "note": "Chưa có số điện thoại chính thức của nơi tiếp nhận."})
    if rng.random() < 0.1:
        unconfirmed.append({"path": "effective_date", "note": "Chưa đối chiếu với quyết định công bố thủ tục của tỉnh."})
    source = {
        "id": procedure_id,
        "national_code": f"{rng.choice('12')}.{code:06d}" if rng.random() < 0.7 else None,
        "version": rng.randint(1, 3),
        "effective_date": rng.choice(laws)[2],
        "title": title,
        "group": group,
        "service_level": level,
        "applicant_types": applicants,
        "agency": {"code": agency_code, "name": agency_name, "counter": v.COUNTER, "address": v.ADDRESS,
                   "phone": None if rng.random() < 0.5 else f"0255 3{rng.randint(100000, 999999)}"},
        "summary": (f"Thủ tục dành cho {who} cần {verb.lower()} {phrase} (lĩnh vực {sector}).\n\n"
                    f"{rng.choice(v.SUMMARY_EXTRAS)}\n"),
        "cutoff_time": rng.choice(("15:00", "16:00", None)),
        "channels": channels,
        "steps": _steps(rng, agency_name, documents[0]["form"], inspection),
        "conditions": rng.choice(v.CONDITIONS) if rng.random() < 0.5 else None,
        "documents": documents,
        "legal_bases": [n for n, _, _ in rng.sample(laws, rng.randint(1, len(laws))) + [v.ONE_STOP_BASIS]],
        "refusal_grounds": [
            {"code": code, "kind": kind, "text": text,
             "documents": ["don-de-nghi"] if code == "khong-thuoc-doi-tuong" else []}
            for code, kind, text in grounds
        ],
        "result": {"name": _result_name(verb, kind, phrase),
                   "delivery": ["counter", "post"] + (["online"] if level == "toan-trinh" else [])},
        "form": None if level == "thong-tin" else {"fields": fields},
        "unconfirmed": unconfirmed,
    }
    return normalise_procedure(source, DOCUMENTS)


def synthetic_catalogue(size: int, seed: int = 2026, real: dict | None = None) -> dict:
    """A compiled catalogue of `size` procedures: the real ones plus generated ones."""
    real = load_real_catalogue() if real is None else real
    procedures = [json.loads(json.dumps(p)) for p in real.get("procedures", [])][:size]
    real_ids = {p["id"] for p in procedures}
    rng = random.Random(f"{seed}:{size}")
    combos = _titles(rng)
    codes = rng.sample(range(10**6), size)  # national codes are unique across a catalogue
    taken_titles = {p["title"] for p in procedures}
    used_ids = {p["id"] for p in procedures}
    for title, sector, kind, verb in combos:
        if len(procedures) >= size:
            break
        if title in taken_titles:
            continue
        taken_titles.add(title)
        procedures.append(_procedure(rng, len(procedures), title, sector, kind, verb, used_ids,
                                     codes[len(procedures)]))
    # Generated procedures have no older versions; the compiler says so in its own way.
    link_versions([p for p in procedures if p["id"] not in real_ids], [])
    if len(procedures) < size:
        raise ValueError(f"the vocabulary yields {len(procedures)} distinct titles, fewer than {size}")
    procedures.sort(key=lambda p: p["id"])
    catalogue = {"schema_version": real.get("schema_version", 1), "calendar": real.get("calendar", EMPTY_CALENDAR),
                 "procedures": procedures}
    if "archive" in real:  # old versions of the real procedures kept, so their archived pages exist
        catalogue["archive"] = [json.loads(json.dumps(e)) for e in real["archive"] if e["id"] in real_ids]
    return catalogue


KNOWN_QUERIES = ("giay phep khai thac", "xoa dang ky tau", "long be")


def folded_queries(catalogue: dict, count: int = 50, seed: int = 2026) -> list[str]:
    """`count` folded queries: the three with known targets among the real procedures, then runs
    of 2 to 4 consecutive words taken from random titles of the catalogue."""
    rng = random.Random(f"queries:{seed}")
    titles = [p["title"] for p in catalogue["procedures"]]
    queries = list(KNOWN_QUERIES)
    while len(queries) < count:
        words = re.sub(r"[^a-z0-9]+", " ", fold(rng.choice(titles))).split()
        length = min(len(words), rng.randint(2, 4))
        start = rng.randint(0, len(words) - length)
        query = " ".join(words[start:start + length])
        if query not in queries:
            queries.append(query)
    return queries[:count]
