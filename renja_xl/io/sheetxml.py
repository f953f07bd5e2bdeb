"""Changing cells inside a worksheet part (``xl/worksheets/sheetN.xml``), leaving the rest of it alone.

Rows and cells are found (or made, in order) by their references; a cell keeps every
attribute it had, only its value, formula and style change. A shared formula whose
first cell is overwritten is written out in full in the cells that still used it
(openpyxl's formula translator moves the references), so no neighbour loses its formula.
"""

from __future__ import annotations

import bisect
import math
from typing import Any, Optional
from xml.etree import ElementTree as ET

from ..snapshot import a1, col_letter
from .package import NS_MAIN, NS_REL, clip_text, qn, xml_safe
from .xlsx_reader import cell_reference
from .xlsx_reader import row_number as row_number_of

# CT_Worksheet's children in the order the schema requires
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)


def m(tag: str) -> str:
    return qn(NS_MAIN, tag)


def insert_in_order(root: ET.Element, element: ET.Element) -> ET.Element:
    """Insert a worksheet child where the schema wants it (after every child that must precede it)."""
    name = element.tag.split("}")[-1]
    position = WORKSHEET_ORDER.index(name)
    before = {m(n) for n in WORKSHEET_ORDER[:position + 1]}
    index = 0
    for i, child in enumerate(root):
        if child.tag in before:
            index = i + 1
    root.insert(index, element)
    return element


class SheetCells:
    """The rows and cells of one worksheet part, for finding and changing cells by reference."""

    def __init__(self, root: ET.Element):
        self.root = root
        data = root.find(m("sheetData"))
        self.data = data if data is not None else insert_in_order(root, ET.Element(m("sheetData")))
        self.rows: dict[int, ET.Element] = {}
        self.cells: dict[tuple[int, int], ET.Element] = {}
        row_number = 0
        for row in self.data.findall(m("row")):  # numbers checked as the reader checks them (OutOfGrid)
            row_number = row_number_of(row.get("r")) if row.get("r") else row_number + 1
            row.set("r", str(row_number))
            self.rows[row_number] = row
            col = 0
            for cell in row.findall(m("c")):
                ref = cell.get("r")
                col = cell_reference(ref)[1] if ref else col + 1
                cell.set("r", a1(row_number, col))
                self.cells[(row_number, col)] = cell
        self._columns: dict[int, list[int]] = {}   # row -> its cells' columns, in order
        for (r, c) in self.cells:
            self._columns.setdefault(r, []).append(c)
        for columns in self._columns.values():
            columns.sort()
        self._last_row = max(self.rows, default=0)

    def cell(self, row: int, col: int) -> ET.Element:
        """The cell element at (row, col), made (with its row) where there was none."""
        found = self.cells.get((row, col))
        if found is not None:
            return found
        row_el = self.rows.get(row)
        if row_el is None:
            row_el = ET.Element(m("row"), r=str(row))
            if not self.rows or row > self._last_row:
                self.data.append(row_el)  # the common case: rows written top to bottom
            else:
                after = [r for r in self.rows if r < row]
                index = list(self.data).index(self.rows[max(after)]) + 1 if after else 0
                self.data.insert(index, row_el)
            self.rows[row] = row_el
            self._last_row = max(self._last_row, row)
        cell = ET.Element(m("c"), r=a1(row, col))
        columns = self._columns.setdefault(row, [])
        if not columns or col > columns[-1]:
            row_el.append(cell)
            columns.append(col)
        else:
            position = bisect.bisect_left(columns, col)
            index = list(row_el).index(self.cells[(row, columns[position - 1])]) + 1 if position else 0
            row_el.insert(index, cell)
            columns.insert(position, col)
        self.cells[(row, col)] = cell
        spans = row_el.get("spans")
        if spans and ":" in spans:  # an optimisation hint; keep it true or drop it
            low, high = (int(x) for x in spans.split(":"))
            if not low <= col <= high:
                row_el.set("spans", f"{min(low, col)}:{max(high, col)}")
        return cell

    def style_of(self, row: int, col: int) -> int:
        """The cell format index a cell shows: its own, else its row's, else its column's."""
        cell = self.cells.get((row, col))
        if cell is not None and cell.get("s"):
            return int(cell.get("s"))
        row_el = self.rows.get(row)
        if row_el is not None and row_el.get("customFormat") == "1" and row_el.get("s"):
            return int(row_el.get("s"))
        cols = self.root.find(m("cols"))
        if cols is not None:
            for spec in cols.findall(m("col")):
                if int(spec.get("min", 0)) <= col <= int(spec.get("max", 0)) and spec.get("style"):
                    return int(spec.get("style"))
        return 0

    # --- shared formulas -----------------------------------------------------------------

    def release_shared(self, overwritten: set) -> None:
        """Write out in full the formulas that lean on a shared formula's first cell we overwrite."""
        masters: dict = {}
        users: dict = {}
        for key, cell in self.cells.items():
            f = cell.find(m("f"))
            if f is None or f.get("t") != "shared" or f.get("si") is None:
                continue
            if f.get("ref") is not None and (f.text or "").strip():
                masters[f.get("si")] = (key, f.text)
            else:
                users.setdefault(f.get("si"), []).append(key)
        for si, (master_key, text) in masters.items():
            if master_key not in overwritten:
                continue
            from openpyxl.formula.translate import Translator  # the io layer's formula mover

            origin = a1(*master_key)
            for key in users.get(si, []):
                if key in overwritten:
                    continue
                f = self.cells[key].find(m("f"))
                f.text = Translator("=" + text, origin=origin).translate_formula(a1(*key))[1:]
                for attr in ("t", "si", "ref"):
                    f.attrib.pop(attr, None)

    # --- writing a cell ------------------------------------------------------------------

    def set_value(self, row: int, col: int, value: Any, formula: Optional[str] = None) -> None:
        """A value (text always as text) or a formula with its cached value.

        What a cell cannot hold is never written: text longer than 32,767 characters is
        cut with a visible ellipsis, and a number past Excel's range (inf, NaN, an integer
        beyond 1.8e308) is left out of a formula's cached value (Excel computes it on
        opening) or written as the error ``#NUM!`` where it stands alone.
        """
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not _finite(value):
            value = None if formula is not None else _NUM_ERROR
        cell = self.cell(row, col)
        for child in list(cell):
            if child.tag in (m("f"), m("v"), m("is")):
                cell.remove(child)
        cell.attrib.pop("t", None)
        cell.attrib.pop("cm", None)
        cell.attrib.pop("vm", None)
        children = []
        if formula is not None:
            f = ET.Element(m("f"))
            f.text = xml_safe(formula[1:] if formula.startswith("=") else formula)
            children.append(f)
        if value is None or value == "":
            if formula is not None and value == "":
                cell.set("t", "str")
                children.append(ET.Element(m("v")))
        elif isinstance(value, bool):
            cell.set("t", "b")
            children.append(_v("1" if value else "0"))
        elif value is _NUM_ERROR:
            cell.set("t", "e")
            children.append(_v("#NUM!"))
        elif isinstance(value, (int, float)):
            children.append(_v(repr(float(value)) if isinstance(value, float) else str(value)))
        elif formula is not None:
            cell.set("t", "str")
            children.append(_v(clip_text(str(value))))
        else:
            cell.set("t", "inlineStr")
            inline = ET.Element(m("is"))
            t = ET.SubElement(inline, m("t"))
            t.text = clip_text(xml_safe(str(value)))
            if t.text != t.text.strip() or "\n" in t.text:
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            children.append(inline)
        for child in children:
            cell.append(child)

    def set_style(self, row: int, col: int, xf: int) -> None:
        self.cell(row, col).set("s", str(xf))

    def fit_dimension(self) -> None:
        """Make ``<dimension ref>`` cover every cell (Excel trusts it for the used range)."""
        if not self.cells:
            return
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        ref = f"A1:{col_letter(max(cols))}{max(rows)}" if (min(rows), min(cols)) == (1, 1) else \
            f"{a1(min(rows), min(cols))}:{a1(max(rows), max(cols))}"
        dimension = self.root.find(m("dimension"))
        if dimension is None:
            dimension = insert_in_order(self.root, ET.Element(m("dimension")))
        dimension.set("ref", ref)


_NUM_ERROR = object()  # a number no cell holds, written as Excel's #NUM!


def _finite(value) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int past the largest double
        return False


def _v(text: str) -> ET.Element:
    v = ET.Element(m("v"))
    v.text = xml_safe(text)
    return v


def add_conditional_colours(root: ET.Element, ref: str, rules: list, priority_start: int) -> int:
    """Append one ``conditionalFormatting`` over ``ref`` with (formula, dxf id) rules; the next priority."""
    block = ET.Element(m("conditionalFormatting"), sqref=ref)
    priority = priority_start
    for formula, dxf in rules:
        rule = ET.SubElement(block, m("cfRule"), type="expression", dxfId=str(dxf), priority=str(priority))
        f = ET.SubElement(rule, m("formula"))
        f.text = formula
        priority += 1
    existing = root.findall(m("conditionalFormatting"))
    if existing:
        root.insert(list(root).index(existing[-1]) + 1, block)
    else:
        insert_in_order(root, block)
    return priority


def next_priority(root: ET.Element) -> int:
    priorities = [int(r.get("priority", 0)) for r in root.iter(m("cfRule"))]
    return max(priorities, default=0) + 1


def has_conditional(root: ET.Element, ref: str) -> bool:
    return any(cf.get("sqref") == ref for cf in root.findall(m("conditionalFormatting")))


def legacy_drawing_id(root: ET.Element) -> Optional[str]:
    el = root.find(m("legacyDrawing"))
    return None if el is None else el.get(qn(NS_REL, "id"))


def set_legacy_drawing(root: ET.Element, rel_id: str) -> None:
    el = root.find(m("legacyDrawing"))
    if el is None:
        el = insert_in_order(root, ET.Element(m("legacyDrawing")))
    el.set(qn(NS_REL, "id"), rel_id)
