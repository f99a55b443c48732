"""Text widths in Times New Roman, so the ND30 rules (đường kẻ) get their prescribed length.

ND30 sizes the rule under the issuer and the trích yếu at 1/3–1/2 of the text above it, and
the rule under the Tiêu ngữ as long as the text. We measure with Liberation Serif, which has
the metrics of Times New Roman and is what LibreOffice renders our documents with.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

from PIL import ImageFont

_UNITS = 1000  # load fonts at 1000 px/em and scale: exact advance widths


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    style = {
        (False, False): "Regular",
        (True, False): "Bold",
        (False, True): "Italic",
        (True, True): "BoldItalic",
    }[(bold, italic)]
    candidates = [
        f"/usr/share/fonts/truetype/liberation2/LiberationSerif-{style}.ttf",
        f"/usr/share/fonts/truetype/liberation/LiberationSerif-{style}.ttf",
    ]
    try:
        pattern = "Times New Roman:" + ("bold:" if bold else "") + ("italic" if italic else "")
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10
        )
        if out.returncode == 0 and out.stdout:
            candidates.insert(0, out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    for path in candidates:
        try:
            return ImageFont.truetype(path, _UNITS)
        except OSError:
            continue
    return None


def text_width_pt(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of `text` set on one line at `size` pt (an estimate if no font file is found)."""
    font = _font(bold, italic)
    if font is None:
        return len(text) * size * (0.56 if text.isupper() else 0.47)
    return font.getlength(text) * size / _UNITS


def wrapped_lines(
    text: str, size: float, max_width_pt: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap as a word processor does it, line by line (explicit newlines kept)."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for word in part.split():
            trial = f"{line} {word}" if line else word
            if line and text_width_pt(trial, size, bold=bold, italic=italic) > max_width_pt:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def widest_line_pt(
    text: str, size: float, max_width_pt: float, *, bold: bool = False, italic: bool = False
) -> float:
    """Width of the widest line of `text` wrapped at `max_width_pt`."""
    lines = wrapped_lines(text, size, max_width_pt, bold=bold, italic=italic)
    return max((text_width_pt(ln, size, bold=bold, italic=italic) for ln in lines), default=0.0)


__all__ = ["text_width_pt", "widest_line_pt", "wrapped_lines"]
