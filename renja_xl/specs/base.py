"""The vocabulary of table specs: columns, their roles, computed formulas, tables.

A spec is plain data: the headers as the official documents print them (plus
accepted variants), the role of each column, which columns are computed and how,
and the year parameters of the headers. The reader finds tables by these headers;
the template writer draws the official sheets from them; compute and the checks
read the formulas from them. Nothing here touches a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional, Union


class Role(str, Enum):
    """What a column holds; decides how its cells are parsed."""

    # the value's own hash, in C: Enum's is a Python call, paid on every set or dict lookup of a member
    # (and it hashed the name, not the value the member equals)
    __hash__ = str.__hash__

    NO = "no"                  # row number / list number
    KODE = "kode"              # program/kegiatan code
    URAIAN = "uraian"          # program / kegiatan / sub kegiatan name (may embed a kode)
    INDIKATOR = "indikator"    # indicator wording
    SATUAN = "satuan"          # unit column
    TARGET = "target"          # value + unit ("4.300 Pencaker", "23%")
    NUMBER = "number"          # plain number (realisasi of a count, a year's value)
    PERCENT = "percent"        # a percentage (tingkat realisasi, capaian, bobot)
    PAGU = "pagu"              # money in Rp
    TEXT = "text"              # free text (tujuan, sasaran, catatan, formulasi)
    LOKASI = "lokasi"          # location text
    CHOICE = "choice"          # closed set (sumber dana, polaritas)
    YEAR = "year"              # a year (Tahun)


# --- computed-column formulas (data; compute.py evaluates them, issue #3) -------------


@dataclass(frozen=True)
class Ratio:
    """``num / den * scale``; empty when the denominator is blank or zero."""

    num: str
    den: str
    scale: float = 100.0


@dataclass(frozen=True)
class CumulativeOrLatest:
    """Sum of ``keys`` for cumulative (count) indicators, the last non-empty value for
    percentage/index indicators (T-C.29 column 10 = 5 + 7 + 9)."""

    keys: tuple[str, ...]
    indikator: str = "indikator"


@dataclass(frozen=True)
class Capaian:
    """R/T x 100 for positive polarity, (2 - R/T) x 100 for negative polarity."""

    realisasi: str
    target: str
    polaritas: Optional[str] = None


@dataclass(frozen=True)
class Sum:
    """The sum of ``keys`` on the same row (a Jumlah of monthly or quarterly columns); empty when none
    holds a number."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Share:
    """This row's ``key`` as a percentage of the column total (bobot)."""

    key: str


@dataclass(frozen=True)
class Product:
    """``a * b * scale`` (tertimbang = bobot x fisik / 100)."""

    a: str
    b: str
    scale: float = 0.01


@dataclass(frozen=True)
class Difference:
    """``a - b`` (sisa dana = APBD-P - realisasi keuangan)."""

    a: str
    b: str


# the predikat labels of the five capaian bands, highest first: the Renja evaluation scale, and the same
# cut-offs as LKjIPs name them (Inspektorat Sampang 2019 and many others)
PREDIKAT_LABELS = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
LKJIP_LABELS = ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang")


@dataclass(frozen=True)
class Predikat:
    """The predikat band of a capaian column (Sangat Tinggi … Sangat Rendah, or the table's own ``labels``
    for the same bands, highest first)."""

    capaian: str
    labels: Optional[tuple[str, ...]] = None


@dataclass(frozen=True)
class Rollup:
    """Sum of the children by kode hierarchy (kegiatan, program, total pagu)."""

    key: str


Formula = Union[Ratio, CumulativeOrLatest, Capaian, Sum, Share, Product, Difference, Predikat, Rollup]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an official table.

    ``header`` is the text as the official document prints it; ``{n}``, ``{n-1}``…
    stand for years and are filled from the document year. ``group`` is the header
    spanning this column and its neighbours (``Rencana Tahun {n}``). ``aliases`` are
    other accepted texts for the header; matching ignores case, spacing, line breaks,
    punctuation and years.
    """

    key: str
    header: str
    role: Role
    group: Optional[str] = None
    aliases: tuple[str, ...] = ()
    group_aliases: tuple[str, ...] = ()
    required: bool = True
    in_template: bool = True
    computed: Optional[Formula] = None
    # how a total row (JUMLAH, RATA-RATA…) gets this column: "sum" (of the leaf rows),
    # "average", "formula" (the row formula on the total row), "rollup" (sum of the
    # top-level rows, only with --rollup: such totals are usually typed and checked)
    total: Optional[str] = None
    width: float = 14.0
    number_format: Optional[str] = None
    choices: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One official table (one sheet of a template)."""

    key: str               # stable id, e.g. "renja.t2_1"
    document: str          # "renja" or "lkjip"
    number: str            # "Tabel 2.1"
    title: str             # caption with {n} year placeholders
    sheet: str             # template sheet name (<= 31 characters)
    columns: tuple[ColumnSpec, ...]
    regulation: str = ""   # "Permendagri 86/2017 T-C.29"
    number_row: bool = True      # the template prints a column-number row
    total_labels: tuple[str, ...] = ("jumlah", "total", "rata-rata", "rata rata")
    min_columns: int = 3   # matched columns needed to accept a header block
    description: str = ""
    kode_parts: tuple[str, ...] = ()   # columns holding one kode segment each (Urusan | Bidang | Program …)

    def column(self, key: str) -> ColumnSpec:
        index = self.__dict__.get("_index")
        if index is None:
            index = {col.key: col for col in self.columns}
            object.__setattr__(self, "_index", index)  # a cache on a frozen spec, not part of its value
        return index[key]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def computed_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.computed is not None)

    def template_columns(self, include: tuple[str, ...] = ()) -> tuple[ColumnSpec, ...]:
        """Columns a template draws: those ``in_template`` plus the optional ``include``."""
        return tuple(c for c in self.columns if c.in_template or c.key in include)


def render_years(text: str, year: Optional[int]) -> str:
    """Fill ``{n}``, ``{n-1}``, ``{n+1}``… with years, or leave ``n-1`` symbolic when year is None."""
    import re

    def repl(m: "re.Match[str]") -> str:
        offset = int(m.group(1) or 0)
        if year is None:
            return "n" if offset == 0 else f"n{offset:+d}"
        return str(year + offset)

    return re.sub(r"\{n([+-]\d+)?\}", repl, text)
