"""Create an upload slot: a short-lived presigned POST for one file of one document slot."""
from __future__ import annotations

from datetime import timedelta

from portal.domain import clock
from portal.domain.codes import new_dossier_id
from portal.domain.errors import FieldError, ValidationFailed
from portal.domain.validation import check_text
from portal.services import deps
from portal.services.files import accept_label, accepted_types, max_size_bytes, max_size_mb, type_for
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
    accept = accepted_types(document)
    max_size = max_size_bytes(document)
    rules = deps.catalogue().field_rules
    name_rule = rules.upload["filename"]
    filename, errors = check_text(rules, name_rule, request.filename, "filename", name_rule["label"])
    if filename is not None and type_for(filename, request.content_type, accept) is None:
        errors.append(
            FieldError("content_type", f"Tệp phải có định dạng: {accept_label(accept)}.")
        )
    if request.size > max_size:
        errors.append(
            FieldError(
                "size",
                f"Tệp vượt quá dung lượng cho phép (tối đa {max_size_mb(document)} MB).",
            )
        )
    if errors:
        raise ValidationFailed(fields=errors)

    upload_id = new_dossier_id()
    content_type = request.content_type.split(";", 1)[0].strip().lower()
    deps.dossier_store().put_upload(
        upload_id,
        {
            "procedure_id": procedure["id"],
            "slot": request.slot,
            "filename": filename,
            "content_type": content_type,
            "size": request.size,
        },
        ttl_seconds=UPLOAD_RECORD_SECONDS,
    )
    post = deps.document_store().presign_upload(
        upload_id, content_type, max_size, expires=UPLOAD_URL_SECONDS
    )
    expires_at = clock.now_vn() + timedelta(seconds=UPLOAD_URL_SECONDS)
    return {
        "upload_id": upload_id,
        "url": post["url"],
        "fields": post["fields"],
        "expires_at": clock.iso(expires_at),
        "max_size": max_size,
    }
