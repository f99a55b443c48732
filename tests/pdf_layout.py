"""What a văn thư sees on a printed plan, read from the PDF with pdfplumber word positions.

Each check returns a list of problems in plain words (empty when the PDF is right), so that
a failing test says what is wrong on which page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from pdf_lines import MM, Line, line_texts, lines_of, page_line_texts, page_lines, page_words
from pdf_tables import (
    continued_tables_name_period,
    continued_tables_repeat_header,
    every_period_printed,
    short_tables_unsplit,
    table_text_clear_of_rules,
    tables_inside_text_area,
)

from chitieu.plan import Plan
from chitieu.render.letterhead import CELL_PAD_MM, ISSUER_PT, LEFT_MM
from chitieu.render.metrics import text_width_pt
from chitieu.render.page import MARGIN_LEFT_MM, MARGIN_RIGHT_MM

PLACE_KINDS = re.compile(r"\b(THÀNH PHỐ|TỈNH|QUẬN|HUYỆN|THỊ XÃ|THỊ TRẤN|PHƯỜNG|XÃ(?! HỘI))\s")


def words_inside_pages(pdf: Path) -> list[str]:
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            for w in page.extract_words():
                if w["x0"] < 0 or w["x1"] > page.width or w["top"] < 0 or w["bottom"] > page.height:
                    out.append(f"trang {n}: “{w['text']}” ra ngoài trang")
    return out


def letterhead_lines(pdf: Path) -> list[str]:
    """The issuer block's lines: the top-left column of page 1 down to "Số:"."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        column = (MARGIN_LEFT_MM + LEFT_MM) * MM
        words = [w for w in page.extract_words() if w["x1"] < column]
    lines = line_texts(words)
    out = []
    for ln in lines:
        if ln.startswith("Số"):
            break
        out.append(ln)
    return out


def letterhead_unbroken(pdf: Path, issuer: str) -> list[str]:
    """The issuer prints whole, and its place name ("THÀNH PHỐ VŨNG TÀU") on one line."""
    lines = letterhead_lines(pdf)
    joined = " ".join(lines)
    problems = []
    if " ".join(issuer.upper().split()) not in joined:
        problems.append(f"tên cơ quan “{issuer}” không in đủ: {lines}")
    starts = [m.start() for m in PLACE_KINDS.finditer(issuer.upper()) if m.start() > 0]
    if starts:
        place = issuer.upper()[starts[-1] :].strip()
        fits = text_width_pt(place, ISSUER_PT, bold=True) <= (LEFT_MM - 2 * CELL_PAD_MM) * MM
        if fits and not any(place in ln for ln in lines):
            problems.append(f"địa danh “{place}” bị ngắt dòng: {lines}")
    for ln in lines:
        if re.search(r"\b(THÀNH|THỊ|ỦY BAN NHÂN)$", ln):
            problems.append(f"dòng tiêu đề ngắt giữa tên: “{ln}”")
    return problems


def page_numbers_right(pdf: Path) -> list[str]:
    """ND30: the page number is in the top margin, centred over the text, 13–14 pt, not on
    the first page; each phụ lục numbers its pages from 1 again, its first page unnumbered."""
    from chitieu.render.page import MARGIN_TOP_MM

    out = []
    expected = 1
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            lines = page_line_texts(page)
            in_margin = [w for w in page.extract_words() if w["bottom"] < MARGIN_TOP_MM * MM]
            body = [t for top, t in lines if top >= (MARGIN_TOP_MM - 2) * MM]
            first = n == 1 or (body and re.fullmatch(r"Phụ lục( [IVXLC]+)?", body[0]))
            if first:
                expected = 1
                if in_margin:
                    out.append(f"trang {n}: trang đầu có số trang “{in_margin[0]['text']}”")
                continue
            expected += 1
            if [w["text"] for w in in_margin] != [str(expected)]:
                out.append(
                    f"trang {n}: lề trên ghi {[w['text'] for w in in_margin]}, "
                    f"phải là số trang {expected}"
                )
                continue
            w = in_margin[0]
            centre = (MARGIN_LEFT_MM * MM + page.width - MARGIN_RIGHT_MM * MM) / 2
            if abs((w["x0"] + w["x1"]) / 2 - centre) > 3 * MM:
                out.append(f"trang {n}: số trang không ở giữa vùng chữ")
            sizes = {round(c["size"]) for c in page.chars if c["bottom"] < MARGIN_TOP_MM * MM}
            if not sizes <= {13, 14}:
                out.append(f"trang {n}: số trang cỡ {sorted(sizes)} pt, phải 13–14 pt")
    return out


def fonts_are_times(pdf: Path) -> list[str]:
    """Every glyph in Times New Roman or its metric twin Liberation Serif: no fallback font
    for a Vietnamese letter the template's font would lack."""
    seen: set[str] = set()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            seen |= {c["fontname"].split("+")[-1] for c in page.chars}
    odd = sorted(f for f in seen if not re.match(r"(LiberationSerif|TimesNewRoman|Times)", f))
    return [f"phông chữ ngoài Times New Roman: {', '.join(odd)}"] if odd else []


def date_line_whole(pdf: Path) -> list[str]:
    """The place-and-date line of page 1 keeps "ngày … tháng … năm YYYY" on one line (a
    long place name may push the date under it, never the year away from "năm")."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        column = (MARGIN_LEFT_MM + LEFT_MM) * MM
        words = [w for w in page.extract_words() if w["x0"] >= column - 1]
    lines = line_texts(words)
    for ln in lines:
        # a blank form leaves the day and month for the văn thư: "ngày    tháng    năm 2022"
        # a report not yet dated leaves the year to the văn thư too: "ngày  tháng  năm"
        if re.search(r"\bngày (\d{2} )?tháng (\d{1,2} )?năm( \d{4}\b|$)", ln):
            return []
    return [f"dòng địa danh, ngày tháng bị ngắt: {[x for x in lines if 'ngày' in x or 'năm' in x]}"]


def signature_complete(pdf: Path, plan: Plan) -> list[str]:
    """TM./KT. lines, the title, then a name (or the dotted line for it), in that order."""
    signer = plan.document.signer_or_default
    want = [x for x in (signer.authority, signer.delegation, signer.title) if x]
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            first = want[0].split()[0]
            anchors = [w for w in words if w["text"] == first and w["x0"] > page.width * 0.4]
            for a in anchors:
                row = [w for w in words if abs(w["top"] - a["top"]) < 2 and w["x0"] >= a["x0"]]
                x0, x1 = a["x0"], max(w["x1"] for w in row)
                centre, half = (x0 + x1) / 2, (x1 - x0) / 2 + 20
                column = [
                    w
                    for w in words
                    if w["top"] >= a["top"] - 1 and abs((w["x0"] + w["x1"]) / 2 - centre) < half
                ]
                lines = line_texts(column)
                if lines[: len(want)] != want:
                    continue
                rest = lines[len(want) :]
                name = signer.name or "…"
                if not rest or name not in rest[0]:
                    return [f"thiếu dòng họ tên dưới chức vụ: {rest[:2]}"]
                return []
    return [f"không thấy khối chữ ký “{want[0]}”"]


def signature_with_text(pdf: Path, first_line: str) -> list[str]:
    """The signing block does not open a page: text of the document stands above it."""
    first = first_line.split()[0]
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            words = page.extract_words()
            anchors = [w for w in words if w["text"] == first and w["x0"] > page.width * 0.4]
            row = [
                " ".join(
                    w["text"] for w in words if abs(w["top"] - a["top"]) < 2 and w["x0"] >= a["x0"]
                )
                for a in anchors
            ]
            hits = [a for a, text in zip(anchors, row, strict=True) if text.startswith(first_line)]
            if not hits:
                continue
            top = hits[-1]["top"]
            above = [
                t for y, t in page_line_texts(page) if y < top - 2 and not re.fullmatch(r"\d+", t)
            ]
            return [] if above else [f"trang {n}: khối chữ ký đứng riêng một trang"]
    return [f"không thấy khối chữ ký “{first_line}”"]


def symbols_unbroken(pdf: Path) -> list[str]:
    """No line ends inside a document symbol ("884/KH-" with "UBND" on the next line)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            for _, text in page_line_texts(page):
                if re.search(r"[0-9A-ZĐ]-$", text):
                    out.append(f"trang {n}: số, ký hiệu văn bản bị ngắt dòng: “{text[-30:]}”")
    return out


def number_level_with_date(pdf: Path) -> list[str]:
    """ND30 ô 3 and ô 4 share a row: "Số: …" and the first line of the place-and-date
    under the Tiêu ngữ stand on one baseline (±2 pt), however tall the issuer's block."""
    with pdfplumber.open(pdf) as doc:
        words = page_words(doc.pages[0])
    column = (MARGIN_LEFT_MM + LEFT_MM) * MM
    so = [w for w in words if w["text"].startswith("Số") and w["x1"] < column]
    right = lines_of([w for w in words if w["x0"] >= column - 1])
    motto = next((n for n, ln in enumerate(right) if ln.text.startswith("Độc lập")), None)
    if not so or motto is None or motto + 1 >= len(right):
        return ["trang 1: không thấy dòng “Số:” hoặc dòng địa danh, ngày tháng"]
    date = right[motto + 1]
    date_words = [w for w in words if w["x0"] >= column - 1 and abs(w["top"] - date.top) < 2]
    gap = max(w["bottom"] for w in date_words) - so[0]["bottom"]
    if abs(gap) > 2:
        return [
            f"trang 1: dòng “Số:” và dòng “{date.text[:25]}…” lệch nhau {abs(gap):.0f} pt, "
            "phải cùng một hàng"
        ]
    return []


TYPE_NAMES = ("KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH", "THÔNG BÁO", "TỜ TRÌNH")
PLACE_IN_TITLE = re.compile(
    r"\b(?i:thành phố|tỉnh|quận|huyện|thị xã|thị trấn|phường|xã)"
    r"(?:\s+(?:[A-ZĐ0-9ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]\S*|-))+"
)


def _bold_block(lines: list[Line], head: int) -> list[str]:
    """The bold lines right under line `head`, one after the other."""
    block: list[str] = []
    last = lines[head].top
    for ln in lines[head + 1 :]:
        if not ln.bold or ln.top - last > 20:
            break
        block.append(ln.text)
        last = ln.top
    return block


def title_lines_whole(pdf: Path) -> list[str]:
    """The trích yếu under the tên loại, and a phụ lục's title under "Phụ lục I", break as
    a văn thư sets them: never inside a place's name ("quận Hai Bà" / "Trưng", "tỉnh" /
    "Kon Tum") and never leaving one word alone on the last line."""
    titles: list[tuple[int, list[str]]] = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            lines = page_lines(page)
            for k, ln in enumerate(lines[:3] if n > 1 else lines):
                if ln.text in TYPE_NAMES or re.fullmatch(r"Phụ lục( [IVXLC]+)?", ln.text):
                    titles.append((n, _bold_block(lines, k)))
                    break
    out = []
    for n, title in titles:
        if len(title) > 1 and len(title[-1].split()) == 1:
            out.append(f"trang {n}: tiêu đề để một chữ “{title[-1]}” một mình ở dòng cuối")
        for m in PLACE_IN_TITLE.finditer(" ".join(title)):
            if not any(m.group(0) in t for t in title):
                out.append(f"trang {n}: tiêu đề ngắt dòng giữa địa danh “{m.group(0)}”: {title}")
    return out


def document_problems(pdf: Path) -> list[str]:
    """The checks of any document we print, a plan or a return form."""
    return [
        *words_inside_pages(pdf),
        *tables_inside_text_area(pdf),
        *fonts_are_times(pdf),
        *page_numbers_right(pdf),
        *date_line_whole(pdf),
        *number_level_with_date(pdf),
        *title_lines_whole(pdf),
        *symbols_unbroken(pdf),
        *continued_tables_repeat_header(pdf),
        *table_text_clear_of_rules(pdf),
    ]


def _first_signing_line(plan: Plan) -> str:
    s = plan.document.signer_or_default
    return next(x for x in (s.authority, s.delegation, s.title) if x).upper()


def all_problems(pdf: Path, plan: Plan) -> list[str]:
    return [
        *document_problems(pdf),
        *letterhead_unbroken(pdf, plan.document.issuer),
        *signature_complete(pdf, plan),
        *signature_with_text(pdf, _first_signing_line(plan)),
        *every_period_printed(pdf, plan),
        *short_tables_unsplit(pdf, plan),
        *continued_tables_name_period(pdf, plan),
    ]


__all__ = [
    "Line",
    "all_problems",
    "continued_tables_repeat_header",
    "date_line_whole",
    "document_problems",
    "every_period_printed",
    "fonts_are_times",
    "letterhead_lines",
    "letterhead_unbroken",
    "lines_of",
    "number_level_with_date",
    "page_lines",
    "page_numbers_right",
    "page_words",
    "short_tables_unsplit",
    "signature_complete",
    "signature_with_text",
    "table_text_clear_of_rules",
    "tables_inside_text_area",
    "title_lines_whole",
    "words_inside_pages",
]
