"""Whether a report's figures are final: the period locked (khóa sổ) by whom and when, or
provisional while it is open. Said in the báo cáo (body and phụ lục) and its workbook, so
that a signed paper carries it, not only the terminal that printed it."""

from __future__ import annotations

from typing import Any

from chitieu.report.view import ReportView
from chitieu.vnformat import short_date


def period_lock(view: ReportView) -> Any | None:
    """The lock in force on the report's period (a `PeriodEvent`), or None when it is open."""
    return (getattr(view.rec, "locks", None) or {}).get(view.period)


def finality_sentence(view: ReportView) -> str:
    """ "Số liệu tại báo cáo này là số liệu chính thức: kỳ báo cáo đã khóa sổ lúc 16:30
    ngày 05/7/2021 (người khóa sổ: Nguyễn Văn A)." or the provisional counterpart."""
    ev = period_lock(view)
    if ev is not None:
        return (
            "Số liệu tại báo cáo này là số liệu chính thức: kỳ báo cáo đã khóa sổ lúc "
            f"{ev.at:%H:%M} ngày {short_date(ev.at.date())} (người khóa sổ: {ev.person})."
        )
    return (
        "Số liệu tại báo cáo này là số liệu tạm thời: kỳ báo cáo chưa khóa sổ, số liệu có "
        "thể thay đổi khi các đơn vị gửi bổ sung, điều chỉnh."
    )


def finality_short(view: ReportView) -> str:
    """The same in a few words, for the phụ lục's note and the workbook's title rows."""
    ev = period_lock(view)
    if ev is not None:
        return (
            f"Số liệu chính thức, đã khóa sổ lúc {ev.at:%H:%M} ngày "
            f"{short_date(ev.at.date())} (người khóa sổ: {ev.person})."
        )
    return "Số liệu tạm thời, kỳ báo cáo chưa khóa sổ."


__all__ = ["finality_sentence", "finality_short", "period_lock"]
