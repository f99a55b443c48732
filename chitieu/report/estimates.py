"""Which figures of a report are estimates ("ước thực hiện"): returns sent before their
period ended. The report says so, naming the units, until the actual figures replace them."""

from __future__ import annotations

from chitieu.report.view import ReportView, unit_label
from chitieu.vnformat import count, short_date


def estimate_units(view: ReportView) -> list[str]:
    """Ids of the reporting units whose figures for the report's period are estimates."""
    flagged = {r.unit for r in view.leaf_rows() if r.estimate}
    return [u for u in view.leaves if u in flagged]


def estimate_sentence(view: ReportView) -> str | None:
    """ "Số liệu của 05/17 đơn vị (phường 1, …) là số ước thực hiện đến ngày 14/6/2022 …";
    None when every figure is an actual one."""
    units = estimate_units(view)
    if not units:
        return None
    per = view.plan.period_by_key[view.period]
    end = short_date(per.end)
    reported = {r.unit for r in view.leaf_rows() if r.result is not None}
    names = {u.id: unit_label(u) for u in view.plan.units}
    if reported and set(units) >= reported:
        who = "Toàn bộ số liệu trong báo cáo này"
    else:
        listed = ", ".join(names[u] for u in units)
        who = f"Số liệu của {count(len(units))}/{count(len(reported))} đơn vị đã báo cáo ({listed})"
    return (
        f"{who} là số ước thực hiện đến ngày {end} (báo cáo gửi trước khi kết thúc kỳ); "
        f"số liệu thực hiện chính thức sẽ được cập nhật khi các đơn vị gửi báo cáo sau ngày {end}."
    )


__all__ = ["estimate_sentence", "estimate_units"]
