"""Round seals (con dấu) found on a page and their rings wiped, so that print stays.

A seal is pressed over the signature and, often, over the figures of the table beside it.
On a colour scan its red goes with the red channel (`pages.py`); on a grey scan it is a
mid-grey, on a black-and-white fax as black as the print. Its ring, a thin circle 3–4.5 cm
across, is what does the damage: an arc through a cell makes a figure look like prose, a
ruling line, or a word "|" that welds two rows of a table rebuilt from word boxes.

Rings are found by the Hough transform on a small copy of the page and checked on the page
itself (ink all round the circle, at one radius); then the ring's pixels are wiped, except
where a stroke crosses it (ink on both sides of the ring, along the radius): a digit
under the ring keeps its stroke.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_DPI = 60.0  # the Hough transform's resolution: a ring is 1–2 px wide there
MIN_DIAMETER_CM, MAX_DIAMETER_CM = 2.8, 4.8  # official seals are 3.2–4.2 cm across
MIN_ROUND = 0.6  # share of the circle with ink on it (print and the table hide some)


@dataclass(frozen=True)
class Ring:
    cx: float
    cy: float
    r: float  # page pixels
    width: float  # of the ring's stroke, page pixels


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def _round_share(ink: np.ndarray, cx: float, cy: float, r: float, band: float) -> float:
    """Share of the circle's angles with ink within `band` of radius `r`."""
    h, w = ink.shape
    angles = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    hits = np.zeros(len(angles), dtype=bool)
    for dr in np.arange(-band, band + 0.5, 1.0):
        xs = np.round(cx + (r + dr) * np.cos(angles)).astype(int)
        ys = np.round(cy + (r + dr) * np.sin(angles)).astype(int)
        ok = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
        hits[ok] |= ink[ys[ok], xs[ok]] > 0
    return float(hits.mean())


def _refine(ink: np.ndarray, cx: float, cy: float, r: float, slack: float) -> Ring | None:
    """The circle (centre ± slack, radius ± slack) with the most ink on it, at full size."""
    best: tuple[float, float, float, float] | None = None
    step = max(1.0, slack / 3)
    for dx in np.arange(-slack, slack + 0.1, step):
        for dy in np.arange(-slack, slack + 0.1, step):
            for dr in np.arange(-slack, slack + 0.1, step):
                share = _round_share(ink, cx + dx, cy + dy, r + dr, 1.0)
                if best is None or share > best[0]:
                    best = (share, cx + dx, cy + dy, r + dr)
    if best is None or best[0] < MIN_ROUND:
        return None
    _s, bx, by, br = best
    # The stroke's width: how far out and in the ring keeps most of its ink.
    width = 1.0
    for k in range(2, 12):
        if (
            _round_share(ink, bx, by, br + k / 2, 0.0) < 0.5 * best[0]
            and _round_share(ink, bx, by, br - k / 2, 0.0) < 0.5 * best[0]
        ):
            break
        width = float(k)
    return Ring(bx, by, br, width)


def find_rings(gray: np.ndarray, dpi: float) -> list[Ring]:
    """Seal rings on the page: thin circles of a seal's size with ink nearly all round."""
    k = min(1.0, WORK_DPI / dpi)
    small = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    per_cm = WORK_DPI / 2.54 if k < 1.0 else dpi / 2.54
    r_min, r_max = int(MIN_DIAMETER_CM / 2 * per_cm), int(MAX_DIAMETER_CM / 2 * per_cm) + 1
    found = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=r_min,
        param1=80,
        param2=max(8, int(0.35 * np.pi * r_min)),
        minRadius=r_min,
        maxRadius=r_max,
    )
    if found is None:
        return []
    ink = _ink(gray)
    rings: list[Ring] = []
    for x, y, r in found[0][:6]:
        ring = _refine(ink, x / k, y / k, r / k, max(2.0, 1.0 / k))
        if ring is None or any(np.hypot(ring.cx - o.cx, ring.cy - o.cy) < o.r for o in rings):
            continue
        rings.append(ring)
        # A seal has an inner ring too, closer in than its lettering: the one at the
        # radius (well inside the outer ring) with the most ink all round.
        inner = max(
            np.arange(0.6 * ring.r, ring.r - 3 * ring.width - 4, 1.0),
            key=lambda r: _round_share(ink, ring.cx, ring.cy, float(r), 1.0),
            default=None,
        )
        if (
            inner is not None
            and _round_share(ink, ring.cx, ring.cy, float(inner), 1.0) >= MIN_ROUND
        ):
            rings.append(Ring(ring.cx, ring.cy, float(inner), max(1.0, ring.width / 2)))
    return rings


def _wipe_ring(out: np.ndarray, ink: np.ndarray, ring: Ring, dpi: float) -> None:
    """Wipe one ring's pixels where no stroke crosses it (ink beyond it on both sides)."""
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

    wipe = ~(ink_at(ring.r + reach) & ink_at(ring.r - reach))
    out[ys[wipe] + y0, xs[wipe] + x0] = 255


def _seal_is_grey(gray: np.ndarray, ink: np.ndarray, ring: Ring) -> tuple[bool, float]:
    """Whether the seal is well lighter than the print (a grey scan of a red seal), and the
    grey level between the two."""
    h, w = gray.shape
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    xs = np.clip(np.round(ring.cx + ring.r * np.cos(angles)).astype(int), 0, w - 1)
    ys = np.clip(np.round(ring.cy + ring.r * np.sin(angles)).astype(int), 0, h - 1)
    on = ink[ys, xs]
    page_ink = gray[ink]
    if on.sum() < 30 or page_ink.size < 100:
        return False, 0.0
    seal_level = float(np.median(gray[ys[on], xs[on]]))
    print_level = float(np.percentile(page_ink, 5))
    return seal_level - print_level >= 60, (seal_level + print_level) / 2


def _wipe_grey_seal(out: np.ndarray, gray: np.ndarray, ring: Ring, mid: float, dpi: float) -> None:
    """Inside a grey seal's disc, whatever is not black print or a ruling line is the seal
    (ring, lettering, star): wiped. Pixels next to black strokes stay (their edges)."""
    h, w = gray.shape
    pad = ring.width + 3
    x0, x1 = int(max(0, ring.cx - ring.r - pad)), int(min(w, ring.cx + ring.r + pad + 1))
    y0, y1 = int(max(0, ring.cy - ring.r - pad)), int(min(h, ring.cy + ring.r + pad + 1))
    region = gray[y0:y1, x0:x1]
    yy, xx = np.mgrid[y0:y1, x0:x1]
    disc = np.hypot(xx - ring.cx, yy - ring.cy) <= ring.r + pad
    black = (region < mid).astype(np.uint8)
    keep = cv2.dilate(black, np.ones((5, 5), np.uint8)) > 0
    # A faint ruling line through the seal is print, not seal: long straight runs stay.
    ink = _ink(region)
    run = max(20, int(dpi * 0.35))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)) | cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)
    )
    keep |= cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0
    out[y0:y1, x0:x1][disc & ~keep] = 255


def _wipe_star(out: np.ndarray, ring: Ring) -> None:
    """The solid mark at a seal's centre (its star): a filled blob, not a character."""
    h, w = out.shape
    r = 0.5 * ring.r
    x0, x1 = int(max(0, ring.cx - r)), int(min(w, ring.cx + r + 1))
    y0, y1 = int(max(0, ring.cy - r)), int(min(h, ring.cy + r + 1))
    region = out[y0:y1, x0:x1]
    _t, dark = cv2.threshold(region, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
    for i in range(1, n):
        _x, _y, cw, ch, area = stats[i]
        if min(cw, ch) > 0.25 * ring.r and area > 0.55 * cw * ch:
            region[labels == i] = 255


def wipe_rings(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, list[Ring]]:
    """The page with its seals wiped and the seal rings found: on a grey page all of a seal
    lighter than the print; where a seal is as dark as the print (black-and-white), its
    rings (strokes crossing them kept) and its solid star."""
    rings = find_rings(gray, dpi)
    if not rings:
        return gray, []
    out = gray.copy()
    ink = _ink(gray) > 0
    outer = [
        r
        for r in rings
        if not any(o.r > r.r and np.hypot(o.cx - r.cx, o.cy - r.cy) < o.r for o in rings)
    ]
    for ring in outer:
        grey, mid = _seal_is_grey(gray, ink, ring)
        if grey:
            _wipe_grey_seal(out, gray, ring, mid, dpi)
            continue
        for r in rings:
            if np.hypot(r.cx - ring.cx, r.cy - ring.cy) < ring.r:
                _wipe_ring(out, ink, r, dpi)
        _wipe_star(out, ring)
    return out, rings
