"""One file -> Extraction: triage (size, type, bombs) -> read (one reader per format)
-> interpret (format-independent) -> records and problems. Reads like a table of contents.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from chitieu.errors import ChitieuError, UnreadableFileError
from chitieu.inbox import display_name
from chitieu.plan import Plan
from chitieu.record import Extraction, Problem
from extract.document import ReadDocument
from extract.formats import LEGACY, sniff
from extract.limits import DEFAULT_LIMITS, Limits, check_image, check_size, check_zip, time_limit
from extract.office_xml import check_office_xml


def extract_file(path: Path, plan: Plan, limits: Limits | None = None) -> Extraction:
    """Read one returned document and return its records and problems.

    Raises:
        UnreadableFileError: the file cannot be read at all (corrupt, encrypted, empty,
            unsupported, too large); its message names the file and the reason.
    """
    from extract.interpret import interpret

    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    check_size(path, limits)
    digest = _sha256(path)
    doc = read_document(path, limits)
    result = interpret(doc, plan, display_name(path))
    if not doc.tables and not result.records:
        result.problems.append(
            Problem(Problem.MISSING_INDICATOR, "Văn bản không có bảng số liệu nào đọc được.")
        )
    return Extraction(
        source=display_name(path),
        sha256=digest,
        records=tuple(result.records),
        problems=tuple(_unique(result.problems)),
        unit=result.unit,
        kind=doc.source_kind or doc.kind,
    )


def read_document(path: Path, limits: Limits | None = None) -> ReadDocument:
    """The file as lines and tables, whatever its format (routing by content, not name).

    Raises:
        UnreadableFileError: the file cannot be read (see `extract_file`).
        ExtractError: a tool of the scan reader failed (Tesseract...): worth a retry.
    """
    limits = limits or DEFAULT_LIMITS
    kind = sniff(path)
    if kind == "image":
        check_image(path, limits)
        return _read_scan(path, limits)
    digital = _read_digital(path, kind, limits)
    return digital if digital is not None else _read_scan(path, limits)


def _read_digital(path: Path, kind: str, limits: Limits) -> ReadDocument | None:
    """xlsx, docx (or a legacy office file converted to one), or a PDF with a text layer;
    None for a PDF that is a scan. Whatever a
    parser raises on a malformed file means one thing to the user: it cannot be read."""
    try:
        with time_limit(path, limits.timeout_s):
            if kind == "xlsx":
                from extract.formats.xlsx import read_xlsx

                check_zip(path, limits)
                check_office_xml(path, kind, limits)
                return read_xlsx(path, limits)
            if kind == "docx":
                from extract.formats.docx import read_docx

                check_zip(path, limits)
                check_office_xml(path, kind, limits)
                return read_docx(path, limits)
            if kind in LEGACY:
                from extract.formats.legacy import read_legacy

                if kind in ("odt", "ods"):
                    check_zip(path, limits)
                return read_legacy(path, kind, limits)
            from extract.formats.pdf import has_text_layer, open_pdf, read_pdf

            pdf = open_pdf(path, limits)
            try:
                return read_pdf(pdf) if has_text_layer(pdf) else None
            finally:
                pdf.close()
    except ChitieuError:
        raise
    except Exception as exc:
        if os.environ.get("CHITIEU_DEBUG"):
            raise
        raise UnreadableFileError(
            path,
            "tệp quá lớn để đọc trong bộ nhớ."
            if isinstance(exc, MemoryError)
            else "tệp bị hỏng hoặc sai cấu trúc, không đọc được.",
        ) from exc


def _read_scan(path: Path, limits: Limits) -> ReadDocument:
    """Scans and photos. Their reader names bad files itself; anything else it raises is
    a tool or program failure, left to propagate so that intake can retry the file."""
    from extract.ocr import _tessapi
    from extract.settings import ScanSettings

    settings = ScanSettings.resolve(
        {"max_pages": limits.max_pdf_pages, "max_pixels": limits.max_image_pixels}
    )
    # The models start loading now (ctypes only), beside the scan reader's imports.
    _tessapi.warm_ahead([(settings.language, 1), (settings.digits_language, 1)], settings.workers)
    try:
        from extract.formats.scan import read_scan
    except ImportError as exc:
        raise UnreadableFileError(
            path, f"chưa cài được bộ đọc bản quét/ảnh chụp ({exc.name or exc})."
        ) from None
    with time_limit(path, limits.scan_timeout_s):
        # The same page limit for a scanned PDF's pages and a TIFF's frames.
        return read_scan(path, settings)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out: list[Problem] = []
    for p in problems:
        if (p.code, p.message) not in seen:
            seen.add((p.code, p.message))
            out.append(p)
    return out
