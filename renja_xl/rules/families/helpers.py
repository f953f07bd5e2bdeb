"""Small helpers the rule families share: tolerances, labels, formula explanations."""

from __future__ import annotations

import re
from typing import Any, Optional

from ...parse.targets import Target
from ...reader.model import CellValue, Row, Table
from ...specs.base import Capaian, ColumnSpec, CumulativeOrLatest, Difference, Predikat, Product, Ratio, Share, render_years
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


def column_label(table: Table, key: str) -> str:
    """A column's name for a message: ``Tingkat Realisasi (%)``, ``Pagu Indikatif (Rencana Tahun n+1)``."""
    col = table.spec.column(key)
    header = render_years(col.header, None)
    if col.group and len(header) <= 12:
        return f"{header} ({shorten(render_years(col.group, None), 40)})"
    if col.group and key.endswith("_n1"):
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
    kode = row.kode.text.strip() if row.kode is not None and row.kode.valid else ""
    label = f"{kode} {shorten(name)}".strip()
    return label or f"baris {row.number}"


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
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
    if isinstance(f, CumulativeOrLatest):
        return " + ".join(term(k) for k in f.keys if k in table.columns)
    return ""


def cell_location(table: Table, row: Row, key: str) -> Location:
    return Location(table.sheet, table.address(row.number, key))
