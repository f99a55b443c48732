"""A black-and-white page (a fax, a scanner's line-art mode) given back its grey edges.

Tesseract's LSTM models learnt from grey, anti-aliased print; a fax thresholds the page
to two levels, and at 150–200 dpi its letters become staircases: "hồ" read "hö", "1"
dropped from "19", "NĐ94/CP" read "NĐSGI:CP". A Gaussian blur about one pixel wide at
150 dpi restores grey edges without merging strokes (labels of a standard fax's table
read right 5/6 against 1/6); grey pages are left alone.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import sender_line

SIGMA_AT_150_DPI = 0.9
NEAR_MID_SHARE = 0.006  # of the page mid-grey at most (faxes 0.03-0.41%, scans 1.2% up)
NEAR_MID_PER_DARK = 0.4  # mid-grey pixels per black one (faxes 0.02-0.36, scans 0.63 up)
WHITE_PAPER = 0.5  # of the page pure white at least (blurred faxes 0.89 up, photos < 0.01)


def is_bilevel(gray: np.ndarray) -> bool:
    """Whether the page holds only black and white (sampled: every 4th pixel)."""
    sample = gray[::4, ::4]
    return bool(np.count_nonzero((sample > 0) & (sample < 255)) <= 0.001 * sample.size)


def as_sent(gray: np.ndarray) -> np.ndarray | None:
    """A fax stored lossily (a JPEG inside a PDF) back to its two levels, or None for a
    page with grey in it. Its compression leaves a faint ring round each stroke: a few
    tenths of a percent of the page mid-grey against 1.2-7% on a grey scan (anti-aliased
    print, noise), and less mid-grey than black."""
    sample = gray[::4, ::4]
    mid = np.count_nonzero((sample > 40) & (sample < 215))
    dark = np.count_nonzero(sample <= 40)
    if mid > NEAR_MID_SHARE * sample.size or mid > NEAR_MID_PER_DARK * dark:
        return None
    return np.where(gray < 128, 0, 255).astype(np.uint8)


def faxed(gray: np.ndarray, dpi: float) -> np.ndarray | None:
    """The page back to the two levels it was sent in, or None for no fax: little grey
    (`as_sent`), or, greyer (a blurred JPEG in a PDF: 0.6-2% mid-grey, as much as a clean
    scan), white paper with the sending machine's line along a side (`sender_line`)."""
    if (two_levels := as_sent(gray)) is not None:
        return two_levels
    sample = gray[::4, ::4]
    if np.count_nonzero(sample == 255) < WHITE_PAPER * sample.size:
        return None  # a photo's or a grey scan's paper: its frame may cut print at an edge
    if not sender_line.printed(gray, dpi):
        return None
    return np.where(gray < 128, 0, 255).astype(np.uint8)


def soften(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page (as it came black and white, maybe levelled since) with grey edges."""
    return cv2.GaussianBlur(gray, (0, 0), SIGMA_AT_150_DPI * dpi / 150.0)


def edge_kernel(dpi: float) -> np.ndarray:
    """What `soften` spreads a stroke by (two sigmas each side), as a dilation's square."""
    reach = int(np.ceil(2 * SIGMA_AT_150_DPI * dpi / 150.0))
    return np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)


def despeckle(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page without specks that stand alone: what a fax's threshold left of a faint
    rule, read as "-", "'" or "." at a cell's edge ("- Lập hồ sơ" made a sub-item of a
    row). A speck near print (a diacritic's dot, a full stop, a hyphen) stays."""
    ink = (gray < 128).astype(np.uint8)
    n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return gray
    small = stats[:, cv2.CC_STAT_AREA] <= (dpi / 40.0) ** 2
    small[0] = False
    big = ((labels > 0) & ~small[labels]).astype(np.uint8)
    reach = max(3, int(dpi / 25))
    near = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1,) * 2))
    touched = np.zeros(n, dtype=bool)
    touched[np.unique(labels[(near > 0) & (labels > 0)])] = True
    alone = small & ~touched
    if not alone.any():
        return gray
    out = gray.copy()
    out[alone[labels]] = 255
    return out
