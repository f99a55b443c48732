"""A photographed page running out of the picture, its mask bevelled at the frame
(issue 10, photos pass, session 12).

A form turned 180° with its letterhead out of the picture: where the page's left side
leaves the frame its mask was rounded off, four corners put one on the frame only, the
page was warped as whole, and its rules kept the perspective of the missing corners
(fanned 1° apart): no grid was found on the page turned upright, the table was rebuilt
from words and two figures were lost (one missing, one unread). `frame_cut.cut_corners`
finds the frame's cut in five corners. Real Tesseract; the case built from the
conditions grammar (an even seed), and outlines drawn here.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import frame_cut, geometry
from extract.ocr.pages import load_pages
from extract.settings import ScanSettings

sc = load_grammar()
SIZE = 800  # the drawn picture's side


def _hull(points: list[tuple[int, int]]) -> np.ndarray:
    """The convex hull of a page mask drawn as the polygon `points`."""
    mask = np.zeros((SIZE, SIZE), np.uint8)
    cv2.fillPoly(mask, [np.array(points, np.int32)], 255)
    contours, _h = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return cv2.convexHull(max(contours, key=cv2.contourArea))


def test_a_bevel_at_the_frame_is_a_cut_page() -> None:
    """The page leaves the bottom of the picture; its mask bevelled where its left side
    meets the frame."""
    hull = _hull([(50, 60), (745, 78), (712, 799), (76, 799), (56, 777)])
    cut = frame_cut.cut_corners(hull, SIZE, SIZE, 8.0)
    assert cut is not None and cut[1] == "bottom"
    assert sorted(int(y) for _x, y in cut[0]).count(799) == 2


@pytest.mark.parametrize(
    "points",
    [
        # a whole page with one corner touching the frame
        [(50, 60), (745, 78), (712, 799), (90, 760)],
        # a corner cut off by the frame: no bevel, the two sides meet outside the picture
        [(50, 60), (745, 78), (799, 500), (799, 700), (90, 760)],
    ],
)
def test_no_bevel_no_cut(points: list[tuple[int, int]]) -> None:
    assert frame_cut.cut_corners(_hull(points), SIZE, SIZE, 8.0) is None


def test_the_turned_form_out_of_the_picture_reads_its_figures(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    (case,) = sc.make_cases([864], tmp_path, tmp_path, plan)
    page = load_pages(tmp_path / case.file, ScanSettings())[0]
    outline = geometry.find_page(page.gray, page.rgb)
    assert outline is not None and outline.cut == "bottom"
    ex = extract_file(tmp_path / case.file, plan)
    truth = {r["indicator"]: r["value"] for r in case.truth()["records"]}
    got = {r.indicator: r for r in ex.records}
    assert set(got) == set(truth)  # none missing
    for indicator in ("nd111", "nd94"):  # one unread, one missing before
        assert got[indicator].value == truth[indicator] and not got[indicator].needs_review
    for r in ex.records:  # nothing read wrong and let pass
        assert r.needs_review or r.value == truth[r.indicator]
