"""Cell crops made ready for reading: a figure's ink alone, on white, at ~300 dpi.

What Tesseract reads well is decided here, before any read (`cells` reads the crops):
ruling-line remnants, specks, a stamp's marks off the figure's line and stray marks
beside it are dropped; Otsu's cut, or the split between print and a grey stamp, makes
the figure black on white with a 20 px border (extraction-notes.md).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

CROP_BORDER = 20  # white pixels around a prepared number crop's ink
DIGIT_MAX_PX = 75  # a printed digit's height at most in a crop scaled to ~300 dpi (18 pt)
# A second crop's cut, as a share of the way from the print's core to the first cut: a
# figure blurred at a low resolution comes out of Otsu bold, its holes filled ("09" read
# as nothing); cut nearer its core it has its shape back.
THIN_CUT = 0.7
SPECK_PX = 9  # a speck's size at most across, same scale (a 10-12 pt full stop: 5-7 px)


def at_300_dpi(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """A cell enlarged to ~300 dpi (bicubic), as the readers and the shape rules see it;
    a crop scanned at 290 dpi or more stays as it is."""
    if dpi >= 290:
        return gray_crop
    k = 300.0 / dpi
    return cv2.resize(gray_crop, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)


def has_ink(crop_ink: np.ndarray, dpi: float) -> bool:
    """Whether a cell interior holds a mark at least the size of a small digit."""
    if crop_ink.size == 0:  # OpenCV crashes on an empty image
        return False
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(crop_ink, connectivity=8)
    min_h = max(4, int(dpi * 0.035))  # ~2.5 pt tall: a '0' in 12 pt print is ~8 pt
    return any(stats[i, cv2.CC_STAT_HEIGHT] >= min_h for i in range(1, n))


def prepare_crop(
    gray_crop: np.ndarray,
    dpi: float,
    thin: bool = False,
    cut: float | None = None,
    shaded: bool = False,
) -> tuple[np.ndarray, bool]:
    """Scale to ~300 dpi, blur 3, Otsu, drop ruling-line remnants, 20 px border.

    Returns the crop and whether ink that may be part of a digit touches the cell edge
    (a pen stroke running into a ruling line): such a read may have lost a digit. With
    `thin`, the cut lies nearer the print's core (see `THIN_CUT`); with `cut`, at that
    grey level instead of Otsu's (`fax_cuts`). With `shaded`, the marks kept keep their
    grey (and a pixel's rim of it: a stroke's shaded edge) and all else is white: the
    print alone, for the grey models (`stamp_reads`).
    """
    gray_crop = at_300_dpi(gray_crop, dpi)
    blur = cv2.GaussianBlur(gray_crop, (3, 3), 0)
    cut = print_threshold(blur) if cut is None else cut
    if thin:
        dark = blur[blur < cut]
        core = float(np.percentile(dark, 5)) if dark.size else 0.0
        cut = core + THIN_CUT * (cut - core)
    ink = (blur < cut).astype(np.uint8) * np.uint8(255)  # no int64 page in between
    n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    touched = False
    # Specks (a photo's grain, a lifted stamp's remains: under 9 px across at ~300 dpi,
    # a printed full stop's size) made Tesseract read "74" as ",": a dot or a thousands
    # separator means nothing in a figure.
    kept_all: list[int] = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if max(cw, ch) < SPECK_PX and area < 2 * SPECK_PX * SPECK_PX // 5:
            continue
        at_side = x == 0 or x + cw >= w
        at_top_bottom = y == 0 or y + ch >= h
        if at_side or at_top_bottom:
            if area < 40 or (at_side and ch > 0.6 * h and cw < 0.2 * w):
                continue  # a speck, or what is left of a vertical ruling line
            if at_top_bottom and cw > 0.6 * w and ch < 0.2 * h:
                continue  # what is left of a horizontal ruling line
            touched = True
        kept_all.append(i)
    off = _off_the_line(stats, kept_all)
    lut = np.zeros(n, dtype=np.uint8)  # 255 for the marks kept: one pass over the labels
    lut[[i for i in kept_all if i not in off]] = 255
    kept = [i for i in kept_all if i not in off] if n < 40 else []
    if kept:
        main = {int(i) for i in _without_stray([np.append(stats[i], i) for i in kept], 5, True)}
        lut[[i for i in kept if i not in main]] = 0
    keep = plain_zeros(lut[labels])
    ys, xs = np.nonzero(keep)
    out = 255 - keep
    if shaded:
        near = cv2.dilate(keep, np.ones((3, 3), np.uint8))
        out = np.where(near > 0, gray_crop, 255).astype(np.uint8)
    if len(xs):
        out = out[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    b = CROP_BORDER
    return cv2.copyMakeBorder(out, b, b, b, b, cv2.BORDER_CONSTANT, value=255), touched


ZERO_BAR = 0.9  # a barred zero's ink spans this much of its width between its holes
ZERO_WIDTH = 0.85  # a zero's width at most, of its height (touching digits are wider)


def zero_marks(ink: np.ndarray) -> np.ndarray:
    """The ink (of a 0/255 or bool mask) that a monospaced face puts inside its "0": a
    dot or oval standing alone in the counter (DejaVu Sans Mono, Liberation Mono at 300
    dpi), or, blurred or at a low resolution, a bar joining both sides that parts the
    counter in two ("θ"). No lining digit holds a mark in a counter, and the models read
    such a zero as "9", "6" or "8" (Liberation Mono "20" read "29" by the page OCR and
    the grey read, "0" read "6"). A mark is in a counter when all the paper touching it
    is one enclosed area (a hole, not the paper round the figure); a bar, when a mark's
    two holes stand one above the other and the ink between them spans the whole mark
    (`ZERO_BAR`): an "8" narrows to its waist there (0.4-0.74 of its width in every
    face the grammar draws, sharp or blurred, regular or bold)."""
    mask = (ink > 0).astype(np.uint8)
    out = np.zeros(mask.shape, bool)
    n, labels, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n < 2:
        return out
    paper = cv2.copyMakeBorder(1 - mask, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=1)
    _m, holes, hole_stats, _hc = cv2.connectedComponentsWithStats(paper, connectivity=4)
    holes = holes[1:-1, 1:-1]
    outer = int(holes[0, 0]) if mask[0, 0] == 0 else -1  # the paper round the figure
    h, w = mask.shape
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        y0, y1, x0, x1 = max(0, y - 1), min(h, y + ch + 1), max(0, x - 1), min(w, x + cw + 1)
        mine = labels[y0:y1, x0:x1] == i
        ring = cv2.dilate(mine.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~mine
        around = set(np.unique(holes[y0:y1, x0:x1][ring & (mask[y0:y1, x0:x1] == 0)]).tolist())
        around.discard(0)
        if len(around) == 1 and outer not in around:
            out[labels == i] = True  # alone in a counter
            continue
        inside = sorted(
            (int(hole_stats[k, cv2.CC_STAT_TOP]) - 1, k)
            for k in around
            if k != outer and hole_stats[k, cv2.CC_STAT_AREA] >= 4
        )
        if len(inside) != 2 or cw > ZERO_WIDTH * ch:
            continue  # not two holes, or not one glyph (touching digits: "68")
        (_ta, a), (_tb, b) = inside
        ax0, ay0, aw, ah = (int(v) - 1 for v in hole_stats[a, :4])
        bx0, by0, bw, bh = (int(v) - 1 for v in hole_stats[b, :4])
        ah, aw, bh, bw = ah + 1, aw + 1, bh + 1, bw + 1  # (sizes were shifted with the rest)
        top, bottom = ay0 + ah, by0  # the rows between the two holes
        if bottom <= top or min(ax0 + aw, bx0 + bw) - max(ax0, bx0) < 0.5 * min(aw, bw):
            continue  # not one above the other
        band = mine[top - y0 : bottom - y0]
        if not band.size:
            continue
        spans = [np.flatnonzero(r) for r in band]
        if min((r[-1] - r[0] + 1) if len(r) else 0 for r in spans) < ZERO_BAR * cw:
            continue  # a waist: an "8"
        if not (_flat_edge(holes == a, bottom_edge=True) and _flat_edge(holes == b, False)):
            continue  # round counters: a blurred "8" whose waist filled out
        # The bar is the mark's ink where the two holes, joined straight down, meet.
        both = ((holes == a) | (holes == b)).astype(np.uint8)
        joined = cv2.morphologyEx(both, cv2.MORPH_CLOSE, np.ones((bottom - top + 3, 1), np.uint8))
        out |= joined.astype(bool) & (labels == i)
    return out


HOLE_FLAT = 0.7  # a barred zero's half-counter spans this much along the bar, of its widest


def _flat_edge(hole: np.ndarray, bottom_edge: bool) -> bool:
    """Whether a counter's edge next to a bar is flat: the row next to its bottom (or top)
    edge spans nearly as wide as the counter at its widest (a half of a "θ"'s counter,
    maybe wrapping round an oval dot joined to the bar); an "8"'s counters are ovals,
    narrow where they end."""
    rows = np.flatnonzero(hole.any(axis=1))
    if len(rows) < 3:
        return False

    def span(r: int) -> int:
        xs = np.flatnonzero(hole[r])
        return int(xs[-1] - xs[0] + 1)

    near = rows[-2] if bottom_edge else rows[1]
    return span(near) >= HOLE_FLAT * max(span(r) for r in rows)


def plain_zeros(ink: np.ndarray) -> np.ndarray:
    """The ink mask without what a monospaced face puts inside its zeros (`zero_marks`)."""
    inner = zero_marks(ink)
    if not inner.any():
        return ink
    out = ink.copy()
    out[inner] = 0
    return out


def plain_zeros_grey(gray: np.ndarray) -> np.ndarray:
    """A grey crop with its zeros' dots and bars (`zero_marks`, on its print's cut) and
    their grey edges made paper."""
    inner = zero_marks(gray < print_threshold(gray))
    if not inner.any():
        return gray
    grown = cv2.dilate(inner.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = gray.copy()
    out[grown] = 255
    return out


# n printed digits are at most (PER_DIGIT * n + SLACK) of their height wide
PER_DIGIT, SLACK = 0.65, 0.3


def wider_than_read(crop: np.ndarray, digits: str) -> bool:
    """Whether a prepared crop's ink is too wide for the number of digits read from it:
    a blurred "11" read as "1" on both readings. Printed digits are 0.4–0.8 of their
    height wide each (the tuning half, Times-like print: 0.39–0.79 for one digit,
    1.22–1.38 for two, 1.86–1.89 for three; DejaVu Serif, the widest of our fonts, 2.19
    for "120")."""
    n = sum(ch.isdigit() for ch in digits)
    h, w = crop.shape[0] - 2 * CROP_BORDER, crop.shape[1] - 2 * CROP_BORDER
    return n > 0 and h > 0 and w > (PER_DIGIT * n + SLACK) * h


def width_digits(crop: np.ndarray) -> int:
    """How many digits the figure's spans of ink (`digit_spans`) are too wide to hold
    fewer of: touching digits make one span, and a bold "05" 1.24 of its height wide is
    two (one printed digit is 0.4-0.87 of its height; `wider_than_read`'s bounds). Marks
    standing off the figure (a seal's letters, a stamp's ink) are no span of it."""
    ink = crop < 128
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return 0
    height = rows[-1] - rows[0] + 1
    return sum(
        max(1, math.ceil(((b - a) / height - SLACK) / PER_DIGIT)) for a, b in digit_spans(crop)
    )


DIGIT_SPAN = 0.7  # a digit's width at most, as a share of the figure's height (Times-like)
FIGURE_GAP = 1.0  # digits of one figure stand closer than this, as a share of its height


def ink_digits(crop: np.ndarray) -> int:
    """How many digits a prepared crop's ink stands for at least (`digit_spans`)."""
    return len(digit_spans(crop))


def digit_spans(crop: np.ndarray) -> list[tuple[int, int]]:
    """The columns (start, end) of each digit a prepared crop's ink stands for: runs of
    columns with ink, parted by white columns, each at least 3 px wide and holding a mark
    at least 0.6 of the figure's height (a thousands dot or a speck is no digit). Blur
    merges a repeated digit for the LSTM long before its strokes touch: a blurred "11" was
    read "1" by the page OCR and the re-read alike; the ink shows two digits. A "0" can
    part in two: broken at its thin top and bottom (a fax, a blurred 200-dpi JPEG), its
    arcs stand 1-2 px apart, and together no wider than a digit (0.7 of its height in
    Times, 0.87 in DejaVu); two runs that close and that narrow are one digit. Two bold
    "1"s whose serifs nearly touch are wider than that. Touching digits make one span."""
    ink = crop < 128
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return []
    height = rows[-1] - rows[0] + 1
    cols = np.concatenate(([False], ink.any(axis=0), [False]))
    edges = np.flatnonzero(cols[1:] != cols[:-1])
    runs: list[list[int]] = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if runs and a - runs[-1][1] < max(2, height / 8) and b - runs[-1][0] <= 0.9 * height:
            runs[-1][1] = b  # one digit broken in two arcs
        else:
            runs.append([a, b])
    best: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []
    start, end = None, None
    for a, b in runs:
        r = np.flatnonzero(ink[:, a:b].any(axis=1))
        if not (b - a >= 3 and r[-1] - r[0] + 1 >= 0.6 * height):
            continue
        if end is not None and a - end > FIGURE_GAP * height:
            # A mark standing far off (a seal's letter 4 heights left of a fax's "137")
            # is no digit of the figure: the figure is the densest group.
            best, group, start = max(best, group, key=len), [], None
        # Pieces farther apart, but together no wider than a digit, are one digit too: a
        # photo's "0" of "02" parted 6 px (0.18 of its height) counted three. A repeated
        # "11" spans its height and more (1.0-1.03 on seed 1028).
        if start is None or b - start > DIGIT_SPAN * height:
            group.append((int(a), int(b)))
            start = a
        else:
            group[-1] = (group[-1][0], int(b))
        end = b
    return max(best, group, key=len)


def one_mark(crop: np.ndarray) -> bool:
    """Whether a prepared crop's ink is one mark no wider than a digit: a lone digit, with
    no second digit beside it that a read could have lost (dots and specks aside)."""
    ink = (crop < 128).astype(np.uint8)
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < 2:
        return False
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    tall = np.flatnonzero(heights >= 0.3 * heights.max())
    if len(tall) != 1:
        return False
    h, w = int(heights[tall[0]]), int(stats[1 + tall[0], cv2.CC_STAT_WIDTH])
    return w <= 0.8 * h


def _off_the_line(stats: np.ndarray, kept: list[int]) -> set[int]:
    """Marks standing well above or below the figure's line of digits (a stamp's
    lettering under "137"): short marks wholly outside the band of the tall ones, when
    the tall ones make one line. A digit broken across by a lifted stamp is close to it."""
    if not kept:
        return set()
    heights = {i: int(stats[i, cv2.CC_STAT_HEIGHT]) for i in kept}
    tallest = max(heights.values())
    if tallest > DIGIT_MAX_PX:
        return set()  # the tallest mark is no digit (a stamp's arc): the line is unknown
    tall = [i for i in kept if heights[i] >= 0.7 * tallest]
    top = min(int(stats[i, cv2.CC_STAT_TOP]) for i in tall)
    bottom = max(int(stats[i, cv2.CC_STAT_TOP]) + heights[i] for i in tall)
    if bottom - top > 1.5 * tallest:
        return set()  # the tall marks are not one line: leave it to the readers
    gap = 0.25 * tallest
    return {
        i
        for i in kept
        if heights[i] < 0.7 * tallest
        and (
            int(stats[i, cv2.CC_STAT_TOP]) > bottom + gap
            or int(stats[i, cv2.CC_STAT_TOP]) + heights[i] < top - gap
        )
    }


def print_threshold(gray_crop: np.ndarray) -> float:
    """The grey level below which a pixel is print: Otsu, or, where a grey scan put a
    stamp's mid-grey ring or star over the cell, the split between print and stamp.

    A stamp on a grey scan is a large area of mid-grey (90–170) beside black print; Otsu
    over the whole crop puts both on the ink side. Splitting the ink side again keeps the
    black print only when the two parts are far apart and the grey part is large.
    """
    t1, _ = cv2.threshold(gray_crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark = gray_crop[gray_crop < t1]
    if dark.size < 60:
        return float(t1)
    t2, _ = cv2.threshold(dark.reshape(-1, 1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    low, high = dark[dark < t2], dark[dark >= t2]
    if (
        low.size >= max(30, 0.02 * dark.size)
        and high.size >= 3 * low.size
        and float(high.mean()) - float(low.mean()) > 80
        and float(low.mean()) < 60
    ):
        return float(t2)
    return float(t1)


FAINT_CUT = 0.6  # a faint mark's cut: this share of the way from the print's cut to white


def faint_digit_beside(gray_crop: np.ndarray, dpi: float) -> bool:
    """Whether a mark as tall as the figure's digits stands on its line beside it, too
    faint for the print's cut (`print_threshold`): a fax softened for the OCR turns a
    digit its threshold broke into specks light grey ("17": a black "1", a grey "7"),
    the crop keeps the black digits only, and the re-read sees one digit."""
    gray_crop = at_300_dpi(gray_crop, dpi)
    blur = cv2.GaussianBlur(gray_crop, (3, 3), 0)
    cut = print_threshold(blur)
    dark = blur < cut
    n, labels, stats, _c = cv2.connectedComponentsWithStats(
        (blur < cut + FAINT_CUT * (255 - cut)).astype(np.uint8), connectivity=8
    )
    has_dark = np.bincount(labels[dark], minlength=n) > 0
    printed = [i for i in range(1, n) if has_dark[i]]
    if not printed:
        return False
    dark_n, _l, dark_stats, _c = cv2.connectedComponentsWithStats(
        dark.astype(np.uint8), connectivity=8
    )
    height = int(dark_stats[1:, cv2.CC_STAT_HEIGHT].max())
    if height > DIGIT_MAX_PX:
        return False  # the black is no figure's print
    tall = [i for i in range(1, dark_n) if dark_stats[i, cv2.CC_STAT_HEIGHT] >= 0.6 * height]
    top = min(int(dark_stats[i, cv2.CC_STAT_TOP]) for i in tall)
    left = min(int(dark_stats[i, cv2.CC_STAT_LEFT]) for i in tall)
    right = max(
        int(dark_stats[i, cv2.CC_STAT_LEFT] + dark_stats[i, cv2.CC_STAT_WIDTH]) for i in tall
    )
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        if has_dark[i] or h < 0.6 * height:
            continue
        if abs(y - top) <= 0.3 * height and max(left - (x + w), x - right) <= height:
            return True
    return False


def _without_stray(
    marks: list[np.ndarray], index: int | None = None, above_below: bool = False
) -> list:
    """Marks (connected-component stats rows) without the short ones (under 45% of the
    tallest) standing apart from every tall one by more than 60% of its height beside it,
    or with `above_below` also above or below it (in a figure's crop: grains a seal left
    under it; in a cell judged for its shape, a mark above is an accent or a line); with
    `index`, the values of that column of the kept rows instead of the rows."""
    tall_h = max(int(m[cv2.CC_STAT_HEIGHT]) for m in marks)
    tall = [m for m in marks if m[cv2.CC_STAT_HEIGHT] >= 0.45 * tall_h]

    def span(m: np.ndarray, start: int, size: int) -> tuple[int, int]:
        return int(m[start]), int(m[start] + m[size])

    def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(b[0] - a[1], a[0] - b[1])

    def apart(m: np.ndarray) -> bool:
        xs, ys = (
            span(m, cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH),
            span(m, cv2.CC_STAT_TOP, cv2.CC_STAT_HEIGHT),
        )
        gaps = [
            max(
                gap(xs, span(t, cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH)),
                gap(ys, span(t, cv2.CC_STAT_TOP, cv2.CC_STAT_HEIGHT)) if above_below else -1,
            )
            for t in tall
        ]
        return min(gaps) > 0.6 * tall_h

    out = [m for m in marks if m[cv2.CC_STAT_HEIGHT] >= 0.45 * tall_h or not apart(m)]
    return [m[index] for m in out] if index is not None else out


def is_prose_shaped(crop_ink: np.ndarray, dpi: float) -> bool:
    """Text, not a number: several lines of ink, or one line far wider than a number's.

    Specks (noise, the darkest grains of a stamp's ring) do not count: they would stretch
    a two-digit figure into "several lines".
    """
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(crop_ink, connectivity=8)
    min_h = max(4, int(dpi * 0.035))
    marks = [stats[i] for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= min_h]
    if not marks:
        return False
    # A short mark well apart from the rest (a seal's letter, a tick) does not make a
    # figure wide; diacritics sit over their letters and change nothing.
    marks = _without_stray(marks)
    top = min(m[cv2.CC_STAT_TOP] for m in marks)
    bottom = max(m[cv2.CC_STAT_TOP] + m[cv2.CC_STAT_HEIGHT] for m in marks)
    left = min(m[cv2.CC_STAT_LEFT] for m in marks)
    right = max(m[cv2.CC_STAT_LEFT] + m[cv2.CC_STAT_WIDTH] for m in marks)
    height, width = bottom - top, right - left
    one_line = dpi * 0.28  # a 12–13 pt line with its diacritics
    return bool(height > one_line or width > 3.2 * max(height, dpi * 0.12))


def prepare_text_crop(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """A prose cell for the Vietnamese model: ~300 dpi, grey (LSTM reads grey well), 10 px border."""
    gray_crop = at_300_dpi(gray_crop, dpi)
    return cv2.copyMakeBorder(gray_crop, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)
