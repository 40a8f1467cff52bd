"""The compiled shape of a procedure (docs/architecture.md, "Compiled catalogue"): every key
present, defaults filled in, and each form field's pattern, message and length bound taken from
its kind's rule (scripts/catalogue/field_rules.py)."""
from __future__ import annotations

from typing import Any

from portal.domain.figures import format_fee, format_time_limit
from scripts.catalogue.field_rules import KINDS, typed_field
from scripts.catalogue.legal_documents import Documents, resolve_legal_bases
from scripts.catalogue.prose import fill_prose

# (pattern, message) of each typed field kind, as scripts/catalogue/field_rules.py states them.
FIELD_PATTERNS: dict[str, tuple[str, str]] = {
    kind: (rule["pattern"], rule["message"]) for kind, rule in KINDS.items() if rule.get("pattern")
}
DEFAULT_ACCEPT = ["pdf", "jpg", "png"]
DEFAULT_MAX_SIZE_MB = 10


def normalise_fee(fee: dict) -> dict:
    kind = fee["kind"]
    if kind == "none":
        return {"kind": "none"}
    out: dict[str, Any] = {"kind": kind, "note": fee.get("note")}
    if kind == "fixed":
        out["amount"] = fee["amount"]
    elif kind == "per_unit":
        out.update(base=fee["base"], per_unit=fee["per_unit"], unit=fee["unit"], cap=fee.get("cap"))
    return out


def normalise_channel(channel: dict) -> dict:
    """The channel's default time limit and fee, and its `cases` (every key present: a case's
    time_limit or fee is null when it keeps the channel's default). Each figure also comes as
    the text people read (`fee_text`, `time_limit_text`; for a case, the figure that applies in
    that case), so no page or script formats a fee or a time limit itself."""
    time_limit, fee = dict(channel["time_limit"]), normalise_fee(channel["fee"])
    cases = []
    for case in channel.get("cases", []):
        case_time = dict(case["time_limit"]) if "time_limit" in case else None
        case_fee = normalise_fee(case["fee"]) if "fee" in case else None
        cases.append({
            "when": {"field": case["when"]["field"], "equals": case["when"]["equals"]},
            "time_limit": case_time,
            "fee": case_fee,
            "time_limit_text": format_time_limit(case_time or time_limit),
            "fee_text": format_fee(case_fee or fee),
        })
    return {
        "time_limit": time_limit,
        "fee": fee,
        "time_limit_text": format_time_limit(time_limit),
        "fee_text": format_fee(fee),
        "cases": cases,
    }


def normalise_field(field: dict) -> dict:
    kind = field["type"]
    typed = typed_field(kind)
    return {
        "name": field["name"],
        "label": field["label"],
        "type": kind,
        "required": field.get("required", True),
        "help": field.get("help"),
        "options": [{"value": o["value"], "label": o["label"]} for o in field["options"]] if kind == "choice" else None,
        "unit": field.get("unit"),
        "min": field.get("min"),
        "max": field.get("max"),
        # Whole numbers only (a count of cages, of members); false for other numbers.
        "integer": bool(field.get("integer", False)) if kind == "number" else None,
        "max_length": field.get("max_length", typed["max_length"]),
        "pattern": typed["pattern"],
        "pattern_message": typed["pattern_message"],
    }


def normalise_procedure(data: dict, documents: Documents) -> dict:
    """The contract's <procedure>: every key present, defaults filled, patterns added, legal
    bases resolved from the declared documents, and the figures of the prose filled in."""
    agency = data["agency"]
    form = data.get("form")
    legal_bases, legal_unconfirmed = resolve_legal_bases(data["legal_bases"], documents)
    procedure = {
        "id": data["id"],
        "national_code": data["national_code"],
        "version": data["version"],
        "effective_date": data["effective_date"],
        "title": data["title"],
        "group": data["group"],
        "service_level": data["service_level"],
        "applicant_types": list(data["applicant_types"]),
        "agency": {key: agency.get(key) for key in ("code", "name", "counter", "address", "phone")},
        "summary": data["summary"],
        "cutoff_time": data.get("cutoff_time"),
        "channels": {name: normalise_channel(channel) for name, channel in data["channels"].items()},
        "steps": list(data["steps"]),
        "conditions": data.get("conditions"),
        "documents": [
            {
                "slot": doc["slot"],
                "name": doc["name"],
                "form": doc.get("form"),
                "originals": doc.get("originals", 1),
                "copies": doc.get("copies", 0),
                "required": doc.get("required", True),
                "required_when": doc.get("required_when"),
                "accept": list(doc.get("accept", DEFAULT_ACCEPT)),
                "max_size_mb": doc.get("max_size_mb", DEFAULT_MAX_SIZE_MB),
                # Known faults the desk cites in a supplement request; never a refusal ground.
                "problems": list(doc.get("problems", [])),
            }
            for doc in data["documents"]
        ],
        "legal_bases": legal_bases,
        "refusal_grounds": [
            # `kind` is null only in an archived version written before grounds had kinds:
            # portal.domain.grounds lets no action cite such a ground.
            {"code": g["code"], "text": g["text"], "kind": g.get("kind"), "documents": list(g.get("documents", []))}
            for g in data["refusal_grounds"]
        ],
        "result": {"name": data["result"]["name"], "delivery": list(data["result"]["delivery"])},
        "form": {"fields": [normalise_field(f) for f in form["fields"]]} if form else None,
        "unconfirmed": [{"path": u["path"], "note": u["note"]} for u in data.get("unconfirmed", [])]
        + legal_unconfirmed,
    }
    fill_prose(procedure)
    return procedure
