"""Applying a :class:`~renja_xl.edits.WorkbookEdits` plan to a workbook file by patching its package.

Only the parts a change needs are rewritten: the worksheets with changed cells, the
style sheet, the workbook part (a new sheet, recalculation on opening), the content
types and relationships, and the notes. Every other part (charts, images, shapes and
form buttons, VBA, pivot caches, slicers, printer settings) is copied byte for byte.

The worksheets are never built as trees: a changed sheet is streamed through
(:mod:`renja_xl.io.sheetstream`: rows without a change are copied as they are), a new
sheet is written row by row, notes are written directly, and the copy goes into its
file as it is made. Memory stays near the size of the largest row, not of the sheet.
A sheet the streaming patcher does not follow (XML comments among its cells, rows out
of order) is patched as a tree instead (:class:`~renja_xl.io.sheetxml.SheetCells`).
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree as ET

from ..edits import NOTE_AUTHOR, RESULTS_HEADER_ROW, RESULTS_HEADERS, NewSheet, WorkbookEdits, quote_sheet
from ..errors import InputError
from . import budget
from .atomic import write_atomic
from .notes import add_notes, used_shape_ids, write_notes
from .package import DEFAULT_LIMITS, NS_REL, Limits, Package, TooDeep, qn, resolve
from .sheetstream import _TAB_SELECTED, MAX_HEAD, NotStreamable, SheetPlan, SheetStreamer, write_new_sheet
from .sheetxml import SheetCells, add_conditional_colours, has_conditional, m, next_priority
from .stylebook import StyleBook
from .xlsx_reader import OutOfGrid

WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
# CT_Workbook's children in schema order
_WORKBOOK_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                   "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
                   "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                   "extLst")


class Workbook:
    """The workbook part of a package: its sheets (name -> worksheet part) and the parts beside it."""

    def __init__(self, package: Package):
        self.package = package
        office = next((r for r in package.relationships("") if r.type.endswith("/officeDocument")), None)
        self.part = office.target if office is not None else "xl/workbook.xml"
        self.xml = package.xml(self.part)
        self.root = self.xml.root
        self.rels = {r.id: r for r in package.relationships(self.part)}
        self.sheets = self.root.find(m("sheets"))
        if self.sheets is None:
            raise InputError(f"Berkas '{package.name}' tidak utuh: daftar lembar kerja tidak ada.")
        self.parts: dict[str, str] = {}
        for sheet in self.sheets.findall(m("sheet")):
            rel = self.rels.get(sheet.get(qn(NS_REL, "id")))
            if rel is not None and rel.type.endswith("/worksheet"):
                self.parts[sheet.get("name", "")] = rel.target

    def related(self, kind: str):
        return next((r for r in self.rels.values() if r.type.endswith("/" + kind)), None)

    def child(self, name: str) -> ET.Element:
        el = self.root.find(m(name))
        if el is None:
            el = ET.Element(m(name))
            position = _WORKBOOK_ORDER.index(name)
            before = {m(n) for n in _WORKBOOK_ORDER[:position]}
            index = max((i + 1 for i, c in enumerate(self.root) if c.tag in before), default=0)
            self.root.insert(index, el)
        return el

    def sheet_index(self, name: str) -> int:
        return [s.get("name") for s in self.sheets.findall(m("sheet"))].index(name)


def _styles(workbook: Workbook) -> StyleBook:
    rel = workbook.related("styles")
    if rel is not None:
        return StyleBook(workbook.package, rel.target)
    part = resolve(workbook.part, "styles.xml")
    book = StyleBook(workbook.package, part)
    workbook.package.add_relationship(workbook.part, "styles", part)
    workbook.package.set_content_type(part, STYLES_TYPE)
    return book


def _drop_calc_chain(workbook: Workbook) -> None:
    """Excel rebuilds the calculation chain; a stale one (cells whose formula changed) makes it repair the file."""
    rel = workbook.related("calcChain")
    if rel is None:
        return
    workbook.package.remove(rel.target)
    workbook.package.set_content_type(rel.target, None)
    workbook.package.remove_relationship(workbook.part, rel.id)


def _conditional_blocks(styles: StyleBook, items: list):
    """A writer of the conditional formats ``items`` (ConditionalColour) for a streamed sheet's tail."""
    def blocks(priority: int, existing: set, prefix: str) -> tuple[bytes, int]:
        from .sheetstream import esc_attr, esc_text

        by_ref: dict = {}
        for c in items:
            by_ref.setdefault(c.ref, []).append(c)
        out = []
        for ref, rules in by_ref.items():
            if ref.encode() in existing:  # coloured by an earlier fill already
                continue
            out.append(f'<{prefix}conditionalFormatting sqref="{esc_attr(ref)}">')
            for c in rules:
                out.append(f'<{prefix}cfRule type="expression" dxfId="{styles.dxf_fill(c.colour)}" priority="{priority}">'
                           f"<{prefix}formula>{esc_text(c.formula)}</{prefix}formula></{prefix}cfRule>")
                priority += 1
            out.append(f"</{prefix}conditionalFormatting>")
        return "".join(out).encode(), priority
    return blocks


def _tree_sheet(workbook: Workbook, styles: StyleBook, name: str, part: str, sheet_edits: list, conditional: list,
                shape_ids: set) -> None:
    """Patch one sheet as a tree (the sheets the streaming patcher does not follow)."""
    package = workbook.package
    root = package.xml(part).root
    try:
        cells = SheetCells(root)
    except OutOfGrid as exc:
        raise InputError(exc.sentence(package.name, f"lembar '{name}'")) from None
    cells.release_shared({(e.row, e.col) for e in sheet_edits if not e.keep_value})
    notes = {}
    for e in sheet_edits:
        base = cells.style_of(e.row, e.col)
        if not e.keep_value:
            cells.set_value(e.row, e.col, e.value, e.formula)
        if not e.style.is_plain:
            cells.set_style(e.row, e.col, styles.derive(base, e.style))
        elif base:
            cells.set_style(e.row, e.col, base)  # a new cell keeps the look its row or column gave it
        if e.note:
            notes[e.address] = e.note
    priority = next_priority(root)
    by_ref: dict = {}
    for c in conditional:
        by_ref.setdefault(c.ref, []).append(c)
    for ref, items in by_ref.items():
        if not has_conditional(root, ref):  # coloured by an earlier fill already
            priority = add_conditional_colours(root, ref, [(c.formula, styles.dxf_fill(c.colour)) for c in items],
                                               priority)
    cells.fit_dimension()
    add_notes(package, part, root, notes, NOTE_AUTHOR, shape_ids)


def _stream_sheet(workbook: Workbook, styles: StyleBook, name: str, part: str, plan: SheetPlan,
                  shape_ids: set) -> None:
    """Patch one sheet by streaming it through when the package is saved."""
    package = workbook.package
    if plan.notes:  # the notes' parts (comments, drawings, relationships, content types) change while it streams
        package.defer(package.rels_part(part))
        package.defer("[Content_Types].xml")
        for rel in package.relationships(part):
            if rel.type.endswith(("/comments", "/vmlDrawing")) and not rel.external:
                package.defer(rel.target)

    def notes_hook(legacy_id):
        return write_notes(package, part, plan.notes, NOTE_AUTHOR, shape_ids, legacy_id)

    def writer(write):
        streamer = SheetStreamer(part, plan, styles.derive, notes_hook,
                                 _conditional_blocks(styles, plan.conditional))
        with package.open(part) as handle:
            try:
                streamer.run(handle, write)
            except OutOfGrid as exc:
                raise InputError(exc.sentence(package.name, f"lembar '{name}'")) from None

    package.stream(part, writer)


def _apply_cells(workbook: Workbook, styles: StyleBook, edits: WorkbookEdits, tree_parts: set,
                 unselect: Optional[str] = None) -> None:
    package = workbook.package
    by_sheet = edits.by_sheet()
    conditional: dict = {}
    for c in edits.conditional:
        conditional.setdefault(c.sheet, []).append(c)
    shape_ids = used_shape_ids(package)
    selected = _selected_sheets(workbook, unselect) if unselect is not None else set()
    for name in sorted(set(by_sheet) | set(conditional) | selected):
        part = workbook.parts.get(name)
        if part is None or part not in package:
            continue  # the plan names a sheet this file does not have (not a worksheet): nothing to do
        sheet_edits = by_sheet.get(name, [])
        if part in tree_parts:
            _tree_sheet(workbook, styles, name, part, sheet_edits, conditional.get(name, []), shape_ids)
            if name in selected:
                for view in package.xml(part).root.iter(m("sheetView")):
                    view.attrib.pop("tabSelected", None)
            continue
        plan = SheetPlan.of(sheet_edits, conditional.get(name, []), unselect=name in selected)
        _stream_sheet(workbook, styles, name, part, plan, shape_ids)


def _selected_sheets(workbook: Workbook, keep: str) -> set:
    """The sheets whose view is selected (tabSelected), but ``keep``: their heads are read, never their cells."""
    package = workbook.package
    out = set()
    for name, part in workbook.parts.items():
        if name == keep or part not in package or part in package.streamed:
            continue
        if package.is_parsed(part):
            if any(v.get("tabSelected") in ("1", "true") for v in package.xml(part).root.iter(m("sheetView"))):
                out.add(name)
            continue
        with package.open(part) as handle:
            head = b""
            while len(head) < MAX_HEAD:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                head += chunk
                if b"sheetData" in head:
                    break
        end = head.find(b"sheetData")
        if _TAB_SELECTED.search(head[:end if end > 0 else len(head)]):
            out.add(name)
    return out


def _new_sheet_writer(sheet: NewSheet, styles: StyleBook, selected: bool):
    def writer(write):
        write_new_sheet(sheet, lambda style: styles.derive(0, style), write, selected)
    return writer


def _set_defined_name(workbook: Workbook, name: str, index: int, value: str, hidden: bool = False) -> None:
    names = workbook.child("definedNames")
    for el in list(names):
        if el.get("name") == name and el.get("localSheetId") == str(index):
            names.remove(el)
    el = ET.SubElement(names, m("definedName"), name=name, localSheetId=str(index))
    if hidden:
        el.set("hidden", "1")
    el.text = value


def _shift_sheet_indexes(workbook: Workbook) -> None:
    """Sheet positions move one up: names scoped to a sheet (print areas, filters) follow their sheet."""
    names = workbook.root.find(m("definedNames"))
    for el in names if names is not None else ():
        if el.get("localSheetId") is not None:
            el.set("localSheetId", str(int(el.get("localSheetId")) + 1))
    views = workbook.root.find(m("bookViews"))
    for view in views if views is not None else ():
        for attr in ("activeTab", "firstSheet"):
            if view.get(attr) is not None:
                view.set(attr, str(int(view.get(attr)) + 1))


def _is_results_sheet(workbook: Workbook, part: str) -> bool:
    """Whether a worksheet is a results sheet an earlier check wrote (its header row is ours), not the user's own."""
    from .xlsx_reader import read_rows

    package = workbook.package
    strings = workbook.related("sharedStrings")
    try:
        rows = read_rows(package.read(part), package.read(strings.target) if strings is not None
                         and strings.target in package else b"", last_row=RESULTS_HEADER_ROW)
    except Exception:  # noqa: BLE001 - a sheet we cannot read is not one we wrote
        return False
    header = rows.get(RESULTS_HEADER_ROW, {})
    return tuple(header.get(col) for col in range(1, len(RESULTS_HEADERS) + 1)) == RESULTS_HEADERS


def _results_name(workbook: Workbook, wanted: str) -> tuple[str, bool]:
    """(the name the results sheet gets, whether it replaces an earlier results sheet of that name).

    Sheet names are compared as Excel compares them, ignoring case, against every sheet
    kind (worksheets, chartsheets, dialog and macro sheets). A sheet of the wanted name
    that an earlier check wrote is replaced; any other sheet of that name is the user's
    and stays: the results go to ``Hasil Validasi (2)``, ``(3)``… instead.
    """
    from ..results_sheet import free_name

    def ours(existing: str) -> bool:
        part = workbook.parts.get(existing)
        return part is not None and part in workbook.package and _is_results_sheet(workbook, part)

    return free_name(wanted, [el.get("name", "") for el in workbook.sheets.findall(m("sheet"))], ours)


def _add_sheet(workbook: Workbook, styles: StyleBook, sheet: NewSheet, selected: bool = True) -> str:
    """Add (or replace) a sheet the plan makes; its name (another when a user's sheet has the wanted one)."""
    package = workbook.package
    name, replace = _results_name(workbook, sheet.name)
    if name != sheet.name:
        sheet = dataclasses.replace(sheet, name=name)
    writer = _new_sheet_writer(sheet, styles, selected)
    if replace:  # a results sheet from an earlier check: replaced in place
        part = workbook.parts[sheet.name]
        for rel in package.relationships(part):  # its old notes, links and drawings go with it
            package.remove_relationship(part, rel.id)
        package.stream(part, writer)
    else:
        part = package.new_part_name(resolve(workbook.part, "worksheets/sheet{}.xml"))
        package.stream(part, writer)
        package.set_content_type(part, WORKSHEET_TYPE)
        rel_id = package.add_relationship(workbook.part, "worksheet", part)
        ids = [int(s.get("sheetId", 0)) for s in workbook.sheets.findall(m("sheet"))]
        el = ET.Element(m("sheet"), name=sheet.name, sheetId=str(max(ids, default=0) + 1))
        el.set(qn(NS_REL, "id"), rel_id)
        if sheet.first:
            _shift_sheet_indexes(workbook)
            workbook.sheets.insert(0, el)
        else:
            workbook.sheets.append(el)
        workbook.parts[sheet.name] = part
    index = workbook.sheet_index(sheet.name)
    quoted = quote_sheet(sheet.name)
    if sheet.print_title_rows:
        first, last = sheet.print_title_rows
        _set_defined_name(workbook, "_xlnm.Print_Titles", index, f"{quoted}!${first}:${last}")
    if sheet.autofilter:
        start, end = sheet.autofilter.split(":")
        ref = "$" + re.sub(r"(\d)", r"$\1", start, count=1) + ":$" + re.sub(r"(\d)", r"$\1", end, count=1)
        _set_defined_name(workbook, "_xlnm._FilterDatabase", index, f"{quoted}!{ref}", hidden=True)
    open_on_tab(workbook, index)
    return sheet.name


def open_on_tab(workbook, index: int) -> None:
    """Make the sheet at ``index`` the tab the workbook opens on (and keep it in the visible tab range)."""
    views = workbook.child("bookViews")
    view = views.find(m("workbookView"))
    if view is None:
        view = ET.SubElement(views, m("workbookView"))
    view.set("activeTab", str(index))
    if int(view.get("firstSheet", 0)) > index:
        view.set("firstSheet", str(index))


def _write_patched(source, out, edits: WorkbookEdits, name: str, limits: Limits, tree_parts: set) -> None:
    package = Package(source, name, limits)
    workbook = Workbook(package)
    styles = _styles(workbook)
    added = [_add_sheet(workbook, styles, sheet, selected=i == len(edits.sheets) - 1)
             for i, sheet in enumerate(edits.sheets)]
    _apply_cells(workbook, styles, edits, tree_parts, unselect=added[-1] if added else None)
    if edits.recalculate:
        workbook.child("calcPr").set("fullCalcOnLoad", "1")
    if any(not e.keep_value for e in edits.cells):
        _drop_calc_chain(workbook)
    package.save_to(out)


def write_edits(source, out, edits: WorkbookEdits, name: str = "", limits: Limits = DEFAULT_LIMITS) -> None:
    """Write into the binary file ``out`` the package read from ``source`` (a seekable binary file) with ``edits``
    applied; every part the edits do not concern copied as it was.

    A sheet the streaming patcher does not follow is patched as a tree on a second try.
    """
    tree_parts: set = set()
    while True:
        try:
            _write_patched(source, out, edits, name, limits, tree_parts)
            return
        except NotStreamable as exc:
            if exc.part in tree_parts:
                raise
            tree_parts.add(exc.part)
            source.seek(0)
            out.seek(0)
            out.truncate()
        except TooDeep:
            raise InputError(f"Berkas '{name}' tidak sah: sebuah bagian bersarang terlalu dalam; berkas ditolak.") \
                from None


def apply_edits(data: bytes, edits: WorkbookEdits, name: str = "", limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The package ``data`` with ``edits`` applied; every part the edits do not concern copied as it was."""
    out = io.BytesIO()
    write_edits(io.BytesIO(data), out, edits, name, limits)
    return out.getvalue()


def patch_file(source: Path, target: Path, edits: WorkbookEdits, limits: Limits = DEFAULT_LIMITS) -> None:
    """Write ``target``: ``source`` with ``edits`` applied, atomically, as it is made; ``source`` is only read."""
    from .files import open_regular

    budget.check(source.name)
    try:
        handle = open_regular(source)
    except OSError as exc:
        raise InputError(f"Berkas '{source.name}' tidak dapat dibaca: {exc.strerror or exc}.") from None
    with handle:
        write_atomic(target, lambda out: write_edits(handle, out, edits, source.name, limits))
