"""Ruled tables from a page's edges: pdfplumber's "lines" strategy (after Nurminen's
thesis), on the edges PDFium gives. Edges within 3 points are snapped to one line and
joined end to end, their crossings are the grid's corners, the smallest rectangles whose
four sides are drawn are cells, cells sharing a corner make one table.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import groupby
from operator import itemgetter

from extract.formats.pdf_page import Char
from extract.formats.pdf_words import cluster

SNAP = 3.0  # points: parallel edges this close are one line
JOIN = 3.0  # points: collinear edges with a smaller gap are one edge
PREFILTER = 1.0  # points: shorter edges are dropped before snapping
MIN_EDGE = 3.0  # points: shorter edges are dropped after joining
CROSS = 3.0  # points: an edge this close to another's line crosses it

Bbox = tuple[float, float, float, float]
# An edge: (x0, top, x1, bottom); horizontal ones have top == bottom, vertical x0 == x1.
Edge = tuple[float, float, float, float]


class FoundTable:
    """A table's cells (x0, top, x1, bottom) and their layout in rows (None where a merged
    cell covers the position)."""

    def __init__(self, cells: list[Bbox]) -> None:
        self.cells = cells
        xs = sorted({c[0] for c in cells})
        self.rows: list[list[Bbox | None]] = []
        for _top, row in groupby(sorted(cells, key=itemgetter(1, 0)), key=itemgetter(1)):
            at = {c[0]: c for c in row}
            self.rows.append([at.get(x) for x in xs])

    def texts(self, chars: list[Char], text_of) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
        """Each cell's text from the characters whose centre lies in it (pdfplumber's
        test: first the row's box, then the cell's), in the page's order."""
        x0, top, x1, bottom = _box(self.cells)
        centred = sorted(
            (v, i, h, ch)
            for i, ch in enumerate(chars)
            if x0 <= (h := (ch.x0 + ch.x1) / 2) < x1
            and top <= (v := (ch.top + ch.bottom) / 2) < bottom
        )
        vs = [t[0] for t in centred]
        out: list[list[str | None]] = []
        for row in self.rows:
            rx0, rtop, rx1, rbottom = _box(row)
            in_row = sorted(
                (
                    t
                    for t in centred[bisect_left(vs, rtop) : bisect_left(vs, rbottom)]
                    if rx0 <= t[2] < rx1
                ),
                key=itemgetter(1),
            )
            texts: list[str | None] = []
            for cell in row:
                if cell is None:
                    texts.append(None)
                    continue
                cx0, ctop, cx1, cbottom = cell
                mine = [t[3] for t in in_row if cx0 <= t[2] < cx1 and ctop <= t[0] < cbottom]
                texts.append(text_of(mine) if mine else "")
            out.append(texts)
        return out


def _box(cells: list[Bbox] | list[Bbox | None]) -> Bbox:
    present = [c for c in cells if c is not None]
    return (
        min(c[0] for c in present),
        min(c[1] for c in present),
        max(c[2] for c in present),
        max(c[3] for c in present),
    )


def find_tables(
    h_edges: list[tuple[float, float, float]], v_edges: list[tuple[float, float, float]]
) -> list[FoundTable]:
    """Tables of a page, top to bottom; `h_edges` are (x0, x1, y), `v_edges` (x, top,
    bottom), in points from the top-left corner."""
    hs = [(x0, y, x1, y) for x0, x1, y in h_edges if x1 - x0 >= PREFILTER]
    vs = [(x, top, x, bottom) for x, top, bottom in v_edges if bottom - top >= PREFILTER]
    hs = _merge(hs, horizontal=True)
    vs = _merge(vs, horizontal=False)
    hs = [e for e in hs if e[2] - e[0] >= MIN_EDGE]
    vs = [e for e in vs if e[3] - e[1] >= MIN_EDGE]
    if not hs or not vs:
        return []
    crossings = _intersections(vs, hs)
    cells = _cells(crossings)
    return [FoundTable(group) for group in _tables(cells)]


def _merge(edges: list[Edge], horizontal: bool) -> list[Edge]:
    """Snap parallel edges to the mean of their cluster, then join collinear ones."""
    pos = 1 if horizontal else 0
    snapped: list[Edge] = []
    for group in cluster(edges, itemgetter(pos), SNAP):
        mean = sum(e[pos] for e in group) / len(group)
        for e in group:
            shift = mean - e[pos]
            if horizontal:
                snapped.append((e[0], e[1] + shift, e[2], e[3] + shift))
            else:
                snapped.append((e[0] + shift, e[1], e[2] + shift, e[3]))
    lo, hi = (0, 2) if horizontal else (1, 3)
    out: list[Edge] = []
    snapped.sort(key=itemgetter(pos))
    for _at, line in groupby(snapped, key=itemgetter(pos)):
        run = sorted(line, key=itemgetter(lo))
        joined = [run[0]]
        for e in run[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + JOIN:
                if e[hi] > last[hi]:
                    grown = list(last)
                    grown[hi] = e[hi]
                    joined[-1] = (grown[0], grown[1], grown[2], grown[3])
            else:
                joined.append(e)
        out.extend(joined)
    return out


Crossings = dict[tuple[float, float], tuple[set[Edge], set[Edge]]]


def _intersections(vs: list[Edge], hs: list[Edge]) -> Crossings:
    out: Crossings = {}
    hs = sorted(hs, key=itemgetter(1, 0))
    for v in sorted(vs, key=itemgetter(0, 1)):
        x, top, _, bottom = v
        for h in hs:
            y = h[1]
            if top <= y + CROSS and bottom >= y - CROSS and h[0] - CROSS <= x <= h[2] + CROSS:
                vset, hset = out.setdefault((x, y), (set(), set()))
                vset.add(v)
                hset.add(h)
    return out


def _cells(crossings: Crossings) -> list[Bbox]:
    """For each corner, the smallest rectangle whose sides are drawn edges."""

    def connects(p: tuple[float, float], q: tuple[float, float]) -> bool:
        if p[0] == q[0] and crossings[p][0] & crossings[q][0]:
            return True
        return p[1] == q[1] and bool(crossings[p][1] & crossings[q][1])

    points = sorted(crossings)
    cells: list[Bbox] = []
    for i, pt in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [q for q in rest if q[0] == pt[0]]
        right = [q for q in rest if q[1] == pt[1]]
        found = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in crossings and connects(corner, r) and connects(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells sharing a corner, grouped; tables of one cell dropped; top to bottom."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Bbox] = []
    tables: list[list[Bbox]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in mine):
                corners.update(mine)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners = set()
            current = []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
