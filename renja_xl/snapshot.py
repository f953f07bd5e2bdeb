"""A neutral snapshot of a workbook: sheet names and 2-D cell values.

Adapters (openpyxl for files, xlwings for live books) build it; the core reads only
this. Values are what a cell shows as data: None, str, int, float, bool or a
date/time. Cells holding a number formatted as a percentage are listed in
``percent_cells`` so ``0.8459`` shown as ``84.59%`` reads as 84.59.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Optional

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(number_format: str | None) -> bool:
    """True when a number format shows the value times 100 with a ``%`` (``0.00%``).

    A quoted or escaped percent sign (``0.00"%"``, ``0.00\\%``) is literal text: the
    value is shown as is.
    """
    if not number_format:
        return False
    return "%" in _QUOTED.sub("", number_format)


def format_decimals(number_format: str | None) -> int | None:
    """Decimals a number format shows (``0.00%`` -> 2, ``#,##0`` -> 0), None for General."""
    if not number_format or number_format.lower() == "general":
        return None
    section = _QUOTED.sub("", number_format.split(";")[0])
    if "." not in section:
        return 0
    return len(re.match(r"[0#?]*", section.split(".", 1)[1]).group(0))


@lru_cache(maxsize=None)
def col_letter(index: int) -> str:
    """1 -> ``A``, 27 -> ``AA``."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """(12, 3) -> ``C12``."""
    return f"{col_letter(col)}{row}"


_FORMAT_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([0#?])|([_*].)|(.)', re.DOTALL)


def unit_of_format(number_format: Optional[str]) -> Optional[tuple[str, str]]:
    """(text before, text after) the number in a number format that writes words beside it; None otherwise.

    ``0 "jenis"`` -> ("", " jenis"), ``"Rp" #,##0`` -> ("Rp ", ""), ``#,##0 "Dok"`` -> ("", " Dok"). A
    percentage's ``%`` is no such text (the reader reads a % format already). The cell then
    reads as the text it shows: ``15`` under ``0 "jenis"`` is the target "15 jenis".
    """
    if not number_format or '"' not in number_format and "\\" not in number_format:
        return None
    section = number_format.split(";")[0]
    parts: list = []   # (kind, text): "lit" literal text, "num" a digit placeholder
    for m in _FORMAT_TOKEN.finditer(section):
        quoted, escaped, bracket, digit, spacing, other = m.groups()
        if spacing is not None:  # "_)" leaves the width of ")", "* " repeats " ": no text
            continue
        if quoted is not None:
            parts.append(("lit", quoted))
        elif escaped is not None:
            parts.append(("lit", escaped))
        elif digit is not None:
            parts.append(("num", digit))
        elif other == " ":
            parts.append(("lit", " "))
        elif bracket is None and other not in (",", ".", "%", "_", "*"):
            parts.append(("lit", other))
    digits = [i for i, (kind, _) in enumerate(parts) if kind == "num"]
    if not digits:
        return None
    before = "".join(t for k, t in parts[:digits[0]] if k == "lit")
    after = "".join(t for k, t in parts[digits[-1] + 1:] if k == "lit")
    if not before.strip() and not after.strip():
        return None
    return before, after


def record_number_format(percent: set, decimals: dict, where: tuple, value: Any, number_format: str | None,
                         words: Optional[dict] = None) -> None:
    """Note what a numeric cell's format shows: a percentage (``where`` into ``percent``), decimals (into
    ``decimals``), and words beside the number (``0 "jenis"``: ``("", " jenis")`` into ``words``)."""
    if not number_format or not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    if is_percent_format(number_format):
        percent.add(where)
    shown = format_decimals(number_format)
    if shown:
        decimals[where] = shown
    if words is not None:
        beside = unit_of_format(number_format)
        if beside is not None:
            words[where] = beside


def trim_row(values: list) -> list:
    """A row without its trailing empty cells (None or "")."""
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return list(values[:end])


_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")
CELL_REF = re.compile(r"([A-Z]+)(\d+)")   # a cell as renja-xl names it: column letters, then the row (``fullmatch``)


def col_index(letters: str) -> int:
    """``A`` -> 1, ``AA`` -> 27."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def parse_a1(address: str) -> tuple[int, int]:
    """``C12`` (or ``$C$12``) -> (12, 3); ValueError for anything else."""
    m = _A1.match(address.strip())
    if m is None:
        raise ValueError(f"not a cell address: {address!r}")
    return int(m.group(2)), col_index(m.group(1))


def a1_range(top: int, left: int, bottom: int, right: int) -> str:
    """A1 range; a single cell when the corners meet."""
    start, end = a1(top, left), a1(bottom, right)
    return start if start == end else f"{start}:{end}"


@dataclass
class SheetSnapshot:
    """One sheet: ``rows[i][j]`` is the cell at sheet row ``top + i``, column ``left + j`` (1-based)."""

    name: str
    rows: list[list[Any]]
    top: int = 1
    left: int = 1
    percent_cells: frozenset = field(default_factory=frozenset)  # {(row, col)} 1-based
    decimals: dict = field(default_factory=dict)  # {(row, col): decimals its format shows}, numeric cells only
    # {(row, col): (text before, text after)} the number, for numeric cells whose format writes words (0 "jenis")
    format_words: dict = field(default_factory=dict)

    @property
    def bottom(self) -> int:
        return self.top + len(self.rows) - 1

    @property
    def right(self) -> int:
        """The last column holding a value (computed once: snapshots are not changed after reading)."""
        cached = self.__dict__.get("_right")
        if cached is None:
            cached = self.__dict__["_right"] = self.left + max((len(r) for r in self.rows), default=0) - 1
        return cached

    def value(self, row: int, col: int) -> Any:
        """The value at sheet coordinates (1-based), None outside the snapshot."""
        i, j = row - self.top, col - self.left
        if 0 <= i < len(self.rows):
            cells = self.rows[i]
            if 0 <= j < len(cells):
                return cells[j]
        return None

    def row_values(self, row: int) -> list[Any]:
        i = row - self.top
        return self.rows[i] if 0 <= i < len(self.rows) else []

    def is_percent(self, row: int, col: int) -> bool:
        return (row, col) in self.percent_cells

    def shown_decimals(self, row: int, col: int) -> int | None:
        return self.decimals.get((row, col))


@dataclass
class WorkbookSnapshot:
    """All sheets of a workbook, in order."""

    sheets: list[SheetSnapshot]
    name: str = ""

    def __iter__(self) -> Iterator[SheetSnapshot]:
        return iter(self.sheets)

    def sheet(self, name: str) -> SheetSnapshot:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    @classmethod
    def from_lists(cls, sheets: dict[str, list[list[Any]]], name: str = "") -> "WorkbookSnapshot":
        """Build a snapshot from ``{sheet name: rows}`` (rows start at A1)."""
        return cls([SheetSnapshot(n, [list(r) for r in rows]) for n, rows in sheets.items()], name=name)
