"""assets/data/desk-procedures.json: what the officer desk's counter intake and printed forms
read about each current procedure, beyond the titles of procedures.json: the applicant kinds, the
form's fields (as the online form draws them), the document slots with their accepted files, the
counter and postal channels with each case, and the agency named on the printed forms.

Whether a channel's (or a case's) time limit may be relied on is the domain's rule
(`portal.domain.terms.DossierTerms`, the one the intake route applies): where it may not, the desk
asks the receptionist for the time limit and its legal basis before sending."""
from __future__ import annotations

from portal.domain.terms import DossierTerms
from scripts.catalogue.prose import case_label, default_label

DESK_CHANNELS = ("counter", "post")


def _channel(procedure: dict, channel: str) -> dict:
    spec = procedure["channels"][channel]
    cases = spec.get("cases") or []

    def confirmed(answers: dict) -> bool:
        return DossierTerms.of(procedure, channel, answers).time_limit_confirmed

    return {
        "time_limit_text": spec.get("time_limit_text"),
        "fee_text": spec.get("fee_text"),
        "time_limit_confirmed": confirmed({}),
        "default_label": default_label(procedure, cases) if cases else None,
        "cases": [
            {
                "when": case["when"],
                "label": case_label(procedure, case["when"]),
                "time_limit_text": case.get("time_limit_text"),
                "fee_text": case.get("fee_text"),
                "time_limit_confirmed": confirmed({case["when"]["field"]: case["when"]["equals"]}),
            }
            for case in cases
        ],
    }


def desk_procedure(procedure: dict) -> dict:
    documents = [
        {k: d.get(k) for k in ("slot", "name", "form", "required", "required_when", "accept", "max_size_mb")}
        for d in procedure.get("documents") or []
    ]
    return {
        "id": procedure["id"],
        "version": procedure.get("version"),
        "title": procedure["title"],
        "applicant_types": procedure.get("applicant_types") or [],
        "agency": procedure.get("agency") or {},
        "result": (procedure.get("result") or {}).get("name"),
        "channels": {c: _channel(procedure, c) for c in DESK_CHANNELS if c in (procedure.get("channels") or {})},
        "fields": (procedure.get("form") or {}).get("fields") or [],
        "documents": documents,
    }


def desk_procedures(catalogue: dict) -> dict:
    """`{procedure id: desk data}`, for every current procedure that takes counter or postal dossiers."""
    entries = (desk_procedure(p) for p in catalogue.get("procedures") or [])
    return {e["id"]: e for e in entries if e["channels"]}
