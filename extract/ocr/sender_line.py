"""A fax's sender line (its "TTI": "FROM: ... FAX: 024 ... 27/06/2021 14:21 P.001/002"),
printed by the sending machine within a quarter inch of the sheet's edge.

On a page sent turned, it runs down a side once the page is read upright; the page OCR
reads its characters one by one ("5", "2", "8" stacked at the edge), and those stood as a
column of figures beside the letterhead's lines: a table was rebuilt from the header and
the real one went unread. Nothing of a return's own print lies that close to the edge (a
document's margins are 15-35 mm, ND 30/2020), so the words there take no part in
rebuilding a table from words. Scans too (a scanner's lid leaves its dark edge there); not
photos, whose "page" may be the frame, cutting through the table.

The line is also the sign of a fax (`printed`, used by `bilevel.faxed`): a fax a PDF
stores as a blurred JPEG has as much grey as a clean scan, but no scan has print there.
"""

from __future__ import annotations

import cv2
import numpy as np

from ._exec import Word

EDGE = 0.3  # inches from the page's edge: the sender line lies within 0.25
MARK_HEIGHT = (0.04, 0.15)  # inches: the sending machine's small capitals and digits
IN_LINE = 0.05  # inches: a mark's centre this near the band's middle stands in its line
LINE_MARKS = 25  # marks in one line (faxes 49-53 at tune; scans 0, no print that close)


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


def printed(gray: np.ndarray, dpi: float) -> bool:
    """Whether a line of small print runs along a side of the page within `EDGE` of it:
    the sending machine's line, a surer sign of a fax than its share of grey (a fax a PDF
    stores as a blurred JPEG has as much grey as a clean flatbed scan). A scanner lid's
    dark edge is one long mark, not a line of letters."""
    m = int(EDGE * dpi)
    h, w = gray.shape[:2]
    lo, hi = (int(k * dpi) for k in MARK_HEIGHT)
    for band in (gray[:m], gray[h - m :], gray[:, :m].T, gray[:, w - m :].T):
        ink = (band < 128).astype(np.uint8)
        _n, _labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
        tall = stats[1:, cv2.CC_STAT_HEIGHT]
        mark = (tall >= lo) & (tall <= hi) & (stats[1:, cv2.CC_STAT_WIDTH] <= hi)
        across = centres[1:, 1][mark]
        if len(across) < LINE_MARKS:
            continue
        if np.count_nonzero(np.abs(across - np.median(across)) <= IN_LINE * dpi) >= LINE_MARKS:
            return True
    return False
