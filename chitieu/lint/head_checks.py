"""ND30 rules 4–8: Quốc hiệu and Tiêu ngữ, issuer, số, date line, tên loại and trích yếu."""

from __future__ import annotations

import re

from chitieu.lint.anatomy import TIEU_NGU, Anatomy
from chitieu.lint.check_support import (
    RuleFindings,
    check_rule,
    pt,
)
from chitieu.lint.docx_parts import Para
from chitieu.lint.docx_view import DocxView
from chitieu.lint.measure import printed_lines, text_width, widest_line
from chitieu.lint.rules import Finding

SO_RE = re.compile(r"^Số: ?(\d{2,}|\s*)/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")


DATE_RE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")


def header(view: DocxView, a: Anatomy) -> list[Finding]:
    ps = view.paragraphs
    qh, ag, so, dl = (
        RuleFindings("ND30.04"),
        RuleFindings("ND30.05"),
        RuleFindings("ND30.06"),
        RuleFindings("ND30.07"),
    )
    if a.quoc_hieu is None:
        qh.add("đầu văn bản", "Không tìm thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”.")
    else:
        p = a.quoc_hieu
        qh.style(p, "Quốc hiệu", bold=True, italic=False, upper=True)
        qh.size(p, 12, 13, "Quốc hiệu")
    if a.tieu_ngu is None:
        qh.add("đầu văn bản", f"Không tìm thấy Tiêu ngữ “{TIEU_NGU}”.")
    else:
        p = a.tieu_ngu
        if p.clean != TIEU_NGU:
            qh.add(
                p.where,
                f"Tiêu ngữ viết “{p.clean}”; phải đúng “{TIEU_NGU}” (gạch nối có cách hai bên).",
            )
        qh.style(p, "Tiêu ngữ", bold=True, italic=False, center=True)
        qh.size(p, 13, 14, "Tiêu ngữ")
        w = text_width(p.clean, pt(max(p.sizes(), key=pt, default=13)), bold=True)
        check_rule(qh, ps, p, "Tiêu ngữ", w, 0.85, 1.15, "bằng độ dài dòng chữ Tiêu ngữ")
    if not a.issuer:
        ag.add(
            a.so.where if a.so else "đầu văn bản",
            "Không tìm thấy tên cơ quan ban hành (chữ in hoa, phía trên dòng “Số:”).",
        )
    else:
        for p in a.issuer:
            ag.style(p, "Tên cơ quan ban hành", bold=True, italic=False, upper=True)
            ag.size(p, 12, 13, "Tên cơ quan ban hành")
        for p in a.parent:
            ag.style(p, "Tên cơ quan chủ quản", bold=False, italic=False, upper=True)
            ag.size(p, 12, 13, "Tên cơ quan chủ quản")
        last = a.issuer[-1]
        w = max(  # the issuer may wrap in its column: the widest printed line counts
            widest_line(p.text, pt(max(p.sizes(), key=pt, default=13)), p.width or 9355, bold=True)
            for p in a.issuer
        )
        check_rule(ag, ps, last, "tên cơ quan ban hành", w, 1 / 3, 1 / 2, "từ 1/3 đến 1/2 dòng chữ")
        for group in (a.parent, a.issuer):
            broken = name_break(group)
            if broken:
                ag.add(group[0].where, *broken)
    if a.so is None:
        so.add("đầu văn bản", "Không tìm thấy dòng “Số: …/…”.")
    else:
        p = a.so
        if not SO_RE.match(p.clean):
            so.add(
                p.where,
                f"“{p.clean}” không đúng dạng “Số: 05/KH-UBND” (số dưới 10 có số 0 phía "
                "trước; ký hiệu in hoa, các nhóm nối bằng “-”, không có dấu cách).",
            )
        so.size(p, 13, 13, "Dòng số, ký hiệu")
        so.style(p, "Dòng số, ký hiệu", bold=False, italic=False)
        code = a.type_code
        m = re.search(r"/([A-Za-zĐđ]+)", p.clean)
        if code and m and m.group(1) != code:
            so.add(
                p.where,
                f"Văn bản là {a.ten_loai.clean.lower() if a.ten_loai else ''} nhưng ký hiệu là "
                f"“{m.group(1)}”; phải là “{code}” (Phụ lục III).",
                f"Sửa ký hiệu thành …/{code}-….",
            )
    if a.date_line is None:
        dl.add(
            "đầu văn bản",
            "Không tìm thấy dòng địa danh, ngày tháng năm (“…, ngày … tháng … năm …”).",
        )
    else:
        p = a.date_line
        if a.blank_form and re.search(r"ngày[\s.…_]*tháng[\s.…_]*năm", p.clean):
            dl.add(
                p.where,
                f"Ngày tháng để trống (“{p.clean}”): biểu mẫu chờ điền.",
                "Điền ngày ban hành khi ký, dạng “ngày 05 tháng 01 năm 2021”.",
                warn=True,
            )
        elif not DATE_RE.match(p.clean):
            dl.add(
                p.where,
                f"“{p.clean}” không đúng dạng “Hà Nội, ngày 05 tháng 01 năm 2020” (ngày dưới 10 "
                "và tháng 1, 2 có số 0 phía trước).",
            )
        dl.style(p, "Dòng địa danh, ngày tháng", italic=True)
        dl.size(p, 13, 14, "Dòng địa danh, ngày tháng")
    return qh.items + ag.items + so.items + dl.items


def title(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.08")
    if a.ten_loai is not None:
        p = a.ten_loai
        out.style(p, "Tên loại văn bản", bold=True, italic=False, upper=True, center=True)
        out.size(p, 13, 14, "Tên loại văn bản")
        if not a.trich_yeu:
            out.add(
                p.where,
                "Không có trích yếu dưới tên loại văn bản.",
                "Ghi trích yếu nội dung ngay dưới tên loại.",
            )
        for q in a.trich_yeu:
            out.style(q, "Trích yếu", bold=True, italic=False, upper=False, center=True)
            out.size(q, 13, 14, "Trích yếu")
        if a.trich_yeu:
            last = a.trich_yeu[-1]
            text = "\n".join(q.text for q in a.trich_yeu)
            size = pt(max(last.sizes(), key=pt, default=14))
            w = widest_line(text, size, last.width or 9355, bold=True)
            check_rule(
                out, view.paragraphs, last, "trích yếu", w, 1 / 3, 1 / 2, "từ 1/3 đến 1/2 dòng chữ"
            )
        if a.vv is not None:
            out.add(
                a.vv.where,
                f"“V/v” chỉ dùng cho công văn; văn bản này là {p.clean.lower()}.",
                "Bỏ “V/v”; trích yếu đặt dưới tên loại văn bản.",
            )
    elif a.vv is not None:
        out.size(a.vv, 12, 13, "Trích yếu công văn (V/v)")
        out.style(a.vv, "Trích yếu công văn (V/v)", bold=False)
    return out.items


# Where a place name starts inside an agency's name ("… THÀNH PHỐ VŨNG TÀU"); "XÃ HỘI" is not.
_PLACE = re.compile(r"\b(THÀNH PHỐ|TỈNH|QUẬN|HUYỆN|THỊ XÃ|THỊ TRẤN|PHƯỜNG|XÃ(?! HỘI))\s+\S")
_BODIES = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "BAN CHỈ ĐẠO")


def name_break(paras: list[Para]) -> tuple[str, str] | None:
    """(message, fix) when an agency name, as printed over one or more lines (paragraphs,
    line breaks, or wrapping in its column), breaks inside a place name or inside
    "ỦY BAN NHÂN DÂN"; the break belongs between the body and the place."""
    lines: list[str] = []
    for p in paras:
        size = pt(max(p.sizes(), key=pt, default=13))
        lines += [ln for ln in printed_lines(p.text, size, p.width or 9355, p.any_bold) if ln]
    if len(lines) < 2:
        return None
    joined = " ".join(lines)
    breaks, at = [], 0
    for ln in lines[:-1]:
        at += len(ln) + 1
        breaks.append(at)
    starts = [m.start() for m in _PLACE.finditer(joined) if m.start() > 0]
    place_at = starts[-1] if starts else None
    for b in breaks:
        inside_body = any(
            (k := joined.find(body)) >= 0 and k < b < k + len(body) for body in _BODIES
        )
        inside_place = place_at is not None and b > place_at
        if inside_place:
            # a place too wide for one line may wrap, but not inside or right after its kind
            m = _PLACE.match(joined, place_at)  # type: ignore[arg-type]
            kind_end = place_at + len(m.group(1)) if m else place_at  # type: ignore[operator]
            para = paras[-1]
            size = pt(max(para.sizes(), key=pt, default=13))
            fits = text_width(joined[place_at:], size, para.any_bold) <= (para.width or 9355)
            if not fits and b > kind_end + 1:
                inside_place = False
        if inside_body or inside_place:
            shown = " / ".join(lines)
            return (
                f"Tên cơ quan xuống dòng giữa một tên riêng: “{shown}”.",
                "Xuống dòng giữa tên cơ quan và địa danh, ví dụ "
                "“ỦY BAN NHÂN DÂN / THÀNH PHỐ VŨNG TÀU”.",
            )
    return None
