"""The printed-document checks about tables (split from pdf_layout.py): ruled tables
inside the text area, every period's targets printed, a table carried over a page
repeating its header and naming its period, a short table kept whole, text clear of the
rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from pdf_lines import MM, line_texts, page_line_texts, page_words

from chitieu.plan import Plan
from chitieu.render.page import MARGIN_LEFT_MM, MARGIN_RIGHT_MM
from chitieu.render.quota_annex import QuotaAnnex, period_label

SLACK_PT = 3 * MM  # a ruled table's outer border may sit on the margin line


def tables_inside_text_area(pdf: Path) -> list[str]:
    """Every ruled line (table borders) between the left and right margins."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            left = MARGIN_LEFT_MM * MM - SLACK_PT
            right = page.width - MARGIN_RIGHT_MM * MM + SLACK_PT
            edges = [e for e in page.edges if e["orientation"] == "h"]
            for e in edges:
                if e["x0"] < left or e["x1"] > right:
                    out.append(
                        f"trang {n}: đường kẻ bảng {e['x0'] / MM:.0f}–{e['x1'] / MM:.0f} mm "
                        f"ngoài vùng chữ {left / MM:.0f}–{right / MM:.0f} mm"
                    )
                    break
            # a word cut by a column too narrow ends up in its neighbour: none may cross
            for w in page.extract_words():
                if w["x1"] > right + SLACK_PT:
                    out.append(f"trang {n}: “{w['text']}” vượt lề phải")
                    break
    return out


def every_period_printed(pdf: Path, plan: Plan) -> list[str]:
    """Each period's label and each count indicator's total of each period are in the PDF
    (read as running text: a sentence going on over a page break reads on past the page
    number in the top margin)."""
    from chitieu.render.page import MARGIN_TOP_MM

    with pdfplumber.open(pdf) as doc:
        text = " ".join(
            " ".join(line_texts([w for w in p.extract_words() if w["bottom"] > MARGIN_TOP_MM * MM]))
            for p in doc.pages
        )
    text = " ".join(text.split())
    annex = QuotaAnnex.of(plan)
    problems = []
    for ind in annex.indicators:
        if len(annex.periods) > 1 and annex.varies(ind):
            for p in annex.periods:
                fig = annex.figure(ind, p.key)
                if fig is None:
                    continue
                said = f"{period_label(p)}: {fig}"
                if said not in text:
                    problems.append(f"thiếu “{said}” ({ind.id})")
                if not ind.is_rate and not re.search(
                    rf"{re.escape(period_label(p)[:1].upper() + period_label(p)[1:])}", text
                ):
                    problems.append(f"biểu thiếu bảng “{period_label(p)}”")
        else:
            fig = annex.figure(ind, annex.period)
            if fig is not None and fig not in text:
                problems.append(f"thiếu chỉ tiêu {fig} ({ind.id})")
    return problems


def continued_tables_repeat_header(pdf: Path) -> list[str]:
    """A page that opens inside a table (nothing but the page number above its first rule)
    starts with the table's header row again ("TT" in its first row)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            tops = sorted({round(e["top"], 1) for e in page.edges if e["orientation"] == "h"})
            if n == 1 or len(tops) < 2:
                continue
            above = [t for top, t in page_line_texts(page) if top < tops[0] - 1]
            if any(not re.fullmatch(r"\d+", t) for t in above):
                continue  # a heading or text first: the table starts on this page
            first_row = [w["text"] for w in page.extract_words() if tops[0] <= w["top"] <= tops[1]]
            if "TT" not in first_row and "STT" not in first_row:
                out.append(
                    f"trang {n}: bảng sang trang không lặp lại hàng tiêu đề: {first_row[:6]}"
                )
            # a single row carried over on its own (and nothing after it) is a widow
            left = MARGIN_LEFT_MM * MM + 12 * MM
            numbered = [
                t
                for top, t in page_line_texts(page)
                if re.match(r"^(\d+|Tổng cộng)\b", t) and top > tops[0]
            ]
            starts = [w for w in page.extract_words() if w["x0"] < left and w["top"] > tops[1]]
            if len(numbered) == 1 and len({round(w["top"]) for w in starts}) <= 2:
                out.append(f"trang {n}: chỉ một dòng của bảng sang trang: “{numbered[0][:40]}”")
    return out


def short_tables_unsplit(pdf: Path, plan: Plan) -> list[str]:
    """An annex table short enough for one page prints whole on the page of its heading
    ("Năm 2023"): a part carried to the next page would not say which period it is."""
    from chitieu.draft import LANDSCAPE_TEXT_MM

    with pdfplumber.open(pdf) as doc:
        pages = [page_line_texts(p) for p in doc.pages]
    out = []
    for k, t in enumerate(QuotaAnnex.of(plan).tables(LANDSCAPE_TEXT_MM)):
        if not t.heading or not t.fits_a_page(first=k == 0):
            continue
        last = t.rows[-1].cells[0]
        for n, lines in enumerate(pages, start=1):
            texts = [x for _, x in lines]
            if t.heading not in texts:
                continue
            after = texts[texts.index(t.heading) + 1 :]
            if not any(x == last or x.startswith(f"{last} ") for x in after):
                out.append(f"trang {n}: bảng “{t.heading}” bị ngắt sang trang sau")
            break
    return out


def continued_tables_name_period(pdf: Path, plan: Plan) -> list[str]:
    """A quota table that runs onto another page says there again which period it is
    ("Năm 2024"), above its repeated header row, when it said so on its first page."""
    from chitieu.draft import LANDSCAPE_TEXT_MM

    bases = {
        t.heading.removesuffix(" (tiếp theo)")
        for t in QuotaAnnex.of(plan).tables(LANDSCAPE_TEXT_MM)
        if t.heading
    }
    if not bases:
        return []

    def named(lines: list[str]) -> str | None:
        return next((b for t in lines for b in bases if t.startswith(b)), None)

    out = []
    heading: str | None = None  # the period of the table last begun
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            lines = page_line_texts(page)
            tops = sorted(round(e["top"], 1) for e in page.edges if e["orientation"] == "h")
            first_rule = tops[0] if tops else float("inf")
            texts = [t for _, t in lines]
            for i, (_top, text) in enumerate(lines):
                if text.split()[:1] != ["TT"] or "Đơn vị" not in text:
                    continue
                above = [t for y, t in lines[:i] if y < first_rule - 1]
                opens_page = i == next(
                    k for k, (_, t) in enumerate(lines) if t.split()[:1] == ["TT"]
                ) and all(re.fullmatch(r"\d+", t) or named([t]) for t in above)
                if n > 1 and opens_page and heading:
                    if named(above) is None:
                        out.append(f"trang {n}: bảng “{heading}” sang trang không ghi lại kỳ")
                    continue
                back: list[str] = []
                for prev in reversed(texts[:i]):  # up to the previous table's last row
                    if re.match(r"^(\d+\s|Tổng cộng)", prev):
                        break
                    back.append(prev)
                heading = named(back)
    return out


DESCENT = 0.22  # a glyph's descender or dot below, in units of its size, below the baseline


def table_text_clear_of_rules(pdf: Path) -> list[str]:
    """No text touches a ruled line: a word with a line over it keeps 0,5 pt between the
    line and its box's top (a capital's stacked diacritics, "Ỷ", reach it), and 1 pt
    between its descenders ("p", the dot of "ậ") and a line under it."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            rules = [e for e in page.edges if e["orientation"] == "h"]
            for w in page_words(page):
                size = w["size"]
                spans = [e for e in rules if e["x0"] <= w["x0"] and e["x1"] >= w["x1"]]
                above = [w["top"] - e["top"] for e in spans if e["top"] <= w["top"] + size / 2]
                below = [
                    e["top"] - w["bottom"] - DESCENT * size
                    for e in spans
                    if e["top"] >= w["bottom"] - size / 2
                ]
                if (above and min(above) < 0.5) or (below and min(below) < 1.0):
                    out.append(f"trang {n}: chữ “{w['text']}” chạm đường kẻ bảng")
                    break
    return out
