"""The corpus's plans: four kinds of plan with different units, written as plan YAMLs.

Each plan is a closed list of units whose names trap a careless matcher: agencies of a
province (Sở Y tế, Công an tỉnh, a Phòng abbreviated "CSĐTTP"), numbered phường whose
names contain each other (Phường 1 / Phường 11), xã and phường directly under a province
after 2025, and a district whose named phường contain each other (Dịch Vọng / Dịch Vọng
Hậu). Every plan passes `chitieu plan check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chitieu.plan import Plan, load_plan


@dataclass(frozen=True)
class UnitSpec:
    id: str
    name: str  # as the plan writes it
    kind: str  # phường, xã, đơn vị, quận...
    long: str | None = None  # the name written out in full when the plan abbreviates it
    short: str | None = None  # an abbreviation a writer uses ("CA tỉnh")
    council: bool = True  # has an Ủy ban nhân dân (a phường, xã) vs an agency


@dataclass(frozen=True)
class IndSpec:
    id: str
    name: str
    measure: str
    parent: str | None = None
    group: str | None = None
    aliases: tuple[str, ...] = ()
    big: bool = False  # counts in thousands (lượt người)


@dataclass
class PlanSpec:
    key: str
    place: str  # địa danh
    issuer: str  # ỦY BAN NHÂN DÂN ...
    parent_line: str  # the issuer as a letterhead's parent line ("UBND QUẬN CẦU GIẤY")
    period: dict[str, Any]
    period_kind: str  # month, quarter, year
    units: list[UnitSpec]
    indicators: list[IndSpec]
    top: UnitSpec | None = None  # the issuing unit itself when it is a plan unit
    not_plan_bodies: list[str] = field(default_factory=list)  # senders of consolidations
    foreign: list[str] = field(default_factory=list)  # units of elsewhere, not in the plan

    @property
    def year(self) -> int:
        return int(str(self.period["start"])[:4])

    @property
    def month(self) -> int:
        return int(str(self.period["end"])[5:7])


_CAI = "Cai nghiện ma túy"


def _ind_drug(big: bool = True) -> list[IndSpec]:
    inds = [
        IndSpec("bat_giu", "Số vụ phạm tội về ma túy bị phát hiện, bắt giữ", "vụ"),
        IndSpec("doi_tuong", "Số đối tượng phạm tội về ma túy bị bắt giữ", "đối tượng"),
        IndSpec(
            "cai_nghien",
            "Tổng số người được cai nghiện ma túy",
            "người",
            aliases=("Cai nghiện ma túy - Tổng số", "Số người được cai nghiện"),
        ),
        IndSpec("cntn", "Cai nghiện tự nguyện", "người", parent="cai_nghien", group=_CAI),
        IndSpec("cnbb", "Cai nghiện bắt buộc", "người", parent="cai_nghien", group=_CAI),
        IndSpec("tuyen_truyen", "Số buổi tuyên truyền phòng, chống ma túy", "buổi"),
    ]
    if big:
        inds.append(IndSpec("luot_nguoi", "Số lượt người được tuyên truyền", "lượt", big=True))
    return inds


def _province() -> PlanSpec:
    u = [
        UnitSpec("so-y-te", "Sở Y tế", "đơn vị", council=False),
        UnitSpec("cong-an-tinh", "Công an tỉnh", "đơn vị", short="CA tỉnh", council=False),
        UnitSpec(
            "so-ldtbxh",
            "Sở Lao động - Thương binh và Xã hội",
            "đơn vị",
            short="Sở LĐ-TB&XH",
            council=False,
        ),
        UnitSpec("so-gddt", "Sở Giáo dục và Đào tạo", "đơn vị", short="Sở GD&ĐT", council=False),
        UnitSpec(
            "so-vhttdl",
            "Sở Văn hóa, Thể thao và Du lịch",
            "đơn vị",
            short="Sở VHTTDL",
            council=False,
        ),
        UnitSpec("tinh-doan", "Tỉnh Đoàn", "đơn vị", council=False),
        UnitSpec(
            "phong-csdt-ma-tuy",
            "Phòng CSĐTTP về ma túy",
            "đơn vị",
            long="Phòng Cảnh sát điều tra tội phạm về ma túy",
            council=False,
        ),
    ]
    return PlanSpec(
        key="tinh-binh-son",
        place="Bình Sơn",
        issuer="ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN",
        parent_line="UBND TỈNH BÌNH SƠN",
        period={"start": "2022-01-01", "end": "2022-12-31"},
        period_kind="year",
        units=u,
        indicators=_ind_drug(),
        not_plan_bodies=[
            "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM TỈNH BÌNH SƠN",
            "VĂN PHÒNG UBND TỈNH BÌNH SƠN",
        ],
        foreign=["Sở Tư pháp", "Sở Nội vụ"],
    )


def _numbered() -> PlanSpec:
    u = [UnitSpec(f"phuong-{i}", f"Phường {i}", "phường") for i in range(1, 13)]
    u += [
        UnitSpec("thang-nhat", "Thắng Nhất", "phường"),
        UnitSpec("thang-nhi", "Thắng Nhì", "phường"),
        UnitSpec("nguyen-an-ninh", "Nguyễn An Ninh", "phường"),
        UnitSpec("rach-dua", "Rạch Dừa", "phường"),
        UnitSpec("long-son", "Long Sơn", "xã"),
    ]
    top = UnitSpec("hai-dong", "Hải Đông", "thành phố")
    return PlanSpec(
        key="tp-hai-dong",
        place="Hải Đông",
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI ĐÔNG",
        parent_line="UBND THÀNH PHỐ HẢI ĐÔNG",
        period={"start": "2021-06-01", "end": "2021-06-30"},
        period_kind="month",
        units=u,
        indicators=_ind_drug(),
        top=top,
        not_plan_bodies=[
            "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            "BAN CHỈ ĐẠO 138 THÀNH PHỐ HẢI ĐÔNG",
        ],
        foreign=["Phường 13", "Thắng Ba", "Phước Thắng"],
    )


def _after_2025() -> PlanSpec:
    u = [
        UnitSpec("soc-son", "Sóc Sơn", "xã"),
        UnitSpec("da-phuc", "Đa Phúc", "xã"),
        UnitSpec("kim-anh", "Kim Anh", "xã"),
        UnitSpec("trung-gia", "Trung Giã", "xã"),
        UnitSpec("phuc-tho", "Phúc Thọ", "xã"),
        UnitSpec("phuc-thinh", "Phúc Thịnh", "xã"),
        UnitSpec("ngoc-ha", "Ngọc Hà", "phường"),
        UnitSpec("ba-dinh", "Ba Đình", "phường"),
        UnitSpec("ha-dong", "Hà Đông", "phường"),
        UnitSpec("duong-noi", "Dương Nội", "phường"),
        UnitSpec("tay-ho", "Tây Hồ", "phường"),
        UnitSpec("long-bien", "Long Biên", "phường"),
    ]
    return PlanSpec(
        key="ha-thanh-2026",
        place="Hà Thành",
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ THÀNH",
        parent_line="UBND THÀNH PHỐ HÀ THÀNH",
        period={"start": "2026-01-01", "end": "2026-12-31"},
        period_kind="year",
        units=u,
        indicators=_ind_drug(),
        not_plan_bodies=["SỞ Y TẾ THÀNH PHỐ HÀ THÀNH", "CÔNG AN THÀNH PHỐ HÀ THÀNH"],
        foreign=["Đông Anh", "Phúc Lợi", "Kim Liên"],
    )


def _district() -> PlanSpec:
    u = [
        UnitSpec("dich-vong", "Dịch Vọng", "phường"),
        UnitSpec("dich-vong-hau", "Dịch Vọng Hậu", "phường"),
        UnitSpec("quan-hoa", "Quan Hoa", "phường"),
        UnitSpec("nghia-do", "Nghĩa Đô", "phường"),
        UnitSpec("nghia-tan", "Nghĩa Tân", "phường"),
        UnitSpec("mai-dich", "Mai Dịch", "phường"),
        UnitSpec("yen-hoa", "Yên Hòa", "phường"),
        UnitSpec("trung-hoa", "Trung Hòa", "phường"),
        UnitSpec(
            "doi-csdt-ma-tuy",
            "Đội Cảnh sát điều tra tội phạm về ma túy",
            "đơn vị",
            short="Đội CSĐTTP về Ma Túy",
            council=False,
        ),
    ]
    top = UnitSpec("cau-giay", "Cầu Giấy", "quận")
    return PlanSpec(
        key="q-cau-giay-q2",
        place="Cầu Giấy",
        issuer="ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY",
        parent_line="UBND QUẬN CẦU GIẤY",
        period={"start": "2023-04-01", "end": "2023-06-30"},
        period_kind="quarter",
        units=u,
        indicators=_ind_drug(big=True),
        top=top,
        not_plan_bodies=["PHÒNG VĂN HÓA VÀ THÔNG TIN QUẬN CẦU GIẤY", "CÔNG AN QUẬN CẦU GIẤY"],
        foreign=["Láng Thượng", "Xuân La", "Dịch Vọng Tây"],
    )


PLANS: dict[str, PlanSpec] = {
    p.key: p for p in (_province(), _numbered(), _after_2025(), _district())
}


def targets(spec: PlanSpec) -> dict[str, dict[str, int]]:
    """Deterministic targets; some units have none for some indicators (an "—" cell)."""
    out: dict[str, dict[str, int]] = {}
    for i, unit in enumerate(spec.units):
        row: dict[str, int] = {}
        for j, ind in enumerate(spec.indicators):
            if (i + 2 * j) % 7 == 3 and ind.parent is None:
                continue  # not assigned
            base = 500 + 97 * ((i * 7 + j * 3) % 11) if ind.big else 1 + (i * 3 + j * 5) % 9
            row[ind.id] = base
        if row.get("cntn") is not None and row.get("cnbb") is not None:
            row["cai_nghien"] = row["cntn"] + row["cnbb"]
        out[unit.id] = row
    return out


def plan_yaml(spec: PlanSpec) -> dict[str, Any]:
    units: list[dict[str, Any]] = []
    if spec.top is not None:
        units.append({"id": spec.top.id, "name": spec.top.name, "kind": spec.top.kind})
    for u in spec.units:
        d: dict[str, Any] = {"id": u.id, "name": u.name, "kind": u.kind}
        if spec.top is not None:
            d["parent"] = spec.top.id
        if u.id == "phong-csdt-ma-tuy":
            d["parent"] = "cong-an-tinh"
        units.append(d)
    inds: list[dict[str, Any]] = []
    for ind in spec.indicators:
        d = {"id": ind.id, "name": ind.name, "measure": ind.measure}
        if ind.group:
            d["group"] = ind.group
        if ind.parent:
            d["parent"] = ind.parent
        if ind.aliases:
            d["aliases"] = list(ind.aliases)
        inds.append(d)
    return {
        "document": {
            "number": "125/KH-UBND",
            "date": str(spec.period["start"]),
            "place": spec.place,
            "issuer": spec.issuer,
            "parent": None,
            "title": "Triển khai công tác phòng, chống ma túy",
        },
        "period": spec.period,
        "report_deadline": _deadline(spec),
        "units": units,
        "indicators": inds,
        "targets": targets(spec),
    }


def _deadline(spec: PlanSpec) -> str:
    y, m = int(str(spec.period["end"])[:4]), int(str(spec.period["end"])[5:7])
    return f"{y + 1}-01-10" if m == 12 else f"{y}-{m + 1:02d}-05"


def write_plans(out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for key, spec in PLANS.items():
        path = out_dir / f"{key}.yaml"
        text = yaml.safe_dump(plan_yaml(spec), allow_unicode=True, sort_keys=False, width=200)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
        paths[key] = path
    return paths


def load_plans(out_dir: Path) -> dict[str, Plan]:
    return {k: load_plan(p) for k, p in write_plans(out_dir).items()}
