"""Scans and phone photos as offices really make them, drawn from a grammar by seed.

    .venv/bin/python samples/returns/scan_conditions.py --seeds 0-7 --out /tmp/cases

One seed → one returned document and how it came back: the source (a ward's return
letter or `chitieu draft`'s form, portrait or landscape, one or two pages, the results
table fully ruled, faintly ruled, ruled across only, or not ruled at all), and the way
back (a flatbed scan, a fax, or a phone photo) with its conditions drawn at random: light
colour temperature and direction, shadow shapes, paper tint, desk texture, resolution
1000–4000 px, JPEG 30–90, blur, rotation 0/90/180/270 ± 3°, fax binarisation and
streaks, a red stamp over rules and figures, a two-page TIFF or PDF.

The way back (scanner, fax, phone, the file format) is in `_return_media.py`, the clean
pages in `_return_pages.py`. Nothing is committed: `benchmarks/scan_conditions.py`
builds the images at run time.
Odd seeds are the **test half** (never tuned on); even seeds the tuning half.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import _return_media as return_media  # noqa: E402
import _return_pages as return_pages  # noqa: E402
import _scanning as scanning  # noqa: E402

from chitieu.plan import Plan, load_plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402

PLAN_PATH = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"  # make_scans' plan
FIGURES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19, 20, 23, 28, 31, 45]
FIGURES += [56, 68, 74, 89, 102, 120, 137]


def is_test(seed: int) -> bool:
    """The test half: odd seeds. Nothing is tuned on them."""
    return seed % 2 == 1


@dataclass
class Case:
    """One generated document as it came back, and its truth."""

    seed: int
    unit: str
    values: dict[str, int]
    source: str  # "letter" | "form"
    rules: str  # "full" | "faint" | "across" | "none"
    landscape: bool
    pages: int
    medium: str  # "scan" | "fax" | "photo"
    conditions: dict[str, object] = field(default_factory=dict)
    file: str = ""

    @property
    def half(self) -> str:
        return "test" if is_test(self.seed) else "tune"

    @property
    def kind(self) -> str:
        """How the benchmark groups its target: printed scans (scan, fax) or photos."""
        return "photo" if self.medium == "photo" else "scan"

    def tags(self) -> list[str]:
        """The conditions this case shows, as benchmark rows."""
        c = self.conditions
        out = [f"medium={self.medium}", f"rules={self.rules}", f"source={self.source}"]
        if self.landscape:
            out.append("landscape")
        if self.pages > 1:
            out.append(f"pages=2:{c.get('container')}")
        turn = int(c.get("turn", 0))
        out.append(f"turn={turn}")
        if abs(float(c.get("skew", 0.0))) > 1.5:
            out.append("skew>1.5")
        q = int(c.get("jpeg", 95))
        out.append("jpeg<50" if q < 50 else "jpeg50-90")
        px = int(c.get("long_side", 0))
        out.append("px<1800" if px < 1800 else "px1800-2800" if px < 2800 else "px>=2800")
        if float(c.get("blur", 0.0)) >= 1.0:
            out.append("blur")
        if c.get("stamp_on_figures"):
            out.append("stamp-on-figures")
        if c.get("tint"):
            out.append("paper-tint")
        if self.medium == "photo":
            out.append(f"light={c.get('light')}")
            if c.get("shadow"):
                out.append("shadow")
            out.append(f"desk={c.get('desk')}")
            if c.get("top_cut"):
                out.append("letterhead-cut")
            elif c.get("margin_cut"):
                out.append("page-fills-frame")
        if self.medium == "fax":
            out.append("fax-streaks" if c.get("streaks") else "fax")
        if c.get("dark_edge"):
            out.append("dark-edge")
        return out

    def truth(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "records": [
                {"unit": self.unit, "indicator": k, "value": v} for k, v in self.values.items()
            ],
            "seed": self.seed,
            "half": self.half,
            "kind": self.kind,
            "tags": self.tags(),
        }


def draw_case(plan: Plan, seed: int) -> Case:
    """The grammar: what document, ruled how, coming back how."""
    rng = np.random.default_rng(10_007 * seed + 17)
    wards = [u.id for u in plan.reporting_units if u.kind == "phường"]
    unit = wards[int(rng.integers(len(wards)))]
    values = {ind.id: int(rng.choice(FIGURES)) for ind in plan.indicators}
    source = "form" if rng.random() < 0.25 else "letter"
    rules = "full" if source == "form" else str(rng.choice(["full", "faint", "across", "none"]))
    landscape = bool(source == "letter" and rng.random() < 0.15)
    pages = 2 if source == "letter" and rng.random() < 0.15 else 1
    medium = str(rng.choice(["scan", "scan", "fax", "photo", "photo"]))
    c: dict[str, object] = {}
    turn = int(rng.choice([0, 0, 0, 0, 90, 180, 270]))
    c["turn"] = turn
    c["skew"] = round(float(rng.uniform(-3, 3)), 2)
    c["stamp_on_figures"] = bool(rng.random() < 0.35)
    c["blur"] = round(float(rng.choice([0.0, 0.0, rng.uniform(0.6, 1.6)])), 2)
    c["jpeg"] = int(rng.integers(30, 91))
    c["noise"] = round(float(rng.uniform(2, 12)), 1)
    if pages > 1:
        c["container"] = "tiff" if rng.random() < 0.5 else "pdf"
    if medium == "scan":
        c["dpi"] = int(rng.choice([150, 200, 240, 300]))
        c["tint"] = bool(rng.random() < 0.3)
        c["dark_edge"] = bool(rng.random() < 0.25)
    elif medium == "fax":
        c["dpi"] = int(rng.choice([200, 200, 150]))  # fine / standard fax, printed at the far end
        c["streaks"] = bool(rng.random() < 0.6)
        c["jpeg"] = 95  # faxes come as lossless TIFF/PNG/PDF
        c["threshold"] = int(rng.integers(120, 175))
    else:
        c["long_side"] = int(rng.integers(1000, 4001))
        c["dpi"] = 200 if c["long_side"] < 2600 else 300  # of the rendered page before the photo
        c["kelvin"] = int(rng.choice([2700, 3200, 4000, 5000, 6500, 7500]))
        c["light"] = "warm" if c["kelvin"] < 4000 else "cool" if c["kelvin"] > 5500 else "neutral"
        c["light_angle"] = round(float(rng.uniform(0, 360)), 1)
        c["light_drop"] = round(float(rng.uniform(0.15, 0.5)), 2)
        c["shadow"] = str(rng.choice(["none", "arm", "phone", "blob"]))
        if c["shadow"] == "none":
            c["shadow"] = ""
        c["desk"] = str(rng.choice(["wood", "check", "dark", "cloth"]))
        c["tint"] = bool(rng.random() < 0.5)
        c["margin_cut"] = bool(rng.random() < 0.25)  # the page fills the frame, edges cut
        # Framed on the table, the letterhead (the page's top) left out of the picture.
        # Drawn last: the draws above stay what they were for every seed.
        c["top_cut"] = round(float(rng.uniform(0.08, 0.2)), 3) if rng.random() < 0.2 else 0.0
    if medium != "photo":
        c["long_side"] = round(297 / 25.4 * int(c["dpi"]))
    return Case(seed, unit, values, source, rules, landscape, pages, medium, c)


# --- sources -------------------------------------------------------------------------


def _borders(table: object, rules: str) -> None:
    """Replace the table's borders: full, faint grey, horizontal rules only, or none."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    table.style = None  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        on = rules in ("full", "faint") or (
            rules == "across" and edge in ("top", "bottom", "insideH")
        )
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "B4B4B4" if rules == "faint" else "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _shape_docx(path: Path, case: Case) -> None:
    """Rules, orientation and page break applied to a built DOCX."""
    doc = Document(str(path))
    for table in doc.tables:
        if any("Kết quả" in c.text for c in table.rows[0].cells) and case.rules != "full":
            _borders(table, case.rules)
    if case.landscape:
        sec = doc.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
    if case.pages > 1:
        for p in doc.paragraphs:
            if "trân trọng báo cáo" in p.text:
                p.runs[0].add_break(WD_BREAK.PAGE)
                break
    doc.save(str(path))


def letter_number(seed: int, first: int) -> str:
    """The return letter's number ("Số: 108/BC-UBND") from its seed alone: it was `first`
    plus the case's place in the batch built, so a seed built alone or with others was
    another image. One half's seeds of a block of 200 built together (as the shared tune
    sets were) gave `first + (seed % 200) // 2`: that number is kept, and so are they."""
    return f"{first + (seed % 200) // 2}/BC-UBND"


def build_sources(plan: Plan, cases: list[Case], work: Path) -> dict[int, Path]:
    """Every case's DOCX → PDF in one LibreOffice call."""
    docs: list[Path] = []
    for case in cases:
        path = work / f"c{case.seed:05d}.docx"
        if case.source == "form":
            return_pages.form_docx(plan, case.unit, case.values, path, work)
        else:
            number = letter_number(case.seed, 30)
            return_pages.return_docx(
                plan, case.unit, case.values, number, "Nguyễn Văn An", path, None
            )
        _shape_docx(path, case)
        docs.append(path)
    convert_to_pdf(docs, work, timeout=600)
    return {c.seed: work / f"c{c.seed:05d}.pdf" for c in cases}


# --- pixels ---------------------------------------------------------------------------


def _figure_boxes(pdf: Path, values: dict[str, int]) -> list[tuple[float, float, float, float]]:
    """Where the results are printed (points): the right-most column of figures."""
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    wanted = {f"{v:02d}" for v in values.values()} | {str(v) for v in values.values()}
    hits = [w for w in words if w["text"] in wanted]
    if not hits:
        return []
    right = max(w["x0"] for w in hits)
    return [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in hits if w["x0"] > right - 30]


def _signer(pdf: Path, case: Case) -> tuple[float, float, float, float] | None:
    name = "CHỦ TỊCH" if case.source == "form" else "Nguyễn Văn An"
    try:
        return scanning.signer_box(pdf, name)
    except (StopIteration, IndexError):
        return None


def _page_pixels(
    pdf: Path, case: Case, page: Image.Image, first: bool, rng: np.random.Generator
) -> Image.Image:
    """Signature, stamp (maybe over the figures) and paper tint on one clean page."""
    c = case.conditions
    dpi = int(c["dpi"])  # type: ignore[arg-type]
    img = page.convert("RGB")
    sign = _signer(pdf, case) if (case.pages == 1 or not first) else None
    if sign is not None:
        img = scanning.degrade(
            img, dpi, sign, rng, angle=0.0, colour=True, noise=0.0, below=case.source == "form"
        )
    if first and c.get("stamp_on_figures"):
        boxes = _figure_boxes(pdf, case.values)
        if boxes:
            img = scanning.stamp_over(img, boxes[int(rng.integers(len(boxes)))], dpi, rng)
    if c.get("tint"):
        img = scanning.tint_paper(img, rng)
    return img


def render_case(case: Case, pdf: Path, work: Path, out_dir: Path) -> Path:
    """The case's file, degraded as drawn; returns its path."""
    rng = np.random.default_rng(99_991 * case.seed + 5)
    c = case.conditions
    dpi = int(c["dpi"])  # type: ignore[arg-type]
    pages = return_media.rasterise_all(pdf, dpi, work)[: case.pages]
    imgs = []
    for i, page in enumerate(pages):
        img = _page_pixels(pdf, case, page, i == 0, rng)
        imgs.append(return_media.as_returned(img, case, rng, first=i == 0))
    return return_media.save_pages(case, imgs, out_dir)


def parse_seeds(text: str) -> list[int]:
    """ "0-9,20,30-31" → [0..9, 20, 30, 31]."""
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def make_cases(seeds: list[int], out_dir: Path, work: Path, plan: Plan | None = None) -> list[Case]:
    """Draw, build and degrade every seed's case into `out_dir` (truth.json beside them)."""
    return write_cases(sys.modules[__name__], seeds, out_dir, work, plan)


def write_cases(grammar: Any, seeds: list[int], out_dir: Path, work: Path, plan: Any) -> list[Any]:
    """A grammar module's cases (its `draw_case`, `build_sources`, `render_case`) built."""
    plan = plan or load_plan(grammar.PLAN_PATH)
    cases = [grammar.draw_case(plan, s) for s in seeds]
    pdfs = grammar.build_sources(plan, cases, work)
    for case in cases:
        grammar.render_case(case, pdfs[case.seed], work, out_dir)
    (out_dir / "truth.json").write_text(
        json.dumps({c.file: c.truth() for c in cases}, ensure_ascii=False, indent=1), "utf-8"
    )
    return cases


def main(argv: list[str] | None = None, grammar: Any = None) -> int:
    """Build the cases of `grammar` (this module by default) and print their tags."""
    import tempfile

    grammar = grammar or sys.modules[__name__]
    ap = argparse.ArgumentParser(description=grammar.__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-7")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scan-cases-") as tmp:
        for case in grammar.make_cases(parse_seeds(args.seeds), args.out, Path(tmp)):
            print(case.file, " ".join(case.tags()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
