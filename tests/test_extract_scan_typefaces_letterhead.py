"""A sender's name a wide face wraps in the letterhead (issue 10, typefaces grammar).

DejaVu Serif 14 pt wraps "UBND PHƯỜNG DỊCH VỌNG HẬU" over two lines, and the quốc hiệu's
"VIỆT NAM" beside them falls between the two pieces in reading order. A fax read it
"VHẸT NAM": no longer taken for the quốc hiệu, it parted the name, and Phường Dịch Vọng
(another ward) stood as the sender against the body's Dịch Vọng Hậu, every record
flagged. Real LibreOffice, real Tesseract, a tune-half seed built as drawn.
"""

from __future__ import annotations

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file
from extract.letterhead_lines import letterhead_words

tf = load_grammar("typefaces")

WRAPPED_SENDER = 214  # a fax turned 90°, DejaVu Serif 14 pt


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("VHẸT NAM", ()),
        ("VIỆT NAM", ()),
        ("Dộc lập - Tự do - Hạnh phúo", ()),
        ("HÀ NAM", ("ha", "nam")),
        ("XÃ HỘI", ("xa", "hoi")),
        ("VIỆT HƯNG", ("viet", "hung")),
        ("UBND PHƯỜNG VIỆT HƯNG", ("ubnd", "phuong", "viet", "hung")),
    ],
)
def test_a_quoc_hieu_piece_with_a_letter_misread_is_no_letterhead_line(
    line: str, kept: tuple[str, ...]
) -> None:
    assert letterhead_words(line) == kept


@pytest.mark.slow
def test_a_sender_name_wrapped_around_the_quoc_hieu_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    plan: Plan = load_plan(tf.PLAN_PATH)
    case = tf.draw_case(plan, WRAPPED_SENDER)
    assert not tf.is_test(case.seed)
    work, out = tmp_path_factory.mktemp("work"), tmp_path_factory.mktemp("cases")
    pdfs = tf.build_sources(plan, [case], work)
    got = extract_file(tf.render_case(case, pdfs[case.seed], work, out), plan)
    assert got.unit == case.unit
    silent = [
        r for r in got.records if not r.needs_review and case.values.get(r.indicator) != r.value
    ]
    assert not silent
    assert sum(not r.needs_review for r in got.records) >= 3
