"""Effective formatting of runs and paragraphs, as Word resolves it.

Order: the run's own properties, then its character style, then the paragraph style chain
(`basedOn`), then the document defaults (`w:docDefaults`). Fonts are read on all four
`w:rFonts` slots (ascii, hAnsi, eastAsia, cs), theme fonts resolved through the theme part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from docx.oxml.ns import qn

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOT = {
    "ascii": "asciiTheme",
    "hAnsi": "hAnsiTheme",
    "eastAsia": "eastAsiaTheme",
    "cs": "cstheme",
}


def on_off(el: Any) -> bool | None:
    """An OOXML on/off property: absent → None; present → True unless val is false/0/off."""
    if el is None:
        return None
    return el.get(qn("w:val"), "true").lower() not in ("false", "0", "off", "none")


def to_int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def find(el: Any, path: str) -> Any:
    """The descendant at `path` ("w:pPr/w:pBdr"), or None."""
    if el is None:
        return None
    for part in path.split("/"):
        el = el.find(qn(part))
        if el is None:
            return None
    return el


@dataclass(frozen=True)
class RunFormat:
    text: str
    size: float | None  # pt
    bold: bool
    italic: bool
    fonts: dict[str, str | None]
    color: str | None  # "auto", "000000", ... or None (not set: automatic)
    underline: bool
    # the rFonts slots that count for this run's text: ascii/hAnsi (Vietnamese is Latin
    # script) and eastAsia (Word sets quotes and some punctuation in it); cs only for runs
    # marked w:cs/w:rtl or holding complex-script text (Arabic, Hebrew, Thai, …)
    used_slots: frozenset[str] = frozenset(FONT_SLOTS)


def used_slots(text: str, *, complex_script: bool) -> frozenset[str]:
    slots = {"ascii", "hAnsi", "eastAsia"}
    if complex_script or any(_is_complex(ch) for ch in text):
        slots.add("cs")
    return frozenset(slots)


def _is_complex(ch: str) -> bool:
    o = ord(ch)
    return (
        0x0590 <= o <= 0x08FF
        or 0x0900 <= o <= 0x0DFF
        or 0x0E00 <= o <= 0x0EFF
        or 0xFB1D <= o <= 0xFEFF
    )


class EffectiveFormat:
    """Resolves the formatting of runs and paragraphs of one document through its styles."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._styles = self._style_index()
        self._defaults_r = find(doc.styles.element, "w:docDefaults/w:rPrDefault/w:rPr")
        self._defaults_p = find(doc.styles.element, "w:docDefaults/w:pPrDefault/w:pPr")
        self._default_pstyle = next(
            (
                s
                for s in self._styles.values()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )

    def _style_index(self) -> dict[str, Any]:
        return {s.get(qn("w:styleId")): s for s in self.doc.styles.element.findall(qn("w:style"))}

    def chain(self, style_id: str | None) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            st = self._styles[style_id]
            out.append(st)
            based = st.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return out

    @cached_property
    def theme_fonts(self) -> dict[str, str]:
        """minorHAnsi → "Calibri" etc., from the theme part (empty when there is none)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from lxml import etree

        try:
            part = self.doc.part.part_related_by(RT.THEME)
            root = etree.fromstring(part.blob)
        except Exception:
            return {}
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        out: dict[str, str] = {}
        for kind in ("major", "minor"):
            fs = root.find(f".//{a}{kind}Font")
            if fs is None:
                continue
            latin, ea, cs = (fs.find(f"{a}{t}") for t in ("latin", "ea", "cs"))
            for slot, el in (("HAnsi", latin), ("Ascii", latin), ("EastAsia", ea), ("Bidi", cs)):
                if el is not None:
                    out[f"{kind}{slot}"] = (
                        el.get("typeface") or "(phông mặc định của theme, không khai báo)"
                    )
        return out

    def rpr_layers(self, r: Any, p_style: str | None) -> list[Any]:
        layers = [r.find(qn("w:rPr"))]
        rpr = layers[0]
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        if rstyle is not None:
            layers += [s.find(qn("w:rPr")) for s in self.chain(rstyle.get(qn("w:val")))]
        pchain = (
            self.chain(p_style)
            if p_style
            else ([self._default_pstyle] if self._default_pstyle is not None else [])
        )
        layers += [s.find(qn("w:rPr")) for s in pchain]
        layers.append(self._defaults_r)
        return [x for x in layers if x is not None]

    def run_format(self, r: Any, text: str, p_style: str | None) -> RunFormat:
        layers = self.rpr_layers(r, p_style)

        def first(tag: str) -> Any:
            for rpr in layers:
                el = rpr.find(qn(tag))
                if el is not None:
                    return el
            return None

        sz = first("w:sz")
        size = (
            to_int(sz.get(qn("w:val"))) / 2
            if sz is not None and to_int(sz.get(qn("w:val")))
            else None
        )
        fonts: dict[str, str | None] = {}
        for slot in FONT_SLOTS:
            fonts[slot] = None
            for rpr in layers:
                rf = rpr.find(qn("w:rFonts"))
                if rf is None:
                    continue
                theme = rf.get(qn(f"w:{_THEME_SLOT[slot]}"))
                if theme:
                    fonts[slot] = self.theme_fonts.get(theme, f"(phông theo theme {theme})")
                    break
                name = rf.get(qn(f"w:{slot}"))
                if name:
                    fonts[slot] = name
                    break
        color = first("w:color")
        u = first("w:u")
        complex_script = bool(on_off(first("w:cs"))) or bool(on_off(first("w:rtl")))
        return RunFormat(
            text=text,
            size=size,
            bold=bool(on_off(first("w:b"))),
            italic=bool(on_off(first("w:i"))),
            fonts=fonts,
            color=color.get(qn("w:val")) if color is not None else None,
            underline=u is not None and u.get(qn("w:val"), "single") not in ("none", "0"),
            used_slots=used_slots(text, complex_script=complex_script),
        )

    def ppr_attr(self, ppr: Any, p_style: str | None, tag: str, attr: str) -> str | None:
        pchain = (
            self.chain(p_style)
            if p_style
            else ([self._default_pstyle] if self._default_pstyle is not None else [])
        )
        layers = [ppr, *(s.find(qn("w:pPr")) for s in pchain), self._defaults_p]
        for layer in layers:
            if layer is None:
                continue
            el = layer.find(qn(tag))
            if el is not None and el.get(qn(attr)) is not None:
                return el.get(qn(attr))
        return None

    def table_style_pprs(self, tblpr: Any) -> list[Any]:
        st = find(tblpr, "w:tblStyle")
        sid = st.get(qn("w:val")) if st is not None else None
        chain = self.chain(sid) if sid else []
        default = next(
            (
                s
                for s in self._styles.values()
                if s.get(qn("w:type")) == "table" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        if default is not None:
            chain.append(default)
        return [s.find(qn("w:tblPr")) for s in chain if s.find(qn("w:tblPr")) is not None]


__all__ = ["FONT_SLOTS", "EffectiveFormat", "RunFormat", "find", "on_off", "to_int"]
