"""Vietnamese sentences generated from the figures, the way the secretariat writes them.

"Toàn quận đã phát hiện, bắt giữ 12 vụ án (chỉ tiêu 10 vụ), đạt 120%, vượt chỉ tiêu được
giao." from the plan's sentence template; without one, a name may be a noun, so "Số vụ:
toàn quận 12 vụ (chỉ tiêu 10 vụ), …". Counts print as the seeds do ("01", "1.234"),
percentages with a decimal comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from chitieu.plan import Plan
from chitieu.plan_parts import Direction, Indicator
from chitieu.reconcile import Row, Status
from chitieu.timeliness import Timeliness
from chitieu.violations import Violation
from chitieu.vnformat import count, percent, short_date


def lower_first(s: str) -> str:
    """ "Điều tra khám phá" → "điều tra khám phá"; "NĐ111" stays (an abbreviation)."""
    if len(s) > 1 and s[0].isupper() and not s[1].isupper():
        return s[0].lower() + s[1:]
    return s


def _measure(ind: Indicator) -> str:
    return f" {ind.measure}" if ind.measure and ind.measure != "%" else ""


_ABBREVIATION = re.compile(r"\b[A-ZĐ]{2,}[0-9/A-ZĐ]*\b")


def prose_name(ind: Indicator) -> str:
    """The indicator as a sentence may name it: a column header's abbreviations ("Lập hồ sơ
    đưa CNBB", "… tại TT") are not prose, so the first alias without any is used instead."""
    for name in (ind.name, *ind.aliases):
        if prose_name_ok(name):
            return name
    return ind.name


def prose_name_ok(name: str) -> bool:
    """No column-header abbreviation ("CNBB", "TT", "NĐ111/CP") in it."""
    return not _ABBREVIATION.search(name)


def _counted(ind: Indicator, value: int | float) -> str:
    """ "25 vụ": a count and its measure; never "25/10 vụ", which reads as a date."""
    return f"{count(value)}{_measure(ind)}"


def _what_done(ind: Indicator, value: int | float) -> str:
    """ "phát hiện, bắt giữ 25 vụ án …" from the plan's sentence template, else "điều tra
    khám phá hình sự 25 vụ" from the indicator's name."""
    if ind.sentence and "{n}" in ind.sentence:
        return lower_first(ind.sentence.replace("{n}", count(value)).rstrip(" .;"))
    return f"{lower_first(prose_name(ind))} {_counted(ind, value)}"


def indicator_sentence(
    scope: str,
    ind: Indicator,
    row: Row,
    *,
    confirmed: Row | None = None,
    reviewing: Sequence[str] = (),
    own: str | None = None,
) -> str:
    """One result sentence for the level's total of one indicator.

    "Toàn quận đã phát hiện, bắt giữ 25 vụ án (chỉ tiêu 10 vụ), đạt 250%, vượt chỉ tiêu".
    When figures below are under review (`row` is "chờ xác minh"), the sentence is built on
    `confirmed` (the total without them) and says which units' figures are left out. A row
    measured by its lũy kế against the year's target says so; `own` names a month or a
    quarter ("quý II/2024") whose own figure is said before the lũy kế.
    """
    if row.status == Status.cho_xac_minh and reviewing:
        who = ", ".join(reviewing)
        tail = f"; chưa tính số liệu của {who} đang chờ xác minh"
        if confirmed is None or confirmed.result is None:
            what = lower_first(prose_name(ind))
            return (
                f"{what[:1].upper()}{what[1:]}: số liệu của {who} đang chờ xác minh, chưa tổng hợp."
            )
        return _sentence(scope, ind, confirmed, tail, own)
    return _sentence(scope, ind, row, _review_tail(row), own)


def _sentence(scope: str, ind: Indicator, row: Row, tail: str, own: str | None = None) -> str:
    m = _measure(ind)
    what = lower_first(prose_name(ind))
    partial = ""
    if row.rollup and 0 < row.reported < row.expected:
        partial = (
            f" (số liệu của {count(row.reported)} trong số {count(row.expected)} đơn vị đã báo cáo)"
        )
    if row.on_year and row.status != Status.chua_bao_cao:
        if partial and own:  # the lũy kế counts the units whose every return of the year came
            partial = (
                f" (lũy kế tính trên số liệu của {count(row.reported)} trong số "
                f"{count(row.expected)} đơn vị)"
            )
        from chitieu.report.year_sentence import year_sentence

        return year_sentence(scope, ind, row, partial + tail, own)
    if row.status == Status.chua_bao_cao or (row.result is None and not ind.is_rate):
        return f"{what[:1].upper()}{what[1:]}: chưa có đơn vị nào báo cáo kết quả."
    if ind.is_rate:
        name = prose_name(ind)
        if row.result is None:
            return f"{name}: không phát sinh trường hợp phải thực hiện{partial}."
        s = f"{name} đạt {percent(row.result)}"
        if row.target is not None:
            s += f" (chỉ tiêu {percent(row.target)})"
            s += {
                Status.vuot: ", vượt chỉ tiêu",
                Status.dat: ", đạt chỉ tiêu",
                Status.chua_dat: ", chưa đạt chỉ tiêu",
            }.get(row.status, "")
        return s + partial + tail + "."
    res = count(row.result)
    if ind.direction == Direction.at_most:
        # "có 45 điểm, tụ điểm …", not "45 điểm điểm, tụ điểm …" when the name opens on the measure
        said = "" if m and what.lower().startswith(m.strip().lower()) else m
        s = f"{scope} có {res}{said} {what}"
        if row.target is not None:
            if row.status == Status.chua_dat:
                s += f", vượt mức tối đa {count(row.target, pad=False)}{m} theo chỉ tiêu"
            else:
                s += f", trong giới hạn chỉ tiêu (không quá {count(row.target, pad=False)}{m})"
        return s + partial + tail + "."
    if ind.sentence and "{n}" in ind.sentence:  # the plan's own verb: "Toàn quận đã lập …"
        head = f"{scope} đã {_what_done(ind, row.result)}"  # type: ignore[arg-type]
    else:
        # a name is not always a verb ("Người nghiện có hồ sơ quản lý"): "Tên: toàn quận 12 vụ"
        name = prose_name(ind)
        who = lower_first(scope) if scope.startswith("Toàn ") else scope
        head = f"{name[:1].upper()}{name[1:]}: {who} {_counted(ind, row.result)}"  # type: ignore[arg-type]
    if row.target is None:
        # one bracket, not two: "(không giao chỉ tiêu; số liệu của 26 trong số 27 …)"
        said = f"; {partial.strip()[1:-1]}" if partial else ""
        return f"{head} (không giao chỉ tiêu{said}){tail}."
    s = f"{head} (chỉ tiêu {_counted(ind, row.target)})"
    pct = row.percent
    if pct is not None:
        s += f", đạt {percent(pct)}"
    if row.status == Status.vuot:
        s += ", vượt chỉ tiêu được giao"
    elif row.status == Status.chua_dat and row.difference is not None:
        s += f", còn thiếu {count(-row.difference)}{m} so với chỉ tiêu"
    elif row.status == Status.dat and pct is None:
        s += ", đạt chỉ tiêu"
    return s + partial + tail + "."


def _review_tail(row: Row) -> str:
    if row.status == Status.cho_xac_minh:
        return "; số liệu đang chờ xác minh, chưa tính là hoàn thành"
    return ""


def completeness_sentence(
    timeliness: Sequence[Timeliness],
    names: dict[str, str],
    as_of: date | None,
    due: str | None = None,
) -> str:
    """ "Đến ngày 05/7/2021, có 07 trong tổng số 09 đơn vị gửi báo cáo (77,8%), trong đó 06 đúng hạn …"."""
    expected = len(timeliness)
    got = [t for t in timeliness if t.reported]
    on_time = [t for t in got if t.on_time is True]
    late = [t for t in got if t.on_time is False]
    head = f"Đến ngày {short_date(as_of)}, có " if as_of else "Có "
    s = f"{head}{count(len(got))} trong tổng số {count(expected)} đơn vị gửi báo cáo"
    if expected:
        s += f" ({percent(len(got) / expected * 100)})"
    # "trong đó 0 đơn vị gửi đúng hạn" is not said: only the counts there are
    parts = []
    if on_time:
        parts.append(f"{count(len(on_time))} đơn vị gửi đúng hạn")
    if late:
        parts.append(f"{count(len(late))} đơn vị gửi muộn")
    unknown = len(got) - len(on_time) - len(late)
    if unknown and parts:
        parts.append(f"{count(unknown)} đơn vị chưa ghi nhận thời điểm gửi")
    if parts:
        s += ", trong đó " + ", ".join(parts)
    missing = expected - len(got)
    if missing:
        s += f"; còn {count(missing)} đơn vị chưa gửi báo cáo"
    if due:  # "trước ngày 2/7/2021", said as chitieu.due says every deadline
        return f"Thời hạn gửi báo cáo: {due}. {s}."
    return s + "."


MAX_MISSED_DETAILS = 12  # missed targets spelled out with their figures; past this, counted


def shortcomings(
    plan: Plan,
    rows: Sequence[Row],
    timeliness: Sequence[Timeliness],
    violations: Sequence[Violation],
) -> list[str]:
    """The "tồn tại, hạn chế" lines: missed targets, no return, late, under review, rule breaks."""
    from chitieu.report.view import unit_label
    from chitieu.report.year_sentence import year_running

    names = {u.id: unit_label(u) for u in plan.units}
    inds = plan.indicator_by_id
    out: list[str] = []
    missing = [names[t.unit] for t in timeliness if not t.reported]
    if missing:
        out.append(f"Còn {count(len(missing))} đơn vị chưa gửi báo cáo: {', '.join(missing)}.")
    late = [t for t in timeliness if t.on_time is False]
    if late:
        parts = [f"{names[t.unit]} (muộn {count(t.days_late, pad=False)} ngày)" for t in late]
        out.append(
            f"Có {count(len(late))} đơn vị gửi báo cáo muộn so với thời hạn: {', '.join(parts)}."
        )
    missed: dict[str, list[str]] = {}
    review: dict[str, list[str]] = {}
    gaps: dict[str, int] = {}
    for r in rows:
        if r.gap:
            gaps[r.unit] = gaps.get(r.unit, 0) + 1
            continue
        if r.status == Status.chua_dat and not year_running(inds[r.indicator], r):
            missed.setdefault(r.unit, []).append(_short(inds[r.indicator], r))
        elif r.status == Status.cho_xac_minh:
            review.setdefault(r.unit, []).append(lower_first(prose_name(inds[r.indicator])))
    if missed:
        if sum(len(v) for v in missed.values()) <= MAX_MISSED_DETAILS:
            parts = [f"{names[u]} ({'; '.join(v)})" for u, v in missed.items()]
            tail = ""
        else:  # pages of figures in one sentence: the count per unit, figures in the phụ lục
            parts = [f"{names[u]} ({count(len(v))} chỉ tiêu)" for u, v in missed.items()]
            tail = "; kết quả, chỉ tiêu của từng đơn vị tại Phụ lục kèm theo"
        out.append(
            f"Có {count(len(missed))} đơn vị chưa hoàn thành chỉ tiêu được giao: "
            f"{', '.join(parts)}{tail}."
        )
    if review:
        if sum(len(v) for v in review.values()) <= MAX_MISSED_DETAILS:
            parts = [f"{names[u]} ({', '.join(v)})" for u, v in review.items()]
            tail = ""
        else:  # each indicator's name per unit made one paragraph of up to 9.000 characters
            parts = [f"{names[u]} ({count(len(v))} chỉ tiêu)" for u, v in review.items()]
            tail = "; các số liệu này được đánh dấu (*) tại Phụ lục kèm theo"
        out.append(
            f"Số liệu của {count(len(review))} đơn vị đang chờ xác minh: {', '.join(parts)}{tail}."
        )
    if gaps:
        parts = [f"{names[u]} ({count(n)} chỉ tiêu)" for u, n in gaps.items()]
        out.append(
            f"Chưa tính được kết quả lũy kế từ đầu năm của {count(len(gaps))} đơn vị do thiếu "
            f"báo cáo các kỳ trước trong năm: {', '.join(parts)}."
        )
    for v in violations:
        if v.role == "result" and v.unit in names:
            label = f"“{v.name}”" if v.name else f"“{v.rule}”"
            out.append(
                f"Số liệu báo cáo của {names[v.unit]} không khớp quy tắc {label}: "
                f"{count(v.left, pad=False)} so với {count(v.right, pad=False)}."
            )
    return out


def grouped_shortcomings(
    group_of: dict[str, str],
    rows: Sequence[Row],
    timeliness: Sequence[Timeliness],
    violations: Sequence[Violation],
) -> list[str]:
    """The "tồn tại" lines of a report over many units (a province's, the country's):
    counted per unit of the report's table (`group_of`: reporting unit -> its label), the
    names of every xã being in the workbook."""

    def by_group(units: set[str]) -> str:
        counts: dict[str, int] = {}
        for u in units:
            g = group_of.get(u)
            if g is not None:
                counts[g] = counts.get(g, 0) + 1
        order = list(dict.fromkeys(group_of.values()))
        return ", ".join(f"{g} ({count(counts[g])})" for g in order if g in counts)

    out: list[str] = []
    missing = {t.unit for t in timeliness if not t.reported}
    if missing:
        out.append(
            f"Còn {count(len(missing))} đơn vị chưa gửi báo cáo, thuộc: {by_group(missing)}."
        )
    late = {t.unit for t in timeliness if t.on_time is False}
    if late:
        out.append(
            f"Có {count(len(late))} đơn vị gửi báo cáo muộn so với thời hạn, thuộc: "
            f"{by_group(late)}."
        )
    missed = {r.unit for r in rows if r.status == Status.chua_dat}
    if missed:
        out.append(
            f"Có {count(len(missed))} đơn vị chưa hoàn thành ít nhất một chỉ tiêu được giao, "
            f"thuộc: {by_group(missed)}."
        )
    review = {r.unit for r in rows if r.status == Status.cho_xac_minh and not r.gap}
    if review:
        out.append(
            f"Số liệu của {count(len(review))} đơn vị đang chờ xác minh, thuộc: {by_group(review)}."
        )
    gaps = {r.unit for r in rows if r.gap}
    if gaps:
        out.append(
            f"Chưa tính được kết quả lũy kế từ đầu năm của {count(len(gaps))} đơn vị do thiếu "
            f"báo cáo các kỳ trước trong năm, thuộc: {by_group(gaps)}."
        )
    broken = [v for v in violations if v.role == "result"]
    if broken:
        out.append(
            f"Có {count(len(broken))} trường hợp số liệu báo cáo không khớp quy tắc kiểm tra."
        )
    if out:
        out.append("Danh sách chi tiết từng đơn vị tại bảng tính (XLSX) kèm theo báo cáo.")
    return out


def _short(ind: Indicator, r: Row) -> str:
    """ "điều tra khám phá hình sự 02 vụ (chỉ tiêu 05 vụ)"; never "02/05 vụ". A lũy kế says
    so: "… lũy kế 05 điểm, tối đa cả năm 04"."""
    name = lower_first(prose_name(ind))
    lk, of = ("lũy kế ", " năm") if r.on_year else ("", "")
    most = " cả năm" if r.on_year else ""
    if ind.is_rate:
        return f"{name} {lk}{percent(r.result)}, chỉ tiêu{of} {percent(r.target)}"
    if ind.direction == Direction.at_most:
        return f"{name} {lk}{_counted(ind, r.result)}, tối đa{most} {count(r.target, pad=False)}"
    return f"{name} {lk}{_counted(ind, r.result)}, chỉ tiêu{of} {_counted(ind, r.target)}"


__all__ = [
    "completeness_sentence",
    "grouped_shortcomings",
    "indicator_sentence",
    "lower_first",
    "prose_name",
    "prose_name_ok",
    "shortcomings",
]
