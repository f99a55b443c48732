"""Deployments of one plan, with schedules computed from its deadlines.

`chitieu serve PLAN` serves these against a running Prefect server:

- `han-bao-cao-<plan>`: the deadline watch, one one-off schedule per run of
  `chitieu.deadlines.deadline_runs` (reminders three days and one day before, the
  consolidation on the deadline day, 08:00 Asia/Ho_Chi_Minh), each with its own `kind`
  and `period` parameters;
- `tiep-nhan-<plan>`: intake of the inbox every 30 minutes in office hours;
- `soan-thao-<plan>` and `tong-hop-<plan>`: drafting and consolidation on demand
  (the "Run" button of the UI).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chitieu.deadlines import TIMEZONE, DeadlineRun, deadline_runs
from chitieu.plan import Plan, load_plan

INTAKE_CRON = "*/30 7-17 * * 1-6"  # every half hour, 07:00–17:30, Monday to Saturday


def intake_cron() -> str:
    """The intake schedule: `CHITIEU_INTAKE_CRON` when an office wants another rhythm."""
    return os.environ.get("CHITIEU_INTAKE_CRON", "").strip() or INTAKE_CRON


@dataclass(frozen=True)
class ServeSettings:
    plan_path: Path
    inbox: Path
    out_dir: Path
    pdf: bool = True


def plan_slug(plan: Plan) -> str:
    """ "152/KH-UBND" → "152-kh-ubnd", for deployment names."""
    number = plan.document.number.replace("Đ", "D").replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-") or "ke-hoach"


def deadline_schedules(runs: list[DeadlineRun]) -> list[Any]:
    """One Prefect RRule schedule per deadline run, with that run's parameters."""
    from prefect.schedules import RRule

    return [
        RRule(
            run.rrule,
            timezone=run.timezone,
            parameters={"kind": run.kind.value, "period": run.period},
            slug=run.slug,
        )
        for run in runs
    ]


def build_deployments(settings: ServeSettings) -> list[Any]:
    """The `RunnerDeployment`s of one plan, ready for `prefect.serve`."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    from flows.consolidate import consolidate_flow
    from flows.deadline import deadline_watch
    from flows.draft import draft_flow
    from flows.intake import intake_flow

    plan_path = settings.plan_path.resolve()
    plan = load_plan(plan_path)
    slug = plan_slug(plan)
    out = settings.out_dir.resolve()
    common = {"plan_path": str(plan_path)}
    runs = deadline_runs(plan)
    return [
        deadline_watch.to_deployment(
            name=f"han-bao-cao-{slug}",
            schedules=deadline_schedules(runs),
            parameters={
                **common,
                "kind": "reminder",
                "out_dir": str(out / "don-doc"),
                "pdf": settings.pdf,
            },
            description="Đôn đốc đơn vị chưa báo cáo (3 ngày và 1 ngày trước hạn), tổng hợp khi đến hạn.",
            tags=["chitieu", slug],
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        intake_flow.to_deployment(
            name=f"tiep-nhan-{slug}",
            schedules=[Cron(intake_cron(), timezone=TIMEZONE)],
            parameters={**common, "inbox": str(settings.inbox.resolve())},
            description="Tiếp nhận báo cáo trong thư mục hộp thư đến.",
            tags=["chitieu", slug],
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        draft_flow.to_deployment(
            name=f"soan-thao-{slug}",
            parameters={**common, "out_dir": str(out / "soan-thao"), "pdf": settings.pdf},
            description="Soạn kế hoạch, biểu giao chỉ tiêu và mẫu báo cáo.",
            tags=["chitieu", slug],
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        consolidate_flow.to_deployment(
            name=f"tong-hop-{slug}",
            parameters={**common, "out_dir": str(out / "tong-hop"), "pdf": settings.pdf},
            description="Đối chiếu với chỉ tiêu và lập báo cáo tổng hợp.",
            tags=["chitieu", slug],
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
    ]
