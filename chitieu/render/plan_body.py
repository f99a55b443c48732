"""The body of the kế hoạch: the plan file's sections, or a default I–V outline.

The chỉ tiêu sentences always come from `QuotaAnnex.sentences()` and go at the end of the
section marked `targets_here` (or of section II of the default outline).
"""

from __future__ import annotations

from chitieu.due import schedule_phrase
from chitieu.plan import Plan
from chitieu.plan_parts import Section
from chitieu.render import text
from chitieu.render.quota_annex import QuotaAnnex
from chitieu.render.text import Container


def default_sections(plan: Plan) -> list[Section]:
    """I. MỤC ĐÍCH, YÊU CẦU … V. TỔ CHỨC THỰC HIỆN, for a plan file without a body."""
    schedule = schedule_phrase(plan)
    due = f" {schedule}" if schedule else " ngay khi kết thúc kỳ thực hiện"
    return [
        Section(
            title="MỤC ĐÍCH, YÊU CẦU",
            paragraphs=[
                "1. Tổ chức quán triệt, triển khai thực hiện nghiêm túc, đồng bộ các nội dung "
                "của Kế hoạch; nâng cao hiệu quả công tác phòng ngừa, đấu tranh với tội phạm "
                "và tệ nạn ma túy trên địa bàn.",
                "2. Các đơn vị hoàn thành các chỉ tiêu được giao theo đúng tiến độ, thời gian "
                "quy định; báo cáo kết quả đầy đủ, chính xác, đúng hạn.",
            ],
        ),
        Section(title="MỘT SỐ CHỈ TIÊU CỤ THỂ", targets_here=True),
        Section(
            title="NỘI DUNG, CÔNG TÁC TRỌNG TÂM",
            paragraphs=[
                "1. Đẩy mạnh công tác tuyên truyền, giáo dục, phòng ngừa.",
                "2. Tập trung đấu tranh, trấn áp tội phạm về ma túy.",
                "3. Làm tốt công tác cai nghiện và quản lý sau cai nghiện ma túy.",
            ],
        ),
        Section(
            title="PHÂN CÔNG NHIỆM VỤ",
            paragraphs=[
                "Các cơ quan, đơn vị thực hiện nhiệm vụ theo chức năng, nhiệm vụ được giao"
                + (" (chi tiết tại Phụ lục II kèm theo)." if plan.assignments else "."),
            ],
        ),
        Section(
            title="TỔ CHỨC THỰC HIỆN",
            paragraphs=[
                "1. Thủ trưởng các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch cụ "
                "thể và tổ chức thực hiện có hiệu quả.",
                "2. Các đơn vị báo cáo kết quả thực hiện theo biểu mẫu gửi kèm về Cơ quan "
                f"thường trực{due} để tổng hợp, báo cáo theo quy định.",
            ],
        ),
    ]


def _paragraph(container: Container, item: str) -> None:
    """A plan paragraph; a leading "1." / "1.1." stays as typed, headings are sections."""
    text.body(container, item)


def _section(
    container: Container,
    section: Section,
    label: str,
    level: int,
    annex: QuotaAnnex,
    annex_label: str,
) -> None:
    text.heading(container, f"{label} {section.title}", level)
    for item in section.paragraphs:
        _paragraph(container, item)
    for n, sub in enumerate(section.subsections, start=1):
        sub_label = f"{n}." if level == 1 else text.point_label(n - 1)
        _section(container, sub, sub_label, min(level + 1, 3), annex, annex_label)
    if section.targets_here:
        for sentence in annex.sentences():
            text.body(container, text.figures_kept_whole(sentence))
        text.body(
            container, f"(Biểu giao chỉ tiêu chi tiết tại {annex_label} kèm theo).", italic=True
        )


def write_plan_body(
    container: Container, plan: Plan, annex: QuotaAnnex, *, annex_label: str = "Phụ lục I"
) -> None:
    """Intro, căn cứ, then the numbered sections (I., II., …)."""
    body = plan.body
    if body is not None and body.bases:
        text.bases(container, body.bases)
    if body is not None:
        for item in body.intro:
            text.body(container, item)
    sections = list(body.sections) if body is not None and body.sections else default_sections(plan)
    if not any(s.targets_here for s in sections):
        sections.insert(
            min(1, len(sections)), Section(title="MỘT SỐ CHỈ TIÊU CỤ THỂ", targets_here=True)
        )
    for n, section in enumerate(sections, start=1):
        _section(container, section, f"{text.roman(n)}.", 1, annex, annex_label)
    paragraphs = getattr(container, "paragraphs", [])
    if paragraphs:  # keep the last lines with the signature block that follows
        paragraphs[-1].paragraph_format.keep_with_next = True


__all__ = ["default_sections", "write_plan_body"]
