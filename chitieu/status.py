"""One period at a glance, for the clerk: deadline, who reported, what waits, what to do next.

`period_status` gathers it from the store (the same reconciliation as `chitieu report`);
the CLI prints it with Rich, the Prefect flows publish `to_markdown` as an artifact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from chitieu.errors import UsageError

if TYPE_CHECKING:
    from chitieu.plan import Plan


@dataclass(frozen=True)
class UnitLine:
    name: str
    detail: str = ""


@dataclass
class PeriodStatus:
    plan_number: str
    period: str
    today: date
    deadline: date | None
    stored: bool  # the plan was ever taken in
    expected: int
    on_time: list[UnitLine] = field(default_factory=list)
    late: list[UnitLine] = field(default_factory=list)
    missing: list[UnitLine] = field(default_factory=list)
    excused: list[UnitLine] = field(default_factory=list)
    returned: list[UnitLine] = field(default_factory=list)
    pending_review: int = 0
    rules_broken: list[str] = field(default_factory=list)
    lock: str | None = None  # "đã khóa bởi …" when the period is locked
    next_steps: list[str] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return len(self.on_time) + len(self.late)

    @property
    def days_left(self) -> int | None:
        """Days before the deadline day (returns are due before it); negative once past."""
        return None if self.deadline is None else (self.deadline - self.today).days

    def deadline_text(self) -> str:
        if self.deadline is None:
            return "kế hoạch không ghi hạn báo cáo"
        left = self.days_left or 0
        when = f"{self.deadline:%d/%m/%Y}"
        if left > 0:
            return f"{when} (còn {left} ngày)"
        if left == 0:
            return f"{when} (hôm nay là hạn)"
        return f"{when} (đã quá hạn {-left} ngày)"

    def to_json(self) -> dict[str, Any]:
        def names(lines: list[UnitLine]) -> list[dict[str, str]]:
            return [{"unit": x.name, "detail": x.detail} for x in lines]

        return {
            "plan": self.plan_number,
            "period": self.period,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
            "expected": self.expected,
            "reported": self.reported,
            "on_time": names(self.on_time),
            "late": names(self.late),
            "missing": names(self.missing),
            "excused": names(self.excused),
            "returned": names(self.returned),
            "pending_review": self.pending_review,
            "rules_broken": self.rules_broken,
            "locked": self.lock,
            "next_steps": self.next_steps,
        }

    def to_markdown(self) -> str:
        """The same status as a markdown artifact (Prefect UI)."""
        out = [
            f"## Tình hình kỳ {self.period} — Kế hoạch {self.plan_number}",
            "",
            f"- **Hạn báo cáo:** {self.deadline_text()}",
            f"- **Kỳ báo cáo:** {self.lock or 'chưa khóa'}",
            f"- **Đã báo cáo:** {self.reported}/{self.expected} đơn vị "
            f"(đúng hạn {len(self.on_time)}, muộn {len(self.late)})",
        ]
        for title, lines in (
            ("Muộn", self.late),
            ("Chưa báo cáo", self.missing),
            ("Được miễn", self.excused),
            ("Đã trả lại, chờ báo cáo sửa", self.returned),
        ):
            if lines:
                items = "; ".join(f"{x.name}{f' ({x.detail})' if x.detail else ''}" for x in lines)
                out.append(f"- **{title}:** {items}")
        out.append(f"- **Số liệu chờ xác minh:** {self.pending_review}")
        out.append(f"- **Quy tắc bị vi phạm:** {len(self.rules_broken)}")
        out += [f"  - {r}" for r in self.rules_broken]
        out += ["", "**Việc cần làm tiếp:**", ""]
        out += [f"1. `{c}`" for c in self.next_steps]
        return "\n".join(out) + "\n"


def choose_period(plan: Plan, key: str | None, today: date) -> str:
    """The period asked for; else the first whose deadline has not passed; else the last."""
    if key is not None:
        if key not in plan.period_by_key:
            keys = ", ".join(p.key for p in plan.all_periods)
            raise UsageError(f"Kế hoạch không có kỳ {key!r} (các kỳ: {keys}).")
        return key
    for per in plan.all_periods:
        deadline = plan.deadline_for(per)
        if deadline is not None and deadline >= today:
            return per.key
    return plan.all_periods[-1].key


def period_status(
    plan: Plan,
    store: Any,
    period: str | None = None,
    today: date | None = None,
    plan_arg: str = "KẾ_HOẠCH",
) -> PeriodStatus:
    """Gather the status of one period; `plan_arg` is how next commands name the plan."""
    from chitieu.reconcile import reconcile_stored
    from chitieu.report.view import unit_label

    today = today or datetime.now().date()
    key = choose_period(plan, period, today)
    per = plan.period_by_key[key]
    plan_id = store.plan_id(plan)
    rec = reconcile_stored(plan, store)
    st = PeriodStatus(
        plan_number=plan.document.number,
        period=key,
        today=today,
        deadline=plan.deadline_for(per),
        stored=plan_id is not None,
        expected=0,
    )

    def name(unit: str) -> str:
        return unit_label(plan.unit_by_id[unit])

    for t in rec.timeliness:
        if t.period != key:
            continue
        st.expected += 1
        if not t.reported:
            st.missing.append(UnitLine(name(t.unit)))
        elif t.on_time is False:
            st.late.append(UnitLine(name(t.unit), f"muộn {t.days_late} ngày"))
        else:
            when = f"nhận {t.received_at:%d/%m/%Y %H:%M}" if t.received_at else ""
            st.on_time.append(UnitLine(name(t.unit), when))
    st.rules_broken = [
        f"{v.name or v.rule} ({name(v.unit)}: {v.left:g} so với {v.right:g})"
        for v in rec.violations
        if v.period == key and v.role == "result"
    ]
    if plan_id is not None:
        st.pending_review = sum(1 for r in store.pending_review(plan_id) if r.period == key)
        for (unit, _p), ev in sorted(store.excused(plan_id, key).items()):
            st.excused.append(UnitLine(name(unit), ev.reason or ""))
        for (unit, _p), ev in sorted(store.returned(plan_id, key).items()):
            st.returned.append(UnitLine(name(unit), f"{ev.at:%d/%m/%Y}: {ev.reason or ''}"))
        lock = store.lock_of(plan_id, key)
        if lock is not None:
            from chitieu.locking import describe_lock

            st.lock = describe_lock(lock)
    st.next_steps = next_steps(st, plan_arg)
    return st


def next_steps(st: PeriodStatus, plan: str) -> list[str]:
    """The commands to run next, most urgent first."""
    p = f"--period {st.period}"
    if st.lock:
        return [f"chitieu report {plan} {p}"]
    if not st.stored or st.reported == 0:
        return [f"chitieu intake {plan} HỘP_THƯ"]
    steps = []
    if st.pending_review:
        steps.append(f"chitieu review {plan}")
    if st.missing:
        steps.append(f"chitieu remind {plan} {p}")
    steps.append(f"chitieu report {plan} {p}")
    if not st.missing and not st.pending_review and not st.returned:
        steps.append(f'chitieu lock {plan} {p} --by "HỌ TÊN"')
    return steps
