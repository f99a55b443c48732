"""Scans and photos under seeded office conditions: exact, flagged, silent, by condition.

    .venv/bin/python benchmarks/scan_conditions.py [--seeds 0-39] [--half both|tune|test]
        [--keep DIR] [--details] [--kind both|scan|photo] [--tag medium=fax ...]
        [--grammar conditions|layouts|typefaces]

Cases come from `samples/returns/scan_conditions.py` (built at run time, nothing
committed; `--keep DIR` builds only the seeds DIR lacks). Odd seeds are the test half,
never tuned on. A figure is *exact* when read right and not flagged; *flagged* when sent
to review (right or wrong) or missing with a problem; *silent* when wrong and not flagged (or invented): the one outcome that must
stay 0. Printed scans (scan, fax) and photos are reported apart, then every condition.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.errors import ChitieuError  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402
from extract import extract_file  # noqa: E402

GRAMMARS = {
    "conditions": "scan_conditions.py",
    "layouts": "scan_layouts.py",
    "typefaces": "scan_typefaces.py",
}


def load_grammar(name: str = "conditions") -> object:
    """A grammar of `samples/returns/` (not a package): `scan_conditions.py` as module
    `scan_cases`, `scan_layouts.py` (page layouts, its own plan) as `scan_layouts`."""
    module_name = "scan_cases" if name == "conditions" else f"scan_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(
        module_name, ROOT / "samples/returns" / GRAMMARS[name]
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


sc = load_grammar()


@dataclass
class Tally:
    figures: int = 0
    exact: int = 0
    flagged: int = 0
    missing: int = 0
    silent: int = 0
    files: int = 0
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def row(self, label: str) -> str:
        pct = 100.0 * self.exact / self.figures if self.figures else 100.0
        return (
            f"{label:<26}{self.files:>5}{f'{self.exact}/{self.figures}':>10}{pct:>7.1f}%"
            f"{self.flagged:>8}{self.missing:>8}{self.silent:>7}{self.seconds / max(self.files, 1):>7.1f}"
        )


HEAD = f"{'':<26}{'files':>5}{'exact':>10}{'%':>8}{'flagged':>8}{'missing':>8}{'silent':>7}{'s/file':>7}"


def score(path: Path, truth: dict, plan: object) -> tuple[Tally, list[str]]:
    t = Tally(files=1)
    notes: list[str] = []
    t0 = time.perf_counter()
    try:
        ex = extract_file(path, plan)  # type: ignore[arg-type]
        records, unit = ex.records, ex.unit
    except ChitieuError as exc:
        records, unit = (), None
        notes.append(f"refused: {exc}")
    t.seconds = time.perf_counter() - t0
    got = {(r.unit, r.indicator): r for r in records}
    for rec in truth["records"]:
        t.figures += 1
        r = got.get((rec["unit"], rec["indicator"]))
        if r is None:
            t.missing += 1
            notes.append(f"missing {rec['indicator']}={rec['value']}")
        elif r.value == rec["value"] and not r.needs_review:
            t.exact += 1
        elif r.needs_review:
            t.flagged += 1
            notes.append(f"flagged {rec['indicator']}={rec['value']} read {r.value}")
        else:
            t.silent += 1
            notes.append(f"SILENT {rec['indicator']}={rec['value']} read {r.value}")
    wanted = {(r["unit"], r["indicator"]) for r in truth["records"]}
    for key, r in got.items():
        if key not in wanted and not r.needs_review:
            t.silent += 1
            notes.append(f"SILENT spurious {key}={r.value}")
    if unit != truth["unit"]:
        notes.append(f"unit {unit}")
    return t, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-39")
    ap.add_argument("--half", choices=("both", "tune", "test"), default="both")
    ap.add_argument("--keep", type=Path, help="write the cases here (and reuse them if present)")
    ap.add_argument("--details", action="store_true")
    ap.add_argument(
        "--kept-only",
        action="store_true",
        help="score only the cases already in --keep; build nothing (a shared set stays as it is)",
    )
    ap.add_argument("--kind", choices=("both", "scan", "photo"), default="both")
    ap.add_argument(
        "--tag", action="append", default=[], help="only cases with this tag (repeatable: all)"
    )
    ap.add_argument(
        "--grammar",
        choices=tuple(GRAMMARS),
        default="conditions",
        help="layouts: page layouts (table over two pages, wide landscape, figures on page 2, "
        "many rows); typefaces: how the return is typed (face, size, bold, aligned figures, "
        "thousands dots, header wording, spacing); keep their cases apart (e.g. --keep "
        "/tmp/layouts/cases)",
    )
    args = ap.parse_args(argv)
    sc = load_grammar(args.grammar)
    plan = load_plan(sc.PLAN_PATH)
    seeds = [
        s
        for s in sc.parse_seeds(args.seeds)
        if (args.half == "both" or (args.half == "test") == sc.is_test(s))
        and (args.kind == "both" or sc.draw_case(plan, s).kind == args.kind)
        and set(args.tag) <= set(sc.draw_case(plan, s).tags())
    ]
    with tempfile.TemporaryDirectory(prefix="scan-cond-") as tmp:
        out = args.keep or Path(tmp) / "cases"
        truth_file = out / "truth.json"
        kept: dict[str, dict] = {}
        if truth_file.exists():
            kept = json.loads(truth_file.read_text("utf-8"))
        missing = sorted(set(seeds) - {v["seed"] for v in kept.values()})
        if args.kept_only:
            seeds = [s for s in seeds if s not in missing]
            missing = []
        if missing:  # build only the seeds not kept yet; the kept ones stay as they are
            t0 = time.perf_counter()
            sc.make_cases(missing, out, Path(tmp), plan)
            kept.update(json.loads(truth_file.read_text("utf-8")))
            truth_file.write_text(json.dumps(kept, ensure_ascii=False, indent=1), "utf-8")
            print(f"{len(missing)} cases built in {time.perf_counter() - t0:.0f} s")
        truth = {k: v for k, v in kept.items() if v["seed"] in seeds}
        by: dict[tuple[str, str], Tally] = defaultdict(Tally)
        for name, exp in sorted(truth.items(), key=lambda kv: kv[1]["seed"]):
            t, notes = score(out / name, exp, plan)
            for key in [("kind", exp["kind"])] + [("tag", tag) for tag in exp["tags"]]:
                by[(exp["half"], *key)].add(t)  # type: ignore[arg-type]
            if exp["half"] == "tune" and (args.details or t.silent):  # the test half stays unseen
                print(f"{name}: {t.exact}/{t.figures} {'; '.join(notes)}", flush=True)
    for half in ("tune", "test"):
        rows = {k: v for k, v in by.items() if k[0] == half}
        if not rows:
            continue
        print(f"\n== {half} half ==")
        print(HEAD)
        for kind in ("scan", "photo"):
            if (half, "kind", kind) in rows:
                print(rows[(half, "kind", kind)].row(f"ALL {kind}"))
        for key in sorted(k for k in rows if k[1] == "tag"):
            print(rows[key].row(key[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
