"""Files that cannot be read: each must exit 2 with one line naming the file and reason."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares width×height pixels but weighs under 100 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _encrypted_pdf(path: Path) -> None:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(
        path, encryption=pikepdf.Encryption(user="matkhau", owner="matkhau", R=4), static_id=True
    )


def _encrypted_office(path: Path) -> None:
    """The shape of a password-protected .xlsx: an OLE2 container with an EncryptionInfo
    stream (crafted: the directory entry only, which is what identifies it)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00")
    path.write_bytes(header + entry + b"\x00" * 448)


def _zip_bomb(path: Path) -> None:
    """An .xlsx whose one sheet unpacks to 60 MB of zeros from about 60 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b"\x00" * 1_000_000
            for _ in range(60):
                fh.write(block)


def write_bad_inputs(out: Path, truth: Any) -> None:
    d = out / "bad"
    d.mkdir(parents=True, exist_ok=True)
    good_docx = out / "docx" / "bc-quan-hoa.docx"

    (d / "empty.xlsx").write_bytes(b"")
    truth.bad("bad/empty.xlsx", "empty file")

    (d / "text-renamed.xlsx").write_text("Báo cáo kết quả tháng 6: hình sự 01 vụ.\n", "utf-8")
    truth.bad("bad/text-renamed.xlsx", "plain text renamed .xlsx")

    data = good_docx.read_bytes()
    (d / "truncated.docx").write_bytes(data[: len(data) // 2])
    truth.bad("bad/truncated.docx", "first half of a docx")

    (d / "corrupt.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    truth.bad("bad/corrupt.xlsx", "zip magic then garbage")

    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    truth.bad("bad/corrupt.pdf", "pdf header then garbage")

    _encrypted_pdf(d / "encrypted.pdf")
    truth.bad("bad/encrypted.pdf", "PDF with a user password (pikepdf, R4)")

    _encrypted_office(d / "encrypted.xlsx")
    truth.bad("bad/encrypted.xlsx", "OLE2 container with EncryptionInfo (crafted)")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    (d / "report.odt").write_bytes(buf.getvalue())
    truth.bad("bad/report.odt", "OpenDocument text")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("bao-cao.txt", "hình sự 01")
    (d / "reports.zip").write_bytes(buf.getvalue())
    truth.bad("bad/reports.zip", "a zip archive of other files")

    _zip_bomb(d / "bomb.xlsx")
    truth.bad("bad/bomb.xlsx", "60 MB member compressed ~1000:1")

    (d / "huge.png").write_bytes(_png_header(20000, 20000))
    truth.bad("bad/huge.png", "PNG header declaring 20000x20000 pixels")

    (d / "unsupported.bin").write_bytes(bytes(range(256)))
    truth.bad("bad/unsupported.bin", "unknown binary")
