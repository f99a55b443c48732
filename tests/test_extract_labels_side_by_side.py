"""Two rows' labels read as one cell name neither row surely.

A fax's faint rules were lost between two rows of a borderless table (layouts grammar,
seed 212): "Người sau cai nghiện được quản lý tại nơi cư trú" and "Mô hình tự quản về
phòng, chống ma túy ở khu dân cư" became one label, beside one figure (the second row's
lay under the seal's star). The fuzzy match named the second indicator, and the first
row's figure was taken for it without a word. A label that holds another indicator's
label whole, beside the one it matched, is ambiguous: its figure goes to review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract.headers import IndicatorMatcher


def _matcher() -> IndicatorMatcher:
    return IndicatorMatcher(load_plan(load_grammar("layouts").PLAN_PATH))


def test_two_labels_side_by_side_are_ambiguous() -> None:
    m = _matcher()
    both = m.match(
        "Người sau cai nghiện được quản lý tại nơi cư trú "
        "Mô hình tự quản về phòng, chống ma túy ở khu dân cư"
    )
    assert both.ambiguous and {both.indicator, *both.ambiguous_with} == {"sau_cai", "mo_hinh"}
    other_way = m.match(
        "Mô hình tự quản về phòng, chống ma túy ở khu dân cư "
        "Người sau cai nghiện được quản lý tại nơi cư trú"
    )
    assert other_way.ambiguous


def test_one_label_alone_or_with_its_row_number_stays_sure() -> None:
    m = _matcher()
    for label, indicator in [
        ("Người sau cai nghiện được quản lý tại nơi cư trú", "sau_cai"),
        ("5 Người sau cai nghiện được quản lý tại nơi cư trú", "sau_cai"),
        ("Mô hình tự quản về phòng, chống ma túy ở khu dân cư", "mo_hinh"),
    ]:
        found = m.match(label)
        assert (found.indicator, found.ambiguous) == (indicator, False), label
    # Every label of the plan names its own indicator surely, though some hold others'
    # words ("cai nghiện" in several).
    for ind in m.plan.indicators:
        found = m.match(ind.name)
        assert (found.indicator, found.ambiguous) == (ind.id, False), ind.name


@pytest.mark.slow
def test_a_fax_row_merged_with_the_next_is_not_read_silently(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(212, "layouts")
    assert case.medium == "fax" and case.values["mo_hinh"] == 11
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert "mo_hinh" not in got or got["mo_hinh"].needs_review
