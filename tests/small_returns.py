"""A one-month plan of two phường and two indicators, and a return written against it as
a small .xlsx: the material of the narrow value-reading tests (test_extract_values.py,
test_extract_totals.py).
"""

from __future__ import annotations

from pathlib import Path

PLAN = """
document: {number: "7/KH-UBND", date: 2021-05-01, place: "Cầu Giấy", issuer: "UBND QUẬN CẦU GIẤY", title: "Kế hoạch"}
period: {start: 2021-06-01, end: 2021-06-30}
units:
  - {id: quan, name: "Cầu Giấy", kind: "quận"}
  - {id: quan-hoa, name: "Quan Hoa", parent: quan}
  - {id: yen-hoa, name: "Yên Hòa", parent: quan}
indicators:
  - {id: cnbb, name: "Lập hồ sơ đưa CNBB", measure: "người"}
  - {id: cntn, name: "Cai nghiện tự nguyện", measure: "người"}
targets: {quan-hoa: {cnbb: 2, cntn: 3}, yen-hoa: {cnbb: 1, cntn: 1}}
"""


def return_xlsx(path: Path, lines: list[str], rows: list[list[object]], merge: str = "") -> Path:
    """A return as a clerk types it in Excel: its lines, a blank row, the table
    (`merge`: one merged range, "C3:D3")."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for line in lines:
        ws.append([line])
    ws.append([])
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path
