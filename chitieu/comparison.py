"""One compared figure: the `Row` of a unit × indicator × period, where its result came
from (`Source`), and its `Status` under the rules of `status_of` (README "Reconciliation").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from chitieu.plan_parts import Direction


class Status(StrEnum):
    vuot = "vuot"
    dat = "dat"
    chua_dat = "chua_dat"
    chua_bao_cao = "chua_bao_cao"
    cho_xac_minh = "cho_xac_minh"

    @property
    def label(self) -> str:
        """The word printed in tables: Vượt, Đạt, Chưa đạt, Chưa báo cáo, Chờ xác minh."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.vuot: "Vượt",
    Status.dat: "Đạt",
    Status.chua_dat: "Chưa đạt",
    Status.chua_bao_cao: "Chưa báo cáo",
    Status.cho_xac_minh: "Chờ xác minh",
}


@dataclass(frozen=True)
class Source:
    """Where a counted figure came from: file, page, cell (the store's provenance)."""

    file: str | None = None
    sha256: str | None = None
    page: int | None = None
    cell: str | None = None
    sheet: str | None = None
    record_id: int | str | None = None
    # A figure a person answered: who, when (ISO), confirmed|corrected, the value as read.
    reviewer: str | None = None
    reviewed_at: str | None = None
    review_action: str | None = None
    read_value: int | float | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def review_note(self) -> str | None:
        """ "Nguyễn Thị Lan sửa từ 3 lúc 08:40 27/11/2026", or None for a figure as read."""
        if not self.reviewer:
            return None
        when = ""
        if self.reviewed_at:
            from datetime import datetime

            when = f" lúc {datetime.fromisoformat(self.reviewed_at):%H:%M %d/%m/%Y}"
        if self.review_action == "confirmed":
            return f"{self.reviewer} xác nhận{when}"
        was = "(trống)" if self.read_value is None else f"{self.read_value:g}"
        return f"{self.reviewer} sửa từ {was}{when}"

    @classmethod
    def of(cls, rec: Any) -> Source:
        """Read provenance off a `Record` or a store record (extra attributes if present)."""
        where = getattr(rec, "where", None)
        file = None
        for attr in ("file_name", "source", "filename", "file"):
            v = getattr(rec, attr, None)
            if isinstance(v, str):
                file = v
                break
        rid = getattr(rec, "id", None)
        return cls(
            file=file,
            sha256=getattr(rec, "sha256", None),
            page=getattr(where, "page", None),
            cell=getattr(where, "cell", None),
            sheet=getattr(where, "sheet", None),
            record_id=rid if isinstance(rid, int | str) else None,
            **_review_of(rec),
        )


def _review_of(rec: Any) -> dict[str, Any]:
    """The review fields of a `Source` for a store record that is a person's answer."""
    reviewer = getattr(rec, "reviewer", None)
    if not isinstance(reviewer, str) or getattr(rec, "undoes", None) is not None:
        return {}
    at = getattr(rec, "reviewed_at", None)
    return {
        "reviewer": reviewer,
        "reviewed_at": at.isoformat(timespec="seconds") if at is not None else None,
        "review_action": getattr(rec, "review_action", None),
        "read_value": getattr(rec, "read_value", None),
    }


@dataclass(frozen=True)
class Row:
    """One unit × indicator × period. For roll-ups, `expected`/`reported` count leaves."""

    unit: str
    indicator: str
    period: str
    target: int | float | None
    result: int | float | None
    status: Status
    rollup: bool = False
    expected: int = 1
    reported: int = 0
    sources: tuple[Source, ...] = ()
    estimate: bool = False  # the result is (or, for a total, includes) an estimate
    # "year": a month, quarter, 6 or 9 months without a target of its own, measured by its
    # cumulative figure since the year's start (lũy kế) against the year's target: then
    # `target` is the year's target, `result` the lũy kế (None when an earlier return of
    # the year is missing) and `period_result` the period's own figure
    basis: str = "period"
    period_result: int | float | None = None
    # on the year, a lũy kế missing a part (an earlier return of the year not sent): the
    # row is `cho_xac_minh` (never judged on part of the year) though no figure is in doubt
    gap: bool = False

    @property
    def difference(self) -> int | float | None:
        if self.target is None or self.result is None:
            return None
        d = self.result - self.target
        return round(d, 4) if isinstance(d, float) else d

    @property
    def percent(self) -> float | None:
        """Result as a percentage of target; None when there is no (or a zero) target."""
        if self.target in (None, 0) or self.result is None:
            return None
        return self.result / self.target * 100  # type: ignore[operator]

    @property
    def on_year(self) -> bool:
        """Measured by its lũy kế against the year's target (see `basis`)."""
        return self.basis == "year"

    @property
    def own_result(self) -> int | float | None:
        """The period's own figure (the lũy kế's last part for a row `on_year`)."""
        return self.period_result if self.on_year else self.result

    def to_json(self) -> dict[str, Any]:
        """contracts.md §3: `target` and `result` are the period's own; a row `on_year`
        adds `year_target`, `cumulative` (lũy kế) and `year_percent`, which its status
        compares."""
        pct = self.percent
        out: dict[str, Any] = {
            "unit": self.unit,
            "indicator": self.indicator,
            "period": self.period,
            "target": self.target,
            "result": _rounded(self.result),
            "status": self.status.value,
            "difference": self.difference,
            "percent": round(pct, 2) if pct is not None else None,
            "rollup": self.rollup,
        }
        if self.on_year:
            out.update(
                target=None,
                result=_rounded(self.period_result),
                difference=None,
                percent=None,
                basis="year",
                year_target=self.target,
                cumulative=_rounded(self.result),
                year_percent=round(pct, 2) if pct is not None else None,
            )
            if self.gap:
                out["cumulative_incomplete"] = True
        if self.estimate:
            out["estimate"] = True  # reported before the period's end ("ước thực hiện")
        if self.rollup:
            out["units_expected"] = self.expected
            out["units_reported"] = self.reported
        else:
            out["sources"] = [s.to_json() for s in self.sources]
        return out


def _rounded(value: int | float | None) -> int | float | None:
    return round(value, 4) if isinstance(value, float) else value


def status_of(
    target: int | float | None,
    result: int | float | None,
    direction: Direction,
    *,
    needs_review: bool = False,
) -> Status:
    """The status rules of the module docstring, for one figure."""
    if needs_review:
        return Status.cho_xac_minh
    if result is None:
        return Status.chua_bao_cao
    if target is None:
        return Status.dat
    eps = 1e-9
    if direction == Direction.at_most:
        return Status.dat if result <= target + eps else Status.chua_dat
    if result > target + eps:
        return Status.vuot
    if result >= target - eps:
        return Status.dat
    return Status.chua_dat


def rate_value(numerator: int | float | None, denominator: int | float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * 100


__all__ = ["STATUS_LABELS", "Row", "Source", "Status", "rate_value", "status_of"]
