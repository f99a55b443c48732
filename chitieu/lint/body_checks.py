"""ND30 rules 9–11 and 16–18: body text, căn cứ, headings and điểm, phụ lục, marks, numbers."""

from __future__ import annotations

import re

from chitieu.lint.anatomy import Anatomy, is_upper
from chitieu.lint.check_support import (
    RuleFindings,
    places,
    pt,
    size_ok,
)
from chitieu.lint.docx_parts import Para
from chitieu.lint.docx_view import DocxView
from chitieu.lint.rules import Finding

POINT_ORDER = "abcdđeghiklmnopqrstuvxy"


def body(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.09")
    groups: dict[str, list[Para]] = {}

    def bad(key: str, p: Para) -> None:
        groups.setdefault(key, []).append(p)

    for p in a.body:
        heading = bool(re.match(r"^([IVXLC]+\.\s|(Phần|Chương|Mục) )", p.clean)) or (
            is_upper(p.clean) and len(p.clean) < 80
        )
        if not size_ok(p, 13, 14):
            bad("size", p)
        if heading:
            continue
        if p.align not in ("both", "distribute"):
            bad("align", p)
        if p.first_line is None or not any(abs(p.first_line - v) <= 10 for v in (567, 720)):
            bad("indent", p)
        if p.before + p.after < 120:
            bad("spacing", p)
        rule = p.line_rule or "auto"
        if p.line is not None and (
            (rule == "auto" and not 240 <= p.line <= 360)
            or (
                rule in ("exact", "atLeast")
                and p.line > 1.5 * pt(max(p.sizes(), key=pt, default=14)) * 20
            )
        ):
            bad("line", p)
    texts = {
        "size": ("cỡ chữ ngoài khoảng 13–14 pt", "Đặt cỡ chữ phần nội dung 13 hoặc 14 pt."),
        "align": ("không căn đều hai bên", "Căn đều hai bên (Justify) cho các đoạn nội dung."),
        "indent": (
            "thụt đầu dòng không phải 1 cm hoặc 1,27 cm",
            "Đặt thụt dòng đầu (First line) 1 cm hoặc 1,27 cm.",
        ),
        "spacing": (
            "khoảng cách giữa các đoạn dưới 6 pt",
            "Đặt khoảng cách đoạn (Before + After) tối thiểu 6 pt.",
        ),
        "line": ("giãn dòng ngoài khoảng 1,0–1,5 dòng", "Đặt giãn dòng từ Single đến 1,5 lines."),
    }
    for key, ps in groups.items():
        what, fix = texts[key]
        out.add(ps[0].where, f"{len(ps)} đoạn nội dung {what}: {places(ps)}.", fix)
    return out.items


def bases(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.10")
    block: list[Para] = []
    for p in a.body:  # the căn cứ come first, before any numbered part
        if re.match(r"^([IVXLC]+\.|\d+\.|Điều \d|Phần |Chương )", p.clean):
            break
        if p.clean.startswith("Căn cứ") or (block and p.clean.startswith("Theo đề nghị")):
            block.append(p)
        elif block:
            break
    for n, p in enumerate(block):
        if p.clean.startswith("Căn cứ") and not p.italic:
            out.add(p.where, "Căn cứ ban hành phải in nghiêng.", "In nghiêng dòng căn cứ.")
        last = n == len(block) - 1
        end = "." if last else ";"
        if not p.clean.endswith(end) and not (
            last and p.clean.endswith((";", ",")) and not p.clean.startswith("Căn cứ")
        ):
            out.add(
                p.where,
                f"Căn cứ {'cuối cùng ' if last else ''}phải kết thúc bằng “{end}”.",
                f"Kết thúc dòng bằng “{end}”.",
            )
    return out.items


def headings(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.11")
    expected = 0
    for p in a.body:
        t = p.clean
        if re.fullmatch(r"(Phần|Chương) [IVXLC]+", t):
            out.style(p, t, bold=True, center=True)
        elif re.match(r"^[IVXLC]+\. ", t):
            out.style(p, f"Đề mục “{t[:40]}”", bold=True, upper=True)
        if re.match(r"^(\d+\.|[IVXLC]+\.|Điều \d+|Phần |Chương |Mục )", t):
            expected = 0
        m = re.match(r"^([a-zđ])\) ", t)
        if m:
            letter = m.group(1)
            want = POINT_ORDER[expected] if expected < len(POINT_ORDER) else None
            if letter != want and not (expected == 0 and letter != "a"):
                out.add(
                    p.where,
                    f"Điểm “{letter})” không đúng thứ tự; sau "
                    f"“{POINT_ORDER[expected - 1]})” phải là “{want})”.",
                    "Đánh điểm theo thứ tự a) b) c) d) đ) e) g) h) i) k)…",
                )
            expected = POINT_ORDER.index(letter) + 1 if letter in POINT_ORDER else expected + 1
    return out.items


def annexes(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.16")
    ps = view.paragraphs
    for p in a.phu_luc:
        if not p.clean.startswith("Phụ lục"):
            out.add(p.where, f"Viết “Phụ lục” bằng chữ thường (đang là “{p.clean}”).")
        out.size(p, 14, 14, "Dòng “Phụ lục”")
        out.style(p, "Dòng “Phụ lục”", bold=True, center=True)
        rest = [q for q in ps[ps.index(p) + 1 :] if q.clean][:2]
        if not rest:
            out.add(p.where, "Phụ lục không có tên.")
            continue
        out.style(rest[0], "Tên phụ lục", bold=True, upper=True)
        out.size(rest[0], 13, 14, "Tên phụ lục")
        if len(rest) < 2 or not re.match(r"^\(Kèm theo .+\)$", rest[1].clean):
            out.add(rest[0].where, "Dưới tên phụ lục thiếu dòng “(Kèm theo … số … ngày … của …)”.")
        else:
            out.style(rest[1], "Dòng “Kèm theo”", italic=True)
    return out.items


def marks(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.17")
    for p in view.paragraphs:
        t = p.clean
        if re.fullmatch(r"[A-ZĐ]{1,8}\.\(\d+\)", t):
            out.size(p, 11, 11, "Ký hiệu người soạn thảo")
        elif t.upper() in (
            "HỎA TỐC",
            "HOẢ TỐC",
            "THƯỢNG KHẨN",
            "KHẨN",
            "MẬT",
            "TỐI MẬT",
            "TUYỆT MẬT",
        ):
            out.style(p, f"Dấu “{t}”", bold=True, upper=True)
            out.size(p, 13, 14, f"Dấu “{t}”")
    return out.items


def numbers(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.18")
    for p in a.body:
        for m in re.finditer(r"(?<![\d.,/])\d{1,3}(?:,\d{3})+(?![\d%])(?!\s?%)", p.clean):
            out.add(
                p.where,
                f"“{m.group()}” dùng dấu phẩy phân cách hàng nghìn.",
                f"Viết “{m.group().replace(',', '.')}”.",
            )
        for m in re.finditer(r"(?<![\d.,/])\d+\.\d{1,2}\s?%", p.clean):
            out.add(
                p.where,
                f"“{m.group()}” dùng dấu chấm thập phân.",
                f"Viết “{m.group().replace('.', ',')}”.",
            )
    return out.items
