"""Consistency of a plan's figures: the prose against its annex, the annex against itself,
the annex's "Kèm theo" line against the document's number and date, the years, and (with
`--plan`) the document against the plan file.

A sentence figure is matched to an annex column by the words around it, without diacritics
and with the usual abbreviations expanded (CNBB, CNTN, TT, NĐ), scored with rapidfuzz; a
decree number ("Nghị định số 111/2013" ↔ "NĐ111/CP") decides on its own. An ambiguous match
reports nothing: a false alarm on a signed document costs trust.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from chitieu.lint.anatomy import Anatomy
from chitieu.lint.annex_table import AnnexColumn, AnnexTable
from chitieu.lint.rules import RULES, Finding
from chitieu.plan import Plan
from chitieu.plan_parts import Indicator
from chitieu.vnformat import count

_ABBREV = {
    "cnbb": "cai nghien bat buoc",
    "cntn": "cai nghien tu nguyen",
    "tt": "trung tam",
    "nd": "nghi dinh",
    "gdtxp": "giao duc tai xa phuong",
    "ma tuy": "ma tuy",
}
_MEASURES = r"người|vụ|đối tượng|tụ điểm|điểm|cơ sở|trường hợp|lượt|hộ|ca|em|học sinh"
FIGURE = re.compile(rf"(?<![\d/.,])(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+({_MEASURES})\b")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")
MIN_SCORE, MIN_MARGIN = 55.0, 8.0


def plain(text: str) -> str:
    """Lowercase ASCII words: no diacritics, abbreviations expanded, digits split from letters."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn").lower()
    t = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", t)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(_ABBREV.get(w, w) for w in t.split())


def decrees(text: str) -> set[str]:
    p = plain(text)
    return set(re.findall(r"nghi dinh (?:so )?(\d+)", p))


@dataclass(frozen=True)
class ProseFigure:
    value: int
    phrase: str  # the clause it sits in, as written
    where: str


def prose_figures(anatomy: Anatomy) -> list[ProseFigure]:
    """Figures with a measure word in the chỉ tiêu section ("vận động 13 người nghiện …")."""
    out: list[ProseFigure] = []
    inside = False
    for p in anatomy.body:
        t = p.clean
        if re.match(r"^[IVXLC]+\. ", t):
            inside = "CHỈ TIÊU" in t.upper()
            continue
        if not inside:
            continue
        t = re.sub(r"\([^)]*\)", " ", t)
        for clause in re.split(r";|\.\s|\s+và\s+", t):
            for m in FIGURE.finditer(clause):
                out.append(
                    ProseFigure(int(m.group(1).replace(".", "")), clause.strip(" -.;"), p.where)
                )
    return out


def best_column(
    phrase: str, columns: list[AnnexColumn], names: dict[int, list[str]] | None = None
) -> AnnexColumn | None:
    """The column a phrase speaks of, or None when no column is clearly best."""
    words = plain(re.sub(r"\d+\s+(" + _MEASURES + r")\b", " ", phrase))
    found = decrees(phrase)
    scored: list[tuple[float, AnnexColumn]] = []
    for col in columns:
        labels = [col.label, *(names or {}).get(col.index, [])]
        col_decrees = set().union(*(decrees(x) for x in labels))
        if found and col_decrees:
            scored.append((100.0 if found & col_decrees else 0.0, col))
            continue
        score = max(
            max(
                fuzz.token_set_ratio(words, plain(x)),
                fuzz.partial_token_sort_ratio(words, plain(x)) - 5,
            )
            for x in labels
        )
        scored.append((score, col))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < MIN_SCORE:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MIN_MARGIN:
        return None
    return scored[0][1]


def check(anatomy: Anatomy, annexes: list[AnnexTable], plan: Plan | None) -> list[Finding]:
    out: list[Finding] = []
    out += _totals(annexes)
    out += _prose(anatomy, annexes)
    out += _kem_theo(anatomy, annexes)
    out += _years(anatomy, annexes, plan)
    if plan is not None:
        out += _against_plan(anatomy, annexes, plan)
    return out


def _col_name(col: AnnexColumn) -> str:
    return col.label.split(" / ")[-1]


def _totals(annexes: list[AnnexTable]) -> list[Finding]:
    rule = RULES["NQ.TONG"]
    out = []
    for a in annexes:
        for col in a.columns:
            s = sum(v for v in col.values if v is not None)
            if col.total is not None and col.total != s:
                out.append(
                    rule.finding(
                        f"bảng {a.grid.number}, hàng {a.total_row}, cột {col.index + 1}",
                        f"Cột “{_col_name(col)}”: dòng Tổng cộng ghi {count(col.total)} nhưng các dòng cộng lại "
                        f"bằng {count(s)}.",
                        f"Sửa dòng Tổng cộng thành {count(s)} hoặc sửa số của đơn vị bị sai.",
                    )
                )
    return out


def _prose(anatomy: Anatomy, annexes: list[AnnexTable]) -> list[Finding]:
    rule = RULES["NQ.SO_LIEU"]
    columns = [c for a in annexes for c in a.columns if c.total is not None]
    out = []
    for fig in prose_figures(anatomy):
        col = best_column(fig.phrase, columns)
        if col is None or col.total is None or col.total == fig.value:
            continue
        diff = fig.value - col.total
        out.append(
            rule.finding(
                fig.where,
                f"Lời văn ghi “{fig.phrase}” ({count(fig.value)}) nhưng cột “{_col_name(col)}” của biểu kèm theo "
                f"có Tổng cộng {count(col.total)}.",
                f"Sửa {count(fig.value)} thành {count(col.total)} trong lời văn, hoặc "
                f"{'giao thêm' if diff > 0 else 'bớt'} {count(abs(diff))} trong biểu cho khớp {count(fig.value)}.",
            )
        )
    return out


def _date_in(text: str) -> date | None:
    m = re.search(r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text) or re.search(
        r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", text
    )
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _number_in(text: str) -> str | None:
    text = re.sub(r"\s*([/-])\s*", r"\1", text)
    m = re.search(r"(\d+)\s*/\s*([A-ZĐa-zđ][A-ZĐa-zđ0-9]*(?:-[A-ZĐa-zđ0-9]+)*)", text)
    return f"{int(m.group(1))}/{m.group(2).upper()}" if m else None


def _doc_number(anatomy: Anatomy) -> str | None:
    return _number_in(anatomy.so.clean) if anatomy.so else None


def _doc_date(anatomy: Anatomy) -> date | None:
    return _date_in(anatomy.date_line.clean) if anatomy.date_line else None


def _kem_theo(anatomy: Anatomy, annexes: list[AnnexTable]) -> list[Finding]:
    rule = RULES["NQ.KEM_THEO"]
    out = []
    number, issued = _doc_number(anatomy), _doc_date(anatomy)
    for a in annexes:
        if a.kem_theo is None:
            continue
        text = a.kem_theo.clean
        n, d = _number_in(text), _date_in(text)
        if number and n and n != number:
            out.append(
                rule.finding(
                    a.kem_theo.where,
                    f"Dòng “{text}” ghi số {n} nhưng văn bản mang số {number}.",
                    f"Sửa thành “số {number}”.",
                )
            )
        if issued and d and d != issued:
            out.append(
                rule.finding(
                    a.kem_theo.where,
                    f"Dòng “{text}” ghi ngày {d:%d/%m/%Y} nhưng văn bản ban hành ngày {issued:%d/%m/%Y}.",
                    f"Sửa thành “ngày {issued.day}/{issued.month}/{issued.year}”.",
                )
            )
    return out


def _years_of(text: str) -> set[int]:
    out: set[int] = set()
    for m in YEAR.finditer(text):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        out.update(range(min(a, b), max(a, b) + 1) if b - a <= 20 else {a, b})
    return out


def _years(anatomy: Anatomy, annexes: list[AnnexTable], plan: Plan | None = None) -> list[Finding]:
    rule = RULES["NQ.NAM"]
    subject: set[int] = set()
    issued = _doc_date(anatomy)
    if issued:
        subject.add(issued.year)
    for p in anatomy.trich_yeu:
        subject |= _years_of(p.text)
        until = re.search(r"đến năm\s+((?:19|20)\d{2})", p.text)  # "… đến năm 2030"
        if until and issued and issued.year <= int(until.group(1)) <= issued.year + 20:
            subject |= set(range(issued.year, int(until.group(1)) + 1))
    if plan is not None:
        subject |= {y for per in plan.all_periods for y in range(per.start.year, per.end.year + 1)}
    if not subject:
        return []
    shown = (
        ", ".join(str(y) for y in sorted(subject))
        if len(subject) < 4
        else f"{min(subject)}–{max(subject)}"
    )
    out = []
    for a in annexes:
        if a.title_para is None:
            continue
        # a period cut on the 15th or 16th (Nghị định 09/2019) starts in December of the
        # year before: "(TỪ NGÀY 15/12/2023 ĐẾN NGÀY 14/6/2024)" is a 2024 period
        december = {
            int(m.group(1))
            for m in re.finditer(r"từ ngày\s+\d{1,2}/12/((?:19|20)\d{2})", a.title, re.IGNORECASE)
            if int(m.group(1)) + 1 in subject
        }
        for y in sorted(_years_of(a.title) - subject - december):
            out.append(
                rule.finding(
                    a.title_para.where,
                    f"Tiêu đề biểu “{a.title}” ghi năm {y}, trong khi văn bản là của năm {shown}.",
                    f"Sửa năm {y} trong tiêu đề biểu thành năm của kế hoạch ({shown}).",
                )
            )
    return out


def _is_the_plan(anatomy: Anatomy, plan: Plan) -> bool:
    """Whether the document is the plan itself (same kind: "…/KH-UBND"), not a report on it."""
    suffix = re.sub(r"^[^/]*/", "", re.sub(r"\s+", "", plan.document.number))
    if anatomy.so is not None:
        mine = re.sub(r"^Số:[^/]*/", "", re.sub(r"\s+", "", anatomy.so.clean))
        return mine == suffix
    return anatomy.type_code is not None and anatomy.type_code == plan.document.type_code


def _phrase(ind: Indicator) -> str:
    return " ".join([ind.name, *(ind.aliases or [])])


def _best_indicator(col: AnnexColumn, indicators: list[Indicator]) -> Indicator | None:
    """The indicator a column's label names best (the reverse of `best_column`): its exact
    name first, then the closest in words and then in letters."""
    label = plain(col.label)
    scored = []
    for n, i in enumerate(indicators):
        names = [plain(x) for x in (i.name, f"{i.name} ({i.measure})", *i.aliases)]
        exact = any(x == label for x in names)
        scored.append(
            (
                exact,
                max(fuzz.token_set_ratio(x, label) for x in names),
                max(fuzz.ratio(x, label) for x in names),
                -n,
            )
        )
    if not scored:
        return None
    return indicators[-max(scored)[3]]


def _period_of(annex: AnnexTable, plan: Plan) -> str | None:
    """The plan period an annex table prints ("Năm 2027" above it), None for the main one."""
    from chitieu.render.quota_annex import period_label

    if not annex.period:
        return None
    said = plain(annex.period)
    for p in plan.all_periods:
        if plain(period_label(p)) == said:
            return p.key
    return None


def _against_plan(anatomy: Anatomy, annexes: list[AnnexTable], plan: Plan) -> list[Finding]:
    rule = RULES["NQ.KE_HOACH"]
    out: list[Finding] = []
    doc = plan.document
    number, issued = _doc_number(anatomy), _doc_date(anatomy)
    want = _number_in(doc.number)
    if not _is_the_plan(anatomy, plan):
        # a báo cáo or công văn about the plan: only an annex "kèm theo" the plan is compared
        annexes = [
            a for a in annexes if a.kem_theo and want and _number_in(a.kem_theo.clean) == want
        ]
        number = issued = None
    if number and want and number != want:
        out.append(
            rule.finding(
                anatomy.so.where if anatomy.so else "đầu văn bản",
                f"Văn bản mang số {number}, tệp kế hoạch ghi {doc.number}.",
            )
        )
    if issued and issued != doc.date:
        out.append(
            rule.finding(
                anatomy.date_line.where if anatomy.date_line else "đầu văn bản",
                f"Văn bản ghi ngày {issued:%d/%m/%Y}, tệp kế hoạch ghi {doc.date:%d/%m/%Y}.",
            )
        )
    counts = [i for i in plan.indicators if not i.is_rate]
    names_by_unit = {plain(u.name): u for u in plan.units} | {
        plain(u.full_name): u for u in plan.units
    }
    for a in annexes:
        period = _period_of(a, plan)
        for ind in counts:
            col = best_column(_phrase(ind), a.columns)
            if col is None or _best_indicator(col, counts) is not ind:
                continue  # the column is another indicator's: this one is not in this table
            total = plan.total_target(ind.id, period)
            if total is not None and col.total is not None and total != col.total:
                out.append(
                    rule.finding(
                        f"bảng {a.grid.number}, hàng {a.total_row}",
                        f"Cột “{_col_name(col)}”: biểu có Tổng cộng {count(col.total)}, tệp kế hoạch giao tổng "
                        f"{count(total)} cho chỉ tiêu {ind.id}.",
                    )
                )
            for name, value in zip(a.units, col.values, strict=False):
                unit = names_by_unit.get(plain(name))
                if unit is None or value is None:
                    continue
                target = plan.target(unit.id, ind.id, period)
                if target is not None and int(target) != value:
                    out.append(
                        rule.finding(
                            f"bảng {a.grid.number}, đơn vị {name}",
                            f"{name}, cột “{_col_name(col)}”: biểu ghi {count(value)}, tệp kế hoạch giao "
                            f"{count(int(target))}.",
                        )
                    )
    return out


__all__ = ["ProseFigure", "best_column", "check", "plain", "prose_figures"]
