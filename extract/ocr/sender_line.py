"""A fax's sender line (its "TTI": "FROM: ... FAX: 024 ... 27/06/2021 14:21 P.001/002"),
printed by the sending machine within a quarter inch of the sheet's edge.

On a page sent turned, it runs down a side once the page is read upright; the page OCR
reads its characters one by one ("5", "2", "8" stacked at the edge), and those stood as a
column of figures beside the letterhead's lines: a table was rebuilt from the header and
the real one went unread. Nothing of a return's own print lies that close to the edge (a
document's margins are 15-35 mm, ND 30/2020), so the words there take no part in
rebuilding a table from words. Scans too (a fax a PDF stores as a blurred JPEG is read as
one, and a scanner's lid leaves its dark edge there); not photos, whose "page" may be the
frame, cutting through the table.
"""

from __future__ import annotations

from ._exec import Word

EDGE = 0.3  # inches from the page's edge: the sender line lies within 0.25


def off_edge(words: list[Word], shape: tuple[int, ...], dpi: float) -> list[Word]:
    """`words` without those lying wholly within `EDGE` of a side of the page."""
    h, w = shape[:2]
    m = EDGE * dpi
    return [
        wd
        for wd in words
        if not (
            wd.left + wd.width <= m
            or wd.left >= w - m
            or wd.top + wd.height <= m
            or wd.top >= h - m
        )
    ]
