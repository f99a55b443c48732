"""Round seals (con dấu) found on a page and their rings wiped, so that print stays.

A seal is pressed over the signature and, often, over the figures of the table beside it.
On a colour scan its red goes with the red channel (`pages.py`); on a grey scan it is a
mid-grey, on a black-and-white fax as black as the print. Its ring, a thin circle 3–4.5 cm
across, is what does the damage: an arc through a cell makes a figure look like prose, a
ruling line, or a word "|" that welds two rows of a table rebuilt from word boxes.

Rings are found by `rings.py`; here the ring's pixels are wiped, except where a stroke
crosses it (ink on both sides of the ring, along the radius): a digit under the ring keeps
its stroke.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..text import fold
from ..values import MEASURE_WORDS
from ._exec import Word
from .rings import Ring, find_rings, ink_mask

STROKE_RUN_IN = 0.04  # a dark run this long (inches) is a stroke of print, not a grain
GLYPH_MAX_IN = 0.3  # a mark of print longer than this (inches) is a rule, not a glyph
LETTERING_INNER = 0.65  # of a seal's outer radius: its lettering lies beyond (inner ring ~0.75)


def _wipe_ring(
    out: np.ndarray,
    gray: np.ndarray,
    ink: np.ndarray,
    ring: Ring,
    dpi: float,
    paper: float,
    keep_below: float | None,
) -> None:
    """Wipe one ring's pixels where no stroke crosses it (ink beyond it on both sides),
    and, on a grey page, that are lighter than print."""
    h, w = ink.shape
    half = ring.width / 2 + 1.5
    reach = half + max(2.0, dpi / 100)
    x0, x1 = int(max(0, ring.cx - ring.r - reach)), int(min(w, ring.cx + ring.r + reach + 1))
    y0, y1 = int(max(0, ring.cy - ring.r - reach)), int(min(h, ring.cy + ring.r + reach + 1))
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = xx - ring.cx, yy - ring.cy
    dist = np.hypot(dx, dy) + 1e-6
    ys, xs = np.nonzero((np.abs(dist - ring.r) <= half) & ink[y0:y1, x0:x1])
    if not len(ys):
        return
    ux, uy = dx[ys, xs] / dist[ys, xs], dy[ys, xs] / dist[ys, xs]

    def ink_at(radius: float) -> np.ndarray:
        px = np.clip(np.round(ring.cx + radius * ux).astype(int), 0, w - 1)
        py = np.clip(np.round(ring.cy + radius * uy).astype(int), 0, h - 1)
        return ink[py, px]

    outside, inside = ink_at(ring.r + reach), ink_at(ring.r - reach)
    if keep_below is not None:  # grey: print is darker than the ring, whatever its shape
        wipe = ~(outside & inside) & (gray[ys + y0, xs + x0] >= keep_below)
    else:  # black: where any ink meets the ring, it may be print running along it
        wipe = ~(outside | inside)
    out[ys[wipe] + y0, xs[wipe] + x0] = int(paper)


def _levels(gray: np.ndarray, ink: np.ndarray) -> tuple[float, float]:
    """(print, paper): the page's darkest ink (5th percentile) and its paper (median)."""
    on = cv2.calcHist([gray], [0], ink, [256], [0, 256]).ravel().cumsum()
    every = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel().cumsum()
    print_level = float(np.searchsorted(on, 0.05 * on[-1])) if on[-1] else 0.0
    return print_level, float(np.searchsorted(every, 0.5 * every[-1]))


def _seal_level(gray: np.ndarray, ink: np.ndarray, ring: Ring) -> float | None:
    """The grey of the seal's ink: the median of the ink on its ring."""
    h, w = gray.shape
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    values: list[np.ndarray] = []
    for dr in (-1.0, 0.0, 1.0):
        xs = np.clip(np.round(ring.cx + (ring.r + dr) * np.cos(angles)).astype(int), 0, w - 1)
        ys = np.clip(np.round(ring.cy + (ring.r + dr) * np.sin(angles)).astype(int), 0, h - 1)
        on = ink[ys, xs]
        values.append(gray[ys[on], xs[on]])
    found = np.concatenate(values)
    return float(np.median(found)) if found.size >= 30 else None


def seal_grey(gray: np.ndarray, ring: Ring) -> float | None:
    """The grey of a seal's ring on the page (`_seal_level`, its own ink found locally)."""
    x0, y0, x1, y1 = _disc_box(ring, ring.width + 4, gray.shape)
    local = Ring(ring.cx - x0, ring.cy - y0, ring.r, ring.width)
    return _seal_level(gray[y0:y1, x0:x1], ink_mask(gray[y0:y1, x0:x1]) > 0, local)


def _disc_box(ring: Ring, pad: float, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    h, w = shape[:2]
    return (
        int(max(0, ring.cx - ring.r - pad)),
        int(max(0, ring.cy - ring.r - pad)),
        int(min(w, ring.cx + ring.r + pad + 1)),
        int(min(h, ring.cy + ring.r + pad + 1)),
    )


def _print_cores(dark: np.ndarray, dpi: float) -> np.ndarray:
    """The cores of print strokes among `dark` pixels, not grains of noise: what a 2×2
    erosion keeps (a stroke 3 px and more across), and dark runs as long as a digit's
    stroke even when thinner than that (print blurred at a low resolution: its core is
    1–2 px wide, and eroded, "45" went with the seal as a dot and a bar). Noise and a
    seal's own ink are darker than the cut only in grains, short in every direction."""
    cores = cv2.erode(dark, np.ones((2, 2), np.uint8))
    n, labels, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
    if n <= 1:
        return cores
    length = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    long = (length >= max(4.0, STROKE_RUN_IN * dpi)).astype(np.uint8)
    long[0] = 0
    return cores | long[labels]


def _fringe(gray: np.ndarray, ring: Ring, light: float, cut: float, dpi: float) -> int:
    """How far (px) the grey edge of print reaches beyond its core on this page: around
    the seal (outside its disc), the distance from print darker than `light` within which
    nearly all ink darker than the page's `cut` lies. Blurred print has a wide edge, and
    the reader's threshold keeps it: wiped down to a thin core, "00" read as nothing."""
    x0, y0, x1, y1 = _disc_box(ring, 0.5 * ring.r, gray.shape)
    region = gray[y0:y1, x0:x1]
    disc = np.zeros(region.shape, dtype=np.uint8)
    centre = (round(float(ring.cx - x0)), round(float(ring.cy - y0)))
    cv2.circle(disc, centre, int(ring.r + ring.width + 3), 1, -1)
    outside = disc == 0
    cores = _print_cores((region < light).astype(np.uint8), dpi) & outside
    ink = (region < cut) & outside
    if cores.sum() < 50 or not ink.any():
        return 0
    dist = cv2.distanceTransform((cores == 0).astype(np.uint8), cv2.DIST_L2, 3)
    near = dist[ink & (dist <= dpi / 30)]  # print's edge, not a seal or a rule apart
    return int(np.ceil(np.percentile(near, 95))) if near.size else 0


def _near_print(
    region: np.ndarray, light: float, dpi: float, fringe: int, glyphs_only: bool = False
) -> np.ndarray:
    """Where print is: its cores (darker than `light`) and their grey edge, `fringe` px
    wide (the page's own, measured), as a bool mask. A seal's ink there stays. With
    `glyphs_only`, only the cores of marks a glyph's size: a ruling line is print too,
    but a blurred star's edge along it is the star's, and kept it read as a "5"."""
    dark = _print_cores((region < light).astype(np.uint8), dpi)
    if glyphs_only:
        _n, labels, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
        long = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
        glyph = (long <= GLYPH_MAX_IN * dpi).astype(np.uint8)
        glyph[0] = 0
        dark = glyph[labels]
    reach = max(3, int(dpi / 60) + 1, 2 * fringe + 1) | 1
    return cv2.dilate(dark, np.ones((reach, reach), np.uint8)) > 0


def _wipe_grey_marks(
    out: np.ndarray,
    ring: Ring,
    light: float,
    paper: float,
    dpi: float,
    fringe: int = 0,
    faint: bool = False,
    middle: float | None = None,
    star: np.ndarray | None = None,
) -> None:
    """On a grey page a red seal is lighter than the print: inside its disc, ink no darker
    than `light` (the seal's lettering, and what its ring left) is wiped, except the grey
    edge of a darker stroke (print, blurred) `fringe` px wide (the page's own, measured).
    Within `middle` (inside the inner ring: no lettering) a mark joined to print's core
    stays whole, a blurred digit's light stroke, unless it lies on the `star`'s rim.

    A `faint` seal, lighter than the page's ink cut, goes whole by its grey (everything
    no darker than `light` away from print's edge): the page's reader takes little of it
    for ink, but a cell's own threshold (a crop of paper, seal and one figure) would."""
    pad = ring.width + 3
    x0, y0, x1, y1 = _disc_box(ring, pad, out.shape)
    region = out[y0:y1, x0:x1]
    yy, xx = np.mgrid[y0:y1, x0:x1]
    dist = np.hypot(xx - ring.cx, yy - ring.cy)
    inside = dist <= ring.r + pad
    edge = _near_print(region, light, dpi, fringe)
    ink = ink_mask(region) > 0
    marks = ink | (region >= light) if faint else ink
    if middle is not None and not faint:  # no lettering there: a mark holding print is print
        held = ink & (dist < middle)
        if star is not None:  # but not the star's grey rim that the star's wipe left
            near = max(3, 2 * fringe + 3 + int(dpi / 100)) | 1
            rim = cv2.dilate(star[y0:y1, x0:x1].astype(np.uint8), np.ones((near, near), np.uint8))
            held &= rim == 0
        edge |= _holding_print(held, region < light, dpi)
    region[inside & marks & ~edge] = int(paper)


def _holding_print(ink: np.ndarray, dark: np.ndarray, dpi: float) -> np.ndarray:
    """The marks of `ink` that hold a core of print (`_print_cores` of `dark`), whole: a
    blurred digit's thin stroke is as light as a seal, but it is joined to its darker
    strokes ("137" lost its 7's stem, read "13")."""
    _n, labels = cv2.connectedComponents(ink.astype(np.uint8), connectivity=8)
    cores = _print_cores((dark & ink).astype(np.uint8), dpi) > 0
    held = np.zeros(labels.max() + 1, dtype=bool)
    held[np.unique(labels[cores])] = True
    held[0] = False
    return held[labels]


def _wipe_star(
    out: np.ndarray,
    ring: Ring,
    paper: float,
    print_level: float | None,
    near_print: tuple[float, float, int] | None = None,
) -> None:
    """The solid mark at a seal's centre (its star): what survives an opening far wider
    than a stroke of print. On a grey page, print over it (darker) stays, and with
    `near_print` (light, dpi, fringe: see `_near_print`) so do the thin parts of its
    strokes, near print's cores and clearly darker than the star: at 150 dpi a light
    star's grey lies close to paper, an arc of a digit is no darker than halfway from the
    star to print, and "03" over the star lost both digits' arcs. On a black page a star
    touching other ink is left alone (print under it cannot be told apart)."""
    x0, y0, x1, y1 = _disc_box(ring, -0.5 * ring.r, out.shape)
    region = out[y0:y1, x0:x1]
    if region.size == 0:
        return
    _t, dark = cv2.threshold(region, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    size = max(5, int(0.12 * ring.r)) | 1
    solid = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    solid = cv2.dilate(solid, np.ones((3, 3), np.uint8)) > 0
    if print_level is not None and solid.any():
        # Print over a grey star is darker than the star: it stays.
        star = float(np.median(region[solid]))
        wipe = solid & (region >= (star + print_level) / 2)
        if near_print is not None:  # a stroke's thin grey part, clearly darker than the star
            wipe &= ~(
                _near_print(region, *near_print, glyphs_only=True)
                & (region < star - 0.25 * (star - print_level))
            )
        region[wipe] = int(paper)
        return
    _n, labels = cv2.connectedComponents(dark, connectivity=8)
    # The opening rounds the star's points off: they are its own, not a stroke touching it.
    near = cv2.dilate(solid.astype(np.uint8), np.ones((size // 2 + 1, size // 2 + 1), np.uint8)) > 0
    for i in np.unique(labels[solid]):
        if i and not ((labels == i) & ~near).any():
            region[labels == i] = int(paper)


def _inside_lettering(outer: Ring, rings: list[Ring]) -> float:
    """The radius within which a seal holds no lettering, only its star: inside its inner
    ring's band, or `LETTERING_INNER` of its outer ring without one."""
    inner = [
        r.r - r.width - 2
        for r in rings
        if r.r < outer.r and np.hypot(r.cx - outer.cx, r.cy - outer.cy) < outer.r
    ]
    return max(inner) if inner else LETTERING_INNER * outer.r


def _measure_word(text: str) -> bool:
    """A measure word as a table writes it: in lower case ("người", "Vụ"); a seal's
    lettering is in capitals."""
    word = text.strip(".,;:")
    return fold(word) in MEASURE_WORDS and not word.isupper()


def _beside(a: Word, b: Word) -> bool:
    """Whether word `a` is on `b`'s line (half their height shared) and a glyph's height
    from it at most."""
    shared = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    gap = max(b.left - (a.left + a.width), a.left - (b.left + b.width))
    return shared >= 0.5 * min(a.height, b.height) and gap <= max(a.height, b.height)


@dataclass
class Unsealed:
    """A page with its seals wiped, and where a wipe cut next to ink that stayed (a ring
    crossing a digit): a figure with such a scar in it may have lost part of a stroke."""

    gray: np.ndarray
    rings: list[Ring]
    scars: np.ndarray | None  # bool mask, None when nothing was wiped

    def encloses(self, box: tuple[int, int, int, int], dpi: float) -> bool:
        """Whether `box` lies within a seal's outer ring (a little beyond it allowed): a
        "table" there is the ring's two arcs standing between two rules, not a table (a
        real one is far wider than a seal)."""
        x0, y0, x1, y1 = box
        for ring in self.rings:
            reach = ring.r + ring.width + 0.1 * dpi
            if all(np.hypot(x - ring.cx, y - ring.cy) <= reach for x in (x0, x1) for y in (y0, y1)):
                return True
        return False

    def _bands(self) -> list[tuple[float, float, float, float]]:
        """(cx, cy, inner, outer) of each seal's lettering band: from `LETTERING_INNER`
        of its outer ring's radius to the ring (an inner ring's seal is the outer one's)."""
        return [
            (o.cx, o.cy, LETTERING_INNER * o.r, o.r + o.width / 2 + 2)
            for o in self.rings
            if not any(p.r > o.r and np.hypot(p.cx - o.cx, p.cy - o.cy) < p.r for p in self.rings)
        ]

    def lettering(self, box: tuple[int, int, int, int]) -> np.ndarray:
        """Where in `box` a seal's lettering may lie (bool mask). Print there may be the
        seal's."""
        x0, y0, x1, y1 = box
        yy, xx = np.ogrid[y0:y1, x0:x1]
        band = np.zeros((max(0, y1 - y0), max(0, x1 - x0)), dtype=bool)
        for cx, cy, inner, outer in self._bands():
            if x0 > cx + outer or x1 < cx - outer or y0 > cy + outer or y1 < cy - outer:
                continue  # the box is clear of this seal
            d = np.hypot(xx - cx, yy - cy)
            band |= (d >= inner) & (d <= outer)
        return band

    def lettering_words(self, words: list[Word]) -> set[int]:
        """The page OCR's words (indices) that are a seal's lettering, not print: no digit
        in them, their centre in a seal's lettering band ("05 nAN Nhạ": the figure is
        "05"). A measure word stays (it is checked against the indicator) unless written in
        capitals as a seal's lettering is ("BAN" of "ỦY BAN NHÂN DÂN" is a measure word,
        "bản": in the cell of "05" it sent "05 BAN" to review), and so does a
        word on a line with a figure's digits, close to them: it may be a digit the ring
        damaged ("u 6" for "08"). (A figure left with no word is read by its re-read alone,
        which a ring's scar keeps unsure.)"""
        if not self.rings or not words:
            return set()
        centres = np.array([w.center for w in words], dtype=float).reshape(-1, 2)
        in_band = np.zeros(len(words), dtype=bool)
        for cx, cy, inner, outer in self._bands():
            d = np.hypot(centres[:, 0] - cx, centres[:, 1] - cy)
            in_band |= (d >= inner) & (d <= outer)
        digits = [any(ch.isdigit() for ch in w.text) for w in words]
        figures = [w for w, has in zip(words, digits, strict=True) if has]
        return {
            i
            for i in np.flatnonzero(in_band).tolist()
            if not digits[i]
            and not _measure_word(words[i].text)
            and not any(_beside(words[i], f) for f in figures)
        }

    def scarred(self, box: tuple[int, int, int, int]) -> bool:
        if self.scars is None:
            return False
        x0, y0, x1, y1 = box
        return bool(self.scars[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)].any())


def wipe_rings(
    gray: np.ndarray,
    dpi: float,
    fax: bool = False,
    ink: np.ndarray | None = None,
    dotted: bool = False,
) -> Unsealed:
    """The page with its seals wiped: the rings (strokes crossing them kept), the solid
    star, and on a grey page the lettering lighter than the print. On a `fax` the seal
    is as black as the print, whatever grey levelling gave its edges: a skewed fax's
    ring, levelled, is grey along its rims, and read as a grey seal its black core was
    kept as print (a ring left whole over the figures). `ink`: the page's `ink_mask`
    when the caller has it (the grid's `RulingLines.ink` is the same mask). `dotted`: a
    printed page, whose faint seal may have come as dots (`rings.find_rings`)."""
    masks: list[np.ndarray] = [] if ink is None else [ink]  # made only if a circle is found

    def page_ink_once() -> np.ndarray:
        if not masks:
            masks.append(ink_mask(gray))
        return masks[0]

    rings = find_rings(gray, dpi, page_ink_once, dotted=dotted)
    if not rings:
        return Unsealed(gray, [], None)
    page_ink = page_ink_once()
    out = gray.copy()
    ink = page_ink > 0
    print_level, paper = _levels(gray, page_ink)
    outer = [
        r
        for r in rings
        if not any(o.r > r.r and np.hypot(o.cx - r.cx, o.cy - r.cy) < o.r for o in rings)
    ]
    scars = np.zeros(gray.shape, dtype=bool)
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for ring in outer:
        seal = _seal_level(gray, ink, ring)
        grey = not fax and seal is not None and seal - print_level >= 60
        # On a grey page print is darker than this at its core, even blurred: it stays.
        core = seal - 0.25 * (seal - print_level) if seal is not None and grey else None
        if core is not None and seal >= otsu - 10:  # type: ignore[operator]
            # Fainter than the page's ink cut: no stroke of print is as light as the
            # seal, so it goes by its grey alone, without cutting rings (no scars).
            cut = min(otsu, core)
            fringe = _fringe(gray, ring, cut, otsu, dpi)
            _wipe_star(out, ring, paper, print_level, (cut, dpi, fringe))
            _wipe_grey_marks(out, ring, cut, paper, dpi, fringe, faint=True)
            continue
        for r in rings:
            if np.hypot(r.cx - ring.cx, r.cy - ring.cy) < ring.r:
                _wipe_ring(out, gray, ink, r, dpi, paper, core)
        if grey:
            fringe = _fringe(gray, ring, core, otsu, dpi)  # type: ignore[arg-type]
            before_star = out.copy()
            _wipe_star(out, ring, paper, print_level, (core, dpi, fringe))  # type: ignore[arg-type]
            star = out != before_star
            middle = _inside_lettering(ring, rings)
            _wipe_grey_marks(out, ring, core, paper, dpi, fringe, middle=middle, star=star)  # type: ignore[arg-type]
        else:
            _wipe_star(out, ring, paper, None)
        x0, y0, x1, y1 = _disc_box(ring, ring.width + 4, gray.shape)
        wiped = out[y0:y1, x0:x1] != gray[y0:y1, x0:x1]
        kept = (ink[y0:y1, x0:x1] & ~wiped).astype(np.uint8)
        scars[y0:y1, x0:x1] |= wiped & (cv2.dilate(kept, np.ones((3, 3), np.uint8)) > 0)
    return Unsealed(out, rings, scars)
