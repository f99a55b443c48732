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

from dataclasses import dataclass

import cv2
import numpy as np

from ._exec import Word

EDGE = 0.3  # inches from the page's edge: the sender line lies within 0.25
SEARCH = 0.55  # inches: how far in the line is looked for (a page turned, deskewed, moved)
MARK_HEIGHT = (0.04, 0.15)  # inches: the sending machine's small capitals and digits
IN_LINE = 0.05  # inches: a mark's centre this near the band's middle stands in its line
LINE_MARKS = 25  # marks in one line (faxes 49-53 at tune; scans 0, no print that close)
BESIDE = 0.12  # inches: the line's marks reach this far from its middle at most
MAX_SLOPE = 0.05  # a line aslant by a leveled page's skew (3 degrees at most)


def off_edge(words: list[Word], gray: np.ndarray, dpi: float) -> list[Word]:
    """`words` without those lying wholly within `EDGE` of a side of the page, or within
    the sender line where one was found a little further in: a page sent turned and
    leveled has its sheet's line 0.2-0.45 in from the edge, aslant by the page's skew."""
    h, w = gray.shape[:2]
    top, bottom, left, right = _lines_in(gray, dpi, SEARCH)
    reach = EDGE * dpi

    def within(line: Line | None, along: float, depth: float) -> bool:
        """Whether a word reaching `depth` in from a side lies in its margin or line."""
        edge = reach if line is None else max(reach, line.across(along) + BESIDE * dpi)
        return depth <= edge

    return [
        wd
        for wd in words
        if not (
            within(left, wd.center[1], wd.left + wd.width)
            or within(right, wd.center[1], w - wd.left)
            or within(top, wd.center[0], wd.top + wd.height)
            or within(bottom, wd.center[0], h - wd.top)
        )
    ]


def printed(gray: np.ndarray, dpi: float) -> bool:
    """Whether a line of small print runs along a side of the page within `EDGE` of it:
    the sending machine's line, a surer sign of a fax than its share of grey (a fax a PDF
    stores as a blurred JPEG has as much grey as a clean flatbed scan). A scanner lid's
    dark edge is one long mark, not a line of letters."""
    return any(found is not None for found in _lines_in(gray, dpi, EDGE))


@dataclass(frozen=True)
class Line:
    """A sender line along one side: how far in from it (px) its middle lies at a point
    `along` the side (its x on the top and bottom sides, its y on the left and right)."""

    slope: float
    offset: float

    def across(self, along: float) -> float:
        return self.slope * along + self.offset


def _lines_in(gray: np.ndarray, dpi: float, reach: float) -> list[Line | None]:
    """For the top, bottom, left and right sides: the line of small marks that runs along
    it within `reach` (inches), or None. Each band is turned so that "across" counts in
    from its side; "along" runs left to right or top to bottom, as on the page."""
    m = int(reach * dpi)
    h, w = gray.shape[:2]
    lo, hi = (int(k * dpi) for k in MARK_HEIGHT)
    bands = (gray[:m], gray[h - m :][::-1], gray[:, :m].T, gray[:, w - m :].T[::-1])
    found: list[Line | None] = []
    for band in bands:
        ink = (band < 128).astype(np.uint8)
        _n, _labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
        tall = stats[1:, cv2.CC_STAT_HEIGHT]
        mark = (tall >= lo) & (tall <= hi) & (stats[1:, cv2.CC_STAT_WIDTH] <= hi)
        found.append(_fitted(centres[1:, 0][mark], centres[1:, 1][mark], dpi))
    return found


def _fitted(along: np.ndarray, across: np.ndarray, dpi: float) -> Line | None:
    """The line `LINE_MARKS` marks or more stand in (within `IN_LINE` of it): fitted to
    the marks near their median (a leveled page's skew leaves it aslant), else level."""
    if len(across) < LINE_MARKS:
        return None
    level = Line(0.0, float(np.median(across)))
    lines = [level]
    wide = np.abs(across - level.offset) <= 4 * IN_LINE * dpi
    if np.count_nonzero(wide) >= LINE_MARKS:
        slope, offset = np.polyfit(along[wide], across[wide], 1)
        if abs(slope) <= MAX_SLOPE:
            lines.insert(0, Line(float(slope), float(offset)))
    for line in lines:
        if np.count_nonzero(np.abs(across - line.across(along)) <= IN_LINE * dpi) >= LINE_MARKS:
            return line
    return None
