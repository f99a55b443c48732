"""Find the ND30 components of a document by their content, not their position.

Quốc hiệu, Tiêu ngữ, "Số:", the date line, the tên loại and trích yếu, the body, "Nơi nhận:",
the signature block and the phụ lục headings are recognised by the regexes of nd30.md (and
a few looser ones, so that a malformed element is still found and reported rather than
missed). Works on documents we did not write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chitieu.lint.docx_parts import Para
from chitieu.lint.docx_view import DocxView

QUOC_HIEU = re.compile(r"CỘNG H(Ò|OÀ)A XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
SO = re.compile(r"^Số\s*:")
DATE_LINE = re.compile(r"^[^,\n]{1,60},\s*ngày\b")
SIGN = re.compile(r"^(TM\.|KT\.|Q\.|TL\.|TUQ\.) ")
PHU_LUC = re.compile(r"^phụ lục( [ivxlc]+)?$", re.IGNORECASE)

# Tên loại (Phụ lục III, ND30) → the abbreviation expected after "/" in "Số:".
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}


def letters(text: str) -> str:
    """Lowercase letters only (NFC): to recognise a line whatever its spacing and dashes."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text).lower() if ch.isalpha())


def is_upper(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and text == text.upper()


@dataclass
class Anatomy:
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    parent: list[Para] = field(default_factory=list)
    issuer: list[Para] = field(default_factory=list)
    so: Para | None = None
    date_line: Para | None = None
    ten_loai: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    vv: Para | None = None
    kinh_gui: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    signer: list[Para] = field(default_factory=list)
    signer_name: Para | None = None
    phu_luc: list[Para] = field(default_factory=list)

    @property
    def blank_form(self) -> bool:
        """A template left for the receiver to fill: "Số:    /BC-…", "ngày    tháng    năm …"."""
        blank_date = self.date_line is not None and bool(
            re.search(r"ngày[\s.…_]*tháng[\s.…_]*năm", self.date_line.clean)
        )
        return blank_date or (
            self.so is not None and bool(re.match(r"^Số:[\s.…_]*/", self.so.clean))
        )

    @property
    def type_code(self) -> str | None:
        return TYPE_CODES.get(self.ten_loai.clean.upper()) if self.ten_loai else None


def _next(paras: list[Para], i: int) -> Para | None:
    return paras[i + 1] if i + 1 < len(paras) else None


def read_anatomy(view: DocxView) -> Anatomy:
    ps = view.paragraphs
    a = Anatomy()
    head_zone = ps[: min(len(ps), 60)]
    for p in head_zone:
        t = p.clean
        if a.quoc_hieu is None and QUOC_HIEU.fullmatch(t.upper()):
            a.quoc_hieu = p
        elif a.tieu_ngu is None and letters(t) == letters(TIEU_NGU):
            a.tieu_ngu = p
        elif a.so is None and SO.match(t):
            a.so = p
        elif a.date_line is None and DATE_LINE.match(t):
            a.date_line = p
        elif a.vv is None and t.startswith("V/v"):
            a.vv = p
    if a.so is not None:
        a.parent, a.issuer = _issuer(ps, a)
    start = ps.index(a.so) + 1 if a.so is not None else 0
    for i in range(start, min(len(ps), start + 40)):
        p = ps[i]
        if p.cell is None and p.clean.upper() in TYPE_CODES and is_upper(p.clean):
            a.ten_loai = p
            for q in ps[i + 1 :]:
                if q.clean and q.cell is None and q.align == "center" and not q.border_top:
                    a.trich_yeu.append(q)
                    if q.border_bottom:
                        break
                else:
                    break
            break
    for p in ps:
        if p.clean.startswith("Kính gửi"):
            a.kinh_gui = [p]
            j = ps.index(p) + 1
            while j < len(ps) and ps[j].clean.startswith("-") and ps[j].cell == p.cell:
                a.kinh_gui.append(ps[j])
                j += 1
            break
    for i, p in enumerate(ps):
        if re.match(r"^Nơi nhận\s*:?", p.clean):
            a.noi_nhan = p
            for q in ps[i + 1 :]:
                if q.cell != p.cell or not q.clean.startswith("-"):
                    if q.clean or q.cell != p.cell:
                        break
                    continue
                a.recipients.append(q)
            break
    _signature(ps, a)
    a.phu_luc = [p for p in ps if PHU_LUC.fullmatch(p.clean)]
    _body(ps, a)
    return a


def _issuer(ps: list[Para], a: Anatomy) -> tuple[list[Para], list[Para]]:
    """Upper-case lines just above "Số:" (same cell): parent (not bold) then issuer (bold)."""
    assert a.so is not None
    i = ps.index(a.so)
    lines: list[Para] = []
    for p in reversed(ps[:i]):
        if p.cell != a.so.cell or p in (a.quoc_hieu, a.tieu_ngu, a.date_line):
            if lines:
                break
            continue
        if not p.clean:
            if lines and not p.border_top and not p.drawing_widths:
                break
            continue
        if not is_upper(p.clean):
            break
        lines.insert(0, p)
    if len(lines) >= 2 and not lines[0].any_bold and any(p.any_bold for p in lines[1:]):
        return lines[:1], lines[1:]
    return [], lines


def _signature(ps: list[Para], a: Anatomy) -> None:
    start = ps.index(a.trich_yeu[-1]) + 1 if a.trich_yeu else 0
    first = next((i for i in range(start, len(ps)) if SIGN.match(ps[i].clean)), None)
    if first is None and a.noi_nhan is not None and a.noi_nhan.cell is not None:
        t, r, c = a.noi_nhan.cell
        first = next(
            (
                i
                for i, p in enumerate(ps)
                if p.cell and p.cell[:2] == (t, r) and p.cell[2] != c and is_upper(p.clean)
            ),
            None,
        )
    if first is None:
        return
    container = ps[first].cell
    for p in ps[first:]:
        if p.cell != container:
            break
        if not p.clean:
            continue
        if is_upper(p.clean) and a.signer_name is None:
            a.signer.append(p)
        else:
            a.signer_name = p
            break


def _body(ps: list[Para], a: Anatomy) -> None:
    """Body-level paragraphs between the heading block and the signature / Nơi nhận."""
    anchors = [*a.trich_yeu, a.ten_loai, a.vv, *a.kinh_gui, a.date_line, a.so]
    after = next((p for p in anchors if p is not None), None)
    start = ps.index(after) + 1 if after is not None else 0
    if a.kinh_gui and ps.index(a.kinh_gui[-1]) + 1 > start:
        start = ps.index(a.kinh_gui[-1]) + 1
    ends = [ps.index(p) for p in (a.noi_nhan, *a.signer[:1]) if p is not None]
    end = min(ends) if ends else len(ps)
    for p in ps[start:end]:
        if p.cell is None and p.clean:
            a.body.append(p)
    # a body paragraph that is in fact a table-less signature line ends the body
    if a.signer and a.signer[0].cell is None:
        a.body = [p for p in a.body if p.number < a.signer[0].number]


__all__ = [
    "QUOC_HIEU",
    "SIGN",
    "TIEU_NGU",
    "TYPE_CODES",
    "Anatomy",
    "is_upper",
    "letters",
    "read_anatomy",
]
