"""A form's document number line, its colon misread, is not taken for the sender.

A form prints "Số:   /BC-UBND" under the letterhead, its number left blank. A fax read
it "Số “BC-VBND": the number line was known by the colon, a digit or the slash after
"Số", so it stood as the lowest body of the left column ("so" folds as "Sở", a
department), a sender the plan lacks, against the signature's and the body's Phường
Nghĩa Đô: every record of the return flagged (tune4 seed 758). The document's symbol,
letters a hyphen joins ("BC-UBND"), says it is the number line as well. "Sở …" lines
("SỞ TƯ PHÁP") are bodies still. Real Tesseract on the conditions grammar's seed as made
for the benchmark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.letterhead_lines import letterhead_words
from tests.scan_case import assert_read_surely


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Số “BC-VBND", ()),
        ("Số “BC - UBND", ()),
        ("Số: 42/BC-UBND", ()),
        ("SỞ TƯ PHÁP", ("so", "tu", "phap")),
        (
            "Sở Lao động - Thương binh và Xã hội",
            ("so", "lao", "dong", "thuong", "binh", "va", "xa", "hoi"),
        ),
    ],
)
def test_a_number_line_known_by_its_symbol(line: str, kept: tuple[str, ...]) -> None:
    assert letterhead_words(line) == kept


@pytest.mark.slow
def test_a_fax_form_whose_number_lines_colon_was_misread(tmp_path: Path) -> None:
    assert_read_surely(758, "nd94", 137, tmp_path)
