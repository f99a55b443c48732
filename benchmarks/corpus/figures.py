"""The figures of a return: role vocabularies (which column or row is the result) and
the ways a number is written in a cell."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.corpus.names import in_words
from benchmarks.corpus.plans import IndSpec, PlanSpec

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    phrase: str  # "tháng 6 năm 2021", in the title
    column: str  # "Tháng 6", a column or row label
    date_line_month: int
    year: int


def periods(spec: PlanSpec, other: bool, rng: random.Random) -> Period:
    """The plan's period as a return writes it, or another period (a wrong report)."""
    y, m = spec.year, spec.month
    if spec.period_kind == "month":
        if other:
            m2, y2 = rng.choice([(m + 3, y), (m, y - 2), (m - 1, y)])
            return Period(f"tháng {m2} năm {y2}", f"Tháng {m2}", m2, y2)
        return Period(f"tháng {m} năm {y}", f"Tháng {m}", m, y)
    if spec.period_kind == "quarter":
        q = (m - 1) // 3 + 1
        if other:
            q2, y2 = rng.choice([(q + 1, y), (q, y - 1), (q - 1, y)])
            return Period(f"quý {ROMAN[q2]} năm {y2}", f"Quý {ROMAN[q2]}", q2 * 3, y2)
        return Period(f"quý {ROMAN[q]} năm {y}", f"Quý {ROMAN[q]}", m, y)
    if other:
        y2 = rng.choice([y - 1, y - 3])
        return Period(f"năm {y2}", f"Năm {y2}", 12, y2)
    return Period(f"năm {y}", f"Năm {y}", 12, y)


# A vocabulary: (label, kind). kinds: target, result, rate, prev, change, inperiod,
# cumul, male, female. "{p}" is the period's column label ("Tháng 6"), "{P}" its phrase
# ("quý II năm 2023"), "{Pc}" the phrase capitalised, "{y}"/"{y0}" years.
VOCABULARIES: dict[str, list[tuple[str, str]]] = {
    "plain": [("Kết quả", "result")],
    "plain_so_lieu": [("Số lượng", "result")],
    "kh_th": [("KH", "target"), ("TH", "result")],
    "kehoach_thuchien": [
        ("Kế hoạch {P}", "target"),
        ("Thực hiện {P}", "result"),
        ("Tỷ lệ (%)", "rate"),
    ],
    "chitieu_uoc": [("Chỉ tiêu giao", "target"), ("Ước thực hiện", "result")],
    "trongky_luyke": [("Trong kỳ", "inperiod"), ("Lũy kế từ đầu năm", "cumul")],
    "ky_cungky": [("{p}", "result"), ("Cùng kỳ", "prev"), ("Tăng, giảm", "change")],
    "nam_sosanh": [("Cùng kỳ năm {y0}", "prev"), ("{Pc}", "result"), ("So sánh", "change")],
    "tongso_nam_nu": [("Tổng số", "result"), ("Nam", "male"), ("Nữ", "female")],
    "kh_th_sosanh": [("Kế hoạch", "target"), ("Thực hiện", "result"), ("So sánh (+/-)", "change")],
}


def vocab_labels(name: str, period: Period) -> list[tuple[str, str]]:
    return [
        (
            lab.format(
                p=period.column,
                P=period.phrase,
                Pc=period.phrase[:1].upper() + period.phrase[1:],
                y=period.year,
                y0=period.year - 1,
            ),
            kind,
        )
        for lab, kind in VOCABULARIES[name]
    ]


def result_kind(kind: str, spec: PlanSpec) -> bool:
    """Whether a column of this kind holds the plan's result: a year plan wants the year
    to date (Lũy kế), a month or quarter plan the period itself (Trong kỳ)."""
    if kind == "result":
        return True
    if kind == "cumul":
        return spec.period_kind == "year"
    if kind == "inperiod":
        return spec.period_kind != "year"
    return False


def role_values(
    kinds: list[str],
    result: int,
    target: int | None,
    spec: PlanSpec,
    ind: IndSpec,
    rng: random.Random,
) -> dict[str, int | str]:
    """The value of every kind of column, given the result."""
    out: dict[str, int | str] = {}
    prev = _draw(ind, rng)
    for kind in kinds:
        if result_kind(kind, spec):
            out[kind] = result
        elif kind == "target":
            out[kind] = target if target is not None else ""
        elif kind == "rate":
            out[kind] = round(100 * result / target) if target else ""
        elif kind == "prev":
            out[kind] = prev
        elif kind == "change":
            d = result - prev
            out[kind] = f"+{d}" if d > 0 and rng.random() < 0.5 else d
        elif kind == "inperiod":  # a year plan: this quarter only
            out[kind] = rng.randint(0, result) if result > 0 else 0
        elif kind == "cumul":  # a month plan: the year so far
            out[kind] = result + rng.randint(1, 30)
        elif kind == "male":
            out[kind] = rng.randint(0, result) if result > 0 else 0
        elif kind == "female":
            out[kind] = result - int(out.get("male", 0))
    return out


def _draw(ind: IndSpec, rng: random.Random) -> int:
    return rng.randint(800, 20000) if ind.big else rng.randint(0, 25)


def draw_results(spec: PlanSpec, rng: random.Random) -> dict[str, int]:
    vals = {ind.id: _draw(ind, rng) for ind in spec.indicators}
    if "cai_nghien" in vals:
        vals["cai_nghien"] = vals["cntn"] + vals["cnbb"]
    return vals


# --------------------------------------------------------------------------------------
# number formats

NUMBER_FORMATS = [
    ("plain", 10),
    ("zero_padded", 3),
    ("negative", 2),
    ("thousands_text", 2),
    ("words", 2),
    ("measure", 2),
    ("measure_thousands", 2),
    ("dash_zero", 2),
    ("dash_not_assigned", 2),
    ("arabic_indic", 2),
]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LEGEND_ZERO = "Ghi chú: dấu (—) là không phát sinh."
LEGEND_NOT_ASSIGNED = "Ghi chú: dấu (—) là không giao chỉ tiêu."


@dataclass
class Written:
    """One result cell as written, and what it means."""

    cell: int | str
    value: int | None  # None: no record ("—" meaning not assigned)
    review: bool = False


def plain(value: int, fmt: str, rng: random.Random) -> int | str:
    """An ordinary number: a number cell in a spreadsheet, text in a letter."""
    if fmt == "xlsx" and rng.random() < 0.85:
        return value
    if 0 <= value < 10 and rng.random() < 0.4:
        return f"{value:02d}"
    return f"{value:,}".replace(",", ".") if value >= 1000 else str(value)


def write_number(kind: str, value: int, ind: IndSpec) -> Written:
    """A special number format applied to one result value (value may be changed to fit
    the format: a negative count, a count in thousands)."""
    if kind == "zero_padded":
        return Written(f"{value % 10:02d}", value % 10)
    if kind == "negative":
        v = -(value % 9 + 1)
        return Written(str(v), v, review=True)
    if kind == "thousands_text":
        v = value if value >= 1000 else value + 15000
        return Written(f"{v:,}".replace(",", "."), v)
    if kind == "words":
        v = value % 1000
        return Written(f"{v} ({in_words(v)})", v)
    if kind == "measure":
        return Written(f"{value} {ind.measure}", value)
    if kind == "measure_thousands":
        v = value if value >= 1000 else value + 9000
        return Written(f"{v:,}".replace(",", ".") + f" {ind.measure}", v)
    if kind == "dash_zero":
        return Written("—", 0)
    if kind == "dash_not_assigned":
        return Written("—", None)
    if kind == "arabic_indic":
        v = value if value >= 10 else value + 30
        return Written(str(v).translate(ARABIC_INDIC), v, review=True)
    raise ValueError(kind)


def fits(kind: str, ind: IndSpec, target: int | None) -> bool:
    """Whether a number format is natural for this indicator's cell."""
    if kind in ("thousands_text", "measure_thousands"):
        return ind.big
    if kind == "dash_not_assigned":
        return target is None and ind.parent is None and ind.id != "cai_nghien"
    if kind in ("negative", "dash_zero", "zero_padded", "words", "arabic_indic"):
        return not ind.big and ind.id not in ("cai_nghien", "cntn", "cnbb")
    return True
