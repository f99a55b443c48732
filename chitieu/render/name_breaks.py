"""Where an agency's name breaks when its letterhead column is too narrow for one line.

Greedy wrapping cuts Vietnamese two-syllable words ("BỘ TƯ LỆNH BỘ ĐỘI BIÊN" / "PHÒNG").
A name that takes two or three lines breaks instead where no word of agency vocabulary is
cut (taking one more line if it must), and of those at the breaks that leave the lines
most even ("TỔNG LIÊN ĐOÀN" / "LAO ĐỘNG VIỆT NAM"), as letterheads are set by hand.
"""

from __future__ import annotations

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
THÀNH PHỐ; THỊ XÃ; THỊ TRẤN
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


__all__ = ["COMPOUNDS", "two_lines"]
