"""Word/Excel 97-2003, OpenDocument, RTF, HTML and Excel 2003 XML -> ReadDocument: one
headless LibreOffice call (`chitieu.render.pdf.convert_with_soffice`, its own profile)
converts a copy to DOCX or XLSX in a temporary directory, read by the usual reader.

The original file is never touched (the archive keeps its bytes and the records name
it); the copy gets a plain name with the extension of its real kind, so that a name
LibreOffice would misread (an HTML page called `.xls`, a leading dash) cannot matter.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from chitieu.errors import RenderError, UnreadableFileError
from extract.document import ReadDocument
from extract.formats import KIND_NAMES, LEGACY
from extract.limits import Limits, check_zip

_SUFFIX = {
    "doc": ".doc",
    "xls": ".xls",
    "odt": ".odt",
    "ods": ".ods",
    "rtf": ".rtf",
    "html": ".html",
    "html-sheet": ".html",
    "xml-sheet": ".xml",
    "fodt": ".fodt",
    "fods": ".fods",
}
# Import filters where LibreOffice's own detection would pick the wrong application.
_INFILTER = {
    "html": "HTML (StarWriter)",
    "html-sheet": "HTML (StarCalc)",
    "xml-sheet": "MS Excel 2003 XML",
}


def read_legacy(path: Path, kind: str, limits: Limits) -> ReadDocument:
    """Convert, then read as DOCX or XLSX; `source_kind` keeps the real kind."""
    target = LEGACY[kind]
    with tempfile.TemporaryDirectory(prefix="chitieu-legacy-") as tmp:
        copy = Path(tmp) / f"input{_SUFFIX[kind]}"
        shutil.copyfile(path, copy)
        try:
            (converted,) = _convert(copy, Path(tmp) / "out", target, kind, limits)
        except RenderError as exc:
            raise UnreadableFileError(
                path,
                f"LibreOffice không mở được {KIND_NAMES[kind]} này ({exc.message.rstrip('.')}).",
            ) from None
        try:
            check_zip(converted, limits)
            doc = _read(converted, target, limits)
        except UnreadableFileError as exc:  # name the file the ward sent, not our copy
            raise UnreadableFileError(path, exc.reason) from None
    doc.source_kind = kind
    return doc


def _read(converted: Path, target: str, limits: Limits) -> ReadDocument:
    if target == "xlsx":
        from extract.formats.xlsx import read_xlsx

        return read_xlsx(converted, limits)
    from extract.formats.docx import read_docx

    return read_docx(converted, limits)


def _convert(copy: Path, out: Path, target: str, kind: str, limits: Limits) -> list[Path]:
    from chitieu.render.pdf import convert_with_soffice

    return convert_with_soffice(
        [copy], out, target, infilter=_INFILTER.get(kind), timeout=limits.timeout_s
    )
