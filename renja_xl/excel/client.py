"""Reading a live workbook through xlwings into the core's neutral snapshot.

One read of each sheet's used range gives the values. Number formats (which cells show
a percentage, how many decimals) and fill colours are asked of Excel as the engine
allows: the desktop engines answer synchronously, xlwings Lite answers ``await
rng.get_number_format()`` / ``get_colors()`` (see :func:`read_facts_async`), and the
remote engine outside Lite cannot answer at all. A caller that knows them (a test, a
server holding the file) passes them in as :class:`ClientFacts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..snapshot import SheetSnapshot, WorkbookSnapshot, record_number_format, trim_row

MARKS_SHEET = "renja-xl"  # a hidden sheet: the user's own fills and notes under our marks


@dataclass
class SheetFacts:
    """What Excel tells of one sheet: values from ``top``/``left``, and optionally formats and fills."""

    name: str
    values: list
    top: int = 1
    left: int = 1
    number_formats: Optional[list] = None      # same shape as values, None when the engine cannot say
    fills: Optional[dict] = None               # {(row, col): "RRGGBB" or None}, None when unknown


@dataclass
class ClientFacts:
    """Every sheet's facts, by sheet name."""

    sheets: dict = field(default_factory=dict)

    def formats_and_fills(self) -> tuple[dict, dict]:
        """({sheet: number formats}, {sheet: fills}) of the sheets whose engine told them."""
        formats = {n: s.number_formats for n, s in self.sheets.items() if s.number_formats is not None}
        fills = {n: s.fills for n, s in self.sheets.items() if s.fills is not None}
        return formats, fills


def engine_name(book) -> str:
    try:
        return book.app.engine.name
    except Exception:  # noqa: BLE001 - an engine that cannot say is treated as remote
        return "remote"


def _cell(value: Any) -> Any:
    """A value as the file reader gives it: whole floats as int, empty strings as None."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if value == "":
        return None
    return value


def used_values(sheet) -> tuple[list, int, int]:
    """(2-D values, first row, first column) of a sheet's used range, in one read."""
    used = sheet.used_range
    values = used.options(ndim=2).value or [[]]
    return [[_cell(v) for v in row] for row in values], used.row, used.column


def _desktop_formats(sheet, values: list, top: int, left: int) -> Optional[list]:
    """Number formats on a desktop engine: one call per column, per cell only where a column is mixed."""
    if not values or not values[0]:
        return None
    height, width = len(values), max(len(r) for r in values)
    out = [[None] * width for _ in range(height)]
    for j in range(width):
        column = sheet.range((top, left + j), (top + height - 1, left + j))
        common = column.number_format
        for i in range(height):
            value = values[i][j] if j < len(values[i]) else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[i][j] = common if common is not None else sheet.range((top + i, left + j)).number_format
    return out


def read_facts(book, number_formats: Optional[dict] = None, fills: Optional[dict] = None) -> ClientFacts:
    """Values of every sheet (one read each), and formats/fills where the engine (or the caller) gives them."""
    desktop = engine_name(book) == "excel"  # Windows (COM) and macOS (AppleScript) answer at once
    facts = ClientFacts()
    for sheet in book.sheets:
        values, top, left = used_values(sheet)
        formats = (number_formats or {}).get(sheet.name)
        if formats is None and desktop:
            formats = _desktop_formats(sheet, values, top, left)
        facts.sheets[sheet.name] = SheetFacts(sheet.name, values, top, left, formats, (fills or {}).get(sheet.name))
    return facts


def snapshot_of(facts: ClientFacts, name: str = "") -> WorkbookSnapshot:
    """The core's snapshot of the facts (the marks sheet left out)."""
    sheets = []
    for sheet in facts.sheets.values():
        if sheet.name == MARKS_SHEET:
            continue
        percent, decimals = set(), {}
        if sheet.number_formats:
            for i, row in enumerate(sheet.number_formats):
                for j, code in enumerate(row or ()):
                    value = sheet.values[i][j] if i < len(sheet.values) and j < len(sheet.values[i]) else None
                    record_number_format(percent, decimals, (sheet.top + i, sheet.left + j), value, code)
        rows = [trim_row(r) for r in sheet.values]
        while rows and not rows[-1]:
            rows.pop()
        sheets.append(SheetSnapshot(sheet.name, rows, top=sheet.top, left=sheet.left,
                                    percent_cells=frozenset(percent), decimals=decimals))
    return WorkbookSnapshot(sheets, name=name)


async def read_facts_async(book) -> ClientFacts:
    """xlwings Lite: the same facts, number formats and fills asked of Excel (awaited reads)."""
    facts = read_facts(book)
    for sheet in book.sheets:
        entry = facts.sheets[sheet.name]
        if not entry.values or not entry.values[0]:
            continue
        used = sheet.range((entry.top, entry.left),
                           (entry.top + len(entry.values) - 1, entry.left + max(len(r) for r in entry.values) - 1))
        try:
            formats = await used.get_number_format()
            entry.number_formats = formats if isinstance(formats, list) else [[formats] * len(entry.values[0])] * len(
                entry.values)
            colours = await used.get_colors()
            entry.fills = {(entry.top + i, entry.left + j): colour_hex(c) for i, row in enumerate(colours)
                           for j, c in enumerate(row) if c is not None}
        except NotImplementedError:
            pass
    return facts


def colour_hex(colour) -> Optional[str]:
    """A colour as xlwings gives it ((r, g, b) or '#rrggbb') as ``RRGGBB``; None for no fill."""
    if colour is None:
        return None
    if isinstance(colour, str):
        return colour.lstrip("#").upper()
    r, g, b = colour[:3]
    return f"{r:02X}{g:02X}{b:02X}"
