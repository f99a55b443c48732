"""ND30 rules 1, 2, 3 and 15: page size and margins, fonts and colour, page numbers."""

from __future__ import annotations

from chitieu.lint.anatomy import Anatomy
from chitieu.lint.check_support import (
    RuleFindings,
    mm,
    places,
)
from chitieu.lint.docx_parts import Para, SectionSetup
from chitieu.lint.docx_view import DocxView
from chitieu.lint.rules import Finding

A4_W, A4_H, MM1 = 11906, 16838, 57


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def page_setup(view: DocxView, a: Anatomy) -> list[Finding]:
    size, margins = RuleFindings("ND30.01"), RuleFindings("ND30.02")
    for s in view.sections:
        where = f"mục {s.number} (thiết lập trang)"
        portrait = abs(s.width - A4_W) <= MM1 and abs(s.height - A4_H) <= MM1
        landscape = abs(s.width - A4_H) <= MM1 and abs(s.height - A4_W) <= MM1
        if landscape:
            if s.has_table:
                size.add(
                    where,
                    "Trang đặt ngang (được phép cho phần có bảng, biểu).",
                    "Chỉ đặt ngang khi bảng, biểu không chia được thành phụ lục riêng.",
                    warn=True,
                )
            else:
                size.add(where, "Trang đặt ngang mà không có bảng, biểu.", "Đặt trang hướng dọc.")
        elif not portrait:
            size.add(
                where,
                f"Khổ giấy {s.width / 56.7:.0f} × {s.height / 56.7:.0f} mm, không phải A4 "
                "(210 × 297 mm).",
            )
        if landscape and _turned_margins(s):
            continue  # margins turned with the page: the binding edge is on top (or bottom)
        for name, value, lo, hi in (
            ("trên", s.top, 1134, 1417),
            ("dưới", s.bottom, 1134, 1417),
            ("trái", s.left, 1701, 1984),
            ("phải", s.right, 850, 1134),
        ):
            if not lo - 6 <= value <= hi + 6:
                margins.add(
                    where,
                    f"Lề {name} {mm(value)} mm; quy định {lo / 56.7:.0f}–{hi / 56.7:.0f} mm.",
                )
    return size.items + margins.items


def _within(value: int, lo: int, hi: int) -> bool:
    return lo - 6 <= value <= hi + 6


def _turned_margins(s: SectionSetup) -> bool:
    """A landscape page whose portrait margins turned with it: left/right 20–25 mm and the
    30–35 mm binding margin on top (or at the bottom), 15–20 mm opposite."""
    sides = _within(s.left, 1134, 1417) and _within(s.right, 1134, 1417)
    top_bound = _within(s.top, 1701, 1984) and _within(s.bottom, 850, 1134)
    bottom_bound = _within(s.bottom, 1701, 1984) and _within(s.top, 850, 1134)
    return sides and (top_bound or bottom_bound)


TABLE_SLACK = 284  # twips (5 mm): cell margins may hang into the page margins


def table_widths(view: DocxView, a: Anatomy) -> list[Finding]:
    """A table wider than its section's text area runs into the margin or off the page."""
    out = RuleFindings("ND30.19")
    for t in view.tables:
        if not t.width or t.section > len(view.sections):
            continue
        sec = view.sections[t.section - 1]
        room = sec.text_width
        if t.width > room + TABLE_SLACK:
            out.add(
                f"bảng {t.number}",
                f"Bảng rộng {mm(t.width)} mm, vùng chữ của trang chỉ rộng {mm(room)} mm.",
            )
    return out.items


def fonts(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.03")
    bad_font: dict[str, list[Para]] = {}
    bad_color: dict[str, list[Para]] = {}
    for p in view.paragraphs:
        for r in p.text_runs:
            for slot, name in r.fonts.items():
                if slot in r.used_slots and name != "Times New Roman":
                    key = f"{name or 'không khai báo (mặc định của Word)'} ở thuộc tính {slot}"
                    if p not in bad_font.setdefault(key, []):
                        bad_font[key].append(p)
            if r.color not in (None, "auto", "000000") and p not in bad_color.setdefault(
                r.color, []
            ):
                bad_color[r.color].append(p)
    for key, ps in bad_font.items():
        out.add(
            ps[0].where,
            f"Phông chữ {key} ({len(ps)} đoạn: {places(ps)}).",
            "Chọn toàn bộ văn bản và đặt phông Times New Roman (cả cho chữ châu Á và chữ phức hợp).",
        )
    for color, ps in bad_color.items():
        out.add(
            ps[0].where,
            f"Chữ màu #{color} ({len(ps)} đoạn: {places(ps)}).",
            "Đặt màu chữ đen (Automatic).",
        )
    return out.items


def page_numbers(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.15")
    inherited: dict[str, str] = {}
    found_any = False
    for s in view.sections:
        inherited = {**inherited, **s.header_ids}
        s.header_ids = dict(inherited)
        xml = view.header_xml(s)
        has_field = xml is not None and any(
            "PAGE" in (el.text or "").split() or "PAGE" in (el.get(_W + "instr") or "").split()
            for el in xml.iter(_W + "instrText", _W + "fldSimple")
        )
        where = f"mục {s.number} (đầu trang)"
        if not has_field:
            continue
        found_any = True
        for p in view.header_paragraphs(s):
            if not p.text_runs:
                continue
            out.size(p, 13, 14, "Số trang")
            if p.align != "center":
                out.add(where, "Số trang chưa căn giữa ở đầu trang.", "Căn giữa số trang.")
        if s.number == 1 and not s.title_page:
            out.add(
                where,
                "Số trang hiện cả ở trang đầu.",
                "Bật “Different First Page” để ẩn số trang ở trang 1.",
            )
    if not found_any:
        out.add(
            "toàn văn bản",
            "Không có số trang (trường PAGE ở đầu trang); văn bản nhiều trang phải đánh số.",
            warn=True,
        )
    for p in a.phu_luc:
        s = view.sections[p.section - 1] if p.section <= len(view.sections) else None
        if s is not None and (s.number == 1 or s.page_start != 1):
            out.add(
                p.where,
                f"{p.clean} không được đánh số trang lại từ 1.",
                "Đặt phụ lục ở mục (section) riêng, đánh số trang bắt đầu từ 1.",
            )
    return out.items
