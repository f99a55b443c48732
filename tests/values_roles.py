"""The "roles" class of `grammar_values.py`: which figure of a row or column is the result,
drawn from role vocabularies (target, result, rate, previous year, cumulative, male and
female, grouped headers), as rows or columns.
"""

from __future__ import annotations

import random

from values_case import Case, Expect, period_name

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


def _header(role: str, info: dict[str, object], key: str, rng: random.Random) -> str:
    p = period_name(info, key)
    prev = period_name(info, key, 1)
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


def _fmt(v: int, measure: str | None, rng: random.Random) -> str | int:
    how = rng.random()
    if how < 0.5:
        return v
    if how < 0.75:
        return f"{v:02d}"
    if how < 0.9:
        return f"{v:,}".replace(",", ".")
    return f"{v} {measure}" if measure else v


def roles(c: Case, rng, info, key, inds, truth, plan) -> None:
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
    now = period_name(info, key)
    before = period_name(info, key, rng.randint(1, 2))
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
