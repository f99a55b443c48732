"""What the head of a document says: is it a quota annex (targets) or a return
(results), for which period and which ids it prints (its sender: `extract/sender.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.form_ids import parse_qr_payload
from chitieu.plan import Plan
from chitieu.plan_parts import Period
from chitieu.record import Role
from extract.document import FormIds, ReadDocument
from extract.periods import (
    Relation,
    Span,
    describe,
    describe_period,
    relation,
    spans_in,
    title_spans,
)
from extract.text import fold

ANNEX_MARKERS = (
    "bieu giao chi tieu",
    "bieu chi tieu",
    "kem theo ke hoach",
    "phu luc giao chi tieu",
)


def document_role(texts: list[str]) -> Role:
    head = " ".join(fold(t) for t in texts[:40])
    return Role.target if any(m in head for m in ANNEX_MARKERS) else Role.result


@dataclass(frozen=True)
class DocPeriod:
    """The period a document's figures are for, and why it is doubtful if it is."""

    key: str
    note: str | None = None  # Vietnamese, sends every record to review
    problem: str | None = None  # Vietnamese message of a `wrong_period` problem


def document_period(doc: ReadDocument, plan: Plan, texts: list[str]) -> DocPeriod:
    """The plan period the return is for: the one its title names. A title naming a
    period that is not the plan's ("THÁNG 6 NĂM 2019" for June 2021) is a problem and
    its figures are for review; in a multi-period plan the named period is chosen."""
    periods = plan.all_periods
    keys = [p.key for p in periods]
    if doc.form_ids and doc.form_ids.period in keys:
        return DocPeriod(doc.form_ids.period)
    years = sorted({p.end.year for p in periods} | {p.start.year for p in periods})
    spans: list[Span] = []
    for year in years:
        spans.extend(s for s in title_spans(texts, year) if s not in spans)
    if not spans and len(keys) > 1:
        found = _header_period(doc, periods, years)
        if found is not None:
            return DocPeriod(found)
    rel = {(i, s): relation(s, p) for i, p in enumerate(periods) for s in spans}
    same = sorted({i for (i, _), r in rel.items() if r == Relation.same})
    within = sorted({i for (i, _), r in rel.items() if r == Relation.within})
    named = ", ".join(dict.fromkeys(describe(s) for s in spans))
    if len(same) == 1:
        return DocPeriod(keys[same[0]])
    if len(same) > 1:
        return DocPeriod(keys[same[0]], "văn bản ghi nhiều kỳ báo cáo của kế hoạch; đã lấy kỳ đầu")
    if len(within) == 1:
        per = periods[within[0]]
        why = f"văn bản báo cáo {named}, chỉ là một phần kỳ {describe_period(per)} của kế hoạch"
        return DocPeriod(
            per.key,
            why,
            f"Kỳ báo cáo ghi trong văn bản ({named}) chỉ là một phần kỳ {describe_period(per)} của kế hoạch.",
        )
    others = [s for s in spans if all(rel[(i, s)] == Relation.other for i in range(len(periods)))]
    if others:
        wrong = ", ".join(dict.fromkeys(describe(s) for s in others))
        plan_side = ", ".join(describe_period(p) for p in periods[:3])
        return DocPeriod(
            keys[0],
            f"văn bản báo cáo {wrong}, không phải kỳ của kế hoạch ({plan_side})",
            f"Văn bản báo cáo kỳ {wrong}, không phải kỳ của kế hoạch ({plan_side}).",
        )
    if len(keys) == 1:
        return DocPeriod(keys[0])
    return DocPeriod(
        keys[0], "không xác định được kỳ báo cáo từ văn bản; đã lấy kỳ đầu tiên của kế hoạch"
    )


def _header_period(doc: ReadDocument, periods: list[Period], years: list[int]) -> str | None:
    """In a multi-period plan whose return names no period in its title, the one plan
    period that the table headers name ("Thực hiện quý II/2026"), if exactly one."""
    hits: set[str] = set()
    for table in doc.tables:
        for row in table.cells[:20]:
            for cell in row:
                if cell is None or not cell.text.strip() or len(cell.text) > 120:
                    continue
                for year in years:
                    for span in spans_in(cell.text, year):
                        hits |= {p.key for p in periods if relation(span, p) == Relation.same}
    return hits.pop() if len(hits) == 1 else None


_PRINTED_IDS = re.compile(r"CHITIEU1\?\S+")


def printed_ids(texts: list[str]) -> FormIds | None:
    """The ids our DOCX/PDF forms print in clear next to their QR code."""
    for text in texts:
        m = _PRINTED_IDS.search(text)
        fields = parse_qr_payload(m.group(0)) if m else None
        if fields:
            return FormIds(fields["plan"], fields["unit"], fields.get("period"))
    return None
