"""`draft`: every document one plan file produces, written into one folder.

    out/ke-hoach-152-KH-UBND.docx (+ .pdf)   the kế hoạch, with Phụ lục I (biểu giao chỉ
                                             tiêu) and Phụ lục II (phân công nhiệm vụ)
    out/bieu-chi-tieu.xlsx                   the quota annex as a sheet
    out/phan-cong-nhiem-vu.xlsx              the task annex (when the plan assigns tasks)
    out/bieu-mau/<unit>.docx/.pdf/.xlsx      one return form per reporting unit

All PDFs of a run come from ONE LibreOffice call (`render.pdf.convert_to_pdf`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docx.shared import Pt

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from chitieu.render import _oxml
from chitieu.render.closing import NAME_PLACEHOLDER
from chitieu.render.closing_pages import redraw_lonely_closings
from chitieu.render.grid import fits_a_page, ruled_table, table_height_pt
from chitieu.render.letterhead import (
    TYPE_NAMES,
    Letterhead,
    letterhead_table,
    number_text,
    title_block,
)
from chitieu.render.name_breaks import balanced_lines
from chitieu.render.names import in_sentence
from chitieu.render.official import Recipients, Signature
from chitieu.render.page import LANDSCAPE_TEXT_MM
from chitieu.render.plan_body import write_plan_body
from chitieu.render.quota_annex import TABLE_PT, QuotaAnnex
from chitieu.render.return_form import ReturnForm
from chitieu.render.task_annex import task_columns, task_rows
from chitieu.render.template import render_template, template_path
from chitieu.render.text import Container, line, width_pt
from chitieu.vnformat import short_date

PLAN_TEMPLATE = "ke-hoach.docx"
ANNEX_TITLE_PT = 14  # templates/build_templates.py: annex_head
FORMS_DIR = "bieu-mau"

Progress = Callable[[str], None]


@dataclass
class DraftResult:
    """Written paths by kind: plan, plan_pdf, quota_xlsx, tasks_xlsx, form_docx, form_pdf, form_xlsx."""

    by_kind: dict[str, list[Path]] = field(default_factory=dict)
    forms: dict[Path, ReturnForm] = field(default_factory=dict)  # of each form_docx

    def add(self, kind: str, path: Path) -> None:
        self.by_kind.setdefault(kind, []).append(path)

    @property
    def paths(self) -> list[Path]:
        return [p for paths in self.by_kind.values() for p in paths]


def slug(number: str) -> str:
    """ "152/KH-UBND" → "152-KH-UBND" (a file name)."""
    ascii_only = number.replace("Đ", "D").replace("đ", "d")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_only).strip("-") or "van-ban"


def plan_docx_name(plan: Plan) -> str:
    return f"ke-hoach-{slug(plan.document.number)}.docx"


def _plan_context(plan: Plan, annex: QuotaAnnex) -> dict[str, object]:
    doc = plan.document
    signer = doc.signer_or_default
    sig = Signature.of(signer.title, signer.name, signer.authority, signer.delegation)
    return {
        "so": number_text(doc.number),
        "ngay": short_date(doc.date),
        "co_quan": in_sentence(doc.issuer),
        "so_phu_luc_1": " I" if plan.assignments else "",
        # the annex's title in even lines ("… PHÒNG, CHỐNG" / "MA TÚY NĂM 2021" was printed)
        "tieu_de_bieu": balanced_lines(
            annex.title().upper(), ANNEX_TITLE_PT, width_pt(LANDSCAPE_TEXT_MM), bold=True
        ),
        "luu_y": annex.notes(),
        "phan_cong": bool(plan.assignments),
        "noi_nhan": Recipients(doc.recipients, doc.archive).lines(),
        "chuc_vu": list(sig.lines),
        "nguoi_ky": sig.name or NAME_PLACEHOLDER,
    }


def write_plan_docx(plan: Plan, out: Path, template_dir: Path | None = None) -> Path:
    """The kế hoạch with its annexes, from templates/ke-hoach.docx."""
    annex = QuotaAnnex.of(plan)
    doc = plan.document
    name = TYPE_NAMES.get(doc.type_code, "KẾ HOẠCH")
    head = Letterhead(
        issuer=doc.issuer,
        number=doc.number,
        place=doc.place,
        date=doc.date,
        parent=doc.parent,
        type_name=name,
        title=doc.title,
    )
    annex_label = "Phụ lục I" if plan.assignments else "Phụ lục"

    def letterhead(c: Container) -> None:
        letterhead_table(c, head)
        title_block(c, head)

    def body(c: Container) -> None:
        write_plan_body(c, plan, annex, annex_label=annex_label)

    def quota(c: Container) -> None:
        tables = annex.tables(LANDSCAPE_TEXT_MM)
        for n, t in enumerate(tables):
            whole = t.fits_a_page(first=n == 0)
            if t.heading and whole:
                h = line(c, t.heading, 13, bold=True)
                h.paragraph_format.space_before = Pt(6 if n == 0 else 12)
                h.paragraph_format.space_after = Pt(3)
                _oxml.keep_with_next(h)
            elif n > 0:
                line(c, "", TABLE_PT)
            # a table running onto further pages repeats its heading there, with the header
            caption = None if whole else t.heading
            ruled_table(c, t.columns, t.rows, size=TABLE_PT, keep_together=whole, caption=caption)

    def tasks(c: Container) -> None:
        cols, rows = task_columns(), task_rows(plan.assignments)
        whole = fits_a_page(table_height_pt(cols, rows, 12), first=True)
        ruled_table(c, cols, rows, size=12, keep_together=whole)

    return render_template(
        template_path(PLAN_TEMPLATE, template_dir),
        out,
        _plan_context(plan, annex),
        {
            "letterhead": letterhead,
            "noi_dung": body,
            "bieu_chi_tieu": quota,
            "bang_phan_cong": tasks,
        },
    )


def write_return_forms(
    plan: Plan,
    out_dir: Path,
    units: Iterable[Unit] | None = None,
    *,
    template_dir: Path | None = None,
    progress: Progress | None = None,
) -> DraftResult:
    """DOCX and XLSX return forms, one per unit (default: the plan's reporting units)."""
    from chitieu.render.sheets import write_return_xlsx

    result = DraftResult()
    qr_dir = out_dir / ".qr"
    for unit in units if units is not None else plan.reporting_units:
        for period in plan.all_periods:
            form = ReturnForm(plan, unit, period)
            stem = unit.id if len(plan.all_periods) == 1 else f"{unit.id}-{period.key}"
            docx = form.write_docx(out_dir / f"{stem}.docx", qr_dir / f"{stem}.png", template_dir)
            result.add("form_docx", docx)
            result.forms[docx] = form
            result.add("form_xlsx", write_return_xlsx(form, out_dir / f"{stem}.xlsx"))
            if progress:
                progress(f"Biểu mẫu {unit.full_name}")
    shutil.rmtree(qr_dir, ignore_errors=True)
    return result


def draft(
    plan: Plan,
    out_dir: Path,
    *,
    pdf: bool = True,
    progress: Progress | None = None,
    template_dir: Path | None = None,
) -> DraftResult:
    """Write the plan, its annexes and every return form; PDFs in one LibreOffice call.

    Raises:
        RenderError: a template is missing or broken, a file cannot be written, or
            LibreOffice fails.
    """
    from chitieu.render.pdf import convert_to_pdf
    from chitieu.render.sheets import write_quota_xlsx, write_tasks_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    result = DraftResult()
    annex = QuotaAnnex.of(plan)
    plan_docx = write_plan_docx(plan, out_dir / plan_docx_name(plan), template_dir)
    result.add("plan", plan_docx)
    if progress:
        progress("Kế hoạch và phụ lục")
    result.add("quota_xlsx", write_quota_xlsx(annex, out_dir / "bieu-chi-tieu.xlsx"))
    if plan.assignments:
        result.add("tasks_xlsx", write_tasks_xlsx(annex, out_dir / "phan-cong-nhiem-vu.xlsx"))
    forms = write_return_forms(
        plan, out_dir / FORMS_DIR, template_dir=template_dir, progress=progress
    )
    for kind, paths in forms.by_kind.items():
        for p in paths:
            result.add(kind, p)
    if pdf:
        docxs = [plan_docx, *forms.by_kind.get("form_docx", [])]
        staging = out_dir / ".pdf"
        pdfs = convert_to_pdf(docxs, staging)
        # a signature LibreOffice left without the table's end: its form drawn again
        redraw_lonely_closings(
            [(forms.forms[d], d) for d in docxs[1:]], pdfs[1:], staging, template_dir
        )
        for src, made in zip(docxs, pdfs, strict=True):
            target = src.with_suffix(".pdf")
            shutil.move(str(made), target)
            result.add("plan_pdf" if src == plan_docx else "form_pdf", target)
        shutil.rmtree(staging, ignore_errors=True)
        if progress:
            progress("Chuyển sang PDF")
    return result


__all__ = ["DraftResult", "draft", "plan_docx_name", "write_plan_docx", "write_return_forms"]
