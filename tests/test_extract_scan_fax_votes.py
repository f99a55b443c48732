"""A fax figure both models read whole, that no reading contradicts, is confirmed.

A fax's thin strokes break at the sender's threshold and a cell's readers disagree in
small ways: the page OCR read "q9" for "89", the psm 13 re-read "8", while the first
digits-only re-read (0.68) and both models' reads of the grey crop said "89". Each
rule before wanted two reads of one kind surely (0.8 each), and the figure was flagged
though every reading was it or a part of it. Real Tesseract on the conditions grammar's
tune seed 122 as drawn (a standard fax, a streak): its cntn "89" is read 89, sure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr.fax_votes import voted

sc = load_grammar()


@pytest.mark.slow
def test_a_thin_fax_figure_both_models_read_whole_is_sure(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 122)
    assert case.medium == "fax"
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert case.values["cntn"] == 89
    assert got["cntn"].value == 89 and not got["cntn"].needs_review


def test_only_a_number_both_models_read_and_nothing_contradicts_is_voted() -> None:
    vie = [("9", 0.62), ("89", 0.94)]  # the page OCR saw part of it, the grey read all
    eng = [("89", 0.68), ("89", 0.67)]
    assert voted(vie, eng, ["89", "8"]) == ("89", 0.68)
    # One model alone, however sure, is not a vote.
    assert voted([("9", 0.62), ("8", 0.94)], eng, ["89"]) is None
    assert voted(vie, [("8", 0.9), ("", 0.0)], ["89"]) is None
    # A reading that saw a digit the number lacks, or its digits in another order.
    assert voted(vie, eng, ["89", "68"]) is None
    assert voted(vie, eng, ["98"]) is None
    assert voted([("61", 0.72), ("01", 0.9)], [("01", 0.76), ("01", 0.7)], []) is None
    # Not sure enough: the Vietnamese model under 0.75, the digits model under 0.6.
    assert voted([("", 0.0), ("89", 0.7)], eng, []) is None
    assert voted(vie, [("89", 0.5), ("", 0.0)], []) is None
