"""Format-independent interpretation: values, headers, units, scanned cells, periods.
ReadDocuments are built by hand here (narrow unit tests); the readers are exercised on
real files in test_extract_digital.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from chitieu.errors import UnreadableFileError
from chitieu.plan import Plan, load_plan, parse_plan
from chitieu.record import Where
from extract.document import Cell, FormIds, ReadDocument, Table, TextLine
from extract.headers import IndicatorMatcher
from extract.interpret import interpret
from extract.limits import time_limit
from extract.units import UnitFinder
from extract.values import parse_cell, parse_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@pytest.mark.parametrize(
    ("text", "value", "clean"),
    [
        ("01", 1, True),
        ("0", 0, True),
        ("-", 0, True),
        ("—", 0, True),
        ("Không", 0, True),
        ("1.234", 1234, True),
        ("02 người", 2, True),
        ("", None, True),
        ("  ", None, True),
        ("| 14", 14, True),
        ("|", None, True),
        ("1|4", None, False),
        ("khoảng 3", 3, False),
        ("1,5", None, False),
        ("x", None, False),
        ("3 (dự kiến 4)", None, False),
    ],
)
def test_parse_text(text: str, value: int | None, clean: bool) -> None:
    p = parse_text(text)
    assert (p.value, p.clean) == (value, clean)


def test_scanned_cell_needs_agreeing_or_confident_reread() -> None:
    agree = Cell("02", 0, 0, confidence=0.5, digits="02", digits_confidence=0.4)
    assert parse_cell(agree).clean and parse_cell(agree).value == 2
    confident = Cell("0Z", 0, 0, confidence=0.4, digits="02", digits_confidence=0.9)
    assert parse_cell(confident).clean and parse_cell(confident).value == 2
    doubtful = Cell("07", 0, 0, confidence=0.9, digits="01", digits_confidence=0.3)
    assert not parse_cell(doubtful).clean
    low_text = Cell("1", 0, 0, confidence=0.5)
    assert not parse_cell(low_text).clean and parse_cell(low_text).value == 1
    formula = Cell("", 0, 0, formula_without_value=True)
    assert not parse_cell(formula).clean and parse_cell(formula).value is None


@pytest.mark.parametrize(
    ("header", "indicator"),
    [
        ("CNBB", "cnbb"),
        ("Cai nghiện tự nguyện tại TT", "cntn"),
        ("NĐ 94/CP", "nd94"),
        ("Giáo dục tại phường (NĐ 111)", "nd111"),
        ("Số vụ HS", "hinh_su"),
        ("Điều tra khám phá hình sự", "hinh_su"),
    ],
)
def test_header_matches_indicator(plan: Plan, header: str, indicator: str) -> None:
    m = IndicatorMatcher(plan).match(header)
    assert m.indicator == indicator and not m.ambiguous


def test_decree_numbers_must_agree(plan: Plan) -> None:
    m = IndicatorMatcher(plan).match("Quản lý theo Nghị định 111/2013/NĐ-CP")
    assert m.indicator == "nd111"
    assert IndicatorMatcher(plan).match("Quản lý theo NĐ 95/CP").indicator != "nd94"


@pytest.mark.parametrize(
    "misread", ["NĐI11/CP", "NĐI111/CP", "NÐl11/CP", "NĐIII/CP", "NĐIl1/CP", "NĐlII/CP"]
)
def test_a_decree_number_whose_1_ocr_read_as_a_letter_still_matches(
    plan: Plan, misread: str
) -> None:
    """Scans read "NĐ111" as "NĐI11" (the 1 as I) or "NĐI111" (a stray I), photos every
    1 as I or l ("NĐIII"): both readings are kept, and a number that is really different
    still does not match."""
    m = IndicatorMatcher(plan).match(f"Đưa đối tượng vào quản lý theo {misread}")
    assert m.indicator == "nd111"
    other = IndicatorMatcher(plan).match("Đưa đối tượng vào quản lý theo NĐ1111/CP")
    assert other.indicator != "nd111"


def test_ambiguous_header_is_for_review(plan: Plan) -> None:
    assert IndicatorMatcher(plan).match("Cai nghiện").ambiguous
    doc = _doc(["UBND PHƯỜNG QUAN HOA"], [["TT", "Cai nghiện", "CNBB"], ["1", "02", "01"]])
    out = interpret(doc, plan)
    (rec,) = [r for r in out.records if r.where.cell == "B2"]
    assert rec.needs_review and "không rõ ràng" in (rec.note or "")
    assert any(p.code == "low_confidence" for p in out.problems)


def test_letterhead_unit_most_specific(plan: Plan) -> None:
    finder = UnitFinder(plan)
    hit = finder.in_letterhead(
        ["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG DỊCH VỌNG HẬU", "CỘNG HÒA XÃ HỘI"]
    )
    assert hit is not None and hit.unit is not None and hit.unit.id == "dich-vong-hau"
    hit = finder.in_letterhead(["P. Trung Hòa"])
    assert hit is not None and hit.unit is not None and hit.unit.id == "trung-hoa"
    hit = finder.in_letterhead(["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG LÁNG THƯỢNG"])
    assert hit is not None and hit.unit is None


def test_file_name_is_only_a_weak_hint(plan: Plan) -> None:
    doc = _doc(["BÁO CÁO"], [["TT", "CNBB", "CNTN"], ["1", "02", "01"]])
    out = interpret(doc, plan, "bao-cao-nghia-do.docx")
    assert {r.unit for r in out.records} == {"nghia-do"}
    assert all(r.needs_review and "tên tệp" in (r.note or "") for r in out.records)


def test_no_unit_means_unknown_unit_and_no_records(plan: Plan) -> None:
    out = interpret(_doc(["BÁO CÁO"], [["TT", "CNBB", "CNTN"], ["1", "02", "01"]]), plan, "x.docx")
    assert out.records == [] and {p.code for p in out.problems} == {"unknown_unit"}


def test_form_ids_from_another_plan_are_flagged(plan: Plan) -> None:
    doc = _doc([], [["", "Kết quả"], ["CNBB", "3"]])
    doc.form_ids = FormIds("1/KH-UBND", "quan-hoa", "2021-06", (("cnbb", "B2"),))
    out = interpret(doc, plan)
    (rec,) = out.records
    assert rec.value == 3 and rec.needs_review and rec.unit == "quan-hoa"
    assert "plan_mismatch" in {p.code for p in out.problems}


MULTI = """
document: {number: "5/KH-UBND", date: 2026-01-05, place: "Cầu Giấy", issuer: "UBND QUẬN CẦU GIẤY", title: "Kế hoạch năm"}
periods:
  - {start: 2026-06-01, end: 2026-06-30}
  - {start: 2026-07-01, end: 2026-07-31}
units: [{id: quan-hoa, name: "Quan Hoa"}]
indicators: [{id: cnbb, name: "Lập hồ sơ đưa CNBB"}]
targets: {quan-hoa: {cnbb: 1}}
"""


def test_period_from_title_or_for_review() -> None:
    multi = parse_plan(MULTI)
    table = [["TT", "CNBB"], ["1", "02"]]
    out = interpret(_doc(["UBND PHƯỜNG QUAN HOA", "BÁO CÁO tháng 7/2026"], table), multi)
    assert [(r.period, r.needs_review) for r in out.records] == [("2026-07", False)]
    out = interpret(_doc(["UBND PHƯỜNG QUAN HOA", "BÁO CÁO"], table), multi)
    assert [(r.period, r.needs_review) for r in out.records] == [("2026-06", True)]


def test_time_limit_stops_a_hanging_reader(tmp_path: Path) -> None:
    with (
        pytest.raises(UnreadableFileError, match=r"quá 0\.2 giây"),
        time_limit(tmp_path / "a.pdf", 0.2),
    ):
        time.sleep(5)


def _doc(lines: list[str], rows: list[list[str]]) -> ReadDocument:
    cells: list[list[Cell | None]] = [
        [
            Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}", table=0))
            for c, t in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return ReadDocument(kind="docx", lines=[TextLine(t) for t in lines], tables=[Table(cells)])


def test_rate_columns_are_never_read_as_counts() -> None:
    hn = load_plan(ROOT / "samples" / "ha-noi-du-an-5" / "plan.yaml")
    rates = [i for i in hn.indicators if i.is_rate]
    assert rates
    matcher = IndicatorMatcher(hn)
    for ind in hn.indicators:
        m = matcher.match(ind.name)
        if ind.is_rate:
            assert m.indicator is None and m.rate, ind.id
        else:
            assert m.indicator == ind.id and not m.ambiguous, ind.id
    doc = _doc(
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "BÁO CÁO KẾT QUẢ NĂM 2026"],
        [
            [
                "TT",
                "Người nghiện ma túy có hồ sơ quản lý",
                "Người nghiện ma túy được tư vấn cai nghiện",
                "Tỷ lệ người nghiện ma túy được tư vấn cai nghiện",
            ],
            ["1", "200", "170", "85"],
        ],
    )
    out = interpret(doc, hn)
    assert {(r.indicator, r.value, r.period) for r in out.records} == {
        ("nguoi_nghien", 200, "2026"),
        ("duoc_tu_van", 170, "2026"),
    }
    assert all(not r.needs_review for r in out.records)


SAME_NAMES = """
document: {number: "9/KH-UBND", date: 2026-01-05, place: "TP", issuer: "UBND THÀNH PHỐ", title: "Kế hoạch"}
period: {start: 2026-01-01, end: 2026-12-31}
units:
  - {id: quan-1, name: "1", kind: "quận"}
  - {id: quan-3, name: "3", kind: "quận"}
  - {id: q1-p1, name: "1", kind: "phường", parent: quan-1}
  - {id: q3-p1, name: "1", kind: "phường", parent: quan-3}
indicators: [{id: cnbb, name: "Lập hồ sơ đưa CNBB"}]
"""


def test_unit_names_never_guess_between_units() -> None:
    finder = UnitFinder(parse_plan(SAME_NAMES))
    assert finder.by_name("Phường 1") is None  # two districts have one
    sender = finder.plan.unit_by_id["quan-3"]
    unit = finder.by_name("Phường 1", sender)
    assert unit is not None and unit.id == "q3-p1"
    assert finder.by_name("Phường 10", sender) is None  # never a fuzzy "Phường 1"


def test_scanned_pdf_with_an_ocr_layer_goes_to_the_scan_reader(tmp_path: Path) -> None:
    """A scanner's own OCR text over a page picture is not trusted as typed text."""
    import img2pdf
    import pikepdf
    from PIL import Image

    from extract.formats.pdf import has_text_layer, open_pdf
    from extract.limits import DEFAULT_LIMITS

    png = tmp_path / "page.png"
    Image.new("L", (1240, 1754), 255).save(png, dpi=(150, 150))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(img2pdf.convert(str(png)))
    with pikepdf.open(scan, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.Resources.Font = pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        text = b"BT /F1 12 Tf 3 Tr 72 700 Td (UBND PHUONG QUAN HOA Lap ho so dua CNBB 07) Tj ET"
        page.contents_add(pikepdf.Stream(pdf, text))
        pdf.save(scan)
    pdf = open_pdf(scan, DEFAULT_LIMITS)
    assert len(pdf.pages[0].chars) >= 20  # it does carry text...
    assert not has_text_layer(pdf)  # ...but it is a picture of a page
    assert has_text_layer(
        open_pdf(ROOT / "samples" / "returns" / "pdf" / "bc-quan-hoa.pdf", DEFAULT_LIMITS)
    )


def test_result_row_is_taken_not_the_target_row(plan: Plan) -> None:
    rows = [["Nội dung", "CNBB", "CNTN"], ["Chỉ tiêu giao", "01", "01"], ["Kết quả", "03", "00"]]
    out = interpret(_doc(["UBND PHƯỜNG QUAN HOA"], rows), plan)
    assert {(r.indicator, r.value, r.needs_review) for r in out.records} == {
        ("cnbb", 3, False),
        ("cntn", 0, False),
    }
    out = interpret(_doc(["UBND PHƯỜNG QUAN HOA"], rows[:2]), plan)
    assert out.records == []  # only targets: no result was reported


def test_total_column_flags_only_its_row(plan: Plan) -> None:
    rows = [
        ["TT", "Đơn vị", "CNBB", "CNTN", "Tổng cộng"],
        ["1", "Quan Hoa", "01", "02", "03"],
        ["2", "Yên Hòa", "02", "02", "05"],  # 2 + 2 is not 5
    ]
    doc = _doc(["CÔNG AN QUẬN CẦU GIẤY"], rows)
    doc.tables[0].cells[2][2].where = Where(cell="R2C2")  # scan-style addresses too
    out = interpret(doc, plan)
    flagged = {(r.unit, r.indicator) for r in out.records if r.needs_review}
    assert flagged == {("yen-hoa", "cnbb"), ("yen-hoa", "cntn")}
    assert [p.code for p in out.problems].count("total_mismatch") == 1


def test_annex_without_a_column_misses_that_indicator(plan: Plan) -> None:
    rows = [
        ["TT", "Đơn vị", "CNBB", "CNTN"],
        ["1", "Quan Hoa", "0", "01"],
        ["2", "Yên Hòa", "01", "01"],
    ]
    out = interpret(_doc(["ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY", "BIỂU GIAO CHỈ TIÊU"], rows), plan)
    assert {(r.unit, r.indicator, r.value) for r in out.records} == {
        ("quan-hoa", "cnbb", 0),
        ("quan-hoa", "cntn", 1),
        ("yen-hoa", "cnbb", 1),
        ("yen-hoa", "cntn", 1),
    }
    missing = [p.message for p in out.problems if p.code == "missing_indicator"]
    assert len(missing) == 3 and any("hinh_su" in m for m in missing)


@pytest.mark.parametrize("kind", ["scan", "image", "docx"])
def test_garbled_printed_form_ids_on_a_scan_do_not_drop_the_form(plan: Plan, kind: str) -> None:
    """Our form prints its ids in clear under the QR. Read by OCR on a scan whose QR did not
    decode, a garbled "&period" ran into the unit's id: the form went as an unknown unit's
    with every figure. There the sender is found from the letterhead instead; in a digital
    file the printed ids are exact, and an unknown unit stays a problem."""
    doc = _doc(
        [
            "ỦY BAN NHÂN DÂN",
            "PHƯỜNG NGHĨA TÂN",
            "BÁO CÁO Kết quả thực hiện chỉ tiêu tháng 6/2021",
            "Mã nhận dạng biểu mẫu: CHITIEU1?plan=152%2FKH-UBND&unit=nghia-tan%::z¿=2021-06",
        ],
        [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện"],
            ["1", "Lập hồ sơ đưa CNBB", "người", "12"],
        ],
    )
    doc.kind = kind
    out = interpret(doc, plan)
    if kind == "docx":
        assert not out.records and any("không có trong kế hoạch" in p.message for p in out.problems)
    else:
        assert [(r.unit, r.indicator, r.value) for r in out.records] == [("nghia-tan", "cnbb", 12)]


@pytest.mark.parametrize(
    "rows",
    [
        [["17", "Gia đình có người nghiện được thăm, động viên", "gia đình", ""]],
        [
            ["16", "Học sinh, sinh viên được tuyên truyền", "người", ""],
            ["17", "Gia đình có người nghiện được thăm, động viên", "gia đình", ""],
        ],
    ],
)
def test_a_table_part_without_header_never_takes_row_numbers_for_figures(
    rows: list[list[str]],
) -> None:
    """A table's last rows alone on a page (the page before read no table, a seal over the
    figures left them unread): the only numbers are the row numbers, before the labels.
    Taken as the figures, they must be flagged (a photo read gia_dinh 17 for 74, sure)."""
    layouts = load_plan(ROOT / "samples" / "returns" / "layouts" / "plan.yaml")
    out = interpret(_doc(["UBND PHƯỜNG TRUNG HÒA"], rows), layouts)
    assert out.records  # the labels were matched: the test reaches the column choice
    assert all(r.needs_review for r in out.records)
