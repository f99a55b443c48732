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
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.plan import Plan, parse_plan

CLASSES = ("roles", "totals", "periods", "values")

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
        (_write_xlsx if self.fmt == "xlsx" else _write_docx)(self, path)
        return path


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
# role vocabularies: (header, what the column or row holds)


SHAPES = [
    ["target", "result", "rate"],
    ["target", "result", "compare"],
    ["target", "result"],
    ["previous", "result", "compare"],
    ["result", "previous", "compare"],
    ["in_period", "cumulative"],
    ["total", "male", "female"],
    ["result", "rate"],
    ["target", "result", "rate", "note"],
    ["unlabelled"],
    ["male", "female"],
    ["grouped"],
]


def _period_name(info: dict[str, object], key: str, back: int = 0) -> str:
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


def _header(role: str, info: dict[str, object], key: str, rng: random.Random) -> str:
    p = _period_name(info, key)
    prev = _period_name(info, key, 1)
    cap = p[:1].upper() + p[1:]
    words = {
        "target": [
            "KH",
            "Kế hoạch",
            "Chỉ tiêu giao",
            "Chỉ tiêu được giao",
            f"Kế hoạch {p}",
            f"Chỉ tiêu {p}",
            "KH giao",
        ],
        "result": [
            "TH",
            "Thực hiện",
            "Kết quả",
            "Kết quả thực hiện",
            "Ước thực hiện",
            f"Thực hiện {p}",
            f"Kết quả {p}",
            cap,
            "Ước TH",
            "Đã thực hiện",
        ],
        "rate": [
            "Tỷ lệ (%)",
            "Tỷ lệ %",
            "%",
            "Tỷ lệ đạt",
            "% so với KH",
            "So với kế hoạch (%)",
            "Tỷ lệ hoàn thành",
        ],
        "compare": [
            "So sánh (+/-)",
            "So sánh",
            "Tăng, giảm",
            "Tăng (+), giảm (-)",
            "Chênh lệch",
            "Tăng/giảm so với cùng kỳ",
            "+/-",
        ],
        "previous": [
            "Cùng kỳ",
            "Cùng kỳ năm trước",
            f"Cùng kỳ {prev}",
            prev[:1].upper() + prev[1:],
        ],
        "in_period": ["Trong kỳ", "Phát sinh trong kỳ"]
        + (["Trong tháng"] if info["kind"] == "month" else [])
        + (["Trong quý"] if info["kind"] == "quarters" else []),
        "cumulative": ["Lũy kế", "Lũy kế từ đầu năm", "Lũy kế từ đầu năm đến nay", "Cộng dồn"],
        "total": ["Tổng số", "Tổng", "Tổng cộng"],
        "male": ["Nam"],
        "female": ["Nữ"],
        "note": ["Ghi chú"],
    }[role]
    word = rng.choice(words)
    if role in ("target", "result") and rng.random() < 0.2:  # "Thực hiện (người)", "KH (1)"
        word += rng.choice([" (người)", " (1)", " (2)", " (vụ)"])
    if role == "rate" and rng.random() < 0.3:
        word = word.replace("Tỷ", "Tỉ")
    return word


def _role_value(
    role: str, truth: int, target: int, rng: random.Random, long_plan: bool
) -> str | int:
    if role == "in_period":
        role = "less" if long_plan else "result"
    if role == "cumulative":
        role = "result" if long_plan else "more"
    if role == "total":
        role = "result"
    if role == "note":
        return rng.choice(["", "Đạt", "Vượt chỉ tiêu", ""])
    if role == "result":
        return truth
    if role == "target":
        return target
    if role == "rate":
        return f"{round(truth * 100 / target)}%" if target else "-"
    if role == "previous":
        return rng.randint(0, max(3, truth * 2))
    if role == "compare":
        d = truth - rng.randint(0, max(3, truth * 2))
        return f"+{d}" if d > 0 else str(d)
    if role == "more":
        return truth + rng.randint(1, 9)
    if role == "less":
        return rng.randint(0, truth) if truth else 0
    raise ValueError(role)


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
        _roles(c, rng, info, key, inds, truth, plan)
    elif cls == "totals":
        _totals(c, rng, info, key, inds, truth, plan)
    elif cls == "periods":
        _periods(c, rng, info, key, inds, truth)
    else:
        _values(c, rng, inds, truth)
    return c


def _plain_table(c: Case, rng: random.Random, inds: list, cells: dict[str, str | int]) -> str:
    """One unit's figures, indicators across (one data row) or down (one per row)."""
    if rng.random() < 0.5:
        c.header = [["TT", "Đơn vị", *[i.name for i in inds]]]
        c.rows = [["1", c.plan.unit_by_id[c.unit].full_name, *[cells[i.id] for i in inds]]]
        return "across"
    head = rng.choice(["Kết quả", "Kết quả thực hiện", "Số liệu"])
    c.header = [["TT", "Nội dung", "Đơn vị tính", head]]
    c.rows = [[str(n), i.name, i.measure or "", cells[i.id]] for n, i in enumerate(inds, 1)]
    return "down"


def _fmt(v: int, measure: str | None, rng: random.Random) -> str | int:
    how = rng.random()
    if how < 0.5:
        return v
    if how < 0.75:
        return f"{v:02d}"
    if how < 0.9:
        return f"{v:,}".replace(",", ".")
    return f"{v} {measure}" if measure else v


def _roles(c: Case, rng, info, key, inds, truth, plan) -> None:
    shape = rng.choice(SHAPES)
    long_plan = info["kind"] == "year"
    target = {i.id: int(plan.target(c.unit, i.id, key) or 0) for i in inds}
    how = rng.choice(["columns", "rows", "down", "multi"])
    if shape == ["grouped"]:  # two periods, each with its target and result
        _grouped(c, rng, info, key, inds, truth, target)
        return
    if shape == ["male", "female"] and how == "down":
        how = "columns"  # Nam / Nữ columns under each indicator, no total
    if shape == ["unlabelled"]:
        shape, how = ["target", "result"], "numbered"
        if rng.random() < 0.5:
            shape = ["result", "target"]
    elif rng.random() < 0.3:
        shape = rng.sample(shape, len(shape))
    roles = [(_header(r, info, key, rng), r) for r in shape]
    values: dict[tuple[str, str], str | int] = {}
    for i in inds:
        male = rng.randint(0, truth[i.id])
        for _, role in roles:
            if role == "male":
                values[(i.id, role)] = male
            elif role == "female":
                values[(i.id, role)] = truth[i.id] - male
            elif role in ("result", "total") or (role, long_plan) in (
                ("cumulative", True),
                ("in_period", False),
            ):
                values[(i.id, role)] = _fmt(truth[i.id], i.measure, rng)
            else:
                values[(i.id, role)] = _role_value(role, truth[i.id], target[i.id], rng, long_plan)
    if how == "columns":  # indicator spanning its role sub-columns
        top = ["TT", "Đơn vị"]
        sub = ["^", "^"]
        row: list[str | int] = ["1", plan.unit_by_id[c.unit].full_name]
        for i in inds:
            top += [i.name] + ["<"] * (len(roles) - 1)
            sub += [h for h, _ in roles]
            row += [values[(i.id, r)] for _, r in roles]
        c.header, c.rows = [top, sub], [row]
    elif how == "multi":  # a district's table: one row per ward, role sub-columns
        wards = [u for u in plan.units if u.kind == "phường"]
        top, sub = ["TT", "Đơn vị"], ["^", "^"]
        for i in inds:
            top += [i.name] + ["<"] * (len(roles) - 1)
            sub += [h for h, _ in roles]
        c.header, c.rows, c.expect = [top, sub], [], {}
        for n, w in enumerate(wards, 1):
            row = [str(n), w.name]
            for i in inds:
                t = rng.randint(0, 2 * int(plan.target(w.id, i.id, key) or 3))
                tgt = int(plan.target(w.id, i.id, key) or 0)
                male = rng.randint(0, t)
                for _, role in roles:
                    if role == "male":
                        row.append(male)
                    elif role == "female":
                        row.append(t - male)
                    elif role in ("result", "total") or (role, long_plan) in (
                        ("cumulative", True),
                        ("in_period", False),
                    ):
                        row.append(_fmt(t, i.measure, rng))
                    else:
                        row.append(_role_value(role, t, tgt, rng, long_plan))
                c.expect[(w.id, i.id)] = Expect(t)
            c.rows.append(row)
        c.lines[1] = "UBND QUẬN CẦU GIẤY"
        c.lines.pop(0)
        c.unit = "quan"
        c.variant = f"multi:{'/'.join(h for h, _ in roles)}"
        return
    elif how == "rows":  # indicators across, one row per role
        c.header = [["TT", "Nội dung", *[i.name for i in inds]]]
        c.rows = []
        for n, (h, r) in enumerate(roles, 1):
            label = f"- {h}" if r in ("male", "female") and rng.random() < 0.5 else h
            c.rows.append([str(n), label, *[values[(i.id, r)] for i in inds]])
    elif how == "down":  # indicators down, one column per role
        c.header = [["TT", "Nội dung", *[h for h, _ in roles]]]
        c.rows = [
            [str(n), i.name, *[values[(i.id, r)] for _, r in roles]] for n, i in enumerate(inds, 1)
        ]
    else:  # indicators down, two sub-columns that only their numbers tell apart
        c.header = [
            ["TT", "Nội dung", rng.choice(["Số liệu", "Kết quả"]), "<"],
            ["^", "^", "(1)", "(2)"],
        ]
        c.rows = [
            [str(n), i.name, *[values[(i.id, r)] for _, r in roles]] for n, i in enumerate(inds, 1)
        ]
    c.variant = f"{how}:{'/'.join(h for h, _ in roles)}"
    c.expect = {(c.unit, i.id): Expect(truth[i.id]) for i in inds}


def _grouped(c: Case, rng, info, key, inds, truth, target) -> None:
    now = _period_name(info, key)
    before = _period_name(info, key, rng.randint(1, 2))
    now, before = now[:1].upper() + now[1:], before[:1].upper() + before[1:]
    kh, th = rng.choice([("KH", "TH"), ("Kế hoạch", "Thực hiện"), ("Chỉ tiêu", "Kết quả")])
    groups = [before, now] if rng.random() < 0.7 else [now, before]
    c.header = [
        ["TT", "Nội dung", groups[0], "<", groups[1], "<", "So sánh (+/-)"],
        ["^", "^", kh, th, kh, th, "^"],
    ]
    c.rows = []
    for n, i in enumerate(inds, 1):
        old = (rng.randint(0, 9), rng.randint(0, 9))
        new = (target[i.id], truth[i.id])
        a, b = (old, new) if groups[0] == before else (new, old)
        c.rows.append([str(n), i.name, *a, *b, new[1] - old[1]])
    c.variant = f"grouped:{'/'.join(groups)}:{kh}/{th}"
    c.expect = {(c.unit, i.id): Expect(truth[i.id]) for i in inds}


def _totals(c: Case, rng, info, key, inds, truth, plan) -> None:
    how = rng.choice(["group", "subrows", "multi", "rows"])
    wrong = {i.id for i in inds if rng.random() < 0.4}
    if how == "multi":  # a consolidated table of wards with a total row
        wards = [u for u in plan.units if u.kind == "phường"]
        table = {(u.id, i.id): rng.randint(0, 9) for u in wards for i in inds}
        totals = {i.id: sum(table[(u.id, i.id)] for u in wards) for i in inds}
        for w in wrong:
            totals[w] += rng.choice([-2, -1, 1, 3])
        c.header = [["TT", "Đơn vị", *[i.name for i in inds]]]
        total_row: list[str | int] = ["", "Tổng cộng", *[totals[i.id] for i in inds]]
        body: list[list[str | int]] = [
            [str(n), u.name, *[table[(u.id, i.id)] for i in inds]] for n, u in enumerate(wards, 1)
        ]
        if rng.random() < 0.5:
            c.rows = [total_row, ["", "Trong đó:", *[""] * len(inds)], *body]
        else:
            c.rows = [*body, total_row]
        c.lines[1] = "UBND QUẬN CẦU GIẤY"
        c.lines.pop(0)
        c.unit = "quan"
        c.expect = {
            (u.id, i.id): Expect(table[(u.id, i.id)], flag=i.id in wrong)
            for u in wards
            for i in inds
        }
    else:
        split = {i.id: rng.randint(0, truth[i.id]) for i in inds}
        total = {i.id: truth[i.id] + (rng.choice([1, 2, 3]) if i.id in wrong else 0) for i in inds}
        wrong = {i.id for i in inds if total[i.id] != truth[i.id]}
        if how == "rows":  # indicators across, a total row over its parts
            c.header = [["TT", "Nội dung", *[i.name for i in inds]]]
            c.rows = [
                ["1", rng.choice(["Tổng số", "Tổng cộng"]), *[total[i.id] for i in inds]],
                ["", rng.choice(["- Nam", "Trong đó: Nam", "Nam"]), *[split[i.id] for i in inds]],
                ["", rng.choice(["- Nữ", "Nữ"]), *[truth[i.id] - split[i.id] for i in inds]],
            ]
        elif how == "group":
            top, sub = ["TT", "Đơn vị"], ["^", "^"]
            row: list[str | int] = ["1", plan.unit_by_id[c.unit].full_name]
            for i in inds:
                top += [i.name, "<", "<"]
                sub += ["Tổng số", "Nam", "Nữ"]
                row += [total[i.id], split[i.id], truth[i.id] - split[i.id]]
            c.header, c.rows = [top, sub], [row]
        else:  # indicators down, "Trong đó" sub-rows
            c.header = [["TT", "Nội dung", rng.choice(["Kết quả", "Số lượng", "Thực hiện"])]]
            c.rows = []
            for n, i in enumerate(inds, 1):
                c.rows.append([str(n), i.name, total[i.id]])
                if rng.random() < 0.5:
                    c.rows.append(["", "Trong đó:", ""])
                    c.rows.append(["", "- Nam", split[i.id]])
                else:
                    c.rows.append(["", "Trong đó: - Nam", split[i.id]])
                c.rows.append(["", "- Nữ", truth[i.id] - split[i.id]])
        c.expect = {(c.unit, i.id): Expect(total[i.id], flag=i.id in wrong) for i in inds}
    if wrong:
        c.problems.add("total_mismatch")
    c.variant = f"{how}:{'mismatch' if wrong else 'ok'}"


def _periods(c: Case, rng, info, key, inds, truth) -> None:
    year, kind = int(info["year"]), info["kind"]
    choice = rng.choice(
        ["right", "other_year", "other_month", "no_year", "partial", "header", "header_right"]
    )
    if choice == "partial" and kind != "year":
        choice = "right"
    if kind == "month":
        month = int(key.split("-")[1])
        other = rng.choice([m for m in range(1, 13) if abs(m - month) > 1])
        said = {
            "right": f"THÁNG {month} NĂM {year}",
            "header_right": "",
            "header": "",
            "other_year": f"THÁNG {month} NĂM {year - rng.randint(1, 3)}",
            "other_month": f"tháng {other}/{year}",
            "no_year": f"THÁNG {other}",
        }[choice]
    elif kind == "year":
        said = {
            "partial": rng.choice(
                [f"6 tháng đầu năm {year}", f"9 THÁNG NĂM {year}", f"QUÝ I/{year}"]
            ),
            "right": f"NĂM {year}",
            "header_right": "",
            "other_year": f"NĂM {year - rng.randint(1, 3)}",
            "other_month": f"6 tháng đầu năm {year - 1}",
            "no_year": f"NĂM {year + 1}",
            "header": "",
        }[choice]
    else:
        q = int(key.split("Q")[1])
        said = {
            "right": f"QUÝ {ROMAN[q]} NĂM {year}",
            "header_right": "",
            "header": "",
            "other_year": f"QUÝ {ROMAN[q]} NĂM {year - rng.randint(1, 3)}",
            "other_month": f"quý {ROMAN[q]}/{year + 1}",
            "no_year": f"NĂM {year - 1}",
        }[choice]
    c.lines[-1] = f"Kết quả công tác phòng, chống ma túy {said}"
    wrong = choice not in ("right", "header_right")
    c.variant = f"{kind}:{choice}"
    _plain_table(c, rng, inds, dict(truth))
    if choice in ("header", "header_right"):  # no period in the title; the column names one
        back = 0 if choice == "header_right" else rng.randint(1, 3)
        label = f"Thực hiện {_period_name(info, key, back)}"
        if c.header[0][1] == "Nội dung":
            c.header[0][-1] = label
        else:
            c.header = [
                ["TT", "Đơn vị", *[i.name for i in inds]],
                ["^", "^", *[label] * len(inds)],
            ]
    c.expect = {(c.unit, i.id): Expect(truth[i.id], flag=wrong) for i in inds}
    if wrong:
        c.problems.add("wrong_period")
        if kind == "quarters":
            c.period = None  # any plan period, flagged
    # a multi-period plan: the named period is the record's


def _values(c: Case, rng, inds, truth) -> None:
    cells: dict[str, str | int] = {}
    kinds = []
    legend: dict[str, tuple[bool, str]] = {}  # symbol -> (means zero, legend line)
    for i in inds:
        v = truth[i.id]
        how = rng.choice(
            [
                "plain",
                "padded",
                "thousands",
                "measure",
                "other_measure",
                "words",
                "negative",
                "arabic",
                "legend_zero",
                "legend_none",
                "huge",
                "dash",
            ]
        )
        exp = Expect(v)
        if how == "plain":
            cells[i.id] = v
        elif how == "padded":
            cells[i.id] = f"{v:02d}"
        elif how == "thousands":  # only where thousands are plausible (lượt: tens of thousands)
            if v >= 1000:
                cells[i.id] = f"{v:,}".replace(",", ".")
            else:
                cells[i.id] = v
        elif how == "measure":
            cells[i.id] = f"{v:,}".replace(",", ".") + f" {i.measure}"
        elif how == "other_measure":
            other = rng.choice([m for m in ("buổi", "lượt", "vụ", "người", "hộ") if m != i.measure])
            if {other, i.measure} <= {"người", "lượt"}:
                other = "hộ"
            cells[i.id] = f"{v} {other}"
            exp = Expect(v, flag=True)
        elif how == "words":
            cells[i.id] = f"{v} ({words(v)})"
        elif how == "negative":
            v = -rng.randint(1, 9)
            cells[i.id] = str(v)
            exp = Expect(v, flag=True)
        elif how == "arabic":
            cells[i.id] = "".join(ARABIC_INDIC[int(d)] for d in str(v))
            exp = Expect(v, flag=True)
        elif how in ("legend_zero", "legend_none"):
            sym = rng.choice(["-", "—", "x"])
            norm = "-" if sym == "—" else sym
            if norm not in legend:
                zero = how == "legend_zero"
                line = rng.choice(
                    [
                        f"Ghi chú: ({sym}) là không phát sinh",
                        f"Dấu “{sym}”: không có số liệu phát sinh",
                        f'Ký hiệu "{sym}" = 0',
                    ]
                    if zero
                    else [
                        f"Ghi chú: ({sym}) là không giao chỉ tiêu",
                        f"Dấu “{sym}”: đơn vị không được giao chỉ tiêu",
                        f'"{sym}": không giao chỉ tiêu',
                    ]
                )
                legend[norm] = (zero, line)
            cells[i.id] = sym
            exp = Expect(0) if legend[norm][0] else Expect(None)
        elif how == "huge":
            v = rng.randint(10**8, 10**12)
            cells[i.id] = v
            exp = Expect(v, flag=True)
        else:  # a bare dash without legend: nothing happened
            cells[i.id] = "-"
            exp = Expect(0)
        c.expect[(c.unit, i.id)] = exp
        kinds.append(how)
    # a bare dash means what the legend says of dashes, if it says anything
    for i in inds:
        if cells[i.id] == "-" and "-" in legend:
            c.expect[(c.unit, i.id)] = Expect(0) if legend["-"][0] else Expect(None)
    c.notes = [line for _, line in legend.values()]
    c.variant = "+".join(sorted(set(kinds)))
    _plain_table(c, rng, inds, cells)


# --------------------------------------------------------------------------------------
# writers


def _merges(header: list[list[str]]) -> list[tuple[int, int, int, int]]:
    out = []
    for r, row in enumerate(header):
        for c, t in enumerate(row):
            if t in ("<", "^"):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == "<":
                c1 += 1
            r1 = r
            while r1 + 1 < len(header) and header[r1 + 1][c] == "^":
                r1 += 1
            if (r1, c1) != (r, c):
                out.append((r, c, r1, c1))
    return out


def _write_xlsx(c: Case, path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    r = 1
    for line in c.lines:
        ws.cell(r, 1, line)
        r += 1
    r += 1
    top = r
    for hrow in c.header:
        for col, t in enumerate(hrow, 1):
            if t not in ("<", "^"):
                ws.cell(r, col, t)
        r += 1
    for r0, c0, r1, c1 in _merges(c.header):
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for row in c.rows:
        for col, v in enumerate(row, 1):
            if v != "":
                ws.cell(r, col, v)
        r += 1
    r += 1
    for line in c.notes:
        ws.cell(r, 1, line)
        r += 1
    wb.save(path)


def _write_docx(c: Case, path: Path) -> None:
    from docx import Document

    doc = Document()
    for line in c.lines:
        doc.add_paragraph(line)
    n_cols = len(c.header[0])
    t = doc.add_table(rows=len(c.header) + len(c.rows), cols=n_cols)
    t.style = "Table Grid"
    for r, hrow in enumerate(c.header):
        for col, text in enumerate(hrow):
            if text not in ("<", "^"):
                t.cell(r, col).text = text
    for r0, c0, r1, c1 in _merges(c.header):
        t.cell(r0, c0).merge(t.cell(r1, c1))
    for r, row in enumerate(c.rows, len(c.header)):
        for col, v in enumerate(row):
            t.cell(r, col).text = str(v)
    for line in c.notes:
        doc.add_paragraph(line)
    doc.save(path)


# --------------------------------------------------------------------------------------
# scoring


@dataclass
class Tally:
    expected: int = 0
    exact: int = 0
    flagged_wrong: int = 0
    silent: int = 0
    missing: int = 0
    spurious: int = 0
    extra_flags: int = 0
    problems_missed: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k in (
            "expected",
            "exact",
            "flagged_wrong",
            "silent",
            "missing",
            "spurious",
            "extra_flags",
            "problems_missed",
        ):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.details += other.details


def score(c: Case, got) -> Tally:  # got: chitieu.record.Extraction
    t = Tally()
    have = {(r.unit, r.indicator): r for r in got.records}
    name = f"seed {c.seed} {c.cls} {c.fmt} {c.variant}"
    for key, exp in c.expect.items():
        rec = have.pop(key, None)
        if exp.value is None:
            if rec is not None and not rec.needs_review:
                t.spurious += 1
                t.silent += 1
                t.details.append(f"{name}: SILENT {key}={rec.value}, want no record")
            continue
        t.expected += 1
        if rec is None:
            t.missing += 1
            t.details.append(f"{name}: missing {key}")
            continue
        right_period = c.period is None or rec.period == c.period
        if rec.value == exp.value and right_period and (rec.needs_review or not exp.flag):
            t.exact += 1
            if rec.needs_review and not exp.flag:
                t.extra_flags += 1
                t.details.append(f"{name}: unneeded review {key}: {rec.note}")
        elif rec.needs_review:
            t.flagged_wrong += 1
            t.details.append(f"{name}: flagged wrong {key}={rec.value} want {exp.value}")
        else:
            t.silent += 1
            t.details.append(
                f"{name}: SILENT {key}={rec.value} ({rec.period}) want {exp.value} "
                f"({c.period}) flag={exp.flag}"
            )
    for key, rec in have.items():
        t.spurious += 1
        if not rec.needs_review:
            t.silent += 1
            t.details.append(f"{name}: SILENT spurious {key}={rec.value}")
    codes = {p.code for p in got.problems}
    for code in c.problems - codes:
        t.problems_missed += 1
        t.details.append(f"{name}: problem {code} not reported")
    return t


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
