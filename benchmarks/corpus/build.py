"""Write a corpus to disk: plans, one folder per case, `truth.json`."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from benchmarks.corpus.document import Case
from benchmarks.corpus.grammar import make_case
from benchmarks.corpus.plans import write_plans
from benchmarks.corpus.writers import write_docx, write_xlsx


def build_corpus(
    out_dir: Path, seeds: list[int], formats: set[str] | None = None
) -> dict[str, Any]:
    """Write every case of `seeds` (whose format is in `formats`) under `out_dir`;
    return the truth: {"plans": {key: path}, "files": {relative path: truth}}."""
    from chitieu.render.pdf import convert_to_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    plans = write_plans(out_dir / "plans")
    files: dict[str, Any] = {}
    to_pdf: list[tuple[Case, Path]] = []
    work = out_dir / "pdf-work"
    for seed in seeds:
        case = make_case(seed)
        if formats is not None and case.fmt not in formats:
            continue
        rng = random.Random(f"writer-{seed}")
        folder = out_dir / "files" / f"{seed:03d}"
        if folder.exists():
            shutil.rmtree(folder)
        if case.fmt == "xlsx":
            write_xlsx(case.doc, folder / case.file_name, rng)
            rel = f"files/{seed:03d}/{case.file_name}"
        else:
            if case.fmt == "pdf":
                src = work / f"{seed:03d}--{case.file_name}"
                write_docx(case.doc, src, rng)
                to_pdf.append((case, src))
                rel = f"files/{seed:03d}/{Path(case.file_name).stem}.pdf"
            else:
                write_docx(case.doc, folder / case.file_name, rng)
                rel = f"files/{seed:03d}/{case.file_name}"
        files[rel] = case.truth()
    if to_pdf:
        pdfs = convert_to_pdf([src for _, src in to_pdf], work / "out")
        for (case, _), pdf in zip(to_pdf, pdfs, strict=True):
            dest = out_dir / "files" / f"{case.seed:03d}" / f"{Path(case.file_name).stem}.pdf"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(pdf), dest)
        shutil.rmtree(work)
    truth = {"plans": {k: str(p) for k, p in plans.items()}, "files": files}
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")
    return truth
