"""Where an agency's name breaks when its letterhead column is too narrow for one line.

Greedy wrapping cuts Vietnamese two-syllable words ("BỘ TƯ LỆNH BỘ ĐỘI BIÊN" / "PHÒNG").
A name that takes two or three lines breaks instead where no word of agency vocabulary is
cut (taking one more line if it must), and of those at the breaks that leave the lines
most even ("TỔNG LIÊN ĐOÀN" / "LAO ĐỘNG VIỆT NAM"), as letterheads are set by hand.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations, pairwise

from chitieu.render.metrics import text_width_pt, wrapped_lines

# Two-syllable words of agency names: a break never falls between their syllables.
COMPOUNDS = frozenset(
    w.strip()
    for w in """
ỦY BAN; NHÂN DÂN; HỘI ĐỒNG; VĂN PHÒNG; THANH TRA; TRUNG TÂM; BỘ ĐỘI; BIÊN PHÒNG;
TƯ LỆNH; CHỈ HUY; QUÂN SỰ; QUÂN KHU; CÔNG AN; CẢNH SÁT; ĐIỀU TRA; TỘI PHẠM; MA TÚY;
HẢI QUAN; LIÊN ĐOÀN; LAO ĐỘNG; VIỆT NAM; THƯƠNG BINH; XÃ HỘI; GIÁO DỤC; ĐÀO TẠO;
Y TẾ; VĂN HÓA; THÔNG TIN; THỂ THAO; DU LỊCH; TRUYỀN THÔNG; PHÁT THANH; TRUYỀN HÌNH;
THANH NIÊN; CỘNG SẢN; HỒ CHÍ; CHÍ MINH; MẶT TRẬN; TỔ QUỐC; PHỤ NỮ; NÔNG DÂN; CỰU CHIẾN;
CHIẾN BINH; TÀI CHÍNH; TƯ PHÁP; DÂN TỘC; TÔN GIÁO; NỘI VỤ; KẾ HOẠCH; ĐẦU TƯ; QUẢN LÝ;
CHỈ ĐẠO; PHÒNG CHỐNG; KIỂM SÁT; TÒA ÁN; THI HÀNH; ÁN DÂN; TRẬT TỰ; AN NINH;
GIAO THÔNG; XÂY DỰNG; NÔNG NGHIỆP; PHÁT TRIỂN; NÔNG THÔN; KHOA HỌC; CÔNG NGHỆ;
CÔNG THƯƠNG; TÀI NGUYÊN; MÔI TRƯỜNG; BỆNH VIỆN; SỨC KHỎE; CAI NGHIỆN; ĐIỀU TRỊ;
THÀNH PHỐ; THỊ XÃ; THỊ TRẤN; HƯỞNG ỨNG; TRIỂN KHAI; THỰC HIỆN; HÀNH ĐỘNG; QUỐC TẾ;
TOÀN DÂN; ĐỊA BÀN; KẾT QUẢ; CHỈ TIÊU; GIAI ĐOẠN; CÔNG TÁC; TUYÊN TRUYỀN; SỬ DỤNG
""".replace("\n", " ").split(";")
)


def _cuts(words: list[str], at: int) -> tuple[int, int]:
    """What a break before `words[at]` costs: (a word of agency vocabulary cut, a dash left
    at a line's end or start), each 0 or 1."""
    pair = f"{words[at - 1]} {words[at]}".replace(",", "").upper()
    return int(pair in COMPOUNDS), int("-" in (words[at - 1], words[at]))


def two_lines(text: str, size: float, width: float, *, bold: bool) -> list[str]:
    """`text` in lines that each fit `width`: of the breaks into as many lines as the greedy
    wrap takes, or one more, those cutting fewest words, then fewest lines, then leaving
    fewest dashes at a line's edge, then the most even. Text that needs no break, or more than three lines, wraps greedily."""
    greedy = wrapped_lines(text, size, width, bold=bold)
    words = text.split()
    if not 2 <= len(greedy) <= 3 or len(words) > 16:
        return greedy

    @cache
    def span(i: int, j: int) -> float:
        return text_width_pt(" ".join(words[i:j]), size, bold=bold)

    best: tuple[int, int, int, float, tuple[int, ...]] | None = None
    for k in (len(greedy), len(greedy) + 1):
        for cuts in combinations(range(1, len(words)), k - 1):
            edges = (0, *cuts, len(words))
            widest = max(span(a, b) for a, b in pairwise(edges))
            if widest > width:
                continue
            costs = [_cuts(words, c) for c in cuts]
            score = (sum(c[0] for c in costs), k, sum(c[1] for c in costs), widest, cuts)
            if best is None or score[:4] < best[:4]:
                best = score
    if best is None:
        return greedy
    edges = (0, *best[4], len(words))
    return [" ".join(words[a:b]) for a, b in pairwise(edges)]


# A place inside a sentence: its kind, then its name's capitalised words ("quận Hai Bà
# Trưng", "tỉnh Bà Rịa - Vũng Tàu", "Phường 12"); a year with the word before it ("năm
# 2021", "2021 - 2025").
_PLACE_IN_TEXT = re.compile(
    r"\b(?i:thành phố|tỉnh|quận|huyện|thị xã|thị trấn|phường|xã)"
    r"(?:\s+(?:[A-ZĐ0-9À-Ỹ][^\s,;:.()]*|-))+"
)
_YEAR_GROUP = re.compile(r"\S+\s+\d{4}(?:\s+-\s+\d{4})?|\d+/\d+(?:/\d+)?")
SAFETY = 0.97  # our widths against LibreOffice's: a line we fill to the brim it might wrap


def _kept_together(text: str) -> set[int]:
    """Indexes of the words that must not start a line (they belong with the one before)."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    glued: set[int] = set()
    for pattern in (_PLACE_IN_TEXT, _YEAR_GROUP):
        for m in pattern.finditer(text):
            inside = [i for i, at in enumerate(starts) if m.start() < at < m.end()]
            glued.update(inside)
    return glued


def balanced_lines(text: str, size: float, width: float, *, bold: bool = True) -> str:
    """A centred title (a trích yếu) in lines joined by "\n", broken as a văn thư sets it:
    in as few lines as it needs, never inside a place's name ("quận Hai Bà / Trưng") or a
    year's group, cutting fewest two-syllable words ("hưởng / ứng"), and of those breaks
    the most even, so no lone word ends it. A text that
    fits one line, has explicit breaks, or cannot be broken so is left to the wrap."""
    words = text.split()
    if "\n" in text or text_width_pt(text, size, bold=bold) <= width * SAFETY or len(words) > 80:
        return text
    glued = _kept_together(" ".join(words))
    room = width * SAFETY

    @cache
    def span(i: int, j: int) -> float:
        return text_width_pt(" ".join(words[i:j]), size, bold=bold)

    # best[j] = (lines, words cut, raggedness, start of the last line) of words[:j] set in
    # lines that each fit `room`
    best: dict[int, tuple[int, int, float, int]] = {0: (0, 0, 0.0, 0)}
    for j in range(1, len(words) + 1):
        if j < len(words) and j in glued:
            continue  # words[j] may not open a line
        for i in range(j - 1, -1, -1):
            if span(i, j) > room:
                break
            if i not in best:
                continue
            lines, cut, ragged, _ = best[i]
            cut += j < len(words) and _cuts(words, j)[0]
            cand = (lines + 1, cut, ragged + (room - span(i, j)) ** 2, i)
            if j not in best or cand[:3] < best[j][:3]:
                best[j] = cand
    if len(words) not in best:
        return text
    cuts, j = [], len(words)
    while j:
        cuts.append(j)
        j = best[j][3]
    edges = [0, *reversed(cuts)]
    return "\n".join(" ".join(words[a:b]) for a, b in pairwise(edges))


__all__ = ["COMPOUNDS", "balanced_lines", "two_lines"]
