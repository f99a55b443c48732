"""A grammar of plans: seeded random plan files of every shape the seeds show and beyond.

1–5 yearly periods, or a reporting series (Nghị định 09 or calendar cut-offs: 6 months and
year, quarters and year) over the same years with the quotas on the years, 3–25 indicators (counts, rates over two counts, "trong đó" groups), 3–40
units of mixed kinds (numbered wards "Phường 7", named phường/xã, provincial agencies with
long names), issuers from quận to tỉnh with long place names, with or without a signer,
targets constant or changing by year. Used by tests/test_plan_pdfs.py on a seeded slice,
with a held-out half of seeds.
"""

from __future__ import annotations

import json
import random

PLACES = [
    ("QUẬN", "Cầu Giấy"),
    ("QUẬN", "Hai Bà Trưng"),
    ("HUYỆN", "Tu Mơ Rông"),
    ("HUYỆN", "Krông Pắc"),
    ("THÀNH PHỐ", "Vũng Tàu"),
    ("THÀNH PHỐ", "Phan Rang - Tháp Chàm"),
    ("THỊ XÃ", "Sơn Tây"),
    ("TỈNH", "Bà Rịa - Vũng Tàu"),
    ("TỈNH", "Kon Tum"),
    ("THÀNH PHỐ", "Hồ Chí Minh"),
]
WARD_NAMES = [
    "Quan Hoa",
    "Dịch Vọng Hậu",
    "Thắng Nhất",
    "Nguyễn An Ninh",
    "Rạch Dừa",
    "Long Sơn",
    "Tân Phong",
    "Phước Nguyên",
    "Hòa Bình",
    "Ngọc Thụy",
    "Thạnh Lộc",
    "Bình Hưng Hòa",
    "Phú Thượng",
    "Đông Hòa",
    "Ia Chim",
]
AGENCIES = [
    "Công an tỉnh",
    "Sở Lao động - Thương binh và Xã hội",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Đội Cảnh sát điều tra tội phạm về ma túy",
    "Trung tâm Văn hóa, Thông tin và Thể thao",
    "Ban Chỉ huy Quân sự thành phố",
    "Phòng Giáo dục và Đào tạo",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
    "Cục Hải quan Gia Lai - Kon Tum",
    "Liên đoàn Lao động tỉnh",
]
SUBJECTS = [
    "người nghiện ma túy",
    "người sử dụng trái phép chất ma túy",
    "người sau cai nghiện",
    "đối tượng có nguy cơ cao",
    "hộ gia đình",
    "học sinh, sinh viên",
    "cán bộ, công chức",
]
ACTIONS = [
    ("Lập hồ sơ đưa", "vào cơ sở cai nghiện bắt buộc", "người"),
    ("Vận động", "cai nghiện tự nguyện tại gia đình, cộng đồng", "người"),
    ("Phát hiện, bắt giữ vụ án liên quan đến", "trên địa bàn", "vụ"),
    ("Tổ chức tuyên truyền cho", "về tác hại của ma túy", "buổi"),
    ("Quản lý, hỗ trợ", "tại nơi cư trú", "người"),
    ("Tư vấn, điều trị cho", "bằng thuốc thay thế", "người"),
]
MEASURES = ["người", "vụ", "buổi", "hồ sơ", "điểm", "lượt"]


def _indicator_name(rng: random.Random, long: bool, used: set[str]) -> tuple[str, str]:
    """A name no other indicator of the plan has (two alike would be one column twice)."""
    while True:
        verb, tail, measure = rng.choice(ACTIONS)
        name = f"{verb} {rng.choice(SUBJECTS)} {tail}"
        if long:
            name += f", trong đó ưu tiên {rng.choice(SUBJECTS)} và {rng.choice(SUBJECTS)}"
        if name not in used:
            used.add(name)
            return name[:1].upper() + name[1:], measure


def random_plan(seed: int, *, large: bool = False) -> dict:
    """One plan (as the dict a plan.yaml holds), reproducible from `seed`. `large`: 2–5
    years, 30–40 units and 20–25 indicators (the consolidated report's hard cases)."""
    rng = random.Random(seed)
    years = rng.randint(2 if large else 1, 5)
    first_year = rng.randint(2021, 2027)
    kind, place = rng.choice(PLACES)
    issuer = f"ỦY BAN NHÂN DÂN {kind} {place.upper()}"
    doc: dict = {
        "number": f"{rng.randint(1, 999)}/KH-UBND",
        "date": f"{first_year - 1}-12-{rng.randint(10, 28)}",
        "place": place,
        "issuer": issuer,
        "title": "Thực hiện công tác phòng, chống ma túy "
        + (
            f"năm {first_year}"
            if years == 1
            else f"giai đoạn {first_year} - {first_year + years - 1}"
        )
        + f" trên địa bàn {kind.lower()} {place}",
        "recipients": ["Thường trực cấp ủy", "Các cơ quan, đơn vị liên quan"],
        "archive": "Lưu: VT.",
    }
    if rng.random() < 0.5:
        doc["signer"] = {
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "delegation": "KT. CHỦ TỊCH",
            "title": "PHÓ CHỦ TỊCH",
            "name": rng.choice(["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Long"]),
        }
    periods: list[dict] | dict = [
        {
            "start": f"{y}-01-01",
            "end": f"{y}-12-31",
            "report_deadline": f"{y + 1}-01-{rng.randint(5, 20):02d}",
        }
        for y in range(first_year, first_year + years)
    ]
    # A second stream, so that adding this choice left every other draw of a seed as it was.
    shape = random.Random(seed * 7919 + 17)
    if shape.random() < 0.4:
        # 6-month and yearly reports (seed 002), or quarters: periods with no quota of
        # their own, the quotas being on the years
        kinds = shape.choice(
            [["half-year", "year"], ["quarter", "year"], ["half-year", "nine-months", "year"]]
        )
        periods = {
            "scheme": shape.choice(["nd09", "calendar"]),
            "kind": kinds,
            "years": list(range(first_year, first_year + years)),
            "report_deadline": 10,
        }
    n_units = rng.randint(30 if large else 3, 40)
    units = [{"id": "top", "name": place, "kind": kind.lower()}]
    numbers = iter(rng.sample(range(1, 60), 40))
    names = iter(rng.sample(WARD_NAMES, len(WARD_NAMES)))
    agencies = iter(rng.sample(AGENCIES, len(AGENCIES)))
    for n in range(n_units):
        roll = rng.random()
        if roll < 0.4:
            units.append({"id": f"u{n}", "name": f"Phường {next(numbers)}", "kind": "phường"})
            continue
        name = next(names, None) if roll < 0.75 else None
        if name is not None:
            units.append({"id": f"u{n}", "name": name, "kind": rng.choice(["phường", "xã"])})
            continue
        agency = next(agencies, None)
        if agency is None:
            units.append({"id": f"u{n}", "name": f"Phường {next(numbers)}", "kind": "phường"})
        else:
            units.append({"id": f"u{n}", "name": agency, "kind": "cơ quan"})
    for u in units[1:]:
        u["parent"] = "top"
    n_ind = rng.randint(20 if large else 3, 25)
    indicators: list[dict] = []
    targets: dict[str, dict] = {u["id"]: {} for u in units[1:]}
    keys = [str(y) for y in range(first_year, first_year + years)]
    k = 0
    used: set[str] = set()
    while len(indicators) < n_ind:
        long = rng.random() < 0.3
        if rng.random() < 0.3 and len(indicators) + 3 <= n_ind:
            a, b = f"c{k}", f"d{k}"
            na, ma = _indicator_name(rng, long, used)
            indicators.append({"id": a, "name": na, "measure": ma})
            indicators.append({"id": b, "name": f"{na} (tổng số đối tượng)", "measure": ma})
            indicators.append(
                {
                    "id": f"r{k}",
                    "name": f"Tỷ lệ {na[:1].lower() + na[1:]}",
                    "kind": "rate",
                    "numerator": a,
                    "denominator": b,
                }
            )
            rate = rng.choice([50, 70, 80, 90, 100])
            for u in units[1:]:
                if rng.random() < 0.8:
                    targets[u["id"]][f"r{k}"] = rate
        else:
            name, measure = _indicator_name(rng, long, used)
            ind = {"id": f"i{k}", "name": name, "measure": measure}
            indicators.append(ind)
            varying = years > 1 and rng.random() < 0.6
            for u in units[1:]:
                if rng.random() < 0.25:
                    continue
                base = rng.randint(0, 60)
                if varying:
                    targets[u["id"]][f"i{k}"] = {
                        y: base + rng.randint(0, 5) * j for j, y in enumerate(keys)
                    }
                else:
                    targets[u["id"]][f"i{k}"] = base
        k += 1
    targets = {u: t for u, t in targets.items() if t}
    return {
        "document": doc,
        "periods": periods,
        "units": units,
        "indicators": indicators,
        "targets": targets,
        "assignments": [
            {
                "task": "Tổ chức thực hiện và báo cáo kết quả",
                "lead": units[1]["name"],
                "deadline": "Hằng năm",
            }
        ],
    }


def random_plan_yaml(seed: int) -> str:
    """The plan as YAML text (JSON is YAML), so that it goes through `parse_plan`."""
    return json.dumps(random_plan(seed), ensure_ascii=False, indent=1)


__all__ = ["random_plan", "random_plan_yaml"]
