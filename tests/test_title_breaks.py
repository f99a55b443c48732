"""Line breaks a văn thư would set: the trích yếu in even lines that keep a place's name
whole, a figure kept with its unit. Titles from tests/plan_grammar.py (tune seeds, even)
and the return forms' titles of tests/form_grammar.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

from form_grammar import form_plan, sampled_forms
from plan_grammar import random_plan

from chitieu.plan import parse_plan
from chitieu.render.letterhead import TITLE_MM, TITLE_PT, number_text
from chitieu.render.metrics import text_width_pt, wrapped_lines
from chitieu.render.name_breaks import balanced_lines
from chitieu.render.return_form import ReturnForm
from chitieu.render.text import NBSP, figures_kept_whole, width_pt

PLACE = re.compile(
    r"\b(?:thành phố|tỉnh|quận|huyện|thị xã|phường|xã) [A-ZĐÀ-Ỹ0-9][^,;:()]*?(?=$| trên| giai| năm)"
)


def _titles(tmp_path: Path) -> list[str]:
    titles = []
    for seed in range(2, 60, 2):
        titles.append(random_plan(seed)["document"]["title"])
        data = form_plan(seed)
        plan = parse_plan(json.dumps(data, ensure_ascii=False), tmp_path / f"s{seed}.yaml")
        for unit, _ in sampled_forms(seed, data):
            form = ReturnForm(plan, plan.unit_by_id[unit["id"]], plan.all_periods[0])
            titles.append(form.letterhead().title)
    return titles


def test_titles_break_evenly_and_keep_places(tmp_path: Path) -> None:
    width = width_pt(TITLE_MM)
    broken = 0
    for title in _titles(tmp_path):
        lines = balanced_lines(title, TITLE_PT, width, bold=True).split("\n")
        assert " ".join(lines) == " ".join(title.split())
        # as many lines as a word processor's wrap, or one more for a margin of safety
        assert len(lines) - len(wrapped_lines(title, TITLE_PT, width, bold=True)) in (0, 1)
        assert all(text_width_pt(ln, TITLE_PT, bold=True) <= width for ln in lines)
        for m in PLACE.finditer(title):
            assert any(m.group(0) in ln for ln in lines), (m.group(0), lines)
        if len(lines) > 1:
            broken += 1
            assert len(lines[-1].split()) > 1, lines  # no lone word on the last line
            widths = [text_width_pt(ln, TITLE_PT, bold=True) for ln in lines]
            assert min(widths) > 0.5 * max(widths), lines  # even, not greedy
    assert broken >= 20  # the case is exercised


def test_figures_keep_their_unit_and_year() -> None:
    text = "- Lập hồ sơ: năm 2023: 467 người; năm 2024: 1.010 lượt; tỷ lệ 80%."
    kept = figures_kept_whole(text)
    assert kept.replace(NBSP, " ") == text
    assert f"467{NBSP}người" in kept and f"1.010{NBSP}lượt" in kept
    assert f"năm{NBSP}2023" in kept and "80%." in kept


def test_a_number_yet_to_be_given_leaves_room() -> None:
    assert number_text("/KH-UBND").startswith("  ") and number_text("/KH-UBND").endswith("/KH-UBND")
    assert number_text("152/KH-UBND") == "152/KH-UBND"
