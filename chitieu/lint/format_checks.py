"""The ND30 format rules (nd30.md "Checkable rules (.docx)" 1–18), with its tolerances.

Each check reads the `DocxView` and the `Anatomy` and returns findings. Checks that would
repeat on every paragraph (body formatting, fonts) report once, with the count and the
first places, so that a badly formatted document gives a readable list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from chitieu.lint.anatomy import SIGN, TIEU_NGU, Anatomy, is_upper
from chitieu.lint.docx_view import DocxView, Para
from chitieu.lint.measure import text_width, widest_line
from chitieu.lint.rules import RULES, Finding, Severity

A4_W, A4_H, MM1 = 11906, 16838, 57
SO_RE = re.compile(r"^Số: ?(\d{2,}|\s*)/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")
DATE_RE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
POINT_ORDER = "abcdđeghiklmnopqrstuvxy"
SLACK = 0.03  # measuring with Liberation Serif instead of Times New Roman: allow 3 %


def _mm(twips: int) -> str:
    """Twips as Vietnamese millimetres: "25,4"."""
    return f"{twips / 56.7:.1f}".replace(".", ",").removesuffix(",0")


def _pt(size: float | None) -> float:
    return 10.0 if size is None else size  # Word's built-in default when nothing sets it


def _fmt_pt(sizes: Iterable[float | None]) -> str:
    return ", ".join(f"{_pt(s):g}" for s in sorted({_pt(s) for s in sizes}))


def _size_ok(p: Para, lo: float, hi: float) -> bool:
    return all(lo <= _pt(s) <= hi for s in p.sizes())


def _places(ps: list[Para], limit: int = 5) -> str:
    shown = ", ".join(p.where for p in ps[:limit])
    return shown + (f" và {len(ps) - limit} chỗ khác" if len(ps) > limit else "")


class _Out:
    """Collects findings of one rule."""

    def __init__(self, code: str) -> None:
        self.rule = RULES[code]
        self.items: list[Finding] = []

    def add(self, where: str, message: str, fix: str | None = None, warn: bool = False) -> None:
        self.items.append(
            self.rule.finding(where, message, fix, Severity.warning if warn else None)
        )

    def size(self, p: Para, lo: float, hi: float, what: str) -> None:
        if p.text_runs and not _size_ok(p, lo, hi):
            rng = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
            self.add(
                p.where,
                f"{what} cỡ chữ {_fmt_pt(p.sizes())} pt; quy định {rng} pt.",
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


def _rule_width(ps: list[Para], p: Para) -> int | None:
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
        return text_width(p.clean, _pt(next(iter(p.sizes()))), p.bold)
    return None


def _check_rule(
    out: _Out, ps: list[Para], p: Para, what: str, text_w: int, lo: float, hi: float, shape: str
) -> None:
    width = _rule_width(ps, p)
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


# -- rules -----------------------------------------------------------------------------------


def page_setup(view: DocxView, a: Anatomy) -> list[Finding]:
    size, margins = _Out("ND30.01"), _Out("ND30.02")
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
        for name, value, lo, hi in (
            ("trên", s.top, 1134, 1417),
            ("dưới", s.bottom, 1134, 1417),
            ("trái", s.left, 1701, 1984),
            ("phải", s.right, 850, 1134),
        ):
            if not lo - 6 <= value <= hi + 6:
                margins.add(
                    where,
                    f"Lề {name} {_mm(value)} mm; quy định {lo / 56.7:.0f}–{hi / 56.7:.0f} mm.",
                )
    return size.items + margins.items


def fonts(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.03")
    bad_font: dict[str, list[Para]] = {}
    bad_color: dict[str, list[Para]] = {}
    for p in view.paragraphs:
        for r in p.text_runs:
            for slot, name in r.fonts.items():
                if name != "Times New Roman":
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
            f"Phông chữ {key} ({len(ps)} đoạn: {_places(ps)}).",
            "Chọn toàn bộ văn bản và đặt phông Times New Roman (cả cho chữ châu Á và chữ phức hợp).",
        )
    for color, ps in bad_color.items():
        out.add(
            ps[0].where,
            f"Chữ màu #{color} ({len(ps)} đoạn: {_places(ps)}).",
            "Đặt màu chữ đen (Automatic).",
        )
    return out.items


def header(view: DocxView, a: Anatomy) -> list[Finding]:
    ps = view.paragraphs
    qh, ag, so, dl = _Out("ND30.04"), _Out("ND30.05"), _Out("ND30.06"), _Out("ND30.07")
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
        w = text_width(p.clean, _pt(max(p.sizes(), key=_pt, default=13)), bold=True)
        _check_rule(qh, ps, p, "Tiêu ngữ", w, 0.85, 1.15, "bằng độ dài dòng chữ Tiêu ngữ")
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
            widest_line(
                p.text, _pt(max(p.sizes(), key=_pt, default=13)), p.width or 9355, bold=True
            )
            for p in a.issuer
        )
        _check_rule(
            ag, ps, last, "tên cơ quan ban hành", w, 1 / 3, 1 / 2, "từ 1/3 đến 1/2 dòng chữ"
        )
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
    out = _Out("ND30.08")
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
            size = _pt(max(last.sizes(), key=_pt, default=14))
            w = widest_line(text, size, last.width or 9355, bold=True)
            _check_rule(
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


def body(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.09")
    groups: dict[str, list[Para]] = {}

    def bad(key: str, p: Para) -> None:
        groups.setdefault(key, []).append(p)

    for p in a.body:
        heading = bool(re.match(r"^([IVXLC]+\.\s|(Phần|Chương|Mục) )", p.clean)) or (
            is_upper(p.clean) and len(p.clean) < 80
        )
        if not _size_ok(p, 13, 14):
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
                and p.line > 1.5 * _pt(max(p.sizes(), key=_pt, default=14)) * 20
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
        out.add(ps[0].where, f"{len(ps)} đoạn nội dung {what}: {_places(ps)}.", fix)
    return out.items


def bases(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.10")
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
    out = _Out("ND30.11")
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


def signature(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.12")
    if not a.signer:
        out.add(
            "cuối văn bản",
            "Không tìm thấy khối chữ ký (quyền hạn, chức vụ người ký).",
            "Ghi quyền hạn (TM., KT., …), chức vụ và họ tên người ký.",
        )
        return out.items
    for p in a.signer:
        out.style(p, "Quyền hạn, chức vụ người ký", bold=True, upper=True)
        out.size(p, 13, 14, "Quyền hạn, chức vụ người ký")
    first = a.signer[0].clean
    if not SIGN.match(first) and not is_upper(first):
        out.add(
            a.signer[0].where,
            f"Dòng “{first}” không bắt đầu bằng TM., KT., Q., TL., TUQ. và không phải chức vụ.",
        )
    if a.signer_name is None:
        out.add(
            a.signer[-1].where,
            "Thiếu họ tên người ký dưới chức vụ."
            + (" (biểu mẫu chờ điền: để trống cho người ký)" if a.blank_form else ""),
            warn=a.blank_form,
            fix="Ghi họ và tên người ký (chữ thường, đậm).",
        )
    else:
        p = a.signer_name
        out.style(p, "Họ tên người ký", bold=True, upper=False)
        out.size(p, 13, 14, "Họ tên người ký")
        if p.align != a.signer[-1].align or p.align not in ("center", None):
            out.add(
                p.where,
                "Họ tên người ký chưa căn giữa dưới chức vụ.",
                "Căn giữa họ tên dưới dòng chức vụ.",
            )
    return out.items


def recipients(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.13")
    if a.noi_nhan is None:
        return out.items
    p = a.noi_nhan
    if p.clean.split("\n")[0].strip() != "Nơi nhận:":
        out.add(p.where, f"Viết “Nơi nhận:” (có dấu hai chấm); đang là “{p.clean[:20]}”.")
    out.size(p, 12, 12, "Chữ “Nơi nhận:”")
    out.style(p, "Chữ “Nơi nhận:”", bold=True, italic=True)
    if not a.recipients:
        out.add(
            p.where,
            "“Nơi nhận:” không có dòng nơi nhận nào.",
            "Liệt kê mỗi nơi nhận một dòng “- …;”.",
        )
        return out.items
    for n, q in enumerate(a.recipients):
        last = n == len(a.recipients) - 1
        out.size(q, 11, 11, "Dòng nơi nhận")
        out.style(q, "Dòng nơi nhận", bold=False, italic=False)
        if last and not re.match(r"^- Lưu: VT(, .+)?\.$", q.clean):
            out.add(q.where, f"Dòng cuối nơi nhận “{q.clean}” phải có dạng “- Lưu: VT, <đơn vị>.”.")
        elif not last and not re.match(r"^- .+;$", q.clean):
            out.add(
                q.where, f"Dòng nơi nhận “{q.clean}” phải bắt đầu bằng “- ” và kết thúc bằng “;”."
            )
    return out.items


def addressees(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.14")
    if not a.kinh_gui:
        return out.items
    for p in a.kinh_gui:
        out.size(p, 13, 14, "Kính gửi")
        out.style(p, "Kính gửi", italic=False)
    lines = a.kinh_gui[1:]
    for n, q in enumerate(lines):
        end = "." if n == len(lines) - 1 else ";"
        if not (q.clean.startswith("- ") and q.clean.endswith(end)):
            out.add(
                q.where,
                f"Dòng kính gửi “{q.clean}” phải bắt đầu bằng “- ” và kết thúc bằng “{end}”.",
            )
    return out.items


def page_numbers(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.15")
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def annexes(view: DocxView, a: Anatomy) -> list[Finding]:
    out = _Out("ND30.16")
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
    out = _Out("ND30.17")
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
    out = _Out("ND30.18")
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


CHECKS: list[Callable[[DocxView, Anatomy], list[Finding]]] = [
    page_setup,
    fonts,
    header,
    title,
    body,
    bases,
    headings,
    signature,
    recipients,
    addressees,
    page_numbers,
    annexes,
    marks,
    numbers,
]

__all__ = ["CHECKS"]
