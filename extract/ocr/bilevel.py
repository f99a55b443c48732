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

SIGMA_AT_150_DPI = 0.9


def is_bilevel(gray: np.ndarray) -> bool:
    """Whether the page holds only black and white (sampled: every 4th pixel)."""
    sample = gray[::4, ::4]
    return bool(np.count_nonzero((sample > 0) & (sample < 255)) <= 0.001 * sample.size)


def soften(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page (as it came black and white, maybe levelled since) with grey edges."""
    return cv2.GaussianBlur(gray, (0, 0), SIGMA_AT_150_DPI * dpi / 150.0)
