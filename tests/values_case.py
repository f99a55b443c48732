"""A drawn case of `grammar_values.py`: the return a ward sends (lines, table, notes)
and what a correct reading gives; the words a clerk writes numbers and periods in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from values_files import write_docx, write_xlsx

from chitieu.plan import Plan

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def words(n: int) -> str:
    """Vietnamese words for 0 <= n < 1,000,000 (the way a clerk writes them)."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        t, u = divmod(n, 10)
        head = "mười" if t == 1 else f"{DIGITS[t]} mươi"
        if u == 0:
            return head
        unit = {1: "mốt" if t > 1 else "một", 5: "lăm", 4: "tư" if t > 1 else "bốn"}.get(
            u, DIGITS[u]
        )
        return f"{head} {unit}"
    if n < 1000:
        h, rest = divmod(n, 100)
        if rest == 0:
            return f"{DIGITS[h]} trăm"
        if rest < 10:
            return f"{DIGITS[h]} trăm linh {DIGITS[rest]}"
        return f"{DIGITS[h]} trăm {words(rest)}"
    k, rest = divmod(n, 1000)
    return f"{words(k)} nghìn" + (f" {words(rest)}" if rest else "")


@dataclass
class Expect:
    value: int | None  # None: no record must come out
    flag: bool = False  # must be needs_review


@dataclass
class Case:
    seed: int
    cls: str
    fmt: str  # xlsx | docx
    plan: Plan
    unit: str  # the sender
    variant: str  # what was drawn, for per-variant reports
    lines: list[str]
    header: list[list[str]]  # "<" merges left, "^" merges up
    rows: list[list[str | int]]
    notes: list[str] = field(default_factory=list)  # legend lines under the table
    expect: dict[tuple[str, str], Expect] = field(default_factory=dict)
    problems: set[str] = field(default_factory=set)
    period: str | None = None  # the period every record must carry

    def write(self, directory: Path) -> Path:
        path = directory / f"case-{self.seed}.{self.fmt}"
        (write_xlsx if self.fmt == "xlsx" else write_docx)(self, path)
        return path


def period_name(info: dict[str, object], key: str, back: int = 0) -> str:
    """A header's way of naming the plan period (or the same period `back` years ago)."""
    year = int(info["year"]) - back  # type: ignore[call-overload]
    rng = random.Random(f"{key}{back}{year}")
    if info["kind"] == "month":
        m = int(key.split("-")[1])
        return rng.choice([f"tháng {m}/{year}", f"Tháng {m} năm {year}", f"tháng {m:02d}/{year}"])
    if info["kind"] == "year":
        return rng.choice([f"năm {year}", f"Năm {year}"])
    q = int(key.split("Q")[1])
    return rng.choice([f"quý {ROMAN[q]}/{year}", f"Quý {q} năm {year}"])
