"""The scan grammars build every case as a pure function of its seed (alone or after
others, in any order), and a photo's "letterhead out of frame" cuts only the page that has
a letterhead: page 2's table rows stay in the picture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.scan_conditions import load_grammar
from benchmarks.scan_rebuild import build, order_differences, pages
from chitieu.plan import load_plan

sc = load_grammar("conditions")
layouts = load_grammar("layouts")
PLAN = load_plan(sc.PLAN_PATH)
LAYOUTS_PLAN = load_plan(layouts.PLAN_PATH)


def test_a_letters_number_comes_from_its_seed_alone() -> None:
    """The number was 30 (40 for layouts) plus the case's place in the batch."""
    assert sc.letter_number(356, 30) == "108/BC-UBND"  # tune2 built 200-398 together
    assert sc.letter_number(6, 40) == sc.letter_number(206, 40) == "43/BC-UBND"


def test_the_cut_of_a_next_page_draws_as_before_and_keeps_its_top() -> None:
    """Page 2 photographed with the case's top cut: the same draws, nothing cut."""
    page = Image.new("RGB", (420, 600), (255, 255, 255))
    case = sc.draw_case(PLAN, 0)
    case.medium = "photo"
    case.conditions.update(
        {"turn": 0, "skew": 0.0, "blur": 0.0, "noise": 3.0, "long_side": 720, "kelvin": 5000}
    )
    case.conditions.update({"light_angle": 10.0, "light_drop": 0.2, "shadow": "", "desk": "wood"})
    case.conditions.update({"margin_cut": False, "top_cut": 0.15})
    a, b = np.random.default_rng(7), np.random.default_rng(7)
    first = sc.return_media.as_returned(page, case, a, first=True)
    second = sc.return_media.as_returned(page, case, b, first=False)
    assert a.random() == b.random()  # the same draws, in the same order
    assert second.height == 720 and first.height < 720 - 0.15 * 720  # only page 1 is cut
    assert np.array_equal(np.asarray(first), np.asarray(second)[-first.height :])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("grammar", "seeds"),
    [(sc, [356, 4]), (layouts, [2, 14])],
    ids=["conditions", "layouts"],
)
def test_a_seed_builds_the_same_case_alone_or_after_others(
    grammar: object, seeds: list[int], tmp_path: Path
) -> None:
    """Conditions seed 356 rebuilt alone differed by 2,707 pixels from the shared case
    (its letter's number); every seed built alone is the same file as in a batch."""
    plan = PLAN if grammar is sc else LAYOUTS_PLAN
    assert order_differences(grammar, seeds, tmp_path, plan) == {}


@pytest.mark.slow
def test_layouts_page_two_keeps_all_its_rows_in_frame(tmp_path: Path) -> None:
    """Layouts tune seed 40 (a wide table running onto page 2, photographed with the
    letterhead out of the picture): page 2 is the photo it is with no cut at all, its
    whole frame (every row); only page 1 lost its top."""
    draw = layouts.draw_case
    case = draw(LAYOUTS_PLAN, 40)
    assert case.medium == "photo" and case.conditions["top_cut"] > 0.1
    cut = pages(build(layouts, [40], tmp_path / "cut", LAYOUTS_PLAN)[40])

    def uncut(plan: object, seed: int) -> object:
        case = draw(plan, seed)
        case.conditions["top_cut"] = 0.0
        return case

    layouts.draw_case = uncut
    try:
        whole = pages(build(layouts, [40], tmp_path / "whole", LAYOUTS_PLAN)[40])
    finally:
        layouts.draw_case = draw
    assert len(cut) == len(whole) == 2
    assert np.array_equal(cut[1], whole[1])
    assert cut[0].shape[0] < whole[0].shape[0] * 0.9 and cut[0].shape[1] == whole[0].shape[1]
    height, width = whole[1].shape[:2]  # nothing cut: 1.2 × the landscape page's height
    assert abs(height / width - 1.2 * 210 / (1.25 * 297)) < 0.01  # by 1.25 × its width
