"""Returns typed by other people (issue 10), from the seeded grammar of
`samples/returns/scan_typefaces.py`: other faces and sizes, unpadded or bold figures
aligned left or right, thousands dots, other header wordings. Tune-half seeds, built as
drawn; each read wrong or not at all before the fix its test names. Real LibreOffice,
real Tesseract. No figure may be silently wrong.
"""

from __future__ import annotations

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file

pytestmark = pytest.mark.slow

tf = load_grammar("typefaces")

# seed -> what it shows, and what read wrong before
SEEDS = {
    # a scan ruled across only, figures "9.500", "1.250", "2.034": the table rebuilt from
    # words took no figure with thousands dots for a figure; no table, nothing read
    42: "thousands dots in a table rebuilt from words",
    # a fax without rules, unpadded "2" and "0": the page OCR skipped the lone digits,
    # and the signature's "TM. ỦY BAN NHÂN DÂN" under the table, with "DÂN" in the
    # figures' column, joined the rows and welded the columns: no table
    84: "lone digits and the signature block under a table without rules",
    # a fax ruled across, URW Bookman 11 pt unpadded "8", "2", "1": only one figure was
    # seen by the page OCR, so no column of figures and no table
    54: "single digits the page OCR skipped",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(tf.PLAN_PATH)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> dict[int, object]:
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("cases")
    built = tf.make_cases(list(SEEDS), out, work, plan)
    return {c.seed: (out / c.file, c) for c in built}


@pytest.mark.parametrize("seed", list(SEEDS))
def test_typed_return_reads_exactly(seed: int, cases: dict, plan: Plan) -> None:
    path, case = cases[seed]
    assert not tf.is_test(seed)
    got = extract_file(path, plan)
    read = {r.indicator: r for r in got.records}
    silent = {
        k: (v, read[k].value)
        for k, v in case.values.items()
        if k in read and read[k].value != v and not read[k].needs_review
    }
    assert not silent, f"silently wrong: {silent}"
    not_exact = {
        k: (v, read[k].value if k in read else None)
        for k, v in case.values.items()
        if k not in read or read[k].value != v or read[k].needs_review
    }
    assert not not_exact, f"{SEEDS[seed]}: not read exactly: {not_exact}"
    assert got.unit == case.unit
