"""Deterministic inbox of returns for Kế hoạch 152/KH-UBND (the golden test's input).

    .venv/bin/python samples/cau-giay-2021/make_inbox.py [OUT_DIR]

Writes our own XLSX return forms (hidden `_chitieu` sheet, chitieu/form_ids.py) and one
ward's DOCX letter, sets each file's modification time to the moment it was received
(intake reads that), and writes `received.csv` beside them. The scenario:

- on time: Quan Hoa, Yên Hòa, Nghĩa Tân, Đội CSĐTTP về Ma Túy (hinh_su only), Dịch Vọng (DOCX);
- late: Mai Dịch, received 03/7/2021 (returns were due before 02/7/2021);
- missing: Nghĩa Đô;
- needing review: Dịch Vọng Hậu wrote "khoảng 2" for hinh_su;
- superseded: Trung Hòa sent all zeros on 29/6, then a corrected form on 30/6.
"""

from __future__ import annotations

import csv
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from chitieu.form_ids import HIDDEN_SHEET
from chitieu.plan import load_plan
from chitieu.receipt import write_receipt
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import write_return_xlsx

PLAN = Path(__file__).resolve().parent / "plan.yaml"
SAMPLE_PLAN = load_plan(PLAN)
IND = [i.id for i in SAMPLE_PLAN.indicators]  # hinh_su, nd111, nd94, cnbb, cntn
NAMES = {i.id: i.name for i in SAMPLE_PLAN.indicators}

# file name -> (unit, results in IND order (None: left blank), received at)
XLSX_RETURNS: dict[str, tuple[str, list[Any], datetime]] = {
    "bc-quan-hoa.xlsx": ("quan-hoa", [2, 1, 0, 0, 1], datetime(2021, 7, 1, 10, 0)),
    "bc-yen-hoa.xlsx": ("yen-hoa", [1, 1, 1, 1, 2], datetime(2021, 6, 30, 15, 0)),
    "bc-trung-hoa.xlsx": ("trung-hoa", [0, 0, 0, 0, 0], datetime(2021, 6, 29, 9, 0)),
    "bc-trung-hoa-bo-sung.xlsx": ("trung-hoa", [1, 2, 1, 1, 1], datetime(2021, 6, 30, 16, 0)),
    "bc-mai-dich.xlsx": ("mai-dich", [1, 1, 1, 0, 1], datetime(2021, 7, 3, 8, 30)),
    "bc-dich-vong-hau.xlsx": (
        "dich-vong-hau",
        ["khoảng 2", 1, 1, 1, 1],
        datetime(2021, 7, 1, 14, 0),
    ),
    "bc-nghia-tan.xlsx": ("nghia-tan", [1, 1, 1, 1, 1], datetime(2021, 6, 30, 11, 0)),
    "bc-doi-csdt-ma-tuy.xlsx": (
        "doi-csdt-ma-tuy",
        [3, None, None, None, None],
        datetime(2021, 7, 1, 8, 0),
    ),
}
DOCX_RETURN = ("bc-dich-vong.docx", "dich-vong", [1, 0, 1, 0, 1], datetime(2021, 7, 1, 9, 0))
FIXED = datetime(2021, 6, 28, 8, 0)


def return_form(path: Path, unit: str, results: list[Any]) -> None:
    """The return form `chitieu draft` sends the unit, filled in by the ward.

    The blank form comes from `chitieu.render.sheets.write_return_xlsx`; its hidden
    `_chitieu` sheet says which cell holds each indicator's result.
    """
    plan = SAMPLE_PLAN
    blank = write_return_xlsx(
        ReturnForm(plan, plan.unit_by_id[unit], plan.main_period), path.with_suffix(".blank.xlsx")
    )
    wb = load_workbook(blank)
    hidden = wb[HIDDEN_SHEET]
    cells = {row[0]: (row[3], row[1]) for row in hidden.iter_rows(min_row=8, values_only=True)}
    for ind, value in zip(IND, results, strict=True):
        if value is not None:
            sheet, cell = cells[ind]
            wb[sheet][cell] = value
    wb.properties.created = wb.properties.modified = FIXED
    wb.save(path)
    blank.unlink()


def letter(path: Path, unit_upper: str, unit_name: str, results: list[int]) -> None:
    """A ward's own report letter with a one-row result table."""
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    head = doc.add_table(rows=1, cols=2)
    head.cell(0, 0).text = f"UBND QUẬN CẦU GIẤY\n{unit_upper}"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    doc.add_paragraph("Cầu Giấy, ngày 30 tháng 6 năm 2021")
    doc.add_paragraph("BÁO CÁO").runs[0].bold = True
    doc.add_paragraph("Kết quả thực hiện Tháng hành động phòng, chống ma túy tháng 6/2021")
    doc.add_paragraph(f"{unit_name} báo cáo kết quả thực hiện các chỉ tiêu được giao như sau:")
    t = doc.add_table(rows=2, cols=len(IND) + 3)
    t.style = "Table Grid"
    for c, text in enumerate(["TT", "Đơn vị", *[NAMES[i] for i in IND], "Ghi chú"]):
        t.cell(0, c).text = text
    for c, text in enumerate(["1", unit_name, *[f"{v:02d}" for v in results], ""]):
        t.cell(1, c).text = text
    doc.core_properties.created = doc.core_properties.modified = FIXED
    doc.save(str(path))


def build_inbox(out: Path) -> dict[str, datetime]:
    """Write the inbox into `out`; returns file name -> received time (also the mtimes)."""
    out.mkdir(parents=True, exist_ok=True)
    received: dict[str, datetime] = {}
    for name, (unit, results, at) in XLSX_RETURNS.items():
        return_form(out / name, unit, results)
        received[name] = at
    name, unit, results, at = DOCX_RETURN
    letter(out / name, "UBND PHƯỜNG DỊCH VỌNG", "Phường Dịch Vọng", results)
    received[name] = at
    for name, at in received.items():
        ts = at.timestamp()
        os.utime(out / name, (ts, ts))
        write_receipt(out / name, at)
    with (out.parent / "received.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "received_at"])
        for name, at in sorted(received.items(), key=lambda kv: kv[1]):
            w.writerow([name, at.isoformat(timespec="minutes")])
    return received


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "inbox"
    for file, when in build_inbox(target).items():
        print(f"{file}\t{when:%d/%m/%Y %H:%M}")
