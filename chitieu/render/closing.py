"""The end of the text (ND30 ô 7 and 9b): Nơi nhận on the left, the signature on the right.

"Nơi nhận:" 12 pt bold italic; entries 11 pt, "- …;", the last "- Lưu: VT, …."; signing
lines (TM./KT./Q. …, then the title) uppercase bold 14 pt, room for the signature and the
seal, then the name bold. A borderless two-column table keeps them side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table

from chitieu.render import _oxml
from chitieu.render.text import Container, blank, line, tight

LEFT_MM = 75.0
RIGHT_MM = 90.0
SIGN_PT = 14
SIGNATURE_SPACE_LINES = 4


NAME_PLACEHOLDER = "…………………………"


@dataclass(frozen=True)
class Signature:
    """Signing lines top to bottom (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]) and name."""

    lines: Sequence[str]
    name: str = ""

    @classmethod
    def of(
        cls,
        title: str,
        name: str,
        authority: str | None = None,
        delegation: str | None = None,
    ) -> Signature:
        parts = [p for p in (authority, delegation, title) if p]
        return cls([p.upper() for p in parts], name)


@dataclass(frozen=True)
class Recipients:
    """Nơi nhận entries (without dashes or punctuation) and the archive entry ("Lưu: VT, TH.")."""

    entries: Sequence[str] = field(default_factory=list)
    archive: str | None = None

    def lines(self) -> list[str]:
        out = []
        for e in self.entries:
            e = e.strip().lstrip("-").strip().rstrip(";.,")
            if e:
                out.append(f"- {e};")
        archive = (self.archive or "Lưu: VT").strip().lstrip("-").strip().rstrip(";.,")
        if not archive.startswith("Lưu"):
            archive = f"Lưu: {archive}"
        out.append(f"- {archive}.")
        return out


def closing_table(container: Container, recipients: Recipients | None, sig: Signature) -> Table:
    """Nơi nhận | signature, side by side. `recipients` None leaves the left cell empty.

    The paragraph before it keeps with it: the signature never opens a page on its own.
    """
    before = getattr(container, "paragraphs", None)
    if before:
        _oxml.keep_with_next(before[-1])
    table = container.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _oxml.table_borders(table, None)
    _oxml.fixed_widths(table, [Mm(LEFT_MM), Mm(RIGHT_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    tight(first, align=WD_ALIGN_PARAGRAPH.LEFT)
    first.paragraph_format.space_before = Pt(12)
    if recipients is not None:
        _oxml.style_run(first.add_run("Nơi nhận:"), 12, bold=True, italic=True)
        for text in recipients.lines():
            line(left, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature_cell(right, sig)
    _oxml.cant_split(table.rows[0])
    return table


def signature_cell(cell: Container, sig: Signature) -> None:
    """Signing lines, room to sign and stamp, then the name, all centred."""
    paragraphs = getattr(cell, "paragraphs", [])
    first = paragraphs[0] if paragraphs and not paragraphs[0].text else None
    for n, text in enumerate(sig.lines):
        if n == 0 and first is not None:
            tight(first)
            first.paragraph_format.space_before = Pt(12)
            _oxml.style_run(first.add_run(text), SIGN_PT, bold=True)
        else:
            line(cell, text, SIGN_PT, bold=True)
    for _ in range(SIGNATURE_SPACE_LINES):
        blank(cell, SIGN_PT)
    # no name yet: a dotted line where the văn thư writes it before signing
    line(cell, sig.name or NAME_PLACEHOLDER, SIGN_PT, bold=True)


__all__ = ["Recipients", "Signature", "closing_table", "signature_cell"]
