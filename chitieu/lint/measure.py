"""How wide a line of Times New Roman text is, for the ND30 rule-length checks.

Measured with Liberation Serif (metric-compatible with Times New Roman, from Debian's
fonts-liberation). Widths are in twips (1/20 pt), the unit of the .docx XML. Kept apart
from `chitieu.render.metrics` on purpose: the checker must not share the generator's
measuring (nor its character-count fallback), or a mistake there would pass unseen.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")
_STYLE = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}
_EM = 2048


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    name = f"LiberationSerif-{_STYLE[(bold, italic)]}.ttf"
    for d in _DIRS:
        try:
            return ImageFont.truetype(f"{d}/{name}", _EM)
        except OSError:
            continue
    raise RuntimeError(
        f"Không tìm thấy phông {name} (gói Debian fonts-liberation2) để đo độ dài dòng chữ."
    )


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> int:
    """Width in twips of `text` set on one line at `size_pt`."""
    return round(_font(bold, italic).getlength(text) * size_pt * 20 / _EM)


def printed_lines(text: str, size_pt: float, max_width: int, bold: bool = False) -> list[str]:
    """The lines `text` prints as, wrapped greedily at `max_width` (explicit breaks kept)."""
    lines = []
    for part in text.split("\n"):
        line = ""
        for word in part.split():
            trial = f"{line} {word}" if line else word
            if line and text_width(trial, size_pt, bold) > max_width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def widest_line(text: str, size_pt: float, max_width: int, bold: bool = False) -> int:
    """Width (twips) of the widest line once `text` is wrapped greedily at `max_width`."""
    return max(
        (text_width(ln, size_pt, bold) for ln in printed_lines(text, size_pt, max_width, bold)),
        default=0,
    )


__all__ = ["printed_lines", "text_width", "widest_line"]
