"""Which rule flagged each figure of the scan/photo tune cases, and was it read right.

    OMP_THREAD_LIMIT=1 python benchmarks/flag_rules.py --cases /work/cases/tune4 \\
        --seeds 600-799 [--kind scan|photo] [--tag medium=scan] [--without stamp-on-figures]
        [--details] [--json OUT]

For every flagged figure of the prebuilt cases (even seeds only: the tune half), names the
rule that left it unsure and whether its value was right, then counts right/wrong per
rule (and exact, missing, silent). A figure is judged by its cell: where the cell's own
readings are not sure (`values.parse_cell`), the rule is the reader's (`ocr/doubts.py`:
the branch of `confidence.judged_digits`, or a cut in `table_read.assemble_tables`:
stamped over, ink shows more digits, ...; "re-read" = the re-read's own confidence, with
"edge" when its crop ran into the cell's edge or a seal's wipe); where the cell is sure,
the record's note says why (`interpret.py`: unit, period, header match, conflict...).
With `--details`, each flagged figure's readings: the page OCR's text, the re-read, its
confidence and second reading, confirmed/outvoted/seconded, digits the ink shows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.errors import ChitieuError  # noqa: E402
from chitieu.inbox import display_name  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402
from extract import values  # noqa: E402
from extract.interpret import interpret  # noqa: E402
from extract.ocr import doubts, figure_reads, page_read  # noqa: E402
from extract.pipeline import read_document  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from scan_conditions import load_grammar  # noqa: E402

SETTLED = {"agreed", "re-read", "re-read (outvoted page)"}  # not a cut by themselves

_local = threading.local()  # per page thread: the figures' readings, between two steps
_seen: dict[int, dict] = {}  # id(cell) -> its readings (kept with the document alive)


def _watch() -> None:
    """Keep each number cell's readings (observation only: the functions' results are
    returned unchanged)."""
    confirm, assemble = page_read.confirm_numbers, page_read.assemble_tables

    def confirm_numbers(level, clean, words, members_of, number_keys, box_of, *a, **kw):
        edge = a[2] if len(a) > 2 else kw["edge_touching"]
        _local.edge = {number_keys[i] for i in edge}
        # its ink runs into the cell's edge (not a stamp's lift or a seal's wipe alone)
        _local.touched = {
            number_keys[i]
            for i in edge
            if figure_reads._cut_at_edge(clean, box_of[number_keys[i]], level.dpi)
        }
        _local.photo = level.photo
        return confirm(level, clean, words, members_of, number_keys, box_of, *a, **kw)

    def assemble_tables(
        level, tables, words, members_of, kinds, text_reads, digit_reads, stretched_of, **kw
    ):
        out, in_table = assemble(
            level, tables, words, members_of, kinds, text_reads, digit_reads, stretched_of, **kw
        )
        ink = kw.get("ink_digits") or {}
        for t_index, table in enumerate(tables):
            for gc in table.cells:
                key = (t_index, id(gc))
                cell = out[t_index].cells[gc.row][gc.col]
                read = digit_reads.get(key)
                if cell is None or read is None:
                    continue
                _seen[id(cell)] = {
                    "page_text": " ".join(words[i].text for i in members_of(gc.box)),
                    "reread": read.text,
                    "conf": round(read.confidence, 2),
                    "other": read.other,
                    "confirmed": read.confirmed,
                    "outvoted": read.outvoted,
                    "seconded": round(read.seconded, 2),
                    "ink_digits": ink.get(key),
                    "stretched": stretched_of.get(key),
                    "edge": key in getattr(_local, "edge", set()),
                    "touched": key in getattr(_local, "touched", set()),
                    "photo": bool(getattr(_local, "photo", False)),
                    "stamped": key in (kw.get("stamped_over") or set()),
                }
        return out, in_table

    page_read.confirm_numbers = confirm_numbers
    page_read.assemble_tables = assemble_tables


def _note_kind(note: str) -> str:
    """A record note without its figures and names: the rule's wording."""
    first = note.split("; ")[0]
    return "note: " + re.sub(r"\d+", "N", re.sub(r"«[^»]*»", "«…»", first))[:70]


def _rule(cell: object, rec: object) -> str:
    """The rule that flagged the record read from `cell`."""
    if cell is None:
        return _note_kind(rec.note or "no cell")  # type: ignore[attr-defined]
    parsed = values.parse_cell(cell)  # type: ignore[arg-type]
    if parsed.clean:
        return _note_kind(rec.note or "?")  # type: ignore[attr-defined]
    cuts = [r for r in doubts.of(cell) if r not in SETTLED]  # type: ignore[arg-type]
    if cuts:
        return cuts[-1] if len(cuts) == 1 else " + ".join(dict.fromkeys(cuts))
    seen = _seen.get(id(cell), {})
    rules = doubts.of(cell)  # type: ignore[arg-type]
    if not rules:
        return "cell: " + (parsed.why or "?")
    edge = (
        " (ink at the edge)" if seen.get("touched") else " (stamp/seal)" if seen.get("edge") else ""
    )
    return f"{rules[-1]}: unsure" + edge


def trace_case(path: Path, truth: dict, plan: object) -> list[dict]:
    """Every truth figure of one case: outcome, rule (when flagged), readings."""
    out: list[dict] = []
    with doubts.traced():
        _seen.clear()
        try:
            doc = read_document(path)
            result = interpret(doc, plan, display_name(path))  # type: ignore[arg-type]
            records = result.records
        except ChitieuError as exc:
            doc, records = None, []
            print(f"{path.name}: refused: {exc}")
        cells = {}
        for table in doc.tables if doc else []:
            for row in table.cells:
                for c in row:
                    if c is not None:
                        cells[(c.where.page, c.where.table, c.where.cell)] = c
        got = {(r.unit, r.indicator): r for r in records}
        for want in truth["records"]:
            rec = got.get((want["unit"], want["indicator"]))
            fig = {"case": path.name, "indicator": want["indicator"], "value": want["value"]}
            fig["tags"] = truth["tags"]
            if rec is None:
                fig.update(outcome="missing", rule="missing")
            else:
                right = rec.value == want["value"]
                fig["read"] = rec.value
                w = rec.where
                cell = cells.get((w.page, w.table, w.cell)) if w else None
                if not rec.needs_review:
                    fig.update(outcome="exact" if right else "SILENT", rule="")
                    if not right:  # what each reader saw, to find why it passed
                        fig["readings"] = _seen.get(id(cell), {}) if cell is not None else {}
                else:
                    fig.update(
                        outcome="right" if right else "wrong",
                        rule=_rule(cell, rec),
                        readings=_seen.get(id(cell), {}) if cell is not None else {},
                        note=rec.note,
                    )
            out.append(fig)
        _seen.clear()
    return out


def table(figs: list[dict]) -> str:
    """Right/wrong flagged figures per rule, then the outcomes."""
    per: dict[str, Counter] = defaultdict(Counter)
    for f in figs:
        if f["outcome"] in ("right", "wrong"):
            per[f["rule"]][f["outcome"]] += 1
    lines = [f"{'rule':<60}{'right':>6}{'wrong':>6}"]
    for rule, c in sorted(per.items(), key=lambda kv: -kv[1]["right"] - kv[1]["wrong"]):
        lines.append(f"{rule[:60]:<60}{c['right']:>6}{c['wrong']:>6}")
    outcomes = Counter(f["outcome"] for f in figs)
    lines.append(
        f"figures {len(figs)}: exact {outcomes['exact']}, flagged right {outcomes['right']}, "
        f"flagged wrong {outcomes['wrong']}, missing {outcomes['missing']}, "
        f"silent {outcomes['SILENT']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, required=True, help="prebuilt cases with truth.json")
    ap.add_argument("--seeds", default="0-199")
    ap.add_argument("--kind", choices=("both", "scan", "photo"), default="both")
    ap.add_argument("--tag", action="append", default=[], help="only cases with this tag")
    ap.add_argument("--without", action="append", default=[], help="leave out this tag")
    ap.add_argument("--grammar", default="conditions")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", type=Path, help="write every figure's outcome here")
    args = ap.parse_args(argv)
    sc = load_grammar(args.grammar)
    plan = load_plan(sc.PLAN_PATH)
    wanted = set(sc.parse_seeds(args.seeds))
    truth = json.loads((args.cases / "truth.json").read_text("utf-8"))
    chosen = [
        (name, exp)
        for name, exp in sorted(truth.items(), key=lambda kv: kv[1]["seed"])
        if exp["seed"] in wanted
        and exp["half"] == "tune"  # never the test half
        and not sc.is_test(exp["seed"])
        and args.kind in ("both", exp["kind"])
        and set(args.tag) <= set(exp["tags"])
        and not set(args.without) & set(exp["tags"])
    ]
    _watch()
    figs: list[dict] = []
    t0 = time.perf_counter()
    for name, exp in chosen:
        case = trace_case(args.cases / name, exp, plan)
        figs += case
        if args.details:
            for f in case:
                if f["outcome"] not in ("exact",):
                    print(json.dumps(f, ensure_ascii=False), flush=True)
    print(f"{len(chosen)} cases in {time.perf_counter() - t0:.0f} s")
    print(table(figs))
    if args.json:
        args.json.write_text(json.dumps(figs, ensure_ascii=False, indent=0), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
