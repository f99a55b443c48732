"""openpyxl sample workbooks: our own return forms (hidden `_chitieu` sheet) and sheets
the wards make themselves (merged headers, text numbers, formulas, extra sheets)."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from chitieu.form_ids import FORMAT, HIDDEN_SHEET

IND = ["hinh_su", "nd111", "nd94", "cnbb", "cntn"]
NAMES = {
    "hinh_su": "Điều tra khám phá hình sự",
    "nd111": "Đưa đối tượng vào quản lý theo NĐ111/CP",
    "nd94": "Đưa đối tượng vào quản lý theo NĐ94/CP",
    "cnbb": "Lập hồ sơ đưa CNBB",
    "cntn": "Cai nghiện tự nguyện tại TT",
}
TARGET = {"hinh_su": 1, "nd111": 1, "nd94": 1, "cnbb": 1, "cntn": 1}


def _fixed(wb: Workbook) -> None:
    from datetime import datetime

    wb.properties.created = datetime(2021, 7, 1, 8, 0, 0)
    wb.properties.modified = datetime(2021, 7, 1, 8, 0, 0)


def our_form(
    path: Path,
    unit: str,
    ward_upper: str,
    results: dict[str, Any],
    plan_number: str = "152/KH-UBND",
) -> None:
    """A chitieu return form as `chitieu draft` writes it (chitieu/form_ids.py)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "UBND QUẬN CẦU GIẤY"
    ws["A2"] = ward_upper
    ws["A4"] = "BIỂU BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THÁNG 6/2021"
    ws.append([])
    ws.append([])
    ws["A7"], ws["B7"], ws["C7"], ws["D7"], ws["E7"] = (
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu giao",
        "Kết quả",
    )
    hidden = wb.create_sheet(HIDDEN_SHEET)
    hidden.sheet_state = "veryHidden"
    for r, (k, v) in enumerate(
        [
            ("format", FORMAT),
            ("plan_number", plan_number),
            ("plan_date", "2021-05-31"),
            ("unit", unit),
            ("period", "2021-06"),
        ],
        start=1,
    ):
        hidden.cell(r, 1, k)
        hidden.cell(r, 2, v)
    for c, h in enumerate(["indicator", "result_cell", "target_cell", "sheet"], start=1):
        hidden.cell(7, c, h)
    for n, ind in enumerate(IND):
        r = 8 + n
        ws.cell(r, 1, n + 1)
        ws.cell(r, 2, NAMES[ind])
        ws.cell(r, 3, "người")
        ws.cell(r, 4, TARGET[ind])
        if results.get(ind) is not None:
            ws.cell(r, 5, results[ind])
        hidden.cell(8 + n, 1, ind)
        hidden.cell(8 + n, 2, f"E{r}")
        hidden.cell(8 + n, 3, f"D{r}")
        hidden.cell(8 + n, 4, "Báo cáo")
    _fixed(wb)
    wb.save(path)


def ward_merged(path: Path, ward_upper: str, values: dict[str, str], extra_sheet: bool) -> None:
    """A ward's own sheet: title rows, two-row merged header with a group, text numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tháng 6"
    ws["A1"] = ward_upper
    ws["A3"] = "BÁO CÁO KẾT QUẢ THÁNG HÀNH ĐỘNG PHÒNG, CHỐNG MA TÚY THÁNG 6 NĂM 2021"
    ws.merge_cells("A3:G3")
    heads = [
        ("A5", "TT"),
        ("B5", "Đơn vị"),
        ("C5", NAMES["hinh_su"]),
        ("D5", NAMES["nd111"]),
        ("E5", NAMES["nd94"]),
        ("F5", "Lập hồ sơ đưa cai nghiện ma túy"),
        ("F6", "Lập hồ sơ đưa cai nghiện bắt buộc"),
        ("G6", "Cai nghiện tự nguyện tại Trung tâm"),
    ]
    for addr, text in heads:
        ws[addr] = text
    for rng in ("A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:G5"):
        ws.merge_cells(rng)
    for c, h in enumerate(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"], start=1):
        ws.cell(7, c, h)
    ws["A8"], ws["B8"] = "1", ward_upper.replace("UBND ", "").title()
    for c, ind in enumerate(IND, start=3):
        ws.cell(8, c, values[ind])  # stored as text, e.g. "01"
    if extra_sheet:
        notes = wb.create_sheet("Ghi chú")
        notes["A1"] = "Số liệu tính từ ngày 01/6/2021 đến ngày 30/6/2021."
        wb.create_sheet("Sheet3")
    _fixed(wb)
    wb.save(path)


def ward_formula(path: Path, ward_upper: str, values: dict[str, int], cached: bool) -> None:
    """Results with a "Tổng cộng" column computed by formula; with or without cached value.

    Without `cached`, one indicator's result is itself a formula never calculated (as a
    program that writes formulas leaves it): it must come out for review.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "KQ"
    ws["A1"] = ward_upper
    ws["A3"] = "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THÁNG 6/2021"
    header = ["TT", "Đơn vị", *[NAMES[i] for i in IND], "Tổng cộng"]
    for c, h in enumerate(header, start=1):
        ws.cell(5, c, h)
    ws.cell(6, 1, 1)
    ws.cell(6, 2, ward_upper.replace("UBND ", "").title())
    for c, ind in enumerate(IND, start=3):
        ws.cell(6, c, values[ind])
    if not cached:
        ws["E6"] = "=1+1"  # nd94, never calculated
    ws["H6"] = "=SUM(C6:G6)"
    _fixed(wb)
    wb.save(path)
    total = sum(values.values())
    _set_cached(path, {"H6": total} if cached else {"H6": total - values["nd94"] + 2})


def _set_cached(path: Path, values: dict[str, int]) -> None:
    """Write cached formula results into the sheet XML, as Excel does after calculating."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode("utf-8")
                for addr, v in values.items():
                    xml = re.sub(
                        rf'(<c r="{addr}"[^>]*>)<f>([^<]*)</f><v\s*/>|(<c r="{addr}"[^>]*>)<f>([^<]*)</f><v></v>',
                        lambda m, v=v: (
                            f"{m.group(1) or m.group(3)}<f>{m.group(2) or m.group(4)}</f><v>{v}</v>"
                        ),
                        xml,
                    )
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    tmp.replace(path)


def ward_roles(path: Path, ward_upper: str, values: dict[str, int]) -> None:
    """Each indicator spans three sub-columns: Chỉ tiêu giao | Kết quả | Tỷ lệ (%)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = ward_upper
    ws["A2"] = "BÁO CÁO KẾT QUẢ THÁNG 6/2021"
    ws["A4"], ws["B4"] = "TT", "Nội dung"
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    for k, ind in enumerate(IND):
        c = 3 + 3 * k
        ws.cell(4, c, NAMES[ind])
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 2)
        ws.cell(5, c, "Chỉ tiêu giao")
        ws.cell(5, c + 1, "Kết quả")
        ws.cell(5, c + 2, "Tỷ lệ (%)")
        ws.cell(6, c, TARGET[ind])
        ws.cell(6, c + 1, values[ind])
        ws.cell(6, c + 2, values[ind] * 100)
    ws["A6"], ws["B6"] = 1, "Số liệu tháng 6"
    _fixed(wb)
    wb.save(path)


def ward_down(path: Path, ward_upper: str, values: dict[str, int]) -> None:
    """Indicators down the rows; "Thực hiện" is the result, "Ghi chú" is ignored."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["B1"] = ward_upper
    ws["B2"] = "Số: 45/BC-UBND"
    ws["A4"] = "BÁO CÁO KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY THÁNG 6/2021"
    for c, h in enumerate(["STT", "Nội dung", "Kế hoạch giao", "Thực hiện", "Ghi chú"], start=1):
        ws.cell(6, c, h)
    for n, ind in enumerate(IND):
        ws.cell(7 + n, 1, n + 1)
        ws.cell(7 + n, 2, NAMES[ind])
        ws.cell(7 + n, 3, TARGET[ind])
        ws.cell(7 + n, 4, values[ind])
        ws.cell(7 + n, 5, "Vượt" if values[ind] > 1 else "")
    _fixed(wb)
    wb.save(path)


def write_xlsx_samples(out: Path, truth: Any, rng: random.Random) -> None:
    d = out / "xlsx"
    d.mkdir(parents=True, exist_ok=True)

    def rnd() -> dict[str, int]:
        return {i: rng.randint(0, 3) for i in IND}

    def recs(unit: str, v: dict[str, Any], review: set[str] = frozenset()) -> list[dict[str, Any]]:  # type: ignore[assignment]
        return [
            {"unit": unit, "indicator": i, "value": v[i], "needs_review": i in review}
            for i in IND
            if v.get(i) is not None or i in review
        ]

    v = rnd()
    our_form(d / "form-quan-hoa.xlsx", "quan-hoa", "UBND PHƯỜNG QUAN HOA", v)
    truth.add("xlsx/form-quan-hoa.xlsx", recs("quan-hoa", v))

    v2: dict[str, Any] = rnd()
    vals: dict[str, Any] = dict(v2)
    vals["nd94"] = f"{v2['nd94']:02d}"  # typed as text
    vals["cntn"] = None  # left blank
    our_form(d / "form-yen-hoa-blank.xlsx", "yen-hoa", "UBND PHƯỜNG YÊN HÒA", vals)
    v2["cntn"] = None
    truth.add("xlsx/form-yen-hoa-blank.xlsx", recs("yen-hoa", v2), ["missing_indicator"])

    v = rnd()
    our_form(
        d / "form-wrong-plan.xlsx",
        "nghia-tan",
        "UBND PHƯỜNG NGHĨA TÂN",
        v,
        plan_number="99/KH-UBND",
    )
    truth.add(
        "xlsx/form-wrong-plan.xlsx",
        recs("nghia-tan", v, set(IND)),
        ["plan_mismatch", "low_confidence"],
    )

    v = rnd()
    ward_merged(
        d / "ward-trung-hoa-merged.xlsx",
        "UBND PHƯỜNG TRUNG HÒA",
        {i: f"{x:02d}" for i, x in v.items()},
        True,
    )
    truth.add("xlsx/ward-trung-hoa-merged.xlsx", recs("trung-hoa", v))

    v = rnd()
    ward_formula(d / "ward-mai-dich-formula.xlsx", "UBND PHƯỜNG MAI DỊCH", v, cached=True)
    truth.add("xlsx/ward-mai-dich-formula.xlsx", recs("mai-dich", v))

    v3: dict[str, Any] = rnd()
    ward_formula(d / "ward-dich-vong-nocache.xlsx", "UBND PHƯỜNG DỊCH VỌNG", v3, cached=False)
    v3["nd94"] = None
    truth.add(
        "xlsx/ward-dich-vong-nocache.xlsx", recs("dich-vong", v3, {"nd94"}), ["low_confidence"]
    )

    v = rnd()
    ward_roles(d / "ward-nghia-do-roles.xlsx", "UBND PHƯỜNG NGHĨA ĐÔ", v)
    truth.add("xlsx/ward-nghia-do-roles.xlsx", recs("nghia-do", v))

    v = rnd()
    ward_down(d / "ward-nghia-tan-down.xlsx", "UBND PHƯỜNG NGHĨA TÂN", v)
    truth.add("xlsx/ward-nghia-tan-down.xlsx", recs("nghia-tan", v))
