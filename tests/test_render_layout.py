"""The shared ND30 layer as pages: LibreOffice renders it, pdfplumber measures it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from chitieu.errors import RenderError
from chitieu.render.official import Column, OfficialDoc, Recipients, Row, Signature
from chitieu.render.pdf import convert_to_pdf

TITLE = "Kết quả thực hiện Tháng hành động phòng, chống ma túy năm 2021 trên địa bàn quận"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[pdfplumber.page.Page]:
    out = tmp_path_factory.mktemp("layout")
    doc = OfficialDoc(
        kind="BC",
        issuer="ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY",
        parent="THÀNH ỦY HÀ NỘI",
        number="35/BC-UBND",
        place="Cầu Giấy",
        date=date(2021, 7, 5),
        title=TITLE,
    )
    doc.kinh_gui(["Ủy ban nhân dân thành phố Hà Nội"])
    doc.bases(["Căn cứ Kế hoạch số 152/KH-UBND ngày 31/5/2021", "Căn cứ kết quả báo cáo"])
    doc.heading("I. Kết quả thực hiện")
    for n in range(14):
        doc.paragraph(f"{n + 1}. Nội dung báo cáo đoạn thứ {n + 1}, đủ dài để xuống dòng " * 2)
    doc.table(
        [Column("TT", 12), Column("Đơn vị", 80, align="left"), Column("Kết quả", 40)],
        [Row(["1", "Quan Hoa", "01"]), Row(["Tổng cộng", "01"], bold=True, span=2)],
    )
    doc.closing(
        Recipients(["UBND thành phố Hà Nội"], "Lưu: VT, TH."),
        Signature.of("CHỦ TỊCH", "Nguyễn Văn A", authority="TM. ỦY BAN NHÂN DÂN"),
    )
    docx_path = doc.save(out / "bao-cao.docx")
    (pdf,) = convert_to_pdf([docx_path], out)
    opened = pdfplumber.open(pdf)
    return list(opened.pages)


def words(page: pdfplumber.page.Page) -> list[dict]:
    return page.extract_words(keep_blank_chars=False, use_text_flow=True)


def line_of(page: pdfplumber.page.Page, first: str, last: str) -> tuple[float, float, float]:
    """(x0, x1, bottom) of the text line running from word `first` to word `last`."""
    ws = words(page)
    a = next(w for w in ws if w["text"] == first)
    b = next(w for w in ws if w["text"] == last and abs(w["top"] - a["top"]) < 3)
    return a["x0"], b["x1"], max(a["bottom"], b["bottom"])


def rules(page: pdfplumber.page.Page) -> list[tuple[float, float, float]]:
    """Horizontal segments (x0, x1, y) drawn on the page, from lines and thin rectangles."""
    out = [
        (ln["x0"], ln["x1"], ln["top"]) for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 1.5
    ]
    out += [
        (r["x0"], r["x1"], r["top"]) for r in page.rects if r["height"] < 1.5 and r["width"] > 10
    ]
    return out


def rule_under(
    page: pdfplumber.page.Page, x0: float, x1: float, bottom: float
) -> tuple[float, float, float]:
    """The first rule just under a text line and centred on it."""
    mid = (x0 + x1) / 2
    found = [
        r for r in rules(page) if 0 <= r[2] - bottom <= 12 and abs((r[0] + r[1]) / 2 - mid) < 8
    ]
    assert found, f"no rule under the line at y={bottom:.0f}"
    return min(found, key=lambda r: r[2])


def test_issuer_left_quoc_hieu_right(pages: list[pdfplumber.page.Page]) -> None:
    p1 = pages[0]
    half = p1.width / 2
    ws = words(p1)
    cong = next(w for w in ws if w["text"] == "CỘNG")
    thanh = next(w for w in ws if w["text"] == "THÀNH")
    assert cong["x0"] > half - 40 and thanh["x1"] < half
    assert abs(cong["top"] - thanh["top"]) < 4  # same top row
    so = next(w for w in ws if w["text"] == "Số:")
    date_word = next(w for w in ws if w["text"] == "Giấy,")
    assert so["x1"] < half < date_word["x0"] and abs(so["top"] - date_word["top"]) < 30


def test_rules_under_issuer_and_tieu_ngu(pages: list[pdfplumber.page.Page]) -> None:
    p1 = pages[0]
    x0, x1, bottom = line_of(p1, "Độc", "phúc")
    r = rule_under(p1, x0, x1, bottom)
    assert abs((r[1] - r[0]) - (x1 - x0)) <= 0.15 * (x1 - x0)  # as long as the text
    # issuer wraps: its widest line is "ỦY BAN NHÂN DÂN QUẬN" or similar; measure both lines
    ws = words(p1)
    issuer_words = [
        w for w in ws if w["text"] in {"ỦY", "BAN", "NHÂN", "DÂN", "QUẬN", "CẦU", "GIẤY"}
    ]
    issuer_words = [w for w in issuer_words if w["x1"] < p1.width / 2]
    widest = max(
        max(w["x1"] for w in group) - min(w["x0"] for w in group)
        for top in {round(w["top"]) for w in issuer_words}
        if (group := [w for w in issuer_words if abs(w["top"] - top) < 2])
    )
    lo = min(w["x0"] for w in issuer_words)
    hi = max(w["x1"] for w in issuer_words)
    rr = rule_under(p1, lo, hi, max(w["bottom"] for w in issuer_words))
    assert widest / 3 - 2 <= rr[1] - rr[0] <= widest / 2 + 2


def test_title_rule_and_page_numbers(pages: list[pdfplumber.page.Page]) -> None:
    p1 = pages[0]
    x0, x1, bottom = line_of(p1, "BÁO", "CÁO")
    assert abs((x0 + x1) / 2 - (p1.width + (30 - 15) * 72 / 25.4) / 2) < 6  # centred in the text
    # trích yếu (bold, wraps to two lines) then its rule, 1/3–1/2 of the widest line
    title_words = [w for w in words(p1) if bottom < w["top"] < bottom + 45]
    widest = max(
        max(w["x1"] for w in g) - min(w["x0"] for w in g)
        for t in {round(w["top"]) for w in title_words}
        if (g := [w for w in title_words if abs(w["top"] - t) < 2])
    )
    below = [r for r in rules(p1) if max(w["bottom"] for w in title_words) < r[2] < bottom + 60]
    assert below, "no rule under the trích yếu"
    length = below[0][1] - below[0][0]
    assert widest / 3 - 2 <= length <= widest / 2 + 2
    assert len(pages) >= 2
    top_words = lambda p: [w for w in words(p) if w["bottom"] < 20 * 72 / 25.4]  # noqa: E731
    assert top_words(p1) == []  # no page number on page 1
    number = top_words(pages[1])
    assert [w["text"] for w in number] == ["2"]
    mid = (number[0]["x0"] + number[0]["x1"]) / 2
    assert abs(mid - (pages[1].width + (30 - 15) * 72 / 25.4) / 2) < 6


def test_signature_right_of_noi_nhan(pages: list[pdfplumber.page.Page]) -> None:
    last = pages[-1]
    ws = words(last)
    noi = next(w for w in ws if w["text"] == "Nơi")
    tm = next(w for w in ws if w["text"] == "TM.")
    name = next(w for w in ws if w["text"] == "Nguyễn")
    assert noi["x1"] < last.width / 2 < tm["x0"]
    assert abs(noi["top"] - tm["top"]) < 6
    assert name["top"] > tm["top"] + 40  # room to sign and stamp


def test_convert_reports_missing_input(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="không có tệp"):
        convert_to_pdf([tmp_path / "none.docx"], tmp_path)


def test_two_conversions_at_once_do_not_collide(tmp_path: Path) -> None:
    """Each call has its own LibreOffice profile: two runs at the same time both finish."""
    from concurrent.futures import ThreadPoolExecutor

    paths = []
    for n in (1, 2):
        doc = OfficialDoc(
            kind="KH",
            issuer="ỦY BAN NHÂN DÂN PHƯỜNG QUAN HOA",
            number=f"0{n}/KH-UBND",
            place="Quan Hoa",
            date=date(2021, 6, n),
            title=f"Kế hoạch thử số {n}",
        )
        doc.paragraph(f"Nội dung kế hoạch thử số {n}.")
        paths.append(doc.save(tmp_path / f"in{n}" / f"kh-{n}.docx"))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda p: convert_to_pdf([p], p.parent / "pdf"), paths))
    for n, (pdf,) in enumerate(results, start=1):
        with pdfplumber.open(pdf) as opened:
            assert f"Nội dung kế hoạch thử số {n}." in opened.pages[0].extract_text()


def test_later_conversions_start_from_the_kept_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one clean call, a call starts from a copy of that profile (not an empty one)
    and converts as well; a reader process that ends with os._exit keeps no copy."""
    import tempfile

    from chitieu.render import pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "_template", None)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    docs = []
    for n in (1, 2):
        doc = OfficialDoc(
            kind="KH", issuer="ỦY BAN NHÂN DÂN PHƯỜNG QUAN HOA", number=f"0{n}/KH-UBND",
            place="Quan Hoa", date=date(2021, 6, n), title=f"Kế hoạch thử số {n}",
        )  # fmt: skip
        doc.paragraph(f"Nội dung kế hoạch thử số {n}.")
        docs.append(doc.save(tmp_path / f"kh-{n}.docx"))
    seen: list[bool] = []
    real_fill = pdf_mod._fill_from_template
    monkeypatch.setattr(
        pdf_mod, "_fill_from_template", lambda p: seen.append(real_fill(p)) or seen[-1]
    )
    for n, docx in enumerate(docs, start=1):
        (made,) = convert_to_pdf([docx], tmp_path / f"pdf{n}")
        with pdfplumber.open(made) as opened:
            assert f"Nội dung kế hoạch thử số {n}." in opened.pages[0].extract_text()
    assert seen == [False, True]
    (kept,) = (tmp_path / "tmp").glob("chitieu-lo-profile-*")
    assert (kept / "user" / "registrymodifications.xcu").is_file()

    monkeypatch.setattr(pdf_mod, "_template", None)
    monkeypatch.setattr(pdf_mod, "_may_keep", True)
    pdf_mod.keep_no_profile()  # what the reader server says before forking readers
    convert_to_pdf([docs[0]], tmp_path / "pdf3")
    assert pdf_mod._template is None
    assert list((tmp_path / "tmp").glob("chitieu-lo-profile-*")) == [kept]
