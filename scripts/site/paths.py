"""Where each generated file lives, relative to the site's docs_dir (`src_uri`)."""
from __future__ import annotations

CATALOGUE_URI = "thu-tuc/index.md"
ALL_PROCEDURES_URI = "thu-tuc/tat-ca.md"
# The data files the page scripts read.
CATALOGUE_INDEX_URI = "assets/data/catalogue-index.json"
LABELS_URI = "assets/data/procedures.json"
VOCABULARY_URI = "assets/data/vocabulary.json"
DESK_PROCEDURES_URI = "assets/data/desk-procedures.json"  # the desk's counter intake and printed forms


def procedure_page_uri(procedure: dict) -> str:
    return f"thu-tuc/{procedure['id']}.md"


def form_page_uri(procedure: dict) -> str:
    return f"nop-ho-so/{procedure['id']}.md"


def guidance_sheet_uri(procedure: dict) -> str:
    return f"thu-tuc/{procedure['id']}/phieu-huong-dan.md"


def blank_form_uri(procedure: dict, document: dict) -> str:
    return f"thu-tuc/{procedure['id']}/mau-don-{document['slot']}.md"


def archive_uri(procedure_id: str, version) -> str:
    return f"thu-tuc/{procedure_id}/phien-ban-{version}.md"


def is_online(procedure: dict) -> bool:
    """Can be submitted on this site: offered online and has a form to fill in."""
    return "online" in (procedure.get("channels") or {}) and bool(procedure.get("form"))
