"""``renja-xl perbaiki`` on files: the plan written into a copy, and the undo that puts it back.

The plan (:mod:`renja_xl.perbaiki`) is applied by the package patcher
(:func:`renja_xl.io.patch.apply_edits`): only the sheets with changed cells, the styles
and the workbook part are rewritten, everything else is copied byte for byte. What the
patcher does not know yet is done here on the patched package: the undo sheet is
hidden (``NewSheet.hidden``) and the undo removes perbaiki's two sheets
(``WorkbookEdits.remove_sheets``) and puts back the sheet shown on opening and the
workbook's own recalculation setting. Both write atomically.

What a changed cell held before is read here from the package itself (value or formula,
number format), not from the snapshot, which keeps neither formulas nor formats.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree as ET

from ..edits import WorkbookEdits
from ..errors import InputError
from ..perbaiki import CellState, Perbaikan, UndoRecord, latest_undo, read_undo, undo_edits
from . import budget
from .atomic import write_bytes_atomic
from .package import DEFAULT_LIMITS, NS_REL, Limits, Package, qn
from .patch import Workbook, apply_edits, open_on_tab
from .sheetxml import SheetCells, m
from .xlsx_reader import OutOfGrid, read_rows

_INTEGER = re.compile(r"[-+]?\d+")


def _read_source(source: Path) -> bytes:
    from .files import open_regular

    budget.check(source.name)
    try:
        with open_regular(source) as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"Berkas '{source.name}' tidak dapat dibaca: {exc.strerror or exc}.") from None


# --- what cells hold ------------------------------------------------------------------------------


def _text_of(element: Optional[ET.Element]) -> str:
    """The text of a shared or inline string: its own text or its runs' joined (phonetic guides left out)."""
    if element is None:
        return ""
    parts = []
    for child in element:
        if child.tag == m("t"):
            parts.append(child.text or "")
        elif child.tag == m("r"):
            t = child.find(m("t"))
            parts.append((t.text or "") if t is not None else "")
    return "".join(parts)


class _Book:
    """The parts of a workbook needed to say what its cells hold."""

    def __init__(self, package: Package):
        self.package = package
        self.workbook = Workbook(package)
        self._strings: Optional[list] = None
        self._formats: Optional[list] = None
        self._cells: dict = {}

    @property
    def strings(self) -> list:
        if self._strings is None:
            rel = self.workbook.related("sharedStrings")
            self._strings = []
            if rel is not None and rel.target in self.package:
                root = self.package.xml(rel.target).root
                self._strings = [_text_of(si) for si in root.findall(m("si"))]
        return self._strings

    @property
    def formats(self) -> list:
        """The number format code of each cell format (``cellXfs``)."""
        if self._formats is None:
            from openpyxl.styles.numbers import BUILTIN_FORMATS  # the io layer's table of built-in codes

            rel = self.workbook.related("styles")
            self._formats = []
            if rel is not None and rel.target in self.package:
                root = self.package.xml(rel.target).root
                custom = {}
                num_fmts = root.find(m("numFmts"))
                for el in num_fmts if num_fmts is not None else ():
                    try:
                        custom[int(el.get("numFmtId", -1))] = el.get("formatCode", "General")
                    except ValueError:
                        continue
                xfs = root.find(m("cellXfs"))
                for xf in xfs if xfs is not None else ():
                    try:
                        number = int(xf.get("numFmtId", 0))
                    except ValueError:
                        number = 0
                    self._formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
        return self._formats

    def cells(self, sheet: str) -> Optional[SheetCells]:
        if sheet not in self._cells:
            part = self.workbook.parts.get(sheet)
            if part is None or part not in self.package:
                self._cells[sheet] = None
            else:
                try:
                    self._cells[sheet] = SheetCells(self.package.xml(part).root)
                except OutOfGrid as exc:
                    raise InputError(exc.sentence(self.package.name, f"lembar '{sheet}'")) from None
        return self._cells[sheet]

    def state(self, sheet: str, row: int, col: int) -> CellState:
        cells = self.cells(sheet)
        if cells is None:
            return CellState(sheet, row, col)
        xf = cells.style_of(row, col)
        number_format = self.formats[xf] if 0 <= xf < len(self.formats) else "General"
        cell = cells.cells.get((row, col))
        if cell is None:
            return CellState(sheet, row, col, number_format=number_format)
        kind = cell.get("t", "n")
        v = cell.find(m("v"))
        text = v.text if v is not None and v.text is not None else None
        value: object = None
        if kind == "s" and text is not None:
            try:
                value = self.strings[int(text)]
            except (ValueError, IndexError):
                value = None
        elif kind == "inlineStr":
            value = _text_of(cell.find(m("is")))
        elif kind == "b" and text is not None:
            value = text.strip() == "1"
        elif kind in ("str", "e", "d"):
            value = text
        elif text is not None:
            try:
                number = float(text)
                value = int(text) if _INTEGER.fullmatch(text.strip()) else number
            except ValueError:
                value = text
        return CellState(sheet, row, col, value, self._formula(cells, cell, row, col), number_format)

    @staticmethod
    def _formula(cells: SheetCells, cell: ET.Element, row: int, col: int) -> Optional[str]:
        f = cell.find(m("f"))
        if f is None:
            return None
        if (f.text or "").strip():
            return "=" + f.text
        if f.get("t") == "shared" and f.get("si") is not None:  # a shared formula's follower: the master's, moved
            for (r, c), other in cells.cells.items():
                g = other.find(m("f"))
                if g is not None and g.get("si") == f.get("si") and g.get("ref") and (g.text or "").strip():
                    from openpyxl.formula.translate import Translator
                    from ..snapshot import a1

                    return Translator("=" + g.text, origin=a1(r, c)).translate_formula(a1(row, col))
        return None

    def active_sheet(self) -> Optional[str]:
        names = [el.get("name", "") for el in self.workbook.sheets.findall(m("sheet"))]
        views = self.workbook.root.find(m("bookViews"))
        view = views.find(m("workbookView")) if views is not None else None
        try:
            index = int(view.get("activeTab", 0)) if view is not None else 0
        except ValueError:
            index = 0
        return names[index] if 0 <= index < len(names) else (names[0] if names else None)

    def recalculated(self) -> bool:
        calc = self.workbook.root.find(m("calcPr"))
        return calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")

    def sheet_names(self) -> list:
        return [el.get("name", "") for el in self.workbook.sheets.findall(m("sheet"))]


# --- sheets: hidden, removed ------------------------------------------------------------------------


def _hide(workbook: Workbook, names: set) -> None:
    for el in workbook.sheets.findall(m("sheet")):
        if el.get("name") in names:
            el.set("state", "hidden")


def _remove_sheet(workbook: Workbook, name: str) -> bool:
    """Delete a worksheet perbaiki added: its part, relationships, content type, scoped names and tab position."""
    package = workbook.package
    elements = workbook.sheets.findall(m("sheet"))
    index = next((i for i, el in enumerate(elements) if el.get("name") == name), None)
    if index is None:
        return False
    el = elements[index]
    rel_id = el.get(qn(NS_REL, "id"))
    part = workbook.parts.pop(name, None)
    workbook.sheets.remove(el)
    if rel_id:
        package.remove_relationship(workbook.part, rel_id)
    if part is not None and part in package:
        for rel in package.relationships(part):
            package.remove_relationship(part, rel.id)
        rels = package.rels_part(part)
        if rels in package:
            package.remove(rels)
        package.remove(part)
        package.set_content_type(part, None)
    names = workbook.root.find(m("definedNames"))
    for defined in list(names) if names is not None else ():
        scope = defined.get("localSheetId")
        if scope is None:
            continue
        if int(scope) == index:
            names.remove(defined)
        elif int(scope) > index:
            defined.set("localSheetId", str(int(scope) - 1))
    if names is not None and len(names) == 0:
        workbook.root.remove(names)
    views = workbook.root.find(m("bookViews"))
    for view in views if views is not None else ():
        for attr in ("activeTab", "firstSheet"):
            if view.get(attr) is not None and int(view.get(attr)) > index:
                view.set(attr, str(int(view.get(attr)) - 1))
    return True


def _show(workbook: Workbook, active: Optional[str]) -> None:
    """Open on ``active`` again (its tab selected), as the workbook did before perbaiki."""
    names = [el.get("name", "") for el in workbook.sheets.findall(m("sheet"))]
    if not names:
        return
    index = names.index(active) if active in names else 0
    open_on_tab(workbook, index)
    part = workbook.parts.get(names[index])
    if part is not None and part in workbook.package:
        root = workbook.package.xml(part).root
        sheet_view = next(iter(root.iter(m("sheetView"))), None)
        if sheet_view is not None:
            sheet_view.set("tabSelected", "1")


def apply_plan(data: bytes, edits: WorkbookEdits, name: str = "", limits: Limits = DEFAULT_LIMITS,
               active: Optional[str] = None, recalculated: Optional[bool] = None) -> bytes:
    """``data`` with the plan applied by the patcher, then its sheets hidden or removed as the plan says.

    ``active`` (a sheet to open on) and ``recalculated`` (the workbook's own full
    recalculation on opening) are put back when given: the undo's part.
    """
    out = apply_edits(data, edits, name, limits)
    hidden = {s.name for s in edits.sheets if getattr(s, "hidden", False)}
    removed = list(getattr(edits, "remove_sheets", []) or [])
    if not hidden and not removed and active is None and recalculated is None:
        return out
    package = Package(out, name, limits)
    workbook = Workbook(package)
    _hide(workbook, hidden)
    for sheet in removed:
        _remove_sheet(workbook, sheet)
    if removed or active is not None:
        _show(workbook, active)
    if recalculated is False:
        calc = workbook.root.find(m("calcPr"))
        if calc is not None:
            calc.attrib.pop("fullCalcOnLoad", None)
    return package.save()


def sheet_names(source: Path, limits: Limits = DEFAULT_LIMITS) -> list:
    """Every sheet name of a workbook file, chart and dialog sheets included (a new sheet's name must not clash)."""
    return _Book(Package(_read_source(source), source.name, limits)).sheet_names()


def unit_formats(source: Path, limits: Limits = DEFAULT_LIMITS) -> dict:
    """{(sheet, row, col): number format} of every number whose format writes words beside it (``0 "jenis"``).

    What such a cell shows (``15 jenis``) is what it says: bandingkan reads its target so.
    A workbook whose styles have no such format is not read further.
    """
    from ..perbaiki import unit_of_format

    book = _Book(Package(_read_source(source), source.name, limits))
    wanted = {i for i, code in enumerate(book.formats) if unit_of_format(code) is not None}
    out: dict = {}
    if not wanted:
        return out
    for name in book.sheet_names():
        cells = book.cells(name)
        if cells is None:
            continue
        for (row, col), cell in cells.cells.items():
            if cell.get("t", "n") != "n" or cell.find(m("v")) is None:
                continue
            xf = cells.style_of(row, col)
            if xf in wanted:
                out[(name, row, col)] = book.formats[xf]
    return out


# --- the two commands' writing -------------------------------------------------------------------


def write_perbaikan(source: Path, target: Path, plan: Perbaikan, limits: Limits = DEFAULT_LIMITS) -> WorkbookEdits:
    """Write ``target``: ``source`` with the plan applied, its summary sheet and its hidden undo sheet; the plan."""
    data = _read_source(source)
    book = _Book(Package(data, source.name, limits))
    before = {key: book.state(*key) for key in plan.positions}
    edits = plan.edits(before, book.sheet_names(), book.active_sheet(), book.recalculated())
    write_bytes_atomic(target, apply_plan(data, edits, source.name, limits))
    return edits


def undo_record(source: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, UndoRecord]:
    """(the file's bytes, the record of its latest perbaiki); an Indonesian sentence when it has none.

    The file is read as every command reads it first (:func:`~renja_xl.io.files.load_snapshot`),
    so a file that is no workbook, is encrypted or breaks a limit gets the same sentence.
    """
    from .files import load_snapshot

    load_snapshot(source, limits)
    data = _read_source(source)
    book = _Book(Package(data, source.name, limits))
    names = book.sheet_names()
    name = latest_undo(names)
    record = None
    if name is not None:
        part = book.workbook.parts.get(name)
        strings = book.workbook.related("sharedStrings")
        if part is not None and part in book.package:
            grid = read_rows(book.package.read(part), book.package.read(strings.target)
                             if strings is not None and strings.target in book.package else b"")
            width = max((c for cells in grid.values() for c in cells), default=0)
            rows = [[grid.get(r, {}).get(c) for c in range(1, width + 1)] for r in range(1, max(grid, default=0) + 1)]
            record = read_undo(name, rows)
    if record is None:
        raise InputError(f"Berkas '{source.name}' tidak memuat catatan pembatalan renja-xl perbaiki (lembar "
                         f"tersembunyi '{name or 'renja-xl-batal'}'); tidak ada yang dapat dibatalkan.")
    missing = sorted({s.sheet for s in record.states if s.sheet not in names})
    if missing:
        raise InputError(f"Berkas '{source.name}' tidak lagi memuat lembar {', '.join(repr(n) for n in missing)} yang "
                         "diubah oleh perbaiki; pembatalan tidak dijalankan.")
    return data, record


def write_batal(source: Path, target: Path, limits: Limits = DEFAULT_LIMITS) -> UndoRecord:
    """Write ``target``: ``source`` with its latest perbaiki undone (cells, sheets, sheet shown); the record used."""
    data, record = undo_record(source, limits)
    out = apply_plan(data, undo_edits(record), source.name, limits, active=record.active or "",
                     recalculated=record.recalculated)
    write_bytes_atomic(target, out)
    return record
