"""What a command changes in a workbook, as plain data: the one plan every adapter applies.

``fill`` and ``check`` do not touch a workbook themselves. They describe their changes
here (cell values and formulas, number formats, fills, notes, a new sheet, conditional
colours) and an adapter applies the plan: :mod:`renja_xl.io.patch` patches the parts of
a file's package, the Excel buttons (:mod:`renja_xl.excel`) write through xlwings. The
plan is pure data, so both give the same cells.

User text written as a value (a finding's message, a value as the user wrote it) is
always text: a leading ``=``, ``+``, ``-`` or ``@`` never becomes a formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .compute.engine import ComputedCell
from .compute.predikat import COLOURS
from .rules.base import Finding, Severity
from .snapshot import a1, col_letter, parse_a1

RESULTS_SHEET = "Hasil Validasi"
SEVERITY_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
RESULTS_HEADERS = ("No", "Tingkat", "Aturan", "Lokasi", "Pesan", "Nilai tertulis", "Nilai seharusnya")
RESULTS_WIDTHS = (6, 12, 10, 34, 100, 28, 22)
RESULTS_HEADER_ROW = 3
HEADER_FILL = "D9E1F2"
LINK_COLOUR = "0563C1"
NOTE_AUTHOR = "renja-xl"
MAX_NOTE_FINDINGS = 8


@dataclass(frozen=True)
class Style:
    """The formatting a change asks for; None leaves the cell's own setting as it is."""

    number_format: Optional[str] = None
    fill: Optional[str] = None          # RGB hex of a solid fill
    bold: bool = False
    size: Optional[float] = None
    font_colour: Optional[str] = None
    underline: bool = False
    wrap: bool = False

    @property
    def is_plain(self) -> bool:
        return self == Style()


@dataclass(frozen=True)
class CellEdit:
    """One cell to change. ``formula`` (with its leading '=') wins over ``value``; ``keep_value``
    changes only the formatting (and ``note``)."""

    sheet: str
    row: int
    col: int
    value: Any = None
    formula: Optional[str] = None
    style: Style = Style()
    note: Optional[str] = None
    keep_value: bool = False
    link: Optional[str] = None   # a place inside the workbook: "'T2.1'!E13"

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


@dataclass(frozen=True)
class ConditionalColour:
    """Fill ``ref`` with ``colour`` where ``formula`` (relative to the range's first cell) is true."""

    sheet: str
    ref: str
    formula: str
    colour: str


@dataclass
class NewSheet:
    """A sheet the command adds (or replaces, when one of that name exists)."""

    name: str
    cells: list = field(default_factory=list)           # CellEdit, sheet == name
    widths: dict = field(default_factory=dict)          # column -> width in characters
    freeze_rows: int = 0                                # rows kept in view at the top
    autofilter: Optional[str] = None                    # "A3:G40"
    print_title_rows: Optional[tuple] = None            # (first, last)
    landscape: bool = True
    first: bool = True                                  # placed before the other sheets (else last)
    hidden: bool = False                                # a record for the command, not for reading


@dataclass
class WorkbookEdits:
    """Everything one command changes in one workbook.

    ``NewSheet.hidden`` and ``remove_sheets`` (``perbaiki`` and its undo) are applied to files
    by :mod:`renja_xl.io.perbaikan` after the patcher; an adapter that does not know them
    leaves the sheet visible and the sheets in place.
    """

    cells: list = field(default_factory=list)           # CellEdit in existing sheets
    conditional: list = field(default_factory=list)     # ConditionalColour
    sheets: list = field(default_factory=list)          # NewSheet
    recalculate: bool = False                           # ask Excel to recalculate on opening
    remove_sheets: list = field(default_factory=list)   # names of sheets an earlier command added, to delete

    def by_sheet(self) -> dict:
        out: dict = {}
        for edit in self.cells:
            out.setdefault(edit.sheet, []).append(edit)
        return out


# --- fill ------------------------------------------------------------------------------


def fill_edits(cells: Iterable[ComputedCell]) -> WorkbookEdits:
    """The plan of ``renja-xl fill``: every computed cell as a live formula, Predikat coloured."""
    cells = list(cells)
    edits = WorkbookEdits(recalculate=True)
    for c in cells:
        edits.cells.append(CellEdit(c.sheet, c.row, c.col, value=c.value, formula=c.formula,
                                    style=Style(number_format=c.number_format)))
    predikat: dict = {}
    for c in cells:
        if c.key == "predikat":
            predikat.setdefault((c.sheet, c.col), []).append(c.row)
    for (sheet, col), rows in predikat.items():
        letter = col_letter(col)
        ref = f"{letter}{min(rows)}:{letter}{max(rows)}"
        for label, colour in COLOURS.items():
            edits.conditional.append(ConditionalColour(sheet, ref, f'${letter}{min(rows)}="{label}"', colour))
    return edits


# --- check -----------------------------------------------------------------------------


def quote_sheet(name: str) -> str:
    """A sheet name as a formula or link names it: ``'T2.1 Evaluasi'``."""
    return "'" + name.replace("'", "''") + "'"


def note_text(findings: list) -> str:
    """The note on a marked cell: its findings' messages, at most :data:`MAX_NOTE_FINDINGS`."""
    text = "\n".join(f"[{f.rule} {f.severity.label}] {f.message}" for f in findings[:MAX_NOTE_FINDINGS])
    if len(findings) > MAX_NOTE_FINDINGS:
        text += f"\n(+{len(findings) - MAX_NOTE_FINDINGS} temuan lain di lembar {RESULTS_SHEET})"
    return text


def mark_edits(findings: list, sheet_names: Iterable[str]) -> list:
    """Every cell a finding is about: the fill of its worst severity and a note with the messages."""
    names = set(sheet_names) - {RESULTS_SHEET}
    per_cell: dict = {}
    for finding in findings:
        for loc in finding.locations:
            if loc.sheet in names:
                per_cell.setdefault((loc.sheet, loc.cell), []).append(finding)
    out = []
    for (sheet, address), items in per_cell.items():
        row, col = parse_a1(address)
        worst = min(items, key=lambda f: f.severity.rank).severity
        out.append(CellEdit(sheet, row, col, style=Style(fill=SEVERITY_FILLS[worst]), note=note_text(items),
                            keep_value=True))
    return out


def results_sheet(findings: list, title: str, sheet_names: Iterable[str]) -> NewSheet:
    """The 'Hasil Validasi' sheet: one row per finding, its place a link to the cell."""
    names = set(sheet_names)
    sheet = NewSheet(RESULTS_SHEET, widths=dict(enumerate(RESULTS_WIDTHS, start=1)),
                     freeze_rows=RESULTS_HEADER_ROW, print_title_rows=(RESULTS_HEADER_ROW, RESULTS_HEADER_ROW))
    put = sheet.cells.append
    put(CellEdit(RESULTS_SHEET, 1, 1, value=title, style=Style(bold=True, size=12)))
    for col, header in enumerate(RESULTS_HEADERS, start=1):
        put(CellEdit(RESULTS_SHEET, RESULTS_HEADER_ROW, col, value=header, style=Style(bold=True, fill=HEADER_FILL)))
    for index, finding in enumerate(findings, start=1):
        row = RESULTS_HEADER_ROW + index
        first = finding.locations[0] if finding.locations else None
        place = f"{quote_sheet(first.sheet)}!{first.cell}" if first else ""
        linked = first is not None and first.sheet in names
        values = (index, finding.severity.label, finding.rule, place, finding.message, finding.written,
                  finding.expected)
        for col, value in enumerate(values, start=1):
            style = Style()
            if col == 2:
                style = Style(fill=SEVERITY_FILLS[finding.severity])
            elif col == 4 and linked:
                style = Style(font_colour=LINK_COLOUR, underline=True)
            elif col == 5:
                style = Style(wrap=True)
            put(CellEdit(RESULTS_SHEET, row, col, value=value if value != "" else None, style=style,
                         link=place if col == 4 and linked else None))
    if findings:
        sheet.autofilter = f"A{RESULTS_HEADER_ROW}:G{RESULTS_HEADER_ROW + len(findings)}"
    return sheet


def check_edits(findings: list[Finding], title: str, sheet_names: Iterable[str]) -> WorkbookEdits:
    """The plan of ``renja-xl check --output``: marked cells and the results sheet."""
    sheet_names = list(sheet_names)
    return WorkbookEdits(cells=mark_edits(findings, sheet_names),
                         sheets=[results_sheet(findings, title, sheet_names)])
