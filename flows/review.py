"""Human review of doubtful figures in the Prefect UI.

When a Prefect server is running, the intake flow pauses with a form that shows each
doubtful figure — unit, indicator, extracted value, file and page — with the value
pre-filled: the clerk leaves it to confirm, or types the right one. The answers are
stored by `chitieu.review.apply_answer`, exactly as `chitieu review` stores them.
Without a server, nothing pauses: the figures wait for `chitieu review`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic
from prefect import get_run_logger
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput

DEFAULT_REVIEWER = "Người dùng giao diện Prefect"


class ReviewAnswer(RunInput):
    """Base of the generated form; one optional whole-number field per doubtful record."""

    reviewer: str = pydantic.Field(
        default="",
        title="Người kiểm tra",
        description="Họ tên người xác nhận các số liệu dưới đây.",
    )


def field_name(record_id: int) -> str:
    return f"ban_ghi_{record_id}"


def one_line(plan: Any, rec: Any) -> str:
    """ "Đơn vị: Phường Quan Hoa; Chỉ tiêu: …; Số đọc được: 2; Tệp: x.pdf; Vị trí: trang 1; …"."""
    from chitieu.review import describe

    return "; ".join(f"{label}: {value}" for label, value in describe(plan, rec))


def review_form(plan: Any, records: list[Any]) -> type[ReviewAnswer]:
    """The pydantic RunInput model that Prefect renders as the Resume form."""
    from chitieu.report.view import unit_label

    fields: dict[str, Any] = {}
    for rec in records:
        unit = plan.unit_by_id.get(rec.unit)
        ind = plan.indicator_by_id.get(rec.indicator)
        title = f"{unit_label(unit) if unit else rec.unit} — {ind.name if ind else rec.indicator}"
        fields[field_name(rec.id)] = (
            int | None,
            pydantic.Field(default=rec.value, title=title, description=one_line(plan, rec), ge=0),
        )
    model = pydantic.create_model("XacNhanSoLieu", __base__=ReviewAnswer, **fields)
    lines = "\n".join(f"- {one_line(plan, r)}" for r in records)
    model._description = (
        f"## {len(records)} số liệu cần xác nhận\n\n{lines}\n\n"
        "Giữ nguyên số đã điền để xác nhận, hoặc sửa thành số đúng, rồi bấm **Resume**."
    )
    return model


def review_in_prefect_ui(
    db_url: str, plan_path: Path, plan_id: int, *, enabled: bool, timeout: int = 3600
) -> tuple[int, int]:
    """Pause for review when `enabled`; returns (records still pending, records answered)."""
    from chitieu.plan import load_plan
    from chitieu.review import OverrideNeeded, apply_answer
    from chitieu.store import Store

    with Store.open(db_url) as store:
        pending = store.pending_review(plan_id)
    if not pending or not enabled:
        return len(pending), 0
    plan = load_plan(plan_path)
    get_run_logger().warning(
        "Tạm dừng: %d số liệu cần xác nhận trên giao diện Prefect (nút Resume).", len(pending)
    )
    answer = pause_flow_run(
        wait_for_input=review_form(plan, pending), timeout=timeout, poll_interval=3
    )
    reviewer = answer.reviewer.strip() or DEFAULT_REVIEWER
    with Store.open(db_url) as store:
        for rec in pending:
            try:
                apply_answer(store, rec.id, getattr(answer, field_name(rec.id)), reviewer)
            except OverrideNeeded as exc:  # answered meanwhile by someone else: theirs stays
                get_run_logger().warning("Bản ghi %d: %s", rec.id, exc.message)
        left = len(store.pending_review(plan_id))
    return left, len(pending)
