"""A red stamp lifted off a photo's page by its colour, the print under it kept by its
lightness.

The page is read from its red channel, where a red stamp is light. How far each pixel
is lifted to paper comes from its redness (`geometry.red_lift`), measured on a
half-size copy: blurred across a thin stroke under the stamp's star or ring, it lifted
the stroke with the stamp ("56" left "6", "17" left "7": read alike by every reader, a
silent error). Nor is the red channel itself a fair witness there: a JPEG keeps colour
at half resolution, and black print under a red star takes the star's colour, mid-grey
in red. Lightness (luma) is kept at full resolution: a red stamp is mid-grey in it, print
under it black. A pixel darker in luma than the stamp's own ink is print: it is not
lifted, and only where the lift still took something darker than the stamp's body can
it have hidden a digit.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import geometry

STAMP_RED = 128  # of the lift (0..255): the stamp's own ink, where its level is measured
MIN_SEEN = 200  # pixels of it needed to measure that level
PRINT_GREY = 128  # print's darker half (luma): where its level is measured, away from red
NEAR_IN = 0.05  # print this close to the stamp's ink (inches) is kept under it
KEEP_BELOW, LIFT_ABOVE = 0.5, 0.75  # of the way from print to the stamp's darker ink
HIDDEN_MARGIN = 0.15  # darker than the stamp's body by this share of the way to print


def _level(gray: np.ndarray, mask: np.ndarray, q: float) -> float | None:
    """The `q`-quantile of `gray` under `mask`, from a histogram; None when too few."""
    hist = cv2.calcHist([gray], [0], mask.astype(np.uint8), [256], [0, 256]).ravel()
    if hist.sum() < MIN_SEEN:
        return None
    return float(np.searchsorted(hist.cumsum(), q * hist.sum()))


def lift_keeping_print(
    gray: np.ndarray, luma: np.ndarray, amount: np.ndarray, dpi: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(page, lifted, hidden): `gray` (the red channel, light evened) with the stamp
    lifted to paper by `amount` (0..255, any size), except where `luma` (the page's
    lightness, light evened, same size) is darker than the stamp alone makes it; where
    the lift was applied; and where it took something darker than the stamp's body
    (print may have gone with it), both 0..255 at the page's size.

    Levels in luma: the stamp's darker ink (the 10th percentile where it is red: a thin
    ring is lighter than the solid star) and its body (the median), print's (dark ink
    that is not red). No lift below halfway from print to the stamp's darker ink, full
    lift from three quarters of the way, a ramp between (a blurred stroke's edge under
    the stamp is lifted by half)."""
    if amount.shape != gray.shape:
        amount = cv2.resize(amount, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    if luma.shape != gray.shape:  # the page's grey was made another size than its colour
        luma = cv2.resize(luma, gray.shape[::-1], interpolation=cv2.INTER_AREA)
    red = amount >= STAMP_RED
    dark, body = _level(luma, red, 0.1), _level(luma, red, 0.5)
    ink = _level(luma, (luma < PRINT_GREY) & (amount < STAMP_RED // 4), 0.1)
    if dark is None or body is None or ink is None or dark - ink < 40:
        # No stamp ink to measure, or none lighter than print: lifted as before.
        return geometry.lift(gray, amount), amount, amount
    lo, hi = ink + KEEP_BELOW * (dark - ink), ink + LIFT_ABOVE * (dark - ink)
    ramp = np.clip((np.arange(256, dtype=np.float32) - lo) / (hi - lo), 0.0, 1.0) * 255.0
    allowed = cv2.LUT(luma, ramp.astype(np.uint8))
    # Only on and beside the stamp's ink: print's own colour fringes elsewhere are
    # lifted as before (a page's read is not moved where no stamp lies).
    reach = max(3, int(NEAR_IN * dpi)) | 1
    near = cv2.dilate(red.astype(np.uint8), np.ones((reach, reach), np.uint8))
    allowed[near == 0] = 255
    applied = cv2.multiply(amount, allowed, scale=1.0 / 255.0)
    hidden = applied.copy()
    hidden[luma >= body - HIDDEN_MARGIN * (body - ink)] = 0  # the stamp's own body
    return geometry.lift(gray, applied), applied, hidden
