"""What a format reader hands to interpretation: lines of text and tables of cells.

Every reader (`extract/formats/xlsx.py`, `docx.py`, `pdf.py`, `scan.py`) turns a file into
a `ReadDocument`; `extract/interpret.py` turns a `ReadDocument` into records, the same way
whatever the format. Named after what a person sees on the page (pdfplumber's model).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.record import Where


@dataclass
class TextLine:
    """A line of prose or letterhead, in reading order."""

    text: str
    page: int = 1
    bbox: tuple[float, float, float, float] | None = None
    confidence: float = 1.0  # 0..1; OCR word confidence, 1.0 for digital text
    # The page's (or a photo's frame's) width and height in points, when the reader knows
    # them: a line that touches the edge may have lost words to the cut (`sender_doubt`).
    page_size: tuple[float, float] | None = None
    # OCR confidence (0..1) of each of the text's words (split on spaces), or () when not
    # known: one doubtful digit decides between "Phường 1" and "Phường 7".
    word_confidences: tuple[float, ...] = ()


@dataclass
class Cell:
    """One cell of a table, after merged cells are resolved (a merged cell appears once)."""

    text: str
    row: int  # 0-based in the table
    col: int
    rowspan: int = 1
    colspan: int = 1
    where: Where = field(default_factory=Where)
    confidence: float = 1.0  # 0..1
    # For scans: the digits-only re-read of this cell (None when not re-read).
    digits: str | None = None
    digits_confidence: float | None = None
    # For spreadsheets: the cell held a formula with no cached value.
    formula_without_value: bool = False


@dataclass
class Table:
    """A grid of cells. `cells[r][c]` is the cell covering (r, c), merged cells repeated."""

    cells: list[list[Cell | None]]
    page: int = 1
    index: int = 0  # order of the table in the document

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def text(self, r: int, c: int) -> str:
        row = self.cells[r] if r < len(self.cells) else []
        cell = row[c] if c < len(row) else None
        return cell.text if cell is not None else ""


@dataclass
class ReadDocument:
    """A document as read: its prose lines, its tables, and machine-readable ids if any."""

    kind: str  # "xlsx", "docx", "pdf", "scan", "image"
    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    page_count: int = 1
    # Ids carried by our own return forms: from the XLSX hidden sheet or the QR code.
    form_ids: FormIds | None = None
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for `problems`
    # The file's own kind when it was converted to be read ("doc", "xls", "rtf", "html"...)
    source_kind: str | None = None


@dataclass(frozen=True)
class FormIds:
    """The ids a chitieu return form carries (see `chitieu/form_ids.py` for the encodings)."""

    plan_number: str
    unit: str
    period: str | None = None
    # indicator id -> spreadsheet cell of its result ("E8"), for our XLSX forms
    result_cells: tuple[tuple[str, str], ...] = ()
