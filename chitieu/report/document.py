"""The báo cáo DOCX: ND30 header, results in sentences, summary table, chart, tồn tại,
phương hướng, kiến nghị, Nơi nhận and signature, and the full table as a landscape phụ lục.

Built on the shared ND30 layer (`chitieu.render.official.OfficialDoc`); the tables are
laid out in `chitieu.report.tables`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from chitieu.comparison import status_of
from chitieu.due import deadlines_text
from chitieu.periods import label
from chitieu.reconcile import Row as RecRow
from chitieu.reconcile import Status
from chitieu.render import text
from chitieu.render.letterhead import number_text
from chitieu.render.official import OfficialDoc, Recipients, Signature
from chitieu.render.text import NBSP
from chitieu.report.estimates import estimate_sentence
from chitieu.report.finality import finality_sentence, finality_short
from chitieu.report.sentences import (
    completeness_sentence,
    grouped_shortcomings,
    indicator_sentence,
    lower_first,
    shortcomings,
)
from chitieu.report.tables import (
    annex_chunks,
    annex_legend,
    annex_table,
    body_table,
    body_table_fits,
    status_table,
)
from chitieu.report.view import ReportView, in_text, issuer_in_text, unit_label
from chitieu.report.year_sentence import year_running
from chitieu.rollup import aggregate
from chitieu.vnformat import short_date

PLACEHOLDER = "…" * 30
MAX_NAMED_UNITS = 30  # past this, "tồn tại" counts units per line of the table


def _without_review(
    view: ReportView, names: dict[str, str]
) -> tuple[dict[str, RecRow], dict[str, list[str]]]:
    """The level's totals without the figures under review, and, per indicator, the units
    whose figures are left out (a rate's too when its numerator or denominator is)."""
    plan = view.plan
    leaf_rows = [
        r
        for u in view.leaves
        for i in plan.indicators
        if (r := view.rec.row(u, i.id, view.period)) is not None
    ]
    if not any(_in_review(r) for r in leaf_rows):
        return {}, {}
    ok = [r for r in leaf_rows if not _in_review(r)]
    confirmed = {}
    for r in aggregate(plan, ok, "_confirmed"):
        full = view.total.rows.get(r.indicator)
        ind = plan.indicator_by_id[r.indicator]
        if full is None or ind.is_rate:
            confirmed[r.indicator] = r
            continue
        # the figures under review are left out of the result, not out of the target
        confirmed[r.indicator] = replace(
            r,
            target=full.target,
            expected=full.expected,
            status=status_of(full.target, r.result, ind.direction)
            if r.result is not None
            else r.status,
        )
    reviewing: dict[str, list[str]] = {}
    for r in leaf_rows:
        if not _in_review(r):
            continue
        for ind in plan.indicators:
            if r.indicator in (ind.id, ind.numerator, ind.denominator):
                who = reviewing.setdefault(ind.id, [])
                if names.get(r.unit, r.unit) not in who:
                    who.append(names.get(r.unit, r.unit))
    return confirmed, reviewing


def _in_review(r: RecRow) -> bool:
    """A figure under review (not a lũy kế left incomplete by an earlier return missing)."""
    return r.status == Status.cho_xac_minh and not r.gap


def write_docx(view: ReportView, path: Path, chart: Path | None) -> Path:
    """Write the report DOCX to `path`."""
    h = view.header
    plan = view.plan
    doc = OfficialDoc(
        kind="BC",
        issuer=h.issuer,
        parent=h.parent,
        number=h.number,
        place=h.place,
        date=h.date,
        title=h.title,
    )
    if h.kinh_gui:
        doc.kinh_gui(h.kinh_gui)
    pd = plan.document
    who = issuer_in_text(plan) if view.level is None or view.level.parent is None else None
    reporter = who or (
        f"Ủy ban nhân dân {in_text(view.level)}" if view.level is not None else "đơn vị"
    )
    doc.paragraph(
        f"Thực hiện Kế hoạch số {number_text(pd.number)} ngày {short_date(pd.date)} "
        f"{'của ' + issuer_in_text(plan) + ' ' if issuer_in_text(plan) else ''}"
        f"về {lower_first(pd.title)}, {reporter} báo cáo kết quả thực hiện như sau:"
    )

    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    names = {u.id: unit_label(u) for u in plan.units}
    # a unit reporting on itself does not count "01/01 đơn vị" that reported
    own = view.level is not None and view.leaves == [view.level.id]
    if not own:
        due = deadlines_text(
            plan, plan.period_by_key[view.period], [plan.unit_by_id[u] for u in view.leaves]
        )
        doc.heading("1. Tình hình báo cáo của các đơn vị", level=2)
        doc.paragraph(completeness_sentence(view.timeliness, names, h.date, due))
    doc.heading(("1" if own else "2") + ". Kết quả thực hiện các chỉ tiêu", level=2)
    doc.paragraph(finality_sentence(view))
    estimates = estimate_sentence(view)
    if estimates:
        doc.paragraph(estimates)
    confirmed, reviewing = _without_review(view, names)
    own_name = label(view.period) or "kỳ báo cáo" if view.own_column else None
    for ind in view.indicators:
        row = view.total.rows.get(ind.id)
        if row is not None:
            doc.paragraph(
                "- "
                + indicator_sentence(
                    view.scope,
                    ind,
                    row,
                    confirmed=confirmed.get(ind.id),
                    reviewing=reviewing.get(ind.id, []),
                    own=own_name,
                )
            )
    if len(view.lines) > 1 or view.lines[0].unit is not view.level:
        if body_table_fits(view):
            doc.paragraph(
                "Chỉ tiêu năm được giao và kết quả lũy kế từ đầu năm đến hết kỳ báo cáo của "
                "từng đơn vị như sau; tỷ lệ so với chỉ tiêu năm và số liệu chi tiết tại Phụ "
                "lục kèm theo:"
                if view.all_on_year
                else "Chỉ tiêu được giao và kết quả thực hiện của từng đơn vị như sau; tỷ lệ "
                "hoàn thành và số liệu chi tiết tại Phụ lục kèm theo:"
            )
            body_table(doc, view, view.indicators)
        else:
            doc.paragraph(
                "Số chỉ tiêu năm mà kết quả lũy kế từ đầu năm của từng đơn vị đã đạt, chưa "
                "đạt như sau; kết quả, chỉ tiêu năm và tỷ lệ của từng chỉ tiêu tại Phụ lục "
                "kèm theo:"
                if view.all_on_year
                else "Số chỉ tiêu từng đơn vị đã đạt, chưa đạt như sau; kết quả, chỉ tiêu và "
                "tỷ lệ của từng chỉ tiêu tại Phụ lục kèm theo:"
            )
            status_table(doc, view)
        text.line(doc.document, "", 13)
    if chart is not None:
        lead = doc.paragraph(
            "Kết quả lũy kế từ đầu năm so với chỉ tiêu năm của từng đơn vị (đường kẻ ngang "
            "là mức 100%) như biểu đồ dưới đây:"
            if view.all_on_year
            else "Tỷ lệ hoàn thành chỉ tiêu của từng đơn vị (đường kẻ ngang là mức 100%) "
            "như biểu đồ dưới đây:"
        )
        lead.paragraph_format.keep_with_next = True  # not left alone above a page break
        doc.document.add_picture(str(chart), width=Mm(160))
        text.tight(doc.document.paragraphs[-1], align=WD_ALIGN_PARAGRAPH.CENTER)

    doc.heading("II. TỒN TẠI, HẠN CHẾ")
    if len(view.leaves) > MAX_NAMED_UNITS and any(
        ln.unit is not None and ln.unit.id not in view.leaves for ln in view.lines
    ):
        group_of = {
            leaf: ln.label
            for ln in view.lines
            if ln.unit is not None
            for leaf in view.rec.leaves_under(ln.unit.id)
        }
        inds = plan.indicator_by_id
        rows = [r for r in view.leaf_rows() if not year_running(inds[r.indicator], r)]
        issues = grouped_shortcomings(group_of, rows, view.timeliness, _violations(view))
    else:
        issues = shortcomings(plan, view.leaf_rows(), view.timeliness, _violations(view))
    done = "Các đơn vị đã báo cáo đầy đủ, đúng hạn và hoàn thành các chỉ tiêu được giao."
    inds = plan.indicator_by_id
    if any(year_running(inds[r.indicator], r) for r in view.leaf_rows()):
        done = (
            "Các đơn vị đã báo cáo đầy đủ, đúng hạn; các chỉ tiêu năm chưa đạt tiếp tục được "
            "thực hiện đến hết năm (kết quả lũy kế tại Phụ lục kèm theo)."
        )
    for s in issues or [done]:
        doc.paragraph("- " + s)

    doc.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    info = plan.report
    directions = list(info.directions) if info and info.directions else _default_directions(view)
    for s in directions:
        doc.paragraph(s if s == PLACEHOLDER else "- " + s.rstrip(".") + ".")
    doc.heading("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    for s in list(info.proposals) if info and info.proposals else [PLACEHOLDER]:
        doc.paragraph(s if s == PLACEHOLDER else "- " + s.rstrip(".") + ".")
    doc.paragraph(
        f"Trên đây là báo cáo kết quả thực hiện Kế hoạch số {number_text(pd.number)} ngày "
        f"{short_date(pd.date)} của {reporter}./."
    )
    s = h.signer
    doc.closing(
        Recipients(h.recipients, h.archive),
        Signature.of(s.title, s.name, authority=s.authority, delegation=s.delegation),
    )

    # a report not yet numbered or dated leaves the văn thư room to write both by hand
    room = NBSP * 6
    date_ref = f"ngày {short_date(h.date)}" if h.date else f"ngày{room}tháng{room}năm{room}"
    doc.annex_section(
        None,
        f"BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU KỲ {_period_label(view)}",
        f"(Kèm theo Báo cáo số {number_text(h.number)} {date_ref} của {reporter})",
    )
    chunks = annex_chunks(view)
    legend = annex_legend(view)
    notes = [_annex_heads_note(view) + ("; " + legend if legend else "."), finality_short(view)]
    for n, chunk in enumerate(chunks):
        annex_table(doc, view, chunk, first=n == 0, notes=notes if n == len(chunks) - 1 else ())
    return doc.save(path)


def _annex_heads_note(view: ReportView) -> str:
    """What the phụ lục's column heads mean."""
    period = "CT - chỉ tiêu được giao; KQ - kết quả thực hiện; Tỷ lệ - kết quả so với chỉ tiêu"
    if not view.on_year:
        return f"Ghi chú: {period}"
    own = "KQ kỳ - kết quả thực hiện trong kỳ báo cáo; " if view.own_column else ""
    year = (
        f"CT năm - chỉ tiêu được giao cả năm; {own}Lũy kế - kết quả từ đầu năm đến hết kỳ "
        "báo cáo; Tỷ lệ - lũy kế so với chỉ tiêu năm"
    )
    if view.all_on_year:
        return f"Ghi chú: {year}"
    return f"Ghi chú: {period} của kỳ; {year}"


def _violations(view: ReportView) -> list:
    keep = set(view.leaves)
    return [v for v in view.rec.violations if v.unit in keep and v.period == view.period]


def _default_directions(view: ReportView) -> list[str]:
    out = []
    rows = view.leaf_rows()
    if any(r.status == Status.chua_dat for r in rows):
        out.append(
            "Tiếp tục chỉ đạo các đơn vị chưa hoàn thành chỉ tiêu tập trung thực hiện, "
            "bảo đảm hoàn thành chỉ tiêu được giao"
        )
    if any(not t.reported or t.on_time is False for t in view.timeliness):
        out.append(
            "Đôn đốc các đơn vị chưa báo cáo, báo cáo muộn thực hiện nghiêm chế độ báo cáo "
            "theo quy định"
        )
    if any(_in_review(r) for r in rows):
        out.append("Xác minh, làm rõ các số liệu đang chờ xác minh và cập nhật vào báo cáo")
    out.append(PLACEHOLDER)
    return out


def _period_label(view: ReportView) -> str:
    p = view.plan.period_by_key[view.period]
    dates = f"TỪ NGÀY {short_date(p.start)} ĐẾN NGÀY {short_date(p.end)}"
    named = label(p.key)  # "6 tháng đầu năm 2022"
    # the period's name is one unit for a line break: "QUÝ I NĂM 2023", never "QUÝ / I"
    return f"{NBSP.join(named.upper().split())} ({dates})" if named else dates


__all__ = ["write_docx"]
