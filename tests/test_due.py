"""Deadlines said and counted one way (chitieu.due): the letter, the intake, the workbook."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.due import days_late, due_phrase, time_left_sentence
from chitieu.reconcile import Timeliness

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(deadline=days, offset=st.integers(-40, 40), hour=st.integers(0, 23))
def test_the_letter_counts_like_the_timeliness_table(
    deadline: date, offset: int, hour: int
) -> None:
    today = deadline + timedelta(days=offset)
    sentence = time_left_sentence(deadline, today)
    assert due_phrase(deadline) in sentence
    late = Timeliness("u", "p", deadline, datetime.combine(today, time(hour))).days_late
    assert late == days_late(deadline, today)
    m = re.search(r"(còn|quá thời hạn báo cáo) (\d+) ngày", sentence)
    if offset <= -2:  # before the last day: days left after today
        assert m and m.group(1) == "còn" and int(m.group(2)) == -offset - 1 and late == 0
    elif offset == -1:  # the last day: nothing "left", not late either
        assert m is None and "ngày cuối cùng" in sentence and late == 0
    else:  # on the deadline day or after: late, by the same count as the workbook's
        assert m and m.group(1) == "quá thời hạn báo cáo" and int(m.group(2)) == late == offset + 1
