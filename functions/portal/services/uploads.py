"""Create an upload slot: a short-lived presigned POST for one file of one document slot
(the citizen's, and through `issue_upload_slot` the desk's scans and result documents)."""
from __future__ import annotations

from datetime import timedelta

from portal.domain import clock
from portal.domain.codes import new_dossier_id
from portal.domain.errors import FieldError, ValidationFailed
from portal.domain.states import Actor
from portal.domain.validation import check_text
from portal.services import deps
from portal.services.desk_access import require_officer
from portal.services.desk_action_models import DeskUploadRequest
from portal.services.files import RESULT_DOCUMENT, accept_label, accepted_types, max_size_bytes, max_size_mb, type_for
from portal.services.models import UploadRequest

UPLOAD_URL_SECONDS = 15 * 60
# The slot record outlives the POST link: the citizen may upload first and finish the form later.
UPLOAD_RECORD_SECONDS = 24 * 3600


def create_upload_slot(request: UploadRequest) -> dict:
    procedure = deps.online_procedure(request.procedure_id)
    documents = {d["slot"]: d for d in procedure.get("documents") or []}
    document = documents.get(request.slot)
    if document is None:
        raise ValidationFailed(
            fields=[FieldError("slot", "Giấy tờ này không thuộc thành phần hồ sơ của thủ tục.")]
        )
    return issue_upload_slot(
        {"procedure_id": procedure["id"], "slot": request.slot},
        document,
        request.filename,
        request.content_type,
        request.size,
    )


def issue_upload_slot(record: dict, document: dict, filename: str, content_type: str, size: int) -> dict:
    """A presigned POST for one file meant for `document` (its accepted types and size limit),
    and the record of what it was issued for (`record`, plus the file's declared name, type and
    size), which the step that binds the file checks it against."""
    accept = accepted_types(document)
    max_size = max_size_bytes(document)
    rules = deps.catalogue().field_rules
    name_rule = rules.upload["filename"]
    clean_name, errors = check_text(rules, name_rule, filename, "filename", name_rule["label"])
    if clean_name is not None and type_for(clean_name, content_type, accept) is None:
        errors.append(
            FieldError("content_type", f"Tệp phải có định dạng: {accept_label(accept)}.")
        )
    if size > max_size:
        errors.append(
            FieldError(
                "size",
                f"Tệp vượt quá dung lượng cho phép (tối đa {max_size_mb(document)} MB).",
            )
        )
    if errors:
        raise ValidationFailed(fields=errors)

    upload_id = new_dossier_id()
    declared_type = content_type.split(";", 1)[0].strip().lower()
    deps.dossier_store().put_upload(
        upload_id,
        {**record, "filename": clean_name, "content_type": declared_type, "size": size},
        ttl_seconds=UPLOAD_RECORD_SECONDS,
    )
    post = deps.document_store().presign_upload(
        upload_id, declared_type, max_size, expires=UPLOAD_URL_SECONDS
    )
    expires_at = clock.now_vn() + timedelta(seconds=UPLOAD_URL_SECONDS)
    return {
        "upload_id": upload_id,
        "url": post["url"],
        "fields": post["fields"],
        "expires_at": clock.iso(expires_at),
        "max_size": max_size,
    }


def create_desk_upload_slot(actor: Actor, request: DeskUploadRequest) -> dict:
    """An officer's upload: a scanned paper of a counter or postal dossier (one of the
    procedure's documents, any channel), or the signed result of a decision."""
    agency = require_officer(actor)
    if request.purpose == "result":
        return issue_upload_slot(
            {"purpose": "result", "agency": agency, "slot": RESULT_DOCUMENT["slot"]},
            RESULT_DOCUMENT, request.filename, request.content_type, request.size,
        )
    procedure = deps.catalogue().get(request.procedure_id or "")
    document = {d["slot"]: d for d in procedure.get("documents") or []}.get(request.slot or "")
    if document is None:
        raise ValidationFailed(
            fields=[FieldError("slot", "Giấy tờ này không thuộc thành phần hồ sơ của thủ tục.")]
        )
    return issue_upload_slot(
        {"purpose": "scan", "agency": agency, "procedure_id": procedure["id"], "slot": document["slot"]},
        document, request.filename, request.content_type, request.size,
    )
