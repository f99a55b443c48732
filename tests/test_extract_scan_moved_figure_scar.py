"""A figure the prose reader read (too wide for a number's shape) moves to the number
cells; when a seal's wipe scarred its cell it must be judged as every scarred number cell
is (`seal_scars` on a fax, the unwiped re-read otherwise), not only capped: the page OCR
read the same wiped page and could agree with a cut figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extract.ocr import cell_kinds, cell_reads
from extract.ocr._exec import ocr_pool
from extract.ocr.word_lines import word_finder
from extract.settings import ScanSettings


class _Sealed:
    """A seal whose wipe scarred every cell asked about (the narrow part under test)."""

    def __init__(self, scarred: bool) -> None:
        self._scarred = scarred

    def scarred(self, box: tuple[int, int, int, int]) -> bool:
        return self._scarred


def _moved(fax: bool, scarred: bool, tmp_path: Path) -> cell_kinds.PageCells:
    crop = np.full((40, 160), 255, np.uint8)
    key = (0, 0)
    page_cells = cell_kinds.PageCells(
        kinds={key: "text"},
        box_of={key: (100, 100, 260, 140)},
        raw_crops={key: crop},
        number_keys=[],
        number_inks=[],
        text_keys=[key],
    )
    reads = cell_reads.CellReads(
        words=[],
        first_reads=[],
        text_reads={key: ("12.500", 0.9)},
        form_ids=None,
        members_of=word_finder([]),
        pool=ocr_pool(1),
        cell_dir=tmp_path,
    )
    cell_reads.figures_read_as_prose(
        page_cells, reads, _Sealed(scarred), fax, 200.0, ScanSettings()
    )
    assert page_cells.kinds[key] == "number"
    return page_cells


@pytest.mark.parametrize("fax", [True, False])
def test_a_moved_figure_a_wipe_scarred_is_judged_as_a_scarred_number(
    fax: bool, tmp_path: Path
) -> None:
    cells = _moved(fax, True, tmp_path)
    assert cells.fax_scarred == ([(0, 0)] if fax else [])
    assert cells.scarred == ([] if fax else [(0, 0)])
    assert 0 in cells.edge_touching


def test_a_moved_figure_without_scar_is_not_judged_so(tmp_path: Path) -> None:
    cells = _moved(True, False, tmp_path)
    assert cells.fax_scarred == [] and cells.scarred == []
