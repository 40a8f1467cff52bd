"""File types a document slot may accept (the catalogue's `accept` list) and the checks a file
passes: by extension and declared MIME type when the slot is issued, by its bytes once it is
actually in the bucket (domain.file_content: a renamed .exe does not become a PDF, a truncated
or scripted file is refused)."""
from __future__ import annotations

from portal.domain.errors import FieldError
from portal.domain.file_content import inspect

# The content type each accepted type is served with: chosen by the portal, never taken from
# the uploader.
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# What browsers and phones declare for those types.
MIME_TYPES: dict[str, set[str]] = {
    **{ext: {mime} for ext, mime in CONTENT_TYPES.items()},
    "jpg": {"image/jpeg", "image/jpg", "image/pjpeg"},
}

EXTENSION_ALIASES = {"jpeg": "jpg"}

MEGABYTE = 1024 * 1024
# What the catalogue compiler fills in for a slot that does not say; kept here too for
# procedures built by hand (tests, older compiled catalogues).
DEFAULT_ACCEPT = ("pdf", "jpg", "png")
DEFAULT_MAX_SIZE_MB = 10
# The signed result a leader uploads with a decision: one PDF, checked like a document slot.
RESULT_DOCUMENT: dict = {"slot": "ket-qua", "name": "Văn bản kết quả giải quyết", "accept": ["pdf"], "max_size_mb": 20}


def extension_of(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return EXTENSION_ALIASES.get(ext, ext)


def type_for(filename: str, content_type: str, accept: list[str]) -> str | None:
    """The accepted type a file is declared as (extension and MIME type agree), or None."""
    ext = extension_of(filename)
    mime = content_type.split(";", 1)[0].strip().lower()
    if ext in accept and mime in MIME_TYPES.get(ext, set()):
        return ext
    return None


def accept_label(accept: list[str]) -> str:
    return ", ".join(ext.upper() for ext in accept)


def accepted_types(document: dict) -> list[str]:
    return list(document.get("accept") or DEFAULT_ACCEPT)


def max_size_mb(document: dict) -> int:
    return int(document.get("max_size_mb") or DEFAULT_MAX_SIZE_MB)


def max_size_bytes(document: dict) -> int:
    return max_size_mb(document) * MEGABYTE


def check_uploaded(document: dict, record: dict, found: dict, path: str) -> tuple[str | None, FieldError | None]:
    """The accepted type of an uploaded file as it is in the bucket, or the reason it is
    refused: over the slot's limit, not the size (or hash) declared when the slot was issued,
    not an accepted type by its bytes, damaged, or carrying active content."""
    name = document["name"]
    if found["size"] > max_size_bytes(document):
        return None, FieldError(
            path, f"Tệp cho giấy tờ “{name}” vượt quá dung lượng cho phép (tối đa {max_size_mb(document)} MB)."
        )
    declared_hash = record.get("sha256")
    if found["size"] != record.get("size") or (declared_hash and declared_hash != found["sha256"]):
        return None, FieldError(
            path, f"Tệp cho giấy tờ “{name}” khác với tệp đã khai báo khi tải lên. Vui lòng tải lại."
        )
    accept = accepted_types(document)
    verdict = inspect(found["content"], accept)
    if not verdict.accepted:
        detail = f" ({accept_label(accept)})" if verdict.kind is None else ""
        return None, FieldError(path, f"Tệp cho giấy tờ “{name}” {verdict.problem}{detail}. Vui lòng chọn tệp khác.")
    return verdict.kind, None
