"""A red stamp lifted off a photo's page by its colour, the print under it kept by its
lightness.

The page is read from its red channel, where a red stamp is light (its red is close to
the paper's) and black print stays dark, even where the stamp covers it. The stamp's
redness (`geometry.red_lift`, on a half-size copy) says how far a pixel is lifted to
paper; measured at half size, it is blurred across a thin stroke under the stamp's star
or ring, and the stroke was lifted with the stamp ("56" left "6", "17" left "7": read
alike by every reader, a silent error). A pixel darker in the red channel than the
stamp's own ink is there is print under the stamp: it is not lifted, and only what
the lift still took from such pixels can have hidden a digit.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import geometry

STAMP_RED = 128  # of the lift (0..255): the stamp's own ink, where its level is measured
MIN_SEEN = 200  # pixels of it needed to measure that level
NEAR_IN = 0.05  # print this close to the stamp's ink (inches) is kept under it


def _level(gray: np.ndarray, mask: np.ndarray, q: float) -> float | None:
    """The `q`-quantile of `gray` under `mask`, from a histogram; None when too few."""
    hist = cv2.calcHist([gray], [0], mask.astype(np.uint8), [256], [0, 256]).ravel()
    if hist.sum() < MIN_SEEN:
        return None
    return float(np.searchsorted(hist.cumsum(), q * hist.sum()))


def lift_keeping_print(
    gray: np.ndarray, amount: np.ndarray, dpi: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(page, lifted, hidden): `gray` (the red channel, light evened) with the stamp
    lifted to paper by `amount` (0..255, any size), except where a pixel is darker than
    the stamp alone makes it; where the lift was applied; and where it took ink darker
    than the stamp's (print may have gone with it there), both 0..255 at the page's size.

    The stamp's level is the red-channel grey of its darker ink (the 10th percentile
    where it is red: a thin ring in a JPEG is darker in red than the solid star, its
    colour smeared by the chroma subsampling); print's is the page's darkest ink. No
    lift below halfway between them, full lift above three quarters of the way to the
    stamp's level, a ramp between (JPEG's colour fringes round a stroke are lifted by
    half)."""
    if amount.shape != gray.shape:
        amount = cv2.resize(amount, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    stamp = _level(gray, amount >= STAMP_RED, 0.1)
    ink = _level(gray, np.ones(gray.shape, dtype=bool), 0.005)
    if stamp is None or ink is None or stamp - ink < 40:
        # No stamp ink to measure, or none lighter than print: lifted as before.
        return geometry.lift(gray, amount), amount, amount
    lo = (stamp + ink) / 2
    hi = (lo + stamp) / 2
    ramp = np.clip((np.arange(256, dtype=np.float32) - lo) / (hi - lo), 0.0, 1.0) * 255.0
    allowed = cv2.LUT(gray, ramp.astype(np.uint8))
    # Only on and beside the stamp's ink: print's own colour fringes elsewhere are
    # lifted as before (a page's read is not moved where no stamp lies).
    reach = max(3, int(NEAR_IN * dpi)) | 1
    near = cv2.dilate((amount >= STAMP_RED).astype(np.uint8), np.ones((reach, reach), np.uint8))
    allowed[near == 0] = 255
    applied = cv2.multiply(amount, allowed, scale=1.0 / 255.0)
    hidden = applied.copy()
    hidden[gray >= hi] = 0  # the stamp's own ink, no darker than it is alone
    return geometry.lift(gray, applied), applied, hidden
