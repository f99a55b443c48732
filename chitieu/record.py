"""The record: one figure, `(unit, indicator, period, value)`, plus where it came from.

Everything in chitieu is a record (DESIGN.md): targets from the plan, results read from
returned forms, corrections made by a reviewer. Reconciliation compares two sets of
records; every generated document is a view of records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    target = "target"
    result = "result"


@dataclass(frozen=True)
class Where:
    """Provenance inside a document: page (1-based), spreadsheet/table cell, bbox in PDF points."""

    page: int | None = None
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    sheet: str | None = None
    table: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "cell": self.cell}
        out["bbox"] = list(self.bbox) if self.bbox is not None else None
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.table is not None:
            out["table"] = self.table
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Where:
        data = data or {}
        bbox = data.get("bbox")
        return cls(
            page=data.get("page"),
            cell=data.get("cell"),
            bbox=tuple(bbox) if bbox else None,  # type: ignore[arg-type]
            sheet=data.get("sheet"),
            table=data.get("table"),
        )


@dataclass(frozen=True)
class Record:
    """One figure. `value` is a whole number for counts; rates are computed, never stored."""

    unit: str
    indicator: str
    period: str
    value: int | None
    role: Role = Role.result
    confidence: float = 1.0
    needs_review: bool = False
    where: Where = field(default_factory=Where)
    note: str | None = None  # why it needs review, in Vietnamese
    estimate: bool = False  # reported before its period's end ("ước thực hiện")

    def to_json(self) -> dict[str, Any]:
        """The `chitieu extract` record shape of contracts.md (plus optional extras)."""
        out: dict[str, Any] = {
            "unit": self.unit,
            "indicator": self.indicator,
            "value": self.value,
            "confidence": round(self.confidence, 4),
            "needs_review": self.needs_review,
            "where": self.where.to_json(),
            "period": self.period,
        }
        if self.note:
            out["note"] = self.note
        if self.estimate:
            out["estimate"] = True
        return out


@dataclass(frozen=True)
class Problem:
    """Something wrong with a document as a whole. Codes of contracts.md must be used."""

    code: str
    message: str

    UNKNOWN_UNIT = "unknown_unit"
    TOTAL_MISMATCH = "total_mismatch"
    MISSING_INDICATOR = "missing_indicator"
    LOW_CONFIDENCE = "low_confidence"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Extraction:
    """What `chitieu extract` returns for one file."""

    source: str
    sha256: str
    records: tuple[Record, ...] = ()
    problems: tuple[Problem, ...] = ()
    unit: str | None = None  # the document's own unit, when it is a single-unit return
    kind: str | None = None  # xlsx, docx, pdf, scan, image

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "sha256": self.sha256,
            "records": [r.to_json() for r in self.records],
            "problems": [p.to_json() for p in self.problems],
        }
        if self.unit is not None:
            out["unit"] = self.unit
        if self.kind is not None:
            out["kind"] = self.kind
        return out


def record_from_json(data: dict[str, Any], period: str, role: Role = Role.result) -> Record:
    return Record(
        unit=data["unit"],
        indicator=data["indicator"],
        period=data.get("period", period),
        value=data["value"],
        role=role,
        confidence=float(data.get("confidence", 1.0)),
        needs_review=bool(data.get("needs_review", False)),
        where=Where.from_json(data.get("where")),
        note=data.get("note"),
        estimate=bool(data.get("estimate", False)),
    )


__all__ = ["Extraction", "Problem", "Record", "Role", "Where", "asdict", "record_from_json"]
