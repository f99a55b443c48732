"""One reader per format: each turns a file into a `ReadDocument`.

`sniff` decides the format from the bytes (magic numbers, the parts inside an Office
zip), never from the extension alone: a text file renamed `.xlsx` is refused, an
encrypted Office file (an OLE container holding `EncryptionInfo`) is named as such.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from chitieu.errors import UnreadableFileError

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def sniff(path: Path) -> str:
    """'xlsx', 'docx', 'pdf' or 'image'; anything else raises UnreadableFileError."""
    with path.open("rb") as fh:
        head = fh.read(2048)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _office_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if _ENCRYPTION_INFO in data:
            raise UnreadableFileError(
                path, "tệp được đặt mật khẩu (mã hóa); hãy gửi bản không mật khẩu."
            )
        raise UnreadableFileError(
            path,
            "tệp Excel/Word đời cũ (.xls/.doc) chưa được hỗ trợ; hãy lưu lại thành .xlsx/.docx.",
        )
    suffix = path.suffix.lower()
    if _looks_like_text(head):
        if suffix in (".xlsx", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            return _raise(
                path,
                f"tệp có đuôi {suffix} nhưng nội dung là văn bản thuần, không phải {suffix[1:].upper()}.",
            )
        return _raise(
            path, "tệp văn bản thuần không phải báo cáo đọc được (cần .xlsx, .docx, .pdf hoặc ảnh)."
        )
    return _raise(
        path, "định dạng tệp không được hỗ trợ (cần .xlsx, .docx, .pdf, .png, .jpg hoặc .tif)."
    )


def _raise(path: Path, reason: str) -> str:
    raise UnreadableFileError(path, reason)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head


def _office_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError):
        raise UnreadableFileError(
            path, "tệp bị hỏng hoặc bị cắt cụt (không giải nén được)."
        ) from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise UnreadableFileError(
            path,
            "định dạng OpenDocument (.odt/.ods) chưa được hỗ trợ; hãy lưu lại thành .docx/.xlsx.",
        )
    raise UnreadableFileError(
        path, "tệp nén (.zip) không phải báo cáo; hãy gửi từng tệp .xlsx/.docx/.pdf."
    )
