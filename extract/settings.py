"""Settings for reading scans and photos, validated once at the entry point.

Constant defaults, checked in `__post_init__`, resolved from None/dict/instance by
`ScanSettings.resolve` (pdfplumber's `TableSettings` pattern).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class PhotoMode(StrEnum):
    """Whether to look for a page edge and undo perspective (phone photos)."""

    auto = "auto"  # correct when a page-shaped quadrilateral is found on a darker background
    always = "always"
    never = "never"


@dataclass(frozen=True)
class ScanSettings:
    """How scans and photos are read. Defaults are the measured recipe (extraction-notes.md)."""

    language: str = "vie"  # Tesseract model for prose and headers
    page_psm: int = 11  # sparse text: best for pages with ruled tables (18/20 vs 13/20 with psm 3)
    digits_language: str = "eng"  # digits-only re-read of numeric cells
    digits_whitelist: str = "0123456789+-.,"
    # A third model (tesseract-ocr-script-viet) for figures the page OCR read as another
    # number in a face `language` knows badly (`extract/ocr/script_vote.py`).
    script_language: str = "Vietnamese"
    default_dpi: int = 200  # for images that do not say their resolution
    max_render_dpi: int = 300  # PDF pages are rendered at their image's dpi, capped here
    max_pixels: int = 100_000_000  # larger images are refused (decompression bombs)
    max_pages: int = 60  # PDF pages or TIFF frames, counted before any is decoded
    max_file_pixels: int = 600_000_000  # all pages together (60 A4 pages at 300 dpi: 522 M)
    max_skew_degrees: float = 5.0  # deskew searches this range either side of level
    photo: PhotoMode = PhotoMode.auto
    jobs: int = 0  # parallel tesseract processes; 0 = all cores
    timeout_s: float = 180.0  # per subprocess call
    min_digits_confidence: float = 0.6  # below this a re-read digit is a guess

    def __post_init__(self) -> None:
        if self.page_psm not in (3, 4, 6, 11, 12):
            raise ValueError(f"page_psm {self.page_psm}: use 3, 4, 6, 11 or 12")
        if not 50 <= self.default_dpi <= 1200:
            raise ValueError(f"default_dpi {self.default_dpi} out of 50..1200")
        if not 72 <= self.max_render_dpi <= 600:
            raise ValueError(f"max_render_dpi {self.max_render_dpi} out of 72..600")
        if min(self.max_pixels, self.max_pages, self.max_file_pixels) <= 0:
            raise ValueError("max_pixels, max_pages and max_file_pixels must be > 0")
        if self.timeout_s <= 0 or self.jobs < 0:
            raise ValueError("timeout_s must be > 0, jobs >= 0")
        if not 0.0 <= self.min_digits_confidence <= 1.0:
            raise ValueError("min_digits_confidence must be within 0..1")
        if not 0.0 < self.max_skew_degrees <= 15.0:
            raise ValueError("max_skew_degrees must be within (0, 15]")
        object.__setattr__(self, "photo", PhotoMode(self.photo))

    @property
    def workers(self) -> int:
        """Number of tesseract processes to run at once."""
        return self.jobs or os.cpu_count() or 1

    @classmethod
    def resolve(cls, value: ScanSettings | dict[str, Any] | None) -> ScanSettings:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {f.name for f in fields(cls)}
        unknown = set(value) - known
        if unknown:
            raise ValueError(f"unknown scan settings: {sorted(unknown)}")
        return cls(**value)
