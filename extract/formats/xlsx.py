"""XLSX -> ReadDocument: every visible sheet as one table (merged cells resolved), each
row also as a text line (letterheads live in cells), and our forms' hidden ids.

Values are the cached results of formulas (`data_only`); a formula saved without a
cached value (a file written by a program that never calculated it) is marked so that
interpretation sends it for review instead of reading it as blank.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from chitieu.form_ids import FORMAT, HIDDEN_SHEET, RESULT_NAME_PREFIX
from chitieu.record import Where
from extract.document import Cell, FormIds, ReadDocument, Table, TextLine
from extract.limits import Limits
from extract.text import nfc

_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def read_xlsx(path: Path, limits: Limits) -> ReadDocument:
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False) if _has_formulas(path) else None
    doc = ReadDocument(kind="xlsx", page_count=len(wb.worksheets))
    if HIDDEN_SHEET in wb.sheetnames:
        doc.form_ids = _form_ids(wb[HIDDEN_SHEET], _defined_cells(wb))
    index = 0
    for ws in wb.worksheets:
        if ws.title == HIDDEN_SHEET or ws.sheet_state != "visible":
            continue
        n_rows, n_cols = ws.max_row, ws.max_column
        if n_rows > limits.max_sheet_rows or n_cols > limits.max_sheet_cols:
            doc.warnings.append(
                f"Trang tính «{ws.title}» quá lớn ({n_rows}×{n_cols} ô); chỉ đọc "
                f"{limits.max_sheet_rows} dòng × {limits.max_sheet_cols} cột đầu."
            )
            n_rows, n_cols = min(n_rows, limits.max_sheet_rows), min(n_cols, limits.max_sheet_cols)
        fws = formulas[ws.title] if formulas is not None else None
        merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        grid: list[list[Cell | None]] = []
        made: dict[tuple[int, int], Cell] = {}
        rows = ws.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols, values_only=True)
        for r, values in enumerate(rows, start=1):
            out_row: list[Cell | None] = []
            texts: list[str] = []
            for c in range(1, n_cols + 1):
                origin = merged.get((r, c))
                if origin is not None and (origin[0], origin[1]) != (r, c):
                    out_row.append(made.get((origin[0], origin[1])))
                    continue
                value = values[c - 1] if c - 1 < len(values) else None
                addr = f"{get_column_letter(c)}{r}"
                no_cache = False
                if value is None and fws is not None:
                    raw = fws[addr].value
                    no_cache = isinstance(raw, str) and raw.startswith("=")
                cell = Cell(
                    text=_text(value),
                    row=r - 1,
                    col=c - 1,
                    rowspan=(origin[2] - origin[0] + 1) if origin else 1,
                    colspan=(origin[3] - origin[1] + 1) if origin else 1,
                    where=Where(cell=addr, sheet=ws.title, table=index),
                    formula_without_value=no_cache,
                )
                made[(r, c)] = cell
                out_row.append(cell)
                if cell.text:
                    texts.append(cell.text)
            grid.append(out_row)
            if len(texts) <= 2:  # letterhead, title and prose rows; not table rows
                doc.lines.extend(TextLine(t, page=index + 1) for t in texts)
        doc.tables.append(Table(cells=grid, page=index + 1, index=index))
        index += 1
    return doc


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with zf.open(name) as fh:
                    if _FORMULA.search(fh.read()):
                        return True
    return False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def _defined_cells(wb: Any) -> dict[str, str]:
    """Workbook defined names of single cells -> "Sheet!E8"; a name whose cell was deleted
    (`#REF!`) maps to ""."""
    out: dict[str, str] = {}
    for name, dn in wb.defined_names.items():
        if not name.startswith(RESULT_NAME_PREFIX):
            continue
        try:
            dests = list(dn.destinations)
        except Exception:  # a broken reference: the cell is gone
            dests = []
        if len(dests) != 1 or "#REF" in (dn.attr_text or "") or ":" in dests[0][1]:
            out[name] = ""
            continue
        sheet, ref = dests[0]
        out[name] = f"{sheet}!{ref.replace('$', '')}"
    return out


def _form_ids(ws: Any, names: dict[str, str]) -> FormIds | None:
    """The hidden `_chitieu` sheet of our return forms (chitieu/form_ids.py). A result cell
    is located by its defined name where the form has one (the name moves with the cell
    when rows or columns are inserted), else by the address written at drafting."""
    keys: dict[str, str] = {}
    for r in range(1, 6):
        k, v = ws.cell(r, 1).value, ws.cell(r, 2).value
        if k is not None:
            keys[str(k).strip()] = "" if v is None else str(v).strip()
    if keys.get("format") != FORMAT or not keys.get("plan_number") or not keys.get("unit"):
        return None
    cells: list[tuple[str, str]] = []
    for r in range(8, ws.max_row + 1):
        ind, result, sheet = ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 4).value
        name = ws.cell(r, 5).value
        if not ind or not result:
            continue
        addr = str(result).strip().replace("$", "")
        if name and str(name).strip() in names:
            cells.append((str(ind).strip(), names[str(name).strip()]))
            continue
        cells.append((str(ind).strip(), f"{sheet}!{addr}" if sheet else addr))
    return FormIds(
        plan_number=nfc(keys["plan_number"]),
        unit=keys["unit"],
        period=keys.get("period") or None,
        result_cells=tuple(cells),
    )
