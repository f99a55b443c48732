"""The end of a return form as printed: Nơi nhận and the signature, with the text's end.

ND30 practice: the signing block never stands alone on a page; "Nơi nhận:" 12 pt bold
italic, entries 11 pt; signing lines uppercase bold 13–14 pt.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from form_lines import Expected, Line, page_lines, page_words, size_ok

from chitieu.render.page import MARGIN_BOTTOM_MM

MM = 72 / 25.4


def _signature_at(pdf: Path, first_line: str) -> tuple[int, float] | None:
    """(page index, top) of the signing block's first line, right of the middle."""
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages):
            for ln in page_lines(page):
                if ln.text.endswith(first_line) and ln.x1 > page.width * 0.55:
                    return n, ln.top
    return None


def _closing_columns(pdf: Path, want: Expected) -> tuple[int, list[Line], list[Line]] | None:
    """(page index, the left column's lines from just above the signing block down — Nơi
    nhận —, the right column's from its first line down), above page 1's footer."""
    at = _signature_at(pdf, want.signing)
    if at is None:
        return None
    n, top = at
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[n]
        floor = page.height - MARGIN_BOTTOM_MM * MM  # page 1's footer: the QR caption
        words = [w for w in page_words(page) if w["bottom"] < floor]
        middle = page.width * 0.45
    left = page_lines(None, [w for w in words if w["x1"] < middle and w["top"] >= top - 20])
    right = page_lines(None, [w for w in words if w["x0"] > middle and w["top"] >= top - 2])
    return n, left, right


def signing_block(pdf: Path, want: Expected) -> list[str]:
    """The signing block's lines are the signer's real ones, in order ("GIÁM ĐỐC" for a
    Sở, "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" for a phường), never a placeholder title."""
    found = _closing_columns(pdf, want)
    if found is None:
        return [f"không thấy khối chữ ký “{want.signing}”"]
    n, _, right = found
    printed = [ln.text for ln in right if ln.text == ln.text.upper()][: len(want.signing_lines)]
    if want.signing_lines and tuple(printed) != want.signing_lines:
        return [f"trang {n + 1}: khối chữ ký in {printed}, phải là {list(want.signing_lines)}"]
    if any("THỦ TRƯỞNG" in t for t in printed):
        return [f"trang {n + 1}: khối chữ ký in chức danh chung “{printed[0]}”"]
    return []


def closing_with_text(pdf: Path, want: Expected) -> list[str]:
    """The signature and Nơi nhận never stand alone on a page: the end of the text (the
    table's last row and the "Ghi chú" under it) is on their page, above them."""
    at = _signature_at(pdf, want.signing)
    if at is None:
        return [f"không thấy khối chữ ký “{want.signing}”"]
    n, top = at
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[n]
        lines = page_lines(page)
        rules = [e["top"] for e in page.edges if e["orientation"] == "h" and e["top"] < top]
    above = [ln for ln in lines if ln.top < top - 2 and not re.fullmatch(r"\d+", ln.text)]
    out = []
    if not above:
        return [f"trang {n + 1}: khối chữ ký và nơi nhận đứng riêng một trang"]
    if not any(ln.text.startswith("Ghi chú") for ln in above):
        out.append(f"trang {n + 1}: “Ghi chú” (cuối văn bản) không cùng trang với chữ ký")
    if len({round(t) for t in rules}) < 2:
        out.append(f"trang {n + 1}: không dòng nào của bảng cùng trang với chữ ký")
    return out


def closing_fonts(pdf: Path, want: Expected) -> list[str]:
    """ "Nơi nhận:" 12 pt bold italic; entries 11 pt upright, "- …;", the last "- Lưu: VT…."
    (an entry may wrap); signing lines uppercase, bold, 13–14 pt."""
    found = _closing_columns(pdf, want)
    if found is None:
        return [f"không thấy khối chữ ký “{want.signing}”"]
    n, left, right = found
    out = []
    label = [i for i, ln in enumerate(left) if ln.text == "Nơi nhận:"]
    if not label:
        return [f"trang {n + 1}: thiếu “Nơi nhận:” bên trái khối chữ ký"]
    lab = left[label[0]]
    if not (lab.bold and lab.italic and size_ok(lab, 12, 12)):
        out.append("“Nơi nhận:” phải 12 pt, đậm, nghiêng")
    entries: list[str] = []
    for ln in left[label[0] + 1 :]:
        if ln.bold or not size_ok(ln, 11, 11):
            out.append(f"nơi nhận “{ln.text}” phải 11 pt, chữ đứng")
        if ln.text.startswith("- ") or not entries:
            entries.append(ln.text)
        else:
            entries[-1] += " " + ln.text
    if not entries:
        out.append("nơi nhận trống")
    else:
        for e in entries[:-1]:
            if not re.match(r"^- .+;$", e):
                out.append(f"nơi nhận “{e}” phải “- …;”")
        if not re.match(r"^- Lưu: VT(, .+)?\.$", entries[-1]):
            out.append(f"nơi nhận cuối “{entries[-1]}” phải “- Lưu: VT….”")
    signing = [ln for ln in right if ln.text == ln.text.upper() and re.search(r"[A-Z]", ln.text)]
    if not signing:
        out.append("thiếu dòng chức vụ người ký")
    for ln in signing:
        if not (ln.bold and size_ok(ln, 13, 14)):
            out.append(f"dòng ký “{ln.text}” phải đậm, 13–14 pt")
    return out


__all__ = ["closing_fonts", "closing_with_text", "signing_block"]
