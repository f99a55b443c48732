"""Text-layer PDFs nobody here laid out, from a grammar of variation (seeded): fpdf2 pages
(portrait or landscape) with a two-halves letterhead, prose lines in several sizes, and
ruled tables — cells drawn as rectangles or as lines, a header cell spanning a group of
sub-columns, a label cell spanning rows, a header written up or down its cell, Vietnamese
text in NFC or decomposed (NFD, the marks drawn as glyphs of their own), numbers — each page turned by /Rotate 0/90/180/270
with its content counter-turned, so that it displays upright.

`plumber_read` is the reader before issue 14 (pdfplumber's words and tables, the same
line grouping and cell cleaning), the oracle the PDFium reader is compared with.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Any

FONTS = Path("/usr/share/fonts/truetype/liberation2")  # fonts-liberation2 (install-system.sh)
WORDS = [
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "phường",
    "xã",
    "thị",
    "trấn",
    "Quan",
    "Hoa",
    "Nghĩa",
    "Đô",
    "Dịch",
    "Vọng",
    "Hậu",
    "Trung",
    "Hòa",
    "Yên",
    "Lập",
    "hồ",
    "sơ",
    "đưa",
    "người",
    "nghiện",
    "ma",
    "túy",
    "đi",
    "cai",
    "nghiện",
    "bắt",
    "buộc",
    "tự",
    "nguyện",
    "tại",
    "cộng",
    "đồng",
    "Kết",
    "quả",
    "thực",
    "hiện",
    "Chỉ",
    "tiêu",
    "giao",
    "Tỷ",
    "lệ",
    "Ghi",
    "chú",
    "Tổng",
    "số",
    "Trong",
    "đó",
    "Nam",
    "Nữ",
    "tháng",
    "năm",
    "báo",
    "cáo",
    "công",
    "tác",
    "phòng",
    "chống",
    "tội",
    "phạm",
    "Nghị",
    "định",
    "111/2013/NĐ-CP",
    "CNBB",
    "CNTN",
    "số",
    "vụ",
    "đối",
    "tượng",
    "bị",
    "bắt",
    "giữ",
    "tuyên",
    "truyền",
    "lượt",
    "người",
    "tham",
    "gia",
]


def _text(rng: random.Random, n: int, nfd: bool) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return unicodedata.normalize("NFD" if nfd else "NFC", text)


def make_pdf(seed: int, path: Path) -> None:
    """One PDF of 1-3 pages drawn from the grammar."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(unit="pt", format="A4", orientation=rng.choice("PL"))
    pdf.add_font("serif", "", str(FONTS / "LiberationSerif-Regular.ttf"))
    pdf.add_font("serif", "B", str(FONTS / "LiberationSerif-Bold.ttf"))
    pdf.set_auto_page_break(False)
    rotations = []
    for _ in range(rng.randint(1, 3)):
        pdf.add_page()
        rotations.append(rng.choice([0, 90, 180, 270]))
        nfd = rng.random() < 0.5
        left = rng.uniform(50, 90)
        y = rng.uniform(50, 80)
        size = rng.choice([12, 13, 14])
        pdf.set_font("serif", "B", size)
        pdf.text(left, y, _text(rng, 3, nfd))  # letterhead: two halves, one baseline
        pdf.text(pdf.w / 2 + rng.uniform(0, 40), y, _text(rng, 3, nfd))
        y += size * 2
        for _ in range(rng.randint(1, 4)):
            size = rng.choice([11, 12, 13, 14])
            pdf.set_font("serif", "", size)
            pdf.text(left, y, _text(rng, rng.randint(3, 9), nfd))
            y += size * rng.uniform(1.3, 2.2)
        y = _table(pdf, rng, left, y + 10, nfd)
        if y < pdf.h - 60:
            pdf.set_font("serif", "", 12)
            pdf.text(left, y + 20, _text(rng, 5, nfd))
    pdf.output(str(path))
    rotate_pages(path, rotations)


def _table(pdf: Any, rng: random.Random, left: float, top: float, nfd: bool) -> float:
    """A ruled table: a label column, a group header over sub-columns, number rows."""
    n_sub = rng.randint(2, 4)
    widths = [rng.uniform(90, 140)] + [rng.uniform(45, 80) for _ in range(n_sub + 1)]
    widths = widths[: 1 + n_sub + 1]
    head_h = rng.uniform(22, 34)
    row_h = rng.uniform(18, 30)
    n_rows = rng.randint(2, 6)
    size = rng.choice([10, 11, 12])
    as_rects = rng.random() < 0.5
    pdf.set_line_width(rng.choice([0.3, 0.5, 0.75, 1.0]))
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    # cells: (x0, y0, x1, y1, text)
    cells: list[tuple[float, float, float, float, str]] = []
    y1 = top + head_h
    y2 = y1 + head_h
    cells.append((xs[0], top, xs[1], y2, _text(rng, 2, nfd)))  # label spans both header rows
    cells.append((xs[1], top, xs[1 + n_sub], y1, _text(rng, 3, nfd)))  # group header
    cells.append((xs[1 + n_sub], top, xs[-1], y2, _text(rng, 1, nfd)))
    for i in range(n_sub):
        cells.append((xs[1 + i], y1, xs[2 + i], y2, _text(rng, 1, nfd)))
    y = y2
    for _ in range(n_rows):
        cells.append((xs[0], y, xs[1], y + row_h, _text(rng, 2, nfd)))
        for i in range(1, len(widths)):
            value = rng.choice(["0", "01", "7", "12", "-", "1.234", str(rng.randint(0, 999))])
            cells.append((xs[i], y, xs[i + 1], y + row_h, value))
        y += row_h
    pdf.set_font("serif", "", size)
    turn = rng.choice([0, 0, 90, 270])  # a header written up or down the cell
    for x0, c0, x1, c1, text in cells:
        if as_rects:
            pdf.rect(x0, c0, x1 - x0, c1 - c0)
        else:
            for a, b, c, d in (
                (x0, c0, x1, c0),
                (x0, c1, x1, c1),
                (x0, c0, x0, c1),
                (x1, c0, x1, c1),
            ):
                pdf.line(a, b, c, d)
        vertical = turn and (x1, c0) == (xs[-1], top)  # the last header cell, turned
        room = (c1 - c0 if vertical else x1 - x0) - 6
        while text and pdf.get_string_width(text) > room:
            text = text.rsplit(" ", 1)[0] if " " in text else text[:-1]
        if vertical:
            cx, cy = (x0 + x1) / 2, (c0 + c1) / 2
            with pdf.rotation(turn, cx, cy):
                pdf.text(cx - pdf.get_string_width(text) / 2, cy + size * 0.35, text)
            continue
        baseline = (c0 + c1) / 2 + size * 0.35
        pdf.text(x0 + 3, baseline, text)
    return y


def rotate_pages(path: Path, rotations: list[int]) -> None:
    """Each page's /Rotate set, its content counter-turned: it displays as drawn."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page, rot in zip(pdf.pages, rotations, strict=True):
            if not rot:
                continue
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            w, h = x1 - x0, y1 - y0
            cm = {
                90: f"0 1 -1 0 {h} 0",
                180: f"-1 0 0 -1 {w} {h}",
                270: f"0 -1 1 0 0 {w}",
            }[rot]
            page.contents_coalesce()
            body = page.Contents.read_bytes()
            page.Contents = pdf.make_stream(f"q {cm} cm\n".encode() + body + b"\nQ")
            if rot in (90, 270):
                page.MediaBox = pikepdf.Array([0, 0, h, w])
            page.Rotate = rot
        pdf.save(path)


def plumber_read(path: Path) -> dict[str, Any]:
    """Lines and tables as the pdfplumber reader gave them (before issue 14)."""
    import pdfplumber

    from extract.formats.pdf_words import Word, lines
    from extract.text import nfc

    out: dict[str, Any] = {"lines": [], "tables": [], "turned": set()}
    with pdfplumber.open(path) as pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            if any(not ch["upright"] for ch in page.chars):
                out["turned"].add(pno)
            found = [
                Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
                for w in page.extract_words(use_text_flow=False)
            ]
            out["lines"] += [(pno, text) for text, _ in lines(found)]
            for table in page.find_tables():
                texts = table.extract()
                out["tables"].append(
                    [
                        [
                            None
                            if box is None
                            else (
                                nfc(" ".join((texts[r][c] or "").split())),
                                tuple(round(v, 1) for v in box),
                            )
                            for c, box in enumerate(row.cells)
                        ]
                        for r, row in enumerate(table.rows)
                    ]
                )
    return out


def pdfium_read(path: Path) -> dict[str, Any]:
    """The same view of the PDFium reader's document."""
    from extract.formats.pdf import open_pdf, read_pdf
    from extract.limits import DEFAULT_LIMITS

    doc = read_pdf(open_pdf(path, DEFAULT_LIMITS))
    tables = []
    for t in doc.tables:
        rows = []
        for r, row in enumerate(t.cells):
            seen: list[Any] = []
            for c, cell in enumerate(row):
                # a merged position repeats its covering cell: pdfplumber gives None there
                own = cell is not None and (cell.row, cell.col) == (r, c)
                seen.append((cell.text, cell.where.bbox) if own and cell else None)
            rows.append(seen)
        tables.append(rows)
    return {"lines": [(ln.page, ln.text) for ln in doc.lines], "tables": tables}
