"""A desktop Excel (Windows COM, or macOS) for the tests: an xlwings engine over an openpyxl workbook.

Real xlwings (``xlwings.main``: Book, Sheet, Range, the conversion pipeline, ``options``)
runs on top of this engine, as it runs on top of ``_xlwindows`` in Excel; only the engine
underneath, the part that talks COM, is played here, answering as COM answers through
xlwings:

* values: numbers as float, ``Decimal`` for cells shown in a currency format (Windows gives
  currency cells the COM type CY, which pywin32 turns into ``Decimal``), error values as
  COM's error codes (xlwings makes them None, or their text with ``err_to_str``), dates
  as datetime;
* ``Range.number_format``: the format string, or None when the range's cells do not
  share one (COM's ``Range.NumberFormat`` is Null then);
* ``Range.color``: one cell's fill; a bigger range is refused (xlwings documents no answer
  for cells of different fills, so the buttons must not ask);
* notes, the status bar and alerts as the desktop has them;
* several books open in one Excel (``DesktopExcel(..., app=other.app)``): ``App.books`` iterates
  the open workbooks, not add-ins (COM's ``Workbooks`` collection), while ``books["renja_xl.xlam"]``
  finds an open add-in by its name (``Workbooks("renja_xl.xlam")`` does); a name not open raises
  KeyError, as xlwings turns COM's error into one.

Every call into the engine is counted (:attr:`DesktopExcel.calls`): each is a round trip
to Excel (tens of microseconds to milliseconds on Windows, more on macOS).
Writes change the openpyxl workbook at once, as Excel does.
"""

from __future__ import annotations

import collections
import datetime as dt
from decimal import Decimal

from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font as XLFont
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter, range_boundaries

import xlwings as xw
from xlwings_client import _as_typed

COM_ERRORS = {"#DIV/0!": -2146826281, "#N/A": -2146826246, "#NAME?": -2146826259, "#NULL!": -2146826288,
              "#NUM!": -2146826252, "#REF!": -2146826265, "#VALUE!": -2146826273}
CURRENCY_MARKS = ("Rp", "$", "€", "[$")


def is_currency(number_format: str) -> bool:
    return any(mark in number_format for mark in CURRENCY_MARKS)


class Engine:
    """``_xlwindows.engine`` as far as the conversion pipeline asks it."""

    def __init__(self, platform: str):
        self.platform = platform

    name = "excel"
    type = "desktop"

    @staticmethod
    def prepare_xl_data_element(x, date_format=None):
        return "" if x is None else x

    @staticmethod
    def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
        errors = {code: text for text, code in COM_ERRORS.items()}

        def clean(value):  # _xlwindows._clean_value_data_element
            if value in ("", None):
                return empty_as
            if isinstance(value, (dt.date, dt.datetime)):
                return value
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            if isinstance(value, int) and not isinstance(value, bool) and value in errors:
                return errors[value] if err_to_str else None
            return value

        return [[clean(c) for c in row] for row in data]


class App:
    def __init__(self, excel: "DesktopExcel"):
        self.excel = excel
        self.engine = excel.engine
        self.status = None
        self.alerts: list = []
        self.open: list = []            # every DesktopExcel open in this Excel, add-ins too

    @property
    def status_bar(self):
        self.excel.count("status_bar")
        return self.status

    @status_bar.setter
    def status_bar(self, value):
        self.excel.count("status_bar=")
        self.status = value

    def alert(self, prompt, title, buttons, mode, callback):
        self.excel.count("alert")
        self.alerts.append((prompt, title, buttons, mode))
        return "ok"

    @property
    def books(self):
        return BooksImpl(self)

    def activate(self, steal_focus=False):
        self.excel.count("App.Activate")

    screen_updating = True
    display_alerts = True
    calculation = "automatic"
    pid = 1


class BooksImpl:
    """COM's Workbooks: iterated without add-ins, an add-in found by its name."""

    def __init__(self, app: App):
        self.app = app

    def _listed(self):
        return [e.book_impl for e in self.app.open if not e.addin]

    def __iter__(self):
        self.app.excel.count("Workbooks")
        return iter(self._listed())

    def __len__(self):
        self.app.excel.count("Workbooks.Count")
        return len(self._listed())

    def __call__(self, name_or_index):
        self.app.excel.count("Workbooks()")
        if isinstance(name_or_index, int):
            return self._listed()[name_or_index - 1]
        for e in self.app.open:
            if e.book_impl._name.lower() == str(name_or_index).lower():
                return e.book_impl
        raise KeyError(name_or_index)

    @property
    def active(self):
        return self._listed()[0]


class _ComSheet:
    def __init__(self, name):
        self.Name = name


class BookImpl:
    def __init__(self, excel: "DesktopExcel", name: str, fullname=None, app=None):
        self.excel, self._name, self._fullname = excel, name, fullname or name
        self.app = app or App(excel)
        self.app.open.append(excel)

    @property
    def name(self):
        self.excel.count("Book.Name")
        return self._name

    @property
    def fullname(self):
        self.excel.count("Book.FullName")
        return self._fullname

    @property
    def Sheets(self):  # noqa: N802 - COM's Workbook.Sheets (chart sheets too); macOS has no COM
        if self.excel.platform != "windows":
            raise AttributeError("Sheets")
        self.excel.count("Workbook.Sheets")
        return [_ComSheet(name) for name in self.excel.workbook.sheetnames]

    @property
    def sheets(self):
        return SheetsImpl(self.excel)

    def activate(self):
        self.excel.count("Book.Activate")

    @property
    def api(self):
        return self


class SheetsImpl:
    def __init__(self, excel: "DesktopExcel"):
        self.excel = excel

    def __len__(self):
        self.excel.count("Sheets.Count")
        return len(self.excel.workbook.worksheets)

    def __iter__(self):
        self.excel.count("Sheets")
        for ws in list(self.excel.workbook.worksheets):
            yield SheetImpl(self.excel, ws)

    def __call__(self, name_or_index):
        self.excel.count("Sheets()")
        wb = self.excel.workbook
        if isinstance(name_or_index, int):
            return SheetImpl(self.excel, wb.worksheets[name_or_index - 1])
        for ws in wb.worksheets:
            if ws.title.lower() == str(name_or_index).lower():
                return SheetImpl(self.excel, ws)
        raise KeyError(name_or_index)

    def add(self, before=None, after=None, name=None):
        self.excel.count("Sheets.Add")
        wb = self.excel.workbook
        if before is not None:
            index = wb.worksheets.index(before.ws)
        elif after is not None:
            index = wb.worksheets.index(after.ws) + 1
        else:
            index = 0
        ws = wb.create_sheet(name or f"Sheet{len(wb.worksheets) + 1}", index)
        return SheetImpl(self.excel, ws)

    @property
    def active(self):
        return SheetImpl(self.excel, self.excel.workbook.active)

    @property
    def api(self):
        return self


class SheetImpl:
    def __init__(self, excel: "DesktopExcel", ws):
        self.excel, self.ws = excel, ws

    def __eq__(self, other):
        return isinstance(other, SheetImpl) and other.ws is self.ws

    def __hash__(self):
        return id(self.ws)

    @property
    def api(self):
        return self

    @property
    def name(self):
        self.excel.count("Sheet.Name")
        return self.ws.title

    @name.setter
    def name(self, value):
        self.excel.count("Sheet.Name=")
        self.ws.title = value

    @property
    def index(self):
        return self.excel.workbook.worksheets.index(self.ws) + 1

    @property
    def book(self):
        return self.excel.book_impl

    def range(self, arg1, arg2=None):
        if arg2 is not None:
            r1, c1 = arg1 if isinstance(arg1, tuple) else _corner(arg1.coords)
            r2, c2 = arg2 if isinstance(arg2, tuple) else _corner(arg2.coords, last=True)
            return RangeImpl(self, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
        if isinstance(arg1, tuple):
            return RangeImpl(self, arg1[0], arg1[1], arg1[0], arg1[1])
        text = str(arg1).replace("$", "")
        if ":" in text and text.split(":")[0].isalpha():  # whole columns "H:H"
            left, _, right = text.partition(":")
            c1, c2 = (range_boundaries(f"{x}1")[0] for x in (left, right))
            return RangeImpl(self, 1, c1, 1048576, c2)
        c1, r1, c2, r2 = range_boundaries(text)
        return RangeImpl(self, r1, c1, r2, c2)

    @property
    def used_range(self):
        self.excel.count("UsedRange")
        ws = self.ws
        cells = [k for k, c in ws._cells.items() if c.value is not None or c.has_style]
        if not cells:
            return RangeImpl(self, 1, 1, 1, 1)
        rows, cols = [r for r, _ in cells], [c for _, c in cells]
        return RangeImpl(self, min(rows), min(cols), max(rows), max(cols))

    @property
    def notes(self):
        self.excel.count("Comments")
        return [NoteImpl(RangeImpl(self, c.row, c.column, c.row, c.column)) for row in self.ws.iter_rows()
                for c in row if c.comment is not None]

    def delete(self):
        self.excel.count("Sheet.Delete")
        self.excel.workbook.remove(self.ws)

    @property
    def visible(self):
        return self.ws.sheet_state == "visible"

    @visible.setter
    def visible(self, value):
        self.excel.count("Sheet.Visible=")
        self.ws.sheet_state = "visible" if value else "hidden"

    def activate(self):
        self.excel.count("Sheet.Activate")
        self.excel.workbook.active = self.ws


def _corner(coords, last=False):
    _, row, col, nrows, ncols = coords
    return (row + nrows - 1, col + ncols - 1) if last else (row, col)


class RangeImpl:
    options: dict = {}
    max_cells_per_read = None
    max_cells_per_write = None

    def __init__(self, sheet: SheetImpl, r1: int, c1: int, r2: int, c2: int):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self.excel = sheet.excel

    # geometry (answered from the object xlwings holds; counted like COM's Row/Column/Count)
    @property
    def api(self):
        return self

    @property
    def coords(self):
        return self.sheet.name, self.r1, self.c1, self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    @property
    def row(self):
        self.excel.count("Range.Row")
        return self.r1

    @property
    def column(self):
        self.excel.count("Range.Column")
        return self.c1

    @property
    def shape(self):
        self.excel.count("Range.Count")
        return self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    def __len__(self):
        rows, cols = self.shape
        return rows * cols

    def __call__(self, row, col=None):
        if col is None:
            rows, cols = self.shape
            row, col = (row - 1) // cols + 1, (row - 1) % cols + 1
        return RangeImpl(self.sheet, self.r1 + row - 1, self.c1 + col - 1, self.r1 + row - 1, self.c1 + col - 1)

    def resize(self, rows, cols):
        return RangeImpl(self.sheet, self.r1, self.c1, self.r1 + rows - 1, self.c1 + cols - 1)

    def get_address(self, row_absolute=True, col_absolute=True, external=False):
        a = f"${get_column_letter(self.c1)}${self.r1}"
        b = f"${get_column_letter(self.c2)}${self.r2}"
        text = a if a == b else f"{a}:{b}"
        return text if row_absolute else text.replace("$", "")

    @property
    def address(self):
        return self.get_address()

    def _cells(self):
        ws = self.sheet.ws
        return [[ws._cells.get((r, c)) for c in range(self.c1, self.c2 + 1)] for r in range(self.r1, self.r2 + 1)]

    def _make(self):
        ws = self.sheet.ws
        return [[ws.cell(r, c) for c in range(self.c1, self.c2 + 1)] for r in range(self.r1, self.r2 + 1)]

    # reads
    @property
    def raw_value(self):
        self.excel.count("Range.Value")

        def com(cell):
            if cell is None or cell.value is None:
                return None
            v = cell.value
            if cell.data_type == "e" or (isinstance(v, str) and v in COM_ERRORS and cell.data_type != "s"):
                return COM_ERRORS.get(v, v)
            if isinstance(v, bool):
                return v
            if isinstance(v, (int, float)):
                if self.excel.platform == "windows" and is_currency(cell.number_format):
                    return Decimal(str(v))
                return float(v)
            return v

        grid = tuple(tuple(com(c) for c in row) for row in self._cells())
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        return grid

    @property
    def number_format(self):
        self.excel.count("Range.NumberFormat")
        formats = {("General" if c is None else c.number_format) for row in self._cells() for c in row}
        return formats.pop() if len(formats) == 1 else None    # COM: Null for cells that differ

    @property
    def color(self):
        self.excel.count("Range.Interior.Color")
        cells = self._cells()
        if len(cells) * len(cells[0]) != 1:
            raise AssertionError("Range.color of more than one cell: xlwings documents no answer for mixed fills")
        cell = cells[0][0]
        if cell is None or cell.fill is None or cell.fill.fill_type != "solid" or not isinstance(
                cell.fill.fgColor.rgb, str):
            return None
        rgb = cell.fill.fgColor.rgb[-6:]
        return tuple(int(rgb[k:k + 2], 16) for k in (0, 2, 4))

    @property
    def note(self):
        self.excel.count("Range.Comment")
        cell = self.sheet.ws._cells.get((self.r1, self.c1))
        return NoteImpl(self) if cell is not None and cell.comment is not None else None

    # writes
    @raw_value.setter
    def raw_value(self, data):
        self.excel.count("Range.Value=")
        rows = data if isinstance(data, (list, tuple)) and data and isinstance(data[0], (list, tuple)) else [[data]]
        for cells, values in zip(self._make(), rows):
            for cell, value in zip(cells, values):
                if isinstance(value, str) and value.startswith("'"):
                    cell.value = value[1:]
                    cell.data_type = "s"
                else:
                    cell.value = None if value in ("", None) else _as_typed(value)

    @property
    def formula(self):
        """COM's Range.Formula: a cell's formula, a constant's text ("" when empty); rows of them for a bigger range."""
        self.excel.count("Range.Formula")

        def com(cell):
            if cell is None or cell.value is None:
                return ""
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")
                                         and cell.data_type != "s"):
                return str(cell.value)
            return cell.value if isinstance(cell.value, str) else str(cell.value)

        grid = tuple(tuple(com(c) for c in row) for row in self._cells())
        return grid[0][0] if len(grid) == 1 and len(grid[0]) == 1 else grid

    @formula.setter
    def formula(self, value):
        self.excel.count("Range.Formula=")
        rows = value if isinstance(value, (list, tuple)) else [[value]]
        for cells, formulas in zip(self._make(), rows):
            for cell, f in zip(cells, formulas):
                cell.value = f

    @number_format.setter
    def number_format(self, value):
        self.excel.count("Range.NumberFormat=")
        for row in self._make():
            for cell in row:
                cell.number_format = value

    @color.setter
    def color(self, value):
        self.excel.count("Range.Interior.Color=")
        if isinstance(value, tuple):
            value = "#%02X%02X%02X" % value
        fill = PatternFill("solid", fgColor="FF" + value.lstrip("#").upper()) if value else PatternFill(fill_type=None)
        for row in self._make():
            for cell in row:
                cell.fill = fill

    def add_note(self, text):
        self.excel.count("Range.AddComment")
        self.sheet.ws.cell(self.r1, self.c1).comment = Comment(text, "renja-xl")
        return NoteImpl(self)

    @property
    def column_width(self):
        raise NotImplementedError

    @column_width.setter
    def column_width(self, value):
        self.excel.count("Range.ColumnWidth=")
        for col in range(self.c1, self.c2 + 1):
            self.sheet.ws.column_dimensions[get_column_letter(col)].width = value

    @property
    def font(self):
        return FontImpl(self)

    def add_hyperlink(self, address, text_to_display=None, screen_tip=None):
        self.excel.count("Hyperlinks.Add")
        cell = self.sheet.ws.cell(self.r1, self.c1)
        cell.hyperlink = address
        if text_to_display is not None:
            cell.value = text_to_display

    @property
    def conditional_formats(self):
        return ConditionalFormatsImpl(self)


class FontImpl:
    def __init__(self, rng: RangeImpl):
        self.rng = rng

    @property
    def bold(self):
        raise NotImplementedError

    @bold.setter
    def bold(self, value):
        self.rng.excel.count("Font.Bold=")
        for row in self.rng._make():
            for cell in row:
                cell.font = XLFont(bold=bool(value))


class ConditionalFormatsImpl:
    def __init__(self, rng: RangeImpl):
        self.rng = rng

    def add_custom(self, spec):
        self.rng.excel.count("FormatConditions.Add")
        colour = "FF%02X%02X%02X" % tuple(spec["fill_color"])
        ref = self.rng.get_address(False, False)
        self.rng.sheet.ws.conditional_formatting.add(ref, FormulaRule(
            formula=[spec["formula"].lstrip("=")], fill=PatternFill("solid", start_color=colour, end_color=colour)))


class NoteImpl:
    def __init__(self, rng: RangeImpl):
        self.rng = rng

    @property
    def location(self):
        self.rng.excel.count("Comment.Parent")
        return self.rng

    @property
    def text(self):
        return self.rng.sheet.ws.cell(self.rng.r1, self.rng.c1).comment.text

    def delete(self):
        self.rng.excel.count("Comment.Delete")
        self.rng.sheet.ws.cell(self.rng.r1, self.rng.c1).comment = None


class DesktopExcel:
    """Excel on the desktop holding ``workbook`` (openpyxl) open as ``name``; ``book`` is the xlwings Book.

    ``fullname``: the path Excel gives as the book's FullName (default: the name alone, a book
    never saved); ``app``: another DesktopExcel's ``book_impl.app``, to open this book in the same
    Excel; ``addin``: an add-in (``renja_xl.xlam``), which COM's Workbooks does not iterate.
    """

    def __init__(self, workbook, name: str = "contoh.xlsx", platform: str = "windows", fullname=None, app=None,
                 addin: bool = False):
        self.workbook, self.platform, self.addin = workbook, platform, addin
        self.engine = Engine(platform)
        self.calls: collections.Counter = collections.Counter()
        self.book_impl = BookImpl(self, name, fullname, app)
        self.book = xw.Book(impl=self.book_impl)

    def count(self, what: str) -> None:
        self.calls[what] += 1

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def alerts(self) -> list:
        return self.book_impl.app.alerts
