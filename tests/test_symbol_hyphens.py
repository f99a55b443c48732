"""Document symbols ("884/KH-UBND") never break at their hyphen, and Word's non-breaking
hyphen reads as "-" wherever we read a DOCX (a return, or our own document in the lint)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from chitieu.lint.docx_view import DocxView
from chitieu.render import _oxml
from extract.formats.docx import read_docx
from extract.limits import DEFAULT_LIMITS

TITLE = "Kết quả thực hiện theo Kế hoạch số 884/KH-UBND và Nghị định 30/2020/NĐ-CP, QĐ-TTg"


def _written(tmp_path: Path) -> Path:
    d = docx.Document()
    _oxml.style_run(d.add_paragraph().add_run(TITLE), 14, bold=True)
    _oxml.style_run(d.add_paragraph().add_run("giai đoạn 2021-2025, Covid-19, y-tế"), 14)
    out = tmp_path / "symbols.docx"
    d.save(str(out))
    return out


def test_symbol_hyphens_are_non_breaking_and_others_stay(tmp_path: Path) -> None:
    body = docx.Document(str(_written(tmp_path))).element.body
    first, second = body.findall(qn("w:p"))[:2]
    assert len(first.findall(".//" + qn("w:noBreakHyphen"))) == 3  # KH-, NĐ-, QĐ-
    texts = [t.text for t in first.iter(qn("w:t"))]
    assert "-" not in "".join(texts)
    assert texts[:2] == [
        "Kết quả thực hiện theo Kế hoạch số 884/KH",
        "UBND và Nghị định 30/2020/NĐ",
    ]
    # year ranges, numbers and lower-case words keep their ordinary hyphen
    assert second.findall(".//" + qn("w:noBreakHyphen")) == []


def test_readers_take_a_non_breaking_hyphen_for_a_hyphen(tmp_path: Path) -> None:
    path = _written(tmp_path)
    assert docx.Document(str(path)).paragraphs[0].text == TITLE
    assert read_docx(path, DEFAULT_LIMITS).lines[0].text == TITLE
    assert DocxView(path).paragraphs[0].text == TITLE
