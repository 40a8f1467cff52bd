"""The declared grounds a refusal or a stop may cite (docs/domain.md, "Refusal and stop
grounds"): each ground of a procedure has a kind, and each action allows some kinds only. A
missing or wrongly made paper is never a ground: it is a supplement request, and the catalogue
lists it as a known problem of the document it concerns (`documents[].problems`)."""
from __future__ import annotations

COMPETENCE = "competence"  # outside the agency's competence or the procedure's scope
ELIGIBILITY = "eligibility"  # the applicant, vessel or establishment is not one the procedure serves
CONDITIONS = "conditions"  # a condition the law sets is not met
FALSIFIED = "falsified"  # forged or altered papers, untrue declarations

REFUSAL_KINDS = frozenset({COMPETENCE, ELIGIBILITY, CONDITIONS, FALSIFIED})
# Competence is decided at the door: a dossier in processing was already found to be ours.
STOP_KINDS = frozenset({ELIGIBILITY, CONDITIONS, FALSIFIED})
KINDS_FOR = {"refuse": REFUSAL_KINDS, "stop": STOP_KINDS}


def declared_grounds(procedure: dict, purpose: str) -> list[dict]:
    """The procedure's grounds that `purpose` ("refuse" or "stop") may cite, in their declared
    order, as `{code, text, kind, documents}`. A ground of no allowed kind is left out: so is
    one with no kind at all (an archived version written before grounds had kinds), which no
    action may cite. Raises KeyError for an unknown purpose."""
    allowed = KINDS_FOR[purpose]
    return [
        {"code": g["code"], "text": g["text"], "kind": g["kind"], "documents": list(g.get("documents") or [])}
        for g in procedure.get("refusal_grounds") or []
        if g.get("kind") in allowed
    ]
