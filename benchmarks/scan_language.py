"""Which Tesseract model reads our prose and headers better: `vie` or `vie+Vietnamese`.

    .venv/bin/python benchmarks/scan_language.py [--seeds 0-39] [--half tune] [--keep DIR]

On the seeded office-conditions cases (`samples/returns/scan_conditions.py`), each file is
read twice by the scan reader, once per `language` setting. Scored against what was
printed: the indicator names in the table (prose cells) and the issuer's letterhead line
("UBND PHƯỜNG …"): character error rate (edit distance / length) and exact lines; plus
figures exact through `extract_file`, and seconds per file. Debian's
`tesseract-ocr-script-viet` ships `Vietnamese.traineddata`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from chitieu.plan import load_plan  # noqa: E402
from extract.formats.scan import read_scan  # noqa: E402
from extract.interpret import interpret  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from scan_conditions import load_grammar  # noqa: E402

sc = load_grammar()


def _best(text: str, truths: list[str]) -> tuple[int, int]:
    """(edit distance, length) to the closest truth."""
    return min((Levenshtein.distance(text, t), len(t)) for t in truths)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-39")
    ap.add_argument("--half", choices=("both", "tune", "test"), default="tune")
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--languages", default="vie,vie+Vietnamese")
    args = ap.parse_args(argv)
    plan = load_plan(sc.PLAN_PATH)
    seeds = [
        s
        for s in sc.parse_seeds(args.seeds)
        if args.half == "both" or (args.half == "test") == sc.is_test(s)
    ]
    names = [i.name for i in plan.indicators]
    with tempfile.TemporaryDirectory(prefix="scan-lang-") as tmp:
        out = args.keep or Path(tmp) / "cases"
        truth_file = out / "truth.json"
        if not truth_file.exists():
            sc.make_cases(seeds, out, Path(tmp), plan)
        truth = {
            k: v for k, v in json.loads(truth_file.read_text("utf-8")).items() if v["seed"] in seeds
        }
        print(
            f"{'language':<18}{'cells CER':>10}{'cells exact':>13}{'head CER':>10}"
            f"{'head exact':>12}{'figures':>10}{'s/file':>8}"
        )
        for language in args.languages.split(","):
            cell = [0, 0, 0, 0]  # errors, chars, exact, count
            head = [0, 0, 0, 0]
            figures = [0, 0]
            seconds = 0.0
            for name, exp in sorted(truth.items()):
                unit = plan.unit_by_id[exp["unit"]]
                issuer = f"UBND PHƯỜNG {unit.name.upper()}"
                t0 = time.perf_counter()
                doc = read_scan(out / name, {"language": language})
                seconds += time.perf_counter() - t0
                for table in doc.tables:
                    for row in table.cells:
                        for c in row:
                            if c is None or c.digits is not None or len(c.text) < 8:
                                continue
                            d, n = _best(c.text, names)
                            if d > 0.5 * n:
                                continue  # not an indicator name (a header, another cell)
                            cell[0] += d
                            cell[1] += n
                            cell[2] += d == 0
                            cell[3] += 1
                # The issuer's line: the line closest to what was printed.
                d, n = min(
                    (_best(ln.text, [issuer]) for ln in doc.lines),
                    default=(len(issuer), len(issuer)),
                )
                head[0] += min(d, n)
                head[1] += n
                head[2] += d == 0
                head[3] += 1
                result = interpret(doc, plan, name)
                got = {(r.unit, r.indicator): r for r in result.records}
                for rec in exp["records"]:
                    r = got.get((rec["unit"], rec["indicator"]))
                    figures[1] += 1
                    figures[0] += bool(r and r.value == rec["value"] and not r.needs_review)
            print(
                f"{language:<18}{100 * cell[0] / max(cell[1], 1):>9.2f}%"
                f"{f'{cell[2]}/{cell[3]}':>13}{100 * head[0] / max(head[1], 1):>9.2f}%"
                f"{f'{head[2]}/{head[3]}':>12}{f'{figures[0]}/{figures[1]}':>10}"
                f"{seconds / max(len(truth), 1):>8.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
