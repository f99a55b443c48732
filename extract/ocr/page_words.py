"""The page OCR: the whole page read once (`-l vie`, psm 11), its words in page pixels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import _tessapi
from ._exec import Word, tesseract_tsv
from .level import PAGE_OCR_DPI


def scaled(word: Word, shrink: float) -> Word:
    """A word read on the shrunk (or enlarged) page, in the page's own pixels."""
    if 0.95 < shrink < 1.05:
        return word
    k = 1.0 / shrink
    return replace(
        word,
        left=round(word.left * k),
        top=round(word.top * k),
        width=round(word.width * k),
        height=round(word.height * k),
    )


def page_words(
    clean: np.ndarray, dpi: float, settings: ScanSettings, path: Path, enlarge: bool = False
) -> list[Word]:
    """The page OCR's words (`-l vie`, psm 11), in full-resolution pixels."""
    # Prose reads as well at 200 dpi as at 300 (extraction-notes.md) for 40% less work;
    # the cells are read from the full-resolution page.
    # With `enlarge`, a page under 160 dpi (a standard fax) is enlarged: when the table is
    # rebuilt from the page's words, Tesseract misread "74" as "z4" at 150 dpi, not at 200.
    # Ruled tables need not pay for it: their cells are re-read at 300 dpi anyway.
    shrink = PAGE_OCR_DPI / dpi if enlarge and dpi < 160 else min(1.0, PAGE_OCR_DPI / dpi)
    small = (
        clean
        if 0.95 < shrink < 1.05
        else cv2.resize(
            clean,
            None,
            fx=shrink,
            fy=shrink,
            interpolation=cv2.INTER_AREA if shrink < 1 else cv2.INTER_CUBIC,
        )
    )
    read_dpi = round(dpi) if 0.95 < shrink < 1.05 else round(dpi * shrink)
    if _tessapi.available():  # a model already loaded, no process, no file
        with _tessapi.lend(settings.language) as engine:
            words = engine.words(
                small, psm=settings.page_psm, dpi=read_dpi, timeout_s=settings.timeout_s
            )
    else:
        cv2.imwrite(str(path), small)  # raw PGM: 10x faster to write than PNG
        words = tesseract_tsv(
            path,
            language=settings.language,
            psm=settings.page_psm,
            timeout_s=settings.timeout_s,
            dpi=read_dpi,
        )
    return [scaled(w, shrink) for w in words if w.text.strip()]
