"""A fax figure standing among a black seal's marks is read, not taken for prose.

On a fax only the seal's ring and star are wiped; its lettering, broken into slivers by
the sender's threshold, stays in the cells it crosses. A number cell with the figure
and such slivers around it was judged prose by its shape (wider than a number), and the
figure never read as one: "01" came out "0" from the prose reader's "¡Y0". Real
Tesseract on the conditions grammar's tune seed 368 as drawn (a fax, a seal over the
figures column): its cnbb "01" among the seal's lettering is read 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr.rings import Ring
from extract.ocr.seal_figures import figure_apart

sc = load_grammar()


@pytest.mark.slow
def test_a_fax_figure_among_a_seals_lettering_is_read(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 368)
    assert case.medium == "fax" and "stamp-on-figures" in case.tags()
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert case.values["cnbb"] == 1
    assert "cnbb" in got and got["cnbb"].value == 1


def _ink(marks: list[tuple[int, int, int, int]]) -> np.ndarray:
    ink = np.zeros((60, 300), np.uint8)
    for x, y, w, h in marks:
        ink[y : y + h, x : x + w] = 255
    return ink


def test_only_a_figure_clear_of_the_seals_marks_is_told_apart() -> None:
    ring = [Ring(cx=150.0, cy=200.0, r=230.0, width=3.0)]  # the cell lies on its disc
    digits = [(140, 15, 14, 24), (160, 15, 6, 24)]  # "01" at 200 dpi
    slivers = [(100, 12, 3, 12), (200, 14, 4, 10), (240, 20, 3, 9)]
    apart = figure_apart(_ink(digits + slivers), (0, 0, 300, 60), ring, 200.0)
    assert apart is not None
    figure, keep = apart
    assert figure[20, 145] and not figure[20, 101] and not keep[20, 101] and keep[20, 145]
    # A sliver touching the figure may be part of a digit: nothing is told apart.
    assert figure_apart(_ink([*digits, (168, 14, 4, 10)]), (0, 0, 300, 60), ring, 200.0) is None
    # Marks off the seal are print: the cell is what its shape says.
    far = [Ring(cx=900.0, cy=900.0, r=190.0, width=3.0)]
    assert figure_apart(_ink(digits + slivers), (0, 0, 300, 60), far, 200.0) is None
