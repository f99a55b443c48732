"""OLE2 compound files (Word/Excel 97-2003, and the wrapper of encrypted .docx/.xlsx):
which kind, and whether a password protects it, from the streams themselves.

* Encrypted OOXML: the container holds `EncryptionInfo` / `EncryptedPackage`.
* Word 97-2003: the `WordDocument` stream's FIB has `fEncrypted` (bit 8 of the flags
  word at offset 0x0A) [MS-DOC 2.5.2].
* Excel 97-2003: a `FILEPASS` record (0x002F) in the workbook globals, before their
  `EOF` (0x000A) [MS-XLS 2.4.117]; BIFF5 workbooks are in a `Book` stream.
"""

from __future__ import annotations

import struct
from pathlib import Path

from chitieu.errors import UnreadableFileError

_FILEPASS = 0x002F
_EOF = 0x000A
_MAX_GLOBALS = 1 << 20
_ENCRYPTION_INFO = "EncryptionInfo".encode(
    "utf-16-le"
)  # the globals substream of any real workbook is far smaller


def ole_kind(path: Path) -> str:
    """'doc' or 'xls'; raises UnreadableFileError for encrypted, other or broken files."""
    from extract.formats import ENCRYPTED

    try:
        import olefile
    except ImportError:
        raise UnreadableFileError(
            path, "chưa cài được bộ đọc tệp Word/Excel 97-2003 (gói olefile)."
        ) from None
    try:
        ole = olefile.OleFileIO(str(path))
    except Exception:
        if _ENCRYPTION_INFO in path.read_bytes():  # a damaged wrapper, still saying why
            raise UnreadableFileError(path, ENCRYPTED) from None
        raise UnreadableFileError(
            path, "tệp Word/Excel 97-2003 bị hỏng (cấu trúc OLE không đọc được)."
        ) from None
    try:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise UnreadableFileError(path, ENCRYPTED)
        if ole.exists("WordDocument"):
            fib = ole.openstream("WordDocument").read(12)
            if len(fib) < 12:
                raise UnreadableFileError(path, "tệp Word 97-2003 (.doc) bị hỏng hoặc cụt.")
            if struct.unpack_from("<H", fib, 0x0A)[0] & 0x0100:
                raise UnreadableFileError(path, ENCRYPTED)
            return "doc"
        for name in ("Workbook", "Book"):
            if ole.exists(name):
                stream = ole.openstream(name).read(_MAX_GLOBALS)
                if _has_filepass(stream):
                    raise UnreadableFileError(path, ENCRYPTED)
                return "xls"
        if ole.exists("PowerPoint Document"):
            what = "bản trình chiếu PowerPoint 97-2003 (.ppt)"
        else:
            what = "tệp Office đời cũ không phải Word hay Excel"
        raise UnreadableFileError(
            path, f"{what} không phải báo cáo đọc được (cần .docx, .xlsx, .doc, .xls hoặc .pdf)."
        )
    except UnreadableFileError:
        raise
    except Exception:
        raise UnreadableFileError(
            path, "tệp Word/Excel 97-2003 bị hỏng (cấu trúc OLE không đọc được)."
        ) from None
    finally:
        ole.close()


def _has_filepass(stream: bytes) -> bool:
    """A FILEPASS record among the workbook globals (records: type u16, length u16)."""
    pos = 0
    while pos + 4 <= len(stream):
        rtype, size = struct.unpack_from("<HH", stream, pos)
        if rtype == _FILEPASS:
            return True
        if rtype == _EOF:
            return False
        pos += 4 + size
    return False
