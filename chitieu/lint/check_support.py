"""What the ND30 format checks share: the finding collector, sizes, rule lengths."""

from __future__ import annotations

from collections.abc import Iterable

from chitieu.lint.anatomy import is_upper
from chitieu.lint.docx_parts import Para
from chitieu.lint.measure import text_width
from chitieu.lint.rules import RULES, Finding, Severity

SLACK = 0.03  # measuring with Liberation Serif instead of Times New Roman: allow 3 %


def mm(twips: int) -> str:
    """Twips as Vietnamese millimetres: "25,4"."""
    return f"{twips / 56.7:.1f}".replace(".", ",").removesuffix(",0")


def pt(size: float | None) -> float:
    return 10.0 if size is None else size  # Word's built-in default when nothing sets it


def fmt_pt(sizes: Iterable[float | None]) -> str:
    return ", ".join(f"{pt(s):g}" for s in sorted({pt(s) for s in sizes}))


def size_ok(p: Para, lo: float, hi: float) -> bool:
    return all(lo <= pt(s) <= hi for s in p.sizes())


def places(ps: list[Para], limit: int = 5) -> str:
    shown = ", ".join(p.where for p in ps[:limit])
    return shown + (f" và {len(ps) - limit} chỗ khác" if len(ps) > limit else "")


class RuleFindings:
    """Collects findings of one rule."""

    def __init__(self, code: str) -> None:
        self.rule = RULES[code]
        self.items: list[Finding] = []

    def add(self, where: str, message: str, fix: str | None = None, warn: bool = False) -> None:
        self.items.append(
            self.rule.finding(where, message, fix, Severity.warning if warn else None)
        )

    def size(self, p: Para, lo: float, hi: float, what: str) -> None:
        if p.text_runs and not size_ok(p, lo, hi):
            rng = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
            self.add(
                p.where,
                f"{what} cỡ chữ {fmt_pt(p.sizes())} pt; quy định {rng} pt.",
                f"Đặt cỡ chữ {what.lower()} {rng} pt.",
            )

    def style(
        self,
        p: Para,
        what: str,
        *,
        bold: bool | None = None,
        italic: bool | None = None,
        upper: bool | None = None,
        center: bool = False,
    ) -> None:
        if bold is True and not p.bold:
            self.add(p.where, f"{what} phải in đậm.", f"In đậm {what.lower()}.")
        if bold is False and p.any_bold:
            self.add(p.where, f"{what} không được in đậm.", f"Bỏ in đậm {what.lower()}.")
        if italic is True and not p.italic:
            self.add(p.where, f"{what} phải in nghiêng.", f"In nghiêng {what.lower()}.")
        if italic is False and p.any_italic:
            self.add(
                p.where,
                f"{what} phải là chữ đứng (không nghiêng).",
                f"Bỏ in nghiêng {what.lower()}.",
            )
        if upper is True and not is_upper(p.clean):
            self.add(
                p.where,
                f"{what} phải viết chữ in hoa: “{p.clean[:60]}”.",
                f"Viết in hoa {what.lower()}.",
            )
        if upper is False and is_upper(p.clean):
            self.add(
                p.where,
                f"{what} không viết toàn chữ in hoa: “{p.clean[:60]}”.",
                f"Viết {what.lower()} bằng chữ thường (viết hoa theo Phụ lục II).",
            )
        if center and p.align != "center":
            self.add(p.where, f"{what} chưa căn giữa.", f"Căn giữa {what.lower()}.")


def rule_width(ps: list[Para], p: Para) -> int | None:
    """Length (twips) of the rule drawn under `p`: its bottom border, the next paragraph's top
    border, a drawn line in it or in the next empty paragraph, or an underline of its text."""
    i = ps.index(p)
    nxt = ps[i + 1] if i + 1 < len(ps) else None
    if p.border_bottom:
        return p.width
    if nxt is not None and nxt.cell == p.cell and nxt.border_top:
        return nxt.width
    if p.drawing_widths:
        return max(p.drawing_widths)
    if nxt is not None and not nxt.clean and nxt.drawing_widths:
        return max(nxt.drawing_widths)
    if p.text_runs and all(r.underline for r in p.text_runs):
        return text_width(p.clean, pt(next(iter(p.sizes()))), p.bold)
    return None


def check_rule(
    out: RuleFindings,
    ps: list[Para],
    p: Para,
    what: str,
    text_w: int,
    lo: float,
    hi: float,
    shape: str,
) -> None:
    width = rule_width(ps, p)
    if width is None:
        out.add(
            p.where, f"Thiếu đường kẻ dưới {what}.", f"Kẻ một đường liền dưới {what}, dài {shape}."
        )
        return
    ratio = width / text_w if text_w else 0
    if not (lo - SLACK <= ratio <= hi + SLACK):
        out.add(
            p.where,
            f"Đường kẻ dưới {what} dài {width / 56.7:.0f} mm, bằng {ratio:.0%} dòng chữ; "
            f"quy định {shape}.",
            f"Sửa độ dài đường kẻ dưới {what} thành {shape}.",
        )


__all__ = [
    "SLACK",
    "RuleFindings",
    "check_rule",
    "fmt_pt",
    "mm",
    "places",
    "pt",
    "rule_width",
    "size_ok",
]
