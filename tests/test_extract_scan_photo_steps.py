"""Single steps of the photo path (issue 10), on seeded pages drawn here: a table's rule
through a shadow, a borderless table whose header is wider than its figures. Real
Tesseract where words are read.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import (
    cell_crops,
    cells,
    faint_rules,
    figure_reads,
    grey_read,
    grid,
    layout,
    word_box,
)
from extract.ocr.page_words import page_words
from extract.ocr.streaks import remove_streaks
from extract.settings import ScanSettings

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
LABELS = (
    "Điều tra khám phá hình sự",
    "Lập hồ sơ đưa CNBB",
    "Cai nghiện tự nguyện",
    "Đưa đối tượng vào quản lý",
)


def _ruled_page(rng: np.random.Generator) -> tuple[np.ndarray, list[int]]:
    """A page filling the frame: text, and a ruled table across 75-88% of its width."""
    w, h = 1700, 2300
    img = Image.new("L", (w, h), 235)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 34)
    for k in range(8):
        draw.text(
            (150, 120 + 60 * k), "Ủy ban nhân dân phường báo cáo 137 người", fill=20, font=font
        )
    left = int(rng.integers(60, 140))
    right = left + int(w * rng.uniform(0.75, 0.88))
    rows = [int(y) for y in np.cumsum(rng.integers(70, 130, size=6)) + 800]
    for y in rows:
        draw.line((left, y, right, y), fill=20, width=3)
    for x in np.linspace(left, right, 5).astype(int):
        draw.line((int(x), rows[0], int(x), rows[-1]), fill=20, width=3)
    return np.asarray(img).copy(), rows


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_a_rule_through_a_shadow_or_a_dark_desk_is_no_streak(seed: int) -> None:
    """A shadow (or a dark desk beside the page) is as dark as print: the rule's row
    then counts as ink across the whole width, and the table lost its rules."""
    rng = np.random.default_rng(seed)
    page, rows = _ruled_page(rng)
    h, w = page.shape
    dark = np.ones((h, w), np.float32)
    if seed % 2:  # an arm's shadow over the left of the page, soft-edged
        edge = int(w * rng.uniform(0.25, 0.4))
        ramp = np.clip((np.arange(w) - edge) / 60.0, 0.0, 1.0)
        dark *= (0.4 + 0.6 * ramp)[None, :]
    else:  # a dark desk on both sides of the page
        dark[:, : int(w * 0.07)] = 0.3
        dark[:, w - int(w * 0.07) :] = 0.3
    photo = (page * dark).astype(np.uint8)
    out = remove_streaks(photo)
    for y in rows:  # every rule still there, its full length dark
        assert (out[y - 1 : y + 2].min(axis=0) < 80).mean() > 0.7
    # A real streak across that page is still taken off.
    streaked = photo.copy()
    y = int(rng.integers(300, 700))
    streaked[y : y + 2, :] = 0
    cleaned = remove_streaks(streaked)
    assert (cleaned[y : y + 2] < 80).mean() < 0.2


def _borderless_table(rng: np.random.Generator) -> tuple[Image.Image, str]:
    """A table without rules whose last header ("Kết quả thực hiện") is far wider than
    the figures centred under it, at 200 dpi."""
    img = Image.new("L", (2339, 1000), 255)
    draw = ImageDraw.Draw(img)
    font, bold = ImageFont.truetype(SERIF, 33), ImageFont.truetype(SERIF_BOLD, 33)
    cols = [
        230,
        330 + int(rng.integers(0, 60)),
        1050 + int(rng.integers(0, 80)),
        1500 + int(rng.integers(0, 80)),
    ]
    last = "Kết quả thực hiện"
    heads = ("TT", "Chỉ tiêu", "Đơn vị tính", last)
    centre = cols[3] + 160
    for x, text in zip(cols, heads, strict=True):
        if text == last:
            x = centre - int(draw.textlength(text, font=bold)) // 2
        draw.text((x, 100), text, fill=0, font=bold)
    order = rng.permutation(len(LABELS))
    for k, i in enumerate(order):
        y = 190 + 80 * k
        figure = str(int(rng.integers(2, 140)))
        draw.text((cols[0] + 10, y), str(k + 1), fill=0, font=font)
        draw.text((cols[1], y), LABELS[i], fill=0, font=font)
        draw.text((cols[2] + 40, y), "người", fill=0, font=font)
        draw.text((centre - int(draw.textlength(figure, font=font)) // 2, y), figure, font=font)
    return img, last


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_a_header_wider_than_its_figures_stays_whole(seed: int, tmp_path: Path) -> None:
    """The columns of a table rebuilt from words came from the figures alone: the last
    header's words past the figures fell out of the table ("Kết quả thực", no role)."""
    img, last = _borderless_table(np.random.default_rng(seed))
    gray = np.asarray(img).copy()
    words = page_words(gray, 200.0, ScanSettings(), tmp_path / "page.pgm", True)
    (table,) = layout.tables_from_words(words, gray.shape[1])
    header = [c for c in table.cells if c.row == 0 and c.col == table.n_cols - 1]
    x0, y0, x1, y1 = header[0].box
    inside = [w.text for w in words if x0 <= w.center[0] <= x1 and y0 <= w.center[1] <= y1]
    assert " ".join(inside) == last


def _figure_cell(rng: np.random.Generator, figure: str, marks: str) -> np.ndarray:
    """A number cell at 300 dpi: the figure, and grain or a stamp's lettering beside it."""
    img = Image.new("L", (360, 230), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF_BOLD if rng.random() < 0.5 else SERIF, 50)
    x0, y0 = int(rng.integers(120, 200)), int(rng.integers(15, 30))
    draw.text((x0, y0), figure, fill=0, font=font)
    box = draw.textbbox((x0, y0), figure, font=font)
    if marks == "grain":  # a few specks beside and under the digits
        for _ in range(int(rng.integers(3, 6))):
            x = int(rng.integers(box[0] - 10, box[2] + 25))
            y = int(rng.integers(box[1], box[3] + 15))
            draw.ellipse((x, y, x + int(rng.integers(2, 5)), y + int(rng.integers(2, 4))), fill=0)
    else:  # a stamp's arc of lettering well below the figure, in broken strokes
        cy = box[3] + 90 + int(rng.integers(25, 60))  # its top 25-60 px under the digits
        for k in range(int(rng.integers(14, 22))):
            a = np.pi * (1.1 + 0.8 * k / 20)
            x, y = 180 + 150 * np.cos(a), cy + 90 * np.sin(a)
            length = int(rng.integers(6, 26))
            draw.line((x, y, x + length, y - int(rng.integers(-6, 7))), fill=0, width=3)
    return np.asarray(img).copy()


@pytest.mark.parametrize("seed", [31, 32, 33, 34, 35, 36])
def test_a_figure_read_without_grain_or_a_stamps_lettering(seed: int, tmp_path: Path) -> None:
    """Specks beside "74" made the digits-only read give ","; a stamp's lettering under
    "137" made it "23" (both then flagged, though the figure was plain to see)."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.integers(10, 400)))
    cell = _figure_cell(rng, figure, "grain" if seed % 2 else "stamp")
    crop, _touched = cell_crops.prepare_crop(cell, 300.0)
    ((text, conf),) = cells.read_digits([crop], tmp_path, ScanSettings(), 1)
    assert (text, conf > 0.8) == (figure, True)


def test_unsure_letters_over_a_figure_do_not_hide_it() -> None:
    """The page OCR read "“TIẾP" (confidence 0.24) over a "15" the digits re-read made
    out: the cell was taken as words and the figure lost. Sure words still win."""
    assert figure_reads.is_figure("“TIẾP", 0.24, "15")
    assert not figure_reads.is_figure("người", 0.96, "")
    assert not figure_reads.is_figure("người", 0.3, "")  # no figure re-read: still words
    assert not figure_reads.is_figure("Tổng cộng", 0.9, "1")
    assert figure_reads.is_figure("15", 0.9, "15")


def _faint_table_photo(rng: np.random.Generator) -> tuple[np.ndarray, list[int]]:
    """A grey-ruled table as a phone gives it at 200 dpi: rules 20-30 grey levels under
    the paper, the camera's grain over it, JPEG'd. Returns the page and its rules' rows."""
    img = Image.new("L", (1700, 1400), 253)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 33)
    grey = 253 - int(rng.integers(22, 30))
    n_rows = int(rng.integers(4, 7))
    cols = [150, 300, 800, 1150, 1550]
    ys = [200]
    for _ in range(n_rows):
        ys.append(ys[-1] + int(rng.integers(60, 150)))
    for y in ys:
        draw.line((cols[0], y, cols[-1], y), fill=grey, width=2)
    for x in cols:
        draw.line((x, ys[0], x, ys[-1]), fill=grey, width=2)
    for r, a in enumerate(ys[:-1]):
        draw.text((cols[0] + 40, a + 12), str(r + 1), fill=0, font=font)
        draw.text((cols[1] + 15, a + 12), LABELS[r % len(LABELS)][:18], fill=0, font=font)
        draw.text((cols[3] + 150, a + 12), str(int(rng.integers(1, 99))), fill=0, font=font)
    page = np.asarray(img).astype(np.float32)
    page = page + rng.normal(0, float(rng.uniform(5, 8)), page.shape)
    page = np.clip(page, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 70))])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), ys


@pytest.mark.parametrize("seed", [41, 43, 44, 46])
def test_a_faint_rule_dashed_by_grain_is_joined(seed: int) -> None:
    """Grain breaks a grey rule into dashes; the grid then merged rows ("02 17 89" in one
    cell). Joined along its length, every row of the table comes back."""
    page, rules = _faint_table_photo(np.random.default_rng(seed))
    lines = faint_rules.whole_rules(page, grid.ruling_lines(page, 200.0), 200.0)
    (table,) = grid.find_tables(lines, 200.0)
    assert table.n_rows == len(rules) - 1
    # Lines only where rules are: none through the text between them.
    on = np.flatnonzero(lines.horizontal.any(axis=1))
    assert all(min(abs(y - r) for r in rules) <= 8 for y in on)


def test_a_prose_cell_keeps_the_surer_of_its_two_readings() -> None:
    """A table rebuilt from words has the page OCR's reading of each label as well as the
    cell's own: "Cai k ¬ gng tự nguyện" (0.0) had replaced a right reading at 0.96."""
    right = ("Cai nghiện tự nguyện tại TT", 0.96)
    assert figure_reads.surer_reading(right, ("Cai k ¬ gng tự nguyện", 0.0), True) == right
    alone = ("Lập hồ sơ đưa CNBB", 0.9)
    assert figure_reads.surer_reading(("Lập hồ sơ đưa", 0.6), alone, True) == alone
    assert figure_reads.surer_reading(("", 0.0), alone, False) == alone  # ruled: page OCR skips it
    # Two rows merged into one cell: the page OCR saw only "3" of "23" and "5", surely.
    assert figure_reads.surer_reading(("3", 0.91), ("23\n5", 0.6), True) == ("23\n5", 0.6)


def _ringed_cell(rng: np.random.Generator, figure: str) -> np.ndarray:
    """A wide number cell at 300 dpi, a stamp's ring crossing it beside the figure."""
    img = Image.new("L", (700, 260), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF_BOLD, 50)
    x0, y0 = int(rng.integers(60, 120)), int(rng.integers(60, 100))
    draw.text((x0, y0), figure, fill=0, font=font)
    box = draw.textbbox((x0, y0), figure, font=font)
    cx, cy = box[2] + int(rng.integers(150, 220)), box[3] + int(rng.integers(40, 90))
    for r in (int(rng.integers(150, 175)), int(rng.integers(120, 140))):  # two rings
        for a in np.linspace(np.pi * 0.55, np.pi * 1.5, 40):  # broken, as a lifted stamp's
            if rng.random() < 0.7:
                p = (cx + r * np.cos(a), cy + r * np.sin(a))
                q = (cx + r * np.cos(a + 0.04), cy + r * np.sin(a + 0.04))
                draw.line((*p, *q), fill=0, width=4)
    return np.asarray(img).copy()


@pytest.mark.parametrize("seed", [51, 52, 53])
def test_a_figure_confirmed_from_the_page_words_box(seed: int, tmp_path: Path) -> None:
    """A stamp's ring in the cell made the digits re-read "-1" while the page OCR read
    "31" surely: read again from the page OCR's word box, the two agree."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.integers(10, 99)))
    cell = _ringed_cell(rng, figure)
    settings = ScanSettings()
    words = [w for w in page_words(cell, 300.0, settings, tmp_path / "p.pgm") if w.text.strip()]
    found = [j for j, w in enumerate(words) if cells.clean_number(w.text) == figure]
    assert found, [w.text for w in words]  # the page OCR reads it (the premise)
    h, w = cell.shape
    unsure = [cells.DigitsRead("-1", 0.0, blank=False)]
    with ThreadPoolExecutor(1) as pool:
        out = word_box.confirm(
            cell, 300.0, words, [found], [(0, 0, w, h)], unsure, pool, tmp_path, settings, 1
        )
    assert (out[0].text, out[0].confirmed) == (figure, True)
    # A page reading the re-read does not share changes nothing.
    wrong = [cells.DigitsRead("-1", 0.0, blank=False)]
    other = [replace(words[found[0]], text="99")]
    with ThreadPoolExecutor(1) as pool:
        kept = word_box.confirm(
            cell, 300.0, other, [[0]], [(0, 0, w, h)], wrong, pool, tmp_path, settings, 1
        )
    assert kept == wrong


def _tight_label(seed: int) -> np.ndarray:
    """A two-line label cell at 300 dpi, its lines close, blurred as a phone takes it."""
    rng = np.random.default_rng(seed)
    img = Image.new("L", (507, 147), 245)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF if seed % 2 else SERIF_BOLD, 44)
    gap = int(rng.integers(40, 48))
    draw.text((22, 12), "Cai nghiện tự nguyện", fill=40, font=font)
    draw.text((22, 12 + gap), "tại TT", fill=40, font=font)
    soft = cv2.GaussianBlur(np.asarray(img), (0, 0), float(rng.uniform(1.5, 2.5)))
    return cv2.copyMakeBorder(soft[4:-4, 4:-4], 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)


@pytest.mark.parametrize("seed", [3, 18])
def test_a_label_whose_lines_psm6_merges_is_read_word_by_word(seed: int, tmp_path: Path) -> None:
    """`--psm 6` merged the two close lines into garbage ("Cai nghiệ ệ = THẾ tiện",
    0.05); read again as sparse text, the label comes out whole."""
    ((text, conf),) = cells.read_text_cells([_tight_label(seed)], tmp_path, ScanSettings(), 1)
    assert (text, conf > 0.8) == ("Cai nghiện tự nguyện tại TT", True)


def _blurred_bold(seed: int) -> tuple[np.ndarray, str]:
    """A bold figure as a blurred photo gives it, at 205 dpi: binarised, its counters
    fill and the digits-only read gives nothing."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.choice([11, 56, 38, 86, 68, 88, 19, 58])))
    img = Image.new("L", (150, 60), 250)
    draw = ImageDraw.Draw(img)
    draw.text(
        (int(rng.integers(30, 60)), 10), figure, fill=30, font=ImageFont.truetype(SERIF_BOLD, 34)
    )
    soft = cv2.GaussianBlur(np.asarray(img), (0, 0), float(rng.uniform(1.2, 2.0)))
    return np.clip(soft + rng.normal(0, 3, soft.shape), 0, 255).astype(np.uint8), figure


@pytest.mark.parametrize("seed", [37, 59, 74, 78])
def test_a_blurred_bold_figure_confirmed_by_two_models_reading_grey(
    seed: int, tmp_path: Path
) -> None:
    """The binarised crop read "" (a "56" flagged though plain to see); its grey crop is
    read alike by the digits model and the Vietnamese one. A binarised read that says
    another number keeps it unconfirmed."""
    cell, figure = _blurred_bold(seed)
    settings = ScanSettings()
    crop, _touched = cell_crops.prepare_crop(cell, 205.0)
    ((first, conf),) = cells.read_digits([crop], tmp_path, settings, 1)
    assert first != figure  # the premise: binarised, it is not read
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    with ThreadPoolExecutor(1) as pool:
        (out,) = grey_read.confirm(
            cell,
            205.0,
            box,
            [""],
            [cells.DigitsRead(first, conf, blank=False)],
            pool,
            tmp_path,
            settings,
        )
        (against,) = grey_read.confirm(
            cell,
            205.0,
            box,
            [""],
            [cells.DigitsRead("7", 0.9, blank=False)],
            pool,
            tmp_path,
            settings,
        )
    assert (out.text, out.confirmed) == (figure, True)
    assert (against.text, against.confirmed) == ("7", False)
