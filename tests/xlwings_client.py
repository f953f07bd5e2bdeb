"""What the xlwings Office.js client does around a button, for the tests: send a workbook, answer reads, apply actions.

The xlwings remote engine (``xw.Book(json=...)``, the engine of xlwings Lite and Server) is
real; the client around it is Excel. Here the client is played by openpyxl on the same
file: :func:`payload` builds the JSON the client sends (every sheet's values from A1,
its notes, the book's name), :func:`apply_actions` carries out the actions the engine
returns, as the client does in Excel, and :class:`LiteExcel` is Excel with the xlwings
Lite add-in: it answers the reads xlwings Lite sends to Excel (``js.xlwings.getRangeData``
behind ``await Range.get_number_format()`` and ``get_colors()``, ``runActions`` when a read
follows queued writes) exactly as xlwings documents them: one format string for a range,
None when its cells do not share one; colours of at most 100,000 cells a call.
:func:`client_facts` gives what a caller holding the file knows (a format per cell).
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries


def _json_value(value):
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):  # as JavaScript's Date.toISOString() writes it
        value = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def payload(book, name: str) -> dict:
    """The JSON the Office.js client sends for a workbook (an openpyxl Workbook with cached values)."""
    import xlwings as xw

    sheets = []
    for ws in book.worksheets:
        rows = [[_json_value(c.value) for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
        notes = [{"address": c.coordinate} for row in ws.iter_rows() for c in row if c.comment is not None]
        sheets.append({"name": ws.title, "values": rows or [[]], "pictures": [], "shapes": [], "charts": [],
                       "notes": notes, "tables": [], "print_area": None,
                       "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
                       "show_gridlines": True, "pivot_tables": []})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": name, "active_sheet_index": _active_index(book), "selection": "A1"}, "sheets": sheets, "names": []}


def _active_index(book) -> int:
    try:
        return book.worksheets.index(book.active)
    except ValueError:
        return 0


def client_facts(book) -> tuple[dict, dict]:
    """(number formats, fills) per sheet, as xlwings Lite's awaited reads return them."""
    formats, fills = {}, {}
    for ws in book.worksheets:
        formats[ws.title] = [[c.number_format for c in row] for row in ws.iter_rows(min_row=1, min_col=1)]
        fills[ws.title] = {(c.row, c.column): c.fill.fgColor.rgb[-6:] for row in ws.iter_rows() for c in row
                           if c.fill is not None and c.fill.fill_type == "solid" and isinstance(c.fill.fgColor.rgb, str)}
    return formats, fills


def _as_typed(value):
    """What Excel makes of a value written without the text prefix: numeric text becomes a number."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d*\.\d+", text):
            return float(text)
        if re.fullmatch(r"[+-]?\d+(?:\.\d+)?%", text):
            return float(text[:-1]) / 100
    return value


def _target(book, action: dict):
    ws = book.worksheets[action["sheet_position"]]
    r, c = action["start_row"] + 1, action["start_column"] + 1
    rows, cols = action["row_count"], action["column_count"]
    return ws, [[ws.cell(r + i, c + j) for j in range(cols)] for i in range(rows)]


def _cells(book, action):
    ws, grid = _target(book, action)
    return ws, [cell for row in grid for cell in row]


def apply_actions(book, actions: list) -> None:
    """Carry out the engine's actions on an openpyxl workbook, as the Excel client does."""
    for action in actions:
        func, args = action["func"], action["args"]
        if func == "addSheet":
            book.create_sheet(args[1], args[0])
        elif func in ("deleteSheet", "sheetDelete"):
            book.remove(book.worksheets[action["sheet_position"]])
        elif func in ("setValues", "setFormula"):
            ws, grid = _target(book, action)
            for row, values in zip(grid, action["values"]):
                for cell, value in zip(row, values):
                    if isinstance(value, str) and value.startswith("'"):
                        cell.value = value[1:]
                        cell.data_type = "s"
                    else:
                        cell.value = None if value == "" else _as_typed(value)
        elif func == "setRangeColor":
            for cell in _cells(book, action)[1]:
                cell.fill = PatternFill("solid", fgColor="FF" + args[0].lstrip("#").upper()) if args[0] \
                    else PatternFill(fill_type=None)
        elif func == "setNumberFormat":
            for cell in _cells(book, action)[1]:
                cell.number_format = args[0]
        elif func == "addNote":
            ws = book.worksheets[action["sheet_position"]]
            ws[args[0].replace("$", "")].comment = Comment(args[1], "renja-xl")
        elif func == "deleteNote":
            ws = book.worksheets[action["sheet_position"]]
            ws[args[0].replace("$", "")].comment = None
        elif func == "addHyperlink":
            for cell in _cells(book, action)[1]:
                cell.hyperlink = args[0]
        elif func == "setColumnWidth":  # a whole column: its width, not its million cells
            ws = book.worksheets[action["sheet_position"]]
            for col in range(action["start_column"] + 1, action["start_column"] + action["column_count"] + 1):
                ws.column_dimensions[get_column_letter(col)].width = args[0]
        elif func == "setFontProperty" or func == "setFontBold":
            for cell in _cells(book, action)[1]:
                cell.font = Font(bold=True)
        elif func == "addConditionalFormat":
            from openpyxl.formatting.rule import FormulaRule

            ws, grid = _target(book, action)
            rule = args[0]
            colour = "FF" + rule["fill_color"].lstrip("#").upper()
            ws.conditional_formatting.add(f"{grid[0][0].coordinate}:{grid[-1][-1].coordinate}", FormulaRule(
                formula=[rule["formula"].lstrip("=")], fill=PatternFill("solid", start_color=colour, end_color=colour)))
        elif func in ("setSheetVisibility", "setVisible", "hideSheet"):
            book.worksheets[action["sheet_position"]].sheet_state = "hidden"
        elif func == "activateSheet":
            book.active = book.worksheets[args if isinstance(args, int) else args[0]]
        else:
            raise AssertionError(f"the test client does not know the action {func!r}: {action}")


def load(path: Path):
    return load_workbook(path)


COLOUR_LIMIT = 100_000  # Range.get_colors(): "A call supports at most 100,000 cells." (xlwings)


class JsException(Exception):
    """What a rejected promise of the Office.js client raises in Pyodide."""


class _Js(dict):
    def to_py(self):
        return dict(self)


def _fill_hex(cell):
    if cell is None or cell.fill is None or cell.fill.fill_type != "solid" or not isinstance(cell.fill.fgColor.rgb, str):
        return None
    return "#" + cell.fill.fgColor.rgb[-6:].upper()


class LiteExcel:
    """Excel with xlwings Lite holding ``workbook`` (openpyxl): the ``js.xlwings`` reads as xlwings documents them.

    Use as a context manager: inside it, the xlwings remote engine runs as it runs in
    Pyodide (its ``sys.platform`` is ``emscripten`` and ``js``/``pyodide.ffi`` are this
    client), so ``await rng.get_number_format()`` and friends reach :meth:`getRangeData`.
    """

    def __init__(self, workbook, name: str = "contoh.xlsx"):
        self.workbook, self.name = workbook, name
        self.calls = collections.Counter()
        self.alerts: list = []
        self.ran: list = []          # every action carried out, in order

    # --- the client reads (js.xlwings) ---
    async def getRangeData(self, sheet_name, address, keys):  # noqa: N802 - the JavaScript name
        self.calls["getRangeData"] += 1
        ws = self.workbook[sheet_name]
        min_col, min_row, max_col, max_row = range_boundaries(str(address).replace("$", "").split("!")[-1])
        cells = [[ws._cells.get((r, c)) for c in range(min_col, max_col + 1)] for r in range(min_row, max_row + 1)]
        out = _Js()
        for key in keys:
            if key == "number_format":   # "A single format string, or None if the range's cells don't share one."
                formats = {("General" if c is None else c.number_format) for row in cells for c in row}
                out[key] = formats.pop() if len(formats) == 1 else None
            elif key == "formulas":      # Office.js Range.formulas: a formula's text, else the value ("" if empty)
                out[key] = [["" if c is None or c.value is None else c.value for c in row] for row in cells]
            elif key == "colors":        # "A call supports at most 100,000 cells."
                if len(cells) * len(cells[0]) > COLOUR_LIMIT:
                    raise JsException(f"RangeData colors: {len(cells) * len(cells[0])} cells, at most {COLOUR_LIMIT}")
                out[key] = [[_fill_hex(c) for c in row] for row in cells]
            else:
                raise AssertionError(f"the test client does not answer {key!r}")
        return out

    async def runActions(self, actions):  # noqa: N802
        self.calls["runActions"] += 1
        self._run(actions["actions"])

    async def getBookData(self, options=None):  # noqa: N802
        self.calls["getBookData"] += 1
        return _Js(payload(self.workbook, self.name))

    def _run(self, actions: list) -> None:
        self.alerts.extend(a["args"] for a in actions if a["func"] == "alert")
        self.ran.extend(actions)
        apply_actions(self.workbook, [a for a in actions if a["func"] != "alert"])

    # --- around a script ---
    def book(self):
        """The book a script is handed (``book: xw.Book``: values loaded with it)."""
        import xlwings as xw

        return xw.Book(json=payload(self.workbook, self.name))

    def finish(self, book) -> None:
        """What xlwings Lite does when a script returns: carry out the actions still queued."""
        self._run(book.json()["actions"])
        book.json()["actions"] = []

    def __enter__(self):
        import sys
        import types

        import xlwings.pro._xlremote as remote

        js = types.ModuleType("js")
        js.xlwings = self
        js.Object = types.SimpleNamespace(fromEntries=dict)
        ffi = types.ModuleType("pyodide.ffi")
        ffi.to_js = lambda value, **kwargs: value
        ffi.JsNull = type("JsNull", (), {})
        ffi.JsException = JsException
        pyodide = types.ModuleType("pyodide")
        pyodide.ffi = ffi
        self._saved = {k: sys.modules.get(k) for k in ("js", "pyodide", "pyodide.ffi")}
        sys.modules.update({"js": js, "pyodide": pyodide, "pyodide.ffi": ffi})
        self._remote, self._sys = remote, remote.sys
        remote.sys = types.SimpleNamespace(**{k: getattr(sys, k) for k in ("version_info", "modules", "maxsize")},
                                           platform="emscripten")
        return self

    def __exit__(self, *exc):
        import sys

        self._remote.sys = self._sys
        for key, module in self._saved.items():
            if module is None:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = module
        return False


# --- comparing a workbook after a button with what the command line wrote ---

def cells(ws):
    """Every cell's (value, fill, note) of a sheet, by address."""
    out = {}
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb[-6:] if c.fill is not None and c.fill.fill_type == "solid" else None
            note = c.comment.text if c.comment is not None else None
            if c.value is not None or fill or note:
                out[c.coordinate] = (c.value, fill, note)
    return out


def link(cell):
    h = cell.hyperlink
    return None if h is None else (h.location or (h.target or "").lstrip("#"))


def same_as_checked_copy(workbook, expected):
    """The workbook after Periksa holds exactly what `renja-xl check -o` wrote (and the hidden marks sheet)."""
    assert workbook.sheetnames == expected.sheetnames + ["renja-xl"]
    for name in expected.sheetnames:
        got, want = cells(workbook[name]), cells(expected[name])
        if name == "Hasil Validasi":
            assert {a: v[0] for a, v in got.items()} == {a: v[0] for a, v in want.items()}
            assert {a: v[1] for a, v in got.items()} == {a: v[1] for a, v in want.items()}
            links = {c.coordinate: link(c) for row in workbook[name].iter_rows() for c in row if c.hyperlink}
            assert links == {c.coordinate: link(c) for row in expected[name].iter_rows() for c in row if c.hyperlink}
        else:
            assert got == want, name


def same_as_filled(workbook, expected):
    """The workbook after Hitung holds exactly the formulas (and their formats, the Predikat colours) of `renja-xl fill`."""
    for ws in expected.worksheets:
        for row in ws.iter_rows():
            for c in row:
                mine = workbook[ws.title][c.coordinate]
                assert mine.value == c.value, (ws.title, c.coordinate)
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert mine.number_format == c.number_format, (ws.title, c.coordinate)
        colours = sorted((str(cf.sqref), r.formula[0], r.dxf.fill.fgColor.rgb[-6:].upper())
                         for cf in ws.conditional_formatting for r in cf.rules)
        mine = sorted((str(cf.sqref), r.formula[0], r.dxf.fill.fgColor.rgb[-6:].upper())
                      for cf in workbook[ws.title].conditional_formatting for r in cf.rules)
        assert mine == colours, ws.title  # the Predikat colours
