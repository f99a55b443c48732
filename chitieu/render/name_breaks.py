"""Where an agency's name breaks when its letterhead column is too narrow for one line.

Greedy wrapping cuts Vietnamese two-syllable words ("BỘ TƯ LỆNH BỘ ĐỘI BIÊN" / "PHÒNG").
A name that takes two lines breaks instead where no word of agency vocabulary is cut, and
of those breaks at the one that leaves the lines most even ("BỘ TƯ LỆNH" / "BỘ ĐỘI BIÊN
PHÒNG", "TỔNG LIÊN ĐOÀN" / "LAO ĐỘNG VIỆT NAM"), as letterheads are set by hand.
"""

from __future__ import annotations

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


def _cut(words: list[str], at: int) -> int:
    """How bad a break before `words[at]` is: 2 for a word of agency vocabulary it cuts, 1
    for a dash it leaves at a line's end or start, 0 else."""
    pair = f"{words[at - 1]} {words[at]}".replace(",", "").upper()
    bad = 2 * int(pair in COMPOUNDS) + int("-" in (words[at - 1], words[at]))
    return bad


def two_lines(text: str, size: float, width: float, *, bold: bool) -> list[str]:
    """`text` in the lines it takes: the greedy wrap, unless it takes two lines; then the
    break where both lines fit that cuts fewest words, the most even of those."""
    greedy = wrapped_lines(text, size, width, bold=bold)
    words = text.split()
    if len(greedy) != 2:
        return greedy
    best: tuple[int, float, list[str]] | None = None
    for at in range(1, len(words)):
        lines = [" ".join(words[:at]), " ".join(words[at:])]
        widest = max(text_width_pt(ln, size, bold=bold) for ln in lines)
        if widest > width:
            continue
        score = (_cut(words, at), widest, lines)
        if best is None or score[:2] < best[:2]:
            best = score
    return best[2] if best is not None else greedy


__all__ = ["COMPOUNDS", "two_lines"]
