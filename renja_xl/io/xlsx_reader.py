"""A lean, streaming reader of an .xlsx package into a snapshot: values, % formats, shown decimals.

openpyxl builds a Python object per cell; a check needs only each cell's cached
value and whether its number format shows a percentage and how many decimals. This
reader streams the XML through defusedxml's parser (entity declarations and external
entities refused: XML bombs and XXE fail) straight into small callback objects and
keeps plain values, so reading is several times faster than a full openpyxl load. Anything it does not
understand raises, and :func:`renja_xl.io.files.load_snapshot` falls back to openpyxl.

Nothing a file claims is trusted for sizes: ``<dimension>`` is never read, every row and
column number is checked against what an Excel grid can be (1,048,576 rows, columns to
XFD), text longer than a cell holds and XML nested deeper than any workbook are refused
while they stream in (:class:`OutOfGrid`), and the grid the snapshot keeps is paid for
from a budget (:func:`sheet_snapshot`): a cell far out does not buy millions of empty ones.
"""

from __future__ import annotations

import io
import math
import zipfile
from typing import IO, Optional

from defusedxml.ElementTree import DefusedXMLParser, parse

from ..errors import InputError
from ..snapshot import (SheetSnapshot, WorkbookSnapshot, col_index, col_letter, format_decimals, is_percent_format,
                        unit_of_format)
from .package import (MAX_COLUMNS, MAX_DEPTH, MAX_ROWS, MAX_TEXT, LimitExceeded, Package, TooDeep, check_depth,
                      resolve, thousands)
from .sheetscan import plain_text, scan_sheet

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# tag names as expat reports them with namespaces on: "uri}c"
_RAW_C, _RAW_V, _RAW_T, _RAW_ROW, _RAW_SI, _RAW_RPH = (NS_MAIN[1:] + t for t in ("c", "v", "t", "row", "si", "rPh"))

# Excel's built-in number formats that matter here (ECMA-376 18.8.30)
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
                   37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
                   40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@"}


class OutOfGrid(Exception):
    """What no Excel grid holds. ``text`` is the sentence after the file's name, ``{where}`` standing for the part."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def sentence(self, name: str, where: str) -> str:
        return f"Berkas '{name}' " + self.text.replace("{where}", where)


def _shown(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "\u2026"


def row_too_far(row: int | str) -> OutOfGrid:
    shown = thousands(row) if isinstance(row, int) else _shown(row)
    return OutOfGrid(f"tidak sah: {{where}} memuat baris {shown}, padahal Excel hanya sampai baris "
                     f"{thousands(MAX_ROWS)}; berkas ditolak.")


def column_too_far(ref: str) -> OutOfGrid:
    return OutOfGrid(f"tidak sah: {{where}} memuat sel '{_shown(ref)}' di luar kolom terakhir Excel "
                     f"({col_letter(MAX_COLUMNS)}); berkas ditolak.")


def bad_row_number(text: str) -> OutOfGrid:
    return OutOfGrid(f"rusak: {{where}} memuat nomor baris yang tidak sah ('{_shown(text)}'); buka dan simpan ulang "
                     "di Excel, lalu coba lagi.")


def bad_reference(ref: str) -> OutOfGrid:
    return OutOfGrid(f"rusak: {{where}} memuat alamat sel yang tidak sah ('{_shown(ref)}'); buka dan simpan ulang "
                     "di Excel, lalu coba lagi.")


TEXT_TOO_LONG = OutOfGrid(f"tidak sah: {{where}} memuat teks lebih dari {thousands(MAX_TEXT)} karakter dalam satu "
                          "sel (batas Excel); berkas ditolak.")
TOO_DEEP = OutOfGrid(f"tidak sah: {{where}} bersarang lebih dari {MAX_DEPTH} tingkat, jauh melebihi buku kerja "
                     "Excel mana pun; berkas ditolak.")


def row_number(text: str) -> int:
    """A row's ``r``: digits only, 1 to 1,048,576 (:class:`OutOfGrid` otherwise)."""
    if not (text.isdigit() and text.isascii()):
        raise bad_row_number(text)
    if len(text) > 7 or int(text) > MAX_ROWS:
        raise row_too_far(int(text) if len(text) <= 18 else text)
    number = int(text)
    if number < 1:
        raise bad_row_number(text)
    return number


_COLUMNS: dict = {}
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _column_of(letters: str, ref: str = "") -> int:
    """A column's number from its letters, A to XFD (:class:`OutOfGrid` otherwise); valid ones are cached."""
    index = _COLUMNS.get(letters)
    if index is None:
        if not letters or not set(letters) <= _LETTERS:
            raise bad_reference(ref or letters)
        if len(letters) > 3 or col_index(letters) > MAX_COLUMNS:
            raise column_too_far(ref or letters)
        index = _COLUMNS[letters] = col_index(letters)
    return index


def cell_reference(ref: str) -> tuple[int, int]:
    """``C12`` -> (12, 3), within the grid (:class:`OutOfGrid` otherwise)."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters) or _column_of(letters, ref)
    digits = ref[len(letters):]
    if not digits:
        raise bad_reference(ref)
    if len(digits) > 7:
        raise row_too_far(int(digits) if len(digits) <= 18 else digits)
    row = int(digits)
    if row > MAX_ROWS:
        raise row_too_far(row)
    if row < 1:
        raise bad_reference(ref)
    return row, col


class _StringsTarget:
    """Collects the shared strings: the text of each ``si``, phonetic (``rPh``) runs left out."""

    __slots__ = ("strings", "parts", "depth_rph", "in_text", "depth", "size")

    def __init__(self):
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.depth_rph = 0
        self.in_text = False
        self.depth = self.size = 0

    def raw_start(self, tag: str, attributes: list) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TOO_DEEP
        if tag == _RAW_T:
            self.in_text = self.depth_rph == 0
        elif tag == _RAW_SI:
            self.parts = []
            self.size = 0
        elif tag == _RAW_RPH:
            self.depth_rph += 1

    def raw_end(self, tag: str) -> None:
        self.depth -= 1
        if tag == _RAW_T:
            self.in_text = False
        elif tag == _RAW_SI:
            self.strings.append("".join(self.parts))
        elif tag == _RAW_RPH:
            self.depth_rph -= 1

    def data(self, text: str) -> None:
        if self.in_text:
            self.parts.append(text)
            self.size += len(text)
            if self.size > MAX_TEXT:
                raise TEXT_TOO_LONG

    def close(self) -> None:
        return None


def _shared_strings(archive: zipfile.ZipFile, path: Optional[str]) -> list[str]:
    if not path or path not in archive.namelist():
        return []
    target = _StringsTarget()
    with archive.open(path) as handle:
        _stream(handle, target)
    return target.strings


def _styles(archive: zipfile.ZipFile, path: Optional[str]) -> list[tuple[bool, Optional[int], Optional[tuple]]]:
    """Per cell style index: (shows a percentage, decimals shown, words beside the number or None)."""
    if not path or path not in archive.namelist():
        return []
    root = _tree(archive, path)
    custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in root.iter(f"{NS_MAIN}numFmt")}
    out = []
    xfs = root.find(f"{NS_MAIN}cellXfs")
    for xf in (xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        out.append((is_percent_format(code), format_decimals(code), unit_of_format(code)))
    return out


def _tree(archive: zipfile.ZipFile, path: str):
    """A small part (styles, relationships, the workbook) as a tree, its nesting checked."""
    with archive.open(path) as handle:
        root = parse(handle).getroot()
    try:
        check_depth(root)
    except TooDeep:
        raise TOO_DEEP from None
    return root


def _relationships(archive: zipfile.ZipFile, path: str) -> dict:
    rels_path = Package.rels_part(path)
    if rels_path not in archive.namelist():
        return {}
    root = _tree(archive, rels_path)
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
                 "in_value", "in_inline", "last_col", "budget", "depth", "size", "texts", "words")

    def __init__(self, strings: list[str], styles: list, budget: list):
        self.strings, self.styles = strings, styles
        self.budget = budget  # [cells still allowed], shared by the sheets of one workbook
        self.grid: dict[int, list] = {}   # row -> [col, value, col, value, …] (see sheet_snapshot)
        self.texts: dict[str, str] = {}
        self.percent: set = set()
        self.decimals: dict = {}
        self.words: dict = {}
        self.row = self.col = self.last_col = 0
        self.kind, self.style, self.text = "n", 0, []
        self.in_value = self.in_inline = False
        self.depth = self.size = 0

    def raw_start(self, tag: str, attributes: list) -> None:
        """expat's own callback: ``uri}name`` tags, ordered attributes ``[name, value, …]``.

        Nesting is counted on the elements other than rows, cells and values (the
        millions of a sheet's grid go uncounted); a chain of those nested deep is
        refused when a copy writes the sheet (:class:`~renja_xl.io.package.TooDeep`).
        """
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
            if ref:  # cell_reference() inlined: this runs once per cell
                letters = ref.rstrip("0123456789")
                col = _COLUMNS.get(letters) or _column_of(letters, ref)
                try:
                    row = int(ref[len(letters):])
                except ValueError:
                    row = 0
                if not 0 < row <= MAX_ROWS:
                    cell_reference(ref)  # raises the sentence that fits
                self.row, self.col = row, col
            else:
                self.col = self.last_col + 1
                if self.col > MAX_COLUMNS:
                    raise column_too_far(f"{col_letter(MAX_COLUMNS)}+1")
            self.last_col = self.col
            self.kind, self.style, self.text, self.size = kind, style, [], 0
        elif tag == _RAW_V:
            self.in_value = True
        elif tag == _RAW_T:
            self.in_inline = self.kind == "inlineStr"
        elif tag == _RAW_ROW:
            number = next((attributes[i + 1] for i in range(0, len(attributes), 2) if attributes[i] == "r"), None)
            self.row = row_number(number) if number else self.row + 1
            if self.row > MAX_ROWS:
                raise row_too_far(self.row)
            self.last_col = 0
        else:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise TOO_DEEP

    def raw_end(self, tag: str) -> None:
        if tag == _RAW_C:
            self._store()
        elif tag == _RAW_V:
            self.in_value = False
        elif tag == _RAW_T:
            self.in_inline = False
        elif tag != _RAW_ROW:
            self.depth -= 1

    def data(self, text: str) -> None:
        if self.in_value or self.in_inline:
            self.text.append(text)
            self.size += len(text)
            if self.size > MAX_TEXT:
                raise TEXT_TOO_LONG

    def _store(self) -> None:
        if self.text:
            self.store(self.row, self.col, self.kind, self.style, "".join(self.text))

    def take_row(self, row: int, cells: list) -> bool:
        """A row read by :func:`~renja_xl.io.sheetscan.scan_sheet`: all its cells kept (True), or none (False).

        None are kept when a cell lies outside the grid or holds too long a text: the
        parser then reads the row and refuses it with the sentence that fits. One pass
        over the cells: their values are read as they are checked and go into the grid
        only once every cell has passed (what a value notes on the way, a percentage or
        the decimals a style shows, the parser notes alike when it reads the row again).
        """
        row_digits = str(row)
        value_of, texts, strings = self._value, self.texts, self.strings
        fresh: list = []
        elsewhere = None   # cells whose reference names another row: kept there, as the parser does
        for _, letters, digits, style, kind, style_after, value, formula_value, inline in cells:
            col = _COLUMNS.get(letters)
            if col is None:
                if len(letters) == 3 and letters > "XFD":
                    return False
                col = _column_of(letters)
            if len(digits) == 7 and int(digits) > MAX_ROWS:
                return False
            text = value or formula_value or (inline if kind == "inlineStr" else "")
            if not text:
                continue
            if "&" in text:
                text = plain_text(text)
            if len(text) > MAX_TEXT:
                return False
            if digits != row_digits:
                elsewhere = elsewhere or []
                elsewhere.append((int(digits), col, kind or "n", int(style or style_after or 0), text))
                continue
            # the row's cells gathered, then added to the grid at once (a sheet's millions of cells); a text read
            # here as _value reads it (without a call and a style: most cells of a planning table are texts)
            if kind == "inlineStr":
                cell = texts.setdefault(text, text)
            elif kind == "s":
                cell = strings[int(text)]
            else:
                cell = value_of(row, col, kind or "n", int(style or style_after or 0), text)
            if cell != "":
                fresh += (col, cell)
        self.row, self.last_col = row, 0
        for number, col, kind, style, text in elsewhere or ():
            self.store(number, col, kind, style, text)
        if fresh:
            self._add(row, fresh)
        return True

    def store(self, row: int, col: int, kind: str, style: int, text: str) -> None:
        """Keep a cell's value, read from its written ``text`` by its type ``kind`` (and % and decimals by style)."""
        value = self._value(row, col, kind, style, text)
        if value != "":
            self._add(row, [col, value])

    def _add(self, row: int, cells: list) -> None:
        """Add ``[col, value, …]`` to a row of the grid, each cell paid for from the workbook's budget."""
        line = self.grid.get(row)
        if line is None:
            self.grid[row] = cells
        else:
            line += cells
        self.budget[0] -= len(cells) // 2
        if self.budget[0] < 0:
            raise CellBudgetExceeded()

    def _value(self, row: int, col: int, kind: str, style: int, text: str) -> object:
        """The value a cell's written ``text`` stands for by its type ``kind`` ("" for none); a number's
        percent format, shown decimals and words noted from its ``style``."""
        if kind == "n":
            number = float(text)
            if not math.isfinite(number):  # 1e999, NaN: no cell holds them; the core sees the text as written
                return text
            whole = number.is_integer() and "." not in text and "E" not in text and "e" not in text
            value = int(number) if whole else number
            if self.styles and style < len(self.styles):
                is_percent, shown, words = self.styles[style]
                if is_percent:
                    self.percent.add((row, col))
                if shown:
                    self.decimals[(row, col)] = shown
                if words:
                    self.words[(row, col)] = words
            return value
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return text == "1"
        # "str" (formula text), "inlineStr", "e" (error like #DIV/0!), "d" (ISO date)
        return self.texts.setdefault(text, text)  # one object for a text repeated down a column

    def close(self) -> "_SheetTarget":
        return self


def _parser(target):
    """defusedxml's parser with the target's raw callbacks set straight on its expat parser.

    This skips ElementTree's per-tag renaming; defusedxml's own guards (entity
    declarations, external entities) stay installed on that parser, so a hostile package
    is refused all the same.
    """
    parser = DefusedXMLParser(target=target)
    expat = getattr(parser, "parser", None)
    if expat is None or not getattr(expat, "ordered_attributes", False):
        raise RuntimeError("unexpected XML parser")  # load_snapshot falls back to openpyxl
    expat.StartElementHandler = target.raw_start
    expat.EndElementHandler = target.raw_end
    expat.CharacterDataHandler = target.data
    return parser


def _stream(handle: IO[bytes], target) -> None:
    """Stream XML through defusedxml's parser into a target's raw callbacks."""
    parser = _parser(target)
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            break
        parser.feed(chunk)
    parser.close()


class CellBudgetExceeded(Exception):
    """More filled cells than the limit allows (see :class:`renja_xl.io.package.Limits`)."""


def _read_sheet(handle: IO[bytes], strings: list[str], styles: list, budget: list) -> _SheetTarget:
    """A worksheet part read into a target: rows of the common forms by pattern, the rest by the parser."""
    target = _SheetTarget(strings, styles, budget)
    parser = _parser(target)
    scan_sheet(handle, parser.feed, target.take_row)
    parser.close()
    return target


class _Enough(Exception):
    pass


class _TopRows(_SheetTarget):
    """A sheet's first rows only: reading stops at the first row past ``last_row``."""

    __slots__ = ("last_row",)

    def raw_start(self, tag: str, attributes: list) -> None:
        _SheetTarget.raw_start(self, tag, attributes)
        if tag == _RAW_ROW and self.row > self.last_row:
            raise _Enough()


def read_rows(sheet_xml: bytes, strings_xml: bytes = b"", last_row: int = MAX_ROWS) -> dict:
    """``{row: {col: value}}`` of a worksheet part's rows 1 to ``last_row`` (for recognising a sheet by its top)."""
    strings: list = []
    if strings_xml:
        target = _StringsTarget()
        _stream(io.BytesIO(strings_xml), target)
        strings = target.strings
    rows = _TopRows(strings, [], [MAX_ROWS * MAX_COLUMNS])
    rows.last_row = last_row
    try:
        _stream(io.BytesIO(sheet_xml), rows)
    except _Enough:
        pass
    return {r: dict(zip(cells[::2], cells[1::2])) for r, cells in rows.grid.items() if r <= last_row}


GRID_PER_CELL = 2        # the grid a snapshot keeps (rows spanned + cells up to each row's last): 2 x --max-cells
COMPACT_AFTER = 65_536   # empty cells above or left of a sheet's first cell worth leaving out (top/left move)
_NO_CELLS: list = []     # every empty row of a snapshot: one shared, never-changed list


def sheet_snapshot(file_name: str, sheet_name: str, grid: dict, percent: set, decimals: dict, budget: list,
                   max_cells: int, words: Optional[dict] = None) -> SheetSnapshot:
    """A sheet's snapshot from its filled cells ``{row: [col, value, col, value, …]}``, its grid paid for from
    ``budget[1]``. A cell written twice keeps its last value. The grid is emptied as its rows are laid out.

    Each row's cells come as one flat list, not a dict: a dict of a dozen cells is larger
    than the small-object allocator serves, and ten thousand of them freed after the layout
    leave the process that much bigger for the rest of the run.

    Rows are lists up to their last filled cell, empty rows one shared empty list. A sheet
    whose cells all sit far down or far right starts there (``top``/``left``) instead of
    carrying the empty grid before them. What the grid costs (rows spanned, plus each
    row's cells from ``left`` to its last) is taken from the budget; a sheet whose cells
    stretch so far that the grid would outgrow it is refused by name.
    """
    if not grid:
        return SheetSnapshot(sheet_name, [], percent_cells=frozenset(percent), decimals=decimals,
                             format_words=words or {})
    top, bottom = min(grid), max(grid)
    first_col = min(min(cells[::2]) for cells in grid.values())
    top = top if top - 1 > COMPACT_AFTER else 1
    left = first_col if (first_col - 1) * len(grid) > COMPACT_AFTER else 1
    widths = {r: max(cells[::2]) - left + 1 for r, cells in grid.items()}
    cost = bottom - top + 1 + sum(widths.values())
    budget[1] -= cost
    if budget[1] < 0:
        far_row = max(widths, key=lambda r: (widths[r], r))
        far = f"{col_letter(left + widths[far_row] - 1)}{far_row}"
        raise LimitExceeded(
            f"Berkas '{file_name}' terlalu luas untuk dibaca: lembar '{sheet_name}' membentang sampai sel {far} "
            f"({thousands(cost)} sel kisi; batasnya {thousands(GRID_PER_CELL * max_cells)}, dua kali --max-cells); "
            "hapus isi yang jauh di luar tabel, atau naikkan --max-cells.")
    rows: list = []
    for r in range(top, bottom + 1):
        cells = grid.pop(r, None)
        if not cells:
            rows.append(_NO_CELLS)
            continue
        line = [None] * widths[r]
        for c, v in zip(cells[::2], cells[1::2]):
            line[c - left] = v
        rows.append(line)
    return SheetSnapshot(sheet_name, rows, top=top, left=left, percent_cells=frozenset(percent), decimals=decimals,
                         format_words=words or {})


def read_package(archive: zipfile.ZipFile, name: str = "", max_cells: int = 5_000_000) -> WorkbookSnapshot:
    """Every worksheet of an open .xlsx/.xlsm package as a snapshot (:class:`CellBudgetExceeded` past ``max_cells``).

    What no grid holds (rows past 1,048,576, columns past XFD, text past 32,767
    characters, XML nested past :data:`MAX_DEPTH`) is refused with a sentence naming the
    file and the sheet; so is a grid too wide for the budget (:func:`sheet_snapshot`).
    """
    budget = [max_cells, GRID_PER_CELL * max_cells]
    names = set(archive.namelist())
    workbook_path = "xl/workbook.xml"
    where = f"bagian '{workbook_path}'"
    try:
        rels = _relationships(archive, workbook_path)
        strings_path = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
        styles_path = next((t for kind, t in rels.values() if kind.endswith("/styles")), None)
        where = f"daftar teks bersama ('{strings_path}')"
        strings = _shared_strings(archive, strings_path)
        where = f"bagian gaya ('{styles_path}')"
        styles = _styles(archive, styles_path)
        where = f"bagian '{workbook_path}'"
        root = _tree(archive, workbook_path)
        sheets = []
        for sheet in root.iter(f"{NS_MAIN}sheet"):
            kind, path = rels.get(sheet.get(f"{NS_REL}id"), ("", ""))
            if not kind.endswith("/worksheet"):
                continue  # chartsheets and dialog sheets hold no cells
            sheet_name = sheet.get("name", "")
            if path not in names:
                raise InputError(f"Berkas '{name}' tidak utuh: lembar '{sheet_name}' (bagian '{path}') tidak ada; "
                                 "buka dan simpan ulang di Excel, lalu coba lagi.")
            where = f"lembar '{sheet_name}'"
            with archive.open(path) as handle:
                sheet_data = _read_sheet(handle, strings, styles, budget)
            sheets.append(sheet_snapshot(name, sheet_name, sheet_data.grid, sheet_data.percent, sheet_data.decimals,
                                         budget, max_cells, sheet_data.words))
    except OutOfGrid as exc:
        raise InputError(exc.sentence(name, where)) from None
    return WorkbookSnapshot(sheets, name=name)
