"""The rule above all, as a property: whatever the layout (shuffled columns, role
sub-columns, extra columns, abbreviations, odd spellings of numbers), a record that is
not marked for review carries the true value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.plan import Plan, load_plan
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.interpret import interpret

ROOT = Path(__file__).resolve().parent.parent
PLAN = load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
HEADERS = {
    "hinh_su": ["Điều tra khám phá hình sự", "Số vụ HS", "Khám phá hình sự"],
    "nd111": [
        "Đưa đối tượng vào quản lý theo NĐ111/CP",
        "Giáo dục tại phường (NĐ 111)",
        "NĐ 111/CP",
    ],
    "nd94": ["Đưa đối tượng vào quản lý theo NĐ94/CP", "Quản lý theo NĐ 94/CP", "NĐ94"],
    "cnbb": ["Lập hồ sơ đưa CNBB", "CNBB", "Cai nghiện bắt buộc"],
    "cntn": ["Cai nghiện tự nguyện tại TT", "CNTN", "Vận động cai nghiện tự nguyện"],
}
EXTRA = ["Ghi chú", "Số người nghiện có hồ sơ", "Số điểm phức tạp", "Cai nghiện", "Tổng"]
UNITS = [u for u in PLAN.reporting_units if u.kind == "phường"]

# How a value is written: (text, value it means, or None when only a reviewer can tell)
spelled = st.one_of(
    st.integers(0, 30).map(lambda n: (f"{n:02d}", n)),
    st.integers(0, 30).map(lambda n: (str(n), n)),
    st.sampled_from([("-", 0), ("Không", 0), ("0", 0), ("1.200", 1200)]),
    st.integers(1, 9).map(lambda n: (f"{n} (tạm tính)", None)),
    st.integers(1, 9).map(lambda n: (f"{n},5", None)),
    st.just(("", "blank")),
)


@st.composite
def returns(draw: st.DrawFn) -> tuple[ReadDocument, str, dict[str, object]]:
    unit = draw(st.sampled_from(UNITS))
    inds = draw(st.permutations(list(HEADERS)))[: draw(st.integers(1, 5))]
    with_roles = draw(st.booleans())
    top: list[str] = ["TT"]
    sub: list[str] = ["TT"]
    row: list[str] = ["1"]
    truth: dict[str, object] = {}
    plain = True  # no extra column and every value clean: then nothing may be flagged
    for ind in inds:
        head = draw(st.sampled_from(HEADERS[ind]))
        text, value = draw(spelled)
        truth[ind] = value
        plain = plain and isinstance(value, int)
        if with_roles:
            top += [head, head, head]
            sub += ["Chỉ tiêu giao", "Kết quả", "Tỷ lệ (%)"]
            row += [str(draw(st.integers(0, 5))), text, str(draw(st.integers(0, 300)))]
        else:
            top.append(head)
            sub.append(head)
            row.append(text)
        if draw(st.integers(0, 4)) == 0:
            extra = draw(st.sampled_from(EXTRA))
            plain = False
            top.append(extra)
            sub.append(extra)
            row.append(str(draw(st.integers(0, 40))))
    rows = [top, sub, row] if with_roles else [top, row]
    grid: list[list[Cell | None]] = []
    for r, texts in enumerate(rows):
        out: list[Cell | None] = []
        for c, t in enumerate(texts):
            above = grid[r - 1][c] if with_roles and r == 1 and rows[0][c] == t else None
            left = out[c - 1] if with_roles and r == 0 and c > 0 and texts[c - 1] == t else None
            out.append(
                above or left or Cell(t, r, c, where=Where(cell=f"{chr(65 + c % 26)}{r + 1}"))
            )
        grid.append(out)
    doc = ReadDocument(
        kind="docx",
        lines=[TextLine("UBND QUẬN CẦU GIẤY"), TextLine(f"UBND PHƯỜNG {unit.name.upper()}")],
        tables=[Table(grid)],
    )
    truth["_plain"] = plain
    return doc, unit.id, truth


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(returns())
def test_no_wrong_value_without_review(case: tuple[ReadDocument, str, dict[str, object]]) -> None:
    doc, unit, truth = case
    plain = truth.pop("_plain")
    out = interpret(doc, PLAN)
    if plain:  # the easy case must come out whole, or the property above says little
        assert {r.indicator: r.value for r in out.records if not r.needs_review} == truth
    for rec in out.records:
        assert rec.unit == unit
        if rec.needs_review:
            assert rec.note, "a record for review says why"
            continue
        assert rec.indicator in truth, f"unflagged spurious record {rec}"
        assert rec.value == truth[rec.indicator], (rec, truth)
    flagged = [r for r in out.records if r.needs_review]
    assert bool(flagged) == any(p.code == "low_confidence" for p in out.problems)


@pytest.mark.parametrize("plan", [PLAN])
def test_units_under_test_exist(plan: Plan) -> None:
    assert len(UNITS) == 8


@st.composite
def down_returns(draw: st.DrawFn) -> tuple[ReadDocument, str, dict[str, object]]:
    """Indicators as row labels, with target / result / rate / note columns in any order."""
    unit = draw(st.sampled_from(UNITS))
    inds = draw(st.permutations(list(HEADERS)))[: draw(st.integers(1, 5))]
    cols = draw(st.permutations(["Chỉ tiêu giao", "Kết quả thực hiện", "Tỷ lệ (%)", "Ghi chú"]))
    header = ["TT", "Nội dung", *cols]
    rows = [header]
    truth: dict[str, object] = {}
    for n, ind in enumerate(inds, start=1):
        text, value = draw(spelled)
        truth[ind] = value
        cells = {
            "Chỉ tiêu giao": str(draw(st.integers(0, 5))),
            "Kết quả thực hiện": text,
            "Tỷ lệ (%)": f"{draw(st.integers(0, 300))}%",
            "Ghi chú": draw(st.sampled_from(["", "Vượt", "Đạt 02 người"])),
        }
        rows.append([str(n), draw(st.sampled_from(HEADERS[ind])), *[cells[c] for c in cols]])
    grid: list[list[Cell | None]] = [
        [Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}")) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    doc = ReadDocument(
        kind="xlsx", lines=[TextLine(f"UBND PHƯỜNG {unit.name.upper()}")], tables=[Table(grid)]
    )
    return doc, unit.id, truth


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(down_returns())
def test_no_wrong_value_without_review_down_the_rows(
    case: tuple[ReadDocument, str, dict[str, object]],
) -> None:
    doc, unit, truth = case
    out = interpret(doc, PLAN)
    for rec in out.records:
        assert rec.unit == unit
        if not rec.needs_review:
            assert rec.value == truth[rec.indicator], (rec, truth)
    clean = {k: v for k, v in truth.items() if isinstance(v, int)}
    assert {r.indicator: r.value for r in out.records if not r.needs_review} == clean


@st.composite
def annexes(draw: st.DrawFn) -> tuple[ReadDocument, dict[tuple[str, str], int], bool]:
    """A multi-unit table, rows in any order, a Tổng cộng row that may be wrong."""
    units = draw(st.permutations(UNITS))[: draw(st.integers(2, 8))]
    inds = draw(st.permutations(list(HEADERS)))[: draw(st.integers(1, 5))]
    rows = [["TT", "Đơn vị", *[draw(st.sampled_from(HEADERS[i])) for i in inds]]]
    truth: dict[tuple[str, str], int] = {}
    for n, u in enumerate(units, start=1):
        vals = [draw(st.integers(0, 9)) for _ in inds]
        truth.update({(u.id, i): v for i, v in zip(inds, vals, strict=True)})
        rows.append(
            [str(n), draw(st.sampled_from([u.name, u.full_name])), *[f"{v:02d}" for v in vals]]
        )
    slip = draw(st.booleans())
    totals = [sum(truth[(u.id, i)] for u in units) for i in inds]
    if slip:
        totals[0] += 1
    rows.append(["", "Tổng cộng", *[str(t) for t in totals]])
    grid: list[list[Cell | None]] = [
        [Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}")) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    lines = [TextLine("ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY"), TextLine("BIỂU GIAO CHỈ TIÊU")]
    return ReadDocument(kind="docx", lines=lines, tables=[Table(grid)]), truth, slip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annexes())
def test_annex_rows_come_out_per_unit(
    case: tuple[ReadDocument, dict[tuple[str, str], int], bool],
) -> None:
    doc, truth, slip = case
    out = interpret(doc, PLAN)
    got = {(r.unit, r.indicator): r.value for r in out.records}
    assert got == truth
    assert all(r.role == "target" for r in out.records)
    assert any(p.code == "total_mismatch" for p in out.problems) == slip
    assert any(r.needs_review for r in out.records) == slip


WORDS = [
    "TT",
    "Đơn vị",
    "Kết quả",
    "Chỉ tiêu giao",
    "Tỷ lệ",
    "Ghi chú",
    "Tổng cộng",
    "Quan Hoa",
    "Phường Yên Hòa",
    "CNBB",
    "CNTN",
    "NĐ 94/CP",
    "Số vụ HS",
    "Cai nghiện",
    "(1)",
    "01",
    "-",
    "Không",
    "1.234",
    "x",
    "",
    "02 người",
    "Đội CSĐTTP về Ma Túy",
    "Láng Thượng",
    "Kết quả thực hiện",
]


@st.composite
def any_tables(draw: st.DrawFn) -> ReadDocument:
    """Arbitrary grids: holes (None), merged cells repeated, any words: never a crash."""
    tables = []
    for _ in range(draw(st.integers(0, 3))):
        n_rows, n_cols = draw(st.integers(0, 7)), draw(st.integers(0, 7))
        grid: list[list[Cell | None]] = []
        for r in range(n_rows):
            row: list[Cell | None] = []
            for c in range(draw(st.integers(0, n_cols))):
                how = draw(st.integers(0, 9))
                if how == 0:
                    row.append(None)
                elif how == 1 and c > 0:
                    row.append(row[-1])
                elif how == 2 and r > 0 and c < len(grid[-1]):
                    row.append(grid[-1][c])
                else:
                    row.append(
                        Cell(draw(st.sampled_from(WORDS)), r, c, where=Where(cell=f"R{r}C{c}"))
                    )
            grid.append(row)
        tables.append(Table(grid, page=draw(st.integers(1, 2))))
    lines = [
        TextLine(t)
        for t in draw(
            st.lists(
                st.sampled_from([*WORDS, "UBND PHƯỜNG QUAN HOA", "BIỂU GIAO CHỈ TIÊU"]), max_size=5
            )
        )
    ]
    return ReadDocument(
        kind=draw(st.sampled_from(["docx", "xlsx", "pdf", "scan"])), lines=lines, tables=tables
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_tables())
def test_interpretation_never_crashes(doc: ReadDocument) -> None:
    out = interpret(doc, PLAN, "tep.docx")
    for rec in out.records:
        assert rec.unit in PLAN.unit_by_id and rec.indicator in PLAN.indicator_by_id
        assert rec.needs_review or isinstance(rec.value, int)
