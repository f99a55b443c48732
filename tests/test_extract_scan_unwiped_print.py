"""A figure beside a grey seal read again unwiped: the seal's marks are not digits.

A figure a grey seal's wipe cut next to is read once more from the page as scanned
(`unwiped_reads.unwiped_disagree`): a digit that read sees and the wiped page's re-read
lacks sends it to review (a wipe that took part of a "4": "1718" read by both). But that
read sees the seal's lettering and ring too ("05" under an arc read "8", "45" over the
letters "BAN" read "7", "1012" beside an arc read "1092", all unsure): right figures were
flagged "stamped over" (typefaces seeds 8 and 74, layouts seed 30). Read once more with
the seal's grey taken out by its level, the print alone reads the wiped page's number
surely, and the unsure disagreement is lifted; a sure one, or on a blurred scan (a thin
stroke there is as light as the seal), stays. Seeded grammar cases; real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case

from extract.ocr import cells, unwiped_reads
from extract.ocr.rings import Ring


def _cell() -> np.ndarray:
    """A 300 dpi cell: a black "1"-like stroke, and a seal's grey arc beside it."""
    cell = np.full((80, 200), 245, dtype=np.uint8)
    cell[15:65, 90:98] = 25  # print
    cell[10:70, 150:155] = 150  # the seal's ring, grey
    return cell


def test_the_print_alone_keeps_print_and_takes_the_seals_grey(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cell = _cell()
    ring = Ring(cx=400.0, cy=40.0, r=248.0, width=5.0)
    monkeypatch.setattr(unwiped_reads.seals, "seal_grey", lambda _g, _r: 150.0)
    crop = unwiped_reads.print_alone(cell, 300.0, (0, 0, 200, 80), [ring])
    assert crop is not None
    dark = crop < 128
    assert dark.any()
    # only the print's columns are left: the arc went with the seal's grey
    cols = np.nonzero(dark.any(axis=0))[0]
    assert cols.max() - cols.min() < 20
    far = Ring(cx=5000.0, cy=5000.0, r=100.0, width=5.0)  # no seal near the cell
    assert unwiped_reads.print_alone(cell, 300.0, (0, 0, 200, 80), [far]) is None


def _stub_reads(monkeypatch: pytest.MonkeyPatch, unwiped: tuple[str, float]) -> None:
    """The unwiped read gives `unwiped`; the print alone reads "11" surely."""

    def reads(crops: list, _pool: object, work: Path, _settings: object) -> list:
        return [unwiped if work.name == "unwiped" else ("11", 0.95) for _ in crops]

    monkeypatch.setattr(unwiped_reads, "digits_alone", reads)
    monkeypatch.setattr(unwiped_reads.seals, "seal_grey", lambda _g, _r: 150.0)


@pytest.mark.parametrize(
    ("unwiped", "print_darker", "flagged"),
    [
        (("114", 0.0), True, False),  # an unsure read of the seal's letters: lifted
        (("114", 0.9), True, True),  # a sure read of another digit: stays
        (("114", 0.0), False, True),  # a blurred scan: print's level proves nothing
    ],
)
def test_only_an_unsure_disagreement_on_a_sharp_scan_is_lifted(
    unwiped: tuple[str, float],
    print_darker: bool,
    flagged: bool,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _stub_reads(monkeypatch, unwiped)
    key = (0, 1)
    got = unwiped_reads.unwiped_disagree(
        _cell(),
        300.0,
        [key],
        {key: (0, 0, 200, 80)},
        {key: cells.DigitsRead("11", 0.5, False)},
        [Ring(cx=400.0, cy=40.0, r=248.0, width=5.0)],
        None,  # type: ignore[arg-type]
        tmp_path,
        None,  # type: ignore[arg-type]
        print_darker=print_darker,
    )
    assert got == ({key} if flagged else set())


# (grammar, seed) -> figures beside a grey seal read right and flagged "stamped over"
BESIDE_SEAL = {
    ("typefaces", 8): {"cntn": 5},  # bold serif "05", an arc through its cell
    ("typefaces", 74): {"hinh_su": 45, "cnbb": 1012},  # 150 dpi, over the letters, an arc
    ("layouts", 30): {"to_roi": 1},  # "01" beside the star, page 2, 300 dpi
}


@pytest.mark.slow
@pytest.mark.parametrize(("grammar", "seed"), list(BESIDE_SEAL))
def test_a_figure_beside_a_grey_seal_reads_surely(grammar: str, seed: int, tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(seed, grammar)
    assert "medium=scan" in case.tags() and "stamp-on-figures" in case.tags()
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    for indicator, value in BESIDE_SEAL[grammar, seed].items():
        assert case.values[indicator] == value
        assert got[indicator].value == value and not got[indicator].needs_review
