"""Look inside an Office file's XML before any parser loads it.

openpyxl and python-docx build the whole document in memory: one `<mergeCell>` over a
whole sheet becomes 17 billion cell objects (a 1.4 KB file that takes gigabytes), and a
DTD can declare entities that expand exponentially (an XML bomb) or fetch files (XXE).
Office files never carry a DTD, so any `<!DOCTYPE`/`<!ENTITY` is refused; sheets are
counted, and merged areas and cells are summed, by streaming the XML with a regular
expression: nothing is built, memory stays flat whatever the file claims.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from chitieu.errors import UnreadableFileError
from extract.limits import Limits

MAX_SHEETS = 100
MAX_MERGED_CELLS = 1_000_000  # the area all merges cover, summed
MAX_CELLS = 2_000_000  # <c> elements in all sheets (a national roll-up: ~100,000)

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHEET = re.compile(rb"<(?:\w+:)?sheet\s")
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s[^>]*?ref\s*=\s*"([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})"'
)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CHUNK = 1 << 20


def _chunks(zf: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The member's bytes in pieces that end after a '>' (no tag is cut in two)."""
    tail = b""
    with zf.open(name) as fh:
        while block := fh.read(_CHUNK):
            buf = tail + block
            cut = buf.rfind(b">") + 1
            if cut == 0 and len(buf) < 4 * _CHUNK:
                tail = buf
                continue
            cut = cut or len(buf)
            yield buf[:cut]
            tail = buf[cut:]
    if tail:
        yield tail


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def check_office_xml(path: Path, kind: str, limits: Limits) -> None:
    """Refuse DTDs anywhere; for xlsx, too many sheets, merges or cells.

    Raises:
        UnreadableFileError: with the reason, in Vietnamese.
    """
    del limits  # the sheet row/column limits clip reading; these bound loading
    with zipfile.ZipFile(path) as zf:
        names = [
            i.filename
            for i in zf.infolist()
            if i.filename.lower().endswith((".xml", ".rels", ".vml"))
        ]
        merged = cells = 0
        for name in names:
            is_sheet = kind == "xlsx" and name.startswith("xl/worksheets/")
            for piece in _chunks(zf, name):
                if _DTD.search(piece):
                    raise UnreadableFileError(
                        path,
                        f"thành phần {name} có khai báo DOCTYPE/ENTITY, điều tệp Office thật không "
                        "bao giờ có (có thể là bom XML hoặc tấn công XXE); không đọc.",
                    )
                if name == "xl/workbook.xml":
                    sheets = len(_SHEET.findall(piece))
                    if sheets > MAX_SHEETS:
                        raise UnreadableFileError(
                            path, f"tệp có {sheets} trang tính (tối đa {MAX_SHEETS}); không đọc."
                        )
                if not is_sheet:
                    continue
                cells += len(_CELL.findall(piece))
                for c1, r1, c2, r2 in _MERGE.findall(piece):
                    rows = abs(int(r2) - int(r1)) + 1
                    cols = abs(_col(c2) - _col(c1)) + 1
                    merged += rows * cols
                if merged > MAX_MERGED_CELLS:
                    raise UnreadableFileError(
                        path,
                        f"trang tính {name.rsplit('/', 1)[-1]} gộp quá nhiều ô (hơn "
                        f"{MAX_MERGED_CELLS:,} ô; có thể là một vùng gộp phủ cả trang tính); "
                        "không đọc.".replace(",", "."),
                    )
                if cells > MAX_CELLS:
                    raise UnreadableFileError(
                        path,
                        f"tệp có quá nhiều ô (hơn {MAX_CELLS:,}); không đọc.".replace(",", "."),
                    )
