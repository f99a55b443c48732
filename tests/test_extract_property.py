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
    "nd111": ["Đưa đối tượng vào quản lý theo NĐ111/CP", "Giáo dục tại phường (NĐ 111)", "NĐ 111/CP"],
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
            out.append(above or left or Cell(t, r, c, where=Where(cell=f"{chr(65 + c % 26)}{r + 1}")))
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
