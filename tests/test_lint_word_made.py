"""Lint on documents made the way Word users make them, not the way chitieu writes them.

Word declares fonts through the theme (cstheme), leaves the complex-script slot to the theme, types the issuer as two paragraphs or with Shift+Enter, turns
the margins with a landscape page, and pastes tables wider than the page. Each variation is
applied to a clean received document (tests/test_lint_received.py) and must give exactly the
finding it deserves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from test_lint_received import _document, _errors, _fonts, _p

from chitieu.lint import Severity, lint_docx


def _runs(doc: Any) -> list[Any]:
    return [r for p in doc.paragraphs for r in p.runs]


def _set_theme_fonts(rpr: Any, *, cs: str | None) -> None:
    """ascii/hAnsi/eastAsia Times New Roman typed, complex script left to the theme."""
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:  # a run holding only a drawing
        return
    if rf.get(qn("w:cs")) is not None:
        del rf.attrib[qn("w:cs")]
    if cs:
        rf.set(qn("w:cstheme"), cs)


def _rewrite(path: Path, change: Any) -> Path:
    doc = docx.Document(str(path))
    change(doc)
    doc.save(str(path))
    return path


def _font_rule(path: Path) -> list[str]:
    return [f.message_vi for f in lint_docx(path) if f.rule_id == "ND30.03"]


@pytest.mark.parametrize("cs", ["minorBidi", "majorBidi", None])
def test_complex_script_theme_font_is_not_flagged(tmp_path: Path, cs: str | None) -> None:
    def change(doc: Any) -> None:
        for r in _runs(doc):
            _set_theme_fonts(r._r.get_or_add_rPr(), cs=cs)
        for rpr in (
            doc.styles["Normal"].element.get_or_add_rPr(),
            doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
        ):
            _set_theme_fonts(rpr, cs=cs)

    path = _rewrite(_document(tmp_path), change)
    assert _font_rule(path) == []


def test_a_latin_font_other_than_times_is_still_flagged(tmp_path: Path) -> None:
    def change(doc: Any) -> None:
        _runs(doc)[-1]._r.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:hAnsi"), "Arial")

    assert any("Arial" in m for m in _font_rule(_rewrite(_document(tmp_path), change)))


def test_complex_script_font_counts_for_a_run_marked_complex(tmp_path: Path) -> None:
    def change(doc: Any) -> None:
        rpr = _runs(doc)[-1]._r.get_or_add_rPr()
        rpr.find(qn("w:rFonts")).set(qn("w:cs"), "Arial")
        rpr.append(rpr.makeelement(qn("w:rtl"), {}))

    assert any(
        "Arial ở thuộc tính cs" in m for m in _font_rule(_rewrite(_document(tmp_path), change))
    )


def _two_line_issuer(tmp_path: Path, first: str, second: str, *, soft: bool) -> Path:
    """The issuer typed as two lines: two paragraphs, or one with a line break."""

    def change(doc: Any) -> None:
        p = doc.paragraphs[0]  # "ỦY BAN NHÂN DÂN PHƯỜNG YÊN HÒA"
        run = p.runs[0]
        run.text = first
        if soft:
            run.add_break()
            run.add_text(second)
        else:
            new = _p(doc, second, 13, bold=True)
            p._p.addnext(new._p)

    return _rewrite(_document(tmp_path), change)


@pytest.mark.parametrize("soft", [False, True])
def test_issuer_on_two_lines_broken_between_body_and_place_is_right(
    tmp_path: Path, soft: bool
) -> None:
    path = _two_line_issuer(tmp_path, "ỦY BAN NHÂN DÂN", "PHƯỜNG YÊN HÒA", soft=soft)
    # (the rule drawn for one line is now too long for the widest line: that is reported)
    assert not any("tên riêng" in m for m in _errors(path).get("ND30.05", []))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG", "YÊN HÒA"),
        ("ỦY BAN NHÂN DÂN PHƯỜNG YÊN", "HÒA"),
        ("ỦY BAN NHÂN", "DÂN PHƯỜNG YÊN HÒA"),
    ],
)
@pytest.mark.parametrize("soft", [False, True])
def test_issuer_broken_inside_a_name_is_found(
    tmp_path: Path, first: str, second: str, soft: bool
) -> None:
    errors = _errors(_two_line_issuer(tmp_path, first, second, soft=soft))
    assert any("xuống dòng giữa một tên riêng" in m for m in errors.get("ND30.05", []))


def _landscape_annex(doc: Any, *, top: float, bottom: float, left: float, right: float) -> None:
    s = doc.add_section(WD_SECTION.NEW_PAGE)
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Twips(16838), Twips(11906)
    s.top_margin, s.bottom_margin = Mm(top), Mm(bottom)
    s.left_margin, s.right_margin = Mm(left), Mm(right)
    t = doc.add_table(rows=2, cols=3)
    t.style = doc.styles["Table Grid"]
    for c in t.rows[0].cells:
        c.text = "Chỉ tiêu"


@pytest.mark.parametrize(
    ("margins", "ok"),
    [
        ((30, 15, 20, 20), True),  # binding edge turned to the top
        ((15, 30, 20, 20), True),  # turned the other way
        ((20, 20, 30, 15), True),  # not turned: the portrait rule as is
        ((10, 10, 10, 10), False),
        ((30, 15, 30, 15), False),
    ],
)
def test_landscape_margins_may_turn_with_the_page(
    tmp_path: Path, margins: tuple[float, float, float, float], ok: bool
) -> None:
    top, bottom, left, right = margins
    path = _rewrite(
        _document(tmp_path),
        lambda doc: _landscape_annex(doc, top=top, bottom=bottom, left=left, right=right),
    )
    assert ("ND30.02" not in _errors(path)) == ok


@pytest.mark.parametrize(("cols", "mm", "wide"), [(6, 27, False), (14, 25, True), (8, 25, True)])
def test_a_table_wider_than_the_text_area_is_an_error(
    tmp_path: Path, cols: int, mm: float, wide: bool
) -> None:
    def change(doc: Any) -> None:
        t = doc.add_table(rows=2, cols=cols)
        t.style = doc.styles["Table Grid"]
        for n, col in enumerate(t.columns):
            col.width = Mm(mm)
            for c in col.cells:
                c.width = Mm(mm)
                c.text = str(n)
        for r in t.rows:
            for c in r.cells:
                for p in c.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(12)
                        _fonts(run._r.get_or_add_rPr())

    findings = [
        f for f in lint_docx(_rewrite(_document(tmp_path), change)) if f.rule_id == "ND30.19"
    ]
    assert bool(findings) == wide
    assert all(f.severity == Severity.error for f in findings)
