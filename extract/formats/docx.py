"""DOCX -> ReadDocument, straight from `word/document.xml` (fast: no python-docx object
model). Paragraphs become lines in reading order; tables keep horizontal spans
(`gridSpan`) and vertical merges (`vMerge`) as one cell repeated over the grid, so a
spanning group header sits above each of its columns.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.limits import Limits
from extract.text import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADER_PART = re.compile(r"word/header\d*\.xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def read_docx(path: Path, limits: Limits) -> ReadDocument:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml")
        headers = [zf.read(n) for n in sorted(zf.namelist()) if _HEADER_PART.fullmatch(n)]
    doc = ReadDocument(kind="docx")
    for part in headers:  # a letterhead may sit in the page header
        for p in etree.fromstring(part, _PARSER).iter(f"{W}p"):
            _add_lines(doc, _para_text(p))
    root = etree.fromstring(xml, _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        return doc
    for el in _blocks(body):
        if el.tag == f"{W}p":
            _add_lines(doc, _para_text(el))
        elif el.tag == f"{W}tbl":
            doc.tables.append(_table(el, len(doc.tables), doc))
    return doc


def _blocks(parent: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for el in parent:
        if el.tag in (f"{W}p", f"{W}tbl"):
            out.append(el)
        elif el.tag in (f"{W}sdt", f"{W}customXml"):
            content = el.find(f"{W}sdtContent")
            out.extend(_blocks(content if content is not None else el))
    return out


def _para_text(p: etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return nfc("".join(parts))


def _add_lines(doc: ReadDocument, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            doc.lines.append(TextLine(" ".join(line.split())))


def _col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def _table(tbl: etree._Element, index: int, doc: ReadDocument) -> Table:
    grid: list[list[Cell | None]] = []
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        row: list[Cell | None] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row.extend([None] * int(before.get(f"{W}val", "0")))
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(f"{W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{W}val", "1")))
                vm = pr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val", "continue")
            c = len(row)
            above = grid[r - 1][c] if r > 0 and c < len(grid[r - 1]) else None
            if vmerge == "continue" and above is not None:
                above.rowspan += 1
                row.extend([above] * span)
                continue
            paras = [_para_text(p) for p in tc.iter(f"{W}p")]
            for text in paras:
                _add_lines(doc, text)
            text = " ".join(" ".join(p.split()) for p in paras if p.strip())
            cell = Cell(
                text=text,
                row=r,
                col=c,
                colspan=span,
                where=Where(cell=f"{_col_letter(c)}{r + 1}", table=index),
            )
            row.extend([cell] * span)
        grid.append(row)
    return Table(cells=grid, page=1, index=index)
