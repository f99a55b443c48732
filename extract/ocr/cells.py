"""Cells read one by one: digits-only for numbers, Vietnamese for prose.

Full-page OCR got 13/20 table numbers; cropping each cell, binarising (blur 3 + Otsu),
padding 20 px and reading it with `--psm 7` and a digit whitelist got 20/20
(extraction-notes.md). All crops of a kind are read by one loaded model in this process
(`_tessapi`); without libtesseract, one tesseract process reads a list of crop files.
"""

from __future__ import annotations

import re
from collections import Counter
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
# A prose cell's least sure word under this: its read is tried again. (At 0.5 a right
# "NĐ111/CP" at 0.498 gave way to "NĐI1I1/CP" at 0.78, and the row lost its indicator.)
UNSURE_TEXT = 0.3


@dataclass(frozen=True)
class DigitsRead:
    text: str  # "" when nothing was read
    confidence: float  # 0..1
    blank: bool  # no ink in the cell at all
    other: str | None = None  # a second, different reading
    confirmed: bool = False  # a second re-read (psm 13) read the same number
    # Two models read the cell's grey crop as this number too: the page OCR's confident
    # other number is outvoted (`grey_read`), not a reason to doubt.
    outvoted: bool = False
    # Where the page OCR read nothing in the cell: how surely two models read its grey
    # crop as this number (`grey_read.second`), standing for the page OCR's agreement.
    seconded: float = 0.0
    # The page OCR and this read agreed, the read barely (under `min_digits_confidence`),
    # and a third read (psm 13) read another number (`other`): not two readings but one.
    contested: bool = False


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
    # A lone digit in a cell of its own ("5", typed unpadded: the page OCR skips it) is
    # often nothing to psm 7 on the thin cut as on the first: read as one word (psm 8).
    lone = [k for k, (t, _c) in enumerate(reads) if not t and len(out[unsure[k]].text) == 1]
    if lone:
        single = _read_cells(
            [thin_crops[k] for k in lone], work, settings, 1, psm=8, digits=True, tag="thin8"
        )
        for k, read in zip(lone, single, strict=True):
            reads[k] = read
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


# A lone digit's other readings must be at least this sure to confirm the ones before.
LONE_SURE = 0.8
LONE_SCALES = (0.6, 2.0)  # the lone digit read again at these sizes


def confirm_lone(
    crops: Sequence[np.ndarray],
    checked: Sequence[DigitsRead],
    lone: Sequence[int],
    work: Path,
    settings: ScanSettings,
) -> list[DigitsRead]:
    """The lone digits `lone` (indexes into `checked`: one digit, unsure, in a cell the
    page OCR read nothing in) read again as one character (psm 10), smaller and larger.
    An unpadded "9" alone in its cell is skipped by the page OCR, and the digits model
    with its whitelist read nothing of it as cropped (psm 7 and 10 alike) while reading
    it surely at 0.6 and 2 times the size: psm 13 and the thin cut had read it half sure,
    and it went to review whatever they said. Both sizes reading the same digit surely
    confirm it; anything else leaves it as it was."""
    out = list(checked)
    if not lone:
        return out
    reads = [
        _read_cells(
            [
                cv2.resize(
                    crops[i],
                    None,
                    fx=k,
                    fy=k,
                    interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC,
                )
                for i in lone
            ],
            work,
            settings,
            1,
            psm=10,
            digits=True,
            tag=f"d10_{n}",
        )
        for n, k in enumerate(LONE_SCALES)
    ]
    for i, *both in zip(lone, *reads, strict=True):
        read = out[i]
        if read.other is None and all(
            clean_number(t) == read.text and conf >= LONE_SURE for t, conf in both
        ):
            out[i] = replace(read, confidence=min(0.9, *(c for _t, c in both)), confirmed=True)
    return out


def read_grey(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, digits: bool
) -> list[tuple[str, float]]:
    """(text, confidence 0..1) of grey number crops read as one line (psm 7): by the
    digits model with its whitelist, or by the Vietnamese model without one."""
    tag = "grey_d" if digits else "grey_w"
    return _read_cells(crops, work, settings, 1, psm=7, digits=digits, tag=tag)


def _too_few_letters(text: str, crop: np.ndarray) -> bool:
    """A read with far fewer letters than the crop has marks: `--psm 6` gave "u", sure
    (0.76), for a two-line label of some 25 letters on a photo. Marks are the Otsu ink's
    connected pieces taller than a fifth of the tallest (a letter, not a speck or an
    accent); a read keeping under a third of them lost the cell's text."""
    _t, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return False
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    marks = int((heights >= 0.2 * float(np.percentile(heights, 95))).sum())
    letters = sum(ch.isalnum() for ch in text)
    return marks >= 9 and letters < marks / 3


def _lost_numbers(first: str, again: str) -> bool:
    """Whether the sparse retry dropped a number the first read had: a label's decree
    ("... theo NĐ94/CP") on its last line, which `--psm 11` left out of a 150-dpi blurred
    scan's three-line label (surer of the two lines it kept), and with it the row's
    indicator. Numbers (runs of two digits or more) are what tells two such labels apart;
    a lone digit in a garbled first read ("Cai nghiệ vi 4 mà") is no number."""
    kept = Counter(re.findall(r"\d{2,}", again))
    return bool(Counter(re.findall(r"\d{2,}", first)) - kept)


def read_text_cells(
    crops: Sequence[np.ndarray], work: Path, settings: ScanSettings, batches: int
) -> list[tuple[str, float]]:
    """(text, min word confidence 0..1) of each prose cell, `-l vie --psm 6`, batched.

    A read that came out garbage (under `UNSURE_TEXT`, or far fewer letters than the
    crop has marks: `_too_few_letters`) is tried again as sparse text
    (`--psm 11`), and the surer of the two kept (or the one that kept the text):
    `--psm 6` merged a label's two close
    lines into one ("#t “ung tự nguyện", 0.0, for "Cai nghiện tự nguyện / tại TT") that
    `--psm 11` read word by word at 0.95.
    """
    reads = _read_cells(crops, work, settings, batches, psm=6, digits=False, tag="text")
    lost = {i for i, (text, _c) in enumerate(reads) if _too_few_letters(text, crops[i])}
    unsure = [i for i, (_t, conf) in enumerate(reads) if conf < UNSURE_TEXT or i in lost]
    if not unsure:
        return reads
    again = _read_cells(
        [crops[i] for i in unsure], work, settings, 1, psm=11, digits=False, tag="text11"
    )
    for i, (text, conf) in zip(unsure, again, strict=True):
        # A read that lost the text gives way to one that did not, however sure it was.
        whole = i in lost and not _too_few_letters(text, crops[i])
        if text.strip() and (conf > reads[i][1] or whole) and not _lost_numbers(reads[i][0], text):
            reads[i] = (text, conf)
    return reads


# The letters the Vietnamese model reads a staircased "1" of a fax as ("I4", "1l", "¡9").
_ONES = str.maketrans({"I": "1", "l": "1", "|": "1", "¡": "1", "!": "1"})


def ones_restored(number: str) -> str:
    """A cleaned reading of a figure with the letters a "1" is read as made 1s again,
    when all else is digits and one at least is a digit ("I4" → "14", "1l" → "11"); as it
    was otherwise ("lại", "Il": words, or nothing to go by)."""
    if any(ch.isdigit() for ch in number):
        restored = number.translate(_ONES)
        if NUMBER.match(restored):
            return restored
    return number


def clean_number(text: str) -> str:
    """Digits read from a cell, without thousands separators (1.234 → 1234)."""
    return re.sub(r"[.,\s]", "", text)
