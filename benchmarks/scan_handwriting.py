"""Silent errors on handwritten returns: random pen-written figures in our drafted form.

    .venv/bin/python benchmarks/scan_handwriting.py [--forms 8] [--seed 1000] [--typed]

Each form is `chitieu draft`'s return form for one ward, rasterised at 150/200/300 dpi,
its results written by pen (samples/returns/make_scans.py), stamped, signed, skewed or
photographed. Prints per form what was flagged, then exact / flagged / silent counts.
Silent errors (a wrong value without needs_review) must stay 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.plan import load_plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402
from extract import extract_file  # noqa: E402

_spec = importlib.util.spec_from_file_location("make_scans", ROOT / "samples/returns/make_scans.py")
assert _spec and _spec.loader
ms = importlib.util.module_from_spec(_spec)
sys.modules["make_scans"] = ms
_spec.loader.exec_module(ms)  # it puts samples/returns on sys.path
import _return_pages as pages  # noqa: E402
import _scanning as scanning  # noqa: E402

FIGURES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 19, 20, 25, 30, 47, 58, 69]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forms", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--typed", action="store_true", help="type the figures into the DOCX instead")
    args = ap.parse_args(argv)
    plan = load_plan(ms.PLAN_PATH)
    units = [u.id for u in plan.reporting_units if u.kind == "phường"]
    counts = {"values": 0, "exact": 0, "flagged": 0, "silent": 0}
    with tempfile.TemporaryDirectory(prefix="scan-hand-") as tmp:
        work = Path(tmp)
        picked = [units[k % len(units)] for k in range(args.forms)]
        docs = []
        all_values = []
        for k, unit in enumerate(picked):
            rng = np.random.default_rng(args.seed + k)
            all_values.append({ind.id: int(rng.choice(FIGURES)) for ind in plan.indicators})
            docs.append(work / f"f{k}-{unit}.docx")
            pages.form_docx(plan, unit, all_values[-1] if args.typed else None, docs[-1], work)
        convert_to_pdf(docs, work, timeout=300)  # one soffice call, private profile
        for k, unit in enumerate(picked):
            rng = np.random.default_rng(args.seed + 10_000 + k)
            values = all_values[k]
            pdf = work / f"f{k}-{unit}.pdf"
            dpi = int(rng.choice([150, 200, 300]))
            page = scanning.rasterise(pdf, dpi, work)
            if not args.typed:
                page = scanning.write_by_hand(page, pdf, dpi, plan, values, rng)
            sign = scanning.signer_box(pdf, "CHỦ TỊCH")
            photo = k % 3 == 2
            if photo:
                clean = scanning.degrade(
                    page, dpi, sign, rng, angle=0.0, colour=True, noise=3.0, below=True
                )
                img = scanning.photograph(clean, rng)
            else:
                angle = float(rng.uniform(-2, 2))
                img = scanning.degrade(
                    page, dpi, sign, rng, angle=angle, colour=bool(k % 2), below=True
                )
            out = work / f"f{k}-{unit}.jpg"
            scanning.save(img, out, dpi, 60)
            ex = extract_file(out, plan)
            got = {r.indicator: r for r in ex.records if r.unit == unit}
            notes = []
            for ind, value in values.items():
                r = got.get(ind)
                counts["values"] += 1
                if r is not None and r.value == value and not r.needs_review:
                    counts["exact"] += 1
                elif r is not None and not r.needs_review:
                    counts["silent"] += 1
                    notes.append(f"SILENT {ind} {value}→{r.value}")
                else:
                    counts["flagged"] += 1
                    notes.append(f"flagged {ind} {value}→{r.value if r else None}")
            kind = "photo" if photo else "scan"
            print(f"{unit:14} {dpi} dpi {kind:5} unit={ex.unit}  {'; '.join(notes)}")
    print(counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
