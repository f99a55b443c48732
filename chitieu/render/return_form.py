"""One return form (biểu mẫu báo cáo) per unit, as DOCX (with a QR code) from the template.

The form is the unit's own báo cáo to the secretariat: its letterhead, "BÁO CÁO", the
trích yếu naming our plan, a ruled table STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu giao |
Kết quả thực hiện | Ghi chú with the plan's exact indicator names and the unit's targets,
empty result cells, the signature block, and a QR code (`form_ids.qr_payload`) 28 mm wide in
the bottom-left corner of page 1 (its first-page footer), so that a printed, signed and
scanned return is identified even when its text is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chitieu.due import due_day
from chitieu.form_ids import qr_payload
from chitieu.periods import data_note, period_text
from chitieu.plan import Indicator, Period, Plan, Unit
from chitieu.render import _oxml
from chitieu.render.agency_heads import UNKNOWN_HEAD, report_symbol, signing_lines
from chitieu.render.grid import Column, Row, ruled_table
from chitieu.render.letterhead import Letterhead, letterhead_table, number_text, title_block
from chitieu.render.managing_body import agency_name, managing_body
from chitieu.render.names import in_sentence
from chitieu.render.quota_annex import format_target
from chitieu.render.template import render_template, template_path
from chitieu.render.text import Container, blank, body, figures_kept_whole
from chitieu.vnformat import nd30_date, short_date

TEMPLATE = "phieu-bao-cao.docx"
QR_MM = 28.0
COLUMNS = (
    Column("STT", 14),
    Column("Chỉ tiêu", 66, align="left"),
    Column("Đơn vị tính", 20),
    Column("Chỉ tiêu giao", 22),
    Column("Kết quả thực hiện", 25),
    Column("Ghi chú", 18),
)
GENERIC_KINDS = ("đơn vị", "")
TAIL_ROWS = 2  # the rows that go with the signature when it must go to a new page


@dataclass(frozen=True)
class ReturnForm:
    """The return form of one unit for one period of a plan."""

    plan: Plan
    unit: Unit
    period: Period
    # LibreOffice cannot move the last rows of a table already on its second page to the
    # next one: when the end of the text would leave the signature without them, the
    # last two rows start a new page themselves, under the header again (`closing_pages`)
    tail_on_new_page: bool = False

    @property
    def is_local(self) -> bool:
        """A phường, xã, huyện, thành phố…: it reports as its Ủy ban nhân dân."""
        return self.unit.is_local_government

    @property
    def own_name(self) -> str:
        """ "Phường Quan Hoa"; "Đội CSĐTTP về Ma Túy" (a generic kind "đơn vị" is not printed);
        "Công an tỉnh Kon Tum" (`agency_name`)."""
        if self.is_local:
            return self.unit.full_name
        name = self.unit.name if self.unit.kind.strip().lower() in GENERIC_KINDS else None
        return agency_name(self.plan, self.unit, name or self.unit.full_name)

    @property
    def issuer(self) -> str:
        if self.is_local:
            return f"ỦY BAN NHÂN DÂN {self.unit.full_name.upper()}"
        return self.own_name.upper()

    @property
    def parent(self) -> str | None:
        """The agency's managing body, printed above its name (ND30 ô 2), or None."""
        return managing_body(self.plan, self.unit)

    @property
    def place(self) -> str:
        """Địa danh of the date line: the ward's own name, else the plan's place."""
        return self.unit.name if self.is_local else self.plan.document.place

    @property
    def signing_lines(self) -> list[str]:
        """ "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"; an agency's head ("GIÁM ĐỐC"), `agency_heads`."""
        return signing_lines(self.plan, self.unit, self.own_name)

    @property
    def number(self) -> str:
        """ "/BC-UBND", "/BC-CAT": the number is the văn thư's, the ký hiệu the unit's."""
        return f"/BC-{report_symbol(self.plan, self.unit, self.own_name)}"

    @property
    def indicators(self) -> list[Indicator]:
        return list(self.plan.indicators)

    def target(self, ind: Indicator) -> float | int | None:
        return self.plan.target(self.unit.id, ind.id, self.period.key)

    def payload(self) -> str:
        return qr_payload(self.plan.document.number, self.unit.id, self.period.key)

    def letterhead(self) -> Letterhead:
        doc = self.plan.document
        return Letterhead(
            issuer=self.issuer,
            parent=self.parent,
            number=self.number,
            place=self.place,
            date=None,
            date_text=f"{self.place}, ngày      tháng      năm {self.period.end.year}",
            type_name="BÁO CÁO",
            title=(
                f"Kết quả thực hiện chỉ tiêu {period_text(self.period)} theo Kế hoạch số "
                f"{number_text(doc.number)} ngày {short_date(doc.date)} của {in_sentence(doc.issuer)}"
            ),
        )

    def rows(self) -> list[Row]:
        rows = []
        for n, ind in enumerate(self.indicators, start=1):
            measure = ind.measure or ("%" if ind.is_rate else "")
            rows.append(
                Row([str(n), ind.name, measure, format_target(ind, self.target(ind)), "", ""])
            )
        return rows

    def draw_letterhead(self, container: Container) -> None:
        head = self.letterhead()
        letterhead_table(container, head)
        title_block(container, head)

    @property
    def note(self) -> str | None:
        """The line above the table: cut-off dates, and "ước thực hiện" when the return is
        due before the period ends."""
        return data_note(self.period, self.plan.is_estimate_period(self.period, self.unit))

    def draw_table(self, container: Container) -> None:
        if self.note:  # a body paragraph of its own: "Số liệu từ ngày …; ước thực hiện …."
            body(container, figures_kept_whole(f"{self.note[1:-1]}."), italic=True)
        rows = self.rows()
        if self.tail_on_new_page and len(rows) > TAIL_ROWS:
            ruled_table(container, COLUMNS, rows[:-TAIL_ROWS], size=12)
            gap = blank(container, 1)
            gap.paragraph_format.page_break_before = True
            rows = rows[-TAIL_ROWS:]
        table = ruled_table(container, COLUMNS, rows, size=12)
        # the last row stays with the "Ghi chú" under it, which stays with the signature
        # (templates/build_templates.py): the signing block never opens a page alone
        for cell in table.rows[-1].cells:
            for para in cell.paragraphs:
                _oxml.keep_with_next(para)

    def context(self) -> dict[str, object]:
        doc = self.plan.document
        deadline = self.plan.deadline_for(self.period, self.unit)
        return {
            "so": number_text(doc.number),
            "ngay": short_date(doc.date),
            "ngay_day_du": nd30_date(doc.date),
            "co_quan": in_sentence(doc.issuer),
            "don_vi": self.issuer_in_sentence(),
            "ky": period_text(self.period),
            "han": due_day(deadline) if deadline else "…",
            "noi_nhan": [f"- {in_sentence(doc.issuer)} (qua Cơ quan thường trực);", "- Lưu: VT."],
            "chuc_vu": self.signing_lines,
            "nguoi_ky": "",
            "ma_bieu": self.payload(),
        }

    def issuer_in_sentence(self) -> str:
        """ "Ủy ban nhân dân phường Quan Hoa", from the unit's own spelling (never re-cased)."""
        if self.is_local:
            return self.unit.government
        return self.own_name

    def write_docx(self, out: Path, qr_png: Path, template_dir: Path | None = None) -> Path:
        write_qr(self.payload(), qr_png)
        return render_template(
            template_path(TEMPLATE, template_dir),
            out,
            self.context(),
            {"letterhead": self.draw_letterhead, "bang": self.draw_table},
            {"qr": (qr_png, QR_MM)},
        )


def write_qr(payload: str, path: Path) -> Path:
    """A QR PNG with medium error correction and a quiet zone, big enough for 150 dpi scans."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    qr.make_image(fill_color="black", back_color="white").save(str(path))
    return path


LONG_SYMBOL = 7  # letters: "SLĐTBXH" is a real ký hiệu; "ĐCSĐTTPMT" is likely not


def form_warnings(plan: Plan) -> list[str]:
    """What `plan check` tells the clerk about agencies' return forms (Vietnamese): a
    signing block no rule knows ("THỦ TRƯỞNG ĐƠN VỊ") and a derived ký hiệu long enough to
    be no unit's own, each naming the unit and the plan field that fixes it."""
    out = []
    for unit in plan.reporting_units:
        if unit.is_local_government:
            continue
        form = ReturnForm(plan, unit, plan.main_period)
        where = f"đơn vị “{form.own_name}” (id: {unit.id})"
        if not unit.signing and signing_lines(plan, unit, form.own_name) == UNKNOWN_HEAD:
            out.append(
                f"{where}: chưa rõ chức danh người ký, biểu mẫu báo cáo sẽ in “THỦ TRƯỞNG ĐƠN "
                "VỊ”; khai báo trường signing: của đơn vị trong kế hoạch, ví dụ signing: "
                '["GIÁM ĐỐC"] hoặc ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"].'
            )
        symbol = report_symbol(plan, unit, form.own_name)
        if not unit.symbol and len(symbol) > LONG_SYMBOL:
            out.append(
                f"{where}: ký hiệu văn bản tự suy ra “BC-{symbol}” dài {len(symbol)} chữ; "
                "nếu đơn vị có ký hiệu riêng, khai báo trường symbol: của đơn vị trong kế "
                "hoạch (chữ in hoa, chữ số và “-”)."
            )
    return out


__all__ = ["COLUMNS", "ReturnForm", "form_warnings", "period_text", "write_qr"]
