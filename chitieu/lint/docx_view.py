"""A read-only view of a .docx for linting: every paragraph in reading order with its
effective formatting (see `effective`), the sections' page setup, and the tables as grids
(the records themselves in `chitieu.lint.docx_parts`).
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from chitieu.errors import UnreadableFileError
from chitieu.lint.docx_parts import (
    Grid,
    Para,
    SectionSetup,
    cell_margins,
    drawing_widths,
    section_setup,
)
from chitieu.lint.effective import EffectiveFormat, RunFormat, find, to_int

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class DocxView:
    """Everything the lint needs from one .docx, read once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise UnreadableFileError(path, "không tìm thấy tệp.")
        if path.stat().st_size == 0:
            raise UnreadableFileError(path, "tệp rỗng (0 byte).")
        if not zipfile.is_zipfile(path):
            raise UnreadableFileError(
                path,
                "không phải tệp Word .docx (tệp hỏng, bị mã hóa, hoặc là tệp .doc cũ: "
                "hãy mở bằng Word và lưu lại dạng .docx).",
            )
        try:
            import docx

            self.doc = docx.Document(str(path))
        except FileNotFoundError:
            raise UnreadableFileError(path, "không tìm thấy tệp.") from None
        except (zipfile.BadZipFile, KeyError, ValueError):
            raise UnreadableFileError(path, "tệp hỏng hoặc không phải tệp Word .docx.") from None
        except Exception:  # lxml syntax errors, package errors of python-docx
            raise UnreadableFileError(
                path, "tệp hỏng hoặc không phải tệp Word .docx (nội dung sai cấu trúc)."
            ) from None
        self.styles = EffectiveFormat(self.doc)
        self.sections: list[SectionSetup] = []
        self.paragraphs: list[Para] = []
        self.tables: list[Grid] = []
        self._read_body()

    # -- body ---------------------------------------------------------------------------------

    def _read_body(self) -> None:
        body = self.doc.element.body
        self._section_no = 1
        self._counter = {"p": 0, "body_p": 0, "tbl": 0}
        self._section_has_table: dict[int, bool] = {}
        self._text_width_guess = self._final_text_width()
        self._walk(body, None, None)
        sect_els = [p.find(qn("w:pPr") + "/" + qn("w:sectPr")) for p in body.iter(qn("w:p"))]
        sect_els = [s for s in sect_els if s is not None]
        final = body.find(qn("w:sectPr"))
        if final is not None:
            sect_els.append(final)
        for n, s in enumerate(sect_els, start=1):
            self.sections.append(section_setup(n, s))
        for s in self.sections:
            s.has_table = self._section_has_table.get(s.number, False)
        # paragraphs were given the text width of the final section; correct per section
        for p in self.paragraphs:
            if p.cell is None and p.section <= len(self.sections):
                p.container_width = self.sections[p.section - 1].text_width

    def _final_text_width(self) -> int:
        s = self.doc.element.body.find(qn("w:sectPr"))
        if s is None:
            return 9355
        sec = section_setup(0, s)
        return sec.text_width

    def _walk(self, parent: Any, cell: tuple[int, int, int] | None, width: int | None) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(child, cell, width)
                if child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None and cell is None:
                    self._section_no += 1
            elif child.tag == qn("w:tbl"):
                self._table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._walk(content, cell, width)

    def _table(self, tbl: Any) -> None:
        self._counter["tbl"] += 1
        t_no = self._counter["tbl"]
        self._section_has_table[self._section_no] = True
        first_para = self._counter["p"] + 1
        grid_cols = [
            to_int(c.get(qn("w:w"))) or 0
            for c in tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))
        ]
        margin = cell_margins(tbl, self.styles)
        rows: list[list[str]] = []
        for r_no, tr in enumerate(tbl.findall(qn("w:tr")), start=1):
            row: list[str] = []
            col = 0
            for c_no, tc in enumerate(tr.findall(qn("w:tc")), start=1):
                tcpr = tc.find(qn("w:tcPr"))
                span = (
                    to_int(find(tcpr, "w:gridSpan").get(qn("w:val")))
                    if find(tcpr, "w:gridSpan") is not None
                    else 1
                )
                span = span or 1
                tcw = find(tcpr, "w:tcW")
                width = None
                if tcw is not None and tcw.get(qn("w:type"), "dxa") == "dxa":
                    width = to_int(tcw.get(qn("w:w")))
                if not width and grid_cols:
                    width = sum(grid_cols[col : col + span]) or None
                inner = width - margin if width else None
                before = len(self.paragraphs)
                self._walk(tc, (t_no, r_no, c_no), inner)
                text = "\n".join(p.text for p in self.paragraphs[before:]).strip()
                vmerge = find(tcpr, "w:vMerge")
                if (
                    vmerge is not None
                    and vmerge.get(qn("w:val"), "continue") == "continue"
                    and not text
                ):
                    above = rows[-1] if rows else []
                    text = above[len(row)] if len(row) < len(above) else ""
                row.extend([text] * span)
                col += span
            rows.append(row)
        tblw = find(tbl.find(qn("w:tblPr")), "w:tblW")
        stated = (
            to_int(tblw.get(qn("w:w")))
            if tblw is not None and tblw.get(qn("w:type"), "dxa") == "dxa"
            else None
        )
        total = sum(grid_cols) or stated or 0
        self.tables.append(
            Grid(t_no, rows, self._counter["p"] + 1, first_para, total, self._section_no)
        )

    def _paragraph(self, p: Any, cell: tuple[int, int, int] | None, width: int | None) -> None:
        self._counter["p"] += 1
        ppr = p.find(qn("w:pPr"))
        pstyle_el = find(ppr, "w:pStyle")
        p_style = pstyle_el.get(qn("w:val")) if pstyle_el is not None else None
        runs: list[RunFormat] = []
        texts: list[str] = []
        for r in p.iter(qn("w:r")):
            parts: list[str] = []
            for child in r:
                if child.tag == qn("w:t"):
                    parts.append(child.text or "")
                elif child.tag == qn("w:noBreakHyphen"):
                    parts.append("-")
                elif child.tag == qn("w:tab"):
                    parts.append("\t")
                elif child.tag in (qn("w:br"), qn("w:cr")) and child.get(qn("w:type")) not in (
                    "page",
                    "column",
                ):
                    parts.append("\n")
            text = "".join(parts)
            texts.append(text)
            if text:
                runs.append(self.styles.run_format(r, text, p_style))
        if cell is None:
            self._counter["body_p"] += 1
            where = f"đoạn {self._counter['body_p']}"
        else:
            where = f"bảng {cell[0]}, hàng {cell[1]}, ô {cell[2]}"

        def attr(tag: str, a: str) -> str | None:
            return self.styles.ppr_attr(ppr, p_style, tag, a)

        first = to_int(attr("w:ind", "w:firstLine"))
        hanging = to_int(attr("w:ind", "w:hanging"))
        if hanging:
            first = -hanging
        left = to_int(attr("w:ind", "w:left")) or to_int(attr("w:ind", "w:start")) or 0
        right = to_int(attr("w:ind", "w:right")) or to_int(attr("w:ind", "w:end")) or 0
        borders = find(ppr, "w:pBdr")
        if borders is None and p_style:
            for st in self.styles.chain(p_style):
                borders = find(st, "w:pPr/w:pBdr")
                if borders is not None:
                    break

        def edge(name: str) -> bool:
            el = borders.find(qn(f"w:{name}")) if borders is not None else None
            return el is not None and el.get(qn("w:val"), "nil") not in ("nil", "none")

        self.paragraphs.append(
            Para(
                number=self._counter["p"],
                where=where,
                text=unicodedata.normalize("NFC", "".join(texts)),
                runs=runs,
                align=attr("w:jc", "w:val"),
                first_line=first,
                left=left,
                right=right,
                before=to_int(attr("w:spacing", "w:before")) or 0,
                after=to_int(attr("w:spacing", "w:after")) or 0,
                line=to_int(attr("w:spacing", "w:line")),
                line_rule=attr("w:spacing", "w:lineRule"),
                border_top=edge("top"),
                border_bottom=edge("bottom"),
                drawing_widths=drawing_widths(p),
                container_width=width if cell is not None else self._text_width_guess,
                section=self._section_no,
                cell=cell,
                element=p,
            )
        )

    # -- headers ------------------------------------------------------------------------------

    def header_paragraphs(self, section: SectionSetup, kind: str = "default") -> list[Para]:
        """Paragraphs of one header part of a section (formatting resolved as in the body)."""
        rid = section.header_ids.get(kind)
        if not rid:
            return []
        try:
            part = self.doc.part.related_parts[rid]
        except KeyError:
            return []
        saved, counter = self.paragraphs, dict(self._counter)
        self.paragraphs = []
        try:
            self._walk(part.element, (0, 0, 0), section.text_width)
            out = self.paragraphs
        finally:
            self.paragraphs, self._counter = saved, counter
        for p in out:
            p.where = f"đầu trang mục {section.number}"
        return out

    def header_xml(self, section: SectionSetup, kind: str = "default") -> Any:
        rid = section.header_ids.get(kind)
        if not rid:
            return None
        try:
            return self.doc.part.related_parts[rid].element
        except KeyError:
            return None


__all__ = ["DocxView"]
