"""Matching a sentence figure to an annex column, and the years a plan is about."""

from __future__ import annotations

from chitieu.lint.annex_table import AnnexColumn, parse_value
from chitieu.lint.consistency import _years_of, best_column, decrees, plain

COLUMNS = [
    AnnexColumn(2, "Điều tra khám phá hình sự / Tổng số", [], 10),
    AnnexColumn(3, "Đưa đối tượng vào quản lý theo NĐ111/CP", [], 8),
    AnnexColumn(4, "Đưa đối tượng vào quản lý theo NĐ94/CP", [], 8),
    AnnexColumn(5, "Lập hồ sơ đưa cai nghiện ma túy / Lập hồ sơ đưa CNBB", [], 6),
    AnnexColumn(6, "Lập hồ sơ đưa cai nghiện ma túy / Cai nghiện tự nguyện tại TT", [], 8),
]


def _label(phrase: str) -> str | None:
    col = best_column(phrase, COLUMNS)
    return col.label if col else None


def test_plain_strips_diacritics_and_expands_abbreviations() -> None:
    assert plain("Cai nghiện tự nguyện tại TT") == "cai nghien tu nguyen tai trung tam"
    assert plain("Lập hồ sơ đưa CNBB") == "lap ho so dua cai nghien bat buoc"
    assert decrees("Nghị định số 111/2013/NĐ-CP") == {"111"} == decrees("NĐ111/CP")


def test_seed_sentences_find_their_columns() -> None:
    assert (
        _label("vận động 13 người nghiện đi cai nghiện tự nguyện tại các Trung tâm")
        == COLUMNS[4].label
    )
    assert _label("quyết định cai nghiện bắt buộc 06 người nghiện ma túy") == COLUMNS[3].label
    assert (
        _label("Phát hiện, bắt giữ, xử lý hình sự 10 vụ án phạm tội về ma túy") == COLUMNS[0].label
    )
    assert (
        _label("đưa 08 đối tượng vào quản lý theo Nghị định số 94/2010/NĐ-CP") == COLUMNS[2].label
    )
    assert (
        _label("Lập hồ sơ đưa 08 người vào quản lý giáo dục theo Nghị định số 111/2013/NĐ-CP")
        == COLUMNS[1].label
    )


def test_unrelated_or_ambiguous_sentences_match_nothing() -> None:
    assert _label("treo 01 băng rôn, khẩu hiệu tại khu vực cổng cơ quan") is None
    assert _label("Lập hồ sơ 05 người") is None  # could be any "lập hồ sơ" column


def test_annex_values_and_year_ranges() -> None:
    assert [parse_value(v) for v in ("01", "0", "1.234", "", "-", "x", "1,5")] == [
        1,
        0,
        1234,
        None,
        None,
        None,
        None,
    ]
    assert _years_of("giai đoạn 2021 - 2025") == {2021, 2022, 2023, 2024, 2025}
    assert _years_of("(Từ ngày 01/6 đến ngày 30/6/2021)") == {2021}
