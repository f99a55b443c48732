"""Letter words misread by one letter still say what they say.

A place-and-date line misread is not taken for the sender.

A fax read the right column's "Quan Hoa, ngày 30 tháng 6 năm 2021" with "thúng" for
"tháng". The line began with a unit kind ("quan") and no longer read as a date, so it
stood as the lowest body of the letterhead, a sender the plan lacks, and the whole
return (faxtune7 seed 10812) came out with no records. A date line is "ngày" followed by
"tháng" within one letter, or by "năm" and a year. Unit lines stay unit lines.

"báo cáo" with one letter misread still ends the sender's name in the body: a photo
whose letterhead was out of frame named "phường Quan Hoa Đáo cáo" only there
(phototune3 seed 3410: no sender, no records).
"""

from __future__ import annotations

import pytest

from extract.letterhead_lines import letterhead_words
from extract.sender import _reports


@pytest.mark.parametrize(
    "line",
    [
        "Quan Hoa, ngày 30 thúng 6 năm 2021",
        "Quan Hoa, ngày 30 tbang 6",
        "Phường 9, ngày 30 th4ng 6 năm 2021",
        "Yên Hòa, ngày 30 tháng 6 năm 2021",
        "Nghĩa Tân, ngày      tháng     năm 2021",
    ],
)
def test_a_date_line_names_no_sender(line: str) -> None:
    assert letterhead_words(line) == ()


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("UBND PHƯỜNG QUAN HOA", ("ubnd", "phuong", "quan", "hoa")),
        ("PHƯỜNG THÀNH CÔNG", ("phuong", "thanh", "cong")),
        ("XÃ NGÀY THANH", ("xa", "ngay", "thanh")),
    ],
)
def test_unit_lines_stay(line: str, kept: tuple[str, ...]) -> None:
    assert letterhead_words(line) == kept


@pytest.mark.parametrize(
    ("first", "second", "says"),
    [
        ("bao", "cao", True),
        ("dao", "cao", True),
        ("bao", "cau", True),
        ("dao", "cau", False),
        ("bao", "nhieu", False),
        ("ao", "cao", True),  # a photo's faint "b" lost (phototune4 4678: "áo cáo")
        ("bao", "ca", True),
        ("a", "cao", False),
        ("ao", "ca", False),
    ],
)
def test_report_words_one_letter_off(first: str, second: str, says: bool) -> None:
    assert _reports(first, second) is says
