"""Cells read one by one: digits-only for numbers, Vietnamese for prose.

Full-page OCR got 13/20 table numbers; cropping each cell, binarising (blur 3 + Otsu),
padding 20 px and reading it with `--psm 7` and a digit whitelist got 20/20
(extraction-notes.md). All crops of a kind are read by one loaded model in this process
(`_tessapi`); without libtesseract, one tesseract process reads a list of crop files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import _tessapi
from ._exec import Word, tesseract_tsv

NUMBER = re.compile(r"^[+-]?\d+$")
CROP_BORDER = 20  # white pixels around a prepared number crop's ink
DIGIT_MAX_PX = 75  # a printed digit's height at most in a crop scaled to ~300 dpi (18 pt)
# A second crop's cut, as a share of the way from the print's core to the first cut: a
# figure blurred at a low resolution comes out of Otsu bold, its holes filled ("09" read
# as nothing); cut nearer its core it has its shape back.
THIN_CUT = 0.7
UNSURE_TEXT = 0.3  # a prose cell's least sure word under this: its read is tried again
SPECK_PX = 9  # a speck's size at most across, same scale (a 10-12 pt full stop: 5-7 px)


@dataclass(frozen=True)
class DigitsRead:
    text: str  # "" when nothing was read
    confidence: float  # 0..1
    blank: bool  # no ink in the cell at all
    other: str | None = None  # a second, different reading
    confirmed: bool = False  # a second re-read (psm 13) read the same number


def has_ink(crop_ink: np.ndarray, dpi: float) -> bool:
    """Whether a cell interior holds a mark at least the size of a small digit."""
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(crop_ink, connectivity=8)
    min_h = max(4, int(dpi * 0.035))  # ~2.5 pt tall: a '0' in 12 pt print is ~8 pt
    return any(stats[i, cv2.CC_STAT_HEIGHT] >= min_h for i in range(1, n))


def prepare_crop(gray_crop: np.ndarray, dpi: float, thin: bool = False) -> tuple[np.ndarray, bool]:
    """Scale to ~300 dpi, blur 3, Otsu, drop ruling-line remnants, 20 px border.

    Returns the crop and whether ink that may be part of a digit touches the cell edge
    (a pen stroke running into a ruling line): such a read may have lost a digit. With
    `thin`, the cut lies nearer the print's core (see `THIN_CUT`).
    """
    if dpi < 290:
        k = 300.0 / dpi
        gray_crop = cv2.resize(gray_crop, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    blur = cv2.GaussianBlur(gray_crop, (3, 3), 0)
    cut = print_threshold(blur)
    if thin:
        dark = blur[blur < cut]
        core = float(np.percentile(dark, 5)) if dark.size else 0.0
        cut = core + THIN_CUT * (cut - core)
    ink = ((blur < cut) * 255).astype(np.uint8)
    n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    keep = np.zeros_like(ink)
    touched = False
    # Specks (a photo's grain, a lifted stamp's remains: under 9 px across at ~300 dpi,
    # a printed full stop's size) made Tesseract read "74" as ",": a dot or a thousands
    # separator means nothing in a figure.
    kept_all: list[int] = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if max(cw, ch) < SPECK_PX and area < 2 * SPECK_PX * SPECK_PX // 5:
            continue
        at_side = x == 0 or x + cw >= w
        at_top_bottom = y == 0 or y + ch >= h
        if at_side or at_top_bottom:
            if area < 40 or (at_side and ch > 0.6 * h and cw < 0.2 * w):
                continue  # a speck, or what is left of a vertical ruling line
            if at_top_bottom and cw > 0.6 * w and ch < 0.2 * h:
                continue  # what is left of a horizontal ruling line
            touched = True
        kept_all.append(i)
    off = _off_the_line(stats, kept_all)
    for i in kept_all:
        if i not in off:
            keep[labels == i] = 255
    kept = [i for i in kept_all if i not in off] if n < 40 else []
    if kept:
        main = {int(i) for i in _without_stray([np.append(stats[i], i) for i in kept], 5, True)}
        for i in kept:
            if i not in main:
                keep[labels == i] = 0
    ys, xs = np.nonzero(keep)
    if len(xs):
        keep = keep[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    out = 255 - keep
    b = CROP_BORDER
    return cv2.copyMakeBorder(out, b, b, b, b, cv2.BORDER_CONSTANT, value=255), touched


def wider_than_read(crop: np.ndarray, digits: str) -> bool:
    """Whether a prepared crop's ink is too wide for the number of digits read from it:
    a blurred "11" read as "1" on both readings. Printed digits are 0.4–0.8 of their
    height wide each (the tuning half, Times-like print: 0.39–0.79 for one digit,
    1.22–1.38 for two, 1.86–1.89 for three; DejaVu Serif, the widest of our fonts, 2.19
    for "120")."""
    n = sum(ch.isdigit() for ch in digits)
    h, w = crop.shape[0] - 2 * CROP_BORDER, crop.shape[1] - 2 * CROP_BORDER
    return n > 0 and h > 0 and w > (0.65 * n + 0.3) * h


def _off_the_line(stats: np.ndarray, kept: list[int]) -> set[int]:
    """Marks standing well above or below the figure's line of digits (a stamp's
    lettering under "137"): short marks wholly outside the band of the tall ones, when
    the tall ones make one line. A digit broken across by a lifted stamp is close to it."""
    if not kept:
        return set()
    heights = {i: int(stats[i, cv2.CC_STAT_HEIGHT]) for i in kept}
    tallest = max(heights.values())
    if tallest > DIGIT_MAX_PX:
        return set()  # the tallest mark is no digit (a stamp's arc): the line is unknown
    tall = [i for i in kept if heights[i] >= 0.7 * tallest]
    top = min(int(stats[i, cv2.CC_STAT_TOP]) for i in tall)
    bottom = max(int(stats[i, cv2.CC_STAT_TOP]) + heights[i] for i in tall)
    if bottom - top > 1.5 * tallest:
        return set()  # the tall marks are not one line: leave it to the readers
    gap = 0.25 * tallest
    return {
        i
        for i in kept
        if heights[i] < 0.7 * tallest
        and (
            int(stats[i, cv2.CC_STAT_TOP]) > bottom + gap
            or int(stats[i, cv2.CC_STAT_TOP]) + heights[i] < top - gap
        )
    }


def print_threshold(gray_crop: np.ndarray) -> float:
    """The grey level below which a pixel is print: Otsu, or, where a grey scan put a
    stamp's mid-grey ring or star over the cell, the split between print and stamp.

    A stamp on a grey scan is a large area of mid-grey (90–170) beside black print; Otsu
    over the whole crop puts both on the ink side. Splitting the ink side again keeps the
    black print only when the two parts are far apart and the grey part is large.
    """
    t1, _ = cv2.threshold(gray_crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark = gray_crop[gray_crop < t1]
    if dark.size < 60:
        return float(t1)
    t2, _ = cv2.threshold(dark.reshape(-1, 1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    low, high = dark[dark < t2], dark[dark >= t2]
    if (
        low.size >= max(30, 0.02 * dark.size)
        and high.size >= 3 * low.size
        and float(high.mean()) - float(low.mean()) > 80
        and float(low.mean()) < 60
    ):
        return float(t2)
    return float(t1)


def _without_stray(
    marks: list[np.ndarray], index: int | None = None, above_below: bool = False
) -> list:
    """Marks (connected-component stats rows) without the short ones (under 45% of the
    tallest) standing apart from every tall one by more than 60% of its height beside it,
    or with `above_below` also above or below it (in a figure's crop: grains a seal left
    under it; in a cell judged for its shape, a mark above is an accent or a line); with
    `index`, the values of that column of the kept rows instead of the rows."""
    tall_h = max(int(m[cv2.CC_STAT_HEIGHT]) for m in marks)
    tall = [m for m in marks if m[cv2.CC_STAT_HEIGHT] >= 0.45 * tall_h]

    def span(m: np.ndarray, start: int, size: int) -> tuple[int, int]:
        return int(m[start]), int(m[start] + m[size])

    def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(b[0] - a[1], a[0] - b[1])

    def apart(m: np.ndarray) -> bool:
        xs, ys = (
            span(m, cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH),
            span(m, cv2.CC_STAT_TOP, cv2.CC_STAT_HEIGHT),
        )
        gaps = [
            max(
                gap(xs, span(t, cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH)),
                gap(ys, span(t, cv2.CC_STAT_TOP, cv2.CC_STAT_HEIGHT)) if above_below else -1,
            )
            for t in tall
        ]
        return min(gaps) > 0.6 * tall_h

    out = [m for m in marks if m[cv2.CC_STAT_HEIGHT] >= 0.45 * tall_h or not apart(m)]
    return [m[index] for m in out] if index is not None else out


def is_prose_shaped(crop_ink: np.ndarray, dpi: float) -> bool:
    """Text, not a number: several lines of ink, or one line far wider than a number's.

    Specks (noise, the darkest grains of a stamp's ring) do not count: they would stretch
    a two-digit figure into "several lines".
    """
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(crop_ink, connectivity=8)
    min_h = max(4, int(dpi * 0.035))
    marks = [stats[i] for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= min_h]
    if not marks:
        return False
    # A short mark well apart from the rest (a seal's letter, a tick) does not make a
    # figure wide; diacritics sit over their letters and change nothing.
    marks = _without_stray(marks)
    top = min(m[cv2.CC_STAT_TOP] for m in marks)
    bottom = max(m[cv2.CC_STAT_TOP] + m[cv2.CC_STAT_HEIGHT] for m in marks)
    left = min(m[cv2.CC_STAT_LEFT] for m in marks)
    right = max(m[cv2.CC_STAT_LEFT] + m[cv2.CC_STAT_WIDTH] for m in marks)
    height, width = bottom - top, right - left
    one_line = dpi * 0.28  # a 12–13 pt line with its diacritics
    return bool(height > one_line or width > 3.2 * max(height, dpi * 0.12))


def _joined(ws: list[Word], digits: bool) -> tuple[str, float]:
    """One cell's words as its text (digits run together) and their lowest confidence."""
    ws = sorted(ws, key=lambda w: (w.block, w.line, w.left))
    joiner = "" if digits else " "
    return joiner.join(w.text for w in ws), min((w.conf for w in ws), default=0.0) / 100


def _read_batch(
    files: Sequence[Path],
    work: Path,
    name: str,
    settings: ScanSettings,
    psm: int,
    digits: bool,
) -> list[tuple[str, float]]:
    """One `tesseract` process reading a list of crop files (without libtesseract)."""
    listing = work / f"{name}.txt"
    listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    words = tesseract_tsv(
        listing,
        language=settings.digits_language if digits else settings.language,
        psm=psm,
        timeout_s=settings.timeout_s,
        dpi=300,
        whitelist=settings.digits_whitelist if digits else None,
    )
    by_page: list[list[Word]] = [[] for _ in files]
    for word in words:
        if 0 <= word.page - 1 < len(files):
            by_page[word.page - 1].append(word)
    return [_joined(ws, digits) for ws in by_page]


def _read_cells(
    crops: Sequence[np.ndarray],
    work: Path,
    settings: ScanSettings,
    batches: int,
    *,
    psm: int,
    digits: bool,
    tag: str,
) -> list[tuple[str, float]]:
    """Read every crop with one loaded model (libtesseract), or, without it, write the
    crops and read them in `batches` tesseract processes at once."""
    if not crops:
        return []
    language = settings.digits_language if digits else settings.language
    whitelist = settings.digits_whitelist if digits else None
    if _tessapi.available():
        with _tessapi.lend(language) as engine:
            return [
                _joined(
                    engine.words(
                        crop, psm=psm, dpi=300, timeout_s=settings.timeout_s, whitelist=whitelist
                    ),
                    digits,
                )
                for crop in crops
            ]
    files: list[Path] = []
    for i, crop in enumerate(crops):
        f = work / f"{tag}_{i:04d}.png"
        cv2.imwrite(str(f), crop, [cv2.IMWRITE_PNG_COMPRESSION, 1])
        files.append(f)
    batches = max(1, min(batches, len(files)))
    size = -(-len(files) // batches)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        results = pool.map(
            lambda a: _read_batch(a[1], work, f"{tag}_{a[0]:03d}", settings, psm, digits),
            enumerate(chunks),
        )
    return [r for chunk in results for r in chunk]


def read_digits(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, batches: int
) -> list[tuple[str, float]]:
    """(digits, confidence 0..1) of each prepared crop, read as one line (psm 7)."""
    reads = _read_cells(crops, work, settings, batches, psm=7, digits=True, tag="d7")
    return [(clean_number(t), c) for t, c in reads]


def read_stretched(crops: Sequence[np.ndarray], work: Path, settings: ScanSettings) -> list[str]:
    """The digits of each prepared crop read again stretched 1.4 times across (psm 7): a
    repeated digit the first reading merged ("11" read "1") comes apart."""
    wide = [cv2.resize(c, None, fx=1.4, fy=1.0, interpolation=cv2.INTER_CUBIC) for c in crops]
    reads = _read_cells(wide, work, settings, 1, psm=7, digits=True, tag="d7w")
    return [clean_number(t) for t, _c in reads]


def cross_check(
    crops: Sequence[np.ndarray],
    first: Sequence[tuple[str, float]],
    doubtful: Sequence[int],
    work: Path,
    settings: ScanSettings,
) -> list[DigitsRead]:
    """Re-read the doubtful crops as raw text (psm 13) and merge with the first reading.

    The LSTM's narrow beam with a whitelist sometimes drops a digit ("05" → "0",
    tesseract#3485); psm 7 and psm 13 rarely drop the same one. A crop is doubtful when
    the page OCR did not read the same number.
    """
    out = [DigitsRead(t, c, blank=False) for t, c in first]
    if not doubtful:
        return out

    subset = [crops[i] for i in doubtful]
    raw = _read_cells(subset, work, settings, 1, psm=13, digits=True, tag="d13")
    for i, (b, cb) in zip(doubtful, raw, strict=True):
        (a, ca), b = first[i], clean_number(b)
        if a == b:
            out[i] = DigitsRead(a, max(ca, cb), blank=False, confirmed=bool(a))
        elif not a or not b:
            found, conf = (a, ca) if a else (b, cb)
            out[i] = DigitsRead(found, min(conf, 0.5), blank=False)
        else:  # two different numbers: keep both, a person or the page text decides
            best, other = ((a, ca), b) if ca >= cb else ((b, cb), a)
            out[i] = DigitsRead(best[0], min(best[1], 0.5), blank=False, other=other)
    return out


def confirm_thin(
    thin_crops: Sequence[np.ndarray],
    checked: Sequence[DigitsRead],
    unsure: Sequence[int],
    work: Path,
    settings: ScanSettings,
) -> list[DigitsRead]:
    """The unconfirmed reads `unsure` (indexes into `checked`) read once more, from a crop
    cut nearer the print's core (`prepare_crop(thin=True)`): a second image, not the same
    one twice. Agreeing with the reading kept confirms it; where nothing was read, the
    thin read is taken at most half sure (the page OCR must agree for it to pass); a
    different number is kept as the other reading, which only the page OCR can side with
    (a thin cut can lose a "1", and psm 13 drops digits too: "19" must not turn into "9"
    by two such votes)."""
    out = list(checked)
    if not unsure:
        return out
    reads = _read_cells(thin_crops, work, settings, 1, psm=7, digits=True, tag="thin")
    for i, (t, ct) in zip(unsure, reads, strict=True):
        t, read = clean_number(t), out[i]
        if not t:
            continue
        if t == read.text:
            out[i] = DigitsRead(t, max(ct, read.confidence), blank=False, confirmed=True)
        elif not read.text:
            out[i] = DigitsRead(t, min(ct, 0.5), blank=False)
        elif read.other is None:  # the page OCR may side with it (`digits_confidence`)
            out[i] = replace(read, other=t)
    return out


def read_grey(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, digits: bool
) -> list[tuple[str, float]]:
    """(text, confidence 0..1) of grey number crops read as one line (psm 7): by the
    digits model with its whitelist, or by the Vietnamese model without one."""
    tag = "grey_d" if digits else "grey_w"
    return _read_cells(crops, work, settings, 1, psm=7, digits=digits, tag=tag)


def prepare_text_crop(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """A prose cell for the Vietnamese model: ~300 dpi, grey (LSTM reads grey well), 10 px border."""
    if dpi < 290:
        k = 300.0 / dpi
        gray_crop = cv2.resize(gray_crop, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    return cv2.copyMakeBorder(gray_crop, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)


def read_text_cells(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, batches: int
) -> list[tuple[str, float]]:
    """(text, min word confidence 0..1) of each prose cell, `-l vie --psm 6`, batched.

    A read that came out garbage (under `UNSURE_TEXT`) is tried again as sparse text
    (`--psm 11`), and the surer of the two kept: `--psm 6` merged a label's two close
    lines into one ("#t “ung tự nguyện", 0.0, for "Cai nghiện tự nguyện / tại TT") that
    `--psm 11` read word by word at 0.95.
    """
    reads = _read_cells(crops, work, settings, batches, psm=6, digits=False, tag="text")
    unsure = [i for i, (_t, conf) in enumerate(reads) if conf < UNSURE_TEXT]
    if not unsure:
        return reads
    again = _read_cells(
        [crops[i] for i in unsure], work, settings, 1, psm=11, digits=False, tag="text11"
    )
    for i, (text, conf) in zip(unsure, again, strict=True):
        if text.strip() and conf > reads[i][1]:
            reads[i] = (text, conf)
    return reads


def clean_number(text: str) -> str:
    """Digits read from a cell, without thousands separators (1.234 → 1234)."""
    return re.sub(r"[.,\s]", "", text)
