"""What the head of a document says: is it a quota annex (targets) or a return
(results), for which period, which ids it prints, and which lines are its letterhead."""

from __future__ import annotations

import re

from chitieu.form_ids import parse_qr_payload
from chitieu.plan import Plan
from chitieu.record import Role
from extract.document import FormIds, ReadDocument, TextLine
from extract.text import fold

LETTERHEAD_LINES = 12
ANNEX_MARKERS = (
    "bieu giao chi tieu",
    "bieu chi tieu",
    "kem theo ke hoach",
    "phu luc giao chi tieu",
)


def document_role(texts: list[str]) -> Role:
    head = " ".join(fold(t) for t in texts[:40])
    return Role.target if any(m in head for m in ANNEX_MARKERS) else Role.result


_MONTH = re.compile(r"thang (\d{1,2}) (?:nam )?(\d{4})")
_QUARTER = re.compile(r"quy (i|ii|iii|iv|1|2|3|4) (?:nam )?(\d{4})")
_YEAR = re.compile(r"nam (\d{4})")
_HALF = re.compile(r"(?:06|6) thang (?:dau )?nam (\d{4})")
_NINE = re.compile(r"(?:09|9) thang (?:dau )?nam (\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def document_period(doc: ReadDocument, plan: Plan, texts: list[str]) -> tuple[str, str | None]:
    keys = [p.key for p in plan.all_periods]
    if len(keys) == 1:
        return keys[0], None
    if doc.form_ids and doc.form_ids.period in keys:
        return doc.form_ids.period, None
    found: set[str] = set()
    for t in texts[:40]:
        f = fold(t)
        for rx, suffix in ((_HALF, "-H1"), (_NINE, "-9M")):
            for y in rx.findall(f):
                found.add(f"{y}{suffix}")
            f = rx.sub(" ", f)  # "6 tháng đầu năm 2022" is not the year 2022
        for m, y in _MONTH.findall(f):
            found.add(f"{y}-{int(m):02d}")
        for q, y in _QUARTER.findall(f):
            found.add(f"{y}-Q{_ROMAN.get(q) or int(q)}")
        f = _QUARTER.sub(" ", _MONTH.sub(" ", f))  # "quý II năm 2022" is not the year either
        for y in _YEAR.findall(f):
            found.add(y)
    hits = [k for k in keys if k in found]
    if len(hits) == 1:
        return hits[0], None
    return keys[0], "không xác định được kỳ báo cáo từ văn bản; đã lấy kỳ đầu tiên của kế hoạch"


_PRINTED_IDS = re.compile(r"CHITIEU1\?\S+")


def printed_ids(texts: list[str]) -> FormIds | None:
    """The ids our DOCX/PDF forms print in clear next to their QR code."""
    for text in texts:
        m = _PRINTED_IDS.search(text)
        fields = parse_qr_payload(m.group(0)) if m else None
        if fields:
            return FormIds(fields["plan"], fields["unit"], fields.get("period"))
    return None


def letterhead_lines(doc: ReadDocument) -> list[str]:
    """The first lines outside the figure tables, each followed by the line printed
    right below it in the same column (PDF lines come row by row, so a wrapped
    "QUẬN CẦU / GIẤY" is split). A unit named in a table row is not the sender."""
    in_tables: set[str] = set()
    boxes: list[tuple[int, float, float, float, float]] = []
    if doc.kind != "xlsx":  # a sheet is one table; its reader gives only prose rows as lines
        for table in doc.tables:
            if table.n_rows <= 3 and table.n_cols <= 3:
                continue  # a layout table: the letterhead's two columns
            for row in table.cells:
                for cell in row:
                    if cell is None:
                        continue
                    in_tables.add(fold(cell.text))
                    if cell.where.bbox is not None:
                        boxes.append((cell.where.page or table.page, *cell.where.bbox))

    def outside(ln: TextLine) -> bool:
        if fold(ln.text) in in_tables:
            return False
        if ln.bbox is None:
            return True
        cx, cy = (ln.bbox[0] + ln.bbox[2]) / 2, (ln.bbox[1] + ln.bbox[3]) / 2
        return not any(
            pg == ln.page and x0 <= cx <= x1 and y0 <= cy <= y1 for pg, x0, y0, x1, y1 in boxes
        )

    head = [ln for ln in doc.lines if outside(ln)][:LETTERHEAD_LINES]
    out: list[str] = []
    for ln in head:
        out.append(ln.text)
        if ln.bbox is None:
            continue
        x0, _, _, bottom = ln.bbox
        for other in head:
            if other is ln or other.bbox is None or other.page != ln.page:
                continue
            if abs(other.bbox[0] - x0) < 3 and 0 <= other.bbox[1] - bottom < 8:
                out.append(other.text)
                break
    return out
