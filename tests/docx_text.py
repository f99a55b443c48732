"""A .docx's text as a reader sees it: paragraphs, then every table cell."""

from __future__ import annotations

from pathlib import Path

import docx


def all_text(path: Path) -> str:
    """Every paragraph and table cell of the document, one per line."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    # a figure is kept with its unit by a non-breaking space ("10\u00a0vụ"): read as a space
    return "\n".join(parts).replace("\u00a0", " ")
