"""A sender named exactly by a letterhead that may be another unit's name cut or misread
(`extract/sender_doubt.py`): "UBND PHƯỜNG DỊCH VỌNG HẬU" cut to "DỊCH VỌNG" at the
photo's edge, "PHƯỜNG 1" read with its digit unsure where "Phường 11" exists. Before,
every figure of such a return went to the other ward without review."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.plan import load_plan
from extract.document import ReadDocument, Table, TextLine
from extract.interpret import UNSURE_SENDER, interpret
from extract.sender import decide_sender
from extract.units import UnitFinder
from samples.returns import sender_damage

ROOT = Path(__file__).resolve().parent.parent
A4 = (595.3, 841.9)
CW = 8.6  # an upper-case letter's advance at 13 pt, in points


@pytest.fixture(scope="module")
def cau_giay():
    plan = load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
    return plan, UnitFinder(plan)


@pytest.fixture(scope="module")
def vung_tau():
    plan = load_plan(ROOT / "samples" / "vung-tau-2022" / "plan.yaml")
    return plan, UnitFinder(plan)


def line(text, centre, y, *, page=A4, shift=0.0, confs=None, cut=None):
    """A line as the scan reader gives it: centred on `centre` as printed, `shift` points
    of it lost at its end (its box keeps the printed start), or cut by the frame at x."""
    width = len(text) * CW
    x0 = centre - width / 2
    x1 = x0 + width - shift
    if cut is not None:
        x1 = min(x1, cut)
    x1 = min(x1, page[0])
    words = text.split()
    confs = confs or tuple(0.93 for _ in words)
    return TextLine(
        text,
        bbox=(x0, y, x1, y + 13.0),
        confidence=sum(confs) / len(confs),
        page_size=page,
        word_confidences=tuple(confs),
    )


def letter(sender_line, *, parent="UBND QUẬN CẦU GIẤY", body="Ủy ban nhân dân", page=A4):
    lines = [
        line(parent, 200, 60, page=page),
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 430, 60, page=page),
        sender_line,
        line("Độc lập - Tự do - Hạnh phúc", 430, 95, page=page),
        line("Số: 30/BC-UBND", 200, 124, page=page),
        TextLine("BÁO CÁO"),
        TextLine(f"{body} báo cáo kết quả thực hiện các chỉ tiêu được giao như sau:"),
    ]
    return ReadDocument(kind="image", lines=lines)


def test_a_name_cut_at_the_frame_that_is_another_wards_start_is_for_review(cau_giay):
    _plan, finder = cau_giay
    # "UBND PHƯỜNG DỊCH VỌNG HẬU" with the frame's right edge after "VỌNG"
    frame = (266.0, A4[1])
    cut = line("UBND PHƯỜNG DỊCH VỌNG HẬU", 200, 77, page=frame, cut=264.0)
    cut.text = "UBND PHƯỜNG DỊCH VỌNG"
    s = decide_sender(letter(cut, page=frame), finder, "bao-cao.jpg")
    assert s.unit is not None and s.note is not None
    assert "Dịch Vọng Hậu" in s.note and "mép" in s.note


def test_a_name_whose_last_word_a_stamp_took_is_off_the_letterheads_centre(cau_giay):
    plan, finder = cau_giay
    short = line("UBND PHƯỜNG DỊCH VỌNG HẬU", 200, 77, shift=4 * CW)
    short.text = "UBND PHƯỜNG DỊCH VỌNG"
    s = decide_sender(letter(short), finder, "bao-cao.jpg")
    assert s.note is not None and "Dịch Vọng Hậu" in s.note and "lệch" in s.note
    out = interpret(_with_table(letter(short)), plan, "bao-cao.jpg")
    assert out.records and all(r.needs_review for r in out.records)
    assert any(p.code == UNSURE_SENDER and "Dịch Vọng Hậu" in p.message for p in out.problems)


def test_a_whole_centred_name_that_is_another_wards_start_is_not_doubted(cau_giay):
    _plan, finder = cau_giay
    s = decide_sender(letter(line("UBND PHƯỜNG DỊCH VỌNG", 200, 77)), finder, "x.jpg")
    assert s.unit is not None and s.unit.id == "dich-vong" and s.note is None


def test_the_body_settles_a_doubted_name_only_when_it_names_it(cau_giay):
    _plan, finder = cau_giay
    frame = (266.0, A4[1])
    cut = line("UBND PHƯỜNG DỊCH VỌNG HẬU", 200, 77, page=frame, cut=264.0)
    cut.text = "UBND PHƯỜNG DỊCH VỌNG"
    same = decide_sender(
        letter(cut, page=frame, body="Ủy ban nhân dân phường Dịch Vọng"), finder, "x.jpg"
    )
    assert same.unit.id == "dich-vong" and same.note is None
    rival = decide_sender(
        letter(cut, page=frame, body="Ủy ban nhân dân phường Dịch Vọng Hậu"), finder, "x.jpg"
    )
    assert rival.unit.id == "dich-vong-hau" and rival.note is not None


def test_a_numbered_wards_unsure_digit_is_for_review(vung_tau):
    _plan, finder = vung_tau
    parent = "UBND THÀNH PHỐ VŨNG TÀU"
    unsure = line("UBND PHƯỜNG 1", 200, 77, confs=(0.93, 0.92, 0.55))
    s = decide_sender(letter(unsure, parent=parent), finder, "x.jpg")
    assert s.unit.id == "phuong-1" and s.note is not None
    assert "Phường 11" in s.note and "«1»" in s.note
    sure = line("UBND PHƯỜNG 1", 200, 77, confs=(0.93, 0.92, 0.95))
    assert decide_sender(letter(sure, parent=parent), finder, "x.jpg").note is None


def test_a_speck_after_a_numbered_name_is_ink_where_a_digit_may_be(vung_tau):
    _plan, finder = vung_tau
    specked = line("UBND PHƯỜNG 1.", 200, 77)
    s = decide_sender(letter(specked, parent="UBND THÀNH PHỐ VŨNG TÀU"), finder, "x.jpg")
    assert s.note is not None and "Phường 10" in s.note


def test_a_piece_of_a_name_below_the_district_is_not_the_district_sending(cau_giay):
    _plan, finder = cau_giay
    piece = line("VỌNG HẬU", 240, 77)  # "UBND PHƯỜNG DỊCH" lost to a fold
    s = decide_sender(letter(piece), finder, "x.jpg")
    assert s.unit is None or s.note is not None


def test_the_grammar_of_damaged_sender_lines_gives_no_wrong_sender_but_confident_digits():
    """A slice of the tune half of `samples/returns/sender_damage.py`: no sender named
    wrong without review, except a digit misread with confidence (nothing on the page
    can tell it; the body does when it names the ward)."""
    from benchmarks.sender_damage import document, outcome

    finders = {name: UnitFinder(sender_damage.load(name)) for name in sender_damage.PLANS}
    wrong, flagged = [], 0
    for seed in range(0, 600, 2):
        case = sender_damage.draw(seed)
        assert case == sender_damage.draw(seed)  # seeded
        got = outcome(decide_sender(document(case), finders[case.plan], "x.jpg"), case.truth)
        flagged += got == "flagged"
        if got == "wrong":
            wrong.append((seed, case.damage, case.read))
    assert all(damage == "digit" for _, damage, _ in wrong), wrong
    assert len(wrong) <= 3 and flagged > 50


def _with_table(doc: ReadDocument) -> ReadDocument:
    from extract.document import Cell

    rows = [["TT", "Chỉ tiêu", "Kết quả thực hiện"], ["1", "Điều tra khám phá hình sự", "4"]]
    cells = [[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    doc.tables.append(Table(cells=cells))
    return doc


def test_a_scanned_letter_whose_sender_lost_its_last_word_is_for_review(tmp_path, cau_giay):
    """Real parts: Dịch Vọng Hậu's return typeset (LibreOffice), scanned at 200 dpi
    (pdftoppm), "HẬU" of its letterhead and the ward's name in the body wiped (a stain,
    a fold), read by the scan reader (Tesseract). The letterhead then reads Dịch Vọng's
    exact name, off the centre of the lines above and below it."""
    import pdfplumber
    from PIL import ImageDraw

    from benchmarks.scan_conditions import load_grammar
    from extract.formats.scan import read_scan

    plan, finder = cau_giay
    sc = load_grammar("conditions")
    docx = tmp_path / "r.docx"
    values = {i.id: 3 for i in plan.indicators}
    sc.return_pages.return_docx(plan, "dich-vong-hau", values, "30/BC-UBND", "An", docx, None)
    sc.convert_to_pdf([docx], tmp_path, timeout=300)
    pdf = tmp_path / "r.pdf"
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    hau = [w for w in words if w["text"] in ("HẬU", "Hậu")]
    assert len(hau) >= 2  # the letterhead's and the body's
    img = sc.return_media.rasterise_all(pdf, 200, tmp_path)[0]
    draw = ImageDraw.Draw(img)
    k = 200 / 72
    for w in hau:
        draw.rectangle(
            (w["x0"] * k - 2, w["top"] * k - 8, w["x1"] * k + 2, w["bottom"] * k + 2), 255
        )
    body = [w for w in words if w["text"] in ("Dịch", "Vọng") and w["top"] > 150]
    for w in body:  # the body's name gone too: only the letterhead names the sender
        draw.rectangle(
            (w["x0"] * k - 2, w["top"] * k - 8, w["x1"] * k + 2, w["bottom"] * k + 2), 255
        )
    scan = tmp_path / "r.png"
    img.save(scan, dpi=(200, 200))
    doc = read_scan(scan)
    s = decide_sender(doc, finder, scan.name)
    assert s.unit is not None and s.note is not None  # before: Dịch Vọng, without a doubt
    assert "Dịch Vọng Hậu" in s.note


def test_a_name_read_as_one_line_with_the_quoc_hieu_is_not_off_centre():
    """OCR may join the sender line with the quốc hiệu beside it: the joined line's
    centre is the page's, which says nothing about words lost ("Phú Trung" has the rival
    "Tân Phú Trung" that a lost first word would leave)."""
    plan = sender_damage.load("numbered")
    finder = UnitFinder(plan)
    joined = TextLine(
        "UBND PHƯỜNG PHÚ TRUNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        bbox=(110.0, 77.0, 555.0, 90.0),
        page_size=A4,
        word_confidences=tuple(0.93 for _ in range(12)),
    )
    doc = letter(joined, parent="UBND THÀNH PHỐ HÀ BÌNH")
    s = decide_sender(doc, finder, "x.jpg")
    assert s.unit is not None and s.unit.id == "phu-trung" and s.note is None
    shifted = line("UBND PHƯỜNG TÂN PHÚ TRUNG", 200, 77, shift=-0.0)
    shifted.bbox = (shifted.bbox[0] + 4 * CW, *shifted.bbox[1:])  # its first word lost
    shifted.text = "UBND PHƯỜNG PHÚ TRUNG"
    doc = letter(shifted, parent="UBND THÀNH PHỐ HÀ BÌNH")
    s = decide_sender(doc, finder, "x.jpg")
    assert s.note is not None and "Tân Phú Trung" in s.note


@pytest.mark.parametrize(
    "title",
    [
        "BẢNG TỔNG HỢP KẾT QUẢ NĂM 2026",
        "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN",
        "KẾT QUẢ THỰC HIỆN CHỈ TIÊU QUÝ III",
        "TỔNG HỢP KẾT QUẢ NĂM 2025",
    ],
)
def test_a_table_title_below_a_whole_letterhead_is_no_damaged_sender_line(cau_giay, title):
    """A roll-up sheet headed "UBND QUẬN CẦU GIẤY" then its title: "KẾT QUẢ" is one letter
    from "QUẬN", but a title ends the letterhead; it is no sender line a stamp damaged."""
    _plan, finder = cau_giay
    lines = [line("UBND QUẬN CẦU GIẤY", 200, 60), line(title, 300, 120)]
    s = decide_sender(ReadDocument("xlsx", lines=lines), finder, "tong-hop.xlsx")
    assert s.unit is not None and s.unit.id == "cau-giay" and s.note is None, s
