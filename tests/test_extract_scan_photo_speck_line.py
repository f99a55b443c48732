"""A speck the page OCR read as a word sets no line's band (issue 10, photos pass,
session 12).

On a photo turned a quarter with rules across only (its table rebuilt from words), the
page OCR read a speck "`." six pixels high in row 3, its top just above the row's words.
Words were banded into lines in the order of their middles, and a line's band was its
first word's: the speck's thin band took the label's first words but not "tượng", the
unit or the figure "120", which made a line of their own, a row with the next row's
label parted from its own: "120" read "190", flagged. Real Tesseract; the case built from
the typefaces grammar (an even seed), and words drawn here.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import layout
from extract.ocr._exec import Word

tf = load_grammar("typefaces")


def _word(text: str, left: int, top: int, height: int = 28) -> Word:
    return Word(text, left, top, 20 * len(text), height, 90.0)


def test_a_speck_first_in_its_line_keeps_the_line_whole() -> None:
    words = [
        _word("Đưa", 380, 1030, 26),
        _word("đối", 447, 1027, 29),
        _word("tượng", 502, 1032, 30),
        _word("NĐ94/CP", 842, 1030),
        _word("`.", 1175, 1029, 6),  # the speck: its middle is the line's highest
        _word("người", 1116, 1037, 25),
        _word("120", 1467, 1031, 32),
        _word("Lập", 381, 1116, 34),
        _word("00", 1489, 1121, 31),
    ]
    lines = layout._lines(words, 29.0)
    assert [[w.text for w in ln] for ln in lines] == [
        ["Đưa", "đối", "tượng", "NĐ94/CP", "người", "`.", "120"],
        ["Lập", "00"],
    ]


def test_a_speck_apart_from_every_line_is_a_line_of_its_own() -> None:
    words = [_word("Lập", 381, 1116, 34), _word(".", 900, 1200, 5)]
    assert [[w.text for w in ln] for ln in layout._lines(words, 29.0)] == [["Lập"], ["."]]


def test_the_grammars_case_reads_the_row_whole(tmp_path: Path) -> None:
    plan = load_plan(tf.PLAN_PATH)
    (case,) = tf.make_cases([70], tmp_path, tmp_path, plan)
    ex = extract_file(tmp_path / case.file, plan)
    truth = {r["indicator"]: r["value"] for r in case.truth()["records"]}
    (rec,) = [r for r in ex.records if r.indicator == "nd94"]
    assert rec.value == truth["nd94"] == 120 and not rec.needs_review
    for r in ex.records:  # nothing read wrong and let pass
        assert r.needs_review or r.value == truth[r.indicator]
