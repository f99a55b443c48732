"""Page layouts of returns from outside (issue 10), from the seeded layout grammar of
`samples/returns/scan_layouts.py`: a table over two pages (header printed again or not),
a wide landscape table with years in its headers, many rows under a header whose cells
stagger over several lines. Each case is drawn, then pinned to the
layout the test is about, scanned plainly: the layout is what is tested. Real
LibreOffice, real Tesseract. Every figure must be read exactly; none silently wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file

pytestmark = pytest.mark.slow

lg = load_grammar("layouts")

# seed -> what the case is pinned to; seeds above 100,000 are outside the benchmark's range
PINNED: dict[int, dict[str, object]] = {
    # rows go on on page 2 without the header (ruled across only): they join page 1's columns
    100_002: {"layout": "split", "header_again": False, "rules": "across", "rows": 9},
    # years in a wrapped header ("Cùng kỳ năm / 2020"); no vertical rules: rebuilt by words
    100_004: {
        "layout": "wide",
        "rules": "across",
        "columns": (
            "Chỉ tiêu giao",
            "Cùng kỳ năm 2020",
            "Lũy kế 6 tháng năm 2021",
            "Kết quả thực hiện",
            "Ghi chú",
        ),
    },
    # many rows, no rules: the header's cells stagger over several lines
    100_006: {"layout": "many", "rules": "none", "rows": 12},
}


def _pin(case: object, pin: dict[str, object], plan: Plan) -> None:
    """The drawn case as a plain 200 dpi grey scan of the pinned layout."""
    rows = int(pin.get("rows", 0))  # type: ignore[call-overload]
    if rows:
        ids = [ind.id for ind in plan.indicators][:rows]
        case.values = {k: case.values.get(k, (7 * i) % 30 + 2) for i, k in enumerate(ids)}  # type: ignore[attr-defined]
    case.layout = pin["layout"]  # type: ignore[attr-defined]
    case.rules = pin["rules"]  # type: ignore[attr-defined]
    case.landscape = pin["layout"] == "wide"  # type: ignore[attr-defined]
    case.rows = len(case.values)  # type: ignore[attr-defined]
    if pin["layout"] == "split":
        case.header_again = bool(pin["header_again"])  # type: ignore[attr-defined]
        # the row after the break counts people: its "người" is no header word
        ids = list(case.values)  # type: ignore[attr-defined]
        people = [
            i
            for i in range(3, len(ids) - 1)
            if plan.indicators[[x.id for x in plan.indicators].index(ids[i])].measure == "người"
        ]
        case.head_rows = people[0]  # type: ignore[attr-defined]
    case.columns = tuple(pin.get("columns", ()))  # type: ignore[attr-defined,arg-type]
    case.grouped = False  # type: ignore[attr-defined]
    case.medium = "scan"  # type: ignore[attr-defined]
    c = case.conditions  # type: ignore[attr-defined]
    c.update(
        dpi=200,
        turn=0,
        skew=0.6,
        blur=0.0,
        jpeg=85,
        noise=4.0,
        stamp_on_figures=False,
        tint=False,
        dark_edge=False,
        grey=True,
        container="pdf",
    )
    c["long_side"] = round(297 / 25.4 * 200)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(lg.PLAN_PATH)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> dict[int, tuple[Path, object]]:
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("cases")
    drawn = []
    for seed, pin in PINNED.items():
        case = lg.draw_case(plan, seed)
        _pin(case, pin, plan)
        drawn.append(case)
    pdfs = lg.build_sources(plan, drawn, work)
    return {c.seed: (lg.render_case(c, pdfs[c.seed], work, out), c) for c in drawn}


@pytest.mark.parametrize("seed", list(PINNED))
def test_layout_reads_exactly(seed: int, cases: dict[int, tuple[Path, object]], plan: Plan) -> None:
    path, case = cases[seed]
    assert case.pages >= 2  # type: ignore[attr-defined]
    got = extract_file(path, plan)
    read = {r.indicator: r for r in got.records}
    wrong = {
        k: (v, read[k].value)
        for k, v in case.values.items()  # type: ignore[attr-defined]
        if k in read and read[k].value != v and not read[k].needs_review
    }
    assert not wrong, f"silently wrong: {wrong}"
    spurious = [r.indicator for r in got.records if r.indicator not in case.values]  # type: ignore[attr-defined]
    assert not spurious
    exact = {
        k: (read[k].value if k in read else None)
        for k, v in case.values.items()  # type: ignore[attr-defined]
        if k not in read or read[k].value != v or read[k].needs_review
    }
    assert not exact, f"{case.layout}: not read exactly: {exact}"  # type: ignore[attr-defined]
    assert got.unit == case.unit  # type: ignore[attr-defined]


def test_a_curled_photo_whose_rows_slope_past_each_other_misplaces_no_figure(
    tmp_path: Path,
) -> None:
    """A layout-grammar photo (seed 762, as drawn: 17 rows, faint rules, the page's top
    out of the picture) stayed curled after the perspective step: its rows' words fell
    on other visual lines than their figures, and the table rebuilt from words gave the
    "Pano" row the next row's 05 for its 02, unflagged; then, refused as a table, its 16
    figures were missing. Its lines fan out (level at the top, dropping a row's height
    across the table at the bottom): read level by a slope fitted as it changes down the
    page, every row keeps its own figure, and all of page 1's figures are read right."""
    plan = load_plan(lg.PLAN_PATH)  # type: ignore[attr-defined]
    (tmp_path / "work").mkdir()
    (case,) = lg.make_cases([762], tmp_path / "out", tmp_path / "work", plan)  # type: ignore[attr-defined]
    ex = extract_file(tmp_path / "out" / case.file, plan)
    wrong = [
        (r.indicator, r.value, case.values[r.indicator])
        for r in ex.records
        if r.indicator in case.values and not r.needs_review and r.value != case.values[r.indicator]
    ]
    assert wrong == []
    page_1 = {r.indicator: r.value for r in ex.records if r.where.page == 1}
    assert len(page_1) == 16
    assert {k: v for k, v in page_1.items() if v != case.values.get(k)} == {}


# Tune seeds of the grammar, as drawn, and the rows each lost before: a table's last
# rows rebuilt from words (no vertical rules) left alone at the top of page 2, or rows
# whose figure (and number) the page OCR did not read, between rules across or below rows
# added out of order. seed -> the indicators that must now be read (exactly, or flagged).
ALONE: dict[int, tuple[set[str], set[str]]] = {
    # scan, ruled across: one row alone on page 2, beside the seal: found, but flagged since
    # session 7 (the cell read unwiped, a guess "3" at confidence 0, is no subsequence of
    # "12": `unwiped_reads.unwiped_disagree`, which a silent "1718" for 4718 needs)
    6: (set(), {"gia_dinh"}),
    68: ({"mo_hinh", "gia_dinh"}, set()),  # scan, no rules: two rows, one figure unread
    52: (set(), {"sau_cai", "pano"}),  # fax, ruled across: rows without number or figure
    16: ({"test_nhanh", "mo_hinh"}, {"to_roi"}),  # fax: rows found below, out of order
}


@pytest.fixture(scope="module")
def alone_cases(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> dict[int, object]:
    work = tmp_path_factory.mktemp("work-alone")
    out = tmp_path_factory.mktemp("cases-alone")
    built = lg.make_cases(list(ALONE), out, work, plan)  # type: ignore[attr-defined]
    return {c.seed: (out / c.file, c) for c in built}


@pytest.mark.parametrize("seed", list(ALONE))
def test_rows_of_a_table_without_their_own_figures_are_read(
    seed: int, alone_cases: dict[int, tuple[Path, object]], plan: Plan
) -> None:
    path, case = alone_cases[seed]
    exact, found = ALONE[seed]
    got = {r.indicator: r for r in extract_file(path, plan).records}
    values = case.values  # type: ignore[attr-defined]
    silent = [
        (k, r.value) for k, r in got.items() if not r.needs_review and r.value != values.get(k)
    ]
    assert silent == []
    assert {k for k in exact if k in got and not got[k].needs_review} == exact
    assert found <= set(got)
