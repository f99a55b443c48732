"""A return as an abstract document (letterhead, title, prose, one table, signature),
which the writers turn into xlsx, docx or PDF, and the case: the document, its file
name and its ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QUOC_HIEU = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

Value = str | int


@dataclass
class Grid:
    """A table: rows of cells (an int is a number cell in a spreadsheet) and merged
    ranges (r0, c0, r1, c1), inclusive, 0-based; only a range's first cell has text."""

    rows: list[list[Value]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return max(len(r) for r in self.rows)


@dataclass
class DocSpec:
    letterhead: list[str]  # left column, top to bottom
    number: str  # "Số: 45/BC-UBND"
    place_date: str
    title: list[str]
    body: list[str]
    grid: Grid
    after: list[str] = field(default_factory=list)  # legend, notes under the table
    signature: list[str] = field(default_factory=list)  # right block: TM. …, CHỦ TỊCH, name
    right: list[str] = field(default_factory=lambda: list(QUOC_HIEU))


@dataclass
class Case:
    seed: int
    plan: str  # plan key
    fmt: str  # xlsx, docx, pdf
    file_name: str
    doc: DocSpec
    classes: list[str]
    records: list[dict[str, Any]]
    problems: list[str]

    @property
    def half(self) -> str:
        return half_of(self.seed)

    def truth(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "half": self.half,
            "plan": self.plan,
            "format": self.fmt,
            "classes": sorted(set(self.classes)),
            "records": self.records,
            "problems": sorted(set(self.problems)),
        }


def half_of(seed: int) -> str:
    """Even seeds are the train half (tune on them), odd seeds the test half (do not
    look at its failures while tuning; report it)."""
    return "train" if seed % 2 == 0 else "test"
