"""The rules that leave a scan's figure unsure name themselves for the trace
(`extract/ocr/doubts.py`, `benchmarks/flag_rules.py`; issue 10, judge). Naming a rule
changes no reading: `digits_confidence` is `judged_digits` without the name."""

from __future__ import annotations

from extract.document import Cell
from extract.ocr import cells, doubts
from extract.ocr.confidence import digits_confidence, judged_digits


def test_each_branch_names_its_rule_and_reads_as_before() -> None:
    sure = cells.DigitsRead("23", 0.9, blank=False, confirmed=True)
    cases = {
        ("23", 0.9, sure, False): "agreed",
        ("20", 0.9, sure, False): "page OCR sure of another number",
        ("20", 0.4, sure, False): "page saw digits the re-read lacks",
        ("", 0.0, sure, False): "re-read",
        ("", 0.0, cells.DigitsRead("23", 0.9, blank=False), True): "photo: unconfirmed",
        (
            "§3",
            0.4,
            cells.DigitsRead("3", 0.9, blank=False),
            False,
        ): "marks beside the page's digits",
        ("", 0.0, cells.DigitsRead("2a", 0.9, blank=False), False): "not a number",
    }
    for (page, conf, read, photo), rule in cases.items():
        number, d_conf, named = judged_digits(page, conf, read, photo)
        assert named == rule
        assert digits_confidence(page, conf, read, photo) == (number, d_conf)


def test_notes_are_kept_only_while_tracing() -> None:
    cell = Cell(text="23", row=0, col=0)
    doubts.note(cell, "stamped over")
    assert doubts.of(cell) == []
    with doubts.traced():
        doubts.note(cell, "agreed")
        doubts.note(cell, "stamped over")
        assert doubts.of(cell) == ["agreed", "stamped over"]
    assert doubts.of(cell) == []
