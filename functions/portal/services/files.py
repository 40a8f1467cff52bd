"""File types a document slot may accept (the catalogue's `accept` list) and how to recognise
them: by extension and declared MIME type when the slot is issued, by magic bytes once the file
is actually in the bucket (a renamed .exe does not become a PDF)."""
from __future__ import annotations

MIME_TYPES: dict[str, set[str]] = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg", "image/jpg", "image/pjpeg"},
    "png": {"image/png"},
    "doc": {"application/msword"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}

EXTENSION_ALIASES = {"jpeg": "jpg"}

MAGIC_BYTES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE compound file
    "docx": (b"PK\x03\x04",),  # a zip archive
}

MEGABYTE = 1024 * 1024
# What the catalogue compiler fills in for a slot that does not say; kept here too for
# procedures built by hand (tests, older compiled catalogues).
DEFAULT_ACCEPT = ("pdf", "jpg", "png")
DEFAULT_MAX_SIZE_MB = 10


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


def sniff(head: bytes, accept: list[str]) -> str | None:
    """Which accepted type the file's first bytes say it is, or None."""
    for ext in accept:
        if any(head.startswith(magic) for magic in MAGIC_BYTES.get(ext, ())):
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
