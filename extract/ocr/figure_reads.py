"""The figures of a page's number cells, made as sure as their readings allow.

Each number cell has two readings: the page OCR's words in it and the digits-only re-read
of its crop. Where they differ, the cell is read again (a cross-check, a thinner cut, and
on photos the word box and the grey crop), and where the ink is wider than the digits read,
stretched. What comes out is every reading with its confidence; `extract/interpret.py`
decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import (
    cell_crops,
    cells,
    dropped_digits,
    fax_cuts,
    fax_votes,
    grey_read,
    low_res,
    script_vote,
    seals,
    stamp_reads,
    word_box,
)
from ._exec import Word
from .confidence import cell_confidence
from .pages import PageImage
from .rings import Ring
from .word_lines import join_words, nfc

PROSE = re.compile(r"[^\W\d_]{3,}")  # a word of 3+ letters: the cell is text, not a number
# `Cell.digits` of a cell with ink in it where no digit could be read: not blank, not a number.
UNREADABLE = "?"
FIGURE_TEXT = re.compile(r"^[+-]?\d[\d.,\s]*$")
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the level page's pixels


def is_figure(page_text: str, page_conf: float, digits: str) -> bool:
    """Whether a number-shaped cell is read as a figure: unless the page OCR read words
    in it, and surely; its unsure letters over a figure the digits re-read made out
    ("“TIẾP" over "15", confidence 0.24) are noise, and the photo rule still applies."""
    return not PROSE.search(page_text) or (page_conf < 0.5 and bool(cells.NUMBER.match(digits)))


def reads_as_figure(text: str) -> bool:
    """Whether a cell's prose reading is a figure: digits (maybe with thousands dots or
    spaces) and nothing else."""
    t = text.strip()
    return bool(FIGURE_TEXT.match(t)) and bool(cells.NUMBER.match(cells.clean_number(t)))


def misread_figure(text: str) -> bool:
    """Whether a prose cell's reading may be a figure the Vietnamese model misread in a
    face it knows badly ("7.i0D" for a plain "7.125" in Liberation Serif): digits, and no
    word of letters; not a figure as read."""
    t = text.strip()
    return any(ch.isdigit() for ch in t) and not PROSE.search(t) and not reads_as_figure(t)


def surer_reading(
    page: tuple[str, float], alone: tuple[str, float], page_saw_it: bool
) -> tuple[str, float]:
    """A prose cell's text: its read alone (`--psm 6`), unless the page OCR read it too
    (a table rebuilt from words), was surer, and read words ("Cai k ¬ gng tự nguyện"
    alone, 0.0). Figures stay with the cell's read: a page OCR that saw "3" of a merged
    cell's "23" and "5" is sure of what it saw, not of the cell."""
    if page_saw_it and page[1] > alone[1] and PROSE.search(page[0]):
        return page
    return nfc(alone[0].strip()), alone[1]


def page_number(
    words: list[Word], members: list[int], digits: str, fax: bool = False
) -> str | None:
    """The page OCR's number in a cell, or None where the cell is words, not a figure. On
    a fax, its 1s read as letters are 1s (`cells.ones_restored`)."""
    ws = [words[j] for j in members]
    text = join_words(ws)
    if not is_figure(text, cell_confidence(ws, True), digits):
        return None
    return cells.ones_restored(cells.clean_number(text)) if fax else cells.clean_number(text)


def zero_apart(page_number: str, number: str) -> bool:
    """Whether two readings of a figure differ only by leading zeros ("08" and "8")."""
    return page_number != number and page_number.lstrip("0") == number.lstrip("0") != ""


def _cut_at_edge(clean: np.ndarray, box: Box, dpi: float) -> bool:
    """Whether the cell's ink runs into its edge: a digit may lie beyond it, which the
    page OCR (the whole page) could see and a read of the cell's crop cannot."""
    x0, y0, x1, y1 = box
    return cell_crops.prepare_crop(clean[y0:y1, x0:x1], dpi)[1]


def _third_read(
    crops: list[np.ndarray],
    first_reads: list[tuple[str, float]],
    doubtful: list[int],
    checked: list[cells.DigitsRead],
    pool: ThreadPoolExecutor,
    cell_dir: Path,
    settings: ScanSettings,
) -> list[cells.DigitsRead]:
    """The page OCR's agreement with a re-read that barely made the number out is checked
    by a third read (psm 13): the same number confirms it, another contests it. A photo's
    "56" was read "96" by the page OCR and by the re-read (at 0.48), surely; psm 13 read
    "56". (Not on a fax: its own rules judge an unsure agreement, `fax_votes`.)"""
    asked = set(doubtful)
    weak = [
        i
        for i, (text, conf) in enumerate(first_reads)
        if i not in asked and cells.NUMBER.match(text) and conf < settings.min_digits_confidence
    ]
    if not weak:
        return checked
    work = cell_dir / "third"
    work.mkdir(exist_ok=True)
    third = pool.submit(cells.cross_check, crops, first_reads, weak, work, settings).result()
    out = list(checked)
    for i in weak:
        merged, first = third[i], first_reads[i][0]
        if merged.confirmed:
            out[i] = merged
        elif merged.other is not None:  # two numbers: the third read's is the other one
            other = merged.other if merged.text == first else merged.text
            # A digit more or fewer is the two modes' known habit (`cells.cross_check`:
            # "15" read "1", "68" read "168", both right); another digit in its place is
            # a shape the readers disagree on.
            if len(other) == len(first):
                out[i] = replace(checked[i], other=other, contested=True)
    return out


def confirm_numbers(
    level: PageImage,
    clean: np.ndarray,
    words: list[Word],
    members_of: Callable[[Box], list[int]],
    number_keys: list[tuple[int, int]],
    box_of: dict[tuple[int, int], Box],
    number_crops: list[np.ndarray],
    first_reads: list[tuple[str, float]],
    edge_touching: set[int],
    pool: ThreadPoolExecutor,
    cell_dir: Path,
    settings: ScanSettings,
    cell_batches: int,
    fax: bool = False,
    lifted: Collection[int] = (),
) -> tuple[dict[tuple[int, int], cells.DigitsRead], dict[tuple[int, int], str]]:
    """Each number cell's digits, as sure as the readings that agree make them: the page
    OCR against the digits-only re-read, then a cross-check, a thinner cut, (photos) the
    word box, (photos and faxes) the grey crop, and a stretched read where the ink is wider than the
    digits read (what that read found, by cell)."""
    dpi = level.dpi
    # Cross-check the digits of every number cell the page OCR did not read the same way
    # (on a fax, its 1s read as letters are 1s: "I4" is "14").
    restore = cells.ones_restored if fax else str
    doubtful = [
        i
        for i, key in enumerate(number_keys)
        if restore(cells.clean_number(join_words([words[j] for j in members_of(box_of[key])])))
        != first_reads[i][0]
        or not first_reads[i][0]
    ]
    checked = pool.submit(
        cells.cross_check, number_crops, first_reads, doubtful, cell_dir, settings
    ).result()
    if not fax:
        checked = _third_read(
            number_crops, first_reads, doubtful, checked, pool, cell_dir, settings
        )
    # Still unsure (and a figure, not a word, by the page OCR): read once more from a crop
    # cut nearer the print's core (a blurred figure at a low resolution comes out bold).
    unsure = [
        i
        for i in doubtful
        if not checked[i].confirmed
        and not PROSE.search(join_words([words[j] for j in members_of(box_of[number_keys[i]])]))
    ]
    if unsure:
        thin = [
            cell_crops.prepare_crop(clean[y0:y1, x0:x1], dpi, thin=True)[0]
            for x0, y0, x1, y1 in (box_of[number_keys[i]] for i in unsure)
        ]
        checked = pool.submit(
            cells.confirm_thin, thin, checked, unsure, cell_dir, settings
        ).result()
    # A lone digit the page OCR skipped, half sure on its re-reads: read as one character.
    lone = [
        i
        for i, r in enumerate(checked)
        if len(r.text) == 1
        and r.confidence < settings.min_digits_confidence
        and not join_words([words[j] for j in members_of(box_of[number_keys[i]])]).strip()
        and cell_crops.one_mark(number_crops[i])
    ]
    if lone:
        checked = pool.submit(
            cells.confirm_lone, number_crops, checked, lone, cell_dir, settings
        ).result()
    if level.photo:  # a figure the page OCR read surely, re-read from its words' box
        checked = word_box.confirm(
            clean,
            dpi,
            words,
            [members_of(box_of[key]) for key in number_keys],
            [box_of[key] for key in number_keys],
            checked,
            pool,
            cell_dir,
            settings,
            cell_batches,
        )
    boxes = [box_of[key] for key in number_keys]

    def page_numbers() -> list[str | None]:
        return [
            page_number(words, members_of(box), r.text, fax)
            for box, r in zip(boxes, checked, strict=True)
        ]

    # A blurred bold figure binarised fills its counters; a fax's staircased one loses
    # its "1" ("15" read "1" twice, "56" read ""): read grey by two models. A fax's
    # `clean` is softened (`bilevel.soften`): its grey edges are what the models need.
    # On a flatbed scan only against the page OCR's other number ("3" for "23"), and on
    # every page for a figure the page OCR missed beside a stamp's lifted ink.
    unseen = [i for i in edge_touching if not _cut_at_edge(clean, boxes[i], dpi)]
    seen = page_numbers()
    checked = grey_read.confirm(
        clean,
        dpi,
        boxes,
        seen,
        checked,
        pool,
        cell_dir,
        settings,
        fax,
        level.photo or fax,
        unseen,
        flatbed=not (level.photo or fax),
    )
    if not (fax or level.photo):  # a 150-dpi scan's figure the page OCR missed
        checked = low_res.confirm(
            clean, dpi, boxes, page_numbers(), checked, pool, cell_dir / "low", settings
        )
    if not fax:  # the page OCR's other number, where its model reads the face badly
        checked = script_vote.confirm(
            clean, dpi, boxes, page_numbers(), checked, pool, cell_dir / "script", settings
        )
    if level.photo:  # the page OCR's number with a thin digit dropped ("3" for "31")
        checked = dropped_digits.confirm(
            clean,
            dpi,
            boxes,
            page_numbers(),
            checked,
            number_crops,
            edge_touching,
            pool,
            cell_dir / "dropped",
            settings,
        )
    if fax:  # broken or thickened by the sender's threshold: read at a ladder of cuts
        checked = fax_cuts.confirm(
            clean,
            dpi,
            boxes,
            page_numbers(),
            checked,
            pool,
            cell_dir / "cuts",
            settings,
            streaked=level.streaked,
        )
        # Both models read it whole, no reading against: the thin strokes' small losses.
        checked = fax_votes.confirm(
            clean,
            dpi,
            boxes,
            [
                (n, cell_confidence([words[j] for j in members_of(box)], True))
                for n, box in zip(page_numbers(), boxes, strict=True)
            ],
            first_reads,
            checked,
            pool,
            cell_dir / "votes",
            settings,
        )
    # A lifted stamp's ghost beside a figure: its print alone, read by two models, stands
    # for the page OCR's agreement.
    checked, destamped = stamp_reads.confirm(
        clean, dpi, boxes, page_numbers(), checked, lifted, pool, cell_dir / "print", settings
    )
    for i in set(edge_touching) - destamped:  # a digit may have been cut off with the edge
        checked[i] = replace(checked[i], confidence=min(checked[i].confidence, 0.5))
    # More ink than the digits read: the LSTM merges a repeated digit ("11" read "1" on
    # both readings). Read again stretched across, where the two digits stand apart.
    # Either reading (the re-read's, or the second one the page OCR may side with).
    wide = [
        i
        for i, r in enumerate(checked)
        if any(cell_crops.wider_than_read(number_crops[i], t) for t in (r.text, r.other or ""))
    ]
    stretched = pool.submit(
        cells.read_stretched, [number_crops[i] for i in wide], cell_dir, settings
    ).result()
    stretched_of = {number_keys[i]: t for i, t in zip(wide, stretched, strict=True)}
    digit_reads = dict(zip(number_keys, checked, strict=True))
    return digit_reads, stretched_of


def digits_alone(
    crops: list[np.ndarray], pool: ThreadPoolExecutor, work: Path, settings: ScanSettings
) -> list[tuple[str, float]]:
    """Crops read digits-only, one per batch, on the Tesseract workers (second opinions)."""
    work.mkdir()
    return pool.submit(cells.read_digits, crops, work, settings, 1).result()


BAND_OUT_SURE = 0.8  # a band-out read as sure as a re-read that confirms


def band_out_disagree(
    gray: np.ndarray,
    dpi: float,
    keys: list[tuple[int, int]],
    rings: Sequence[Ring],
    box_of: dict[tuple[int, int], Box],
    digit_reads: dict[tuple[int, int], cells.DigitsRead],
    pool: ThreadPoolExecutor,
    cell_dir: Path,
    settings: ScanSettings,
    page_agrees: Collection[tuple[int, int]] = (),
) -> set[tuple[int, int]]:
    """The figures among `keys` (a grey seal's ring runs through them,
    `cell_kinds.ring_crosses`) whose cell, read digits-only from the page as scanned with
    every ring's band taken out whole, reads surely another number. The wipe keeps ring
    ink that print meets, so a ring along a "1" reads "4" on every read of the wiped page
    ("15" read "45", sure); with the band out it reads "15". A band that took strokes of
    the digits leaves a read with no confidence ("" or "1778" at 0.02): no opinion; or a
    sure other number where the fitted band lies on a digit's stroke ("10" read "19",
    "120" read "129"): the cell read once more with only the band's grey taken out (its
    print kept, `_band_out` with `greys`) says so, reading surely what the wiped page read.
    A band-out read that is the re-read less its first digit counts as another number,
    however unsure (`_digit_dropped`), where the page OCR did not read the re-read's
    number too (`page_agrees`: "89" by the page OCR and the re-read, "9" with the band
    out, was right: layouts-tune3 474)."""
    if not keys:
        return set()
    reads = digits_alone(
        [_band_out(gray, dpi, box_of[k], rings) for k in keys],
        pool,
        cell_dir / "band_out",
        settings,
    )
    disagree = [
        k
        for k, (t, c) in zip(keys, reads, strict=True)
        if (c >= BAND_OUT_SURE and t != digit_reads[k].text)
        or (k not in page_agrees and _digit_dropped(t, digit_reads[k].text))
    ]
    if not disagree:
        return set()
    greys = [seals.seal_grey(gray, ring) for ring in rings]
    again = digits_alone(
        [_band_out(gray, dpi, box_of[k], rings, greys) for k in disagree],
        pool,
        cell_dir / "band_grey_out",
        settings,
    )
    return {
        k
        for k, (t, c) in zip(disagree, again, strict=True)
        if not (c >= BAND_OUT_SURE and t == digit_reads[k].text)
    }


def _digit_dropped(band_out: str, read: str) -> bool:
    """Whether the band-out read is the re-read less its first digit, however unsure: the
    ring's arc along a "0" reads "6" on the wiped page, "09" read "69" by both re-reads
    and "9" with the band out (typefaces-tune3 570). Such a figure is looked at once
    more with only the band's grey out, as a sure other number is. Not a "1": a band
    along its one stroke takes it whole, and the figure was right ("14" read "4" with the
    band out, "137" read "37": scantune 286, 784)."""
    return (
        band_out.isdigit()
        and len(read) == len(band_out) + 1
        and read[1:] == band_out
        and read[0] != "1"
    )


def _band_out(
    gray: np.ndarray,
    dpi: float,
    box: Box,
    rings: Sequence[Ring],
    greys: Sequence[float | None] | None = None,
) -> np.ndarray:
    """The cell's crop as scanned, every ring's band taken out, prepared for the digits
    read; with the rings' `greys`, only what in the band is lighter than print (the
    cell's darkest ink) by a quarter of the way to the ring's grey: a stroke of print
    under a band fitted a pixel or two off the ring stays, the ring's own grey goes."""
    x0, y0, x1, y1 = box
    crop = gray[y0:y1, x0:x1].copy()
    ys, xs = np.mgrid[y0:y1, x0:x1]
    ink = float(np.percentile(crop, 1))
    for ring, grey in zip(rings, greys or [None] * len(rings), strict=True):
        band = np.abs(np.hypot(xs - ring.cx, ys - ring.cy) - ring.r) <= ring.width / 2 + 1
        if grey is not None and grey > ink:
            band &= crop >= ink + 0.25 * (grey - ink)
        crop[band] = 255
    return cell_crops.prepare_crop(crop, dpi)[0]
