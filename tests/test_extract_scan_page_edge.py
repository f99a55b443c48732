"""Cells that reach past the page's edge: cut to the page, never handed to OpenCV empty.

A table rebuilt from a photo's words once reached below the page; the empty crop of its
last row made OpenCV crash `chitieu extract` with a segfault and no message.
"""

from __future__ import annotations

import numpy as np

from extract.ocr import cell_crops, grid


def _table(*boxes: tuple[int, int, int, int]) -> grid.GridTable:
    cells = tuple(grid.GridCell(r, 0, 1, 1, b) for r, b in enumerate(boxes))
    return grid.GridTable(box=(0, 0, 100, 100), n_rows=len(boxes), n_cols=1, cells=cells)


def test_cells_are_cut_to_the_page_and_cells_outside_it_dropped() -> None:
    inside, across, below = (10, 10, 50, 40), (-5, 60, 120, 90), (10, 130, 50, 160)
    (table,) = grid.on_page([_table(inside, across, below)], (100, 100))
    assert [c.box for c in table.cells] == [inside, (0, 60, 100, 90)]
    assert grid.on_page([_table(below)], (100, 100)) == []


def test_an_empty_crop_has_no_ink() -> None:
    assert cell_crops.has_ink(np.zeros((0, 134), np.uint8), 300) is False
    mark = np.zeros((40, 40), np.uint8)
    mark[5:30, 10:20] = 255
    assert cell_crops.has_ink(mark, 300) is True
