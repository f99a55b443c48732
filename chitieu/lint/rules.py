"""The ND30 lint rules as data: what each checks, how bad a breach is, and how to fix it.

One `Rule` per item of "Checkable rules (.docx)" in nd30.md (ND30.01 … ND30.18), plus the
consistency rules (NQ.*). Checks live elsewhere (`format_checks`, `consistency`) and only
call `rule.finding(where, message)`; the catalogue can be printed (`describe()`) without
running anything, as pandera's `Check` and DHIS2's `ValidationRule` keep rule and
execution apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Finding:
    """One breach: which rule, where in the document, what is wrong and how to fix it."""

    rule_id: str
    severity: Severity
    where: str  # "đoạn 12", "bảng 2, hàng 3, ô 4", "mục 1 (trang)", "toàn văn bản"
    message_vi: str
    fix_vi: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": str(self.severity),
            "where": self.where,
            "message": self.message_vi,
            "fix": self.fix_vi,
        }


@dataclass(frozen=True)
class Rule:
    """A checkable rule: code, Vietnamese title, severity and the standing fix."""

    code: str
    title: str
    severity: Severity
    instruction: str  # the fix, in Vietnamese
    source: str = ""  # where the rule comes from (nd30.md item, ND30 Phụ lục)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"(ND30\.\d{2}|NQ\.[A-Z_]+)", self.code):
            raise ValueError(f"rule code {self.code!r} is not ND30.nn or NQ.NAME")
        if not self.title or not self.instruction:
            raise ValueError(f"rule {self.code} needs a title and a fix (instruction)")

    def finding(
        self,
        where: str,
        message: str,
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            self.code, severity or self.severity, where, message, fix or self.instruction
        )

    def describe(self) -> str:
        level = "lỗi" if self.severity == Severity.error else "lưu ý"
        return f"{self.code} ({level}): {self.title}. Sửa: {self.instruction}"


E, W = Severity.error, Severity.warning

_CATALOGUE = [
    Rule(
        "ND30.01",
        "Khổ giấy A4 (210 × 297 mm), hướng dọc",
        E,
        "Đặt khổ giấy A4 210 × 297 mm, hướng dọc (chỉ bảng, biểu mới được đặt ngang).",
        "nd30.md mục 1; Phụ lục I",
    ),
    Rule(
        "ND30.02",
        "Lề trang",
        E,
        "Đặt lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm.",
        "nd30.md mục 2",
    ),
    Rule(
        "ND30.03",
        "Phông chữ Times New Roman, màu đen",
        E,
        "Dùng phông Times New Roman (bộ mã Unicode TCVN 6909:2001) cho mọi chữ, màu đen.",
        "nd30.md mục 3",
    ),
    Rule(
        "ND30.04",
        "Quốc hiệu và Tiêu ngữ",
        E,
        "Quốc hiệu: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, chữ in hoa, đứng, đậm, cỡ 12–13; "
        "Tiêu ngữ: “Độc lập - Tự do - Hạnh phúc”, đậm, cỡ 13–14, căn giữa, có đường kẻ bên "
        "dưới dài bằng dòng chữ.",
        "nd30.md mục 4",
    ),
    Rule(
        "ND30.05",
        "Tên cơ quan ban hành",
        E,
        "Tên cơ quan ban hành in hoa, đứng, đậm, cỡ 12–13; tên cơ quan chủ quản in hoa, không "
        "đậm; đường kẻ dưới tên cơ quan dài từ 1/3 đến 1/2 dòng chữ.",
        "nd30.md mục 5",
    ),
    Rule(
        "ND30.06",
        "Số, ký hiệu văn bản",
        E,
        "Viết “Số: 05/KH-UBND”: số dưới 10 thêm số 0 phía trước, ký hiệu in hoa nối bằng “-”, "
        "cỡ 13, chữ đứng, không đậm; ký hiệu đúng tên loại (Phụ lục III).",
        "nd30.md mục 6",
    ),
    Rule(
        "ND30.07",
        "Địa danh, ngày tháng năm ban hành",
        E,
        "Viết “Cầu Giấy, ngày 05 tháng 01 năm 2021”: ngày dưới 10 và tháng 1, 2 thêm số 0; "
        "chữ nghiêng, cỡ 13–14.",
        "nd30.md mục 7",
    ),
    Rule(
        "ND30.08",
        "Tên loại và trích yếu",
        E,
        "Tên loại in hoa, đậm, cỡ 13–14, căn giữa; trích yếu chữ thường, đậm, cỡ 13–14, căn "
        "giữa, đường kẻ dưới dài 1/3–1/2 dòng chữ; “V/v” chỉ dùng cho công văn, cỡ 12–13, "
        "không đậm.",
        "nd30.md mục 8",
    ),
    Rule(
        "ND30.09",
        "Nội dung văn bản",
        E,
        "Nội dung cỡ 13–14, căn đều hai bên, thụt đầu dòng 1 cm hoặc 1,27 cm, khoảng cách "
        "đoạn tối thiểu 6 pt, giãn dòng từ đơn (1,0) đến 1,5 dòng.",
        "nd30.md mục 9",
    ),
    Rule(
        "ND30.10",
        "Căn cứ ban hành",
        E,
        "Mỗi căn cứ một dòng, chữ nghiêng, kết thúc bằng “;”, căn cứ cuối cùng kết thúc bằng “.”.",
        "nd30.md mục 10",
    ),
    Rule(
        "ND30.11",
        "Phần, mục, khoản, điểm",
        E,
        "“Phần I”/“Chương I” đậm, căn giữa; mục “I. …” in hoa, đậm; điểm theo thứ tự "
        "a) b) c) d) đ) e) g) h)… (không có f, j, w, z).",
        "nd30.md mục 11",
    ),
    Rule(
        "ND30.12",
        "Quyền hạn, chức vụ và họ tên người ký",
        E,
        "Dòng quyền hạn (TM., KT., Q., TL., TUQ.) và chức vụ in hoa, đậm, cỡ 13–14; họ tên "
        "chữ thường, đậm, cỡ 13–14, căn giữa dưới chức vụ.",
        "nd30.md mục 12",
    ),
    Rule(
        "ND30.13",
        "Nơi nhận",
        E,
        "“Nơi nhận:” cỡ 12, nghiêng, đậm; mỗi nơi nhận một dòng cỡ 11, chữ đứng, bắt đầu bằng "
        "“- ” và kết thúc bằng “;”; dòng cuối “- Lưu: VT, <đơn vị>.”",
        "nd30.md mục 13",
    ),
    Rule(
        "ND30.14",
        "Kính gửi",
        E,
        "“Kính gửi:” cỡ 13–14, chữ đứng; nhiều nơi thì mỗi nơi một dòng “- …;”, dòng cuối "
        "kết thúc bằng “.”",
        "nd30.md mục 14",
    ),
    Rule(
        "ND30.15",
        "Số trang",
        E,
        "Đánh số trang bằng trường PAGE ở đầu trang (header), căn giữa, cỡ 13–14, không hiện "
        "ở trang đầu (Different First Page); mỗi phụ lục đánh số lại từ 1.",
        "nd30.md mục 15",
    ),
    Rule(
        "ND30.16",
        "Phụ lục",
        E,
        "Dòng “Phụ lục” cỡ 14, đậm, căn giữa; tên phụ lục in hoa, đậm, cỡ 13–14; dòng tiếp "
        "theo nghiêng “(Kèm theo … số … ngày … của …)”.",
        "nd30.md mục 16",
    ),
    Rule(
        "ND30.17",
        "Ký hiệu người soạn thảo, dấu mức độ khẩn, mật",
        E,
        "Ký hiệu người soạn thảo và số bản cỡ 11; dấu khẩn, mật in hoa, đậm, cỡ 13–14.",
        "nd30.md mục 17",
    ),
    Rule(
        "ND30.18",
        "Cách viết số",
        W,
        "Viết số theo quy ước: dấu chấm phân cách hàng nghìn (1.234), dấu phẩy thập phân (12,5%).",
        "nd30.md mục 18 (quy ước, không phải quy định của NĐ30)",
    ),
    Rule(
        "ND30.19",
        "Bảng nằm trong vùng chữ của trang",
        E,
        "Thu hẹp bảng cho vừa vùng chữ (bỏ cột không có số liệu, giảm cỡ chữ trong bảng "
        "xuống 11–12, hoặc tách thành nhiều bảng lặp lại cột TT và Đơn vị).",
        "Phụ lục I (khổ giấy, lề); bảng rộng hơn vùng chữ bị cắt khi in",
    ),
    Rule(
        "NQ.TONG",
        "Dòng Tổng cộng của biểu bằng tổng các dòng",
        E,
        "Cộng lại từng cột của biểu và sửa dòng “Tổng cộng” (hoặc sửa số của đơn vị bị sai).",
        "nhất quán",
    ),
    Rule(
        "NQ.BANG_TRONG",
        "Bảng của phụ lục có số liệu",
        E,
        "Bỏ bảng không có số liệu (kỳ không giao chỉ tiêu riêng: ghi một dòng Lưu ý về "
        "số liệu báo cáo trong kỳ đó) hoặc điền số liệu vào bảng.",
        "nhất quán; bảng trống in ra không có gì để ký",
    ),
    Rule(
        "NQ.SO_LIEU",
        "Số liệu trong lời văn khớp với biểu kèm theo",
        E,
        "Sửa con số trong lời văn hoặc chỉ tiêu trong biểu để hai nơi thống nhất.",
        "nhất quán",
    ),
    Rule(
        "NQ.KEM_THEO",
        "Dòng “Kèm theo …” của biểu khớp số, ngày của văn bản",
        E,
        "Ghi đúng số, ký hiệu và ngày ban hành của văn bản trong dòng “(Kèm theo …)”.",
        "nhất quán",
    ),
    Rule(
        "NQ.NAM",
        "Năm ghi trong tiêu đề khớp với năm của văn bản",
        E,
        "Sửa năm trong tiêu đề (của biểu, phụ lục) cho đúng năm của kế hoạch.",
        "nhất quán",
    ),
    Rule(
        "NQ.KE_HOACH",
        "Văn bản khớp với tệp kế hoạch (--plan)",
        E,
        "Sửa văn bản hoặc tệp kế hoạch để số, ngày và chỉ tiêu thống nhất.",
        "nhất quán",
    ),
]

RULES: dict[str, Rule] = {r.code: r for r in _CATALOGUE}


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule on one document: the checklist line of a review."""

    rule: Rule
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.severity == Severity.error for f in self.findings)


def results(findings: list[Finding]) -> list[RuleResult]:
    """Every rule of the catalogue, in order, with the findings it produced."""
    return [RuleResult(r, [f for f in findings if f.rule_id == r.code]) for r in RULES.values()]


__all__ = ["RULES", "Finding", "Rule", "RuleResult", "Severity", "results"]
