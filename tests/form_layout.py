"""What a văn thư sees on a printed return form (the báo cáo a unit fills and signs), read
from the PDF with pdfplumber: the bounds of /work/shared/nd30.md a form can break.

Each check returns problems in plain words (empty when the page is right). The plan PDF's
checks of tests/pdf_layout.py that apply to any document run too (`form_problems`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from form_closing import closing_fonts, closing_with_text, signing_block
from form_lines import Expected, Line, first_page_words, page_lines, page_words, size_ok
from pdf_layout import document_problems, letterhead_unbroken

from chitieu.render.letterhead import LEFT_MM
from chitieu.render.page import MARGIN_LEFT_MM

MM = 72 / 25.4
QUOC_HIEU = re.compile(r"CỘNG H(Ò|OÀ)A XÃ HỘI CHỦ NGHĨA VIỆT NAM")
NUMBER = re.compile(r"^Số: ?(\d{2,}|\s*)/BC(-[A-ZĐ0-9]+)*$")


def issuer_block(pdf: Path, want: Expected) -> list[str]:
    """ND30 ô 2: the managing body (uppercase, not bold, 12–13 pt) above the issuing body
    (uppercase, bold, 12–13 pt); the issuer printed whole."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        column = (MARGIN_LEFT_MM + LEFT_MM) * MM
        lines = page_lines(page, [w for w in page_words(page) if w["x1"] < column])
    block = []
    for ln in lines:
        if ln.text.startswith("Số"):
            break
        block.append(ln)
    out = []
    parents = [ln for ln in block if not ln.bold]
    issuers = [ln for ln in block if ln.bold]
    if not issuers:
        return [f"không có tên cơ quan ban hành (chữ đậm): {[x.text for x in block]}"]
    if parents and parents[-1].top > issuers[0].top:
        out.append("dòng cơ quan chủ quản phải ở trên tên cơ quan ban hành")
    parent_text = " ".join(x.text for x in parents)
    if want.parent is None and parents:
        out.append(f"thừa dòng cơ quan chủ quản “{parent_text}”")
    if want.parent is not None and parent_text != " ".join(want.parent.upper().split()):
        out.append(f"dòng cơ quan chủ quản là “{parent_text}”, phải là “{want.parent.upper()}”")
    for ln in block:
        if ln.text != ln.text.upper():
            out.append(f"tiêu đề cơ quan không viết hoa: “{ln.text}”")
        if not size_ok(ln, 12, 13):
            out.append(f"tiêu đề cơ quan cỡ {sorted(ln.sizes)} pt, phải 12–13: “{ln.text}”")
    issuer = " ".join(x.text for x in issuers)
    if " ".join(want.issuer_words.upper().split()) not in issuer:
        out.append(f"tên cơ quan ban hành là “{issuer}”, phải có “{want.issuer_words.upper()}”")
    return out + letterhead_unbroken(pdf, want.issuer_words)


def national_heading(pdf: Path) -> list[str]:
    """Quốc hiệu bold 12–13 pt, Tiêu ngữ exactly "Độc lập - Tự do - Hạnh phúc" bold 13–14."""
    column = (MARGIN_LEFT_MM + LEFT_MM) * MM
    lines = page_lines(None, [w for w in first_page_words(pdf) if w["x0"] >= column - 1])
    out = []
    qh = [ln for ln in lines if QUOC_HIEU.search(ln.text)]
    if not qh:
        out.append("thiếu Quốc hiệu")
    elif not (qh[0].bold and size_ok(qh[0], 12, 13)):
        out.append(f"Quốc hiệu phải đậm, 12–13 pt (cỡ {sorted(qh[0].sizes)})")
    tn = [ln for ln in lines if "Độc lập" in ln.text]
    if not tn or not tn[0].text.endswith("Độc lập - Tự do - Hạnh phúc"):
        out.append("thiếu Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”")
    elif not (tn[0].bold and size_ok(tn[0], 13, 14)):
        out.append(f"Tiêu ngữ phải đậm, 13–14 pt (cỡ {sorted(tn[0].sizes)})")
    return out


def number_and_title(pdf: Path, want: Expected) -> list[str]:
    """ "Số: …/BC-<ký hiệu of the unit>" 13 pt upright; "BÁO CÁO" bold 13–14 centred, the
    trích yếu bold and not uppercase under it, no "V/v" (that is for công văn); the date
    line italic 13–14."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        lines = page_lines(page)
        width = page.width
    out = []
    column = (MARGIN_LEFT_MM + LEFT_MM) * MM
    so = [
        ln
        for ln in page_lines(None, [w for w in first_page_words(pdf) if w["x1"] < column])
        if ln.text.startswith("Số")
    ]
    if not so:
        out.append("thiếu dòng “Số:”")
    else:
        if not NUMBER.match(so[0].text):
            out.append(f"số, ký hiệu “{so[0].text}” sai mẫu “Số: …/BC-…”")
        elif want.symbol and not so[0].text.endswith(f"/BC-{want.symbol}"):
            out.append(f"số, ký hiệu “{so[0].text}” phải là “Số: …/BC-{want.symbol}”")
        if so[0].bold or so[0].italic or not size_ok(so[0], 13, 13):
            out.append("dòng “Số:” phải chữ đứng, không đậm, 13 pt")
    right = page_lines(None, [w for w in first_page_words(pdf) if w["x0"] >= column - 1])
    date = [ln for ln in right if re.search(r"\bngày\b.*\bnăm \d{4}$", ln.text)]
    if not date:
        out.append("thiếu dòng địa danh, ngày tháng")
    elif not (date[0].italic and size_ok(date[0], 13, 14)):
        out.append(f"dòng ngày tháng phải nghiêng, 13–14 pt: “{date[0].text}”")
    names = [i for i, ln in enumerate(lines) if ln.text == "BÁO CÁO"]
    if not names:
        return [*out, "thiếu tên loại “BÁO CÁO”"]
    head = lines[names[0]]
    centre = (head.x0 + head.x1) / 2
    text_centre = (MARGIN_LEFT_MM * MM + width - 15 * MM) / 2
    if not (head.bold and size_ok(head, 13, 14)):
        out.append("“BÁO CÁO” phải đậm, 13–14 pt")
    if abs(centre - text_centre) > 8 * MM:
        out.append("“BÁO CÁO” không ở giữa")
    title = lines[names[0] + 1] if names[0] + 1 < len(lines) else None
    if title is None or not title.bold or title.text == title.text.upper():
        out.append("trích yếu dưới “BÁO CÁO” phải chữ thường, đậm")
    elif title.text.startswith("V/v"):
        out.append("báo cáo không dùng “V/v”")
    elif not size_ok(title, 13, 14):
        out.append(f"trích yếu cỡ {sorted(title.sizes)} pt, phải 13–14")
    return out


def qr_clear_on_first_page(pdf: Path) -> list[str]:
    """The QR code is on page 1, inside the page, bottom left, and no text runs over it."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        images = [i for i in page.images if i["x1"] - i["x0"] > 15 * MM]
        if not images:
            return ["trang 1: thiếu mã QR nhận dạng biểu mẫu"]
        qr = images[0]
        out = []
        if qr["bottom"] > page.height or qr["top"] < page.height / 2:
            out.append("trang 1: mã QR không ở nửa dưới trang")
        for w in page.extract_words():
            if (  # 1 pt: the caption may touch the code's quiet zone
                w["x1"] > qr["x0"] + 1
                and w["x0"] < qr["x1"] - 1
                and w["bottom"] > qr["top"] + 1
                and w["top"] < qr["bottom"] - 1
            ):
                out.append(f"trang 1: chữ “{w['text']}” đè lên mã QR")
                break
    return out


def left_margin_kept(pdf: Path) -> list[str]:
    """No text starts left of the 30 mm left margin (ND30: trái 30–35 mm)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            for w in page.extract_words():
                if w["x0"] < (MARGIN_LEFT_MM - 1) * MM:
                    out.append(f"trang {n}: “{w['text']}” lấn lề trái")
                    break
    return out


def body_text_sizes(pdf: Path) -> list[str]:
    """The text outside the letterhead, tables, Nơi nhận and footer is 13–14 pt (ô 6)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        lines = page_lines(page)
    for ln in lines:
        if ln.text.startswith(("Thực hiện Kế hoạch", "Ghi chú")) and not size_ok(ln, 13, 14):
            out.append(f"lời văn cỡ {sorted(ln.sizes)} pt, phải 13–14: “{ln.text[:40]}”")
    return out


def a4_portrait(pdf: Path) -> list[str]:
    """Every page A4 210×297 mm (±1), portrait: a return form has no landscape table."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            w, h = page.width / MM, page.height / MM
            if abs(w - 210) > 1 or abs(h - 297) > 1:
                out.append(f"trang {n}: khổ {w:.0f}×{h:.0f} mm, phải A4 đứng 210×297 mm")
    return out


def heading_rules(pdf: Path) -> list[str]:
    """The short rules of page 1: under the issuing body and under the trích yếu 1/3–1/2 of
    the text's width, under the Tiêu ngữ as long as it (±15 %)."""
    column = (MARGIN_LEFT_MM + LEFT_MM) * MM
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page_words(page)
        lines = [  # each column's lines, and the page's (the title spans both)
            *page_lines(None, [w for w in words if w["x1"] < column]),
            *page_lines(None, [w for w in words if w["x0"] >= column - 1]),
            *page_lines(None, words),
        ]
        lines.sort(key=lambda ln: ln.top)
        body = next((ln.top for ln in lines if ln.text.startswith("Thực hiện")), page.height)
        rules = [
            r
            for r in page.lines
            if abs(r["top"] - r["bottom"]) < 1 and r["top"] < body and r["x1"] - r["x0"] > 5
        ]
    seen: dict[tuple[int, int], dict] = {}
    for r in rules:  # LibreOffice may draw one rule twice
        seen.setdefault((round(r["x0"]), round(r["top"])), r)
    out = []
    found = {"issuer": False, "motto": False, "title": False}
    for r in seen.values():
        centre, length = (r["x0"] + r["x1"]) / 2, r["x1"] - r["x0"]
        above = [
            ln
            for ln in lines
            if ln.top < r["top"] and abs((ln.x0 + ln.x1) / 2 - centre) < 25 and ln.bold
        ]
        block: list[Line] = []
        for ln in reversed(above):  # the bold lines right above it, bottom up
            if block and block[-1].top - ln.top > 22:
                break
            if not block and r["top"] - ln.top > 25:
                break
            block.append(ln)
        if not block:
            out.append(f"đường kẻ {length / MM:.0f} mm không dưới dòng chữ nào")
            continue
        widest = max(ln.x1 - ln.x0 for ln in block)
        if block[0].text.endswith("Hạnh phúc"):
            found["motto"] = True
            motto = block[0].x1 - block[0].x0  # not the Quốc hiệu above it
            if abs(length - motto) > 0.15 * motto:
                out.append("đường kẻ dưới Tiêu ngữ không dài bằng dòng chữ")
            continue
        found["title" if block[0].top > lines[0].top + 60 else "issuer"] = True
        if not widest / 3 - 2 <= length <= widest / 2 + 2:
            out.append(
                f"đường kẻ dưới “{block[0].text[:30]}” dài {length / widest:.0%} dòng chữ, "
                "phải 1/3–1/2"
            )
    for part, ok in found.items():
        if not ok:
            name = {"issuer": "tên cơ quan", "motto": "Tiêu ngữ", "title": "trích yếu"}[part]
            out.append(f"thiếu đường kẻ dưới {name}")
    return out


def first_line_indents(pdf: Path) -> list[str]:
    """The text's paragraphs open with a first-line indent of 1–1,27 cm (ND30 ô 6)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        pages = [page_lines(p) for p in doc.pages]
    left = MARGIN_LEFT_MM * MM
    for lines in pages:
        for ln in lines:
            if ln.text.startswith(("Thực hiện Kế hoạch", "Ghi chú:")):
                indent = (ln.x0 - left) / MM
                if not 9 <= indent <= 13.7:
                    out.append(f"“{ln.text[:20]}…” thụt đầu dòng {indent:.1f} mm, phải 10–12,7 mm")
    return out


def form_problems(pdf: Path, want: Expected) -> list[str]:
    return [
        *document_problems(pdf),
        *a4_portrait(pdf),
        *heading_rules(pdf),
        *first_line_indents(pdf),
        *left_margin_kept(pdf),
        *issuer_block(pdf, want),
        *national_heading(pdf),
        *number_and_title(pdf, want),
        *closing_with_text(pdf, want),
        *closing_fonts(pdf, want),
        *signing_block(pdf, want),
        *qr_clear_on_first_page(pdf),
        *body_text_sizes(pdf),
    ]


__all__ = [
    "Expected",
    "a4_portrait",
    "closing_fonts",
    "closing_with_text",
    "first_line_indents",
    "form_problems",
    "heading_rules",
    "issuer_block",
    "national_heading",
    "number_and_title",
    "qr_clear_on_first_page",
    "signing_block",
]
