"""The grammar of variation: seed -> one return (a `Case`) with its ground truth.

Every dimension is drawn from the case's own random generator, so a seed always gives
the same return, and every case carries the class labels of the choices it made
("unit:parent_above", "role:kh_th", "layout:down", "total:trongdo_mismatch",
"period:other", "value:arabic_indic", "prose:others", "fmt:pdf"...): the benchmark
reports per class.

Truth conventions:
- a figure written in a way a person must check (a negative count, Arabic-Indic digits,
  a total that disagrees with its parts, a period that is not the plan's, a sender
  guessed from the file name or from an OCR-damaged name, conflicting senders) has
  `needs_review: true`;
- "—" explained as "không giao chỉ tiêu" is no record; as "không phát sinh" it is 0;
- problem codes expected: `total_mismatch`, `unknown_unit`, `wrong_period` (a return
  for another period than the plan's), `low_confidence` whenever a record needs review.
"""

from __future__ import annotations

import random
from typing import Any

from benchmarks.corpus import names as N
from benchmarks.corpus.document import Case, DocSpec
from benchmarks.corpus.figures import Period, draw_results, periods
from benchmarks.corpus.plans import PLANS, PlanSpec, UnitSpec, targets
from benchmarks.corpus.tables import consolidated_grid, single_grid

FORMATS = [("xlsx", 4), ("docx", 3), ("pdf", 3)]
KINDS = [("single", 7), ("consolidated", 2), ("columns", 1)]
SENDER = [
    ("one_line", 2.0),
    ("parent_above", 3.0),
    ("three_lines", 1.0),
    ("wrapped", 2.0),
    ("abbrev", 2.0),
    ("kindless", 1.0),
    ("folded", 1.0),
    ("template_body", 1.5),
    ("template_signature", 1.5),
    ("ocr_lost_word", 1.5),
    ("file_name_only", 1.0),
    ("conflict", 1.2),
    ("not_in_plan", 1.0),
    ("no_letterhead", 1.0),
    ("ocr_lost_ambiguous", 0.8),
]
PERIOD_OTHER = 0.12
WRONG_PERIOD = "wrong_period"


def pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


class _Truth:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.problems: set[str] = set()
        self.classes: list[str] = []
        self.all_review = False

    def add(self, unit: str, ind: str, value: int | None, review: bool = False) -> None:
        if value is None:
            return
        self.records[(unit, ind)] = {
            "unit": unit,
            "indicator": ind,
            "value": value,
            "needs_review": review,
        }

    def flag(self, unit: str | None = None, ind: str | None = None) -> None:
        for (u, i), rec in self.records.items():
            if (unit is None or u == unit) and (ind is None or i == ind):
                rec["needs_review"] = True

    def finish(self) -> tuple[list[dict[str, Any]], list[str]]:
        if self.all_review:
            self.flag()
        recs = list(self.records.values())
        if any(r["needs_review"] for r in recs):
            self.problems.add("low_confidence")
        return recs, sorted(self.problems)


def make_case(seed: int) -> Case:
    rng = random.Random(f"chitieu-corpus-{seed}")
    plan_key = rng.choice(sorted(PLANS))
    spec = PLANS[plan_key]
    fmt = pick(rng, FORMATS)
    kind = pick(rng, KINDS)
    t = _Truth()
    t.classes += [f"plan:{plan_key}", f"fmt:{fmt}", f"kind:{kind}"]
    other = rng.random() < PERIOD_OTHER
    period = periods(spec, other, rng)
    t.classes.append("period:other" if other else "period:plan")
    if other:
        t.problems.add(WRONG_PERIOD)
        t.all_review = True
    if kind == "single":
        doc, file_name = _single(seed, spec, fmt, period, rng, t)
    else:
        doc, file_name = _consolidated(seed, spec, fmt, period, kind, rng, t)
    records, problems = t.finish()
    return Case(
        seed,
        plan_key,
        fmt,
        f"{file_name}.{'docx' if fmt == 'pdf' else fmt}",
        doc,
        t.classes,
        records,
        problems,
    )


# --------------------------------------------------------------------------------------
# a return from one unit


def _parent_line(u: UnitSpec, spec: PlanSpec, rng: random.Random) -> str:
    """The body printed above the sender: the police above a police team."""
    if u.name.startswith(("Phòng", "Đội")) and (spec.top is None or rng.random() < 0.6):
        where = f"{spec.top.kind} {spec.top.name}" if spec.top else f"tỉnh {spec.place}"
        return N.upper(f"CÔNG AN {where}")
    return spec.parent_line


def _single(
    seed: int, spec: PlanSpec, fmt: str, period: Period, rng: random.Random, t: _Truth
) -> tuple[DocSpec, str]:
    sender = pick(rng, SENDER)
    unit = rng.choice(spec.units)
    lost: str | None = None
    if sender in ("ocr_lost_word", "ocr_lost_ambiguous"):
        lost = N.drop_word(unit, spec, rng, unique=sender == "ocr_lost_word")
        if lost is None:
            sender = "wrapped"
    if sender == "kindless" and unit.name.split()[-1].isdigit():
        sender = "abbrev"  # "UBND 2" is no one's way of writing Phường 2
    if sender in ("template_signature", "conflict", "kindless") and not unit.council:
        sender = "template_body" if sender == "template_signature" else "abbrev"
    t.classes.append(f"unit:{sender}")
    if N.contains_other(unit, spec):
        t.classes.append("unit:contained_names")
    tg = targets(spec).get(unit.id, {})
    file_name = f"bao-cao-{seed:03d}"
    who = unit
    if sender == "not_in_plan":
        name = rng.choice(spec.foreign)
        kind = unit.kind if unit.council else "đơn vị"
        who = UnitSpec("foreign", name, kind, council=unit.council)
        t.problems.add("unknown_unit")

    parent = _parent_line(unit, spec, rng)
    style = sender if sender in ("abbrev", "kindless", "folded") else "plain"
    line = N.sender_line(who, spec, style, rng)
    named_in_body = rng.random() < 0.5
    signature_unit = rng.random() < 0.3 and who.council
    if sender == "one_line":
        head = [line]
    elif sender in ("parent_above", "abbrev", "kindless", "folded", "conflict", "not_in_plan"):
        head = [parent, line]
    elif sender == "three_lines":
        if unit.long:
            words = unit.long.upper().split()
            head = [parent, " ".join(words[:4]), " ".join(words[4:])]
        else:
            head = [parent, line, rng.choice(["BAN CHỈ ĐẠO 138", "BCĐ PHÒNG, CHỐNG TỘI PHẠM"])]
    elif sender == "wrapped":
        words = line.split()
        cut = rng.randint(max(1, len(words) - 2), len(words) - 1)
        head = [parent] if rng.random() < 0.6 else []
        head += [" ".join(words[:cut]), " ".join(words[cut:])]
    elif sender in ("ocr_lost_word", "ocr_lost_ambiguous"):
        assert lost is not None
        head = [parent, N.upper(f"UBND {unit.kind} {lost}")]
        named_in_body = signature_unit = False
        if sender == "ocr_lost_ambiguous":
            t.problems.add("unknown_unit")
    elif sender == "no_letterhead":  # out of the photo's frame, or never typed
        head = []
        named_in_body = rng.random() < 0.5
        signature_unit = not named_in_body and who.council
    else:  # template_body, template_signature, file_name_only
        head = (
            [parent, N.template_line(unit, spec)]
            if rng.random() < 0.7
            else [N.template_line(unit, spec)]
        )
        named_in_body = sender == "template_body"
        signature_unit = sender == "template_signature"
        if sender == "file_name_only":
            file_name = "bao-cao-" + N.fold(N.full(unit)).lower().replace(" ", "-")
    if sender in ("file_name_only", "ocr_lost_word"):
        t.all_review = True

    body = [_intro(spec, who, period, named_in_body, rng)]
    if rng.random() < 0.35:
        others = _others(unit, spec, rng)
        body.append(
            "Phối hợp với "
            + " và ".join(N.body_name(o, spec, rng) for o in others)
            + " tổ chức tuyên truyền, ra quân kiểm tra các tụ điểm phức tạp về ma túy."
        )
        t.classes.append("prose:others")
    signature = _signature(who, signature_unit, rng)
    if sender == "conflict":
        rival = rng.choice([o for o in spec.units if o.council and o is not unit])
        signature = [N.signature_authority(rival, rng), "CHỦ TỊCH", "", "Nguyễn Văn Bình"]
        t.all_review = True

    results = draw_results(spec, rng)
    grid, after = single_grid(spec, fmt, period, unit.id, tg, results, rng, t)
    if sender in ("not_in_plan", "ocr_lost_ambiguous") or (
        sender == "no_letterhead" and not named_in_body and not signature_unit
    ):
        t.records.clear()
        t.problems.add("unknown_unit")
    doc = DocSpec(
        letterhead=head,
        number=f"Số: {rng.randint(10, 399)}/BC-{'UBND' if who.council else 'ĐV'}",
        place_date=_place_date(spec, period, rng),
        title=["BÁO CÁO", f"Kết quả công tác phòng, chống ma túy {period.phrase}"],
        body=body,
        grid=grid,
        after=after,
        signature=signature,
    )
    return doc, file_name


def _intro(spec: PlanSpec, who: UnitSpec, period: Period, named: bool, rng: random.Random) -> str:
    issuer = spec.issuer.replace("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân").replace(
        spec.issuer.split("DÂN ")[-1], spec.issuer.split("DÂN ")[-1].title()
    )
    subject = N.body_name(who, spec, rng) if named else "đơn vị"
    return (
        f"Thực hiện Kế hoạch số 125/KH-UBND của {issuer} về công tác phòng, chống ma túy, "
        f"{subject} báo cáo kết quả thực hiện {period.phrase} như sau:"
    )


def _others(unit: UnitSpec, spec: PlanSpec, rng: random.Random) -> list[UnitSpec]:
    """Other plan units for a sentence, preferring names that contain or are contained
    in the sender's (the trap)."""
    near = [
        o
        for o in spec.units
        if o is not unit
        and (unit.name.lower() in o.name.lower() or o.name.lower() in unit.name.lower())
    ]
    rest = [o for o in spec.units if o is not unit and o not in near]
    pool = near + rng.sample(rest, k=min(2, len(rest)))
    return pool[: rng.randint(1, 2)]


def _signature(who: UnitSpec, with_unit: bool, rng: random.Random) -> list[str]:
    name = rng.choice(["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hà"])
    if who.council:
        top = N.signature_authority(who, rng) if with_unit else "TM. ỦY BAN NHÂN DÂN"
        return [top, rng.choice(["CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"]), "", name]
    return [rng.choice(["GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "TRƯỞNG PHÒNG"]), "", name]


def _place_date(spec: PlanSpec, period: Period, rng: random.Random) -> str:
    day = rng.randint(20, 28)
    return f"{spec.place}, ngày {day} tháng {period.date_line_month} năm {period.year}"


# --------------------------------------------------------------------------------------
# a table of many units


def _consolidated(
    seed: int,
    spec: PlanSpec,
    fmt: str,
    period: Period,
    kind: str,
    rng: random.Random,
    t: _Truth,
) -> tuple[DocSpec, str]:
    by_parent = spec.top is not None and rng.random() < 0.4
    if by_parent:
        assert spec.top is not None
        head = [N.upper(f"UBND {spec.top.kind} {spec.top.name}")]
        t.classes.append("unit:consolidated_parent")
    else:
        body_name = rng.choice(spec.not_plan_bodies)
        head = [spec.parent_line, body_name] if rng.random() < 0.6 else [body_name]
        t.classes.append("unit:consolidated_nonplan")
    t.classes.append("unit:units_as_columns" if kind == "columns" else "unit:units_as_rows")
    n = (
        rng.randint(3, min(8, len(spec.units)))
        if kind == "columns"
        else rng.randint(4, len(spec.units))
    )
    units = rng.sample(spec.units, n)
    if any(N.contains_other(u, spec) for u in units):
        t.classes.append("unit:contained_names")
    grid, after = consolidated_grid(spec, fmt, period, units, kind, rng, t)
    doc = DocSpec(
        letterhead=head,
        number=f"Số: {rng.randint(10, 399)}/BC-BCĐ",
        place_date=_place_date(spec, period, rng),
        title=[
            "BÁO CÁO TỔNG HỢP",
            f"Kết quả thực hiện chỉ tiêu phòng, chống ma túy {period.phrase}",
        ],
        body=["Trên cơ sở báo cáo của các đơn vị, tổng hợp kết quả thực hiện chỉ tiêu như sau:"],
        grid=grid,
        after=after,
        signature=["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "", "Hoàng Văn Nam"],
    )
    return doc, f"tong-hop-{seed:03d}"
