"""DOCX -> ReadDocument, straight from `word/document.xml` (fast: no python-docx object
model). Paragraphs become lines in reading order; tables keep horizontal spans
(`gridSpan`) and vertical merges (`vMerge`) as one cell repeated over the grid, so a
spanning group header sits above each of its columns.

Tracked changes are read as accepted: text in `w:del`/`w:moveFrom` is dropped, `w:ins`/
`w:moveTo` kept, a deleted table row or cell is gone, and a paragraph whose mark was
deleted runs on into the next one (what Word shows after "Accept all changes").
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
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
        root = etree.fromstring(part, _PARSER)
        for text in _joined(p for p in root.iter(f"{W}p") if not _in_removed(p)):
            _add_lines(doc, text)
    root = etree.fromstring(xml, _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        return doc
    pending: list[etree._Element] = []
    for el in _blocks(body):
        if el.tag == f"{W}p":
            pending.append(el)
            continue
        for text in _joined(pending):
            _add_lines(doc, text)
        pending = []
        table = _table(el, len(doc.tables), doc)
        if table.cells:
            doc.tables.append(table)
    for text in _joined(pending):
        _add_lines(doc, text)
    return doc


_REMOVED = (f"{W}del", f"{W}moveFrom")


def _mark_removed(p: etree._Element) -> bool:
    """The paragraph mark itself was deleted (or moved away): the paragraph joins the next."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    return rpr is not None and any(rpr.find(t) is not None for t in _REMOVED)


def _in_removed(el: etree._Element) -> bool:
    return any(a.tag in _REMOVED for a in el.iterancestors())


def _joined(paras: Iterable[etree._Element]) -> list[str]:
    """Paragraph texts, a paragraph with a deleted mark merged into the following one."""
    out: list[str] = []
    carry = ""
    for p in paras:
        text = carry + _para_text(p)
        if _mark_removed(p):
            carry = text
            continue
        out.append(text)
        carry = ""
    if carry:
        out.append(carry)
    return out


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
    _collect(p, parts)
    return nfc("".join(parts))


def _collect(el: etree._Element, parts: list[str]) -> None:
    """Visible text under `el` with changes accepted (deleted and moved-away runs skipped)."""
    for node in el:
        tag = node.tag
        if tag in _REMOVED:
            continue
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}noBreakHyphen":  # Word's Ctrl+Shift+- ("12/KH‑UBND")
            parts.append("-")
        elif tag == f"{W}tab":
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif len(node):
            _collect(node, parts)


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
    rows = [tr for tr in tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is None]
    for r, tr in enumerate(rows):
        row: list[Cell | None] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row.extend([None] * int(before.get(f"{W}val", "0")))
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            if pr is not None and pr.find(f"{W}cellDel") is not None:
                continue
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
            paras = _joined(p for p in tc.iter(f"{W}p") if not _in_removed(p))
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
