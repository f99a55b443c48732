"""Which unit a text names, and which unit sent a document, on names drawn from the
corpus grammar (benchmarks/corpus/names.py) for every unit of its four plans: every
variant names its unit and no other, names that contain each other are never confused,
a parent line is never the sender, a wrapped name is joined, a damaged name matches only
when one unit fits (and is flagged)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.corpus import names as N
from benchmarks.corpus.plans import PLANS, PlanSpec, UnitSpec, write_plans
from chitieu.plan import Plan, load_plan
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.interpret import interpret
from extract.sender import decide_sender
from extract.units import UnitFinder

SEEDS = range(6)


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    paths = write_plans(tmp_path_factory.mktemp("plans"))
    return {k: load_plan(p) for k, p in paths.items()}


def _cases() -> list[tuple[str, str]]:
    return [(key, u.id) for key, spec in PLANS.items() for u in spec.units]


def _spec_unit(key: str, uid: str) -> tuple[PlanSpec, UnitSpec]:
    spec = PLANS[key]
    return spec, next(u for u in spec.units if u.id == uid)


@pytest.mark.parametrize(("key", "uid"), _cases())
def test_every_written_variant_names_its_unit(plans: dict[str, Plan], key: str, uid: str) -> None:
    spec, unit = _spec_unit(key, uid)
    finder = UnitFinder(plans[key])
    for seed in SEEDS:
        rng = random.Random(f"{uid}-{seed}")
        label, _ = N.row_label(unit, spec, rng)
        assert _id(finder.by_name(label)) == uid, label
        styles = ["plain", "abbrev", "folded"] + (
            ["kindless"] if unit.council and not unit.name[-1].isdigit() else []
        )
        for style in styles:
            line = N.sender_line(unit, spec, style, rng)
            hit = finder.in_letterhead([spec.parent_line, line])
            assert hit is not None and _id(hit.unit) == uid, line


@pytest.mark.parametrize(("key", "uid"), _cases())
def test_wrapped_letterhead_and_interleaved_quoc_hieu(
    plans: dict[str, Plan], key: str, uid: str
) -> None:
    spec, unit = _spec_unit(key, uid)
    finder = UnitFinder(plans[key])
    line = N.sender_line(unit, spec, "plain", random.Random(uid))
    words = line.split()
    for cut in range(1, len(words)):
        lines = [
            spec.parent_line,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
            " ".join(words[:cut]),
            "VIỆT NAM",
            " ".join(words[cut:]),
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 12/BC-UBND",
        ]
        hit = finder.in_letterhead(lines)
        assert hit is not None and _id(hit.unit) == uid, lines


def test_names_that_contain_each_other_are_never_confused(plans: dict[str, Plan]) -> None:
    for key, spec in PLANS.items():
        finder = UnitFinder(plans[key])
        for unit in spec.units:
            for text in (N.full(unit), f"UBND {N.full(unit)}", N.upper(N.full(unit))):
                assert _id(finder.by_name(text)) == unit.id, text
    hd = UnitFinder(plans["tp-hai-dong"])
    assert _id(hd.by_name("Phường 1")) == "phuong-1"
    assert _id(hd.by_name("P.11")) == "phuong-11"
    assert hd.by_name("Phường 13") is None  # not in the plan, never "Phường 1"
    assert hd.by_name("1") is None  # a numbering cell names no unit
    cg = UnitFinder(plans["q-cau-giay-q2"])
    assert _id(cg.by_name("UBND phường Dịch Vọng Hậu")) == "dich-vong-hau"
    assert cg.by_name("Phường Dịch Vọng Tây") is None
    assert cg.by_name("TH") is None and cg.by_name("KH") is None  # column words
    assert _id(cg.by_name("2. Phường Nghĩa Đô")) == "nghia-do"  # numbered in the cell
    tinh = UnitFinder(plans["tinh-binh-son"])
    assert _id(tinh.by_name("Phòng CSĐTTTP về ma túy")) == "phong-csdt-ma-tuy"  # OCR doubled a T
    assert _id(cg.by_name("Ph ường Ng hĩa Tân")) == "nghia-tan"  # a PDF split the words
    assert hd.by_name("Phường 11 1") is None  # digits are never joined or collapsed
    assert _id(cg.by_name("a) Yên Hòa")) == "yen-hoa"


def test_parent_above_is_never_the_sender(plans: dict[str, Plan]) -> None:
    cg = UnitFinder(plans["q-cau-giay-q2"])
    hit = cg.in_letterhead(["CÔNG AN QUẬN CẦU GIẤY", "ĐỘI CSĐTTP VỀ MA TÚY"])
    assert hit is not None and _id(hit.unit) == "doi-csdt-ma-tuy"
    hit = cg.in_letterhead(["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG LÁNG THƯỢNG"])
    assert hit is not None and hit.unit is None  # a ward of elsewhere, not the district
    assert cg.in_letterhead(["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG ……"]) is None
    tinh = UnitFinder(plans["tinh-binh-son"])
    hit = tinh.in_letterhead(
        ["CÔNG AN TỈNH BÌNH SƠN", "PHÒNG CẢNH SÁT ĐIỀU TRA", "TỘI PHẠM VỀ MA TÚY"]
    )
    assert hit is not None and _id(hit.unit) == "phong-csdt-ma-tuy"
    hit = tinh.in_letterhead(["UBND TỈNH BÌNH SƠN", "CA TỈNH"])
    assert hit is not None and _id(hit.unit) == "cong-an-tinh"


def test_damaged_name_only_when_one_unit_fits(plans: dict[str, Plan]) -> None:
    hd = UnitFinder(plans["tp-hai-dong"])
    hit = hd.in_letterhead(["UBND THÀNH PHỐ HẢI ĐÔNG", "UBND PHƯỜNG NHẤT"])
    assert hit is not None and _id(hit.unit) == "thang-nhat" and hit.damaged
    hit = hd.in_letterhead(["UBND THÀNH PHỐ HẢI ĐÔNG", "UBND PHƯỜNG THẮNG"])
    assert hit is not None and hit.unit is None  # Thắng Nhất or Thắng Nhì: no guess


def test_eth_read_for_d_bar_names_the_unit(plans: dict[str, Plan]) -> None:
    """OCR and some keyboards give "Ð" (eth, U+00D0) for "Đ": the name is the same."""
    eth = str.maketrans({"Đ": "\u00d0", "đ": "\u00f0"})
    tried = 0
    for key, spec in PLANS.items():
        finder = UnitFinder(plans[key])
        for unit in spec.units:
            rng = random.Random(f"eth-{unit.id}")
            label, _ = N.row_label(unit, spec, rng)
            line = N.sender_line(unit, spec, "plain", rng)
            if "Đ" not in label.upper() and "Đ" not in line.upper():
                continue
            tried += 1
            assert _id(finder.by_name(label.translate(eth))) == unit.id, label
            hit = finder.in_letterhead([spec.parent_line, line.translate(eth)])
            assert hit is not None and _id(hit.unit) == unit.id, line
    assert tried >= 3


def _doc(lines: list[str]) -> ReadDocument:
    return ReadDocument(kind="docx", lines=[TextLine(t) for t in lines])


def test_sender_from_signature_body_or_file_name(plans: dict[str, Plan]) -> None:
    finder = UnitFinder(plans["ha-thanh-2026"])
    head = ["UBND THÀNH PHỐ HÀ THÀNH", "UBND XÃ ……", "BÁO CÁO", "Kết quả năm 2026"]
    sig = decide_sender(_doc([*head, "TM. ỦY BAN NHÂN DÂN XÃ SÓC SƠN", "CHỦ TỊCH"]), finder, "")
    assert _id(sig.unit) == "soc-son" and sig.note is None
    body = decide_sender(
        _doc([*head, "Thực hiện Kế hoạch của UBND thành phố, UBND xã Phúc Thọ báo cáo như sau:"]),
        finder,
        "",
    )
    assert _id(body.unit) == "phuc-tho" and body.note is None
    issuer = decide_sender(
        _doc([*head, "Thực hiện Kế hoạch số 125/KH-UBND của UBND xã Sóc Sơn, báo cáo như sau:"]),
        finder,
        "",
    )
    assert issuer.unit is None  # "của X" names whose plan it is, not who reports
    name = decide_sender(_doc(head), finder, "bao-cao-xa-kim-anh.docx")
    assert _id(name.unit) == "kim-anh" and name.note  # a guess: for review
    clash = decide_sender(
        _doc(["UBND XÃ SÓC SƠN", "BÁO CÁO", "TM. ỦY BAN NHÂN DÂN XÃ ĐA PHÚC"]), finder, ""
    )
    assert _id(clash.unit) == "soc-son" and clash.note  # conflicting evidence is flagged


def _table_doc(lines: list[str], rows: list[list[str]]) -> ReadDocument:
    cells: list[list[Cell | None]] = [
        [Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}")) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    return ReadDocument(kind="docx", lines=[TextLine(t) for t in lines], tables=[Table(cells)])


def test_consolidated_table_from_a_body_outside_the_plan(plans: dict[str, Plan]) -> None:
    plan = plans["tp-hai-dong"]
    head = ["UBND THÀNH PHỐ HẢI ĐÔNG", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BÁO CÁO"]
    ind = "Số buổi tuyên truyền phòng, chống ma túy"
    rows = [
        ["TT", "Đơn vị", ind],
        ["1", "P. 1", "3"],
        ["2", "Phường 11", "4"],
        ["3", "Thang Nhat", "5"],
        ["4", "Phường Rạch Dừ", "6"],  # a typo: matched by resemblance, for review
        ["5", "Phường 13", "7"],  # not in the plan
        ["", "Tổng cộng", "25"],
    ]
    out = interpret(_table_doc(head, rows), plan)
    got = {r.unit: (r.value, r.needs_review) for r in out.records}
    assert got == {
        "phuong-1": (3, False),
        "phuong-11": (4, False),
        "thang-nhat": (5, False),
        "rach-dua": (6, True),
    }
    assert {p.code for p in out.problems} >= {"unknown_unit"}
    columns = [
        ["TT", "Chỉ tiêu", "Phường 1", "Phường 11", "Tổng cộng"],
        ["1", ind, "3", "4", "8"],
    ]
    out = interpret(_table_doc(head, columns), plan)
    got = {r.unit: (r.value, r.needs_review) for r in out.records}
    assert got == {"phuong-1": (3, True), "phuong-11": (4, True)}  # the total disagrees
    assert "total_mismatch" in {p.code for p in out.problems}


def test_units_as_columns_with_target_and_result_sub_columns(plans: dict[str, Plan]) -> None:
    plan = plans["tp-hai-dong"]
    ind = "Số buổi tuyên truyền phòng, chống ma túy"
    rows = [
        ["TT", "Chỉ tiêu", "Phường 1", "Phường 1", "P. 11", "P. 11", "Cộng", "Cộng"],
        ["TT", "Chỉ tiêu", "KH", "TH", "KH", "TH", "KH", "TH"],
        ["1", ind, "2", "3", "5", "4", "7", "7"],
    ]
    cells: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        out: list[Cell | None] = []
        for c, text in enumerate(row):
            left = out[c - 1] if c else None
            above = cells[r - 1][c] if r else None
            if left is not None and left.text == text and r == 0 and c >= 2:
                out.append(left)  # a unit spanning its KH and TH columns
            elif above is not None and above.text == text and c < 2:
                out.append(above)
            else:
                out.append(Cell(text, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}")))
        cells.append(out)
    doc = ReadDocument(kind="docx", lines=[TextLine("BÁO CÁO")], tables=[Table(cells)])
    out_ = interpret(doc, plan)
    got = {r.unit: (r.value, r.needs_review) for r in out_.records}
    assert got == {"phuong-1": (3, False), "phuong-11": (4, False)}  # TH, never KH
    assert "total_mismatch" not in {p.code for p in out_.problems}


def test_units_as_columns_over_a_page_break(plans: dict[str, Plan]) -> None:
    """A PDF shows a table cut by a page as two; the second part starts with the rest of
    a row cut in two ("Cai" / "nghiện tự nguyện") and then indicator rows."""
    from extract.headers import IndicatorMatcher
    from extract.tables import join_continued

    plan = plans["tp-hai-dong"]

    def table(rows: list[list[str]], page: int) -> Table:
        return Table(
            [
                [Cell(t, r, c, where=Where(page=page)) for c, t in enumerate(row)]
                for r, row in enumerate(rows)
            ],
            page=page,
        )

    first = table(
        [
            ["TT", "Chỉ tiêu", "Phường 1", "Phường 2", "Tổng cộng"],
            ["1", "Số vụ phạm tội về ma túy bị phát hiện, bắt giữ", "1", "2", "3"],
            ["2", "Cai", "4", "5", "9"],
        ],
        1,
    )
    second = table(
        [
            ["", "nghiện tự nguyện", "", "", ""],
            ["3", "Cai nghiện bắt buộc", "6", "7", "13"],
        ],
        2,
    )
    (joined,) = join_continued([first, second], IndicatorMatcher(plan))
    assert joined.text(2, 1) == "Cai nghiện tự nguyện" and joined.n_rows == 4
    doc = ReadDocument(kind="pdf", lines=[TextLine("BÁO CÁO")], tables=[first, second])
    got = {(r.unit, r.indicator): r.value for r in interpret(doc, plan).records}
    assert got[("phuong-1", "cntn")] == 4 and got[("phuong-2", "cnbb")] == 7
    assert len(got) == 6


def test_a_plan_may_use_other_kinds() -> None:
    from chitieu.plan import parse_plan

    plan = parse_plan(
        """
document: {number: "9/KH-UBND", date: 2026-01-05, place: "Bình Sơn", issuer: "UBND TỈNH", title: "Kế hoạch"}
period: {start: 2026-01-01, end: 2026-12-31}
units:
  - {id: y-te, name: "Y tế", kind: "sở"}
  - {id: tu-phap, name: "Tư pháp", kind: "sở"}
indicators: [{id: cnbb, name: "Lập hồ sơ đưa CNBB"}]
"""
    )
    finder = UnitFinder(plan)
    assert _id(finder.by_name("SỞ Y TẾ")) == "y-te"
    assert _id(finder.by_name("Sở Tư pháp tỉnh Bình Sơn")) == "tu-phap"
    assert finder.by_name("Sở Tư pháp tỉnh Kon Tum") is None  # another place: another body
    hit = finder.in_letterhead(["UBND TỈNH BÌNH SƠN", "SỞ TƯ PHÁP"])
    assert hit is not None and _id(hit.unit) == "tu-phap"


def _id(unit: object) -> str | None:
    return getattr(unit, "id", None)


def test_plans_dir_is_written(tmp_path: Path) -> None:
    assert len(write_plans(tmp_path)) == len(PLANS)


def test_misread_letterhead_agreeing_with_the_body_is_not_a_clash(plans: dict[str, Plan]) -> None:
    """A scanned letterhead OCR damaged ("SÓC SƠM") that resembles only the unit the body
    names exactly is that unit, unflagged; one resembling another unit stays a clash."""
    finder = UnitFinder(plans["ha-thanh-2026"])
    body = "Thực hiện Kế hoạch của UBND thành phố, UBND xã Sóc Sơn báo cáo như sau:"
    same = decide_sender(
        _doc(["UBND THÀNH PHỐ HÀ THÀNH", "UBND XÃ SÓC SƠM", "BÁO CÁO", body]), finder, ""
    )
    assert _id(same.unit) == "soc-son" and same.note is None
    other = decide_sender(
        _doc(["UBND THÀNH PHỐ HÀ THÀNH", "UBND XÃ ĐA PHÚG", "BÁO CÁO", body]), finder, ""
    )
    assert _id(other.unit) == "soc-son" and other.note  # the letterhead names another unit
