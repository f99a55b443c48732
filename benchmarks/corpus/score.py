"""An extraction against a case's truth, counted the way issue 9 asks.

- exact: the truth's (unit, indicator) has a record with the right value;
- flagged: a wrong value, or the right figure under a wrong unit, with needs_review;
- missed: no record for a truth figure;
- silent: a wrong value or a wrong unit without needs_review, or a record the truth
  does not have without needs_review: the outcome that must never happen;
- review_missed: the right value where the truth says a person must check it (a total
  that disagrees, a sender guessed), not flagged;
- problems: expected problem codes, and how many were reported;
- unit_right: figures found under the right unit whatever their value (the sender and
  row/column units, issue 9 class 1, apart from values and roles).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from chitieu.record import Extraction


@dataclass
class Tally:
    files: int = 0
    expected: int = 0
    exact: int = 0
    unit_right: int = 0  # a record under the truth's unit and indicator, any value
    flagged: int = 0
    missed: int = 0
    silent: int = 0
    review_missed: int = 0
    extra_flags: int = 0
    spurious_flagged: int = 0
    problems_expected: int = 0
    problems_reported: int = 0
    errors: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for f in fields(self):
            if f.name == "details":
                self.details += other.details
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def unit_pct(self) -> float:
        return 100.0 * self.unit_right / self.expected if self.expected else 100.0

    @property
    def exact_pct(self) -> float:
        return 100.0 * self.exact / self.expected if self.expected else 100.0


def score(name: str, truth: dict[str, Any], got: Extraction | None, error: str = "") -> Tally:
    s = Tally(files=1)
    want = {(r["unit"], r["indicator"]): r for r in truth["records"]}
    s.expected = len(want)
    s.problems_expected = len(truth["problems"])
    if got is None:
        s.errors = 1
        s.missed = len(want)
        s.details.append(f"{name}: ERROR {error}")
        return s
    have = {(r.unit, r.indicator): r for r in got.records}
    used: set[tuple[str, str]] = set()
    for key, w in want.items():
        r = have.get(key)
        if r is None:
            # the figure under another unit (the sender mistaken)
            other = [
                k
                for k, x in have.items()
                if k[1] == key[1] and k not in want and k not in used and x.value == w["value"]
            ]
            if other:
                used.add(other[0])
                if have[other[0]].needs_review:
                    s.flagged += 1
                else:
                    s.silent += 1
                    s.details.append(f"{name}: SILENT wrong unit {other[0][0]} for {key}")
                continue
            s.missed += 1
            s.details.append(f"{name}: missed {key}")
            continue
        used.add(key)
        s.unit_right += 1
        if r.value == w["value"]:
            s.exact += 1
            if w["needs_review"] and not r.needs_review:
                s.review_missed += 1
                s.details.append(f"{name}: review missed {key}={r.value}")
            elif r.needs_review and not w["needs_review"]:
                s.extra_flags += 1
                s.details.append(f"{name}: unneeded review {key}: {r.note}")
        elif r.needs_review:
            s.flagged += 1
            s.details.append(f"{name}: flagged {key} got {r.value} want {w['value']}")
        else:
            s.silent += 1
            s.details.append(f"{name}: SILENT {key} got {r.value} want {w['value']}")
    for key, r in have.items():
        if key in used or key in want:
            continue
        if r.needs_review:
            s.spurious_flagged += 1
        else:
            s.silent += 1
            s.details.append(f"{name}: SILENT spurious {key}={r.value}")
    codes = {p.code for p in got.problems}
    for code in truth["problems"]:
        if code in codes:
            s.problems_reported += 1
        else:
            s.details.append(f"{name}: problem not reported: {code}")
    return s
