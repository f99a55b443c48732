"""Footnotes (chú thích cuối trang): python-docx has no API for them.

`add_footnote(paragraph, text)` puts a superscript reference in `paragraph` and the note
in `word/footnotes.xml`, creating that part (with Word's separator notes) the first time.
The part is an XmlPart: docxtpl's footnote rendering cannot rewrite it, so user text in a
note is never read as a template tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from chitieu.render import _oxml

NOTE_PT = 12

_EMPTY = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def _footnotes_part(document_part: Any) -> XmlPart:
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, XmlPart):  # loaded as a plain Part: promote it
                part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = part
            return part
    part = XmlPart(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY), document_part.package
    )
    part.chitieu_made = True  # type: ignore[attr-defined]
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


@contextmanager
def hidden_from_templates(package: Any) -> Iterator[None]:
    """While docxtpl renders, our footnotes part is not a footnotes part to it.

    docxtpl runs Jinja over footnotes.xml; a note quoting "{% if %}" must print as typed.
    """
    ours = [p for p in package.parts if getattr(p, "chitieu_made", False)]
    for p in ours:
        p._content_type = "application/xml"
    try:
        yield
    finally:
        for p in ours:
            p._content_type = CT.WML_FOOTNOTES


def _superscript_run(size: float) -> Any:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    run.append(rpr)
    _oxml.set_fonts(rpr)
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)
    return run


def add_footnote(paragraph: Paragraph, text: str, size: float = 14) -> int:
    """Append a footnote reference to `paragraph`; return the note's id."""
    part = _footnotes_part(paragraph.part)
    root = part.element
    ids = [int(n.get(qn("w:id"))) for n in root.findall(qn("w:footnote"))]
    note_id = max([0, *ids]) + 1

    ref = _superscript_run(size)
    el = OxmlElement("w:footnoteReference")
    el.set(qn("w:id"), str(note_id))
    ref.append(el)
    paragraph._p.append(ref)

    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(note_id))
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "both")
    ppr.append(jc)
    p.append(ppr)
    mark = _superscript_run(NOTE_PT)
    mark.append(OxmlElement("w:footnoteRef"))
    p.append(mark)
    body = _superscript_run(NOTE_PT)
    body.find(qn("w:rPr")).remove(body.find(qn("w:rPr")).find(qn("w:vertAlign")))
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {text.strip()}"
    body.append(t)
    p.append(body)
    note.append(p)
    root.append(note)
    return note_id


__all__ = ["add_footnote", "hidden_from_templates"]
