"""Human review of doubtful figures in the Prefect UI.

When a Prefect server is running, the intake flow pauses with a form that shows each
doubtful figure — unit, indicator, extracted value, file and page — with the value
pre-filled: the clerk leaves it to confirm, or types the right one. The answers are
stored by `chitieu.review.apply_answer`, exactly as `chitieu review` stores them.
Without a server, nothing pauses: the figures wait for `chitieu review`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
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


def field_name(unit: str, indicator: str, period: str | None = None) -> str:
    """The form field of one figure, named after its unit and indicator (the same in the
    API and the UI, stable across runs): "dich_vong__cnbb"; the period is added only when
    two pending figures share a unit and an indicator."""
    import unicodedata

    def part(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        text = text.encode("ascii", "ignore").decode().lower()
        return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "x"

    name = f"{part(unit)}__{part(indicator)}"
    if period:
        name += f"__{part(period)}"
    return name if name[0].isalpha() else f"dv_{name}"


def field_names(records: list[Any]) -> dict[int, str]:
    """Record id → its form field; the period joins the name only where needed, and ids
    that still spell alike ("a-b" and "a_b") are numbered: one field per figure, always."""
    pairs = Counter((r.unit, r.indicator) for r in records)
    out: dict[int, str] = {}
    for r in records:
        period = r.period if pairs[(r.unit, r.indicator)] > 1 else None
        name = base = field_name(r.unit, r.indicator, period)
        n = 2
        while name in out.values():
            name, n = f"{base}__{n}", n + 1
        out[r.id] = name
    return out


def one_line(plan: Any, rec: Any) -> str:
    """ "Đơn vị: Phường Quan Hoa; Chỉ tiêu: …; Số đọc được: 2; Tệp: x.pdf; Vị trí: trang 1; …"."""
    from chitieu.review import describe

    return "; ".join(f"{label}: {value}" for label, value in describe(plan, rec))


def review_form(plan: Any, records: list[Any]) -> type[ReviewAnswer]:
    """The pydantic RunInput model that Prefect renders as the Resume form."""
    from chitieu.report.view import unit_label

    fields: dict[str, Any] = {}
    names = field_names(records)
    for rec in records:
        unit = plan.unit_by_id.get(rec.unit)
        ind = plan.indicator_by_id.get(rec.indicator)
        title = f"{unit_label(unit) if unit else rec.unit} — {ind.name if ind else rec.indicator}"
        fields[names[rec.id]] = (
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


@dataclass(frozen=True)
class Answered:
    """One figure answered in the Prefect UI: as read, and the record storing the answer."""

    asked: Any  # StoredRecord as read
    answer: Any  # StoredRecord of the confirmation or correction


@dataclass
class ReviewOutcome:
    """What the review step of one intake run did, for its artifact and summary."""

    asked: list[Any] = field(default_factory=list)  # figures of this run's files, paused for
    answered: list[Answered] = field(default_factory=list)
    pending: list[Any] = field(default_factory=list)  # still waiting for a person, after
    timed_out: bool = False  # the pause ended with nobody answering

    @property
    def reviewer(self) -> str | None:
        return self.answered[0].answer.reviewer if self.answered else None


def review_in_prefect_ui(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    *,
    enabled: bool,
    timeout: int = 3600,
    submissions: set[int] | None = None,
) -> ReviewOutcome:
    """Pause for review when `enabled`, asking only about the figures of `submissions`
    (the files this run read; None: every pending figure). Figures pending from earlier
    runs are listed, not asked again: a scheduled intake must not pause for them each time.

    A pause nobody answers within `timeout` is an expected outcome: the run goes on, and
    the figures wait for `chitieu review` or the next run.
    """
    from chitieu.plan import load_plan_cached
    from chitieu.review import OverrideNeeded, apply_answer
    from chitieu.store import Store

    out = ReviewOutcome()
    with Store.open(db_url) as store:
        pending = store.pending_review(plan_id)
    out.pending = pending
    if submissions is not None:
        pending = [r for r in pending if r.submission_id in submissions]
    if not pending or not enabled:
        return out
    out.asked = pending
    plan = load_plan_cached(plan_path)
    log = get_run_logger()
    log.warning(
        "Tạm dừng: %d số liệu cần xác nhận trên giao diện Prefect (nút Resume).", len(pending)
    )
    answer = wait_for_answer(review_form(plan, pending), timeout)
    if answer is None:
        out.timed_out = True
        log.warning(
            "Không ai trả lời trong %s: %d số liệu vẫn chờ xác minh "
            "(chạy `chitieu review` hoặc trả lời ở lần tiếp nhận sau).",
            _duration(timeout),
            len(pending),
        )
        return out
    reviewer = answer.reviewer.strip() or DEFAULT_REVIEWER
    names = field_names(pending)
    with Store.open(db_url) as store:
        for rec in pending:
            try:
                new_id = apply_answer(store, rec.id, getattr(answer, names[rec.id]), reviewer)
            except OverrideNeeded as exc:  # answered meanwhile by someone else: theirs stays
                log.warning("%s: %s", one_line(plan, rec), exc.message)
                continue
            if new_id is not None:
                out.answered.append(Answered(rec, store.record(new_id)))
        out.pending = store.pending_review(plan_id)
    return out


def wait_for_answer(form: type[ReviewAnswer], timeout: int) -> ReviewAnswer | None:
    """Pause the run for the form; None when nobody answered in time.

    Prefect raises `FlowPauseTimeout` and its server refuses any state but Failed for a
    run whose pause has expired; the run is set back to Running (forced) so it ends as
    Completed, with its artifacts, instead of Failed with a traceback.
    """
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext
    from prefect.exceptions import FlowPauseTimeout
    from prefect.states import Running

    try:
        return pause_flow_run(wait_for_input=form, timeout=timeout, poll_interval=3)
    except FlowPauseTimeout:
        ctx = FlowRunContext.get()
        if ctx is not None and ctx.flow_run is not None:
            with get_client(sync_client=True) as client:
                client.set_flow_run_state(
                    ctx.flow_run.id, Running(message="Hết thời gian chờ xác minh"), force=True
                )
        return None


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} giờ"
    if seconds % 60 == 0:
        return f"{seconds // 60} phút"
    return f"{seconds} giây"
