"""What the xlwings Office.js client does around a button, for the tests: send a workbook, apply the actions.

The xlwings remote engine (``xw.Book(json=...)``, the engine of xlwings Lite and Server) is
real; the client around it is Excel. Here the client is played by openpyxl on the same
file: :func:`payload` builds the JSON the client sends (every sheet's values from A1,
its notes, the book's name), :func:`client_facts` answers what Lite's awaited reads
(``get_number_format()``, ``get_colors()``) would answer, and :func:`apply_actions`
carries out the actions the engine returns, as the client does in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter


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
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}, "sheets": sheets, "names": []}


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
        else:
            raise AssertionError(f"the test client does not know the action {func!r}: {action}")


def load(path: Path):
    return load_workbook(path)
