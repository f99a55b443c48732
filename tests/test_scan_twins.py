"""A case's twin without one condition (benchmarks/scan_twins.py): every other draw the
same, so that the figures it reads and the case does not are what that condition costs."""

from __future__ import annotations

import numpy as np
from PIL import Image

from benchmarks.scan_conditions import load_grammar
from benchmarks.scan_twins import without_stamp, without_streaks
from chitieu.plan import load_plan

sc = load_grammar()
PLAN = load_plan(sc.PLAN_PATH)


def test_twin_without_streaks_keeps_every_other_draw() -> None:
    draw = without_streaks(sc.draw_case)
    streaked = [s for s in range(0, 400, 2) if sc.draw_case(PLAN, s).conditions.get("streaks")]
    assert streaked
    for seed in streaked[:10]:
        case, twin = sc.draw_case(PLAN, seed), draw(PLAN, seed)
        assert twin.conditions.pop("streaks") is False
        case.conditions.pop("streaks")
        assert (twin.values, twin.conditions, twin.medium) == (
            case.values,
            case.conditions,
            case.medium,
        )


def test_twin_without_stamp_draws_as_before_and_leaves_the_page() -> None:
    page = Image.new("RGB", (600, 600), (255, 255, 255))
    box = (100.0, 100.0, 120.0, 110.0)  # a figure's box, points
    for seed in range(5):
        a, b = np.random.default_rng(seed), np.random.default_rng(seed)
        stamped = sc.scanning.stamp_over(page, box, 200, a)
        kept = without_stamp(sc.scanning.stamp_over)(page, box, 200, b)
        assert np.asarray(stamped).min() < 200  # the real stamp marks the page
        assert np.array_equal(np.asarray(kept), np.asarray(page))  # the twin's does not
        assert a.random() == b.random()  # and the draws after it are the same
