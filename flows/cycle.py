"""The whole cycle, stage by stage, each stage a flow run: what `chitieu demo` and
`benchmarks/bench_demo.py` run. Stages are timed; a listener hears when each starts.

    prefect      start the Prefect API (ephemeral when no server is configured)
    draft        plan, annex and return forms               (flows.draft)
    intake       inbox → archive → records                  (flows.intake)
    remind       công văn đôn đốc, one day before deadline  (flows.deadline)
    consolidate  reconciliation, report, artifacts          (flows.consolidate)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chitieu.demo import DemoLayout, reminder_day, report_day
from chitieu.plan import load_plan

STAGES: dict[str, str] = {
    "prefect": "Khởi động Prefect",
    "draft": "Soạn kế hoạch, biểu mẫu",
    "intake": "Tiếp nhận báo cáo",
    "remind": "Đôn đốc đơn vị chậm",
    "consolidate": "Đối chiếu, lập báo cáo",
}


@dataclass
class CycleResult:
    drafted: list[Path] = field(default_factory=list)
    intake: Any = None  # flows.intake.IntakeRun
    reminder: Any = None  # flows.deadline.WatchResult
    reconciliation: Any = None  # chitieu.reconcile.Reconciliation
    report: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> wall-clock seconds

    @property
    def written(self) -> list[Path]:
        """Every document the cycle wrote, in stage order."""
        late = list(self.reminder.files) if self.reminder is not None else []
        return [*self.drafted, *late, *self.report]


def start_prefect() -> str:
    """Reach the Prefect API once, so its start-up is timed on its own; returns its URL."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        client.hello()
        return str(client.api_url)


def run_cycle(
    plan_path: Path,
    layout: DemoLayout,
    *,
    pdf: bool = True,
    on_stage: Callable[[str], None] | None = None,
) -> CycleResult:
    """Run every stage on the demo layout (its inbox must be filled)."""
    from chitieu.deadlines import RunKind
    from flows.consolidate import consolidate_flow
    from flows.deadline import deadline_watch
    from flows.draft import draft_flow
    from flows.intake import intake_flow

    plan = load_plan(plan_path)
    out = CycleResult()

    @contextmanager
    def stage(key: str) -> Iterator[None]:
        if on_stage is not None:
            on_stage(key)
        t0 = time.perf_counter()
        yield
        out.seconds[key] = time.perf_counter() - t0

    home, url = layout.data, layout.db_url
    with stage("prefect"):
        start_prefect()
    with stage("draft"):
        out.drafted = draft_flow(plan_path, layout.drafts, pdf=pdf)
    with stage("intake"):
        out.intake = intake_flow(plan_path, layout.inbox, home=home, db_url=url, review_in_ui=False)
    with stage("remind"):
        out.reminder = deadline_watch(
            plan_path, RunKind.reminder, layout.reminders, today=reminder_day(plan),
            home=home, db_url=url, pdf=pdf,
        )  # fmt: skip
    with stage("consolidate"):
        out.reconciliation, out.report = consolidate_flow(
            plan_path, layout.report, home=home, db_url=url, pdf=pdf, on=report_day(plan)
        )
    return out
