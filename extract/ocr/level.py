"""A page made level and upright: a photo's perspective and light undone, skew removed,
and a page lying sideways or upside down turned by Tesseract's orientation detection.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ..settings import PhotoMode, ScanSettings
from . import geometry, stamp_ink
from ._exec import tesseract_orientation
from .orientation import both_axes
from .pages import PageImage

A4_WIDTH_IN = 210 / 25.4
A4_LONG_IN = 297 / 25.4
PAGE_OCR_DPI = 200.0  # the page OCR's resolution; smaller pages are enlarged to it
PHOTO_MIN_DPI = 190.0  # a photo's page under this is enlarged to PAGE_OCR_DPI
# The ink above/below text lines decides the way up when its net vote (lines voting
# upright minus lines voting upside down) on the better axis reaches MIN_NET and is
# MIN_MARGIN times the other axis's: upright pages of the tuning half gave 5-17 on their
# axis and 0-3 on the other; otherwise Tesseract's OSD decides.
MIN_NET = 4.5
STAMP_LIFT = 128  # a pixel lifted this far (of 255) was a stamp's ink, not a colour fringe
MIN_MARGIN = 2.5
_SIDE = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def _frame_dpi(gray: np.ndarray) -> float:
    """A page that fills its image (a photo cropped to the page, a scan that did not say
    its resolution): A4's long side across the image's long side."""
    return max(gray.shape) / A4_LONG_IN


def level_page(page: PageImage, settings: ScanSettings) -> tuple[PageImage, list[str]]:
    """Undo perspective and light (photos) and skew; returns the level page and what was done."""
    notes: list[str] = []
    gray, dpi, rgb = page.gray, page.dpi, page.rgb
    if not page.dpi_stated:
        dpi = _frame_dpi(gray)
    outline = geometry.find_page(gray, rgb) if settings.photo != PhotoMode.never else None
    photo = outline is not None or settings.photo == PhotoMode.always
    half = None  # the page in colour at half size: where a red stamp lies
    stamped = None  # where its red was lifted (the level page's size)
    hidden = None  # where the lift took ink darker than the stamp's (`stamp_ink`)
    warp = None  # the photo's perspective undone, for another channel of the page
    if outline is not None:
        quad, size = outline.quad, None
        if outline.cut:  # the rest of the page is out of the picture: keep what is seen
            out_w, out_h, dpi = geometry.partial_size(outline, 205.0, 300.0)
            size = (out_w, out_h)
            width = out_w
        else:
            width = int(min(max(float(np.linalg.norm(quad[1] - quad[0])), 1700.0), 2480.0))
        gray = geometry.warp_page(gray, quad, width, size=size)

        def warp(channel: np.ndarray) -> np.ndarray:
            return geometry.warp_page(channel, quad, width, size=size)

        if rgb is not None:
            half_size = None if size is None else (size[0] // 2, size[1] // 2)
            half = geometry.warp_page(rgb, quad, width // 2, cv2.INTER_LINEAR, half_size)
        if not outline.cut:
            dpi = gray.shape[1] / (
                A4_WIDTH_IN if gray.shape[0] >= gray.shape[1] else A4_WIDTH_IN * 297 / 210
            )
        notes.append(f"Trang {page.page}: ảnh chụp, đã chỉnh phối cảnh theo mép giấy.")
        if outline.cut:
            notes.append(
                f"Trang {page.page}: ảnh không chụp hết trang (thiếu phía {_SIDE[outline.cut]})."
            )
    elif settings.photo == PhotoMode.auto and (not page.dpi_stated or geometry.uneven_light(gray)):
        # A photo filling the frame: no edge, but its light, or a camera's file (no dpi,
        # or a screen's 72): scanners write theirs.
        photo = True
    if photo:
        gray = geometry.even_light(gray)
        if rgb is not None:
            if half is None:
                half = cv2.resize(rgb, (rgb.shape[1] // 2, rgb.shape[0] // 2))
            amount = geometry.red_lift(half)
            if int(amount.max()) >= STAMP_LIFT:  # a stamp: lifted, the print under it kept
                luma = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
                luma = geometry.even_light(luma if warp is None else warp(luma))
                gray, stamped, hidden = stamp_ink.lift_keeping_print(gray, luma, amount, dpi)
            else:
                gray = geometry.lift(gray, amount)
        gray = geometry.stretch_contrast(gray)
        if dpi < PHOTO_MIN_DPI:  # a low-resolution photo: rules and print thin out below
            k = PAGE_OCR_DPI / dpi
            gray = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
            if stamped is not None and hidden is not None:
                stamped, hidden = (
                    cv2.resize(m, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
                    for m in (stamped, hidden)
                )
            dpi = PAGE_OCR_DPI
    angle = geometry.skew_angle(gray, settings.max_skew_degrees)
    gray = geometry.rotate(gray, angle)
    if stamped is not None and hidden is not None:
        stamped, hidden = (geometry.rotate(m, angle, fill=0) for m in (stamped, hidden))
    # A streak's lost print, levelled with the page (a photo's warp is not followed).
    streaked = None if photo or page.streaked is None else geometry.rotate(page.streaked, angle, 0)
    return PageImage(
        gray=gray,
        dpi=dpi,
        page=page.page,
        photo=photo,
        stamped=stamped,
        stamp_hid=hidden,
        streaked=streaked,
    ), notes


def _turned(level: PageImage, turn: int, settings: ScanSettings, notes: list[str]) -> PageImage:
    """`level` turned clockwise by `turn` degrees and levelled again."""
    if turn == 0:
        return level
    gray = cv2.rotate(level.gray, _TURN[turn])
    angle = geometry.skew_angle(gray, settings.max_skew_degrees, off_border=True)
    gray = geometry.rotate(gray, angle)
    stamped, hidden, streaked = (
        None if m is None else geometry.rotate(cv2.rotate(m, _TURN[turn]), angle, fill=0)
        for m in (level.stamped, level.stamp_hid, level.streaked)
    )
    notes.append(f"Trang {level.page}: trang bị xoay, đã quay lại {turn}°.")
    return PageImage(
        gray=gray,
        dpi=level.dpi,
        page=level.page,
        photo=level.photo,
        stamped=stamped,
        stamp_hid=hidden,
        streaked=streaked,
    )


def orient(
    level: PageImage, settings: ScanSettings, work: Path, notes: list[str]
) -> tuple[PageImage, str]:
    """The page turned upright before it is read, and how its way up was found: "ink",
    "osd", or "" (not known: read it as it is).

    The text lines' ink above and below their middle band votes, across the page as it
    lies and across it turned a quarter: the axis whose lines vote clearly is the text's,
    and the sign of the vote says up from down, in milliseconds. Only when neither axis
    votes clearly does Tesseract's OSD decide, if the page's profiles say it lies
    sideways; otherwise the page is read as it is and turned afterwards if it reads
    badly (`upright`).
    """
    columns = geometry.column_angle(level.gray, settings.max_skew_degrees)
    (across, n_across), (down, n_down) = both_axes(level.gray, level.dpi, columns)
    net_across, net_down = across * n_across, down * n_down
    quarter_turn = abs(net_down) > abs(net_across)
    best, other = (net_down, net_across) if quarter_turn else (net_across, net_down)
    if abs(best) >= MIN_NET and abs(best) >= MIN_MARGIN * abs(other):
        turn = (90 if quarter_turn else 0) + (180 if best < 0 else 0)
        return _turned(level, turn, settings, notes), "ink"
    if turn := _sideways_turn(level, columns):
        return _turned(level, turn, settings, notes), "ink"
    if geometry.is_sideways(level.gray):
        return upright(level, settings, work, notes), "osd"
    return level, ""


def _sideways_turn(level: PageImage, columns: float) -> int:
    """90 or 270 when the page, levelled along its columns, lies sideways and its lines
    vote clearly across the quarter turn; 0 otherwise.

    A page lying sideways is levelled by its rows, which are not its text's lines: its
    angle can be degrees off (a landscape table turned 270°, 1° off for 1.75°), and its
    lines, still slanted, mix their ink above and below the middle band: the vote stays
    undecided and Tesseract's OSD, on the same slanted page, turns it wrongly or not at
    all (a blurred 150-dpi scan: confidence 0.3). Levelled by its columns' angle (for
    this vote only; the page read is turned and levelled again as before), the lines
    vote as an upright page's do. The columns' angle levels an upright page nowhere, so
    its vote counts only when the page so levelled lies sideways by its profiles: an
    upright signature page's few words voted a quarter turn."""
    along = geometry.rotate(level.gray, columns)
    if not geometry.is_sideways(along):
        return 0
    (across, n_across), (down, n_down) = both_axes(along, level.dpi)
    net, other = down * n_down, across * n_across
    if abs(net) >= MIN_NET and abs(net) >= MIN_MARGIN * abs(other):
        return 90 if net > 0 else 270
    return 0


def upright(level: PageImage, settings: ScanSettings, work: Path, notes: list[str]) -> PageImage:
    """The page turned by Tesseract's orientation detection (90/180/270°), re-levelled."""
    png = work / f"osd_{level.page:04d}.pgm"
    gray, dpi = level.gray, level.dpi
    if dpi < 160:  # as for the page OCR: a standard fax's OSD confidence 0.8 → 3.2 at 200 dpi
        gray = cv2.resize(gray, None, fx=PAGE_OCR_DPI / dpi, fy=PAGE_OCR_DPI / dpi)
        dpi = PAGE_OCR_DPI
    cv2.imwrite(str(png), gray)
    turn = tesseract_orientation(png, timeout_s=settings.timeout_s, dpi=round(dpi))
    return _turned(level, turn, settings, notes)
