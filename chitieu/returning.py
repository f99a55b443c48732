"""Returning a unit's report for correction (trả lại): a short công văn (ND30) saying what
is wrong, and the unit's figures held until a corrected report arrives.

What is wrong comes from the records: figures still flagged for review, the plan's rules
the unit's figures break, and totals of its report that do not add up (the extraction's
`total_mismatch` problems). The letter is built like the reminder (`chitieu.reminder`):
same header, number ("Số:      /UBND"), signature and recipients.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from chitieu.plan import Plan
from chitieu.reminder import (
    Reminder,
    addressee,
    agency_code,
    in_prose,
    issuer_in_prose,
    signature_of,
    write_letter,
)
from chitieu.render.official import Recipients
from chitieu.vnformat import short_date


@dataclass(frozen=True)
class Findings:
    """What is wrong with one unit's report for one period, as sentences."""

    flagged: list[str]
    rules: list[str]
    totals: list[str]
    files: list[str]

    @property
    def all(self) -> list[str]:
        return [*self.flagged, *self.rules, *self.totals]


def findings(plan: Plan, store: Any, plan_id: int, unit: str, period: str) -> Findings:
    """Gather what is wrong with a unit's current figures for a period."""
    from chitieu.reconcile import reconcile_stored

    measure = {i.id: (i.name, f" {i.measure}" if i.measure else "") for i in plan.indicators}
    current = [r for r in store.current_results(plan_id, period) if r.unit == unit]
    flagged = []
    for r in current:
        if not r.needs_review:
            continue
        name, unit_word = measure.get(r.indicator, (r.indicator, ""))
        read = "không đọc được" if r.value is None else f"đọc được {r.value}{unit_word}"
        why = f" ({r.note})" if r.note else ""
        flagged.append(f"Số liệu “{name}” không rõ ràng: {read}{why}.")
    rec = reconcile_stored(plan, store)
    rules = [
        f"Số liệu không thỏa quy tắc “{v.name or v.rule}”: {v.left:g} so với {v.right:g}."
        for v in rec.violations
        if v.unit == unit and v.period == period and v.role == "result"
    ]
    files = sorted({r.file_name for r in current if r.file_name})
    subs = {r.submission_id for r in current}
    totals = []
    for s in store.submissions(plan_id):
        if s.id in subs:
            totals += [p["message"] for p in s.problems if p.get("code") == "total_mismatch"]
    return Findings(flagged, rules, totals, files)


def compose(
    plan: Plan, unit_id: str, period: str, reason: str, found: Findings, today: date
) -> Reminder:
    """The letter's content (same shape as a reminder, testable without a DOCX)."""
    doc = plan.document
    unit = plan.unit_by_id[unit_id]
    code = agency_code(plan)
    ref = f"Kế hoạch số {doc.number} ngày {short_date(doc.date)}"
    who = issuer_in_prose(plan)
    sent = f" (tệp {', '.join(found.files)})" if found.files else ""
    paragraphs = [
        f"{who[:1].upper() + who[1:]} đã nhận được báo cáo kết quả thực hiện {ref} kỳ {period} "
        f"của {in_prose(unit)}{sent}.",
        f"Qua kiểm tra, báo cáo chưa bảo đảm yêu cầu: {reason.strip().rstrip('.')}. Cụ thể:"
        if found.all
        else f"Qua kiểm tra, báo cáo chưa bảo đảm yêu cầu: {reason.strip().rstrip('.')}.",
        *(f"- {line}" for line in found.all),
        f"{who[:1].upper() + who[1:]} trả lại báo cáo và đề nghị {in_prose(unit)} rà soát, "
        "chỉnh sửa, gửi lại báo cáo trong thời gian sớm nhất để kịp tổng hợp; thủ trưởng đơn vị "
        "chịu trách nhiệm về tính chính xác của số liệu báo cáo./.",
    ]
    signature = signature_of(plan)
    return Reminder(
        number=f"{' ' * 6}/{code}" if code else " " * 6,
        vv=f"V/v trả lại báo cáo kết quả thực hiện {ref}",
        kinh_gui=[addressee(unit)],
        paragraphs=paragraphs,
        recipients=Recipients(["Như trên"], doc.archive or "Lưu: VT"),
        signature=signature,
    )


def write_return(
    plan: Plan,
    unit_id: str,
    period: str,
    reason: str,
    found: Findings,
    today: date,
    out_dir: Path,
) -> Path:
    """Write the công văn trả lại as DOCX into `out_dir`; returns its path.

    Raises:
        RenderError: the folder cannot be written.
    """
    r = compose(plan, unit_id, period, reason, found, today)
    return write_letter(
        plan, r, today, out_dir / f"cong-van-tra-lai-{unit_id}-{today.isoformat()}.docx"
    )
