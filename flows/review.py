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

REVIEWER = "Prefect UI"


class ReviewAnswer(RunInput):
    """Base of the generated form; one optional integer field per doubtful record."""

    reviewer: str = pydantic.Field(
        default="", title="Người kiểm tra", description="Họ tên người xác nhận các số liệu."
    )


def field_name(record_id: int) -> str:
    return f"ban_ghi_{record_id}"


def describe(plan: Any, rec: Any) -> str:
    """One line: "Phường Quan Hoa — Điều tra khám phá hình sự: đọc được 2 (tệp x.pdf, trang 1)"."""
    unit = plan.unit_by_id.get(rec.unit)
    ind = plan.indicator_by_id.get(rec.indicator)
    where = rec.where
    page = f", trang {where.page}" if where.page else ""
    cell = f", ô {where.cell}" if where.cell else ""
    note = f" — {rec.note}" if rec.note else ""
    value = "(trống)" if rec.value is None else rec.value
    return (
        f"{unit.full_name if unit else rec.unit} — {ind.name if ind else rec.indicator}: "
        f"đọc được {value} (tệp {rec.file_name or '?'}{page}{cell}){note}"
    )


def review_form(plan: Any, records: list[Any]) -> type[ReviewAnswer]:
    """The pydantic RunInput model Prefect renders as the Resume form."""
    fields: dict[str, Any] = {}
    for rec in records:
        unit = plan.unit_by_id.get(rec.unit)
        ind = plan.indicator_by_id.get(rec.indicator)
        fields[field_name(rec.id)] = (
            int | None,
            pydantic.Field(
                default=rec.value,
                title=f"{unit.full_name if unit else rec.unit} — {ind.name if ind else rec.indicator}",
                description=describe(plan, rec),
                ge=0,
            ),
        )
    model = pydantic.create_model("XacNhanSoLieu", __base__=ReviewAnswer, **fields)
    lines = "\n".join(f"- {describe(plan, r)}" for r in records)
    model._description = (
        f"## {len(records)} số liệu cần xác nhận\n\n{lines}\n\n"
        "Giữ nguyên số đã điền để xác nhận, hoặc sửa thành số đúng, rồi bấm **Resume**."
    )
    return model


def review_in_prefect_ui(
    db_url: str, plan_path: Path, plan_id: int, *, enabled: bool, timeout: int = 3600
) -> tuple[int, int]:
    """Pause for review when `enabled`; return (records still pending, records answered)."""
    from chitieu.plan import load_plan
    from chitieu.store import Store

    plan = load_plan(plan_path)
    with Store.open(db_url) as store:
        pending = store.pending_review(plan_id)
    if not pending or not enabled:
        return len(pending), 0
    logger = get_run_logger()
    logger.info("Tạm dừng chờ xác nhận %d số liệu trên giao diện Prefect.", len(pending))
    answer = pause_flow_run(wait_for_input=review_form(plan, pending), timeout=timeout)
    reviewer = answer.reviewer.strip() or REVIEWER
    with Store.open(db_url) as store:
        for rec in pending:
            store_answer(store, rec, getattr(answer, field_name(rec.id)), reviewer)
        left = len(store.pending_review(plan_id))
    return left, len(pending)


def store_answer(store: Any, rec: Any, value: int | None, reviewer: str) -> None:
    """Store one answer the way `chitieu review` does: unchanged value = confirmed."""
    from datetime import datetime

    if value == rec.value:
        store.correct(rec.id, rec.value, reviewer, datetime.now(), confirmed=True)
    else:
        store.correct(rec.id, value, reviewer, datetime.now())
