"""Indicator labels and sender lines damaged by OCR (issue 10, labels): the seeded grammar
of samples/returns/label_damage.py, both halves by seed, matched against the plan's
closed lists (`IndicatorMatcher`, `UnitFinder`, `decide_sender`)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from chitieu.plan import Plan, load_plan
from extract.headers import IndicatorMatcher

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.label_damage import measure_senders, measure_tables, run  # noqa: E402
from samples.returns import label_damage as g  # noqa: E402


def _seeds(half: str, n: int) -> list[int]:
    return [s for s in range(2 * n) if g.half_of(s) == half]


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: load_plan(g.plan_path(name)) for name in g.PLANS}


@pytest.mark.parametrize("half", ["tune", "test"])
def test_damaged_labels_name_their_indicator_or_nothing(half: str) -> None:
    tally = run(_seeds(half, 600))
    before, after = tally[("before", "ALL")], tally[("after", "ALL")]
    assert after["wrong"] == 0, after
    assert after["right"] >= 0.98 * sum(after.values()), after
    # the damaged-label step finds at least half of what the fuzzy match missed
    assert after["none"] * 2 <= before["none"], (before, after)


@pytest.mark.parametrize("half", ["tune", "test"])
def test_damaged_label_tables_read_without_silent_errors(half: str) -> None:
    c = measure_tables(_seeds(half, 600))
    assert c["after"]["silent"] == 0, c
    assert c["after"]["exact"] >= 0.97 * sum(c["after"].values()), c
    assert c["after"]["missed"] * 2 <= c["before"]["missed"], c


def test_a_damaged_decree_number_is_decided_only_by_the_table(plans: dict[str, Plan]) -> None:
    """ "NĐ14/CP", "NĐ494/CP": alone they name neither NĐ111 nor NĐ94 (the two labels differ
    only by their number); in a table whose other row names NĐ111 soundly, the one left."""
    matcher = IndicatorMatcher(plans["cau-giay-2021"])
    by_id = {i.id: i for i in matcher.plan.indicators}
    decided = 0
    for seed in range(300):
        rng = random.Random(f"decree-{seed}")
        ind, other = rng.choice((("nd94", "nd111"), ("nd111", "nd94")))
        text = g.DAMAGES["decree_number"](rng, by_id[ind].name)
        if text == by_id[ind].name:
            continue
        alone = matcher.match(text)
        assert alone.indicator in (None, ind) or alone.ambiguous, (text, alone)
        table = matcher.within([by_id[other].name, text, by_id["cnbb"].name])
        m = table.match(text)
        assert m.indicator in (None, ind) or m.ambiguous, (text, m)
        decided += m.indicator == ind and alone.indicator is None
    assert decided >= 100


def test_a_damaged_rate_label_is_never_its_count(plans: dict[str, Plan]) -> None:
    """ "Tỷ Iệ người nghiện…", "Tỷlệ …", "T ỷ l ệ …": read as the count it is the rate of,
    its figure was the count's, silently."""
    wrong = rates = 0
    for name in ("ha-noi-du-an-5", "vung-tau-2022", "ha-noi-vung-xanh-2024"):
        matcher = IndicatorMatcher(plans[name])
        for ind in (i for i in matcher.plan.indicators if i.is_rate):
            for seed in range(40):
                rng = random.Random(f"rate-{name}-{ind.id}-{seed}")
                text = g.DAMAGES["confuse"](rng, g.DAMAGES["split_word"](rng, ind.name))
                m = matcher.match(text)
                rates += m.rate
                wrong += m.indicator is not None and not m.ambiguous
    assert wrong == 0
    assert rates > 0


@pytest.mark.parametrize("half", ["tune", "test"])
def test_damaged_sender_lines_never_give_another_unit_silently(half: str) -> None:
    c = measure_senders(_seeds(half, 1000))["ALL"]
    assert c["wrong"] == 0, c
    assert c["none"] <= 0.04 * sum(c.values()), c
    assert c["right"] >= 0.75 * sum(c.values()), c


def test_a_word_read_as_digits_is_no_decree_number(plans: dict[str, Plan]) -> None:
    """ "đối tượng" read "đol 1uong" made "11" (the "l" taken for a one), one edit from
    "111": in a plan without NĐ94, a damaged "NĐ94/CP" named NĐ111. Only the decree
    reference's own number counts."""
    plan = plans["cau-giay-2021"]
    without_94 = plan.model_copy(
        update={"indicators": [i for i in plan.indicators if i.id != "nd94"]}
    )
    matcher = IndicatorMatcher(without_94)
    assert matcher.match("Đua đol 1uong vao quan ly theo NĐ9A/CP").indicator is None
    assert matcher.match("Đua đol 1uong vao quan ly theo NĐ111/CP").indicator == "nd111"


@pytest.mark.parametrize(
    ("label", "ind"),
    [
        ("Đnă clối tưong vàö quảu |ý the0 NĐ94/GP", "nd94"),
        ("Đ clố| fượng vào quản lý thco NĐ111 LUGP", "nd111"),
        ("Đưa đối tượng vào quản lý theo NDIT1/CP", "nd111"),  # a serifed 1 read T
        ("Đưa đối tượng vào quản lý theo NB1LI/CP", "nd111"),  # Đ read B
        ("Đưa đối tượng vào quản lý theo NB94/CP", "nd94"),
    ],
)
def test_a_smudged_label_is_named_by_its_decree_number(
    plans: dict[str, Plan], label: str, ind: str
) -> None:
    """A fax's label with one letter in four or five wrong is nearer NĐ111's and NĐ94's
    words (the same words) than the loose bound allows only when the two are taken as one
    text; its sound number then decides between them."""
    matcher = IndicatorMatcher(plans["cau-giay-2021"])
    assert matcher.match(label).indicator == ind


_FAX_ROWS = [
    ("Điều tra khám phá hình sự", "hinh_su"),
    ("Đưa clöi ti ng vào quản lý thêu ND111/CGP", "nd111"),
    ("Đưa dối Lượng vào quản lý theu ND94/CGP", "nd94"),
    ("LãJ› hồ sơ đưa NHR", "cnbb"),
    ("C.Ai nghiện tự nguyện tại IT", "cntn"),
]


def test_the_one_label_a_table_leaves_names_the_one_indicator_left(
    plans: dict[str, Plan],
) -> None:
    """ "LãJ› hồ sơ đưa NHR" (4 edits in 14 letters) names nothing alone; in a table whose
    other rows name every other indicator of the plan, it names the one left."""
    matcher = IndicatorMatcher(plans["cau-giay-2021"])
    assert matcher.match("LãJ› hồ sơ đưa NHR").indicator is None
    cells = ["STT", "Chỉ tiêu", "Kết quả thực hiện"]
    for n, (label, _ind) in enumerate(_FAX_ROWS, 1):
        cells += [str(n), label, "người", f"{n:02d}"]
    scoped = matcher.within(cells)
    assert [scoped.match(label).indicator for label, _ in _FAX_ROWS] == [i for _, i in _FAX_ROWS]


def test_a_table_missing_two_indicators_names_neither_by_elimination(
    plans: dict[str, Plan],
) -> None:
    """With two indicators of the plan unnamed, the damaged label is not the one left:
    it may be a row the plan does not have (a return's own extra row)."""
    matcher = IndicatorMatcher(plans["cau-giay-2021"])
    rows = [label for label, ind in _FAX_ROWS if ind != "cntn"]
    assert matcher.within(rows).match("LãJ› hồ sơ đưa NHR").indicator is None
