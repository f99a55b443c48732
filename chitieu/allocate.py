"""Quota allocation: split a whole total across units by weights (largest remainder).

`largest_remainder` is pure and exact (fractions, no float rounding): parts are whole
numbers, add up to the total, every unit gets at least its minimum, and units with a
fixed value get exactly that. `write_targets` puts the result back into a plan file,
keeping its comments and key order (ruamel.yaml round-trip).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from chitieu.errors import PlanError, PlanIssue, UsageError


class AllocationError(UsageError):
    """The constraints cannot be met (minimums or fixed values exceed the total...)."""


def largest_remainder(
    total: int,
    weights: Mapping[str, float | int | Fraction],
    minimums: Mapping[str, int] | None = None,
    fixed: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Split `total` over the units of `weights` (dict order kept).

    Units in `fixed` get exactly that value. The others share what is left in proportion to
    their weight; a unit whose proportional share falls under its minimum is raised to the
    minimum and the rest is shared again among the others (so minimums cost the large units,
    not the small ones). The whole parts left over go to the largest fractional remainders;
    ties go to the larger weight, then to the unit listed first.

    Raises:
        AllocationError: negative total, weight or bound; unknown unit in minimums/fixed;
            fixed values or minimums that exceed the total; nothing to share by.
    """
    minimums = dict(minimums or {})
    fixed = dict(fixed or {})
    if total < 0:
        raise AllocationError(f"tổng chỉ tiêu {total} là số âm.")
    for name, mapping in (
        ("trọng số", weights),
        ("mức tối thiểu", minimums),
        ("giá trị cố định", fixed),
    ):
        for unit, v in mapping.items():
            if v < 0:
                raise AllocationError(f"{name} của đơn vị {unit!r} là số âm ({v}).")
    for name, mapping in (("mức tối thiểu", minimums), ("giá trị cố định", fixed)):
        unknown = [u for u in mapping if u not in weights]
        if unknown:
            raise AllocationError(
                f"{name} cho đơn vị không có trong danh sách phân bổ: {', '.join(unknown)}."
            )
    result: dict[str, int] = {u: 0 for u in weights}
    for unit, v in fixed.items():
        result[unit] = int(v)
    left = total - sum(fixed.values())
    if left < 0:
        raise AllocationError(
            f"các giá trị cố định cộng lại {sum(fixed.values())}, vượt tổng chỉ tiêu {total}."
        )
    free = [u for u in weights if u not in fixed]
    need = sum(minimums.get(u, 0) for u in free)
    if need > left:
        raise AllocationError(
            f"các mức tối thiểu cộng lại {need}, vượt phần còn lại để chia ({left})."
        )
    if not free:
        if left:
            raise AllocationError(
                f"mọi đơn vị đều có giá trị cố định nhưng còn {left} chưa chia; "
                "sửa tổng hoặc bỏ giá trị cố định của một đơn vị."
            )
        return result
    w = {u: Fraction(weights[u]) for u in free}
    # Water-filling: pin units whose share is under their minimum, then share again.
    pinned: dict[str, int] = {}
    while True:
        active = [u for u in free if u not in pinned]
        rest = left - sum(pinned.values())
        wsum = sum((w[u] for u in active), Fraction(0))
        if not active:
            break
        if wsum == 0:
            if rest > sum(minimums.get(u, 0) for u in active):
                raise AllocationError(
                    "mọi trọng số của các đơn vị còn lại đều bằng 0; không có căn cứ để chia "
                    f"{rest} (dùng --equal hoặc sửa trọng số)."
                )
            quota = {u: Fraction(minimums.get(u, 0)) for u in active}
        else:
            quota = {u: rest * w[u] / wsum for u in active}
        low = [u for u in active if quota[u] < minimums.get(u, 0)]
        if not low:
            break
        for u in low:
            pinned[u] = minimums[u]
    for u, v in pinned.items():
        result[u] = v
    active = [u for u in free if u not in pinned]
    if active:
        floors = {u: int(quota[u]) for u in active}  # quota >= 0, so int() is floor
        for u in active:
            result[u] = floors[u]
        spare = left - sum(pinned.values()) - sum(floors.values())
        order = sorted(
            range(len(active)),
            key=lambda i: (-(quota[active[i]] - floors[active[i]]), -w[active[i]], i),
        )
        for i in order[:spare]:
            result[active[i]] += 1
    return result


def read_weights(path: Path) -> dict[str, Fraction]:
    """Weights from a CSV (`unit,weight` columns, header optional) or a YAML mapping.

    Raises:
        UsageError: unreadable file, or a weight that is not a number.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"Không đọc được tệp trọng số {path}: {exc.strerror}.") from None
    rows: list[tuple[str, Any]]
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text) or {}
        if not isinstance(data, dict):
            raise UsageError(f"Tệp trọng số {path} phải là bảng mã đơn vị: trọng số.")
        rows = [(str(k), v) for k, v in data.items()]
    else:
        rows = []
        seen_header = False
        for n, rec in enumerate(csv.reader(io.StringIO(text))):
            if not rec or not rec[0].strip() or rec[0].strip().startswith("#"):
                continue
            if len(rec) < 2:
                raise UsageError(
                    f"Tệp trọng số {path}, dòng {n + 1}: cần hai cột mã đơn vị, trọng số."
                )
            if not rows and not seen_header and not _is_number(rec[1]):
                seen_header = True  # the first row that is not a comment may be a header
                continue
            rows.append((rec[0].strip(), rec[1].strip()))
    out: dict[str, Fraction] = {}
    for unit, value in rows:
        if not _is_number(value):
            raise UsageError(
                f"Tệp trọng số {path}: trọng số của {unit!r} ({value!r}) không phải là số."
            )
        out[unit] = Fraction(str(value).replace(",", "."))
    return out


def _is_number(value: Any) -> bool:
    try:
        Fraction(str(value).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return False
    return True


def write_targets(
    plan_path: Path,
    indicator: str,
    parts: Mapping[str, int],
    period: str | None = None,
    out: Path | None = None,
    periods: list[str] | None = None,
) -> Path:
    """Write `parts` as the targets of `indicator` into the plan (or a copy at `out`).

    Comments, key order and the other targets are kept. With `period`, the value goes
    under that period key (`{2026: 80, 2027: 85}` form); a plain value that applied to all
    `periods` is first spread over them, so the other periods keep it.

    Raises:
        PlanError: the plan file cannot be read, or would not validate once written.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # "  - item", as the sample plans are written
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    try:
        data = yaml.load(plan_path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise PlanError(plan_path, [PlanIssue(f"không mở được tệp ({exc.strerror}).")]) from None
    if not isinstance(data, dict):
        raise PlanError(plan_path, [PlanIssue("tệp kế hoạch phải là một bảng khóa: giá trị.", 1)])
    targets = data.get("targets")
    if targets is None:
        targets = CommentedMap()
        data["targets"] = targets
    for unit, value in parts.items():
        row = targets.get(unit)
        if row is None:
            row = CommentedMap()
            row.fa.set_flow_style()
            targets[unit] = row
        if period is None:
            row[indicator] = value
        else:
            per = row.get(indicator)
            if not isinstance(per, dict):
                old = per
                per = CommentedMap()
                per.fa.set_flow_style()
                if old is not None:
                    for key in periods or []:
                        per[_period_key(key)] = old
                row[indicator] = per
            per[_period_key(period)] = value
    dest = out or plan_path
    buf = io.StringIO()
    yaml.dump(data, buf)
    from chitieu.plan import parse_plan

    parse_plan(buf.getvalue(), dest)  # never write a plan that would not load
    dest.write_text(buf.getvalue(), encoding="utf-8")
    return dest


def _period_key(period: str) -> str | int:
    """Year keys stay integers (`2026:`), as the sample plans write them."""
    return int(period) if period.isdigit() else period


__all__ = ["AllocationError", "largest_remainder", "read_weights", "write_targets"]
