"""What PDFium gives of a page with a text layer: characters with their boxes, ruling
lines (the straight sides of painted paths) and the pictures' boxes.

Coordinates are PDF points from the top-left corner of the page as displayed (its
/Rotate applied), as pdfplumber gives them, so that the provenance of a cell (`bbox`)
is unchanged. A character's box is its advance horizontally and one em above its
baseline (pdfminer's box for a font without a /Descent, which is what LibreOffice
writes), so that line grouping does not depend on the height of its accents.

PDFium is not thread-safe: every call into it, for any document, is made under
`PDFIUM_LOCK` (the scan reader's page rendering takes it too).
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass, field
from typing import Any
from unicodedata import combining

PDFIUM_LOCK = threading.RLock()

# pdfminer's ligature expansion (pdfplumber's `expand_ligatures`).
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
EXACT = 1e-4  # points: a side this close to parallel with an axis is on it
MAX_FORM_DEPTH = 8  # form XObjects nested deeper than this are not looked into

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Char:
    """One character as drawn: its text and its box on the displayed page."""

    __slots__ = ("bottom", "text", "top", "upright", "x0", "x1")

    def __init__(
        self, text: str, x0: float, top: float, x1: float, bottom: float, upright: bool
    ) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.upright = upright


@dataclass
class PageContent:
    """One page: its size as displayed, characters in content order, axis-parallel
    edges of painted paths (`h`: (x0, x1, y); `v`: (x, top, bottom)), and pictures."""

    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    h_edges: list[tuple[float, float, float]] = field(default_factory=list)
    v_edges: list[tuple[float, float, float]] = field(default_factory=list)
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row-vector convention, as PDF's `cm`)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def page_ctm(mediabox: tuple[float, float, float, float], rotation: int) -> tuple[Matrix, float]:
    """pdfminer's matrix from user space to the page turned by /Rotate (y upwards), and
    the turned page's height (pdfplumber measures from its top)."""
    x0, y0, x1, y1 = (_decimal(v) for v in mediabox)
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), x1 - x0
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), y1 - y0
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), x1 - x0
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), y1 - y0


def _decimal(v: float) -> float:
    """The decimal a content stream most likely wrote, from PDFium's single-precision
    copy of it (7 significant digits)."""
    return float(f"{v:.7g}")


def read_page(page: Any, pdfium_c: Any) -> PageContent:
    """Characters, edges and pictures of one PDFium page (call under `PDFIUM_LOCK`)."""
    rotation = page.get_rotation() % 360
    mediabox = page.get_mediabox()
    ctm, height = page_ctm(mediabox, rotation)
    to_display = _mul(ctm, (1.0, 0.0, 0.0, -1.0, 0.0, height))
    w = abs(mediabox[2] - mediabox[0])
    h = abs(mediabox[3] - mediabox[1])
    width = h if rotation in (90, 270) else w
    content = PageContent(width=width, height=height)
    textpage = page.get_textpage()
    try:
        content.chars = _chars(textpage.raw, to_display, pdfium_c)
    finally:
        textpage.close()
    raw = page.raw
    objects = [
        pdfium_c.FPDFPage_GetObject(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))
    ]
    _walk(objects, IDENTITY, (ctm, height), content, pdfium_c, 0)
    return content


def _chars(tp: Any, m: Matrix, c: Any) -> list[Char]:
    n = c.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = buf.raw[: max(got - 1, 0) * 2]
    text = units.decode("utf-16-le", errors="replace")
    if len(text) != n:  # a character outside the BMP: one by one
        text = "".join(chr(c.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))
    a, b, cc, d, e, f = m
    rect = c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    cm = c.FS_MATRIX()
    is_generated, loose_box = c.FPDFText_IsGenerated, c.FPDFText_GetLooseCharBox
    origin, font_size, char_matrix = (
        c.FPDFText_GetCharOrigin,
        c.FPDFText_GetFontSize,
        c.FPDFText_GetMatrix,
    )
    rect_ref, ox_ref, oy_ref, cm_ref = (
        ctypes.byref(rect),
        ctypes.byref(ox),
        ctypes.byref(oy),
        ctypes.byref(cm),
    )
    out: list[Char] = []
    append = out.append
    # A character's matrix, size and baseline cost three more calls into PDFium; they are
    # the same along a run drawn in one font and size on one baseline, which the loose
    # box's bottom edge tells (it is the baseline less the font's descent).
    key: tuple[float, float] | None = None
    upright, size, dy = True, 0.0, 0.0
    for i in range(n):
        ch = text[i]
        if ch.isspace() and is_generated(tp, i):  # PDFium's own spaces and line breaks
            continue
        loose_box(tp, i, rect_ref)
        left, right, low, high = rect.left, rect.right, rect.bottom, rect.top
        xa = left * a + low * cc + e
        xb = right * a + high * cc + e
        ya = left * b + low * d + f
        here = (low, left if b else 0.0)
        if here != key:
            key = here
            char_matrix(tp, i, cm_ref)
            # The character's matrix on the displayed page; pdfminer's `upright` test
            # (a*d > 0 and b*c <= 0) made before the flip of y, which turns both signs.
            ca = cm.a * a + cm.b * cc
            cd = cm.c * b + cm.d * d
            cb = cm.a * b + cm.b * d
            cc2 = cm.c * a + cm.d * cc
            upright = ca * cd < 0 and cb * cc2 >= 0
            if upright:
                origin(tp, i, ox_ref, oy_ref)
                size = font_size(tp, i) * (cd if cd > 0 else -cd)
                dy = (ox.value * b + oy.value * d + f) - ya
        mark = ch >= "\u0300" and bool(combining(ch))
        if not upright:
            box = _turned_box(tp, i, c, rect, m, mark)
            append(Char(LIGATURES.get(ch, ch), *box, False))
            continue
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        if mark:
            # A mark drawn as a glyph of its own (decomposed Vietnamese): no advance, so
            # PDFium boxes its outline, which would sort the marks of one letter out of
            # order (ô + ́ read as ó + ̂). It stands at its origin, as in pdfminer.
            origin(tp, i, ox_ref, oy_ref)
            x0 = x1 = ox.value * a + oy.value * cc + e
        bottom = ya + dy
        append(Char(LIGATURES.get(ch, ch), x0, bottom - size, x1, bottom, True))
    return out


def _turned_box(
    tp: Any, i: int, c: Any, loose: Any, m: Matrix, mark: bool
) -> tuple[float, float, float, float]:
    """pdfminer's box of a character not upright on the page (text up or down a cell):
    its advance by one em from its origin along its own axes, turned by its matrix. The
    advance is the loose box's length along the text (none for a mark)."""
    cm = c.FS_MATRIX()
    c.FPDFText_GetMatrix(tp, i, cm)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharOrigin(tp, i, ox, oy)
    size = c.FPDFText_GetFontSize(tp, i)
    scale = math.hypot(cm.a, cm.b) or 1.0
    along = loose.top - loose.bottom if abs(cm.b) > abs(cm.a) else loose.right - loose.left
    adv = 0.0 if mark else along / scale
    corners = [(0.0, 0.0), (adv, 0.0), (0.0, size), (adv, size)]
    user = [(ox.value + cm.a * u + cm.c * v, oy.value + cm.b * u + cm.d * v) for u, v in corners]
    xs = [m[0] * x + m[2] * y + m[4] for x, y in user]
    ys = [m[1] * x + m[3] * y + m[5] for x, y in user]
    return min(xs), min(ys), max(xs), max(ys)


Page = tuple[Matrix, float]  # page_ctm's matrix and height


def _walk(
    objects: list[Any], m: Matrix, page: Page, content: PageContent, c: Any, depth: int
) -> None:
    """Paths' edges and pictures' boxes, into form XObjects with their matrices (`m`:
    the enclosing forms' matrix to user space)."""
    fm = c.FS_MATRIX()
    for obj in objects:
        kind = c.FPDFPageObj_GetType(obj)
        if kind not in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_FORM):
            continue
        c.FPDFPageObj_GetMatrix(obj, fm)
        own = tuple(_decimal(v) for v in (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f))
        om = _mul(own, m)  # type: ignore[arg-type]
        if kind == c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, om, page, content, c)
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            corners = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))
            pts = [_to_page(_mul(om, page[0]), page[1], x, y) for x, y in corners]
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            content.pictures.append((min(xs), min(ys), max(xs), max(ys)))
        elif depth < MAX_FORM_DEPTH:
            n = c.FPDFFormObj_CountObjects(obj)
            kids = [c.FPDFFormObj_GetObject(obj, i) for i in range(n)]
            _walk(kids, om, page, content, c, depth + 1)


def _to_page(m: Matrix, height: float, x: float, y: float) -> tuple[float, float]:
    """A point through pdfminer's CTM `m`, then measured from the top as pdfplumber does."""
    return (m[0] * x + m[2] * y + m[4], height - (m[1] * x + m[3] * y + m[5]))


def _path_edges(path: Any, m: Matrix, page: Page, content: PageContent, c: Any) -> None:
    """The straight, axis-parallel sides of a painted path (a clipping path paints
    nothing). Curves give no edges. Points and matrices are taken back to the decimals
    the content stream wrote and multiplied in double precision, in pdfminer's order, so
    that a cell's bbox rounds as pdfplumber's did."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(path, fill, stroke) or (not fill.value and not stroke.value):
        return
    ctm = _mul(m, page[0])
    height = page[1]
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    last: tuple[float, float] | None = None
    for i in range(c.FPDFPath_CountSegments(path)):
        seg = c.FPDFPath_GetPathSegment(path, i)
        c.FPDFPathSegment_GetPoint(seg, x, y)
        pt = _to_page(ctm, height, _decimal(x.value), _decimal(y.value))
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO:
            start = last = pt
            continue
        if kind == c.FPDF_SEGMENT_LINETO and last is not None:
            _edge(last, pt, content)
        last = pt
        if c.FPDFPathSegment_GetClose(seg) and start is not None:
            _edge(pt, start, content)
            last = start


def _edge(p: tuple[float, float], q: tuple[float, float], content: PageContent) -> None:
    (px, py), (qx, qy) = p, q
    if abs(py - qy) < EXACT and abs(px - qx) >= EXACT:
        content.h_edges.append((min(px, qx), max(px, qx), py))
    elif abs(px - qx) < EXACT and abs(py - qy) >= EXACT:
        content.v_edges.append((px, min(py, qy), max(py, qy)))
