"""Seal rings (con dấu) found on a page: thin circles 3–4.5 cm across with ink nearly
all round, at one radius.

Found by the Hough transform on a small copy of the page and checked on the page itself;
a seal has two rings with its lettering between them, and both are found. What is done
with them (wiped, print kept) is `seals.py`'s business.

A faint seal sent by fax prints as dots: the sender's threshold keeps a pixel here and
there along its rings. The page's grey, small, shows the Hough transform nothing to find,
so on a printed page (`dotted=True`: a fax, or a fax stored in a PDF and levelled to grey)
the transform is run again on the page's ink thickened (dots about a millimetre apart
join), and a ring it finds there is measured by the ink in each 2-degree sector of its
band rather than on three sampled radii (a one-pixel dot falls between them); the
concentric second ring is looked for as before, by the solid measure.
"""

from __future__ import annotations

from collections.abc import Callable
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


def ink_mask(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def round_share(ink: np.ndarray, cx: float, cy: float, r: float, band: float) -> float:
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


def _best_circle(
    ink: np.ndarray, cx: float, cy: float, r: float, slack: float
) -> tuple[float, float, float, float]:
    """(share, cx, cy, r): of the circles with centre and radius within `slack` of the
    given one, the one with ink at the most angles (within 1 px of its radius). Ink
    pixels near the circle are binned by angle (seen from the given centre) and distance
    from each candidate centre: a coarse grid of centres, then a fine one around the best."""
    h, w = ink.shape
    reach = r + 2 * slack + 3
    x0, x1 = int(max(0, cx - reach)), int(min(w, cx + reach + 1))
    y0, y1 = int(max(0, cy - reach)), int(min(h, cy + reach + 1))
    ys, xs = np.nonzero(ink[y0:y1, x0:x1])
    xs, ys = xs.astype(np.float32) + x0, ys.astype(np.float32) + y0
    d0 = np.hypot(xs - cx, ys - cy)
    near = np.abs(d0 - r) <= 2 * slack + 3
    xs, ys = xs[near], ys[near]
    if len(xs) > 4000:  # enough to place a circle; every n-th pixel keeps it deterministic
        xs, ys = xs[:: len(xs) // 4000 + 1], ys[:: len(ys) // 4000 + 1]
    angle = ((np.arctan2(ys - cy, xs - cx) + np.pi) * (90 / np.pi)).astype(int) % 180
    r_lo = int(r - 2 * slack - 4)
    n_r = int(4 * slack + 9)
    best = (0.0, cx, cy, r)

    def score(x: float, y: float) -> tuple[float, float]:
        rb = np.round(np.hypot(xs - x, ys - y)).astype(int) - r_lo
        ok = (rb >= 0) & (rb < n_r)
        occ = np.zeros((n_r + 2, 180), dtype=bool)
        occ[rb[ok] + 1, angle[ok]] = True
        band = occ[:-2] | occ[1:-1] | occ[2:]  # within 1 px of each radius
        share = band.mean(axis=1)
        lo, hi = int(r - slack) - r_lo, int(r + slack) - r_lo + 1
        i = lo + int(np.argmax(share[lo:hi]))
        return float(share[i]), float(i + r_lo)

    for step, span, around in ((max(1.0, slack / 3), slack, None), (1.0, max(1.0, slack / 6), 1)):
        cx0, cy0 = (cx, cy) if around is None else (best[1], best[2])
        for dx in np.arange(-span, span + 0.01, step):
            for dy in np.arange(-span, span + 0.01, step):
                share, rr = score(cx0 + dx, cy0 + dy)
                if share > best[0]:
                    best = (share, float(cx0 + dx), float(cy0 + dy), rr)
    return best


def _radial_profile(
    ink: np.ndarray, cx: float, cy: float, r0: float, r1: float
) -> list[tuple[int, float]]:
    """(radius, share of angles with ink within 1 px of it) for radii r0..r1 about (cx, cy)."""
    h, w = ink.shape
    x0, x1 = int(max(0, cx - r1 - 2)), int(min(w, cx + r1 + 3))
    y0, y1 = int(max(0, cy - r1 - 2)), int(min(h, cy + r1 + 3))
    ys, xs = np.nonzero(ink[y0:y1, x0:x1])
    dx, dy = xs.astype(np.float32) + x0 - cx, ys.astype(np.float32) + y0 - cy
    rb = np.round(np.hypot(dx, dy)).astype(int) - int(r0)
    n_r = int(r1) - int(r0) + 1
    ok = (rb >= 0) & (rb < n_r)
    angle = ((np.arctan2(dy[ok], dx[ok]) + np.pi) * (90 / np.pi)).astype(int) % 180
    occ = np.zeros((n_r + 2, 180), dtype=bool)
    occ[rb[ok] + 1, angle] = True
    share = (occ[:-2] | occ[1:-1] | occ[2:]).mean(axis=1)
    return [(int(r0) + i, float(v)) for i, v in enumerate(share)]


def _refine(
    ink: np.ndarray, cx: float, cy: float, r: float, slack: float, dotted: bool = False
) -> Ring | None:
    """The best circle near (cx, cy, r) at full size, if it is a ring: ink nearly all
    round at that radius and little just inside and outside it (text has ink at every
    radius). `dotted`: the ring's ink counted by sector (see the module)."""
    best = _best_circle(ink, cx, cy, r, slack)
    binned, bx, by, br = best
    on = round_share(ink, bx, by, br, 1.0)
    if dotted:
        on = max(on, binned)
    if on < MIN_ROUND:
        return None
    # The stroke's width: how far out and in the ring keeps most of its ink.
    width = 1.0
    for k in range(2, 16):
        if (
            max(
                round_share(ink, bx, by, br + k / 2, 0.0),
                round_share(ink, bx, by, br - k / 2, 0.0),
            )
            < 0.5 * on
        ):
            break
        width = float(k)
    off = max(
        round_share(ink, bx, by, br + width / 2 + 4, 0.0),
        round_share(ink, bx, by, br - width / 2 - 4, 0.0),
    )
    if on - off < 0.3:
        return None  # ink all round at every radius: text, not a ring
    return Ring(bx, by, br, width)


def _circles(gray: np.ndarray, k: float, r_min: int, r_max: int) -> np.ndarray | None:
    """The Hough transform's circles of a seal's size on a small copy of `gray`."""
    small = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    return cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=r_min,
        param1=80,
        param2=max(8, int(0.35 * np.pi * r_min)),
        minRadius=r_min,
        maxRadius=r_max,
    )


def find_rings(
    gray: np.ndarray,
    dpi: float,
    ink: np.ndarray | Callable[[], np.ndarray] | None = None,
    dotted: bool = False,
) -> list[Ring]:
    """Seal rings on the page: thin circles of a seal's size with ink nearly all round.

    `ink` (the page's `ink_mask`, or a function giving it) is needed only when the Hough
    transform finds a circle: most pages have none, and are spared the mask. `dotted`
    (a printed page): rings of dots are looked for on the page's ink too (see the
    module)."""
    k = min(1.0, WORK_DPI / dpi)
    per_cm = WORK_DPI / 2.54 if k < 1.0 else dpi / 2.54
    r_min, r_max = int(MIN_DIAMETER_CM / 2 * per_cm), int(MAX_DIAMETER_CM / 2 * per_cm) + 1
    found = _circles(gray, k, r_min, r_max)
    candidates = [] if found is None else [(c, False) for c in found[0][:6]]
    if dotted:
        ink = ink_mask(gray) if ink is None else ink() if callable(ink) else ink
        join = 2 * int(dpi / 60) + 1  # dots ~1 mm apart join: 5 px at 150 dpi
        thick = cv2.dilate(ink, np.ones((join, join), np.uint8))
        found = _circles(255 - thick, k, r_min, r_max)
        candidates += [] if found is None else [(c, True) for c in found[0][:6]]
    if not candidates:
        return []
    ink = ink_mask(gray) if ink is None else ink() if callable(ink) else ink
    rings: list[Ring] = []
    for (x, y, r), dots in candidates:
        if dots and any(np.hypot(x / k - o.cx, y / k - o.cy) < o.r for o in rings):
            continue  # a seal the grey showed, found again (refining costs)
        ring = _refine(ink, x / k, y / k, r / k, max(4.0, 3.0 / k), dots)
        if ring is None or any(np.hypot(ring.cx - o.cx, ring.cy - o.cy) < o.r for o in rings):
            continue
        rings.append(ring)
        # A seal has two rings, its lettering between them: the other one is the radius
        # inside or outside this one with the most ink all round.
        gap = 3 * ring.width + 4
        profile = _radial_profile(
            ink, ring.cx, ring.cy, 0.6 * ring.r, min(1.45 * ring.r, r_max / k)
        )
        far = [(share, r) for r, share in profile if abs(r - ring.r) > gap]
        if far:
            _share, other = max(far)
            second = _refine(ink, ring.cx, ring.cy, other, 2.0, dots)
            if second is not None and abs(second.r - ring.r) > gap / 2:
                rings.append(second)
    return rings
