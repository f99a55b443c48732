"""Validation rules over one unit's figures: `cnbb + cntn <= nguoi_nghien`.

A rule is "left op right" (DHIS2's ValidationRule): each side a sum/difference of
indicator ids and whole numbers. Rules come from two places: the plan's `rules:` list,
and every "trong đó" sub-count (`Indicator.parent`), which must not exceed its total.
Checking is separate from the rule (pandera's Check/CheckResult): `check()` returns a
`RuleResult` value; a rule whose figures are not all present is skipped, not failed.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chitieu.errors import PlanError, PlanIssue
from chitieu.plan import Plan

_OPS: dict[str, tuple[Callable[[float, float], bool], str]] = {
    "<=": (operator.le, "≤"),
    ">=": (operator.ge, "≥"),
    "==": (operator.eq, "="),
    "<": (operator.lt, "<"),
    ">": (operator.gt, ">"),
    "=": (operator.eq, "="),
}
_OP_RE = re.compile(r"(<=|>=|==|<|>|=)")
_TERM_RE = re.compile(r"\s*([+-]?)\s*([A-Za-z_][A-Za-z0-9_]*|\d+)\s*")

Term = tuple[int, str | int]  # (sign, indicator id or constant)


@dataclass(frozen=True)
class CheckRule:
    """One rule: `left op right`, both sides signed sums of indicator ids and constants."""

    code: str
    left: tuple[Term, ...]
    op: str
    right: tuple[Term, ...]
    name: str | None = None

    @classmethod
    def parse(cls, expr: str, *, code: str, name: str | None = None) -> CheckRule:
        """Read "cnbb + cntn <= nguoi_nghien".

        Raises:
            ValueError: the expression is not "sum op sum".
        """
        parts = _OP_RE.split(expr)
        if len(parts) != 3:
            raise ValueError(f"quy tắc {expr!r} phải có đúng một phép so sánh (<=, >=, <, >, ==)")
        left, op, right = parts
        return cls(code, _terms(left, expr), op, _terms(right, expr), name)

    @classmethod
    def at_most(cls, part: str, total: str, *, code: str, name: str | None = None) -> CheckRule:
        """A "trong đó" sub-count: `part <= total`."""
        return cls(code, ((1, part),), "<=", ((1, total),), name)

    @property
    def indicators(self) -> set[str]:
        return {t for _, t in (*self.left, *self.right) if isinstance(t, str)}

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The rule in Vietnamese, "Lập hồ sơ đưa CNBB + … ≤ …", falling back to the ids."""
        names = names or {}

        def side(terms: tuple[Term, ...]) -> str:
            out = ""
            for n, (sign, t) in enumerate(terms):
                label = names.get(t, t) if isinstance(t, str) else str(t)
                if n == 0:
                    out = ("-" if sign < 0 else "") + str(label)
                else:
                    out += (" - " if sign < 0 else " + ") + str(label)
            return out

        return f"{side(self.left)} {_OPS[self.op][1]} {side(self.right)}"

    def check(self, values: Mapping[str, int | float | None]) -> RuleResult | None:
        """Evaluate on one unit's figures; None when a figure the rule needs is missing."""
        lhs = _value(self.left, values)
        rhs = _value(self.right, values)
        if lhs is None or rhs is None:
            return None
        return RuleResult(self, _OPS[self.op][0](lhs, rhs), lhs, rhs)


@dataclass(frozen=True)
class RuleResult:
    rule: CheckRule
    passed: bool
    left: float
    right: float


def _terms(text: str, expr: str) -> tuple[Term, ...]:
    text = text.strip()
    if not text:
        raise ValueError(f"quy tắc {expr!r} thiếu một vế")
    out: list[Term] = []
    pos = 0
    while pos < len(text):
        m = _TERM_RE.match(text, pos)
        if not m or m.end() == pos or (out and not m.group(1)):
            raise ValueError(f"quy tắc {expr!r}: không hiểu {text[pos:]!r}")
        sign = -1 if m.group(1) == "-" else 1
        token = m.group(2)
        out.append((sign, int(token) if token.isdigit() else token))
        pos = m.end()
    return tuple(out)


def _value(terms: tuple[Term, ...], values: Mapping[str, int | float | None]) -> float | None:
    total = 0.0
    for sign, t in terms:
        if isinstance(t, int):
            total += sign * t
            continue
        v = values.get(t)
        if v is None:
            return None
        total += sign * v
    return total


def plan_rules(plan: Plan) -> list[CheckRule]:
    """The plan's own rules, then one per "trong đó" sub-count.

    Raises:
        PlanError: a rule expression cannot be read.
    """
    rules: list[CheckRule] = []
    issues: list[PlanIssue] = []
    for n, r in enumerate(plan.rules, start=1):
        try:
            rules.append(CheckRule.parse(r.expr, code=f"rule-{n}", name=r.name))
        except ValueError as exc:
            issues.append(PlanIssue(str(exc), None, f"rules[{n - 1}].expr"))
    if issues:
        raise PlanError(plan.source or "<plan>", issues)
    for ind in plan.indicators:
        if ind.parent:
            parent = plan.indicator_by_id[ind.parent]
            rules.append(
                CheckRule.at_most(
                    ind.id,
                    ind.parent,
                    code=f"trong-do-{ind.id}",
                    name=f"“{ind.name}” là số trong đó của “{parent.name}”",
                )
            )
    return rules


__all__ = ["CheckRule", "RuleResult", "plan_rules"]
