"""Extraction accuracy: on the samples with ground truth (samples/returns/truth*.json), and
on the corpus of returns generated from a grammar of variation (benchmarks/corpus/).

    .venv/bin/python benchmarks/extract_accuracy.py [--what samples|corpus|all]
        [--formats xlsx,docx,pdf] [--repeat 5]                     # samples
        [--half train|test|both] [--n 40] [--seeds 240] [--reuse]  # corpus
        [--formats scan,photo] [--half ...] [--condition-seeds 0-59]  # conditions

Samples: per format, exact records / expected, wrong values flagged for review, silent
errors (wrong and not flagged: must be 0), missing, spurious, right values flagged without
need, and seconds per file — total, and for the reader alone (the baseline the
interpretation adds to, measured in the same process). Bad inputs: how many were refused
with a reason, and the slowest refusal.

Corpus: seeds 0..N-1, even seeds the train half, odd seeds the test half (tune on train
only). Per half and per class of variation (the case's labels: unit:*, role:*, total:*,
period:*, value:*, layout:*, fmt:*, plan:*): figures exact, flagged, missed, silent errors
(a wrong value or a wrong unit not flagged), reviews missed (a figure the truth says a
person must check, not flagged), and the expected problem codes reported.

Conditions (`--what conditions`): scans and photos built from the office-conditions grammar
(samples/returns/scan_conditions.py), both halves by seed (odd seeds are the test half),
by condition; `--formats` picks scans, photos or both. It runs
benchmarks/scan_conditions.py, which can also be run alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.errors import UnreadableFileError  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402
from extract import extract_file, read_document  # noqa: E402
from extract.accuracy import Score, compare, load_truth  # noqa: E402


def run_samples(args: argparse.Namespace) -> None:
    plan = load_plan(args.plan)
    truth = load_truth(args.samples)
    formats = args.formats.split(",")

    scores: dict[str, Score] = defaultdict(Score)
    seconds: dict[str, list[float]] = defaultdict(list)
    reader_seconds: dict[str, list[float]] = defaultdict(list)
    bad_total = bad_ok = 0
    bad_slowest = 0.0
    for name, exp in sorted(truth.items()):
        fmt = name.split("/", 1)[0]
        path = args.samples / name
        if exp.get("exit", 0) == 2:
            bad_total += 1
            t0 = time.perf_counter()
            try:
                extract_file(path, plan)
            except UnreadableFileError:
                bad_ok += 1
            else:
                print(f"  NOT REFUSED: {name}")
            bad_slowest = max(bad_slowest, time.perf_counter() - t0)
            continue
        if fmt not in formats:
            continue
        repeat = 1 if fmt in ("scan", "photo") else args.repeat
        for i in range(repeat):
            t0 = time.perf_counter()
            got = extract_file(path, plan)
            seconds[fmt].append(time.perf_counter() - t0)
            if fmt not in ("scan", "photo"):
                t0 = time.perf_counter()
                read_document(path)
                reader_seconds[fmt].append(time.perf_counter() - t0)
            if i == 0:
                scores[fmt].add(compare(name, got, exp))

    head = f"{'format':<7}{'files':>6}{'exact':>12}{'%':>8}{'flagged':>9}{'silent':>8}{'missing':>9}{'spurious':>10}{'extra':>7}{'s/file':>9}{'reader':>9}{'files/s':>9}"
    print(head)
    print("-" * len(head))
    for fmt in formats:
        if fmt not in scores:
            continue
        s = scores[fmt]
        secs = seconds[fmt]
        per_file = sum(secs) / len(secs)
        reader = (
            sum(reader_seconds[fmt]) / len(reader_seconds[fmt])
            if reader_seconds[fmt]
            else float("nan")
        )
        n_files = len(secs) // (1 if fmt in ("scan", "photo") else args.repeat)
        pct = 100.0 * s.exact / s.expected if s.expected else 100.0
        print(
            f"{fmt:<7}{n_files:>6}{f'{s.exact}/{s.expected}':>12}{pct:>7.1f}%{s.wrong_flagged:>9}"
            f"{s.silent:>8}{s.missing:>9}{s.spurious:>10}{s.extra_flags:>7}{per_file:>9.4f}"
            f"{reader:>9.4f}{1 / per_file:>9.1f}"
        )
    print(f"bad inputs refused with a reason: {bad_ok}/{bad_total} (slowest {bad_slowest:.3f} s)")
    missed = [m for s in scores.values() for m in s.problems_missed]
    print(f"expected problem codes not reported: {len(missed)}")
    if args.details:
        for s in scores.values():
            for d in s.details:
                print("  " + d)
        for m in missed:
            print("  problem missed: " + m)


# --------------------------------------------------------------------------------------
# the corpus


def run_corpus(args: argparse.Namespace) -> None:
    from benchmarks.corpus import build_corpus, half_of
    from benchmarks.corpus.score import Tally, score

    halves = ["train", "test"] if args.half == "both" else [args.half]
    seeds: list[int] = []
    for h in halves:
        mine = [s for s in range(args.seeds) if half_of(s) == h]
        seeds += mine[: args.n] if args.n else mine
    formats = {f for f in args.formats.split(",") if f in ("xlsx", "docx", "pdf")}
    out = args.corpus_dir
    truth_path = out / "truth.json"
    truth = (
        json.loads(truth_path.read_text("utf-8")) if args.reuse and truth_path.exists() else None
    )
    want = {s for s in seeds}
    if truth is None or not want <= {v["seed"] for v in truth["files"].values()}:
        t0 = time.perf_counter()
        truth = build_corpus(out, sorted(seeds), formats)
        print(f"corpus: {len(truth['files'])} returns written in {time.perf_counter() - t0:.0f} s")
    plans = {k: load_plan(Path(p)) for k, p in truth["plans"].items()}
    by_half: dict[str, Tally] = defaultdict(Tally)
    by_class: dict[tuple[str, str], Tally] = defaultdict(Tally)
    t0 = time.perf_counter()
    n_files = 0
    for rel, exp in sorted(truth["files"].items()):
        if exp["seed"] not in want or exp["format"] not in formats:
            continue
        n_files += 1
        got, error = None, ""
        try:
            got = extract_file(out / rel, plans[exp["plan"]])
        except Exception as exc:  # a crash is measured, not fatal
            error = f"{type(exc).__name__}: {exc}"
        s = score(rel, exp, got, error)
        by_half[exp["half"]].add(s)
        for cls in exp["classes"]:
            by_class[(exp["half"], cls)].add(s)
    secs = time.perf_counter() - t0
    print(f"corpus: {n_files} returns read in {secs:.1f} s ({secs / max(n_files, 1):.3f} s/file)")
    _print_tallies("half", [(h, by_half[h]) for h in halves if h in by_half])
    if not args.no_classes:
        for h in halves:
            rows = sorted((c, t) for (hh, c), t in by_class.items() if hh == h)
            _print_tallies(f"class ({h})", rows)
    if args.details:
        for h in halves:
            for d in by_half[h].details:
                print("  " + d)


def _print_tallies(title: str, rows: list[tuple[str, Any]]) -> None:
    head = (
        f"{title:<34}{'files':>6}{'figures':>8}{'exact':>7}{'%':>7}{'unit%':>7}{'flagged':>8}"
        f"{'missed':>7}"
        f"{'silent':>7}{'rev.miss':>9}{'problems':>10}{'errors':>7}"
    )
    print()
    print(head)
    print("-" * len(head))
    for name, t in rows:
        print(
            f"{name:<34}{t.files:>6}{t.expected:>8}{t.exact:>7}{t.exact_pct:>6.1f}%"
            f"{t.unit_pct:>6.1f}%{t.flagged:>8}{t.missed:>7}{t.silent:>7}{t.review_missed:>9}"
            f"{f'{t.problems_reported}/{t.problems_expected}':>10}{t.errors:>7}"
        )


def run_conditions(args: argparse.Namespace) -> None:
    """Scans and photos under office conditions, through the conditions benchmark."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import scan_conditions

    wanted = {f.strip() for f in args.formats.split(",")} & {"scan", "photo"}
    kind = "both" if len(wanted) != 1 else wanted.pop()
    half = {"train": "tune", "test": "test", "both": "both"}[args.half]
    argv = ["--seeds", args.condition_seeds, "--half", half, "--kind", kind]
    if args.details:
        argv.append("--details")
    status = scan_conditions.main(argv)
    if status:
        raise SystemExit(status)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--what", choices=["samples", "corpus", "conditions", "all"], default="all")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples" / "returns")
    ap.add_argument("--plan", type=Path, default=ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
    ap.add_argument("--formats", default="xlsx,docx,pdf,scan,photo")
    ap.add_argument("--repeat", type=int, default=5, help="timing repeats for digital files")
    ap.add_argument("--details", action="store_true", help="list every discrepancy")
    ap.add_argument("--corpus-dir", type=Path, default=ROOT / ".work" / "corpus")
    ap.add_argument("--half", choices=["train", "test", "both"], default="both")
    ap.add_argument("--n", type=int, default=0, help="returns per half (0: all)")
    ap.add_argument("--seeds", type=int, default=240, help="corpus seeds 0..SEEDS-1")
    ap.add_argument("--reuse", action="store_true", help="reuse a corpus already written")
    ap.add_argument("--no-classes", action="store_true", help="per half only")
    ap.add_argument("--condition-seeds", default="0-59", help="office-conditions seeds, e.g. 0-59")
    args = ap.parse_args()
    if args.what in ("samples", "all"):
        run_samples(args)
    if args.what in ("corpus", "all"):
        run_corpus(args)
    if args.what == "conditions":
        run_conditions(args)


if __name__ == "__main__":
    main()
