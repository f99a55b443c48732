"""Problem codes and statuses as a clerk reads them (the codes stay in --json output)."""

from __future__ import annotations

PROBLEM_WORDS = {
    "unknown_unit": "Đơn vị không có trong kế hoạch",
    "total_mismatch": "Tổng không khớp",
    "missing_indicator": "Thiếu chỉ tiêu",
    "low_confidence": "Có số liệu cần xác minh",
    "reader_warning": "Lưu ý khi đọc tệp",
    "unsure_sender": "Đơn vị gửi cần xác nhận",
}


def problem_word(code: str) -> str:
    """A problem code in words; an unknown code becomes a neutral label, never English."""
    return PROBLEM_WORDS.get(code, "Vấn đề")


def folded(table):  # type: ignore[no-untyped-def]
    """A Rich table whose cells wrap inside words rather than end in "…": at 80 columns a
    clerk must still read the whole file name and status."""
    for column in table.columns:
        column.overflow = "fold"
    return table
