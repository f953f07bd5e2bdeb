"""A lean, streaming reader of an .xlsx package into a snapshot: values, % formats, shown decimals.

openpyxl builds a Python object per cell; a check needs only each cell's cached
value and whether its number format shows a percentage and how many decimals. This
reader streams the XML through defusedxml's parser (entity declarations and external
entities refused: XML bombs and XXE fail) straight into small callback objects and
keeps plain values, so reading is several times faster than a full openpyxl load. Anything it does not
understand raises, and :func:`renja_xl.io.files.load_snapshot` falls back to openpyxl.
"""

from __future__ import annotations

import zipfile
from typing import IO, Optional

from defusedxml.ElementTree import DefusedXMLParser, parse

from ..errors import InputError
from ..snapshot import SheetSnapshot, WorkbookSnapshot, col_index, format_decimals, is_percent_format
from .package import Package, resolve

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# tag names as expat reports them with namespaces on: "uri}c"
_RAW_C, _RAW_V, _RAW_T, _RAW_ROW, _RAW_SI, _RAW_RPH = (NS_MAIN[1:] + t for t in ("c", "v", "t", "row", "si", "rPh"))

# Excel's built-in number formats that matter here (ECMA-376 18.8.30)
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
                   37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
                   40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@"}


_COLUMNS: dict = {}


def _column_of(letters: str) -> int:
    index = _COLUMNS.get(letters)
    if index is None:
        index = _COLUMNS[letters] = col_index(letters)
    return index


class _StringsTarget:
    """Collects the shared strings: the text of each ``si``, phonetic (``rPh``) runs left out."""

    __slots__ = ("strings", "parts", "depth_rph", "in_text")

    def __init__(self):
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.depth_rph = 0
        self.in_text = False

    def raw_start(self, tag: str, attributes: list) -> None:
        if tag == _RAW_T:
            self.in_text = self.depth_rph == 0
        elif tag == _RAW_SI:
            self.parts = []
        elif tag == _RAW_RPH:
            self.depth_rph += 1

    def raw_end(self, tag: str) -> None:
        if tag == _RAW_T:
            self.in_text = False
        elif tag == _RAW_SI:
            self.strings.append("".join(self.parts))
        elif tag == _RAW_RPH:
            self.depth_rph -= 1

    def data(self, text: str) -> None:
        if self.in_text:
            self.parts.append(text)

    def close(self) -> None:
        return None


def _shared_strings(archive: zipfile.ZipFile, path: Optional[str]) -> list[str]:
    if not path or path not in archive.namelist():
        return []
    target = _StringsTarget()
    with archive.open(path) as handle:
        _stream(handle, target)
    return target.strings


def _styles(archive: zipfile.ZipFile, path: Optional[str]) -> list[tuple[bool, Optional[int]]]:
    """Per cell style index: (shows a percentage, decimals shown)."""
    if not path or path not in archive.namelist():
        return []
    with archive.open(path) as handle:
        root = parse(handle).getroot()
    custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in root.iter(f"{NS_MAIN}numFmt")}
    out = []
    xfs = root.find(f"{NS_MAIN}cellXfs")
    for xf in (xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        out.append((is_percent_format(code), format_decimals(code)))
    return out


def _relationships(archive: zipfile.ZipFile, path: str) -> dict:
    rels_path = Package.rels_part(path)
    if rels_path not in archive.namelist():
        return {}
    with archive.open(rels_path) as handle:
        root = parse(handle).getroot()
    out = {}
    for rel in root.iter(f"{NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id")] = (rel.get("Type", ""), resolve(path, target))
    return out


class _SheetTarget:
    """Parser target for a worksheet: collects (row, col) -> value without building elements."""

    __slots__ = ("strings", "styles", "grid", "percent", "decimals", "row", "col", "kind", "style", "text",
                 "in_value", "in_inline", "last_col", "budget")

    def __init__(self, strings: list[str], styles: list, budget: list):
        self.strings, self.styles = strings, styles
        self.budget = budget  # [cells still allowed], shared by the sheets of one workbook
        self.grid: dict[int, dict[int, object]] = {}
        self.percent: set = set()
        self.decimals: dict = {}
        self.row = self.col = self.last_col = 0
        self.kind, self.style, self.text = "n", 0, []
        self.in_value = self.in_inline = False

    def raw_start(self, tag: str, attributes: list) -> None:
        """expat's own callback: ``uri}name`` tags, ordered attributes ``[name, value, …]``."""
        if tag == _RAW_C:
            ref, kind, style = None, "n", 0
            for i in range(0, len(attributes), 2):
                name = attributes[i]
                if name == "r":
                    ref = attributes[i + 1]
                elif name == "t":
                    kind = attributes[i + 1]
                elif name == "s":
                    style = int(attributes[i + 1])
            if ref:
                letters = ref.rstrip("0123456789")
                self.col, self.row = _column_of(letters), int(ref[len(letters):])
            else:
                self.col = self.last_col + 1
            self.last_col = self.col
            self.kind, self.style, self.text = kind, style, []
        elif tag == _RAW_V:
            self.in_value = True
        elif tag == _RAW_T:
            self.in_inline = self.kind == "inlineStr"
        elif tag == _RAW_ROW:
            number = next((attributes[i + 1] for i in range(0, len(attributes), 2) if attributes[i] == "r"), None)
            self.row = int(number) if number else self.row + 1
            self.last_col = 0

    def raw_end(self, tag: str) -> None:
        if tag == _RAW_C:
            self._store()
        elif tag == _RAW_V:
            self.in_value = False
        elif tag == _RAW_T:
            self.in_inline = False

    def data(self, text: str) -> None:
        if self.in_value or self.in_inline:
            self.text.append(text)

    def _store(self) -> None:
        if not self.text:
            return
        text, kind = "".join(self.text), self.kind
        if kind == "s":
            value: object = self.strings[int(text)]
        elif kind == "n":
            number = float(text)
            value = int(number) if number.is_integer() and "." not in text and "E" not in text.upper() else number
            if self.styles and self.style < len(self.styles):
                is_percent, shown = self.styles[self.style]
                if is_percent:
                    self.percent.add((self.row, self.col))
                if shown:
                    self.decimals[(self.row, self.col)] = shown
        elif kind == "b":
            value = text == "1"
        else:  # "str" (formula text), "inlineStr", "e" (error like #DIV/0!), "d" (ISO date)
            value = text
        if value != "":
            self.grid.setdefault(self.row, {})[self.col] = value
            self.budget[0] -= 1
            if self.budget[0] < 0:
                raise CellBudgetExceeded()

    def close(self) -> "_SheetTarget":
        return self


def _stream(handle: IO[bytes], target) -> None:
    """Stream XML through defusedxml's parser into a target's raw callbacks.

    The callbacks go straight onto defusedxml's expat parser, skipping ElementTree's
    per-tag renaming; defusedxml's own guards (entity declarations, external entities)
    stay installed on that parser, so a hostile package is refused all the same.
    """
    parser = DefusedXMLParser(target=target)
    expat = getattr(parser, "parser", None)
    if expat is None or not getattr(expat, "ordered_attributes", False):
        raise RuntimeError("unexpected XML parser")  # load_snapshot falls back to openpyxl
    expat.StartElementHandler = target.raw_start
    expat.EndElementHandler = target.raw_end
    expat.CharacterDataHandler = target.data
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            break
        parser.feed(chunk)
    parser.close()


class CellBudgetExceeded(Exception):
    """More filled cells than the limit allows (see :class:`renja_xl.io.package.Limits`)."""


def _read_sheet(handle: IO[bytes], strings: list[str], styles: list, budget: list) -> _SheetTarget:
    target = _SheetTarget(strings, styles, budget)
    _stream(handle, target)
    return target


def read_package(archive: zipfile.ZipFile, name: str = "", max_cells: int = 5_000_000) -> WorkbookSnapshot:
    """Every worksheet of an open .xlsx/.xlsm package as a snapshot (:class:`CellBudgetExceeded` past ``max_cells``)."""
    budget = [max_cells]
    names = set(archive.namelist())
    workbook_path = "xl/workbook.xml"
    rels = _relationships(archive, workbook_path)
    strings_path = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
    styles_path = next((t for kind, t in rels.values() if kind.endswith("/styles")), None)
    strings = _shared_strings(archive, strings_path)
    styles = _styles(archive, styles_path)
    with archive.open(workbook_path) as handle:
        root = parse(handle).getroot()
    sheets = []
    for sheet in root.iter(f"{NS_MAIN}sheet"):
        kind, path = rels.get(sheet.get(f"{NS_REL}id"), ("", ""))
        if not kind.endswith("/worksheet"):
            continue  # chartsheets and dialog sheets hold no cells
        if path not in names:
            raise InputError(f"Berkas '{name}' tidak utuh: lembar '{sheet.get('name', '')}' (bagian '{path}') tidak ada; "
                             "buka dan simpan ulang di Excel, lalu coba lagi.")
        with archive.open(path) as handle:
            sheet_data = _read_sheet(handle, strings, styles, budget)
        grid, percent, decimals = sheet_data.grid, sheet_data.percent, sheet_data.decimals
        last_row = max(grid, default=0)
        rows = []
        for r in range(1, last_row + 1):
            cells = grid.get(r)
            if not cells:
                rows.append([])
                continue
            line = [None] * max(cells)
            for c, v in cells.items():
                line[c - 1] = v
            rows.append(line)
        sheets.append(SheetSnapshot(sheet.get("name", ""), rows, percent_cells=frozenset(percent), decimals=decimals))
    return WorkbookSnapshot(sheets, name=name)
