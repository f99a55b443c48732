"""A page made level and upright: a photo's perspective and light undone, skew removed,
and a page lying sideways or upside down turned by Tesseract's orientation detection.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ..settings import PhotoMode, ScanSettings
from . import geometry
from ._exec import tesseract_orientation
from .pages import PageImage

A4_WIDTH_IN = 210 / 25.4
PAGE_OCR_DPI = 200.0  # the page OCR's resolution; smaller pages are enlarged to it


def level_page(page: PageImage, settings: ScanSettings) -> tuple[PageImage, list[str]]:
    """Undo perspective (photos) and skew; returns the level page and what was done."""
    notes: list[str] = []
    gray, dpi = page.gray, page.dpi
    quad = geometry.find_page_quad(gray) if settings.photo != PhotoMode.never else None
    photo = False
    if quad is not None or settings.photo == PhotoMode.always:
        photo = True
        if quad is not None:
            quad_w = float(np.linalg.norm(quad[1] - quad[0]))
            width = int(min(max(quad_w, 1700.0), 2480.0))
            gray = geometry.warp_page(gray, quad, width)
            dpi = gray.shape[1] / (
                A4_WIDTH_IN if gray.shape[0] >= gray.shape[1] else A4_WIDTH_IN * 297 / 210
            )
            notes.append(f"Trang {page.page}: ảnh chụp, đã chỉnh phối cảnh theo mép giấy.")
        gray = geometry.even_light(gray)
    elif settings.photo == PhotoMode.auto and geometry.uneven_light(gray):
        gray = geometry.even_light(gray)  # a photo filling the frame: no edge, but its light
        photo = True
    angle = geometry.skew_angle(gray, settings.max_skew_degrees)
    gray = geometry.rotate(gray, angle)
    return PageImage(gray=gray, dpi=dpi, page=page.page, photo=photo), notes


def upright(level: PageImage, settings: ScanSettings, work: Path, notes: list[str]) -> PageImage:
    """The page turned by Tesseract's orientation detection (90/180/270°), re-levelled."""
    png = work / f"osd_{level.page:04d}.pgm"
    gray, dpi = level.gray, level.dpi
    if dpi < 160:  # as for the page OCR: a standard fax's OSD confidence 0.8 → 3.2 at 200 dpi
        gray = cv2.resize(gray, None, fx=PAGE_OCR_DPI / dpi, fy=PAGE_OCR_DPI / dpi)
        dpi = PAGE_OCR_DPI
    cv2.imwrite(str(png), gray)
    turn = tesseract_orientation(png, timeout_s=settings.timeout_s, dpi=round(dpi))
    if turn == 0:
        return level
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    gray = cv2.rotate(level.gray, codes[turn])
    gray = geometry.rotate(gray, geometry.skew_angle(gray, settings.max_skew_degrees))
    notes.append(f"Trang {level.page}: trang bị xoay, đã quay lại {turn}°.")
    return PageImage(gray=gray, dpi=level.dpi, page=level.page, photo=level.photo)
