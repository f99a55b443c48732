"""The "totals", "periods" and "values" classes of `grammar_values.py`: totals over their
parts (a group, sub-rows, a consolidated table of wards), periods named in titles and
headers, and how numbers are written (thousands dots, words, other digits).
"""

from __future__ import annotations

import random

from values_case import ARABIC_INDIC, ROMAN, Case, Expect, period_name, words


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


def totals(c: Case, rng, info, key, inds, truth, plan) -> None:
    how = rng.choice(["group", "subrows", "multi", "rows"])
    wrong = {i.id for i in inds if rng.random() < 0.4}
    if how == "multi":  # a consolidated table of wards with a total row
        wards = [u for u in plan.units if u.kind == "phường"]
        table = {(u.id, i.id): rng.randint(0, 9) for u in wards for i in inds}
        totals = {i.id: sum(table[(u.id, i.id)] for u in wards) for i in inds}
        for w in (i.id for i in inds if i.id in wrong):  # in a fixed order: not the set's
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


def periods(c: Case, rng, info, key, inds, truth) -> None:
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
        label = f"Thực hiện {period_name(info, key, back)}"
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


def values(c: Case, rng, inds, truth) -> None:
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
