"""Deadline watch: before the deadline, remind the units that have not reported; at the
deadline, consolidate.

Runs are scheduled from the plan (`chitieu.deadlines.deadline_runs`, see
`flows/deployments.py`); each run says what it is with `kind`. Which units are late is
`chitieu.deadlines.units_not_reported` over the store's receipts; the letter is
`chitieu.reminder.write_reminder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, task

from chitieu.deadlines import RUN_TIME, TIMEZONE, RunKind, period_of
from chitieu.plan import load_plan
from flows.consolidate import consolidate_flow
from flows.runtime import data_dir, database_url


@dataclass
class WatchResult:
    kind: RunKind
    period: str
    late: list[str] = field(default_factory=list)  # unit ids still owing a return
    files: list[Path] = field(default_factory=list)


@task(name="đơn-vị-chưa-báo-cáo")
def late_units(db_url: str, plan_path: Path, period: str | None, as_of: datetime) -> list[str]:
    """Ids of the reporting units with no return received by `as_of` for the period."""
    from chitieu.deadlines import reported_by, units_not_reported
    from chitieu.locking import exempt_units
    from chitieu.store import Store

    plan = load_plan(plan_path)
    key = period_of(plan, period).key
    with Store.open(db_url) as store:
        plan_id = store.save_plan(plan)
        received = store.receipts(plan_id, key)
        exempt = exempt_units(store, plan_id, key)
    late = units_not_reported(plan, reported_by(received, as_of))
    return [u.id for u in late if u.id not in exempt]


@task(name="soạn-công-văn-đôn-đốc", retries=2, retry_delay_seconds=[2, 10])
def write_reminder(
    plan_path: Path, late: list[str], today: date, period: str | None, out_dir: Path, pdf: bool
) -> list[Path]:
    """The công văn đôn đốc (DOCX, and PDF when asked) to the late units."""
    from chitieu.deadlines import late_by_deadline
    from chitieu.errors import UsageError
    from chitieu.reminder import write_reminder as core_write_reminder

    plan = load_plan(plan_path)
    per = period_of(plan, period)
    if plan.deadline_for(per) is None:
        raise UsageError(f"Kỳ {per.key} của kế hoạch không có hạn báo cáo.")
    reported = {u.id for u in plan.reporting_units} - set(late)
    # one letter per deadline: each level of the hierarchy may have its own
    docs = [
        core_write_reminder(plan, units, today, deadline, out_dir, per)
        for deadline, units in late_by_deadline(plan, per, reported)
    ]
    if not pdf:
        return docs
    from chitieu.render.pdf import convert_to_pdf

    return [*docs, *convert_to_pdf(docs, out_dir)]


@task(name="đăng-danh-sách-chưa-báo-cáo")
def publish_late(plan_path: Path, late: list[str], files: list[Path]) -> None:
    from prefect.artifacts import create_link_artifact, create_markdown_artifact

    from chitieu.report.view import unit_label
    from flows.artifacts import artifact_key

    plan = load_plan(plan_path)
    names = [unit_label(plan.unit_by_id[u]) for u in late]
    text = f"# Đơn vị chưa báo cáo ({len(names)})\n\n" + "\n".join(f"- {n}" for n in names)
    create_markdown_artifact(
        key=artifact_key("chua-bao-cao", plan.document.number),
        markdown=text + "\n",
        description="Đơn vị chưa gửi báo cáo, đã được đôn đốc",
    )
    for path in files:
        create_link_artifact(link=path.resolve().as_uri(), link_text=path.name)


@flow(name="theo-doi-han-bao-cao", log_prints=False)
def deadline_watch(
    plan_path: Path,
    kind: RunKind,
    out_dir: Path,
    period: str | None = None,
    today: date | None = None,
    home: Path | None = None,
    db_url: str | None = None,
    pdf: bool = True,
) -> WatchResult:
    """One scheduled run: a reminder to late units, or the consolidation at the deadline."""
    url = database_url(data_dir(home), db_url)
    key = period_of(load_plan(plan_path), period).key
    if kind == RunKind.consolidate:
        _, files = consolidate_flow(plan_path, out_dir, home=home, db_url=db_url, pdf=pdf)
        return WatchResult(kind, key, files=list(files))
    if today is None:
        today = datetime.now(ZoneInfo(TIMEZONE)).date()
        as_of = datetime.now()  # the store keeps naive local times
    else:  # a run for a given day (a re-run, the demo): what had arrived by its run time
        as_of = datetime.combine(today, RUN_TIME)
    late = late_units(url, plan_path, period, as_of)
    if not late:
        return WatchResult(kind, key)
    files = write_reminder(plan_path, late, today, period, out_dir, pdf)
    publish_late(plan_path, late, files)
    return WatchResult(kind, key, late=late, files=files)
