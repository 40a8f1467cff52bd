"""Is an uploaded file really what it claims to be, and is it safe to hand to an officer?

Checked on the bytes themselves, once the file is in the bucket (a client may lie about its
name and type, and moto does not enforce the presigned POST's conditions): the format is
recognised by its signature, then parsed far enough to know it is whole (a truncated PNG or PDF
is refused) and holds no active content (a PDF that runs a script when opened, a Word file with
macros, markup hidden in an image). Pure Python: no image or PDF library in the Lambda package.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE compound file
    "docx": (b"PK\x03\x04",),  # a zip archive
}
SIGNATURE_BYTES = max(len(s) for signatures in SIGNATURES.values() for s in signatures)

# Markup a browser would run if it ever sniffed the file as a page (a "polyglot").
_MARKUP = re.compile(rb"<\s*(?:script|html|svg|iframe|object|embed|body|!doctype)\b|javascript:", re.IGNORECASE)

# PDF names that make a reader act on its own: run a script, start a program, submit data,
# carry files or interactive media. Plain navigation (/OpenAction to a page) is fine.
_PDF_ACTIVE_NAMES = frozenset(
    {b"JavaScript", b"JS", b"Launch", b"SubmitForm", b"ImportData", b"RichMedia", b"XFA",
     b"EmbeddedFile", b"EmbeddedFiles", b"AA", b"GoToE"}
)
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

# Bounds that keep a hostile file from costing the function its memory.
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000


@dataclass(frozen=True)
class Verdict:
    """`kind` is the accepted type the bytes are; `problem` (Vietnamese) says why they are
    refused, or is None."""

    kind: str | None
    problem: str | None = None

    @property
    def accepted(self) -> bool:
        return self.kind is not None and self.problem is None


NOT_ACCEPTED = "không đúng định dạng cho phép"
DAMAGED = "bị hỏng hoặc chưa tải lên trọn vẹn"
ACTIVE = "có chứa mã lệnh tự chạy (JavaScript, macro...)"


def signature_type(head: bytes, accept: list[str]) -> str | None:
    """Which accepted type the file's first bytes say it is, or None."""
    for ext in accept:
        if any(head.startswith(signature) for signature in SIGNATURES.get(ext, ())):
            return ext
    return None


def inspect(content: bytes, accept: list[str]) -> Verdict:
    """The file's verdict against the slot's accepted types."""
    kind = signature_type(content[:SIGNATURE_BYTES], accept)
    if kind is None:
        return Verdict(None, NOT_ACCEPTED)
    problem = _CHECKS[kind](content)
    return Verdict(kind, problem)


# --- PDF ---------------------------------------------------------------------------------


def _inflate(data: bytes, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, budget)
    except zlib.error:
        return b""
    return out


def _pdf_names(data: bytes) -> set[bytes]:
    return {_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) for name in _PDF_NAME.findall(data)}


def check_pdf(content: bytes) -> str | None:
    if b"%%EOF" not in content[-2048:]:
        return DAMAGED
    if _MARKUP.search(content[:1024]):
        return ACTIVE
    names = _pdf_names(content)
    # Object streams hide dictionaries inside compressed streams: look inside them too.
    budget = MAX_INFLATED_BYTES
    for stream in _PDF_STREAM.findall(content):
        if budget <= 0:
            return DAMAGED
        inflated = _inflate(stream, budget)
        budget -= len(inflated)
        if inflated:
            names |= _pdf_names(inflated)
    return ACTIVE if names & _PDF_ACTIVE_NAMES else None


# --- PNG ---------------------------------------------------------------------------------

_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def check_png(content: bytes) -> str | None:
    position, idat, header, ended = 8, [], None, False
    while position + 12 <= len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(content):
            return DAMAGED
        data = content[position + 8 : end - 4]
        (crc,) = struct.unpack(">I", content[end - 4 : end])
        if zlib.crc32(kind + data) != crc:
            return DAMAGED
        if header is None and kind != b"IHDR":
            return DAMAGED
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            idat.append(data)
        position = end
        if kind == b"IEND":
            ended = True
            break
    if not ended or header is None or len(header) != 13 or not idat:
        return DAMAGED
    if content[position:].strip(b"\x00"):
        return ACTIVE if _MARKUP.search(content[position:]) else DAMAGED
    return _png_pixels_complete(header, b"".join(idat))


def _png_pixels_complete(header: bytes, compressed: bytes) -> str | None:
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    channels = _PNG_CHANNELS.get(colour)
    if not width or not height or channels is None or width * height > MAX_IMAGE_PIXELS:
        return DAMAGED
    inflater = zlib.decompressobj()
    try:
        size = len(inflater.decompress(compressed, MAX_INFLATED_BYTES))
    except zlib.error:
        return DAMAGED
    if not inflater.eof:
        return DAMAGED
    if interlace == 0:
        expected = height * (1 + (width * channels * depth + 7) // 8)
        if size < expected:
            return DAMAGED
    return None


# --- JPEG --------------------------------------------------------------------------------

_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def check_jpeg(content: bytes) -> str | None:
    position = 2
    scanned = False
    while position + 2 <= len(content):
        if content[position] != 0xFF:
            return DAMAGED
        marker = content[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            trailer = content[position + 2 :]
            if _MARKUP.search(content[: position]) or _MARKUP.search(trailer):
                return ACTIVE
            return None if scanned else DAMAGED
        if marker in _JPEG_STANDALONE:
            position += 2
            continue
        if position + 4 > len(content):
            return DAMAGED
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        if length < 2:
            return DAMAGED
        position += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            scanned = True
            position = _end_of_scan(content, position)
            if position < 0:
                return DAMAGED
    return DAMAGED


def _end_of_scan(content: bytes, position: int) -> int:
    while True:
        position = content.find(b"\xff", position)
        if position < 0 or position + 1 >= len(content):
            return -1
        following = content[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position


# --- Word --------------------------------------------------------------------------------

# Every Word file with macros has this stream, its name in the directory in UTF-16.
_OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")


def check_doc(content: bytes) -> str | None:
    if len(content) < 1024:
        return DAMAGED
    (sector_shift,) = struct.unpack("<H", content[30:32])
    if sector_shift not in (9, 12) or (len(content) - 512) % (1 << sector_shift):
        return DAMAGED
    return ACTIVE if _OLE_MACROS in content else None


def check_docx(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) > MAX_INFLATED_BYTES:
                return DAMAGED
            if archive.testzip() is not None:
                return DAMAGED
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, zlib.error):
        return DAMAGED
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return NOT_ACCEPTED
    if any(name.lower().endswith(("vbaproject.bin", ".bin")) or name.startswith("word/activeX") for name in names):
        return ACTIVE
    return None


_CHECKS = {"pdf": check_pdf, "png": check_png, "jpg": check_jpeg, "doc": check_doc, "docx": check_docx}
