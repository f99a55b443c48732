"""ReadDocument -> records, the same way for every format (xlsx, docx, PDF, scans, photos).

Decides, in order: the role of the figures (a quota annex gives targets, a return gives
results), the period, the document's own unit, then reads every table (`tables.py`) or,
for our own return forms, exactly the result cells their hidden ids name. A record needs
review whenever anything about it is uncertain: an unclear cell, a read disagreeing with
its re-read, an ambiguous header, a unit or period that was guessed, a total or a
sentence of the letter that disagrees with it. The rule above all: no wrong value
without `needs_review`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from chitieu.record import Problem, Record, Role, Where
from extract.document import ReadDocument
from extract.figure import Figure
from extract.headers import IndicatorMatcher
from extract.heading import DocPeriod, document_period, document_role, printed_ids
from extract.legend import Legend, read_legend
from extract.our_form import read_our_form
from extract.prose import prose_figures
from extract.roles import OTHER_PERIOD_NOTE
from extract.sender import decide_sender
from extract.tables import Context, join_continued, read_table
from extract.text import fold
from extract.units import UnitFinder

PLAN_MISMATCH = "plan_mismatch"
CONFLICT = "conflicting_values"
PROSE_MISMATCH = "prose_mismatch"
WRONG_PERIOD = "wrong_period"
UNSURE_SENDER = "unsure_sender"  # the sender was chosen with a doubt: its records need review
# a result above both of these, and over ABSURD_TIMES its target, is for a person to see
ABSURD_MIN = 10_000
ABSURD_TIMES = 100


@dataclass
class Interpretation:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unit: str | None = None
    unknown_sender: str | None = None  # a sender the plan does not list, as printed


@dataclass
class _Doc:
    """What is known about the document as a whole."""

    role: Role
    period: str
    period_note: str | None
    unit: Unit | None
    unit_note: str | None


_MATCHERS: dict[int, tuple[Plan, IndicatorMatcher, UnitFinder]] = {}


def _matchers(plan: Plan) -> tuple[IndicatorMatcher, UnitFinder]:
    """One matcher per plan, reused across files (their label caches are the speed)."""
    entry = _MATCHERS.get(id(plan))
    if entry is None or entry[0] is not plan:
        if len(_MATCHERS) > 16:
            _MATCHERS.clear()
        entry = _MATCHERS[id(plan)] = (plan, IndicatorMatcher(plan), UnitFinder(plan))
    return entry[1], entry[2]


def interpret(doc: ReadDocument, plan: Plan, file_name: str = "") -> Interpretation:
    matcher, finder = _matchers(plan)
    out = Interpretation()
    texts = [ln.text for ln in doc.lines]
    if doc.form_ids is None:
        ids = printed_ids(texts)
        # On a scan whose QR zbar could not decode, the ids printed beside it come through
        # OCR: one garbled character ("&period" read "%::z¿") ran into the unit's id, and
        # the whole form was dropped as an unknown unit's. Read so, they count only when
        # the plan knows their unit; otherwise the sender is found as on any letter.
        if ids is not None and doc.kind in ("scan", "image") and ids.unit not in plan.unit_by_id:
            ids = None
        doc = replace(doc, form_ids=ids)
    if doc.form_ids is not None and fold(doc.form_ids.plan_number) != fold(plan.document.number):
        out.problems.append(
            Problem(
                PLAN_MISMATCH,
                f"Biểu mẫu thuộc kế hoạch số {doc.form_ids.plan_number}, không phải kế hoạch "
                f"số {plan.document.number}.",
            )
        )
    role = document_role(texts)
    period = document_period(doc, plan, texts)
    if role == Role.target and period.problem:
        # a quota annex goes with the plan it is attached to: a year misprinted in its
        # title does not make its targets another period's
        period = DocPeriod(period.key)
    if period.problem:
        out.problems.append(Problem(WRONG_PERIOD, period.problem))
    unit, unit_note = _unit(doc, plan, finder, texts, file_name, out)
    info = _Doc(role, period.key, period.note, unit, unit_note)

    figures: list[Figure] = []
    seen: set[str] = set()
    if doc.form_ids is not None and doc.form_ids.result_cells:
        figures, seen = read_our_form(
            doc, plan, matcher, finder, role, unit, out.problems, _legend(doc)
        )
    else:
        ctx = Context(role, unit, _legend(doc), plan.period_by_key.get(period.key))
        for table in join_continued(doc.tables, matcher):
            reading = read_table(table, matcher, finder, ctx)
            figures.extend(reading.figures)
            seen |= reading.indicators_seen
            for label in reading.unknown_units:
                out.problems.append(
                    Problem(
                        Problem.UNKNOWN_UNIT,
                        f"Dòng «{label}» không phải đơn vị nào trong kế hoạch.",
                    )
                )
            for msg in reading.total_mismatches:
                out.problems.append(Problem(Problem.TOTAL_MISMATCH, f"Tổng không khớp: {msg}."))
    if any(OTHER_PERIOD_NOTE in f.notes for f in figures):
        out.problems.append(
            Problem(WRONG_PERIOD, "Bảng số liệu ghi một kỳ khác với kỳ của kế hoạch.")
        )
    if any(p.code == PLAN_MISMATCH for p in out.problems):
        for f in figures:
            f.notes.append("biểu mẫu không thuộc kế hoạch này")
    for w in doc.warnings:
        out.problems.append(Problem("reader_warning", w))

    records = _records(figures, info, plan, out)
    if doc.kind != "xlsx":
        records = _check_prose(records, doc, matcher, out)
    out.records = records
    out.unit = unit.id if unit else None
    _missing(records, seen, info, plan, out)
    if doc.tables and not seen and not records:
        out.problems.append(
            Problem(
                Problem.LOW_CONFIDENCE,
                "Văn bản có bảng nhưng không nhận ra chỉ tiêu nào của kế hoạch; cần người đọc lại.",
            )
        )
    flagged = sum(r.needs_review for r in records)
    if flagged:
        out.problems.append(
            Problem(
                Problem.LOW_CONFIDENCE, f"{flagged}/{len(records)} số liệu cần người kiểm tra lại."
            )
        )
    return out


# --------------------------------------------------------------------------------------
# the document as a whole


def _unit(
    doc: ReadDocument,
    plan: Plan,
    finder: UnitFinder,
    texts: list[str],
    name: str,
    out: Interpretation,
) -> tuple[Unit | None, str | None]:
    if doc.form_ids is not None:
        unit = plan.unit_by_id.get(doc.form_ids.unit)
        if unit is None:
            out.problems.append(
                Problem(
                    Problem.UNKNOWN_UNIT,
                    f"Mã đơn vị «{doc.form_ids.unit}» ghi trong biểu mẫu không có trong kế hoạch.",
                )
            )
        return unit, None
    sender = decide_sender(doc, finder, name)
    if sender.unknown:
        out.unknown_sender = sender.unknown
    if sender.unit is not None and sender.note:
        # every record of the return is flagged; the problem says why, once
        out.problems.append(Problem(UNSURE_SENDER, f"Đơn vị gửi cần xác nhận: {sender.note}."))
    return sender.unit, sender.note


def _legend(doc: ReadDocument) -> Legend:
    """Symbol meanings from the prose and from notes written inside tables."""
    texts = [ln.text for ln in doc.lines]
    for table in doc.tables:
        for row in table.cells:
            texts.extend(c.text for c in row if c is not None and len(c.text) > 6)
    return read_legend(list(dict.fromkeys(texts)))


# --------------------------------------------------------------------------------------
# figures -> records


def _records(figures: list[Figure], info: _Doc, plan: Plan, out: Interpretation) -> list[Record]:
    by_key: dict[tuple[str, str], Record] = {}
    order: list[tuple[str, str]] = []
    no_unit = 0
    for fig in figures:
        unit = fig.unit or info.unit
        if unit is None:
            no_unit += 1
            continue
        notes = list(fig.notes)
        if fig.unit is None and info.unit_note:
            notes.append(info.unit_note)
        if (
            fig.unit is not None
            and info.unit is not None
            and not _within(fig.unit, info.unit, plan)
        ):
            notes.append(
                f"dòng số liệu ghi {fig.unit.full_name}, khác đơn vị gửi {info.unit.full_name}"
            )
        if info.period_note:
            notes.append(info.period_note)
        value = fig.parsed.value
        target = plan.target(unit.id, fig.indicator, info.period)
        if value is not None and target and value > max(ABSURD_MIN, ABSURD_TIMES * target):
            notes.append(f"số {value} lớn bất thường so với chỉ tiêu giao ({target})")
        conf = fig.parsed.confidence
        if fig.match is not None and fig.match.score < 100:
            conf = min(conf, fig.match.score / 100)
        if notes:
            conf = min(conf, 0.5)
        rec = Record(
            unit=unit.id,
            indicator=fig.indicator,
            period=info.period,
            value=value,
            role=info.role,
            confidence=conf,
            needs_review=bool(notes) or value is None,
            where=fig.where,
            note="; ".join(dict.fromkeys(notes)) or None,
        )
        key = (unit.id, fig.indicator)
        if key in by_key:
            first = by_key[key]
            if first.value != rec.value:
                why = "cùng chỉ tiêu có hai số khác nhau trong văn bản"
                by_key[key] = _flag(first, why)
                out.problems.append(
                    Problem(
                        CONFLICT,
                        f"{unit.full_name}, chỉ tiêu {fig.indicator}: văn bản ghi cả "
                        f"{first.value} và {rec.value}.",
                    )
                )
            continue
        by_key[key] = rec
        order.append(key)
    if no_unit and not any(p.code == Problem.UNKNOWN_UNIT for p in out.problems):
        why = (
            f"Đơn vị «{out.unknown_sender}» không có trong kế hoạch."
            if out.unknown_sender
            else "Không xác định được đơn vị gửi báo cáo."
        )
        out.problems.append(Problem(Problem.UNKNOWN_UNIT, why))
    return [by_key[k] for k in order]


def _within(unit: Unit, sender: Unit, plan: Plan) -> bool:
    """True when `unit` is the sender or below it (a district reports for its wards)."""
    seen: set[str] = set()
    current: Unit | None = unit
    while current is not None and current.id not in seen:
        if current.id == sender.id:
            return True
        seen.add(current.id)
        current = plan.unit_by_id.get(current.parent) if current.parent else None
    return False


def _flag(rec: Record, why: str) -> Record:
    note = f"{rec.note}; {why}" if rec.note else why
    return replace(rec, needs_review=True, confidence=min(rec.confidence, 0.5), note=note)


def _check_prose(
    records: list[Record], doc: ReadDocument, matcher: IndicatorMatcher, out: Interpretation
) -> list[Record]:
    stated = prose_figures(doc.lines, matcher)
    units = {r.unit for r in records}
    if len(units) != 1:
        return records
    result: list[Record] = []
    for rec in records:
        said = stated.get(rec.indicator)
        if said is not None and said.value != rec.value:
            out.problems.append(
                Problem(
                    PROSE_MISMATCH,
                    f"Chỉ tiêu {rec.indicator}: bảng ghi {rec.value}, lời văn ghi {said.value} "
                    f"(«{said.sentence}»).",
                )
            )
            rec = _flag(rec, f"lời văn của báo cáo ghi {said.value}")
        result.append(rec)
    return result


def _missing(
    records: list[Record], seen: set[str], info: _Doc, plan: Plan, out: Interpretation
) -> None:
    """A single-unit return that leaves out an indicator the unit has a target for; an
    annex without a column for an indicator the plan assigns."""
    if info.role == Role.target:
        if not records:
            return
        for ind in plan.indicators:
            if not ind.is_rate and ind.id not in seen and plan.total_target(ind.id, info.period):
                out.problems.append(
                    Problem(
                        Problem.MISSING_INDICATOR,
                        f"Biểu không có cột chỉ tiêu «{ind.name}» ({ind.id}).",
                    )
                )
        return
    if info.unit is None:
        return
    if len({r.unit for r in records}) > 1:
        return
    have = {r.indicator for r in records}
    for ind in plan.indicators:
        if ind.is_rate or ind.id in have:
            continue
        if plan.target(info.unit.id, ind.id, info.period) is None:
            continue
        where = "để trống" if ind.id in seen else "không có"
        out.problems.append(
            Problem(
                Problem.MISSING_INDICATOR,
                f"Chỉ tiêu «{ind.name}» ({ind.id}) {where} trong báo cáo.",
            )
        )


__all__ = ["Interpretation", "Where", "interpret"]
