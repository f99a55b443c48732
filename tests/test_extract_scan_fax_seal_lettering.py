"""A seal's lettering over the figures on a black-and-white fax (issue 10): its letters,
as black as print, are not read as part of a figure ("05 nAN Nhạ" sent "05" to review).

The pages: a column of the grammar's figures (`samples/returns/scan_conditions.py`, tune
seeds) with their labels, the grammar's stamp pressed over one of them as `_page_pixels`
presses it (`_scanning.stamp_over`), sent black and white at the drawn threshold and skew
and deskewed as the reader does; the seal wiped (`seals.wipe_rings`) and the page read by
real Tesseract. The seal's words are left out of the figures' cells; the figures' own
words, a measure word, and a mark on a figure's line (a digit the ring damaged) never.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract.ocr import seals
from extract.ocr._exec import Word
from extract.ocr.page_words import page_words
from extract.ocr.rings import ink_mask, round_share
from extract.ocr.word_lines import join_words
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
sc = load_grammar()
PLAN = load_plan(sc.PLAN_PATH)
SEEDS = [s for s in range(200, 400, 2) if sc.draw_case(PLAN, s).medium == "fax"][:6]
Box = tuple[int, int, int, int]


def _fax(seed: int) -> tuple[np.ndarray, list[tuple[str, Box]], int]:
    """(page as the reader has it, the figures with their boxes, dpi) for a tune seed."""
    case = sc.draw_case(PLAN, seed)
    rng = np.random.default_rng(99_991 * seed + 5)
    dpi = int(case.conditions["dpi"])
    img = Image.new("RGB", (int(6.5 * dpi), int(5 * dpi)), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, round(13 / 72 * dpi))
    figures = []
    for k, value in enumerate(case.values.values()):
        y = int((0.8 + 0.45 * k) * dpi)
        text = f"{value:02d}"
        draw.text((int(1.0 * dpi), y), "Đưa đối tượng vào quản lý", fill=(0, 0, 0), font=font)
        draw.text((int(4.5 * dpi), y), text, fill=(0, 0, 0), font=font)
        figures.append((text, draw.textbbox((int(4.5 * dpi), y), text, font=font)))
    b = figures[int(rng.integers(1, len(figures) - 1))][1]  # as `_page_pixels` presses it
    img = sc.scanning.stamp_over(img, tuple(v * 72 / dpi for v in b), dpi, rng)
    grey = np.asarray(img.convert("L"), dtype=np.float32)
    grey = grey + rng.normal(0, float(case.conditions["noise"]), grey.shape)
    bw = np.where(grey < int(case.conditions["threshold"]), 0, 255).astype(np.uint8)
    h, w = bw.shape
    skew = float(case.conditions["skew"])
    sent = cv2.warpAffine(
        bw, cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0), (w, h), borderValue=255
    )
    level = cv2.warpAffine(
        sent,
        cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0),
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderValue=255,
    )
    return level, figures, dpi


def _in(w: Word, box: Box, m: int) -> bool:
    cx, cy = w.center
    return box[0] - m <= cx <= box[2] + m and box[1] - m <= cy <= box[3] + m


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    work = tmp_path_factory.mktemp("ocr")
    out = []
    for seed in SEEDS:
        level, figures, dpi = _fax(seed)
        unsealed = seals.wipe_rings(level, dpi, fax=True)  # as the reader wipes a fax's
        words = page_words(unsealed.gray, dpi, ScanSettings(), Path(work / f"p{seed}.pgm"))
        out.append((seed, unsealed, words, figures, dpi))
    return out


def test_seal_words_out_figures_words_in(read: list[tuple]) -> None:
    dropped_in_cells = 0
    for _seed, unsealed, words, figures, dpi in read:
        assert unsealed.rings  # the seal is found
        seal_words = unsealed.lettering_words(words)
        for i in seal_words:
            assert not any(ch.isdigit() for ch in words[i].text)  # a figure's word never
        m = int(0.15 * dpi)  # a figure's cell: its box and a margin
        for text, box in figures:
            kept = [w for j, w in enumerate(words) if _in(w, box, m) and j not in seal_words]
            read_here = [w for w in words if _in(w, box, m)]
            if text in join_words(read_here).replace(" ", ""):  # the OCR read the figure
                assert text in join_words(kept).replace(" ", "")
            dropped_in_cells += sum(1 for j in seal_words if _in(words[j], box, m))
    # The class is there: seal letters read in figures' cells, and left out.
    assert dropped_in_cells >= 2


def test_measure_word_and_damaged_digit_stay() -> None:
    """In the band of a seal (centre 500, 500; radius 140): its lettering goes, "BAN" too
    (a measure word, "bản", but in capitals as a seal's lettering is); a measure word as a
    table writes it and a letter on a figure's line, next to its digit, stay."""
    ring = seals.Ring(500.0, 500.0, 140.0, 3.0)
    unsealed = seals.Unsealed(np.full((1000, 1000), 255, np.uint8), [ring], None)
    words = [
        Word("NHÂN", 472, 368, 56, 24, 90.0),  # the seal's lettering, 120 px above the centre
        Word("người", 575, 488, 70, 24, 95.0),  # a measure word in the band
        Word("u", 470, 608, 12, 24, 60.0),  # a "0" the ring damaged, read as a letter...
        Word("6", 484, 608, 12, 24, 95.0),  # ...beside the figure's other digit
        Word("68", 480, 690, 28, 24, 96.0),  # a figure beyond the band
        Word("BAN", 440, 380, 40, 22, 80.0),  # "ỦY BAN NHÂN DÂN": a measure word ("bản")...
    ]
    assert unsealed.lettering_words(words) == {0, 5}  # ...in capitals: the seal's


def test_a_levelled_fax_seal_is_wiped_as_black(read: list[tuple]) -> None:
    """Deskewed, a fax's black ring has grey rims, and its ink's median grey passed for a
    grey seal's: its black core was then kept as print, the ring left whole over the
    figures ("\\ 02" read as prose). Wiped as black, little of the outer ring is left."""
    for seed, unsealed, _words, _figures, _dpi in read:
        left = ink_mask(unsealed.gray)
        for ring in unsealed.rings:
            assert round_share(left, ring.cx, ring.cy, ring.r, 1.0) < 0.35, (seed, ring)
    # The class is there: judged by the page's greys alone, some seals pass for grey ones
    # and keep their rings.
    kept = 0
    for seed in SEEDS:
        level, _figures, dpi = _fax(seed)
        as_grey = seals.wipe_rings(level, dpi)
        left = ink_mask(as_grey.gray)
        kept += any(round_share(left, r.cx, r.cy, r.r, 1.0) >= 0.35 for r in as_grey.rings)
    assert kept >= 1
