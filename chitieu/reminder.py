"""The công văn đôn đốc: an official letter (ND30) asking late units to send their return.

Built on `chitieu.render.official.OfficialDoc`. A công văn has no type name and no type
code: its number is "Số:      /UBND" (the clerk writes the number when it is registered)
and its subject line is "V/v …". It is addressed ("Kính gửi") to the units that have not
reported, cites the plan and its deadline, and is signed like the plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chitieu.due import days_left, due_phrase, time_left_sentence
from chitieu.periods import data_note, period_text
from chitieu.plan import Plan
from chitieu.plan_parts import Period, Unit
from chitieu.render.names import in_sentence
from chitieu.render.official import OfficialDoc, Recipients, Signature
from chitieu.vnformat import short_date


@dataclass(frozen=True)
class Reminder:
    """Everything the letter says, before layout: testable without opening a DOCX."""

    number: str
    vv: str
    kinh_gui: list[str]
    paragraphs: list[str]
    recipients: Recipients
    signature: Signature


def in_prose(unit: Unit) -> str:
    """The unit as a sentence names it (see `Unit.in_prose`)."""
    return unit.in_prose


def addressee(unit: Unit) -> str:
    """ "Ủy ban nhân dân phường Quan Hoa", "Ủy ban nhân dân Phường 1", else the unit's name."""
    return unit.government


def issuer_in_prose(plan: Plan) -> str:
    """The issuer as the body names it: "Ủy ban nhân dân quận Cầu Giấy" (ND30 PL II)."""
    return in_sentence(plan.document.issuer)


def agency_code(plan: Plan) -> str:
    """The agency part of the plan's number ("152/KH-UBND" → "UBND"), for the công văn."""
    m = re.match(r"^\s*\d*\s*/\s*[A-ZĐa-z]+-(.+)$", plan.document.number)
    return m.group(1).strip() if m else ""


def compose(
    plan: Plan, late: Sequence[Unit], today: date, deadline: date, period: Period | None = None
) -> Reminder:
    """The reminder's content for the units in `late` (at least one), for `period` (named
    in the letter when given; a return due before its end asks for estimates)."""
    if not late:
        raise ValueError("a reminder needs at least one unit that has not reported")
    doc = plan.document
    code = agency_code(plan)
    number = f"{' ' * 6}/{code}" if code else " " * 6
    ref = f"Kế hoạch số {doc.number} ngày {short_date(doc.date)}"
    who = issuer_in_prose(plan)
    names = ", ".join(in_prose(u) for u in late)
    when = due_phrase(deadline)
    what = "báo cáo kết quả thực hiện"
    if period is not None:
        what += f" {period_text(period)}"
        note = data_note(period, deadline <= period.end)
        if note:
            what += f" {note[:2].lower()}{note[2:]}"
    overdue = days_left(deadline, today) < 0
    paragraphs = [
        f"Thực hiện {ref} của {who} về việc {_lower_first(doc.title)}, "
        f"các đơn vị được giao chỉ tiêu phải gửi {what} {when}.",
        f"Đến ngày {short_date(today)}, {who} chưa nhận được báo cáo của "
        f"{len(late):02d} đơn vị: {names}.",
        f"{time_left_sentence(deadline, today)} Để kịp thời tổng hợp, báo cáo cấp trên, "
        f"{who} đề nghị các đơn vị khẩn trương hoàn thành, gửi báo cáo kết quả theo mẫu biểu "
        f"đã gửi kèm {ref} {'ngay trong ngày nhận được công văn này' if overdue else when}; "
        "thủ trưởng đơn vị chịu trách nhiệm về tính chính xác của số liệu báo cáo.",
        f"Quá thời hạn trên, đơn vị nào chưa báo cáo sẽ được tổng hợp vào danh sách đơn vị "
        f"chưa hoàn thành nhiệm vụ theo {ref}./.",
    ]
    signature = signature_of(plan)
    return Reminder(
        number=number,
        vv=f"V/v đôn đốc báo cáo kết quả thực hiện {ref}",
        kinh_gui=[addressee(u) for u in late],
        paragraphs=paragraphs,
        recipients=Recipients(["Như trên"], doc.archive or "Lưu: VT"),
        signature=signature,
    )


def write_reminder(
    plan: Plan,
    late: Sequence[Unit],
    today: date,
    deadline: date,
    out_dir: Path,
    period: Period | None = None,
) -> Path:
    """Write the công văn đôn đốc as DOCX into `out_dir`; returns its path.

    Raises:
        RenderError: the folder cannot be written.
    """
    r = compose(plan, late, today, deadline, period)
    stem = f"cong-van-don-doc-{today.isoformat()}"
    if period is not None and (
        len(plan.all_periods) > 1 or deadline != plan.deadline_for(period)
    ):  # several letters can be dated the same day: name them apart
        stem += f"-{period.key}-han-{deadline.isoformat()}"
    return write_letter(plan, r, today, out_dir / f"{stem}.docx")


def write_letter(plan: Plan, r: Reminder, today: date, path: Path) -> Path:
    """Lay out a công văn about the plan (reminder, return…) as DOCX at `path`."""
    doc = OfficialDoc(
        kind="",
        issuer=plan.document.issuer,
        parent=plan.document.parent,
        number=r.number,
        place=plan.document.place,
        date=today,
        vv=r.vv,
    )
    doc.kinh_gui(r.kinh_gui)
    for text in r.paragraphs:
        doc.paragraph(text)
    doc.closing(r.recipients, r.signature)
    return doc.save(path)


def signature_of(plan: Plan) -> Signature:
    """The plan's signer, as every letter about the plan is signed."""
    signer = plan.document.signer_or_default
    return Signature.of(signer.title, signer.name, signer.authority, signer.delegation)


def _lower_first(text: str) -> str:
    """ "Triển khai Tháng hành động…" → "triển khai Tháng hành động…" after "về việc"."""
    return text[:1].lower() + text[1:] if text else text


__all__ = ["Reminder", "addressee", "compose", "in_prose", "issuer_in_prose", "write_reminder"]
