"""Page geometry: undo a phone photo's perspective, even out its light, and level a skewed scan.

Grid detection needs a level page (no ruling line was found on a page skewed by 1°), and
Tesseract reads a level page better (196/199 → 199/199 words with deskew).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from . import frame_cut

A4_RATIO = 297.0 / 210.0


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def _page_mask(small: np.ndarray, small_rgb: np.ndarray | None) -> np.ndarray:
    """The page (255) on the small copy: grown from its brightest part across smooth
    changes of light, stopped by sharp edges and by colour.

    A threshold alone fails two ways. An arm's shadow makes part of the page as dark as a
    wooden desk under a warm lamp, and its edge is soft, where the page's edge is sharp:
    so the page is flooded from its brightest, deepest point, across neighbours within a
    few grey levels of each other. A check tablecloth's white squares are as bright as
    paper: after white balance the paper is grey and the coloured squares are not, and
    the flood does not enter them or (dilated) the white squares between them. A stamp or
    a signature only makes a hole inside the page.
    """
    barrier = np.zeros_like(small)
    if small_rgb is not None:
        rgb = cv2.GaussianBlur(small_rgb, (5, 5), 0)
        white = np.percentile(rgb[::3, ::3].reshape(-1, 3), 97, axis=0) + 1.0  # the paper
        bal = [cv2.divide(rgb[:, :, i], float(white[i]), scale=255.0) for i in range(3)]
        top = cv2.max(cv2.max(bal[0], bal[1]), bal[2])
        low = cv2.min(cv2.min(bal[0], bal[1]), bal[2])
        # saturation over 0.3: (top - low) > 0.3 top
        coloured = cv2.compare(cv2.subtract(top, low), cv2.multiply(top, 0.3), cv2.CMP_GT)
        reach = max(3, min(small.shape) // 60) | 1
        barrier = cv2.dilate(coloured, np.ones((reach, reach), np.uint8))
        small = top  # brightness: the balanced channels' maximum
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    # Sharp edges stop the flood too: a page's edge stays sharp in a shadow where its
    # brightness comes close to the desk's; a shadow's own edge is soft.
    edges = cv2.dilate(cv2.Canny(blur, 20, 40), np.ones((3, 3), np.uint8))
    barrier = cv2.max(barrier, edges)
    _t, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright[barrier > 0] = 0
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    depth = cv2.distanceTransform(bright, cv2.DIST_L2, 3)
    _m, deepest, _l, seed = cv2.minMaxLoc(depth)
    if deepest < 3:
        return bright
    flood = np.zeros((small.shape[0] + 2, small.shape[1] + 2), np.uint8)
    flood[1:-1, 1:-1][barrier > 0] = 1  # floodFill does not cross marked pixels
    cv2.floodFill(blur, flood, seed, 0, (3,), (3,), 4 | cv2.FLOODFILL_MASK_ONLY | (255 << 8))
    mask = (flood[1:-1, 1:-1] == 255).astype(np.uint8) * np.uint8(255)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))


@dataclass(frozen=True)
class PageOutline:
    """A photo's page: its corners (top-left, top-right, bottom-right, bottom-left, image
    pixels) and the side of the image it runs out of, if any (the letterhead left out of
    the picture: two corners are the frame's, not the page's)."""

    quad: np.ndarray
    cut: str | None = None  # "top" | "bottom" | "left" | "right"


def find_page(gray: np.ndarray, rgb: np.ndarray | None = None) -> PageOutline | None:
    """A bright page on a darker or coloured background, or None (a flat scan, or a photo
    whose page fills the frame).

    Works on a downscaled copy; a quad covering almost the whole image is a scan, not a
    photo, and so is one touching two sides of the image. A page whose two corners lie on
    one side of the image ran out of the picture there.
    """
    h, w = gray.shape
    scale = 800.0 / max(h, w)
    size = (int(w * scale), int(h * scale))
    step = max(1, int(1.0 / scale))  # decimated first: INTER_AREA over 12 Mpx is slow
    small_rgb = None
    if rgb is not None:
        small_rgb = cv2.resize(rgb[::step, ::step], size, interpolation=cv2.INTER_AREA)
        small = small_rgb[:, :, 0]
    else:
        small = cv2.resize(gray[::step, ::step], size, interpolation=cv2.INTER_AREA)
    mask = _page_mask(small, small_rgb)
    contours, _h = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(page) / float(small.shape[0] * small.shape[1])
    if not 0.2 <= area <= 0.93:
        return None
    hull = cv2.convexHull(page)
    peri = cv2.arcLength(hull, True)
    sh, sw = small.shape
    m = 0.01 * max(sh, sw)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) != 4:
            continue
        corners = approx.reshape(4, 2).astype(np.float32)
        sides = [frame_cut.border_side(float(x), float(y), sw, sh, m) for x, y in corners]
        on = [side for side in sides if side is not None]
        quad = _order_corners(corners / scale)
        if len(on) == 1 and (cut := frame_cut.cut_corners(hull, sw, sh, m)) is not None:
            return PageOutline(_order_corners(cut[0] / scale), cut=cut[1])
        if not on or len(on) == 1:
            return PageOutline(quad)
        if len(on) == 2 and on[0] == on[1] != "corner":
            return PageOutline(quad, cut=on[0])
        return None  # the page fills the frame; this is light, not its edge
    return None


def find_page_quad(gray: np.ndarray, rgb: np.ndarray | None = None) -> np.ndarray | None:
    """The corners of a whole page photographed on a background (see `find_page`)."""
    outline = find_page(gray, rgb)
    return None if outline is None or outline.cut else outline.quad


def warp_page(
    gray: np.ndarray,
    quad: np.ndarray,
    width_px: int,
    interpolation: int = cv2.INTER_CUBIC,
    size: tuple[int, int] | None = None,
) -> np.ndarray:
    """The page inside `quad`, flattened to an A4 portrait or landscape rectangle `width_px`
    wide, or to `size` (width, height) when given (a page partly out of the picture)."""
    tl, tr, br, bl = quad
    qw = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    qh = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if size is None:
        ratio = A4_RATIO if qh >= qw else 1.0 / A4_RATIO
        out_w = width_px if qh >= qw else int(width_px * A4_RATIO)
        out_h = round(out_w * ratio)
    else:
        out_w, out_h = size
    dst = np.array(
        [[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(
        gray, matrix, (out_w, out_h), flags=interpolation, borderValue=(255, 255, 255)
    )


def partial_size(outline: PageOutline, min_dpi: float, max_dpi: float) -> tuple[int, int, float]:
    """Output (width, height, dpi) for a page partly out of the picture: its side along
    the cut is whole, and is A4's short side unless the visible part is much shorter the
    other way (a landscape page); the other side keeps its measured length."""
    tl, tr, br, bl = outline.quad
    qw = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    qh = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    whole, part = (qw, qh) if outline.cut in ("top", "bottom") else (qh, qw)
    whole_in = 210 / 25.4 if part / whole > 0.78 else 297 / 25.4
    dpi = min(max(whole / whole_in, min_dpi), max_dpi)
    k = dpi * whole_in / whole
    out_whole, out_part = round(whole * k), round(part * k)
    size = (out_whole, out_part) if outline.cut in ("top", "bottom") else (out_part, out_whole)
    return size[0], size[1], dpi


def _background(channel: np.ndarray) -> np.ndarray:
    """The paper's brightness under the light, without the ink (uint8, full size).

    Light varies slowly: the closing (ink removed) and the blur run on a copy at most
    600 px long and are scaled back up, 40x cheaper than at full size (0.5 s a page).
    """
    h, w = channel.shape
    k = min(1.0, 600.0 / max(h, w))
    small = (
        channel
        if k == 1.0
        else cv2.resize(
            channel, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
        )
    )
    size = max(15, (min(small.shape) // 20) | 1)
    bg = cv2.morphologyEx(
        small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    )
    bg = cv2.max(cv2.GaussianBlur(bg, (size, size), 0), 1)
    return bg if k == 1.0 else cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def paper_level(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness around each pixel, print left out (uint8, full size)."""
    return _background(gray)


def even_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the blurred background so a lighting gradient does not become ink."""
    return cv2.divide(gray, _background(gray), scale=255.0)


# How much of a pixel's distance to white is lifted, by its redness (red minus the larger
# of green and blue, paper-balanced, 0..255): none below 30 (print, blue or black pen,
# JPEG's colour fringes), all above 80 (a stamp's ink).
_LIFT = np.clip((np.arange(256, dtype=np.float32) - 30.0) / 50.0, 0.0, 1.0) * 255.0


def red_lift(rgb: np.ndarray) -> np.ndarray:
    """How far each pixel is to be lifted towards paper (0..255) for being red against the
    paper: a stamp's ring, star and lettering. Each channel is divided by its own
    background first, so warm or cool light, tinted paper and shadows do not look red.

    Black print is dark in every channel and blue or black pen is not red: both stay. Run
    on a half-size copy (a mask needs no fine detail) in 8-bit OpenCV arithmetic: float
    arrays took 1.6 s on a 12 Mpx photo.
    """
    red, green, blue = (
        cv2.divide(rgb[:, :, i], _background(rgb[:, :, i]), scale=255.0) for i in range(3)
    )
    redness = cv2.subtract(red, cv2.max(green, blue))  # saturates at 0
    return cv2.LUT(redness, _LIFT.astype(np.uint8))


def lift(gray: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """`gray` moved towards white by `amount` (0..255, any size: scaled to the page)."""
    if amount.shape != gray.shape:
        amount = cv2.resize(amount, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    return cv2.add(gray, cv2.multiply(cv2.bitwise_not(gray), amount, scale=1.0 / 255.0))


def _percentiles(gray: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Grey levels at the given percentiles, from a histogram (no sort)."""
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    cum = np.cumsum(hist) / max(1.0, float(hist.sum()))
    return [float(np.searchsorted(cum, q / 100.0)) for q in qs]


def stretch_contrast(gray: np.ndarray) -> np.ndarray:
    """Print made black again on a lit page: a blurred or low-resolution photo leaves its
    text mid-grey, and faint rules then too close to paper for the rule finder. The page's
    darkest 0.5% is mapped to near black, the paper kept white; gain at most 2.5 (noise)."""
    black, white = _percentiles(gray, (0.5, 60.0))
    if black >= white - 40 or white < 150:  # nothing printed, or no paper to speak of
        return gray
    gain = min(2.5, (white - 20.0) / (white - black))
    if gain <= 1.05:
        return gray
    levels = np.arange(256, dtype=np.float32)
    lut = np.where(levels >= white, 255.0, 255.0 - (white - levels) * gain)
    return cv2.LUT(gray, np.clip(lut, 0, 255).astype(np.uint8))


def _border_bands(ink: np.ndarray) -> np.ndarray:
    """Where a dark band along the image's edge lies (0/255, `ink`'s size): marks that
    touch the frame and run along a fifth of its side or more (a scanner lid's shadow),
    widened by 3% of the short side for the band's lighter, speckled inner ramp."""
    h, w = ink.shape
    _n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    bw, bh = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    touches = (x == 0) | (y == 0) | (x + bw == w) | (y + bh == h)
    band = touches & ((bw >= 0.2 * w) | (bh >= 0.2 * h))
    band[0] = False
    out = np.where(band, 255, 0).astype(np.uint8)[labels]
    if not band.any():
        return out
    r = max(1, int(0.03 * min(h, w)))
    return cv2.dilate(out, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r + 1, 2 * r + 1)))


def _skew_ink(gray: np.ndarray, off_border: bool = False) -> np.ndarray:
    """The page's ink (0/255) on a copy 800 px long, for the levelling angle: streaks
    and (`off_border`) a dark band along the edge left out."""
    h, w = gray.shape
    scale = min(1.0, 800.0 / max(h, w))
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if off_border:
        ink[_border_bands(ink) > 0] = 0
    # A streak across the whole page (fax, scanner glass) is level with the image, not
    # with the text: it would pin the angle at 0.
    ink[(ink > 0).mean(axis=1) > 0.6, :] = 0
    ink[:, (ink > 0).mean(axis=0) > 0.6] = 0
    return ink


def column_angle(gray: np.ndarray, max_degrees: float) -> float:
    """Rotation (as `skew_angle`'s) that levels the page's columns: the text lines of a
    page lying sideways. `skew_angle` of the page turned a quarter, in a tenth of its
    time: the ink's columns are sheared (x + y·tan) by a count of its pixels' positions,
    not the image warped at each angle tried (0.2 s a page under load). A scanner lid's
    band, tilted by the levelling, is left out: it set an upright page's columns 2.4°
    off (layouts seed 106's page 2), and the quarter turn's vote then turned it."""
    ink = _skew_ink(gray, off_border=True)
    ys, xs = np.nonzero(ink)
    h, w = ink.shape
    pad = int(np.ceil(h * np.tan(np.radians(max_degrees + 0.5)))) + 2
    ys_c = ys.astype(np.float64) - h / 2.0

    def score(angle: float) -> float:
        cols = np.rint(xs + ys_c * np.tan(np.radians(angle))).astype(np.int64) + pad
        prof = np.bincount(cols, minlength=w + 2 * pad).astype(np.float64)
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-max_degrees, max_degrees + 1e-9, 0.25), key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=score))


def skew_angle(gray: np.ndarray, max_degrees: float, off_border: bool = False) -> float:
    """Rotation (degrees, counter-clockwise positive) that levels the text lines.

    Projection profiles on a downscaled binary image: the angle whose row sums vary most.
    `off_border`: a dark band along the image's edge is left out. A page turned a quarter
    after levelling carries the scanner lid's band at the first levelling's angle, now
    across the rows: its long edge pulls the angle towards levelling the band, undoing
    the first levelling (layouts seed 68's page 2: 0.36° off, 0.01° without the band).
    """
    ink = _skew_ink(gray, off_border)
    center = (ink.shape[1] / 2, ink.shape[0] / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        # Row sums in OpenCV (16x faster than numpy's over uint8), exact as integers.
        rows = cv2.reduce(rot, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-max_degrees, max_degrees + 1e-9, 0.25), key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=score))


def rotate(gray: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Rotate about the centre, keeping the size, white fill (or `fill`)."""
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def is_sideways(gray: np.ndarray) -> bool:
    """Text lines run up and down: column profiles vary far more than row profiles."""
    h, w = gray.shape
    scale = min(1.0, 800.0 / max(h, w))
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rows = float(np.square(np.diff(ink.sum(axis=1, dtype=np.float64))).sum())
    cols = float(np.square(np.diff(ink.sum(axis=0, dtype=np.float64))).sum())
    return cols > 1.5 * rows


def uneven_light(gray: np.ndarray, spread: float = 40.0) -> bool:
    """Paper brightness differs across the page by more than `spread` grey levels."""
    h, w = gray.shape
    tiles = [
        float(
            np.percentile(
                gray[r * h // 4 : (r + 1) * h // 4 : 4, c * w // 4 : (c + 1) * w // 4 : 4], 90
            )
        )
        for r in range(4)
        for c in range(4)
    ]
    return max(tiles) - min(tiles) > spread
