"""The table model the reader returns: tables, rows and parsed cells, each with its A1 address."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..parse.kode import Kode
from ..parse.targets import Target
from ..snapshot import a1, a1_range
from ..specs.base import TableSpec

# Why a row inside a table was not taken as data (code -> Indonesian, for users).
SKIP_REASONS = {
    "blank": "baris kosong",
    "repeated_header": "judul kolom berulang (pergantian halaman)",
    "column_numbers": "baris nomor kolom",
    "section": "baris kelompok yang membentang (sasaran/program), bukan data",
}


class CellValue:
    """One cell of a table row: where it is, what it holds, and what it means.

    ``raw`` is the snapshot value, ``text`` the original text (as shown), ``value``
    the parse for the column's role (a float, a :class:`~renja_xl.parse.Target`, a
    :class:`~renja_xl.parse.Kode`, a string, or None), ``notes`` parse remarks such
    as ``"ambiguous"`` or ``"not_a_number"``. The reader gives the address as column
    letters and row (:meth:`at`): a table of 100,000 cells then holds no 100,000 address
    strings, each made when asked for.
    """

    __slots__ = ("_column", "_row", "raw", "text", "value", "notes")

    def __init__(self, address: str, raw: Any, text: str, value: Any, notes: tuple = ()):
        self._column, self._row = address, None
        self.raw, self.text, self.value, self.notes = raw, text, value, notes

    @classmethod
    def at(cls, letters: str, row: int, raw: Any, text: str, value: Any, notes: tuple = ()) -> "CellValue":
        """The cell at column ``letters``, sheet row ``row``."""
        cell = cls(letters, raw, text, value, notes)
        cell._row = row
        return cell

    @property
    def address(self) -> str:
        return self._column if self._row is None else f"{self._column}{self._row}"

    def _key(self) -> tuple:
        return (self.address, self.raw, self.text, self.value, self.notes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CellValue) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"CellValue({self.address!r}, {self.raw!r}, {self.text!r}, {self.value!r}, {self.notes!r})"

    @property
    def empty(self) -> bool:
        return self.text.strip() == ""


def numeric_value(value: Any) -> Optional[float]:
    """A parsed cell value's number: a float, or a single-value target's value; else None (:meth:`Row.numeric`)."""
    if isinstance(value, Target):
        return value.value if len(value.parts) == 1 else None
    return value if isinstance(value, float) else None


_NO_COLUMNS: dict = {}


class Row:
    """A data or total row of a table.

    The cells stay in the table's columns: the reader parses a table column by column, and
    every row of the table shares the same lists of raw values, shown texts and parsed
    values (one list per column) and one dict from column key to the list's position; a
    row knows its own place in those lists. Parse remarks are kept only for the cells that
    have any. A :class:`CellValue` is made when asked for (:meth:`get`, :attr:`cells`),
    while :meth:`value`, :meth:`text` and :meth:`numeric` read the columns directly. A
    table of 100,000 cells so holds no 100,000 cell objects, and no list per row.
    """

    __slots__ = ("number", "kind", "kode", "outline", "overflow", "_index", "_letters", "_raw", "_text", "_value",
                 "_at", "_notes")

    def __init__(self, number: int, kind: str, kode: Optional[Kode] = None, outline: Optional[str] = None,
                 overflow: tuple = ()):
        self.number = number        # sheet row (1-based)
        self.kind = kind            # "data" or "total"
        self.kode = kode            # from the Kode column or written inside the name
        self.outline = outline      # "1.2.3" from the No column of a numbered outline (tables read by concept)
        self.overflow = overflow    # ((address, raw), …) non-empty cells outside the mapped columns
        self._index: dict = _NO_COLUMNS   # column key -> position of its column in the lists below
        self._letters: tuple = ()         # column letters, by position
        self._raw = self._text = self._value = ()   # the table's columns: raw values, shown texts, parsed values
        self._at = 0                      # this row's place in each column
        self._notes: Optional[dict] = None  # column key -> parse remarks, for the cells that have any

    def fill(self, index: dict, letters: tuple, raw: list, text: list, value: list, at: int,
             notes: Optional[dict]) -> None:
        """Set the row's cells (the reader's parse): ``index`` maps each column key to its position in ``raw``,
        ``text`` and ``value``, the table's columns, in which the row's cells are at ``at``."""
        self._index, self._letters, self._at = index, letters, at
        self._raw, self._text, self._value, self._notes = raw, text, value, notes or None

    def get(self, key: str) -> Optional[CellValue]:
        """The cell of column ``key`` (None when the table has no such column)."""
        i = self._index.get(key)
        if i is None:
            return None
        at = self._at
        return CellValue.at(self._letters[i], self.number, self._raw[i][at], self._text[i][at], self._value[i][at],
                            self.notes(key))

    @property
    def cells(self) -> dict:
        """Column key -> :class:`CellValue`, every mapped column (made anew on each call)."""
        return {key: self.get(key) for key in self._index}

    def noted(self):
        """(key, :class:`CellValue`) of the cells the reader left a remark on (``ambiguous``, ``not_a_number``…)."""
        for key in self._notes or ():
            yield key, self.get(key)

    @property
    def has_notes(self) -> bool:
        """Whether the reader left a remark on any cell of the row (most rows have none)."""
        return self._notes is not None

    def notes(self, key: str) -> tuple:
        """The reader's remarks on the cell of column ``key`` (``("ambiguous",)``…), else ()."""
        return self._notes.get(key, ()) if self._notes else ()

    def value(self, key: str) -> Any:
        i = self._index.get(key)
        return None if i is None else self._value[i][self._at]

    def numeric(self, key: str) -> Optional[float]:
        """A cell's number as parsed: a float, or a single-value target's value; else None."""
        return numeric_value(self.value(key))

    def text(self, key: str) -> str:
        i = self._index.get(key)
        return "" if i is None else self._text[i][self._at]

    def raw(self, key: str) -> Any:
        """The snapshot value of column ``key`` (None when empty or not mapped)."""
        i = self._index.get(key)
        return None if i is None else self._raw[i][self._at]

    @property
    def is_total(self) -> bool:
        return self.kind == "total"

    def __repr__(self) -> str:
        return f"Row({self.number!r}, {self.kind!r}, kode={self.kode!r})"


@dataclass(frozen=True)
class SkippedRow:
    number: int
    reason: str   # a key of SKIP_REASONS

    @property
    def reason_text(self) -> str:
        return SKIP_REASONS.get(self.reason, self.reason)


@dataclass
class Table:
    """One official table found in a sheet."""

    spec: TableSpec
    sheet: str
    header_top: int
    header_bottom: int
    columns: dict               # column key -> sheet column (1-based)
    rows: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    number_row: Optional[int] = None
    notation: Optional[str] = None
    page_headers: int = 0       # repeated header blocks merged into this table

    @property
    def left(self) -> int:
        return min(self.columns.values())

    @property
    def right(self) -> int:
        return max(self.columns.values())

    @property
    def header_range(self) -> str:
        return a1_range(self.header_top, self.left, self.number_row or self.header_bottom, self.right)

    def values_of(self, key: str, rows: Optional[list] = None) -> list:
        """The parsed values of column ``key`` over ``rows`` (every row by default), in order: what
        ``[row.value(key) for row in rows]`` gives, read from the columns the rows share without a call per row."""
        rows = self.rows if rows is None else rows
        if not rows:
            return []
        first = rows[0]
        i, values = first._index.get(key), first._value
        if i is None:
            return [row.value(key) for row in rows]
        column = values[i]
        return [column[row._at] if row._value is values else row.value(key) for row in rows]

    @property
    def data_rows(self) -> list:
        """The data rows (a new list on each call). Rules ask for them dozens of times: the filtered rows are
        kept while ``rows`` stays the same list of the same length (as it does once the table is read)."""
        kept = self.__dict__.get("_data_rows")
        if kept is None or kept[0] is not self.rows or kept[1] != len(self.rows):
            kept = self.__dict__["_data_rows"] = (self.rows, len(self.rows), [r for r in self.rows if r.kind == "data"])
        return list(kept[2])

    @property
    def total_rows(self) -> list:
        return [r for r in self.rows if r.kind == "total"]

    @property
    def data_range(self) -> str:
        if not self.rows:
            return ""
        return a1_range(self.rows[0].number, self.left, self.rows[-1].number, self.right)

    def address(self, row: int, key: str) -> str:
        """A1 address of column ``key`` in sheet row ``row``."""
        return a1(row, self.columns[key])

    def describe(self) -> dict:
        """A plain summary (for JSON output and tests)."""
        return {
            "sheet": self.sheet,
            "table": self.spec.key,
            "name": self.spec.sheet,
            "header_range": self.header_range,
            "data_range": self.data_range,
            "data_rows": len(self.data_rows),
            "total_rows": len(self.total_rows),
            "columns": {k: v for k, v in sorted(self.columns.items(), key=lambda kv: kv[1])},
            "skipped": [{"row": s.number, "reason": s.reason_text} for s in self.skipped],
            **self._concepts(),
        }

    def _concepts(self) -> dict:
        """For a table read by its columns' concepts: each column's key and what it is computed from."""
        if self.spec.document != "umum":
            return {}
        parts = []
        for key, col in sorted(self.columns.items(), key=lambda kv: kv[1]):
            formula = self.spec.column(key).computed
            made = ""
            if formula is not None and type(formula).__name__ != "Rollup":
                inputs = [v for v in vars(formula).values() if isinstance(v, str)]
                inputs += [k for v in vars(formula).values() if isinstance(v, tuple) for k in v if isinstance(k, str)]
                made = f" = {type(formula).__name__.lower()}({', '.join(inputs)})"
            parts.append(f"{a1(self.header_top, col)[:-len(str(self.header_top))]} {key}{made}")
        return {"read_by": "kolom", "concepts": "; ".join(parts)}
