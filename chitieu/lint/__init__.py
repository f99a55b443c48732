"""ND30 lint: check any .docx against the format rules of Nghị định 30/2020/NĐ-CP
(nd30.md "Checkable rules") and for the consistency of its figures.

    findings = lint_docx(Path("ke-hoach.docx"), plan=load_plan("plan.yaml"))

Each `Finding` names its rule (`RULES`), the place, what is wrong and the fix, in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.lint.rules import RULES, Finding, Rule, RuleResult, Severity, results

if TYPE_CHECKING:
    from chitieu.plan import Plan


def lint_docx(path: Path, plan: Plan | None = None) -> list[Finding]:
    """Every finding on the document at `path`, errors first, in document order.

    Raises:
        UnreadableFileError: the file is missing, corrupt or not a .docx.
    """
    from chitieu.lint import consistency
    from chitieu.lint.anatomy import read_anatomy
    from chitieu.lint.annex_table import read_annexes
    from chitieu.lint.docx_view import DocxView
    from chitieu.lint.format_checks import CHECKS

    view = DocxView(Path(path))
    anatomy = read_anatomy(view)
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(view, anatomy))
    findings.extend(consistency.check(anatomy, read_annexes(view), plan))
    order = {s: n for n, s in enumerate(Severity)}
    return sorted(findings, key=lambda f: order[f.severity])


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == Severity.error for f in findings)


__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleResult",
    "Severity",
    "has_errors",
    "lint_docx",
    "results",
]
