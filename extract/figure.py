"""A figure read from a document, before it becomes a record, and what one table gave."""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.plan_parts import Unit
from chitieu.record import Where
from extract.headers import Match
from extract.values import Parsed


@dataclass
class Figure:
    """A value read from one cell, before it becomes a record."""

    indicator: str
    parsed: Parsed
    where: Where
    unit: Unit | None = None  # None: the document's unit
    match: Match | None = None
    notes: list[str] = field(default_factory=list)  # why it needs review (Vietnamese)
    row: int | None = None  # the table row it was read from

    @property
    def needs_review(self) -> bool:
        return bool(self.notes) or not self.parsed.clean


@dataclass
class TableReading:
    figures: list[Figure] = field(default_factory=list)
    unknown_units: list[str] = field(default_factory=list)
    total_mismatches: list[str] = field(default_factory=list)
    indicators_seen: set[str] = field(default_factory=set)
