"""Scoring extractions against ground truth (`samples/returns/truth*.json`).

A record is *exact* when its value equals the truth; a wrong value is *flagged* when it
has needs_review, else it is a *silent error* — the one outcome that must never happen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chitieu.record import Extraction


def load_truth(directory: Path) -> dict[str, dict[str, Any]]:
    """Every `truth*.json` under `directory`, merged: relative file path -> expectation."""
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("truth*.json")):
        data = json.loads(path.read_text("utf-8"))
        merged.update(data.get("files", data))
    return merged


@dataclass
class Score:
    expected: int = 0
    exact: int = 0
    wrong_flagged: int = 0
    silent: int = 0
    missing: int = 0
    spurious: int = 0
    extra_flags: int = 0  # right value, flagged although the truth needs no review
    problems_missed: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "expected",
            "exact",
            "wrong_flagged",
            "silent",
            "missing",
            "spurious",
            "extra_flags",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems_missed += other.problems_missed
        self.details += other.details


def compare(name: str, got: Extraction, expected: dict[str, Any]) -> Score:
    s = Score()
    want = {(r["unit"], r["indicator"]): r for r in expected.get("records", [])}
    have = {(r.unit, r.indicator): r for r in got.records}
    s.expected = len(want)
    for key, w in want.items():
        r = have.get(key)
        if r is None:
            s.missing += 1
            s.details.append(f"{name}: missing {key}")
        elif r.value == w["value"]:
            s.exact += 1
            if r.needs_review and not w.get("needs_review"):
                s.extra_flags += 1
                s.details.append(f"{name}: unneeded review {key}: {r.note}")
        elif r.needs_review:
            s.wrong_flagged += 1
        else:
            s.silent += 1
            s.details.append(f"{name}: SILENT {key} got {r.value} want {w['value']}")
    for key, r in have.items():
        if key not in want:
            s.spurious += 1
            if not r.needs_review:
                s.silent += 1
                s.details.append(f"{name}: SILENT spurious {key}={r.value}")
    codes = {p.code for p in got.problems}
    for code in expected.get("problems", []):
        if code not in codes:
            s.problems_missed.append(f"{name}: {code}")
    return s
