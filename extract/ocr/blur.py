"""A blurred scan (out of focus, a cheap scanner's soft lens) sharpened for the page OCR.

On a blurred 150-dpi scan the page OCR misses whole figures ("28", "68" and "03" of one
table were no words at all), so a table without rules cannot be rebuilt from its words,
and a ruled table's figures lose their second opinion. How blurred the print is shows at
its edges: the mean |Laplacian| where ink meets paper (on every 2nd pixel) is 182–247 on
the tuning half's sharp scans (150–300 dpi), 163 at Gaussian sigma 0.7 px, 105–128 at
0.9–1.0 and 69–82 at 1.4–1.5. Under `BLURRED`, an unsharp mask gives the strokes their
edges back; sharp pages are left as they are (sharpening their noise would not help).
"""

from __future__ import annotations

import cv2
import numpy as np

BLURRED = 140.0  # mean |Laplacian| at the edges of print (sigma ~0.9 px and more)
SIGMA = 1.5
AMOUNT = 1.0


def edge_sharpness(gray: np.ndarray) -> float:
    """Mean |Laplacian| of the pixels where print meets paper (every 2nd row and column)."""
    small = gray[::2, ::2]
    ink = (small < 128).astype(np.uint8)
    if not ink.any():
        return float("inf")
    kernel = np.ones((3, 3), np.uint8)
    edge = (cv2.dilate(ink, kernel) > 0) & (cv2.erode(ink, kernel) == 0)
    lap = cv2.Laplacian(small, cv2.CV_16S)
    return float(np.abs(lap[edge]).mean()) if edge.any() else float("inf")


def is_blurred(gray: np.ndarray) -> bool:
    return edge_sharpness(gray) < BLURRED


def sharpen(gray: np.ndarray) -> np.ndarray:
    """Unsharp mask: the page plus AMOUNT times its detail finer than SIGMA."""
    soft = cv2.GaussianBlur(gray, (0, 0), SIGMA)
    return cv2.addWeighted(gray, 1.0 + AMOUNT, soft, -AMOUNT, 0)
