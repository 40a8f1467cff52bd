"""A dossier's form answers as people read them: each field's label beside its value, written
the way the citizen's review step writes it ("1.500 m³", "12 lồng", "08/03/2026", the chosen
option's label, an address on one line)."""
from __future__ import annotations

from portal.domain.figures import format_date, format_quantity


def _address_text(value: dict) -> str:
    parts = [value.get(key) for key in ("street", "commune", "province")]
    return ", ".join(str(part).strip() for part in parts if isinstance(part, str) and part.strip())


def answer_text(field: dict, value) -> str:
    """One answer in words; an answer of the wrong shape is shown as it is, never hidden."""
    kind = field.get("type")
    if value is None or value == "":
        return ""
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_quantity(value, field.get("unit"))
    if kind == "date" and isinstance(value, str):
        try:
            return format_date(value)
        except ValueError:
            return value
    if kind == "choice":
        labels = {option["value"]: option["label"] for option in field.get("options") or []}
        return labels.get(value, str(value))
    if kind == "address" and isinstance(value, dict):
        return _address_text(value)
    return str(value)


def answer_rows(procedure: dict, answers: dict | None) -> list[dict]:
    """`[{"name", "label", "text"}]` in the form's order, for the fields that were answered."""
    answers = answers if isinstance(answers, dict) else {}
    fields = (procedure.get("form") or {}).get("fields") or []
    return [
        {"name": field["name"], "label": field.get("label") or field["name"], "text": answer_text(field, answers[field["name"]])}
        for field in fields
        if field["name"] in answers and answer_text(field, answers[field["name"]])
    ]
