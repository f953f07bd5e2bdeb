"""The workbook's style sheet (``xl/styles.xml``), extended with the styles a change needs.

A marked cell keeps its own font, borders and number format and gets only a new fill;
a computed cell keeps its look and gets a number format. Each such combination becomes
one new cell format (``xf``) cloned from the cell's own, added once and reused.
"""

from __future__ import annotations

import copy
from xml.etree import ElementTree as ET

from ..edits import Style
from .package import NS_MAIN, Package, qn

# CT_Stylesheet's children, in the order the schema requires
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles",
          "colors", "extLst")
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}
_MINIMAL = (f'<styleSheet xmlns="{NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
            '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _m(tag: str) -> str:
    return qn(NS_MAIN, tag)


class StyleBook:
    """Adds fills, fonts, number formats, cell formats and differential formats to a style sheet."""

    def __init__(self, package: Package, part: str):
        if part not in package:
            package.write(part, _MINIMAL.encode())
        self.root = package.xml(part).root
        self._derived: dict = {}
        self._fills: dict = {}
        self._fonts: dict = {}
        self._formats: dict = {}

    def _section(self, name: str) -> ET.Element:
        el = self.root.find(_m(name))
        if el is None:
            el = ET.Element(_m(name))
            position = _ORDER.index(name)
            index = sum(1 for child in self.root if child.tag in {_m(n) for n in _ORDER[:position]})
            self.root.insert(index, el)
        return el

    def _append(self, section: str, element: ET.Element) -> int:
        el = self._section(section)
        el.append(element)
        el.set("count", str(len(el)))
        return len(el) - 1

    # --- pieces ------------------------------------------------------------------------

    def number_format_id(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        if code not in self._formats:
            section = self._section("numFmts")
            for el in section:
                if el.get("formatCode") == code:
                    self._formats[code] = int(el.get("numFmtId"))
                    break
            else:
                used = [int(el.get("numFmtId", 0)) for el in section]
                new_id = max([163, *used]) + 1
                el = ET.Element(_m("numFmt"), numFmtId=str(new_id), formatCode=code)
                self._append("numFmts", el)
                self._formats[code] = new_id
        return self._formats[code]

    def fill_id(self, rgb: str) -> int:
        if rgb not in self._fills:
            fill = ET.Element(_m("fill"))
            pattern = ET.SubElement(fill, _m("patternFill"), patternType="solid")
            ET.SubElement(pattern, _m("fgColor"), rgb="FF" + rgb)
            ET.SubElement(pattern, _m("bgColor"), indexed="64")
            self._fills[rgb] = self._append("fills", fill)
        return self._fills[rgb]

    def font_id(self, base_id: int, style: Style) -> int:
        key = (base_id, style.bold, style.size, style.font_colour, style.underline)
        if key not in self._fonts:
            fonts = self._section("fonts")
            base = fonts[base_id] if base_id < len(fonts) else (fonts[0] if len(fonts) else ET.Element(_m("font")))
            font = copy.deepcopy(base)
            # CT_Font's children in schema order: b, i, strike, …, u, vertAlign, sz, color, name, …
            if style.bold and font.find(_m("b")) is None:
                font.insert(0, ET.Element(_m("b")))
            if style.underline and font.find(_m("u")) is None:
                font.insert(_child_index(font, ("b", "i", "strike", "condense", "extend", "outline", "shadow")),
                            ET.Element(_m("u")))
            if style.size is not None:
                size = font.find(_m("sz"))
                if size is None:
                    size = ET.Element(_m("sz"))
                    font.insert(_child_index(font, ("b", "i", "strike", "condense", "extend", "outline", "shadow",
                                                    "u", "vertAlign")), size)
                size.set("val", f"{style.size:g}")
            if style.font_colour is not None:
                colour = font.find(_m("color"))
                if colour is None:
                    colour = ET.Element(_m("color"))
                    font.insert(_child_index(font, ("b", "i", "strike", "condense", "extend", "outline", "shadow",
                                                    "u", "vertAlign", "sz")), colour)
                colour.attrib.clear()
                colour.set("rgb", "FF" + style.font_colour)
            self._fonts[key] = self._append("fonts", font)
        return self._fonts[key]

    # --- cell formats ----------------------------------------------------------------------

    def derive(self, base_xf: int, style: Style) -> int:
        """The index of a cell format like ``base_xf`` with ``style`` applied (made once)."""
        key = (base_xf, style)
        if key in self._derived:
            return self._derived[key]
        xfs = self._section("cellXfs")
        if len(xfs) == 0:
            xfs.append(ET.Element(_m("xf"), numFmtId="0", fontId="0", fillId="0", borderId="0", xfId="0"))
        base = xfs[base_xf] if 0 <= base_xf < len(xfs) else xfs[0]
        xf = copy.deepcopy(base)
        if style.number_format is not None:
            xf.set("numFmtId", str(self.number_format_id(style.number_format)))
            xf.set("applyNumberFormat", "1")
        if style.fill is not None:
            xf.set("fillId", str(self.fill_id(style.fill)))
            xf.set("applyFill", "1")
        if style.bold or style.size is not None or style.font_colour is not None or style.underline:
            xf.set("fontId", str(self.font_id(int(base.get("fontId", 0)), style)))
            xf.set("applyFont", "1")
        if style.wrap or getattr(style, "top", False):
            alignment = xf.find(_m("alignment"))
            if alignment is None:
                alignment = ET.Element(_m("alignment"))
                xf.insert(0, alignment)
            if style.wrap:
                alignment.set("wrapText", "1")
            alignment.set("vertical", "top")
            xf.set("applyAlignment", "1")
        self._derived[key] = self._append("cellXfs", xf)
        return self._derived[key]

    def dxf_fill(self, rgb: str) -> int:
        """A differential format (for conditional formatting) that fills with ``rgb``."""
        dxf = ET.Element(_m("dxf"))
        fill = ET.SubElement(dxf, _m("fill"))
        pattern = ET.SubElement(fill, _m("patternFill"), patternType="solid")
        ET.SubElement(pattern, _m("fgColor"), rgb="FF" + rgb)
        ET.SubElement(pattern, _m("bgColor"), rgb="FF" + rgb)
        return self._append("dxfs", dxf)


def _child_index(parent: ET.Element, before: tuple) -> int:
    """Where a child goes so that it follows every child named in ``before``."""
    names = {_m(n) for n in before}
    index = 0
    for i, child in enumerate(parent):
        if child.tag in names:
            index = i + 1
    return index
