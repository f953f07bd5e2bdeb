"""Small helpers the rule families share: tolerances, printed precision, labels, formula explanations."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Optional

from ...compute.intervals import Interval, predikat_bands
from ...compute.predikat import DEFAULT_BANDS, PredikatBands
from ...parse.numbers import parse_number, single_spaced
from ...parse.targets import Target
from ...reader.model import CellValue, Row, Table
from ...specs.base import (LKJIP_LABELS, Capaian, ColumnSpec, CumulativeOrLatest, Difference, Predikat, Product, Ratio,
                           Share, Sum, render_years)
from ..base import Location, number_text

_DECIMALS = re.compile(r"\d+[.,](\d+)\s*%?\s*$")


def shown_decimals(cell: Optional[CellValue]) -> int:
    """How many decimals a cell shows (``98.51%`` -> 2, ``126%`` -> 0, ``0.04`` -> 2)."""
    if cell is None:
        return 0
    text = cell.text.strip()
    m = _DECIMALS.search(text)
    if not m:
        return 0
    digits = m.group(1)
    # "949.973.000": three-digit groups are thousands, not decimals
    if len(digits) == 3 and re.search(r"\d[.,]\d{3}[.,]\d{3}", text):
        return 0
    return min(len(digits), 6)


def tolerance(cell: Optional[CellValue]) -> float:
    """Half a unit of the last digit shown."""
    return 0.5 * 10 ** -shown_decimals(cell) + 1e-9


# --- printed precision: what a written number stands for ------------------------------------

_NUMBER_TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def input_decimals(cell: Optional[CellValue], value: float, notation: Optional[str] = None) -> int:
    """How many decimals the number ``value`` of a cell is printed with.

    A number stored as a number shows what its format or the General display shows
    (:func:`shown_decimals` on its shown text). In a text the decimals are read from the
    token that gives ``value`` in the table's ``notation``: ``"4.300 Pencaker"`` read as
    4300 has none, ``"12,5 orang"`` has one, ``"35,20"`` two.
    """
    if cell is None:
        return 0
    if not isinstance(cell.raw, str):
        return shown_decimals(cell)
    for token in _NUMBER_TOKEN.findall(cell.text[:200]):  # a cell's number sits near its start
        parsed = parse_number(token, notation)
        if parsed is None or parsed.value is None or not _close(parsed.value, abs(value)):
            continue
        mark = max(token.rfind("."), token.rfind(","))
        if mark < 0:
            return 0
        head, tail = re.sub(r"[.,]", "", token[:mark]), token[mark + 1:]
        return min(len(tail), 6) if _close(float(f"{head or 0}.{tail}"), abs(value)) else 0
    return shown_decimals(cell)


def display_rounded(cell: Optional[CellValue], value: float, decimals: int) -> bool:
    """Whether a number stored as a number shows fewer digits than it holds (``72.1634`` shown ``72.16``)."""
    if cell is None or isinstance(cell.raw, (str, bool)) or not isinstance(cell.raw, (int, float)):
        return False
    return not _close(round(value, decimals), value)


def input_intervals(inputs: Iterable[tuple], notation: Optional[str] = None) -> list:
    """The interval each input of one formula stands for: ``[(cell, value), …]`` → ``[Interval or None, …]``.

    * a number stored as a number whose format shows fewer digits than it holds is known
      only to half a unit of its last shown digit;
    * when every input is printed with decimals (``72,16`` and ``87,45``, a table printed
      at fixed decimals), each stands for half a unit of its last digit: ``72,16`` is
      72,155…72,165;
    * otherwise each input is exact as printed: a whole number (a count, a rupiah
      amount, a target of 26) is exact, and so is a value typed beside it (16,24 of a
      target of 26 is 16,24).

    The last rule is narrower than "every decimal input is rounded": taken literally, that
    would accept the seed Renja's 62,47 % for 16,24 of 26 (16,2422 rounds to 16,24), which
    the document's own figures give as 62,46 % and the test suites keep as a real error.
    None stays None (an empty input).
    """
    items = [(cell, value) for cell, value in inputs]
    decimals = [input_decimals(cell, value, notation) if value is not None else 0 for cell, value in items]
    present = [d for (_, value), d in zip(items, decimals) if value is not None]
    all_decimal = bool(present) and all(d > 0 for d in present)
    result: list = []
    for (cell, value), d in zip(items, decimals):
        if value is None:
            result.append(None)
        elif display_rounded(cell, value, d):
            result.append(Interval.rounded(round(value, d), d))
        elif all_decimal:
            result.append(Interval.rounded(value, d))
        else:
            result.append(Interval.point(value))
    return result


def written_interval(cell: Optional[CellValue], value: float) -> Interval:
    """What a written (computed) value stands for: its shown value ± half a unit of its last shown digit."""
    decimals = shown_decimals(cell)
    return Interval.rounded(round(value, decimals), decimals)


# --- predikat labels ----------------------------------------------------------------------


def _label_key(label: str) -> str:
    return " ".join(str(label).split()).lower()


def predikat_scales(bands: PredikatBands = DEFAULT_BANDS, labels: Optional[tuple] = None) -> list:
    """The label scales of the bands, highest first: the configured one, a column's own ``labels``
    (:class:`~renja_xl.specs.base.Predikat`), and Sangat Baik … Sangat Kurang (the same cut-offs as
    LKjIPs name them) when there are five bands."""
    scales = [tuple(bands.labels)]
    for scale in (labels, LKJIP_LABELS):
        if scale and len(scale) == len(bands.labels) and tuple(scale) not in scales:
            scales.append(tuple(scale))
    return scales


def predikat_label(value: Optional[float], like: str = "", bands: PredikatBands = DEFAULT_BANDS,
                   labels: Optional[tuple] = None) -> Optional[str]:
    """The predikat of ``value`` in the scale of the written label ``like``; else in ``labels`` or the configured one."""
    own = bands.label(value)
    if own is None:
        return None
    scales = predikat_scales(bands, labels)
    default = tuple(labels) if labels and tuple(labels) in scales else scales[0]
    scale = next((x for x in scales if _label_key(like) in {_label_key(n) for n in x}), default)
    return scale[bands.labels.index(own)]


def predikat_fits(label: str, value: Interval, bands: PredikatBands = DEFAULT_BANDS,
                  labels: Optional[tuple] = None) -> bool:
    """Whether a written predikat names a band the value's interval touches, in any of the scales."""
    positions = [bands.labels.index(name) for name in predikat_bands(value, bands)]
    accepted = {_label_key(scale[i]) for scale in predikat_scales(bands, labels) for i in positions}
    return _label_key(label) in accepted


def is_predikat(label: str, bands: PredikatBands = DEFAULT_BANDS) -> bool:
    """Whether a text is a predikat label of either scale."""
    return any(_label_key(label) in {_label_key(x) for x in scale} for scale in predikat_scales(bands))


def column_label(table: Table, key: str) -> str:
    """A column's name for a message: ``Tingkat Realisasi (%)``, ``Pagu Indikatif (Rencana Tahun n+1)``."""
    col = table.spec.column(key)
    return _column_label(col.header, col.group, key.endswith("_n1"))


@lru_cache(maxsize=1024)
def _column_label(header: str, group: Optional[str], next_year: bool) -> str:
    """(Made once per column: a message names its column, and a column's findings run to thousands.)"""
    header = render_years(header, None)
    if group and len(header) <= 12:
        return f"{header} ({shorten(render_years(group, None), 40)})"
    if group and next_year:
        return f"{header} (n+1)"
    return header


def row_label(table: Table, row: Row) -> str:
    """How a message names a row: its kode and name, or its name, or its sheet row."""
    name = ""
    if "uraian" in table.columns:
        value = row.value("uraian")
        name = value if isinstance(value, str) else row.text("uraian")
    if not name.strip():
        for key in ("program", "rkpd_uraian", "indikator", "sasaran", "tahun"):
            if key in table.columns and row.text(key).strip():
                name = row.text(key)
                break
    kode = row.kode.text.strip() if row.kode is not None and row.kode.valid else (row.outline or "")
    label = f"{kode} {shorten(name)}".strip()
    return label or f"baris {row.number}"


def shorten(text: str, limit: int = 60) -> str:
    text = single_spaced(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(value: Any, decimals: Optional[int] = None, percent: bool = False) -> str:
    if isinstance(value, Target):
        return value.text.strip() or "(kosong)"
    text = number_text(value, decimals)
    return f"{text}%" if percent and isinstance(value, (int, float)) else text


def explain(table: Table, row: Row, col: ColumnSpec, number) -> str:
    """The formula of a computed column with this row's stated inputs, in words."""
    f = col.computed

    def term(key: str) -> str:
        return f"{column_label(table, key)} {number_text(number(row, key))}"

    if isinstance(f, Ratio):
        return f"{term(f.num)} ÷ {term(f.den)} × 100"
    if isinstance(f, Capaian):
        negative = f.polaritas and row.text(f.polaritas).strip().lower() == "negatif"
        base = f"{term(f.realisasi)} ÷ {term(f.target)}"
        return f"(2 − {base}) × 100, polaritas negatif" if negative else f"{base} × 100"
    if isinstance(f, Share):
        return f"{term(f.key)} ÷ jumlah {column_label(table, f.key)} × 100"
    if isinstance(f, Product):
        return f"{term(f.a)} × {term(f.b)} ÷ 100"
    if isinstance(f, Difference):
        return f"{term(f.a)} − {term(f.b)}"
    if isinstance(f, Predikat):
        return f"dari {term(f.capaian)}"
    if isinstance(f, (CumulativeOrLatest, Sum)):
        return " + ".join(term(k) for k in f.keys if k in table.columns)
    return ""


def leaf_rows(table: Table, tree) -> list:
    """The rows a column total adds up (as the compute engine does): every data row, or the leaves of the kode tree."""
    if not tree.has_levels:
        return table.data_rows
    return tree.loose + [r for node in tree.leaves for r in node.rows]


def cell_location(table: Table, row: Row, key: str) -> Location:
    return Location(table.sheet, table.address(row.number, key))
