"""What the Prefect UI shows after consolidation: the reconciliation as a table, a
markdown summary (completeness, timeliness, units behind target), and links to the
generated files — so the secretariat sees where things stand without opening a file.

The tables and text are views of a `chitieu.reconcile.Reconciliation`; nothing here
decides a status.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from chitieu import vnformat
from chitieu.report.view import unit_label

TABLE_KEY = "doi-chieu"
SUMMARY_KEY = "tong-hop"


def artifact_key(base: str, plan_number: str) -> str:
    """Prefect keys allow lowercase letters, digits and dashes only: "tong-hop-152-kh-ubnd"."""
    import re
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", plan_number.replace("đ", "d").replace("Đ", "D"))
    ascii_ = ascii_.encode("ascii", "ignore").decode().lower()
    return f"{base}-{re.sub(r'[^a-z0-9]+', '-', ascii_).strip('-')}"


def _num(x: int | float | None) -> str:
    if x is None:
        return ""
    return vnformat.decimal(x) if isinstance(x, float) and not x.is_integer() else str(int(x))


def table_rows(rec: Any) -> list[dict[str, str]]:
    """One dict per reconciliation row (reporting units, then roll-ups), Vietnamese keys."""
    plan = rec.plan
    out = []
    for row in (*rec.rows, *rec.totals):
        unit = plan.unit_by_id.get(row.unit)
        ind = plan.indicator_by_id.get(row.indicator)
        out.append(
            {
                "Đơn vị": unit_label(unit) if unit else row.unit,
                "Chỉ tiêu": ind.name if ind else row.indicator,
                "Kỳ": row.period,
                "Chỉ tiêu giao": _num(row.target),
                "Kết quả": _num(row.result),
                "Tình trạng": row.status.label,
            }
        )
    return out


def summary_markdown(rec: Any, files: Sequence[Path] = ()) -> str:
    """The consolidation summary: completeness, timeliness, units behind, pending review."""
    plan = rec.plan
    name = {u.id: unit_label(u) for u in plan.units}
    ind_name = {i.id: i.name for i in plan.indicators}
    lines = [f"# Tổng hợp kết quả — Kế hoạch số {plan.document.number}", ""]
    lines.append(
        f"- **Đơn vị đã báo cáo:** {rec.units_reported}/{rec.units_expected}"
        + (
            f" ({vnformat.percent(rec.units_reported / rec.units_expected * 100)})"
            if rec.units_expected
            else ""
        )
    )
    late = [t for t in rec.timeliness if t.reported and t.on_time is False]
    missing = [t for t in rec.timeliness if not t.reported]
    on_time = [t for t in rec.timeliness if t.on_time]
    lines.append(f"- **Đúng hạn:** {len(on_time)}; **trễ hạn:** {len(late)}")
    for t in late:
        lines.append(f"  - {name.get(t.unit, t.unit)}: trễ {t.days_late} ngày")
    if missing:
        lines.append("- **Chưa báo cáo:** " + ", ".join(name.get(t.unit, t.unit) for t in missing))
    behind = [r for r in rec.rows if r.status.value == "chua_dat"]
    lines.append("")
    lines.append(f"## Chưa đạt chỉ tiêu ({len(behind)})")
    if behind:
        lines += ["", "| Đơn vị | Chỉ tiêu | Giao | Đạt được |", "| --- | --- | ---: | ---: |"]
        for r in behind:
            lines.append(
                f"| {name.get(r.unit, r.unit)} | {ind_name.get(r.indicator, r.indicator)} "
                f"| {_num(r.target)} | {_num(r.result)} |"
            )
    review = [r for r in rec.rows if r.status.value == "cho_xac_minh"]
    if review:
        lines += ["", f"## Chờ xác minh ({len(review)})", ""]
        for r in review:
            lines.append(
                f"- {name.get(r.unit, r.unit)} — {ind_name.get(r.indicator, r.indicator)}: "
                f"{_num(r.result)} (chạy `chitieu review` hoặc xác nhận trên giao diện)"
            )
    if rec.violations:
        lines += ["", f"## Vi phạm quy tắc kiểm tra ({len(rec.violations)})", ""]
        for v in rec.violations:
            lines.append(f"- {name.get(v.unit, v.unit)}: {v.name or v.rule}")
    if files:
        lines += ["", "## Tệp đã lập", ""]
        lines += [f"- `{p}`" for p in files]
    return "\n".join(lines) + "\n"


INTAKE_KEY = "tiep-nhan"
OUTCOME_LABELS = {
    "accepted": "đã nhận",
    "quarantined": "cách ly",
    "duplicate": "đã có",
    "failed": "lỗi, thử lại lần sau",
}


def intake_markdown(plan: Any, summary: Any, cached: int, review: Any = None) -> str:
    """One intake run: every file (with the receipt time intake recorded), what became of
    it, what was confirmed or corrected in the UI and by whom, and what still waits."""
    names = {u.id: unit_label(u) for u in plan.units}
    lines = [
        f"# Tiếp nhận báo cáo — Kế hoạch số {plan.document.number}",
        "",
        f"- **Tệp:** {len(summary.files)}; đọc lại từ bộ nhớ đệm: {cached}",
        f"- **Số liệu chờ xác minh:** {summary.pending_review}",
    ]
    if review is not None and review.answered:
        lines.append(f"- **Đã xác minh trên giao diện Prefect:** {len(review.answered)}")
    lines += [
        "",
        "| Tệp | Đơn vị | Kết quả | Ghi chú | Nhận lúc |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in summary.files:
        note = f.reason or (f"{f.records} số liệu" if f.records else "")
        if f.on_time is False:
            note += " (trễ hạn)"
        unit = names.get(f.unit, f.unit or "")
        status = OUTCOME_LABELS.get(f.status.value, f.status.value)
        if getattr(f, "still_quarantined", False):
            status = "vẫn cách ly"
        received = f"{f.received_at:%H:%M %d/%m/%Y}" if f.received_at else ""
        lines.append(
            f"| {f.file_name} | {unit} | {status} | {note.replace('|', '/')} | {received} |"
        )
    if review is not None:
        lines += review_markdown(plan, review)
    return "\n".join(lines) + "\n"


def review_markdown(plan: Any, review: Any) -> list[str]:
    """The review part of the intake artifact: answers given, figures still waiting."""
    lines: list[str] = []
    if review.answered:
        lines += ["", f"## Đã xác minh ({len(review.answered)})", ""]
        for a in review.answered:
            when = f" lúc {a.answer.reviewed_at:%H:%M %d/%m/%Y}" if a.answer.reviewed_at else ""
            if a.answer.review_action == "confirmed":
                what = f"xác nhận {_num(a.asked.value)}"
            else:
                what = f"sửa {_num(a.asked.value) or '(trống)'} thành {_num(a.answer.value)}"
            lines.append(f"- {_figure(plan, a.asked)}: {a.answer.reviewer} {what}{when}")
    if review.timed_out:
        lines += ["", "**Hết thời gian chờ: không ai trả lời trên giao diện Prefect.**"]
    if review.pending:
        asked = {r.id for r in review.asked}
        lines += ["", f"## Còn chờ xác minh ({len(review.pending)})", ""]
        for r in review.pending:
            older = "" if r.id in asked else " — từ lần tiếp nhận trước"
            lines.append(
                f"- {_figure(plan, r)}: {_num(r.value) or '(trống)'} "
                f"(tệp {r.file_name or '?'}){older}"
            )
        lines += [
            "",
            f"Trả lời bằng `chitieu review {plan.source or 'plan.yaml'}`; các lần tiếp nhận "
            "sau chỉ tạm dừng hỏi số liệu của tệp mới, không hỏi lại các số liệu này.",
        ]
    return lines


def _figure(plan: Any, rec: Any) -> str:
    unit = plan.unit_by_id.get(rec.unit)
    ind = plan.indicator_by_id.get(rec.indicator)
    return (
        f"{unit_label(unit) if unit else rec.unit} — {ind.name if ind else rec.indicator} "
        f"({rec.period})"
    )


def publish_intake(plan: Any, summary: Any, cached: int, review: Any = None) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(
        key=artifact_key(INTAKE_KEY, plan.document.number),
        markdown=intake_markdown(plan, summary, cached, review),
        description="Các tệp đã tiếp nhận trong lần chạy này",
    )


def publish(rec: Any, files: Sequence[Path]) -> None:
    """Create the table, markdown and link artifacts of one consolidation run."""
    from prefect.artifacts import (
        create_link_artifact,
        create_markdown_artifact,
        create_table_artifact,
    )

    number = rec.plan.document.number
    create_table_artifact(
        key=artifact_key(TABLE_KEY, number),
        table=table_rows(rec),
        description=f"Đối chiếu kết quả với chỉ tiêu — Kế hoạch số {number}",
    )
    create_markdown_artifact(
        key=artifact_key(SUMMARY_KEY, number),
        markdown=summary_markdown(rec, files),
        description="Tóm tắt: tiến độ báo cáo, đơn vị chưa đạt chỉ tiêu",
    )
    for path, key in zip(files, link_keys(files, number), strict=True):
        create_link_artifact(
            key=key,
            link=Path(path).resolve().as_uri(),
            link_text=Path(path).name,
            description=f"Tệp đã lập: {Path(path).name}",
        )


LINK_KEY = "tep"


def link_keys(files: Sequence[Path], plan_number: str) -> list[str]:
    """One key per plan and file kind, so `prefect artifact ls` lists the links and each
    consolidation adds a version: "tep-docx-152-kh-ubnd", "tep-bieu-do-png-…" for the
    chart; a second file of the same kind gets "-2"."""
    keys: list[str] = []
    for path in files:
        p = Path(path)
        kind = p.suffix.lstrip(".").lower() or "khac"
        if p.stem.endswith("-bieu-do"):
            kind = f"bieu-do-{kind}"
        key = artifact_key(f"{LINK_KEY}-{kind}", plan_number)
        n = 2
        while key in keys:
            key = artifact_key(f"{LINK_KEY}-{kind}-{n}", plan_number)
            n += 1
        keys.append(key)
    return keys


STATUS_KEY = "tinh-hinh"


def status_markdown(plan_path: Path, db_url: str, today: date | None = None) -> tuple[str, str]:
    """(plan number, markdown) of the period status `chitieu status` prints."""
    from chitieu.plan import load_plan_cached
    from chitieu.status import period_status
    from chitieu.store import Store

    plan = load_plan_cached(plan_path)
    with Store.open(db_url) as store:
        st = period_status(plan, store, today=today, plan_arg=str(Path(plan_path).resolve()))
    return plan.document.number, st.to_markdown()


def publish_status(plan_path: Path, db_url: str, today: date | None = None) -> str:
    """The period status as a markdown artifact (the same as `chitieu status`); returns it."""
    from prefect.artifacts import create_markdown_artifact

    number, markdown = status_markdown(plan_path, db_url, today)
    create_markdown_artifact(
        key=artifact_key(STATUS_KEY, number),
        markdown=markdown,
        description="Tình hình kỳ báo cáo và việc cần làm tiếp",
    )
    return markdown
