"""One reader per format: each turns a file into a `ReadDocument`.

`sniff` decides the format from the bytes (magic numbers, the parts inside an Office
zip, the streams of an OLE container), never from the extension alone: a text file
renamed `.xlsx` is refused, an encrypted Office file is named as such. Word/Excel
97-2003, OpenDocument, RTF, HTML and Excel 2003 XML are legacy kinds (`LEGACY`):
LibreOffice converts them to DOCX/XLSX for the readers (`legacy.py`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from chitieu.errors import UnreadableFileError

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "tệp được đặt mật khẩu (mã hóa); hãy gửi bản không mật khẩu."
# What each kind is called in messages (a ward knows these names from Word and Excel).
KIND_NAMES = {
    "xlsx": "bảng tính Excel (.xlsx)",
    "docx": "văn bản Word (.docx)",
    "pdf": "PDF",
    "image": "ảnh",
    "doc": "văn bản Word 97-2003 (.doc)",
    "xls": "bảng tính Excel 97-2003 (.xls)",
    "odt": "văn bản OpenDocument (.odt)",
    "ods": "bảng tính OpenDocument (.ods)",
    "rtf": "văn bản RTF (.rtf)",
    "html": "trang web HTML",
    "html-sheet": "bảng tính lưu dạng trang web HTML",
    "xml-sheet": "bảng tính Excel 2003 XML",
    "fodt": "văn bản OpenDocument dạng XML (.fodt)",
    "fods": "bảng tính OpenDocument dạng XML (.fods)",
}
# legacy kind -> what LibreOffice converts it to
LEGACY = {
    "doc": "docx",
    "odt": "docx",
    "rtf": "docx",
    "html": "docx",
    "xls": "xlsx",
    "ods": "xlsx",
    "html-sheet": "xlsx",
    "xml-sheet": "xlsx",
    "fodt": "docx",
    "fods": "xlsx",
}
_OFFICE_SUFFIXES = (
    *(".xlsx", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"),
    *(".xls", ".doc", ".odt", ".ods", ".rtf"),
)
_SHEET_SUFFIXES = (".xls", ".xlsx", ".xlsm", ".ods", ".csv")


def sniff(path: Path) -> str:
    """'xlsx', 'docx', 'pdf', 'image' or a key of `LEGACY`; anything else raises
    UnreadableFileError."""
    with path.open("rb") as fh:
        head = fh.read(2048)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _office_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    if head.startswith(OLE_MAGIC):
        from extract.formats.ole import ole_kind

        return ole_kind(path)
    markup = _markup_kind(path, head)
    if markup is not None:
        return markup
    suffix = path.suffix.lower()
    if _looks_like_text(head):
        if suffix in _OFFICE_SUFFIXES:
            return _raise(
                path,
                f"tệp có đuôi {suffix} nhưng nội dung là văn bản thuần, không phải {suffix[1:].upper()}.",
            )
        return _raise(
            path,
            "tệp văn bản thuần không phải báo cáo đọc được (cần .xlsx, .docx, .xls, .doc, .pdf "
            "hoặc ảnh).",
        )
    return _raise(
        path,
        "định dạng tệp không được hỗ trợ (cần .xlsx, .docx, .xls, .doc, .ods, .odt, .rtf, "
        ".pdf, .png, .jpg hoặc .tif).",
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
        return _odf_kind(path, mimetype)
    raise UnreadableFileError(
        path, "tệp nén (.zip) không phải báo cáo; hãy gửi từng tệp .xlsx/.docx/.pdf."
    )


def _odf_kind(path: Path, mimetype: bytes) -> str:
    """odt or ods; a password-protected one (its manifest lists encryption data) refused."""
    kind = {
        b"application/vnd.oasis.opendocument.text": "odt",
        b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    }.get(mimetype.strip())
    if kind is None:
        raise UnreadableFileError(
            path,
            "tệp OpenDocument này không phải văn bản (.odt) hay bảng tính (.ods); "
            "hãy gửi báo cáo dạng .docx, .xlsx hoặc .pdf.",
        )
    with zipfile.ZipFile(path) as zf:
        try:
            manifest = zf.read("META-INF/manifest.xml")[:1_000_000]
        except KeyError:
            manifest = b""
    if b"encryption-data" in manifest:
        raise UnreadableFileError(path, ENCRYPTED)
    return kind


_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b", re.I | re.S
)


def _markup_kind(path: Path, head: bytes) -> str | None:
    """RTF, HTML (a sheet when saved as .xls or written by Excel) or Excel 2003 XML; the
    head is looked at as bytes in any ASCII-compatible or UTF-16 encoding."""
    text = head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    text = text.removeprefix(b"\xef\xbb\xbf")
    if text.startswith(b"{\\rtf"):
        return "rtf"
    low = text.lower()
    if low.startswith(b"mime-version:") or b"content-type: multipart/related" in low:
        raise UnreadableFileError(
            path,
            "trang web một tệp (MHTML, .mht) chưa đọc được; hãy lưu lại thành .xlsx, .docx "
            "hoặc .pdf.",
        )
    if low.lstrip().startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in low:
        return "xml-sheet"
    if low.lstrip().startswith(b"<?xml") and b'progid="excel.sheet"' in low:
        return "xml-sheet"
    if low.lstrip().startswith(b"<?xml") and b"<office:document" in low:
        with path.open("rb") as fh:  # its mimetype attribute follows many namespaces
            start = fh.read(65536)
        mimetype = re.search(rb'office:mimetype="([^"]+)"', start)
        kind = {
            b"application/vnd.oasis.opendocument.text": "fodt",
            b"application/vnd.oasis.opendocument.spreadsheet": "fods",
        }.get(mimetype.group(1) if mimetype else b"")
        if kind is not None:
            return kind
    if _HTML_START.match(text) or b"<html" in low[:1024]:
        excel = b"urn:schemas-microsoft-com:office:excel" in low
        return "html-sheet" if excel or path.suffix.lower() in _SHEET_SUFFIXES else "html"
    return None
