"""A table rebuilt from words on a photo whose lines still slope (a curled page the
perspective step left downhill): no row gets another row's figure (issue 10).

Seeded word boxes as Tesseract gives them for a table without rules (a row number, a
label wrapped over 1–3 lines, a unit, a figure), then sheared so that a line drops 0.4
to 1.6 row pitches from the row number to the figure. At a pitch or more, a row's label
shares its visual line with the row above's figure.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from extract.ocr._exec import Word
from extract.ocr.grid import GridTable
from extract.ocr.layout import tables_from_words
from extract.ocr.word_slope import line_slope

H = 24  # a word's height in pixels (200 dpi)
LABELS = ["Điều tra khám phá", "Đưa đối tượng vào", "quản lý theo", "NĐ111/CP"]


def _line(rng: np.random.Generator, y: int, parts: list[tuple[int, str]], row: int) -> list[Word]:
    out = []
    for x, text in parts:
        for token in text.split():
            w = int(len(token) * H * 0.55)
            # `line` carries the word's row (−1: not in the table), for the test only.
            out.append(Word(token, x, y + int(rng.integers(-2, 3)), w, H, 90.0, line=row))
            x += w + int(0.4 * H)
    return out


def _page(seed: int) -> tuple[list[Word], float]:
    """A prose line, the table, a closing line; and the rows' mean pitch."""
    rng = np.random.default_rng(seed)
    text = "Thực hiện Kế hoạch số 152 của Ủy ban nhân dân quận Cầu Giấy về phòng chống"
    words = _line(rng, 500, [(240, text)], -1)
    y = 600
    words += _line(rng, y, [(380, "TT"), (670, "Chỉ tiêu"), (970, "Đơn vị"), (1250, "Kết quả")], -1)
    y += int(2.8 * H)
    starts = []
    for r in range(int(rng.integers(5, 9))):
        starts.append(y)
        wrap = int(rng.integers(1, 4))
        figure = str(int(rng.integers(0, 140)))
        words += _line(rng, y, [(400, str(r + 1)), (580, LABELS[0]), (1010, "người")], r)
        words += _line(rng, y, [(1360, figure)], r)
        for k in range(1, wrap):
            words += _line(rng, y + k * int(1.7 * H), [(580, LABELS[k])], r)
        y += wrap * int(1.7 * H) + int(rng.uniform(0.3, 1.0) * H)
    words += _line(rng, y + 3 * H, [(240, "Ủy ban nhân dân phường trân trọng báo cáo./.")], -1)
    return words, float(np.mean(np.diff(starts)))


def _sloped(words: list[Word], slope: float) -> list[Word]:
    return [replace(w, top=int(w.top + slope * (w.center[0] - 380))) for w in words]


def _rows_of(table: GridTable, words: list[Word]) -> dict[int, set[int]]:
    """For each row of the rebuilt table, the true rows of the words in its cells."""
    out: dict[int, set[int]] = {}
    for gc in table.cells:
        x0, y0, x1, y1 = gc.box
        for w in words:
            cx, cy = w.center
            if x0 <= cx < x1 and y0 <= cy < y1 and w.line >= 0:
                out.setdefault(gc.row, set()).add(w.line)
    return out


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("drop", [0.4, 1.2, 1.4, 1.6, -1.4])
def test_a_sloping_table_keeps_each_figure_on_its_rows_line(seed: int, drop: float) -> None:
    words, pitch = _page(seed)
    sloped = _sloped(words, drop * pitch / (1360 + 40 - 380))
    tables = tables_from_words(sloped, 1700)
    assert len(tables) == 1
    mixed = {r: rows for r, rows in _rows_of(tables[0], sloped).items() if len(rows) > 1}
    assert mixed == {}  # no row of the table holds words of two true rows
    n_rows = max(w.line for w in words) + 1
    assert tables[0].n_rows >= n_rows  # and every row is there (the header besides)


@pytest.mark.parametrize("seed", range(4))
def test_the_lines_slope_is_measured_from_neighbouring_words(seed: int) -> None:
    words, pitch = _page(seed)
    slope = 1.4 * pitch / 1020
    assert line_slope(_sloped(words, slope), H) == pytest.approx(slope, abs=0.2 * slope)
    assert abs(line_slope(words, H)) < 0.2 * slope


def _long_page(seed: int) -> tuple[list[Word], float, int]:
    """A letter's prose, then a table of 12–16 rows, then its closing lines: tall enough
    for its lines to fan out; the rows' mean pitch and the table's top."""
    rng = np.random.default_rng(seed)
    text = "Thực hiện Kế hoạch số 152 của Ủy ban nhân dân quận Cầu Giấy về phòng chống"
    words = [w for k in range(3) for w in _line(rng, 300 + k * 2 * H, [(240, text)], -1)]
    y = 520
    words += _line(rng, y, [(380, "TT"), (670, "Chỉ tiêu"), (970, "Đơn vị"), (1250, "Kết quả")], -1)
    top = y
    y += int(2.8 * H)
    starts = []
    for r in range(int(rng.integers(12, 17))):
        starts.append(y)
        wrap = int(rng.integers(1, 3))
        figure = str(int(rng.integers(0, 140)))
        words += _line(rng, y, [(400, str(r + 1)), (580, LABELS[0]), (1010, "người")], r)
        words += _line(rng, y, [(1360, figure)], r)
        for k in range(1, wrap):
            words += _line(rng, y + k * int(1.7 * H), [(580, LABELS[k])], r)
        y += wrap * int(1.7 * H) + int(rng.uniform(0.3, 1.0) * H)
    for k in range(2):
        words += _line(rng, y + (3 + 2 * k) * H, [(240, text)], -1)
    return words, float(np.mean(np.diff(starts))), top


def _fanned(words: list[Word], top: int, bottom: int, drops: tuple[float, float]) -> list[Word]:
    """Lines fanning out as on a page photographed at an angle: a line drops `drops[0]`
    pixels per pixel across at height `top`, `drops[1]` at `bottom`, and between."""

    def slope(y: float) -> float:
        return drops[0] + (drops[1] - drops[0]) * (y - top) / (bottom - top)

    return [replace(w, top=int(w.top + slope(w.center[1]) * (w.center[0] - 380))) for w in words]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("spread", [(0.0, 1.4), (-0.4, 1.4), (1.4, 0.0), (-1.2, 0.6)])
def test_a_table_whose_lines_fan_out_keeps_each_figure_on_its_rows_line(
    seed: int, spread: tuple[float, float]
) -> None:
    """Top rows level, bottom rows dropping over a row pitch (or the other way): no one
    slope reads every row level, and a single slope gave rows the next row's figure or
    left the table out. The lines' slope is fitted as it changes down the page."""
    words, pitch, top = _long_page(seed)
    bottom = max(w.top for w in words)
    run = 1360 + 40 - 380
    fanned = _fanned(words, top, bottom, (spread[0] * pitch / run, spread[1] * pitch / run))
    tables = tables_from_words(fanned, 1700)
    assert len(tables) == 1
    mixed = {r: rows for r, rows in _rows_of(tables[0], fanned).items() if len(rows) > 1}
    assert mixed == {}
    assert tables[0].n_rows >= max(w.line for w in words) + 1
