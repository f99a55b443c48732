"""ND30 rules 12–14: signature block, Nơi nhận, Kính gửi."""

from __future__ import annotations

import re

from chitieu.lint.anatomy import SIGN, Anatomy, is_upper
from chitieu.lint.check_support import (
    RuleFindings,
)
from chitieu.lint.docx_view import DocxView
from chitieu.lint.rules import Finding


def signature(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("ND30.12")
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
    out = RuleFindings("ND30.13")
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
    out = RuleFindings("ND30.14")
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
