"""The result sentence of a month, quarter, 6 or 9 months measured by its lũy kế against
the year's target (README "Sub-year periods against the year's target"), and which of its
shortfalls are not yet shortcomings.
"""

from __future__ import annotations

from chitieu.plan_parts import Direction, Indicator
from chitieu.reconcile import Row, Status
from chitieu.report.sentences import _counted, _measure, _what_done, lower_first, prose_name
from chitieu.vnformat import count, percent


def year_sentence(scope: str, ind: Indicator, row: Row, tail: str, own: str | None) -> str:
    """A month's, quarter's, 6 or 9 months' result measured by its lũy kế against the
    year's target: "Toàn quận đã phát hiện 06 vụ trong quý II/2024; lũy kế từ đầu năm 11 vụ
    (chỉ tiêu năm 30 vụ), đạt 36,7% chỉ tiêu năm." Never the year's target as the quarter's."""
    m = _measure(ind)
    what = lower_first(prose_name(ind))
    fig = percent if ind.is_rate else (lambda v: _counted(ind, v))
    cum, target = row.result, row.target
    if ind.is_rate:
        head = prose_name(ind)
        if own and row.period_result is not None:
            head += f" trong {own} đạt {percent(row.period_result)}"
        lead = "; lũy kế từ đầu năm đạt " if own else " đạt "
    elif ind.direction == Direction.at_most:
        said = "" if m and what.lower().startswith(m.strip().lower()) else m
        first = row.period_result if own else cum
        head = f"{scope} có {count(first)}{said} {what}" if first is not None else scope
        head += f" trong {own}" if own else ""
        lead = "; lũy kế từ đầu năm " if own else ""
    else:
        first = row.period_result if own else cum
        if ind.sentence and "{n}" in ind.sentence:
            head = f"{scope} đã {_what_done(ind, first)}"  # type: ignore[arg-type]
        else:
            name = prose_name(ind)
            who = lower_first(scope) if scope.startswith("Toàn ") else scope
            head = f"{name[:1].upper()}{name[1:]}: {who} {_counted(ind, first)}"  # type: ignore[arg-type]
        head += f" trong {own}" if own else ""
        lead = "; lũy kế từ đầu năm " if own else ""
    if cum is None:
        return f"{head}; chưa tính được lũy kế từ đầu năm do thiếu số liệu các kỳ trước{tail}."
    s = head + (lead + fig(cum) if lead else "")
    if target is None:  # one bracket, not two
        if tail.startswith(" ("):
            return f"{s} (không giao chỉ tiêu; {tail[2:]}."
        return f"{s} (không giao chỉ tiêu){tail}."
    if ind.direction == Direction.at_most and not ind.is_rate:
        if row.status == Status.chua_dat:
            return f"{s}, vượt mức tối đa {count(target, pad=False)}{m} của cả năm{tail}."
        return f"{s}, trong giới hạn chỉ tiêu năm (không quá {count(target, pad=False)}{m}){tail}."
    s += f" (chỉ tiêu năm {fig(target)})"
    pct = row.percent
    if pct is not None and not ind.is_rate:
        s += f", đạt {percent(pct)} chỉ tiêu năm"
    s += {
        Status.vuot: ", vượt chỉ tiêu năm",
        Status.dat: ", hoàn thành chỉ tiêu năm",
    }.get(row.status, "")
    if row.status == Status.chua_dat and ind.is_rate:
        s += ", chưa đạt chỉ tiêu năm"
    return s + tail + "."


def year_running(ind: Indicator, r: Row) -> bool:
    """A lũy kế under the year's target, for a count to reach by the year's end: not yet a
    missed target (a ceiling passed, or a rate under its level, is one)."""
    return (
        r.on_year
        and r.status == Status.chua_dat
        and not ind.is_rate
        and ind.direction == Direction.at_least
    )


__all__ = ["year_running", "year_sentence"]
