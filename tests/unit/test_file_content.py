"""What an uploaded file really is: real files from a browser pass; truncated, disguised and
scripted ones are refused with the reason a citizen can act on."""
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from portal.domain.file_content import ACTIVE, DAMAGED, NOT_ACCEPTED, inspect

FILES = Path(__file__).parent / "files"
# Made by Chromium (canvas.toDataURL and page.pdf), as a phone browser would make them.
PHOTO = (FILES / "photo.jpg").read_bytes()
SCAN = (FILES / "scan.png").read_bytes()
FORM = (FILES / "form.pdf").read_bytes()
ALL = ["pdf", "jpg", "png", "doc", "docx"]


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(("content", "kind"), [(PHOTO, "jpg"), (SCAN, "png"), (FORM, "pdf"), (_docx(), "docx")])
def test_whole_files_of_an_accepted_type_pass(content, kind):
    verdict = inspect(content, ALL)
    assert (verdict.kind, verdict.problem) == (kind, None)


def test_a_type_the_slot_does_not_accept_is_refused_even_if_the_file_is_fine():
    assert inspect(PHOTO, ["pdf"]).problem == NOT_ACCEPTED
    assert inspect(b"MZ\x90\x00 a program", ALL).problem == NOT_ACCEPTED


@pytest.mark.parametrize(
    "content",
    [SCAN[:-12], SCAN[: len(SCAN) // 2], PHOTO[:-2], PHOTO[: len(PHOTO) // 2], FORM[: len(FORM) // 2], _docx()[:-30]],
    ids=["png-no-end", "png-half", "jpeg-no-end", "jpeg-half", "pdf-half", "docx-cut"],
)
def test_a_truncated_file_is_refused_as_damaged(content):
    assert inspect(content, ALL).problem == DAMAGED


def test_a_png_whose_pixels_do_not_match_its_checksums_is_damaged():
    broken = bytearray(SCAN)
    broken[len(SCAN) // 2] ^= 0xFF
    assert inspect(bytes(broken), ALL).problem == DAMAGED


def test_a_png_that_claims_more_pixels_than_it_carries_is_damaged():
    header = struct.pack(">IIBBBBB", 4000, 4000, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 30)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    assert inspect(png, ["png"]).problem == DAMAGED


@pytest.mark.parametrize(
    "content",
    [
        PHOTO + b"<html><script>alert(document.cookie)</script></html>",
        PHOTO[:2] + b"\xff\xfe\x00\x1e<script>alert(1)</script>..." + PHOTO[2:],
        SCAN + b"<svg onload=alert(1)>",
    ],
    ids=["html-after-jpeg", "script-in-jpeg-comment", "svg-after-png"],
)
def test_an_image_that_is_also_a_web_page_is_refused(content):
    assert inspect(content, ALL).problem == ACTIVE


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj",
        b"1 0 obj << /Type /Catalog /OpenAction << /S /#4A#61vaScript /JS (app.alert(1)) >> >> endobj",
        b"1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj",
        b"1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj",
        b"1 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
        + b"\nendstream\nendobj",
    ],
    ids=["open-action-script", "hex-escaped-name", "launch", "embedded-file", "script-in-object-stream"],
)
def test_a_pdf_that_acts_on_its_own_is_refused(body):
    assert inspect(_pdf_with(body), ["pdf"]).problem == ACTIVE


def test_a_pdf_that_only_opens_on_its_first_page_is_fine():
    body = b"1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj"
    assert inspect(_pdf_with(body), ["pdf"]).problem is None


def test_a_word_file_with_macros_is_refused():
    assert inspect(_docx({"word/vbaProject.bin": b"\x00" * 64}), ["docx"]).problem == ACTIVE
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * (512 * 4 - 8))
    struct.pack_into("<H", ole, 30, 9)
    assert inspect(bytes(ole), ["doc"]).problem is None
    ole[1024 : 1024 + 24] = "_VBA_PROJECT".encode("utf-16-le")
    assert inspect(bytes(ole), ["doc"]).problem == ACTIVE


def test_a_zip_that_is_not_a_word_document_is_not_accepted_as_one():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    assert inspect(buffer.getvalue(), ["docx"]).problem == NOT_ACCEPTED
