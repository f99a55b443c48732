"""Tables rebuilt from the page OCR's word boxes (issue 10): a row whose figure the OCR
missed, between rows whose labels wrap over several lines, does not cut the table short.

Seeded word boxes as Tesseract gives them for a table without rules: a header, rows of
a label (wrapped over 1–3 lines), a unit and a figure; one or two rows lose their figure
(a fax's blurred "04" is no word at all).
"""

from __future__ import annotations

import numpy as np
import pytest

from extract.ocr._exec import Word
from extract.ocr.layout import tables_from_words

H = 24  # a word's height in pixels (200 dpi)


def _line(rng: np.random.Generator, y: int, parts: list[tuple[int, str]]) -> list[Word]:
    out = []
    for x, text in parts:
        for token in text.split():
            w = int(len(token) * H * 0.55)
            out.append(Word(token, x, y + int(rng.integers(-2, 3)), w, H, 90.0))
            x += w + int(0.4 * H)
    return out


def _page(seed: int) -> tuple[list[Word], int]:
    """Words of a prose line, a table and a closing line; the table's number of rows."""
    rng = np.random.default_rng(seed)
    words = _line(rng, 500, [(240, "Thực hiện Kế hoạch số 152 của Ủy ban nhân dân quận Cầu")])
    y = 600
    words += _line(rng, y, [(380, "TT"), (670, "Chỉ tiêu"), (970, "Đơn vị"), (1250, "Kết quả")])
    n_rows = int(rng.integers(4, 7))
    lost = set(rng.choice(np.arange(1, n_rows - 1), size=int(rng.integers(1, 3)), replace=False))
    labels = ["Điều tra khám phá", "Đưa đối tượng vào", "quản lý theo", "NĐ111/CP"]
    y += int(2.8 * H)
    for r in range(n_rows):
        wrap = int(rng.integers(1, 4))
        parts = [(400, str(r + 1)), (580, labels[0]), (1010, "người")]
        if r not in lost:
            parts.append((1360, str(int(rng.integers(0, 140)))))
        words += _line(rng, y, parts)
        for k in range(1, wrap):
            words += _line(rng, y + k * int(1.7 * H), [(580, labels[k])])
        y += wrap * int(1.7 * H) + int(rng.uniform(0.3, 1.0) * H)
    words += _line(rng, y + 3 * H, [(240, "Ủy ban nhân dân phường trân trọng báo cáo./.")])
    return words, n_rows


@pytest.mark.parametrize("seed", range(8))
def test_row_without_its_figure_keeps_the_table_whole(seed: int) -> None:
    words, n_rows = _page(seed)
    tables = tables_from_words(words, 1700)
    assert len(tables) == 1
    assert tables[0].n_rows == n_rows + 1  # the header and every row


@pytest.mark.parametrize("seed", range(6))
def test_a_stamps_lettering_opens_no_column(seed: int) -> None:
    """A stamp over the figures leaves junk words between the unit and the figure column:
    marks without letters, and words of letters on a single line."""
    words, _n = _page(seed)
    rng = np.random.default_rng(100 + seed)
    table = [w for w in words if 600 <= w.top <= 1200]
    y0, y1 = min(w.top for w in table), max(w.top for w in table)
    y = int(rng.integers(y0 + 40, y1 - 40))
    for text, conf in (("(%4", 42.0), ("ÂN", 54.0), ("„J^w", 17.0), ("L4", 65.0)):
        x = int(rng.integers(1130, 1250))
        words.append(Word(text, x, y, int(rng.integers(15, 60)), int(H * 0.7), conf))
    tables = tables_from_words(words, 1700)
    assert len(tables) == 1
    assert tables[0].n_cols == 4  # number, label, unit, figure


def _tail_lost(seed: int) -> tuple[list[Word], int]:
    """A table whose last one or two rows lost their figure, below a row whose label
    wraps over three lines (a fax's "12", "04" and "06" were no words at all)."""
    rng = np.random.default_rng(seed)
    y = 600
    words = _line(rng, y, [(380, "TT"), (670, "Chỉ tiêu"), (970, "Đơn vị"), (1250, "Kết quả")])
    n_rows = int(rng.integers(4, 7))
    lost = int(rng.integers(1, 3))
    labels = ["Đưa đối tượng vào", "quản lý theo", "NĐ111/CP"]
    y += int(2.8 * H)
    for r in range(n_rows):
        wrap = 3 if r == n_rows - lost - 1 else int(rng.integers(1, 3))
        parts = [(400, str(r + 1)), (580, labels[0]), (1010, "người")]
        if r < n_rows - lost:
            parts.append((1360, str(int(rng.integers(0, 140)))))
        words += _line(rng, y, parts)
        for k in range(1, wrap):
            words += _line(rng, y + k * int(1.7 * H), [(580, labels[k])])
        y += wrap * int(1.7 * H) + int(rng.uniform(0.3, 1.0) * H)
    words += _line(rng, y + 3 * H, [(240, "Ủy ban nhân dân phường trân trọng báo cáo./.")])
    return words, n_rows


@pytest.mark.parametrize("seed", range(20, 26))
def test_rows_after_a_long_label_without_their_figures_still_count(seed: int) -> None:
    words, n_rows = _tail_lost(seed)
    tables = tables_from_words(words, 1700)
    assert len(tables) == 1
    assert tables[0].n_rows == n_rows + 1  # cut after the long label before
