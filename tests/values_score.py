"""A reading of a `grammar_values.py` case scored against what a correct reading gives:
exact, flagged wrong, silent, missing, spurious figures and problems not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from values_case import Case


@dataclass
class Tally:
    """Figures of a set of cases: right, flagged wrong, silent, missing, spurious..."""

    expected: int = 0
    exact: int = 0
    flagged_wrong: int = 0
    silent: int = 0
    missing: int = 0
    spurious: int = 0
    extra_flags: int = 0
    problems_missed: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k in (
            "expected",
            "exact",
            "flagged_wrong",
            "silent",
            "missing",
            "spurious",
            "extra_flags",
            "problems_missed",
        ):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.details += other.details


def score(c: Case, got) -> Tally:  # got: chitieu.record.Extraction
    """How one reading of a case compares with what a correct reading gives."""
    t = Tally()
    have = {(r.unit, r.indicator): r for r in got.records}
    name = f"seed {c.seed} {c.cls} {c.fmt} {c.variant}"
    for key, exp in c.expect.items():
        rec = have.pop(key, None)
        if exp.value is None:
            if rec is not None and not rec.needs_review:
                t.spurious += 1
                t.silent += 1
                t.details.append(f"{name}: SILENT {key}={rec.value}, want no record")
            continue
        t.expected += 1
        if rec is None:
            t.missing += 1
            t.details.append(f"{name}: missing {key}")
            continue
        right_period = c.period is None or rec.period == c.period
        if rec.value == exp.value and right_period and (rec.needs_review or not exp.flag):
            t.exact += 1
            if rec.needs_review and not exp.flag:
                t.extra_flags += 1
                t.details.append(f"{name}: unneeded review {key}: {rec.note}")
        elif rec.needs_review:
            t.flagged_wrong += 1
            t.details.append(f"{name}: flagged wrong {key}={rec.value} want {exp.value}")
        else:
            t.silent += 1
            t.details.append(
                f"{name}: SILENT {key}={rec.value} ({rec.period}) want {exp.value} "
                f"({c.period}) flag={exp.flag}"
            )
    for key, rec in have.items():
        t.spurious += 1
        if not rec.needs_review:
            t.silent += 1
            t.details.append(f"{name}: SILENT spurious {key}={rec.value}")
    codes = {p.code for p in got.problems}
    for code in c.problems - codes:
        t.problems_missed += 1
        t.details.append(f"{name}: problem {code} not reported")
    return t
