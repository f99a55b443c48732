"""What a văn thư checks on a printed consolidated report, beyond `document_problems`: the
figures. Read back from the PDF (pdfplumber) and compared with the reconciliation the
report was written from, by arithmetic of their own: each phụ lục row's CT, KQ and Tỷ lệ,
each Tổng cộng against the sum of its column, each count's sentence against the sum of
the confirmed figures, and the closing (Nơi nhận, signature) and the phụ lục's heading.

Each check returns problems in plain words (empty when the PDF is right).
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from pdf_layout import document_problems, lines_of, signature_complete, signature_with_text

from chitieu.lint import lint_docx
from chitieu.plan_parts import Direction, Indicator
from chitieu.reconcile import Status
from chitieu.render.pdf import convert_to_pdf
from chitieu.report.sentences import prose_name
from chitieu.report.view import ReportView

MARK = "(*)"


def _number(cell: str) -> float | None:
    """ "1.017" → 1017, "92,9%" → 92.9; None for "-" or an empty cell."""
    cell = cell.replace(MARK, "").strip()
    if cell in ("", "-"):
        return None
    if cell.endswith("%"):
        return float(cell[:-1].replace(".", "").replace(",", "."))
    return float(cell.replace(".", ""))


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _groups(view: ReportView) -> dict[str, Indicator]:
    from chitieu.report.tables import _group

    return {_flat(_group(i)): i for i in view.indicators}


def annex_figures_right(pdf: Path, view: ReportView) -> list[str]:
    """Every row of the phụ lục against the reconciliation: the unit's target (CT), its
    result (KQ, marked "(*)" exactly when under review) and Tỷ lệ = KQ / CT; each Tổng cộng
    KQ of a count the sum of its column (every page of the table), its Tỷ lệ from its own
    CT and KQ; every line of the report in each table, once."""
    groups = _groups(view)
    by_label = {ln.label: ln for ln in view.lines}
    out: list[str] = []
    state: dict[tuple[str, ...], dict] = {}  # per table (its indicators): sums, labels seen
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            if page.width <= page.height:
                continue
            for table in page.extract_tables():
                sub = next(
                    (k for k, r in enumerate(table) if {"CT", "CT năm"} & set(map(_flat, r))),
                    None,
                )
                if sub is None or sub == 0:
                    continue
                top, heads = table[sub - 1], [HEADS.get(_flat(h), _flat(h)) for h in table[sub]]
                names: list[str] = []
                for cell in top:
                    names.append(_flat(cell) if cell else (names[-1] if names else ""))
                cols = [
                    (k, groups.get(names[k]), heads[k])
                    for k in range(len(heads))
                    if heads[k] in ("CT", "KQ", "Tỷ lệ", "KQ kỳ")
                ]
                if any(ind is None for _, ind, _ in cols):
                    out.append(f"trang {n}: tiêu đề cột không khớp chỉ tiêu: {names}")
                    continue
                key = tuple(dict.fromkeys(ind.id for _, ind, _ in cols))
                st = state.setdefault(key, {"sums": {}, "seen": []})
                for row in _without_notes(table[sub + 1 :]):
                    out += _check_row(n, row, cols, view, by_label, st)
    expected = [ln.label for ln in view.lines]
    for key, st in state.items():
        if st["seen"] != expected:
            missing = [x for x in expected if x not in st["seen"]]
            out.append(f"bảng phụ lục ({', '.join(key)}): thiếu hoặc thừa dòng {missing[:3]}")
    if not state and view.indicators:
        out.append("không đọc được bảng phụ lục")
    return out


# a sub-year period on the year's target: its lũy kế is checked as KQ, the year's as CT
HEADS = {"CT năm": "CT", "Lũy kế": "KQ"}


def _near(a: float | None, b: float | None, slack: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= slack


def _check_row(n, row, cols, view, by_label, st) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    label = _flat(row[1]) if row[1] else ""
    total = _flat(row[0]) == "Tổng cộng"
    if not total:
        if label not in by_label:
            return [f"trang {n}: dòng “{label}” không có trong báo cáo"]
        st["seen"].append(label)
    cells: dict[str, dict[str, str]] = {}
    for k, ind, head in cols:
        cells.setdefault(ind.id, {})[head] = _flat(row[k])
    for ind_id, c in cells.items():
        ind = view.plan.indicator_by_id[ind_id]
        if set(c) - {"KQ kỳ"} != {"CT", "KQ", "Tỷ lệ"}:
            out.append(f"trang {n}: {ind.name[:30]}… thiếu cột CT, KQ hoặc Tỷ lệ: {sorted(c)}")
            continue
        try:
            ct, kq, pct = _number(c["CT"]), _number(c["KQ"]), c["Tỷ lệ"]
        except ValueError:  # a figure broken over two lines ("108 / 7") reads "108 7"
            out.append(f"trang {n}: {ind.name[:30]}… số liệu không đọc được: {c}")
            continue
        where = f"trang {n}: {'Tổng cộng' if total else label}, {ind.name[:30]}…"
        if total:
            sums = st["sums"].get(ind_id, 0.0)
            if not ind.is_rate and kq is not None and abs(kq - sums) > 0.01:
                out.append(f"{where}: tổng KQ {c['KQ']} ≠ tổng các dòng {sums:g}")
            r = view.total.rows.get(ind_id)
        else:
            if kq is not None and not ind.is_rate:
                st["sums"][ind_id] = st["sums"].get(ind_id, 0.0) + kq
            r = by_label[label].rows.get(ind_id)
        if r is None:
            if any(c.values()):
                out.append(f"{where}: có số liệu ở chỉ tiêu không giao, không báo cáo {c}")
            continue
        if (r.target is None) != (ct is None) or (ct is not None and abs(ct - r.target) > 0.05):
            out.append(f"{where}: CT {c['CT']} ≠ chỉ tiêu {r.target}")
        if "KQ kỳ" in c and r.status != Status.chua_bao_cao:  # a quarter's own, on the year
            own = _number(c["KQ kỳ"])
            if not _near(own, r.period_result, 0.05 + (0.05 if ind.is_rate else 0)):
                out.append(f"{where}: KQ kỳ {c['KQ kỳ']} ≠ kết quả kỳ {r.period_result}")
        if r.status != Status.chua_bao_cao and r.result is not None:
            if kq is None or abs(kq - r.result) > 0.05 + (0.05 if ind.is_rate else 0):
                out.append(f"{where}: KQ {c['KQ']} ≠ kết quả {r.result}")
        elif kq is not None and not total:
            out.append(f"{where}: KQ {c['KQ']} ở đơn vị chưa báo cáo")
        if (MARK in c["KQ"]) != (r.status == Status.cho_xac_minh and kq is not None):
            out.append(f"{where}: dấu {MARK} không khớp trạng thái {r.status}")
        if ct and kq is not None:
            # a printed rate is rounded to 0,1: so is Tỷ lệ, from the unrounded rate
            slack = 0.051 + (0.05 / ct * 100 if ind.is_rate else 0.0)
            said = _number(pct) if pct.endswith("%") else None
            if said is None or abs(said - kq / ct * 100) > slack:
                out.append(f"{where}: Tỷ lệ {pct} ≠ {kq / ct * 100:.1f}% (KQ/CT)")
    return out


def sentences_right(pdf: Path, view: ReportView) -> list[str]:
    """Each count's sentence in section I says the level's total of the figures not under
    review (summed here from the reconciliation's rows of the reporting units)."""
    with pdfplumber.open(pdf) as doc:
        text = " ".join(p.extract_text() or "" for p in doc.pages if p.width <= p.height)
    text = _flat(text)
    out = []
    for ind in view.indicators:
        if ind.is_rate or ind.direction != Direction.at_least or ind.sentence:
            continue
        mine = [
            r
            for r in view.leaf_rows()
            if r.indicator == ind.id and (r.status != Status.cho_xac_minh or r.gap)
        ]
        rows = [r for r in mine if r.result is not None]
        if not rows or view.total.rows.get(ind.id) is None:
            continue
        from chitieu.vnformat import count

        total = sum(r.result for r in rows)
        measure = f" {ind.measure}" if ind.measure else ""
        head = f"{_flat(prose_name(ind))}: {view.scope.lower()}"
        said = [f"{head} {count(total)}{measure}"]
        if view.own_column and view.ind_on_year(ind.id):  # own total, then lũy kế
            own = sum(r.period_result for r in mine if r.period_result is not None)
            said = [
                f"{head} {count(own)}{measure} trong",
                f"lũy kế từ đầu năm {count(total)}{measure}",
            ]
        for s in said:
            if s not in text:
                out.append(f"thiếu hoặc sai câu kết quả “{s}”")
    return out


def closing_right(pdf: Path, view: ReportView) -> list[str]:
    """Nơi nhận (first "Như trên" when the report has a Kính gửi, last "- Lưu: VT…."), the
    signature block complete and not alone on its page, and the phụ lục's heading with its
    "(Kèm theo Báo cáo số …)" line."""
    out = [
        *signature_complete(pdf, view.plan),
        *signature_with_text(pdf, _first_signing(view)),
    ]
    entries: list[str] | None = None
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        for page in doc.pages:
            left = lines_of([w for w in page.extract_words() if w["x1"] < page.width / 2])
            heads = [k for k, ln in enumerate(left) if ln.text == "Nơi nhận:"]
            if heads:
                entries = []
                for ln in left[heads[0] + 1 :]:
                    if not ln.text.startswith("- "):
                        break
                    entries.append(ln.text)
    if not entries:
        out.append("không thấy “Nơi nhận:” và các dòng “- …”")
    else:
        if view.header.kinh_gui and entries[0] != "- Như trên;":
            out.append(f"Nơi nhận không mở đầu bằng “- Như trên;”: {entries[:1]}")
        if not re.fullmatch(r"- Lưu: VT.*\.", entries[-1]):
            out.append(f"Nơi nhận không kết thúc bằng “- Lưu: VT….”: {entries[-1:]}")
        if any(not e.endswith(";") for e in entries[:-1]):
            out.append(f"một dòng Nơi nhận không kết thúc bằng “;”: {entries}")
    if view.indicators and not re.search(r"^Phụ lục\s*$", text, re.M):
        out.append("thiếu tiêu đề “Phụ lục”")
    if view.indicators and "(Kèm theo Báo cáo số" not in _flat(text):
        out.append("thiếu dòng “(Kèm theo Báo cáo số …)”")
    return out


def _first_signing(view: ReportView) -> str:
    s = view.header.signer
    return next(x for x in (s.authority, s.delegation, s.title) if x).upper()


def _without_notes(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A table's rows less a "Ghi chú: …" legend row at its end (when read as a row)."""
    while rows and _flat(rows[-1][0]).startswith("Ghi chú:"):
        rows = rows[:-1]
    return rows


def _tables(pdf: Path):  # type: ignore[no-untyped-def]
    """(page number, page, [(table bbox, rows)]) of each page."""
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            found = page.find_tables()
            yield n, page, [(t.bbox, _without_notes(t.extract())) for t in found]


def annex_ends_kept(pdf: Path, view: ReportView) -> list[str]:
    """The tables' ends as a văn thư sends them: every "Ghi chú:" legend (the phụ lục's
    and the body table's) directly under its table's Tổng cộng row on the same page (not
    alone at the top of the next page, nor under a header repeated with no rows), and a
    phụ lục Tổng cộng row with at least two unit rows above it on its page (not one unit
    carried over with the total)."""
    out: list[str] = []
    least = min(2, len(view.lines))
    for n, page, tables in _tables(pdf):
        for _, rows in tables if page.width > page.height else []:
            if not rows or _flat(rows[-1][0]) != "Tổng cộng":
                continue
            sub = next((k for k, r in enumerate(rows) if {"CT", "CT năm"} & set(map(_flat, r))), -1)
            body = len(rows) - sub - 2
            if body < least:
                out.append(f"trang {n}: Tổng cộng sang trang chỉ kèm {body} dòng đơn vị")
        for ln in lines_of(page.extract_words()):
            if not ln.text.startswith("Ghi chú:"):
                continue
            above = [(b, rows) for b, rows in tables if b[1] < ln.top]
            if not above:
                out.append(f"trang {n}: dòng “Ghi chú:” ở đầu trang, tách khỏi bảng")
                continue
            _, rows = max(above, key=lambda t: t[0][1])
            if not rows or _flat(rows[-1][0]) != "Tổng cộng":
                out.append(f"trang {n}: dòng “Ghi chú:” không liền dòng Tổng cộng của bảng")
    return out


def _longest_run(line) -> int:  # type: ignore[no-untyped-def]
    """The longest run of True in a 1-D array."""
    import numpy as np

    padded = np.concatenate([[False], line, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def chart_axis_top(png: Path) -> float | None:
    """The chart's axis top in %, read from its pixels: the axes' left and bottom spines
    (the longest black column and row runs) and the dashed 100% line across them (a row,
    or for the lying chart a column, more than half black in every tenth of the axis but
    never solid). None when no such line is found."""
    import numpy as np
    from PIL import Image

    ink = np.asarray(Image.open(png).convert("L")) < 90
    cols = [_longest_run(ink[:, x]) for x in range(ink.shape[1])]
    xl = int(np.argmax(cols))
    rows = [_longest_run(ink[y, :]) for y in range(ink.shape[0])]
    yb = int(np.argmax(rows))
    yt = yb - cols[xl] + 1
    xr = xl + rows[yb] - 1

    def dashed(line) -> bool:  # type: ignore[no-untyped-def]
        parts = np.array_split(line, 10)
        return all(p.mean() > 0.4 for p in parts) and _longest_run(line) < 0.2 * len(line)

    for y in range(yb - 4, yt, -1):
        if dashed(ink[y, xl + 4 : xr + 1]):
            return 100.0 * (yb - yt) / (yb - y)
    for x in range(xl + 4, xr):
        if dashed(ink[yt : yb - 3, x]):
            return 100.0 * (xr - xl) / (x - xl)
    return None


def chart_problems(png: Path, view: ReportView) -> list[str]:
    """The chart as printed: its axis no taller than four times what nine bars in ten need
    (at least 100%), so that one very large rate (900%) does not squeeze every other bar
    to nothing."""
    from chitieu.report.chart import MAX_BARS, bar_of

    rows = [ln.rows.get(i.id) for ln in view.lines for i in view.indicators]
    if len(rows) > MAX_BARS:
        rows = [view.total.rows.get(i.id) for i in view.indicators]
    bars = sorted(float(b) for b in map(bar_of, rows) if isinstance(b, float | int))
    top = chart_axis_top(png)
    if top is None:
        return ["biểu đồ: không thấy đường 100% trên trục"]
    typical = max(100.0, bars[int(0.9 * (len(bars) - 1))]) if bars else 100.0
    if top > 4 * typical:
        return [f"biểu đồ: trục tới {top:.0f}%, các cột (9/10 dưới {typical:.0f}%) bị ép"]
    return []


def table_starts_kept(pdf: Path) -> list[str]:
    """No table starting at the foot of a page with its header and a single row (the rest
    on the next page): a part of a table with one row that is neither its Tổng cộng nor
    the whole table."""
    out = []
    with pdfplumber.open(pdf) as doc:
        pages = list(doc.pages)
        for n, page in enumerate(pages, start=1):
            for t in page.find_tables():
                rows = _without_notes(t.extract())
                head = next((k for k, r in enumerate(rows) if _flat(r[0]) == "TT"), None)
                if head is None or n == len(pages):
                    continue
                sub = next(
                    (k for k, r in enumerate(rows) if {"CT", "CT năm"} & set(map(_flat, r))),
                    head,
                )
                body = rows[max(head, sub) + 1 :]
                # a part at the foot of its page, of one row that is not Tổng cộng
                alone = len(body) == 1 and _flat(body[0][0]) != "Tổng cộng"
                if alone and t.bbox[3] > page.height * 0.8:
                    out.append(f"trang {n}: bảng bắt đầu ở cuối trang với 1 dòng")
    return out


def blank_pages(pdf: Path) -> list[str]:
    """No page printed with nothing but its page number (the section break after a
    signature that filled its page went to a page of its own)."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            words = [w for w in page.extract_words() if not w["text"].isdigit()]
            if not words and not page.images:
                out.append(f"trang {n}: trang trắng (chỉ có số trang)")
    return out


LONG_PARAGRAPH = 1500  # characters: about 16 lines of 13 pt, half a page


def long_paragraphs(docx: Path) -> list[str]:
    """No paragraph of the letter as long as half a page: one listing every figure under
    review by its indicator's name ran to 9.000 characters, a page and a half."""
    from docx import Document

    return [
        f"đoạn văn dài {len(p.text)} ký tự: “{p.text[:40]}…”"
        for p in Document(str(docx)).paragraphs
        if len(p.text) > LONG_PARAGRAPH
    ]


def report_problems(pdf: Path, view: ReportView) -> list[str]:
    """Every check of a printed report: the document's, then its figures and closing."""
    return [
        *document_problems(pdf),
        *annex_figures_right(pdf, view),
        *sentences_right(pdf, view),
        *closing_right(pdf, view),
        *annex_ends_kept(pdf, view),
        *blank_pages(pdf),
        *table_starts_kept(pdf),
    ]


__all__ = [
    "annex_ends_kept",
    "annex_figures_right",
    "blank_pages",
    "chart_axis_top",
    "chart_problems",
    "closing_right",
    "long_paragraphs",
    "report_problems",
    "sentences_right",
    "table_starts_kept",
]


def reports_problems(views: dict[str, tuple[ReportView, Path]], out: Path) -> dict[str, list[str]]:
    """Every drafted report (`views`: DOCX stem -> its view and DOCX) converted in one
    LibreOffice call and checked: its pages (`report_problems`) and its lint errors."""
    problems = {}
    for pdf in convert_to_pdf([docx for _, docx in views.values()], out):
        view, docx = views[pdf.stem]
        found = report_problems(pdf, view)
        for png in docx.parent.glob("*-bieu-do.png"):
            found += chart_problems(png, view)
        found += long_paragraphs(docx)
        found += [
            f"lint {f.rule_id}: {f.message_vi}" for f in lint_docx(docx) if f.severity == "error"
        ]
        if found:
            problems[pdf.stem] = found[:5]
    return problems
