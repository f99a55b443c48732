"""The text-PDF reader on PDFium (issue 14) reads what the pdfplumber reader read.

Differential: PDFs from a grammar of variation (`tests/pdf_grammar.py`: portrait and
landscape pages, /Rotate 0/90/180/270, letterheads in two halves, prose in several
sizes, ruled tables drawn as rectangles or lines with spanning header and label cells
and headers written up or down their cell, Vietnamese drawn composed or decomposed) give
the same lines and the same table cells as pdfplumber's words and tables did, and cell
boxes within one rounding step (0.1 pt).
Returns turned by /Rotate give the same records; decomposed marks come out NFC; reading
from several threads at once (PDFium is not thread-safe) gives what one thread gives.
"""

from __future__ import annotations

import random
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pdf_grammar import FONTS, make_pdf, pdfium_read, plumber_read, rotate_pages

from chitieu.plan import Plan, load_plan
from extract import extract_file, read_document

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"


def _within(a: tuple | None, b: tuple | None, step: float) -> bool:
    """Two boxes equal to one rounding step (PDFium keeps coordinates in single precision;
    pdfminer computed `x + width` of a rectangle in double)."""
    assert a is not None and b is not None
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= step + 1e-9


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@pytest.mark.parametrize("seed", range(12))
def test_reads_what_pdfplumber_read(seed: int, tmp_path: Path) -> None:
    pdf = tmp_path / f"g{seed}.pdf"
    make_pdf(seed, pdf)
    old, new = plumber_read(pdf), pdfium_read(pdf)
    # Where a header is written up or down its cell, its words' place among the page's
    # lines depends on the font's descent, which pdfminer takes from the font descriptor
    # and PDFium does not give: there the same words, in lines that may differ.
    flat = [line for line in old["lines"] if line[0] not in old["turned"]]
    assert [line for line in new["lines"] if line[0] not in old["turned"]] == flat
    for page in old["turned"]:
        words = [
            sorted(" ".join(t for p, t in got["lines"] if p == page).split()) for got in (old, new)
        ]
        assert words[0] == words[1]
    assert len(new["tables"]) == len(old["tables"]) > 0
    for t_old, t_new in zip(old["tables"], new["tables"], strict=True):
        assert [[c and c[0] for c in row] for row in t_new] == [
            [c and c[0] for c in row] for row in t_old
        ]
        for r_old, r_new in zip(t_old, t_new, strict=True):
            for c_old, c_new in zip(r_old, r_new, strict=True):
                if c_old is not None:
                    assert _within(c_new[1], c_old[1], 0.1)


@pytest.mark.parametrize(
    "name", ["bc-yen-hoa-2row.pdf", "bc-tong-hop-2-trang.pdf", "annex-152-cau-giay.pdf"]
)
def test_a_turned_return_gives_the_same_records(name: str, plan: Plan, tmp_path: Path) -> None:
    """Two-row headers with a spanning cell, a table continued over a page break, an
    annex: each page turned by a random /Rotate, its content counter-turned."""
    src = RETURNS / "pdf" / name
    turned = tmp_path / name
    turned.write_bytes(src.read_bytes())
    rng = random.Random(name)
    rotations = [rng.choice([90, 180, 270]) for _ in range(read_document(src).page_count)]
    rotate_pages(turned, rotations)

    def seen(path: Path) -> list[tuple]:
        got = extract_file(path, plan)
        return sorted(
            (r.unit, r.indicator, r.value, r.needs_review, r.where.page, r.where.cell)
            for r in got.records
        )

    want = seen(src)
    assert want and seen(turned) == want
    boxes = {
        (r.unit, r.indicator): r.where.bbox for r in extract_file(src, plan).records if r.where
    }
    for r in extract_file(turned, plan).records:
        assert r.where.bbox is not None
        assert _within(r.where.bbox, boxes[(r.unit, r.indicator)], 0.1)


def test_decomposed_vietnamese_reads_composed(tmp_path: Path) -> None:
    """A font that draws 'ố' as o + ̂ + ́ (three glyphs): the marks keep their order."""
    from fpdf import FPDF

    words = ["Tổng số", "người nghiện", "Kết quả", "Ủy ban nhân dân", "Hưng Yên", "đưa CNBB"]
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("serif", "", str(FONTS / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", size=13)
    for i, text in enumerate(words):
        pdf.text(72, 100 + 30 * i, unicodedata.normalize("NFD", text))
    path = tmp_path / "nfd.pdf"
    pdf.output(str(path))
    assert [line.text for line in read_document(path).lines] == words


def test_threads_read_as_one_thread_does(tmp_path: Path) -> None:
    """Text PDFs read, and a scanned PDF's pages rendered, from four threads at once."""
    from extract.ocr.pages import render_pdf_pages
    from extract.settings import ScanSettings

    pdfs = sorted((RETURNS / "pdf").glob("*.pdf"))
    scan = sorted((RETURNS / "scan").glob("*.pdf"))[0]

    def view(path: Path) -> tuple:
        doc = read_document(path)
        return (
            [ln.text for ln in doc.lines],
            [[[c and (c.text, c.where.bbox) for c in row] for row in t.cells] for t in doc.tables],
        )

    alone = [view(p) for p in pdfs]
    pages = [p.gray.shape for p in render_pdf_pages(scan, ScanSettings())]
    with ThreadPoolExecutor(max_workers=4) as pool:
        renders = [pool.submit(render_pdf_pages, scan, ScanSettings()) for _ in range(2)]
        together = list(pool.map(view, pdfs * 3))
        assert [[p.gray.shape for p in r.result()] for r in renders] == [pages, pages]
    assert together == alone * 3


def test_text_drawn_twice_over_itself_reads_once(tmp_path: Path) -> None:
    """Fake bold (the same words drawn again a fraction of a point aside): PDFium keeps
    one copy, where pdfminer read "UUBBNNDD"."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("serif", "", str(FONTS / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", size=13)
    for shift in (0.0, 0.0, 0.3):
        pdf.text(72 + shift, 100, "UBND PHƯỜNG QUAN HOA")
    path = tmp_path / "bold.pdf"
    pdf.output(str(path))
    assert [line.text for line in read_document(path).lines] == ["UBND PHƯỜNG QUAN HOA"]
