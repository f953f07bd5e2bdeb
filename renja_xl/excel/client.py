"""Reading a live workbook through xlwings into the core's neutral snapshot, as the file reader reads it.

One truth for what a cell holds: the snapshot a button builds from a live book equals the
snapshot ``renja-xl check`` builds from the same book saved as a file. So

* values are read once per sheet (``used_range.options(ndim=2, err_to_str=True)``): error
  values stay visible as ``#DIV/0!`` text (xlwings turns them into None unless asked),
  ``Decimal`` (Windows gives currency-formatted cells as ``Decimal``) and dates become the
  numbers the file holds, whole floats become int;
* number formats are asked of Excel only where the core looks at them (the rows and columns
  of the tables found), in bulk: one block of cells at a time. xlwings documents one answer
  per range, a format string or None when the cells do not share one
  (``Range.number_format`` on the desktop, ``await Range.get_number_format()`` in xlwings
  Lite), so a block answered None is split (columns first, then rows at a gap of non-number
  cells or in the middle) until every part has one format. A table whose columns each keep
  one format costs a few calls, whatever its number of rows;
* fill colours (to put a user's own fill back under a mark) are read only for the cells a
  check marks: in bulk in xlwings Lite (``get_colors()``, at most 100,000 cells a call), per
  cell on the desktop (``Range.color`` of a bigger range is documented for one colour only).

An engine that cannot tell (the remote engine outside xlwings Lite: xlwings Server) is said
so once in the button's result, never silently (:data:`NO_FORMATS`, :data:`NO_FILLS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from ..snapshot import SheetSnapshot, WorkbookSnapshot, record_number_format, trim_row

MARKS_SHEET = "renja-xl"  # a hidden sheet: the user's own fills and notes under our marks
COLOUR_CELLS = 100_000    # xlwings documents Range.get_colors(): "A call supports at most 100,000 cells."

NO_FORMATS = ("format angka tidak terbaca di Excel ini, jadi sel berformat persen dibaca sebagai pecahan; "
              "hasilnya bisa berbeda dari 'renja-xl check' atas berkasnya")
NO_FILLS = ("warna asli sel yang ditandai tidak terbaca di Excel ini; Bersihkan akan mengosongkan warnanya")


@dataclass
class SheetFacts:
    """What Excel tells of one sheet: values from ``top``/``left``, number formats of the cells asked."""

    name: str
    values: list
    top: int = 1
    left: int = 1
    formats: Optional[dict] = None    # {(row, col): format code}; None when the engine could not say


@dataclass
class ClientFacts:
    """Every sheet's facts, by sheet name, and how many engine reads they cost."""

    sheets: dict = field(default_factory=dict)
    calls: int = 0


# --- the engines --------------------------------------------------------------------------------------------------

def engine_name(book) -> str:
    try:
        return book.app.engine.name
    except Exception:  # noqa: BLE001 - an engine that cannot say is treated as remote
        return "remote"


class Reads:
    """How an engine answers the reads the buttons make; every method may raise NotImplementedError.

    Written as coroutines so that one button body serves every engine: the desktop engines
    and the remote engine answer at once (the coroutine never suspends, see :func:`run_sync`),
    xlwings Lite answers awaited reads.
    """

    kind = "remote"

    def __init__(self) -> None:
        self.calls = 0

    async def number_format(self, rng) -> Optional[str]:
        self.calls += 1
        return rng.number_format          # NotImplementedError on the remote engine

    async def fills(self, sheet, cells: list) -> dict:
        """{(row, col): "RRGGBB" or None} of ``cells`` (row, col) on ``sheet``."""
        raise NotImplementedError("the remote engine reads no colours")

    async def formulas(self, sheet, col: int, first: int, last: int) -> list:
        """What Excel gives as the formula of rows ``first``..``last`` of column ``col``, top to bottom
        (a formula's text with its ``=``; a constant's value otherwise)."""
        raise NotImplementedError("the remote engine reads no formulas")


class DesktopReads(Reads):
    """Windows (COM) and macOS (AppleScript): every read is a call into Excel."""

    kind = "desktop"

    async def fills(self, sheet, cells: list) -> dict:
        from ..snapshot import a1

        out = {}
        for cell in cells:  # Range.color is documented per colour, not per cell of a bigger range
            self.calls += 1
            out[cell] = colour_hex(sheet.range(a1(*cell)).color)
        return out


    async def formulas(self, sheet, col: int, first: int, last: int) -> list:
        self.calls += 1
        return _column(sheet.range((first, col), (last, col)).formula)   # COM: a string, or rows of one


class LiteReads(Reads):
    """xlwings Lite: values come with the book, formats and colours are awaited reads."""

    kind = "lite"

    async def number_format(self, rng) -> Optional[str]:
        self.calls += 1
        return await rng.get_number_format()

    async def fills(self, sheet, cells: list) -> dict:
        wanted, out = set(cells), {}
        for col, rows in _by_column(wanted).items():
            for first, last in _spans(rows, COLOUR_CELLS):  # one column: at most 100,000 cells a call
                self.calls += 1
                grid = await sheet.range((first, col), (last, col)).get_colors()
                for k, row in enumerate(range(first, last + 1)):
                    if (row, col) in wanted:
                        out[(row, col)] = colour_hex(grid[k][0])
        return out


    async def formulas(self, sheet, col: int, first: int, last: int) -> list:
        self.calls += 1
        return _column(await sheet.range((first, col), (last, col)).options(ndim=2).get_formula())


def _column(got) -> list:
    """One column's answer as a flat list, whatever shape the engine gave it in."""
    if not isinstance(got, (list, tuple)):
        return [got]
    return [row[0] if isinstance(row, (list, tuple)) else row for row in got]


async def cell_formulas(reads: Reads, sheet, cells) -> dict:
    """{(row, col): formula} of the ``cells`` that hold one (text with its ``=``), one read per column span."""
    wanted, out = set(cells), {}
    for col, rows in _by_column(wanted).items():
        for first, last in _spans(rows, COLOUR_CELLS):
            for k, got in enumerate(await reads.formulas(sheet, col, first, last)):
                if (first + k, col) in wanted and isinstance(got, str) and got.startswith("="):
                    out[(first + k, col)] = got
    return out


def reads_for(book, lite: bool = False) -> Reads:
    if lite:
        return LiteReads()
    return DesktopReads() if engine_name(book) == "excel" else Reads()


def _by_column(cells) -> dict:
    out: dict = {}
    for row, col in sorted(cells, key=lambda c: (c[1], c[0])):
        out.setdefault(col, []).append(row)
    return out


def _spans(rows: list, limit: int) -> list:
    """(first, last) spans from the smallest to the largest row, each of at most ``limit`` rows."""
    first, last = rows[0], rows[-1]
    return [(r, min(r + limit - 1, last)) for r in range(first, last + 1, limit)]


# --- values ---------------------------------------------------------------------------------------------------------

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _cell(value: Any) -> Any:
    """A value as the file reader gives it: whole numbers as int, Decimal and dates as numbers, "" as None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        value = float(value)
    elif isinstance(value, dt.datetime):
        value = (value.replace(tzinfo=None) - EXCEL_EPOCH) / dt.timedelta(days=1)
    elif isinstance(value, dt.date):
        value = float((value - EXCEL_EPOCH.date()).days)
    elif isinstance(value, dt.time):
        value = (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if value == "":
        return None
    return value


def used_values(sheet) -> tuple[list, int, int]:
    """(2-D values, first row, first column) of a sheet's used range, in one read; errors as their text."""
    used = sheet.used_range
    values = used.options(ndim=2, err_to_str=True).value or [[]]
    return [[_cell(v) for v in row] for row in values], used.row, used.column


def values_from_a1(sheet) -> list:
    """A sheet's used values as rows from A1 (empty rows and cells before the used range), in one read."""
    values, top, left = used_values(sheet)
    return [[None] * (left - 1) + list(row) for row in [[]] * (top - 1) + values]


def read_values(book, reads: Reads) -> ClientFacts:
    from .writer import sheet_map

    facts = ClientFacts()
    for name, sheet in sheet_map(book).items():
        values, top, left = used_values(sheet)
        facts.sheets[name] = SheetFacts(name, values, top, left)
    return facts


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- number formats -------------------------------------------------------------------------------------------------

class FormatsUnknown(Exception):
    """The engine cannot tell a number format."""


async def _ask(reads: Reads, sheet, top: int, left: int, bottom: int, right: int) -> Optional[str]:
    try:
        return await reads.number_format(sheet.range((top, left), (bottom, right)))
    except (NotImplementedError, AttributeError) as exc:
        raise FormatsUnknown() from exc


SMALL = 4  # cells of one column asked one by one once their block is known to be mixed


async def block_formats(reads: Reads, sheet, cells: set) -> dict:
    """{(row, col): format} of ``cells`` (numeric cells, 1-based), asked of Excel block by block."""
    out: dict = {}
    stack = [sorted(cells)] if cells else []
    while stack:
        part = stack.pop()
        rows = [r for r, _ in part]
        cols = [c for _, c in part]
        top, bottom, left, right = min(rows), max(rows), min(cols), max(cols)
        code = await _ask(reads, sheet, top, left, bottom, right)
        if code is not None or (top == bottom and left == right):
            for cell in part:
                out[cell] = code
            continue
        if left == right and len(part) <= SMALL:  # a short mixed run: each cell once costs less than halving
            for row, col in part:
                out[(row, col)] = await _ask(reads, sheet, row, col, row, col)
            continue
        stack.extend(_split(part, top, bottom, left, right))
    return out


def _split(part: list, top: int, bottom: int, left: int, right: int) -> list:
    """Two halves of a block the engine answered None for: by columns while wider than one, then by rows.

    Rows are cut at the gap of rows without a number nearest the middle (the gap is left out
    of both halves, so a text cell there is never asked again), else in the middle.
    """
    if right > left:
        columns = sorted({c for _, c in part})
        mid = columns[len(columns) // 2]
        return [[c for c in part if c[1] < mid], [c for c in part if c[1] >= mid]]
    rows = sorted({r for r, _ in part})
    middle = (top + bottom) / 2
    gaps = [k for k in range(1, len(rows)) if rows[k] - rows[k - 1] > 1]
    if gaps:
        k = min(gaps, key=lambda g: abs((rows[g] + rows[g - 1]) / 2 - middle))
    else:
        k = len(rows) // 2
    cut = rows[k]
    return [[c for c in part if c[0] < cut], [c for c in part if c[0] >= cut]]


def cells_read_by_tables(facts: ClientFacts, tables) -> dict:
    """{sheet: {(row, col)}}: the numeric cells the core reads a format of (every row and column of every table)."""
    wanted: dict = {}
    for table in tables:
        entry = facts.sheets.get(table.sheet)
        if entry is None:
            continue
        cells = wanted.setdefault(table.sheet, set())
        columns = sorted(set(table.columns.values()))
        for row in table.rows:
            i = row.number - entry.top
            if not 0 <= i < len(entry.values):
                continue
            values = entry.values[i]
            for col in columns:
                j = col - entry.left
                if 0 <= j < len(values) and _is_number(values[j]):
                    cells.add((row.number, col))
    return wanted


async def read_formats(book, facts: ClientFacts, reads: Reads, wanted: dict, known: Optional[dict] = None) -> bool:
    """Fill in the formats of the ``wanted`` cells; False when the engine cannot tell them.

    ``known``: {sheet: 2-D grid of formats from A1} a caller already holds (a server with the file).
    """
    from .writer import sheet_map

    sheets = sheet_map(book)
    told = True
    for name, cells in wanted.items():
        entry = facts.sheets[name]
        grid = (known or {}).get(name)
        if grid is not None:
            entry.formats = {(r, c): grid[r - 1][c - 1] for r, c in cells
                             if r - 1 < len(grid) and c - 1 < len(grid[r - 1] or ())}
            continue
        if not told:
            continue
        try:
            entry.formats = await block_formats(reads, sheets[name], cells)
        except FormatsUnknown:
            told = False
    return told


# --- the snapshot ---------------------------------------------------------------------------------------------------

def snapshot_of(facts: ClientFacts, name: str = "") -> WorkbookSnapshot:
    """The core's snapshot of the facts (the marks sheet and a version Simpan Versi kept left out)."""
    from .versi import is_version_title

    sheets = []
    for sheet in facts.sheets.values():
        if sheet.name == MARKS_SHEET or is_version_title(sheet.name, sheet.values):
            continue
        percent, decimals, words = set(), {}, {}
        for (row, col), code in (sheet.formats or {}).items():
            i, j = row - sheet.top, col - sheet.left
            value = sheet.values[i][j] if 0 <= i < len(sheet.values) and 0 <= j < len(sheet.values[i]) else None
            record_number_format(percent, decimals, (row, col), value, code, words)
        rows = [trim_row(r) for r in sheet.values]
        while rows and not rows[-1]:
            rows.pop()
        sheets.append(SheetSnapshot(sheet.name, rows, top=sheet.top, left=sheet.left,
                                    percent_cells=frozenset(percent), decimals=decimals, format_words=words))
    return WorkbookSnapshot(sheets, name=name)


@dataclass
class Reading:
    """A live book read as the file reader reads it: the facts, the snapshot, its tables, what could not be told."""

    facts: ClientFacts
    snapshot: WorkbookSnapshot
    tables: list
    untold: list


async def read_book(book, reads: Reads, known_formats: Optional[dict] = None, units=None,
                    vocabulary=None) -> Reading:
    """Values, then the tables, then the formats of the tables' cells, then the tables again with them.

    ``units``, ``vocabulary``: the settings' satuan and kolom files (:mod:`.settings`), as
    ``renja-xl check`` reads the tables with them.
    """
    from ..reader import find_tables

    facts = read_values(book, reads)
    name = book.name
    first = find_tables(snapshot_of(facts, name=name), units=units, vocabulary=vocabulary)
    untold = []
    wanted = cells_read_by_tables(facts, first)
    if not await read_formats(book, facts, reads, wanted, known_formats):
        untold.append(NO_FORMATS)
    snapshot = snapshot_of(facts, name=name)
    tables = find_tables(snapshot, units=units, vocabulary=vocabulary) if any(facts.sheets[n].formats
                                                                              for n in wanted) else first
    facts.calls = reads.calls
    return Reading(facts, snapshot, tables, untold)


def colour_hex(colour) -> Optional[str]:
    """A colour as xlwings gives it ((r, g, b) or '#rrggbb') as ``RRGGBB``; None for no fill."""
    if colour is None:
        return None
    if isinstance(colour, str):
        return colour.lstrip("#").upper()
    r, g, b = colour[:3]
    return f"{r:02X}{g:02X}{b:02X}"


def run_sync(coro):
    """Run a button's coroutine on an engine that answers at once (it never suspends): no event loop needed.

    RunPython (desktop) and xlwings Server call plain functions; under xlwings Lite an event
    loop is already running, so ``asyncio.run`` could not be used there anyway.
    """
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("pembacaan Excel menunggu jawaban di luar xlwings Lite")
