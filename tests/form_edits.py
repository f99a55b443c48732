"""A grammar of the ways a ward edits our XLSX return form before sending it back, and a
scorer that reads the edited form and compares it with what was typed.

One seed -> one plan, one unit's drafted form (the real renderer), typed results (plain
numbers, "07", "-", "7 người"), then the sheet unprotected (no password) and edited by
one tool:

* "openpyxl": rows inserted above or inside the table, a row deleted, a column inserted,
  the result column moved; openpyxl moves cells but never defined names or the stored
  addresses, so the form's map is stale, as after any program that rewrites the sheet;
* "calc": the same kinds of edits through LibreOffice Calc's own row and column API
  (`lo_edit.py`), which moves defined names with their cells as Excel does;
* either, on a form drafted before result cells had defined names ("old").

The truth is what was typed, located independently of the reader: an indicator whose
row was deleted has no truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from chitieu.form_ids import HIDDEN_SHEET, RESULT_NAME_PREFIX
from chitieu.plan import Plan, load_plan
from chitieu.record import Extraction
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import FIRST_ROW, RESULT_COL, write_return_xlsx

ROOT = Path(__file__).resolve().parent.parent
PLANS = ("cau-giay-2021", "vung-tau-2022")
WORDS = ("người", "vụ", "đối tượng", "hồ sơ", "lượt")


@dataclass
class Case:
    seed: int
    path: Path
    plan: Plan
    tool: str  # "openpyxl" or "calc"
    old: bool  # drafted without defined names
    truth: dict[str, int] = field(default_factory=dict)
    worded: set[str] = field(default_factory=set)  # typed as "7 người": must be flagged
    ops: list[str] = field(default_factory=list)  # calc operations (0-based) to apply
    moved: bool = False  # the result cells are no longer where the stored map says


_PLANS: dict[str, Plan] = {}


def _plan(name: str) -> Plan:
    if name not in _PLANS:
        _PLANS[name] = load_plan(ROOT / "samples" / name / "plan.yaml")
    return _PLANS[name]


def make_case(seed: int, out_dir: Path, tool: str | None = None) -> Case:
    """Draft, fill and (for openpyxl) edit one form; calc edits are listed in `ops`."""
    rng = random.Random(seed)
    plan = _plan(rng.choice(PLANS))
    unit = rng.choice(list(plan.reporting_units))
    period = rng.choice(plan.all_periods)
    tool = tool or rng.choice(["openpyxl", "calc"])
    path = out_dir / f"form-{seed}.xlsx"
    write_return_xlsx(ReturnForm(plan, unit, period), path)
    case = Case(seed, path, plan, tool, old=rng.random() < 0.25)

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    hidden = wb[HIDDEN_SHEET]
    if case.old:  # what forms drafted before the names looked like
        for name in [n for n in wb.defined_names if n.startswith(RESULT_NAME_PREFIX)]:
            del wb.defined_names[name]
        for r in range(7, hidden.max_row + 1):
            hidden.cell(r, 5).value = None
    inds = list(plan.indicators)
    rows: dict[str, int] = {}  # indicator -> sheet row, as drafted
    for n, ind in enumerate(inds):
        rows[ind.id] = FIRST_ROW + n
        if ind.is_rate or rng.random() < 0.15:
            continue  # left blank
        value = rng.randint(0, 60)
        style = rng.random()
        if style < 0.6:
            typed: object = value
        elif style < 0.75:
            typed = f"{value:02d}"
        elif style < 0.85 and value == 0:
            typed = rng.choice(["-", "0"])
        else:
            typed = f"{value} {rng.choice(WORDS)}"
            case.worded.add(ind.id)
        ws.cell(rows[ind.id], RESULT_COL).value = typed
        case.truth[ind.id] = value
    ws.protection.sheet = False

    last = FIRST_ROW + len(inds) - 1
    n_ops = rng.randint(1, 3)
    deleted: set[str] = set()
    for _ in range(n_ops):
        kind = rng.choice(["rows_above", "row_inside", "delete_row", "col", "move_col"])
        if kind == "move_col" and tool == "calc":
            kind = "col"
        if kind == "rows_above":
            at, k = rng.randint(1, 5), rng.randint(1, 3)
            _insert_rows(case, ws, at, k, rows)
            last += k
        elif kind == "row_inside":
            at = rng.randint(FIRST_ROW + 1, last)
            _insert_rows(case, ws, at, 1, rows)
            last += 1
            if tool == "openpyxl" and rng.random() < 0.5:
                ws.cell(at, 2).value = rng.choice(["Trong đó: nữ", "Khác", "Ghi chú thêm"])
        elif kind == "delete_row":
            blank = [r for r in range(1, FIRST_ROW - 1) if r not in rows.values()]
            if rng.random() < 0.5 and blank and min(rows.values()) > 4:
                at = min(rows.values()) - 2  # the blank row between title and table
            else:
                victim = rng.choice([i for i in rows if i not in deleted])
                at = rows[victim]
                deleted.add(victim)
                case.truth.pop(victim, None)
                case.worded.discard(victim)
                del rows[victim]
                last -= 1
            _delete_row(case, ws, at, rows)
        elif kind == "col":
            at = rng.randint(1, RESULT_COL + 1)
            _insert_col(case, ws, at)
        else:  # move the result column two to the right (openpyxl only)
            col = _result_col(ws, rows)
            letter = get_column_letter(col)
            ws.move_range(f"{letter}1:{letter}{ws.max_row}", cols=2)
            case.moved = True
    wb.save(path)
    return case


def _insert_rows(case: Case, ws: object, at: int, k: int, rows: dict[str, int]) -> None:
    if case.tool == "calc":
        case.ops.append(f"rows {at - 1} {k}")
    else:
        _shifted(ws, "row", at, k, lambda: ws.insert_rows(at, k))  # type: ignore[attr-defined]
    for ind, r in rows.items():
        if r >= at:
            rows[ind] = r + k
            case.moved = True


def _delete_row(case: Case, ws: object, at: int, rows: dict[str, int]) -> None:
    if case.tool == "calc":
        case.ops.append(f"delrows {at - 1} 1")
    else:
        _shifted(ws, "row", at, -1, lambda: ws.delete_rows(at, 1))  # type: ignore[attr-defined]
    for ind, r in rows.items():
        if r > at:
            rows[ind] = r - 1
            case.moved = True


def _insert_col(case: Case, ws: object, at: int) -> None:
    if case.tool == "calc":
        case.ops.append(f"cols {at - 1} 1")
    else:
        _shifted(ws, "col", at, 1, lambda: ws.insert_cols(at, 1))  # type: ignore[attr-defined]
    if at <= RESULT_COL:
        case.moved = True


def _shifted(ws: Any, axis: str, at: int, k: int, edit: Any) -> None:
    """Run the row or column `edit` with merged ranges following it, as in any
    spreadsheet program (openpyxl leaves them in place, which would bury the table's
    header under the title's merge; the defined names and stored addresses it leaves
    stale on purpose)."""
    boxes = []
    for rng in list(ws.merged_cells.ranges):
        boxes.append([rng.min_row, rng.min_col, rng.max_row, rng.max_col])
        ws.merged_cells.remove(rng)  # its placeholder cells move with the edit
    edit()
    lo, hi = (0, 2) if axis == "row" else (1, 3)
    for box in boxes:
        if k < 0 and box[lo] == box[hi] == at:
            continue
        if box[lo] >= at + (1 if k < 0 else 0):
            box[lo] += k
            box[hi] += k
        elif box[hi] >= at:
            box[hi] += k
        ws.merge_cells(start_row=box[0], start_column=box[1], end_row=box[2], end_column=box[3])


def _result_col(ws: object, rows: dict[str, int]) -> int:
    for c in range(1, 20):
        for r in range(1, 15):
            if ws.cell(r, c).value == "Kết quả thực hiện":  # type: ignore[attr-defined]
                return c
    raise AssertionError("no result column")


@dataclass
class Score:
    expected: int = 0
    exact: int = 0  # right value (flagged or not)
    flagged: int = 0  # records with needs_review
    silent: int = 0  # wrong value, not flagged
    missing: int = 0  # typed, not read
    spurious: int = 0  # read, never typed
    worded_unflagged: int = 0  # "7 người" read without a flag
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "expected",
            "exact",
            "flagged",
            "silent",
            "missing",
            "spurious",
            "worded_unflagged",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.details += other.details


def score(case: Case, got: Extraction) -> Score:
    s = Score(expected=len(case.truth))
    have = {r.indicator: r for r in got.records}
    for ind, want in case.truth.items():
        rec = have.get(ind)
        if rec is None:
            s.missing += 1
            s.details.append(f"{case.seed}: {ind} missing (want {want})")
            continue
        if rec.value == want:
            s.exact += 1
        elif not rec.needs_review:
            s.silent += 1
            s.details.append(f"{case.seed}: {ind} = {rec.value} unflagged, want {want}")
        if ind in case.worded and not rec.needs_review:
            s.worded_unflagged += 1
            s.details.append(f"{case.seed}: {ind} typed with words, not flagged")
    for ind, rec in have.items():
        if rec.needs_review:
            s.flagged += 1
        if ind not in case.truth:
            s.spurious += 1
            if not rec.needs_review:
                s.silent += 1
            s.details.append(f"{case.seed}: {ind} = {rec.value} read, never typed")
    return s
