"""Digits-only re-read of numeric cells: one crop per cell, one Tesseract page per crop.

Full-page OCR got 13/20 table numbers; cropping each cell, binarising (blur 3 + Otsu),
padding 20 px and reading it with `--psm 7` and a digit whitelist got 20/20
(extraction-notes.md). The crops are batched: one tesseract process reads a list of crop
files (one page each), and the batches run in parallel.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from ._exec import tesseract_tsv

NUMBER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class DigitsRead:
    text: str  # "" when the cell is blank or nothing was read
    confidence: float  # 0..1
    blank: bool  # no ink in the cell at all


def has_ink(crop_ink: np.ndarray, dpi: float) -> bool:
    """Whether a cell interior holds a mark at least the size of a small digit."""
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(crop_ink, connectivity=8)
    min_h = max(4, int(dpi * 0.035))  # ~2.5 pt tall: a '0' in 12 pt print is ~8 pt
    return any(stats[i, cv2.CC_STAT_HEIGHT] >= min_h for i in range(1, n))


def prepare_crop(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """Scale to ~300 dpi, blur 3, Otsu, keep the ink away from the cell edges, 20 px border."""
    if dpi < 290:
        k = 300.0 / dpi
        gray_crop = cv2.resize(gray_crop, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    blur = cv2.GaussianBlur(gray_crop, (3, 3), 0)
    _t, binary = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = 255 - binary
    n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    keep = np.zeros_like(ink)
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        touches = x == 0 or y == 0 or x + cw >= w or y + ch >= h
        thin_line = (cw > 0.8 * w and ch < 0.15 * h) or (ch > 0.8 * h and cw < 0.15 * w)
        if touches and thin_line:
            continue  # a remnant of a ruling line
        keep[labels == i] = 255
    ys, xs = np.nonzero(keep)
    if len(xs):
        keep = keep[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    out = 255 - keep
    return cv2.copyMakeBorder(out, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)


def _read_batch(
    files: Sequence[Path], work: Path, index: int, settings: ScanSettings, psm: int = 7
) -> list[tuple[str, float]]:
    listing = work / f"digits_{psm}_{index:03d}.txt"
    listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    words = tesseract_tsv(
        listing,
        language=settings.digits_language,
        psm=psm,
        timeout_s=settings.timeout_s,
        dpi=300,
        whitelist=settings.digits_whitelist,
    )
    out: list[tuple[str, list[float]]] = [("", []) for _ in files]
    for word in words:
        i = word.page - 1
        if 0 <= i < len(out):
            text, confs = out[i]
            out[i] = (text + word.text, [*confs, word.conf])
    return [(text, min(confs) / 100.0 if confs else 0.0) for text, confs in out]


def read_digits(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, batches: int
) -> list[tuple[str, float]]:
    """(digits, confidence 0..1) for each prepared crop, `batches` tesseract processes at once."""
    if not crops:
        return []
    files: list[Path] = []
    for i, crop in enumerate(crops):
        f = work / f"cell_{i:04d}.png"
        cv2.imwrite(str(f), crop)
        files.append(f)
    batches = max(1, min(batches, len(files)))
    size = -(-len(files) // batches)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        results = pool.map(lambda a: _read_batch(a[1], work, a[0], settings), enumerate(chunks))
    reads = [r for chunk in results for r in chunk]
    # psm 7 (one line) sometimes returns nothing for a lone digit: retry those as one word.
    retry = [i for i, (text, _c) in enumerate(reads) if not text]
    if retry:
        again = _read_batch([files[i] for i in retry], work, 999, settings, psm=8)
        for i, read in zip(retry, again, strict=True):
            if read[0]:
                reads[i] = read
    return reads


def clean_number(text: str) -> str:
    """Digits read from a cell, without thousands separators (1.234 → 1234)."""
    return re.sub(r"[.,\s]", "", text)
