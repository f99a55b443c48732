"""Phone photos as offices take them (issue 10): light, desk, resolution, framing and
which way up. Cases come from the seeded grammar of `samples/returns/scan_conditions.py`,
pinned to the condition under test (the rest drawn by seed); real LibreOffice, real
Tesseract. Every figure must be read exactly, or the test says which was not.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file, read_document
from extract.ocr import geometry
from extract.ocr.orientation import upright_score
from extract.ocr.pages import load_pages
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow
sc = load_grammar()

# seed -> the photo's conditions; seeds above 200,000 are outside the benchmark's range
FIELDS = ("long_side", "kelvin", "tint", "desk", "shadow", "light_drop", "margin_cut")
FIELDS += ("top_cut", "turn", "rules")
PINNED: dict[int, tuple[object, ...]] = {
    # Warm indoor light on yellowish paper over a wooden desk, 1536×2048 JPEG.
    200_001: (2048, 2700, True, "wood", "", 0.35, False, 0.0, 0, "full"),
    # Cool daylight, an arm's shadow, the letterhead out of the picture.
    200_002: (2600, 6500, False, "cloth", "arm", 0.3, False, 0.12, 0, "full"),
    # A low-resolution 1200×1600 photo on a check tablecloth, faint rules.
    200_003: (1600, 4000, True, "check", "blob", 0.25, False, 0.0, 0, "faint"),
    # Taken upside down, the page filling the frame, no rules across the columns.
    200_004: (2400, 5000, False, "dark", "phone", 0.3, True, 0.0, 180, "across"),
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(sc.PLAN_PATH)


@pytest.fixture(scope="module")
def photos(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, object]]:
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("photos")
    drawn = []
    for seed, values in PINNED.items():
        pin = dict(zip(FIELDS, values, strict=True))
        case = sc.draw_case(plan, seed)
        case.medium, case.source, case.rules = "photo", "letter", str(pin["rules"])
        case.landscape, case.pages = False, 1
        c = case.conditions
        for key in ("dpi", "threshold", "streaks", "dark_edge", "container"):
            c.pop(key, None)
        c.update({k: v for k, v in pin.items() if k != "rules"})
        c["dpi"] = 200 if int(pin["long_side"]) < 2600 else 300  # type: ignore[call-overload]
        c["light"] = "warm" if int(c["kelvin"]) < 4000 else "neutral"  # type: ignore[call-overload]
        c.setdefault("light_angle", 45.0)
        c["blur"], c["jpeg"], c["stamp_on_figures"] = 0.0, max(int(c["jpeg"]), 60), False  # type: ignore[call-overload]
        drawn.append(case)
    pdfs = sc.build_sources(plan, drawn, work)
    return {case.seed: (sc.render_case(case, pdfs[case.seed], work, out), case) for case in drawn}


def _exact(path: Path, case: object, plan: Plan) -> tuple[int, list[str]]:
    """Figures read right and not flagged; every other figure, described."""
    ex = extract_file(path, plan)
    got = {(r.unit, r.indicator): r for r in ex.records}
    exact, other = 0, []
    for ind, value in case.values.items():  # type: ignore[attr-defined]
        r = got.get((case.unit, ind))  # type: ignore[attr-defined]
        if r is not None and r.value == value and not r.needs_review:
            exact += 1
        else:
            state = "missing" if r is None else f"read {r.value} review={r.needs_review}"
            other.append(f"{ind}={value} {state}")
    for key, r in got.items():
        if key[0] != case.unit and not r.needs_review:  # type: ignore[attr-defined]
            other.append(f"spurious {key}")
    return exact, other


@pytest.mark.parametrize("seed", sorted(PINNED))
def test_photo_figures_read_exactly(photos: dict, plan: Plan, seed: int) -> None:
    path, case = photos[seed]
    exact, other = _exact(path, case, plan)
    assert (exact, other) == (5, [])


def test_letterhead_out_of_the_picture_is_said(photos: dict) -> None:
    path, _case = photos[200_002]
    doc = read_document(path)
    assert any("không chụp hết trang" in w for w in doc.warnings)


def test_page_found_on_a_check_tablecloth_and_lit_evenly(photos: dict) -> None:
    path, _case = photos[200_003]
    page = load_pages(path, ScanSettings())[0]
    outline = geometry.find_page(page.gray, page.rgb)
    assert outline is not None and outline.cut is None
    # The page is most of the picture, well inside it.
    area = cv2.contourArea(outline.quad) / (page.gray.shape[0] * page.gray.shape[1])
    assert 0.45 < area < 0.9
    flat = geometry.even_light(geometry.warp_page(page.gray, outline.quad, 1700))
    tiles = [t for row in np.array_split(flat, 4) for t in np.array_split(row, 4, axis=1)]
    paper = [float(np.percentile(t, 90)) for t in tiles]
    assert max(paper) - min(paper) < 12  # shadow and light gradient gone


def test_which_way_up_from_the_ink_above_and_below_the_lines(photos: dict) -> None:
    path, _case = photos[200_001]
    page = load_pages(path, ScanSettings())[0]
    outline = geometry.find_page(page.gray, page.rgb)
    assert outline is not None
    level = geometry.even_light(geometry.warp_page(page.gray, outline.quad, 1700))
    up, lines = upright_score(level, 205.0)
    down, _ = upright_score(cv2.rotate(level, cv2.ROTATE_180), 205.0)
    assert lines >= 15 and up > 0.2 and down < -0.2
