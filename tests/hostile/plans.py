"""A grammar of plan files: a random hierarchy of units and indicators, written one unit
per line so that a test knows every line without asking the code under test."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

KINDS = ["phường", "xã", "thị trấn", "đơn vị"]
SYLLABLES = ["Quan", "Hoa", "Yên", "Trung", "Mai", "Dịch", "Vọng", "Nghĩa", "Tân", "Đô", "Hà",
             "Long", "Phú", "Thịnh", "An", "Bình", "Thạnh", "Lộc", "Hưng", "Đông", "Tây"]  # fmt: skip
INDICATORS = ["Điều tra khám phá", "Đưa vào quản lý", "Lập hồ sơ cai nghiện", "Tuyên truyền",
              "Kiểm tra cơ sở", "Xét nghiệm"]  # fmt: skip


@dataclass
class PlanText:
    """A plan as lines, with where each unit and indicator sits (1-based lines)."""

    units: list[dict[str, str | None]]
    indicators: list[dict[str, str]]
    targets: dict[str, dict[str, int]]
    title: str = "Triển khai công tác phòng, chống ma túy"
    extra: list[str] = field(default_factory=list)  # lines appended at the end
    unit_line: dict[str, int] = field(default_factory=dict)
    indicator_line: dict[str, int] = field(default_factory=dict)
    target_line: dict[tuple[str, str], int] = field(default_factory=dict)

    def text(self) -> str:
        q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - YAML double quotes
        lines = [
            "document:",
            '  number: "12/KH-UBND"',
            "  date: 2024-01-05",
            '  place: "Hà Nội"',
            '  issuer: "ỦY BAN NHÂN DÂN QUẬN THỬ"',
            f"  title: {q(self.title)}",
            "period: {start: 2024-01-01, end: 2024-01-31}",
            "report_deadline: 2024-02-05",
            "units:",
        ]
        for u in self.units:
            parent = f", parent: {u['parent']}" if u.get("parent") else ""
            lines.append(f"  - {{id: {u['id']}, name: {q(u['name'])}, kind: {u['kind']}{parent}}}")
            self.unit_line[str(u["id"])] = len(lines)
        lines.append("indicators:")
        for ind in self.indicators:
            lines.append(f"  - {{id: {ind['id']}, name: {q(ind['name'])}}}")
            self.indicator_line[ind["id"]] = len(lines)
        lines.append("targets:")
        for unit, per in self.targets.items():
            lines.append(f"  {unit}:")
            for ind_id, v in per.items():
                lines.append(f"    {ind_id}: {v}")
                self.target_line[(unit, ind_id)] = len(lines)
        lines.extend(self.extra)
        return "\n".join(lines) + "\n"


def random_plan(rng: random.Random, n_units: int | None = None) -> PlanText:
    """A district (or two levels below it) with random wards and indicators."""
    n = n_units or rng.randint(4, 25)
    units: list[dict[str, str | None]] = [
        {"id": "quan", "name": "Quận " + rng.choice(SYLLABLES), "kind": "quận", "parent": None}
    ]
    for i in range(n):
        parent = rng.choice([u["id"] for u in units[: max(1, len(units) // 2)]])
        name = " ".join(rng.sample(SYLLABLES, rng.randint(1, 3)))
        units.append({"id": f"u{i}", "name": name, "kind": rng.choice(KINDS), "parent": parent})
    inds = [
        {"id": f"ct_{k}", "name": name}
        for k, name in enumerate(rng.sample(INDICATORS, rng.randint(1, len(INDICATORS))))
    ]
    leaves = {u["id"] for u in units} - {u["parent"] for u in units}
    targets = {str(u): {i["id"]: rng.randint(0, 30) for i in inds} for u in sorted(leaves)}
    return PlanText(units, inds, targets)


def ancestors(plan: PlanText, unit: str) -> list[str]:
    by_id = {u["id"]: u for u in plan.units}
    out: list[str] = []
    current = by_id[unit]["parent"]
    while current is not None:
        out.append(str(current))
        current = by_id[current]["parent"]
    return out
