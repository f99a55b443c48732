"""A seeded grammar of returns for the value-reading classes of issue 9: which figure is
the result (role vocabularies as rows or columns, periods, plan targets), totals over
their parts, periods named in titles, and how numbers are written.

`case(seed)` draws one return: a plan (month, year or multi-period; phường of a quận),
a table (orientation × role vocabulary × number format), writes it as a real .xlsx or
.docx and says what a correct reading gives. Even seeds are for tuning, odd seeds are the
held-out half. Nothing here copies a sample: every wording is drawn from the vocabularies
below, every number at random.
"""

from __future__ import annotations

import random
from pathlib import Path

from values_case import ROMAN, Case, words
from values_roles import roles
from values_score import Tally, score
from values_tables import periods, totals, values

from chitieu.plan import Plan, parse_plan

CLASSES = ("roles", "totals", "periods", "values")

__all__ = ["CLASSES", "Case", "case", "run", "score", "words"]

WARDS = [
    "Quan Hoa",
    "Yên Hòa",
    "Trung Hòa",
    "Mai Dịch",
    "Nghĩa Tân",
    "Láng Thượng",
    "Phú Diễn",
    "Thanh Xuân Bắc",
    "Đống Mác",
    "Bạch Đằng",
]
# (id, name, measure, target range)
INDICATORS = [
    ("hinh_su", "Điều tra khám phá vụ án hình sự về ma túy", "vụ", (1, 6)),
    ("cnbb", "Lập hồ sơ đưa người nghiện đi cai nghiện bắt buộc", "người", (1, 12)),
    ("cntn", "Vận động cai nghiện tự nguyện tại cộng đồng", "người", (1, 10)),
    ("buoi_tt", "Tổ chức buổi tuyên truyền phòng, chống ma túy", "buổi", (10, 80)),
    ("luot_tt", "Người dân được tuyên truyền về tác hại của ma túy", "lượt", (2000, 30000)),
    ("ho_so", "Người nghiện ma túy có hồ sơ quản lý", "người", (5, 60)),
    ("tu_diem", "Xóa điểm, tụ điểm phức tạp về ma túy", "điểm", (1, 4)),
]
# --------------------------------------------------------------------------------------
# plans


def _plan(rng: random.Random, kind: str) -> tuple[Plan, dict[str, object]]:
    year = rng.randint(2019, 2027)
    month = rng.randint(1, 12)
    wards = rng.sample(WARDS, rng.randint(3, 6))
    inds = rng.sample(INDICATORS, rng.randint(2, 5))
    if kind == "month":
        last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        period = f"period: {{start: {year}-{month:02d}-01, end: {year}-{month:02d}-{last}}}"
        keys = [f"{year}-{month:02d}"]
    elif kind == "year":
        period = f"period: {{start: {year}-01-01, end: {year}-12-31}}"
        keys = [str(year)]
    else:  # quarters of a year
        qs = []
        keys = []
        for q in range(1, 5):
            end = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[q]
            qs.append(f"  - {{start: {year}-{3 * q - 2:02d}-01, end: {year}-{end}}}")
            keys.append(f"{year}-Q{q}")
        period = "periods:\n" + "\n".join(qs)
    units = ["  - {id: quan, name: 'Cầu Giấy', kind: 'quận'}"] + [
        f"  - {{id: p{i}, name: '{w}', kind: 'phường', parent: quan}}" for i, w in enumerate(wards)
    ]
    indicators = [f"  - {{id: {i}, name: '{n}', measure: '{m}'}}" for i, n, m, _ in inds]
    targets = []
    for u in range(len(wards)):
        per_ind = []
        for i, _, _, (lo, hi) in inds:
            if len(keys) == 1:
                per_ind.append(f"{i}: {rng.randint(lo, hi)}")
            else:
                per_ind.append(
                    f"{i}: {{" + ", ".join(f"'{k}': {rng.randint(lo, hi)}" for k in keys) + "}"
                )
        targets.append(f"  p{u}: {{{', '.join(per_ind)}}}")
    text = "\n".join(
        [
            f"document: {{number: '{rng.randint(10, 300)}/KH-UBND', date: {year}-01-05, "
            "place: 'Cầu Giấy', issuer: 'UBND QUẬN CẦU GIẤY', title: 'Kế hoạch phòng, chống ma túy'}",
            period,
            "units:",
            *units,
            "indicators:",
            *indicators,
            "targets:",
            *targets,
        ]
    )
    plan = parse_plan(text)
    return plan, {"year": year, "month": month, "keys": keys, "kind": kind}


def _period_words(info: dict[str, object], key: str, rng: random.Random) -> str:
    year, kind = info["year"], info["kind"]
    if kind == "month":
        month = int(key.split("-")[1])
        return rng.choice(
            [f"THÁNG {month} NĂM {year}", f"tháng {month}/{year}", f"tháng {month:02d} năm {year}"]
        )
    if kind == "year":
        return rng.choice([f"NĂM {year}", f"năm {year}", f"12 tháng năm {year}"])
    q = int(key.split("Q")[1])
    return rng.choice([f"QUÝ {ROMAN[q]} NĂM {year}", f"quý {q}/{year}", f"Quý {ROMAN[q]}/{year}"])


def _letterhead(ward: str, title_period: str, rng: random.Random) -> list[str]:
    subject = rng.choice(
        [
            "Kết quả công tác phòng, chống ma túy",
            "Kết quả thực hiện chỉ tiêu phòng, chống và kiểm soát ma túy",
            "Kết quả thực hiện Kế hoạch phòng, chống tệ nạn ma túy",
        ]
    )
    return [
        "UBND QUẬN CẦU GIẤY",
        f"UBND PHƯỜNG {ward.upper()}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Cầu Giấy, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2026",
        "BÁO CÁO",
        f"{subject} {title_period}",
    ]


# --------------------------------------------------------------------------------------
# the grammar


def case(seed: int) -> Case:
    rng = random.Random(seed * 7919 + 13)
    cls = rng.choice(CLASSES)
    kind = rng.choice(["month", "year", "quarters"])
    plan, info = _plan(rng, kind)
    keys: list[str] = info["keys"]  # type: ignore[assignment]
    key = rng.choice(keys)
    wards = [u for u in plan.units if u.kind == "phường"]
    unit = rng.choice(wards)
    inds = list(plan.indicators)
    rng.shuffle(inds)
    truth = {i.id: rng.randint(0, 2 * int(plan.target(unit.id, i.id, key) or 3)) for i in inds}
    c = Case(seed, cls, rng.choice(["xlsx", "docx"]), plan, unit.id, "", [], [], [])
    c.period = key
    title_period = _period_words(info, key, rng)
    c.lines = _letterhead(unit.name, title_period, rng)
    if cls == "roles":
        roles(c, rng, info, key, inds, truth, plan)
    elif cls == "totals":
        totals(c, rng, info, key, inds, truth, plan)
    elif cls == "periods":
        periods(c, rng, info, key, inds, truth)
    else:
        values(c, rng, inds, truth)
    return c


def run(seeds: range | list[int], directory: Path) -> dict[str, Tally]:
    """Write and read every case; tallies per class (and "all")."""
    from extract import extract_file

    out: dict[str, Tally] = {}
    for seed in seeds:
        c = case(seed)
        got = extract_file(c.write(directory), c.plan)
        t = score(c, got)
        out.setdefault(c.cls, Tally()).add(t)
        out.setdefault("all", Tally()).add(t)
    return out


if __name__ == "__main__":  # python tests/grammar_values.py even|odd [N] [--details]
    import sys
    import tempfile

    half = sys.argv[1] if len(sys.argv) > 1 else "even"
    n = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 200
    seeds = range(0 if half == "even" else 1, 2 * n, 2)
    with tempfile.TemporaryDirectory() as tmp:
        res = run(seeds, Path(tmp))
    for cls, t in sorted(res.items()):
        pct = 100 * t.exact / t.expected if t.expected else 100.0
        print(
            f"{half:5} {cls:8} expected {t.expected:4} exact {t.exact:4} ({pct:5.1f}%) "
            f"flagged-wrong {t.flagged_wrong:3} silent {t.silent:3} missing {t.missing:3} "
            f"spurious {t.spurious:3} extra-flags {t.extra_flags:3} problems-missed {t.problems_missed:3}"
        )
    if "--details" in sys.argv:
        for d in res["all"].details:
            print(" ", d)
