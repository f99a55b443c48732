"""A figure a grey seal's wipe cut next to, read again from the page as scanned.

The page OCR and the digits re-read both read the wiped page: where the wipe took a
stroke of print, both may agree on the wrong number ("4718" read "1718"). The cell read
as scanned (the seal's grey kept, cut by the crop's threshold) that sees a digit the
re-read lacks sends the figure to review. But that read also sees the seal's lettering
and ring as marks ("11" beside the letters "ÂN" read "114", "1012" beside an arc read
"1092", at confidence 0): where it is unsure, the cell is read once more with the seal's
grey alone taken out by its level (`PRINT_SHARE`): print is darker than a grey seal on
a sharp greyscale scan, whatever the wipe made of their shapes (not on a blurred one,
nor a photo). Only that read, sure and of the
wiped page's number, lifts the unsure disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells, seals
from .confidence import subsequence
from .figure_reads import digits_alone
from .rings import Ring

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the level page's pixels
Key = tuple[int, int]
SURE = 0.8  # a digits read as sure as a re-read that confirms (`BAND_OUT_SURE`)
# Kept as print: what is darker than this share of the way from the cell's darkest ink to
# the seal's grey (the wipe's own cut for print's core, `seals.wipe_rings`).
PRINT_SHARE = 0.5


def print_alone(gray: np.ndarray, dpi: float, box: Box, rings: Sequence[Ring]) -> np.ndarray | None:
    """The cell's crop as scanned with every pixel as light as the nearby seals' grey
    (or lighter) made paper, prepared for the digits read; None when no seal near the cell
    has a grey lighter than its print."""
    x0, y0, x1, y1 = box
    crop = gray[y0:y1, x0:x1].copy()
    ink = float(np.percentile(crop, 1))
    near = [
        r
        for r in rings
        if x0 - r.r - r.width <= r.cx <= x1 + r.r + r.width
        and y0 - r.r - r.width <= r.cy <= y1 + r.r + r.width
    ]
    greys = [g for g in (seals.seal_grey(gray, r) for r in near) if g is not None and g > ink]
    if not greys:
        return None
    crop[crop >= ink + PRINT_SHARE * (min(greys) - ink)] = 255
    return cell_crops.prepare_crop(crop, dpi)[0]


def unwiped_disagree(
    gray: np.ndarray,
    dpi: float,
    keys: list[Key],
    box_of: dict[Key, Box],
    digit_reads: dict[Key, cells.DigitsRead],
    rings: Sequence[Ring],
    pool: ThreadPoolExecutor,
    cell_dir: Path,
    settings: ScanSettings,
    print_darker: bool,
) -> set[Key]:
    """The figures among `keys` (cells a grey seal's wipe cut next to) whose cell, read
    digits-only from the page as scanned (the seal's grey left out by the crop's cut,
    not wiped), sees a digit the re-read of the wiped page lacks ("471" against "1718").
    Fewer digits are no opinion: a ring across a figure often leaves the cut no digit,
    or one less ("6" against "06"). Nor is an unsure read where the cell's print alone
    (`print_alone`) reads surely the wiped page's number: the seal's marks were read.
    Only where `print_darker`: a sharp flatbed scan, whose every stroke of print is darker
    than the seal (on a blurred scan a thin stroke is as light as it, seed 790's "7")."""
    if not keys:
        return set()
    crops = [
        cell_crops.prepare_crop(gray[y0:y1, x0:x1], dpi)[0]
        for x0, y0, x1, y1 in (box_of[k] for k in keys)
    ]
    reads = digits_alone(crops, pool, cell_dir / "unwiped", settings)
    disagree = {
        k: c
        for k, (t, c) in zip(keys, reads, strict=True)
        if not subsequence(t, digit_reads[k].text)
    }
    if not print_darker:
        return set(disagree)
    unsure = [k for k, c in disagree.items() if c < SURE and digit_reads[k].text]
    crops_of = {k: print_alone(gray, dpi, box_of[k], rings) for k in unsure}
    alone = {k: crop for k, crop in crops_of.items() if crop is not None}
    if not alone:
        return set(disagree)
    again = digits_alone(list(alone.values()), pool, cell_dir / "print_alone", settings)
    seen = {
        k for k, (t, c) in zip(alone, again, strict=True) if c >= SURE and t == digit_reads[k].text
    }
    return set(disagree) - seen
