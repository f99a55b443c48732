"""Round seals over printed figures (issue 10): found, wiped, the print under them kept.

Pages and seals come from a small seeded grammar of their own (not the benchmark's
stamp): a column of figures in a serif font, a seal 3.2–4.4 cm across with one or two
rings of varied weight, lettering round the band, a filled star, pressed over the figures
at a random offset and angle; grey (a red seal on a grey scanner) or black and white (a
fax). Real Tesseract reads the figures after the wipe.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract import read_document
from extract.ocr import cell_crops, cells, rings, seals
from extract.settings import ScanSettings

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
DPI = 200


def _page(
    rng: np.random.Generator,
) -> tuple[np.ndarray, list[tuple[str, tuple[int, int, int, int]]]]:
    """A white page with a column of figures (and labels left of them); the figures' boxes."""
    img = Image.new("L", (1650, 1400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(DPI * 13 / 72))
    figures = []
    y = 300
    for _ in range(6):
        text = str(int(rng.choice([0, 3, 7, 12, 19, 28, 45, 89, 102, 137])))
        draw.text((300, y), "Đưa đối tượng vào quản lý", fill=0, font=font)
        draw.text((1000, y), text, fill=0, font=font)
        x0, y0, x1, y1 = draw.textbbox((1000, y), text, font=font)
        figures.append((text, (x0, y0, x1, y1)))
        y += int(DPI * 0.45)
    return np.asarray(img).copy(), figures


def _seal(rng: np.random.Generator, size_px: int) -> tuple[np.ndarray, float, float]:
    """A seal's ink (0..1) in a square, its outer radius and its outer ring's width."""
    r = size_px / 2 - 6
    layer = Image.new("L", (size_px, size_px), 0)
    d = ImageDraw.Draw(layer)
    w = int(rng.integers(2, 6))
    c = size_px / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=w)
    if rng.random() < 0.7:
        ri = r * float(rng.uniform(0.72, 0.84))
        d.ellipse((c - ri, c - ri, c + ri, c + ri), outline=255, width=max(1, w // 2))
    font = ImageFont.truetype(SERIF, int(r * rng.uniform(0.14, 0.2)))
    text = "ỦY BAN NHÂN DÂN PHƯỜNG"
    start, span = rng.uniform(0, 2 * math.pi), rng.uniform(1.2, 1.9) * math.pi
    for i, ch in enumerate(text):
        a = start + span * i / len(text)
        d.text(
            (c + 0.88 * r * math.cos(a), c + 0.88 * r * math.sin(a)),
            ch,
            fill=255,
            font=font,
            anchor="mm",
        )
    d.regular_polygon((c, c, r * float(rng.uniform(0.18, 0.28))), 5, fill=255)
    layer = layer.rotate(float(rng.uniform(0, 360)), resample=Image.BICUBIC)
    return np.asarray(layer, dtype=np.float32) / 255.0, r, float(w)


def _stamped(seed: int, black: bool, faint: bool = False, dots: bool = False):
    rng = np.random.default_rng(seed)
    page, figures = _page(rng)
    size = int(float(rng.uniform(3.2, 4.4)) / 2.54 * DPI) + 12
    ink, r, _width = _seal(rng, size)
    _text, (x0, y0, x1, y1) = figures[int(rng.integers(1, 5))]
    a = rng.uniform(0, 2 * math.pi)
    cx = int((x0 + x1) / 2 + 0.4 * r * math.cos(a))
    cy = int((y0 + y1) / 2 + 0.4 * r * math.sin(a))
    out = page.astype(np.float32)
    level = float(rng.uniform(110, 150))  # a red seal's grey on a grey scanner
    if faint:  # a light red pressed lightly: lighter than the page's ink cut, darker than paper
        level = float(np.random.default_rng(seed + 1000).uniform(165, 190))
    if dots:  # lighter still, and a noisy sender's threshold keeps its ink as dots
        level = float(np.random.default_rng(seed + 2000).uniform(178, 184))
    sy, sx = cy - size // 2, cx - size // 2
    alpha = ink * float(rng.uniform(0.8, 1.0))
    if dots:
        alpha = ink
    region = out[sy : sy + size, sx : sx + size]
    region[:] = region * (1 - alpha) + np.minimum(region, level) * alpha
    out += rng.normal(0, 12 if dots else 4, out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if black:  # a fax: one threshold, the seal as black as the print
        out = np.where(out < 170, 0, 255).astype(np.uint8)
    return page, out, figures, (cx, cy, r)


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
@pytest.mark.parametrize("black", [False, True])
def test_seal_found_and_print_kept(seed: int, black: bool) -> None:
    page, stamped, _figures, (cx, cy, r) = _stamped(seed, black)
    unsealed = seals.wipe_rings(stamped, DPI)
    outer = max(unsealed.rings, key=lambda g: g.r)
    assert math.hypot(outer.cx - cx, outer.cy - cy) < 5 and abs(outer.r - r) < 6
    print_px = page < 128
    kept = (unsealed.gray[print_px] < 128).mean()
    assert kept >= (0.97 if black else 0.98)
    # Its ring is gone; on a grey page all of its ink away from the print too (on a black
    # one its lettering stays: it cannot be told from print by its ink).
    ink = rings.ink_mask(stamped) > 0
    otsu, _ = cv2.threshold(stamped, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if not black and seals._seal_level(stamped, ink, outer) >= otsu - 10:
        # Fainter than the page's ink cut: it goes by its grey alone, cutting no stroke.
        assert unsealed.scars is None or not unsealed.scars.any()
    after = (unsealed.gray < 170).astype(np.uint8)
    assert rings.round_share(after, outer.cx, outer.cy, outer.r, 1.0) < 0.35
    if not black:
        near_print = cv2.dilate(print_px.astype(np.uint8), np.ones((7, 7))).astype(bool)
        seal_px = (stamped < 170) & ~near_print
        assert (unsealed.gray[seal_px] < 170).mean() < 0.1


def test_no_seal_no_wipe() -> None:
    page, _figures = _page(np.random.default_rng(5))
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    draw.ellipse((200, 1000, 260, 1060), outline=0, width=3)  # a bullet, far smaller than a seal
    draw.rectangle((250, 250, 1300, 900), outline=0, width=2)  # a table frame
    unsealed = seals.wipe_rings(np.asarray(img).copy(), DPI)
    assert unsealed.rings == [] and unsealed.scars is None


def _figures_read(
    gray: np.ndarray, figures: list[tuple[str, tuple[int, int, int, int]]], work: Path
) -> list[str]:
    """Each figure's cell (a margin around its box) prepared and read digits-only."""
    crops = [
        cell_crops.prepare_crop(gray[y0 - 12 : y1 + 12, x0 - 30 : x1 + 30], DPI)[0]
        for _text, (x0, y0, x1, y1) in figures
    ]
    return [t for t, _c in cells.read_digits(crops, work, ScanSettings(), 1)]


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_figures_under_a_grey_seal_read_exactly(seed: int, tmp_path: Path) -> None:
    _page_px, stamped, figures, _seal_at = _stamped(seed, black=False)
    unsealed = seals.wipe_rings(stamped, DPI)
    assert _figures_read(unsealed.gray, figures, tmp_path) == [text for text, _b in figures]


@pytest.mark.parametrize("seed", [31, 32, 33, 34])
def test_figures_under_a_faint_seal_read_exactly(seed: int, tmp_path: Path) -> None:
    """A seal lighter than the page's ink cut is no ink to the page reader, but a cell's
    own threshold (a crop of paper, seal and one figure) takes it for ink: it goes too."""
    page, stamped, figures, (cx, cy, r) = _stamped(seed, black=False, faint=True)
    otsu, _ = cv2.threshold(stamped, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    outer = max(rings.find_rings(stamped, DPI), key=lambda g: g.r)
    assert seals._seal_level(stamped, rings.ink_mask(stamped) > 0, outer) >= otsu - 10
    unsealed = seals.wipe_rings(stamped, DPI)
    assert unsealed.scars is None or not unsealed.scars.any()  # no print was cut
    print_px = page < 128
    assert (unsealed.gray[print_px] < 128).mean() >= 0.98
    yy, xx = np.mgrid[: page.shape[0], : page.shape[1]]
    disc = np.hypot(xx - cx, yy - cy) <= r
    near_print = cv2.dilate(print_px.astype(np.uint8), np.ones((7, 7))).astype(bool)
    seal_px = disc & (stamped < 235) & ~near_print
    assert (unsealed.gray[seal_px] < 235).mean() < 0.2
    assert _figures_read(unsealed.gray, figures, tmp_path) == [text for text, _b in figures]


def _low_res(seed: int) -> tuple[np.ndarray, list[tuple[str, tuple[int, ...]]], float]:
    """A grey-stamped page as a 140–160 dpi scan blurs it (print cores 1–2 px wide), and
    its figures' boxes."""
    rng = np.random.default_rng(seed + 2000)
    _page_px, stamped, figures, _seal_at = _stamped(seed, black=False)
    dpi = float(rng.uniform(140, 160))
    k = dpi / DPI
    small = cv2.resize(stamped, None, fx=k, fy=k, interpolation=cv2.INTER_AREA).astype(np.float32)
    small = cv2.GaussianBlur(small, (0, 0), float(rng.uniform(0.6, 1.0)))
    small = np.clip(small + rng.normal(0, 3, small.shape), 0, 255).astype(np.uint8)
    boxes = [(text, tuple(round(v * k) for v in box)) for text, box in figures]
    return small, boxes, dpi


def test_blurred_low_resolution_figures_under_a_seal_read(tmp_path: Path) -> None:
    """Blurred at a low resolution a figure's core is thinner than the erosion that tells
    print from grains of noise: its long dark runs keep it, the seal still goes. (A seal
    letter lying across or beside a figure can still join it, "89" read "69", "7" read
    "17": two such misreads are allowed.)"""
    crops, truth = [], []
    for seed in range(41, 49):
        small, figures, dpi = _low_res(seed)
        unsealed = seals.wipe_rings(small, dpi)
        outer = max(unsealed.rings, key=lambda g: g.r)
        for text, (x0, y0, x1, y1) in figures:
            if math.hypot((x0 + x1) / 2 - outer.cx, (y0 + y1) / 2 - outer.cy) > outer.r:
                continue
            crop, _touched = cell_crops.prepare_crop(
                unsealed.gray[y0 - 9 : y1 + 9, x0 - 22 : x1 + 22], dpi
            )
            crops.append(crop)
            truth.append(text)
    reads = [t for t, _c in cells.read_digits(crops, tmp_path, ScanSettings(), 1)]
    assert len(truth) >= 16
    assert sum(r != t for r, t in zip(reads, truth, strict=True)) <= 2


def _cell_with_grains(seed: int) -> tuple[np.ndarray, str]:
    """A tall cell's crop: a figure on its first line, and under it the few dark grains a
    black seal's wiped ring or lettering left (2–4 px, well below the figure)."""
    rng = np.random.default_rng(seed)
    text = str(int(rng.choice([3, 7, 12, 13, 19, 28, 45, 89, 102, 137])))
    img = Image.new("L", (int(rng.integers(150, 260)), int(rng.integers(130, 200))), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(DPI * 13 / 72))
    x = int(rng.integers(20, img.width - 90))
    draw.text((x, 12), text, fill=0, font=font)
    bottom = draw.textbbox((x, 12), text, font=font)[3]
    for _ in range(int(rng.integers(2, 6))):
        gx = int(rng.integers(5, img.width - 10))
        gy = int(rng.integers(bottom + 28, img.height - 8))
        size = int(rng.integers(2, 5))
        draw.rectangle((gx, gy, gx + size, gy + int(rng.integers(1, 3))), fill=0)
    return np.asarray(img).copy(), text


def test_grains_under_a_figure_are_not_read(tmp_path: Path) -> None:
    """Grains apart from the figure, below it as well as beside it, are dropped before
    the digits are read (read with them, "13" came out as "-")."""
    cases = [_cell_with_grains(seed) for seed in range(60, 72)]
    crops = [cell_crops.prepare_crop(img, DPI)[0] for img, _text in cases]
    reads = cells.read_digits(crops, tmp_path, ScanSettings(), 1)
    assert [t for t, _c in reads] == [text for _img, text in cases]


@pytest.mark.parametrize("seed", [51, 52, 53])
def test_thin_long_strokes_are_print_cores_grains_are_not(seed: int) -> None:
    """Dark pixels under a seal's cut: 1–2 px wide strokes as long as a digit's (blurred
    print at 150 dpi) are print's cores though a 2×2 erosion erases them; grains 1 px
    across, 1–3 px long (noise, a seal's darkest specks; the erosion drops them too) are not."""
    rng = np.random.default_rng(seed)
    dark = np.zeros((300, 300), np.uint8)
    strokes = np.zeros_like(dark)
    for _ in range(8):
        x, y = (int(v) for v in rng.integers(20, 260, 2))
        length = int(rng.integers(8, 20))
        a = float(rng.uniform(0, np.pi))
        end = (int(x + length * np.cos(a)), int(y + length * np.sin(a)))
        cv2.line(strokes, (x, y), end, 1, int(rng.integers(1, 3)))
    grains = np.zeros_like(dark)
    for _ in range(40):
        x, y = (int(v) for v in rng.integers(5, 295, 2))
        w, h = (1, int(rng.integers(1, 4)))[:: 1 if rng.random() < 0.5 else -1]
        grains[y : y + h, x : x + w] = 1
    grains &= cv2.dilate(strokes, np.ones((7, 7), np.uint8)) == 0  # apart from the strokes
    dark = strokes | grains
    cores = seals._print_cores(dark, 150.0)
    assert cores[strokes > 0].mean() > 0.99
    assert cores[grains > 0].mean() < 0.05


def _light_star_over_figure(seed: int) -> tuple[np.ndarray, str, tuple[int, ...], float]:
    """A light grey seal (a red one pressed lightly, grey 170–190 on a grey scanner)
    centred on a figure, its star over the digits; scanned at 140–160 dpi, blurred, saved as JPEG 30–50: the
    digits' thin strokes come out barely darker than halfway between star and print."""
    rng = np.random.default_rng(seed)
    page, figures = _page(rng)
    text, (x0, y0, x1, y1) = figures[int(rng.integers(1, 5))]
    size = int(float(rng.uniform(3.2, 4.4)) / 2.54 * DPI) + 12
    ink, _r, _w = _seal(rng, size)
    cx = int((x0 + x1) / 2 + rng.uniform(-0.3, 0.3) * (x1 - x0))
    cy = int((y0 + y1) / 2 + rng.uniform(-0.3, 0.3) * (y1 - y0))
    level = float(rng.uniform(170, 190))
    title = Image.fromarray(page)  # a bold title: the page's darkest print is black
    ImageDraw.Draw(title).text(
        (300, 120), "BÁO CÁO KẾT QUẢ", fill=0, font=ImageFont.truetype(SERIF_BOLD, 60)
    )
    out = np.asarray(title).astype(np.float32)
    sy, sx = cy - size // 2, cx - size // 2
    alpha = ink * float(rng.uniform(0.85, 1.0))
    region = out[sy : sy + size, sx : sx + size]
    region[:] = region * (1 - alpha) + np.minimum(region, level) * alpha
    dpi = float(rng.uniform(140, 160))
    k = dpi / DPI
    small = cv2.resize(out, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), float(rng.uniform(0.7, 1.1)))
    small = np.clip(small + rng.normal(0, 3, small.shape), 0, 255).astype(np.uint8)
    quality = int(rng.integers(30, 50))  # saved as a small JPEG: thin strokes smear
    _ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
    small = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    return small, text, tuple(round(v * k) for v in (x0, y0, x1, y1)), dpi


def test_thin_strokes_over_a_light_star_kept(tmp_path: Path) -> None:
    """The star of a light seal goes, the figure printed over it stays whole: its thin
    arcs, no darker than halfway from the star to print at its core, were wiped with the
    star ("03" left as two bars each, read "5")."""
    crops, truth = [], []
    for seed in range(300, 312):
        small, text, (x0, y0, x1, y1), dpi = _light_star_over_figure(seed)
        unsealed = seals.wipe_rings(small, dpi)
        assert unsealed.rings
        crop, _touched = cell_crops.prepare_crop(
            unsealed.gray[y0 - 9 : y1 + 9, x0 - 22 : x1 + 22], dpi
        )
        crops.append(crop)
        truth.append(text)
    reads = [t for t, _c in cells.read_digits(crops, tmp_path, ScanSettings(), 1)]
    assert sum(r != t for r, t in zip(reads, truth, strict=True)) <= 1, (reads, truth)


PROSE = (
    "Thực hiện Kế hoạch số 152/KH-UBND của Ủy ban nhân dân quận,",
    "Ủy ban nhân dân phường báo cáo kết quả thực hiện các chỉ tiêu",
    "được giao trong tháng như sau, theo từng chỉ tiêu của kế hoạch:",
    "(số liệu tính đến ngày cuối cùng của tháng báo cáo)",
)


def _ruled_across_under_a_seal(seed: int) -> tuple[np.ndarray, list[str]]:
    """A table ruled across only (no column rules), a grey seal pressed over the right of
    its header row: the ring's two sides stand between two rules like column rules."""
    rng = np.random.default_rng(seed)
    img = Image.new("L", (1650, 1500), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(DPI * 13 / 72))
    row_h = int(DPI * float(rng.uniform(0.32, 0.42)))
    for i, line in enumerate(PROSE):  # a page of text reads one way up
        draw.text((200, 60 + 55 * i), line, font=font, fill=0)
    y = 330
    draw.text((260, y + 15), "TT", font=font, fill=0)
    draw.text((420, y + 15), "Chỉ tiêu", font=font, fill=0)
    draw.text((1150, y + 15), "Kết quả", font=font, fill=0)
    figures = []
    for i in range(6):
        draw.line((200, y, 1450, y), fill=0, width=2)
        y += row_h
        if i == 5:
            break
        figures.append(str(int(rng.choice([3, 7, 12, 19, 28, 45, 89, 102, 137]))))
        draw.text((260, y + 15), str(i + 1), font=font, fill=0)
        draw.text((420, y + 15), "Lập hồ sơ quản lý", font=font, fill=0)
        draw.text((1180, y + 15), figures[-1], font=font, fill=0)
    draw.line((200, y, 1450, y), fill=0, width=2)
    page = np.asarray(img).astype(np.float32)
    size = int(float(rng.uniform(3.2, 4.4)) / 2.54 * DPI) + 12
    ink, _r, _w = _seal(rng, size)
    cx = int(rng.uniform(1150, 1350))
    cy = 330 + row_h // 2 + int(rng.uniform(-0.3, 0.3) * row_h)
    region = page[cy - size // 2 : cy - size // 2 + size, cx - size // 2 : cx - size // 2 + size]
    alpha = ink * float(rng.uniform(0.8, 1.0))
    region[:] = region * (1 - alpha) + np.minimum(region, float(rng.uniform(110, 150))) * alpha
    page = np.clip(page + rng.normal(0, 4, page.shape), 0, 255).astype(np.uint8)
    return page, figures


def test_a_seals_arcs_between_two_rules_are_no_table(tmp_path: Path) -> None:
    """The ring's sides between the header's two rules made a grid of one row inside the
    seal (in 3 of these 12 pages); taken for the table, it left the real one unread. A
    "table" within a seal's ring is dropped, and the table is rebuilt from the words."""
    found = total = 0
    for seed in range(400, 412):
        page, figures = _ruled_across_under_a_seal(seed)
        path = tmp_path / f"page_{seed}.png"
        Image.fromarray(page).save(path, dpi=(DPI, DPI))
        doc = read_document(path)
        assert doc.tables and all(t.n_rows >= 3 for t in doc.tables), seed
        digits = [c.digits for t in doc.tables for row in t.cells for c in row if c is not None]
        found += sum(f in digits for f in set(figures))
        total += len(set(figures))
    assert found >= 0.6 * total
