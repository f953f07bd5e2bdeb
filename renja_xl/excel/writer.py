"""Applying a :class:`~renja_xl.edits.WorkbookEdits` plan to a live workbook through xlwings.

Writes are grouped: a run of formulas down one column is one call, a run of cells with
the same fill is one call, the results sheet's values are one call. What the engine
cannot do is skipped, never fatal: a note where notes are unsupported (the findings stay
on the results sheet and in the fill colour), a conditional format where the engine has
none. Text is written with Excel's text prefix ``'``, so that Excel never reads it as a
formula, a number or a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Callable, Optional

from ..edits import NewSheet, WorkbookEdits
from ..snapshot import col_letter
from .client import engine_name


@dataclass
class WriteReport:
    """What could not be written (named to the user) and what was."""

    cells: int = 0
    skipped: list = field(default_factory=list)   # Indonesian phrases, shown to the user

    def with_notes(self, message: str) -> str:
        """The message, followed by what could not be done (each phrase once)."""
        if not self.skipped:
            return message
        return message + " Catatan: " + "; ".join(dict.fromkeys(self.skipped)) + "."


_SHEETS = "_renja_xl_sheets"


def sheet_map(book) -> dict:
    """{name: Sheet} of the book, asked of Excel once until :func:`sheets_changed` (each name is a call on the desktop)."""
    known = getattr(book, "__dict__", {}).get(_SHEETS)
    if known is None:
        known = {s.name: s for s in book.sheets}
        try:
            book.__dict__[_SHEETS] = known
        except AttributeError:
            pass
    return known


def all_sheet_names(book) -> list:
    """Every sheet name of the book, chart sheets too where the engine can tell them (Windows COM's
    ``Workbook.Sheets``; xlwings' ``book.sheets`` are worksheets only), for a new sheet's free name."""
    names = list(sheet_map(book))
    if engine_name(book) == "excel":
        try:
            names += [str(s.Name) for s in book.api.Sheets if str(s.Name) not in names]
        except Exception:  # noqa: BLE001 - macOS (AppleScript) and stand-ins without COM: the worksheets
            pass
    return names


def sheets_changed(book) -> None:
    """Forget the sheets asked for: one was added or deleted (the remote engine finds a sheet by its position)."""
    getattr(book, "__dict__", {}).pop(_SHEETS, None)


def excel_text(value):
    """A value for Excel: text always with Excel's text prefix ``'`` (invisible in the cell).

    Excel reads what is written into a cell as if typed: ``=…`` becomes a formula,
    ``01.012`` the number 1.012, ``126%`` the number 1.26, ``000000`` zero. Text written
    by renja-xl (findings, kode, colours) must stay the text it is.
    """
    if isinstance(value, str) and value:
        return "'" + value
    return value


def _runs(edits: list, key: Callable) -> list:
    """Edits grouped into vertical runs: same sheet and column, consecutive rows, same ``key``."""
    ordered = sorted(edits, key=lambda e: (e.sheet, e.col, e.row))
    runs: list = []
    for e in ordered:
        last = runs[-1] if runs else None
        if last and last[-1].sheet == e.sheet and last[-1].col == e.col and last[-1].row + 1 == e.row \
                and key(last[-1]) == key(e):
            last.append(e)
        else:
            runs.append([e])
    return runs


def _range(sheet, run: list):
    return sheet.range((run[0].row, run[0].col), (run[-1].row, run[-1].col))


def _colour(edits: list, sheet_of: Callable) -> None:
    """The fills of ``edits``, one call per vertical run of one colour."""
    for run in _runs([e for e in edits if e.style.fill], key=lambda e: e.style.fill):
        _range(sheet_of(run[0]), run).color = "#" + run[0].style.fill


def write_colours(book, colours: dict) -> None:
    """Put fills back: {(sheet, row, col): "RRGGBB" or None (no fill)}, one call per vertical run of one colour."""
    sheets = sheet_map(book)
    cells = [_Cell(sheet, row, col, colour) for (sheet, row, col), colour in colours.items() if sheet in sheets]
    for run in _runs(cells, key=lambda c: c.colour):
        _range(sheets[run[0].sheet], run).color = "#" + run[0].colour if run[0].colour else None


@dataclass(frozen=True)
class _Cell:
    sheet: str
    row: int
    col: int
    colour: Optional[str]


def write_cells(book, edits: list, report: WriteReport) -> None:
    """Formulas and values, number formats and fills of existing sheets, in runs."""
    sheets = sheet_map(book)
    valued = [e for e in edits if not e.keep_value and e.sheet in sheets]
    for run in _runs(valued, key=lambda e: e.formula is not None):
        rng = _range(sheets[run[0].sheet], run)
        if run[0].formula is not None:
            rng.formula = [[e.formula] for e in run]
        else:
            rng.value = [[excel_text(e.value)] for e in run]
        report.cells += len(run)
    styled = [e for e in edits if e.sheet in sheets]
    for run in _runs([e for e in styled if e.style.number_format], key=lambda e: e.style.number_format):
        _range(sheets[run[0].sheet], run).number_format = run[0].style.number_format
    _colour(styled, lambda e: sheets[e.sheet])


def add_notes(book, edits: list, report: WriteReport) -> list:
    """Notes on cells that have none of the user's; the cells noted (for bersihkan).

    xlwings' ``Range.add_note`` itself looks for a note on the cell first and refuses
    (ValueError) a cell that has one: the user's note stays as it is, the finding is on the
    results sheet and in the fill colour.
    """
    sheets = sheet_map(book)
    noted = []
    for e in edits:
        if not e.note or e.sheet not in sheets:
            continue
        try:
            sheets[e.sheet].range(e.address).add_note(e.note)
        except ValueError:
            continue  # the cell has the user's own note
        except (NotImplementedError, AttributeError):
            report.skipped.append("catatan sel tidak didukung Excel ini (temuan ada di lembar Hasil Validasi)")
            return noted
        noted.append((e.sheet, e.address))
    return noted


def add_conditional_colours(book, edits: WorkbookEdits, report: WriteReport) -> None:
    sheets = sheet_map(book)
    for c in edits.conditional:
        if c.sheet not in sheets:
            continue
        try:
            sheets[c.sheet].range(c.ref).conditional_formats.add_custom("=" + c.formula, fill_color="#" + c.colour)
        except (NotImplementedError, AttributeError):
            report.skipped.append("warna Predikat bersyarat tidak didukung Excel ini")
            return


def write_sheet(book, new: NewSheet, report: WriteReport):
    """A sheet a command adds (replacing one of the same name): first among the sheets, or last when
    ``new.first`` is False, hidden when ``new.hidden`` says so; its values in one call."""
    sheets = sheet_map(book)
    if new.name in sheets:
        sheets[new.name].delete()
        sheets_changed(book)
        sheets = sheet_map(book)
    if new.first or not sheets:
        sheet = book.sheets.add(new.name, before=book.sheets[0])
    else:
        sheet = book.sheets.add(new.name, after=book.sheets[len(sheets) - 1])
    sheets_changed(book)
    bottom = max(e.row for e in new.cells)
    right = max(e.col for e in new.cells)
    grid = [[None] * right for _ in range(bottom)]
    for e in new.cells:
        grid[e.row - 1][e.col - 1] = excel_text(e.value)
    sheet.range("A1").value = grid
    for col, width in new.widths.items():
        sheet.range(f"{col_letter(col)}:{col_letter(col)}").column_width = width
    for row, cells in groupby(sorted((e for e in new.cells if e.style.bold), key=lambda e: (e.row, e.col)),
                              key=lambda e: e.row):
        cells = list(cells)
        sheet.range((row, cells[0].col), (row, cells[-1].col)).font.bold = True
    _colour(new.cells, lambda e: sheet)
    for e in new.cells:
        if e.link:
            sheet.range(e.address).add_hyperlink("#" + e.link, text_to_display=str(e.value))
    report.cells += len(new.cells)
    if new.hidden:
        hide_sheet(sheet, report)
    return sheet


def hide_sheet(sheet, report: Optional[WriteReport] = None) -> None:
    """Hide a sheet (a record for the command, not for reading); an engine that cannot leaves it visible."""
    try:
        sheet.visible = False
    except (NotImplementedError, AttributeError):
        if report is not None:
            report.skipped.append(f"lembar '{sheet.name}' tidak dapat disembunyikan di Excel ini")


def delete_sheets(book, names) -> list:
    """Delete the named sheets an earlier command added (``WorkbookEdits.remove_sheets``); the names deleted."""
    deleted = []
    for name in names:
        sheets = sheet_map(book)
        if name in sheets:
            sheets[name].delete()
            sheets_changed(book)
            deleted.append(name)
    return deleted


def record_marks(book, sheet_name: str, rows: list) -> None:
    """Keep, in a hidden sheet, each marked cell's own fill and whether we added its note."""
    sheets = sheet_map(book)
    if sheet_name in sheets:
        sheets[sheet_name].delete()
        sheets_changed(book)
        sheets = sheet_map(book)
    sheet = book.sheets.add(sheet_name, after=book.sheets[len(sheets) - 1] if sheets else None)
    sheets_changed(book)
    sheet.range("A1").value = [[excel_text(v) for v in row]
                               for row in [["lembar", "sel", "warna asli", "catatan renja-xl"], *rows]]
    try:
        sheet.visible = False
    except (NotImplementedError, AttributeError):
        pass
