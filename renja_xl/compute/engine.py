"""Computed columns: the live Excel formula for each cell, and the same value in Python.

One function per formula kind of the specs builds both the formula text and the value
Excel will show, from the same inputs, so what LibreOffice recalculates equals what
Python says (the tests prove it), and the checks can compare a typed value with what
it should be.

Two ways to read the inputs (:class:`FillOptions` ``values``):

* ``"excel"`` (for ``fill``): only cells Excel holds as numbers count, exactly as the
  formulas see them (``"15 jenis"`` or ``"2,589"`` typed as text give an empty result);
* ``"parsed"`` (for the checks): the reader's parse counts too, so a typed value can be
  checked even when it is text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..hierarchy import Hierarchy, Node, children_sum, tree_of
from ..parse.indicators import indicator_kind
from ..parse.targets import Target
from ..reader.model import Row, Table
from ..snapshot import SheetSnapshot, WorkbookSnapshot, a1
from ..specs.base import (
    Capaian,
    ColumnSpec,
    CumulativeOrLatest,
    Difference,
    Predikat,
    Product,
    Ratio,
    Role,
    Rollup,
    Share,
    Sum,
)
from . import excel
from .predikat import DEFAULT_BANDS, PredikatBands, relabelled

PERCENT_POINTS_FORMAT = '0.00"%"'
_ROLE_FORMATS = {Role.PERCENT: PERCENT_POINTS_FORMAT, Role.PAGU: "#,##0", Role.NUMBER: "0.00"}



def is_negative(polaritas: Any) -> bool:
    """Whether a Polaritas cell says the indicator is better when lower ("Negatif")."""
    return isinstance(polaritas, str) and polaritas.strip().lower() == "negatif"


def capaian_value(realisasi: Optional[float], target: Optional[float], negative: bool = False) -> Optional[float]:
    """Capaian in percent points: realisasi/target x 100, or (2 - realisasi/target) x 100 for a negative
    polarity; None without both numbers or with a zero target (the Excel formula gives "" there too)."""
    if realisasi is None or target is None or target == 0:
        return None
    return (2 - realisasi / target) * 100 if negative else realisasi / target * 100

@dataclass(frozen=True)
class ComputedCell:
    """A cell ``fill`` writes: its formula, the value Excel will show, and its number format."""

    table: str
    sheet: str
    row: int
    col: int
    key: str
    formula: str
    value: Any  # float, str, or None for an empty result
    number_format: Optional[str] = None

    @property
    def address(self) -> str:
        return a1(self.row, self.col)


@dataclass(frozen=True)
class FillOptions:
    rollup: bool = False                 # also sum kegiatan/program/total pagu from their children
    bands: PredikatBands = DEFAULT_BANDS
    values: str = "excel"                # or "parsed"
    chain: bool = True                   # a formula builds on computed cells (False: on the stated ones)


@dataclass
class TableFill:
    """The computed cells of one table, and the computed columns it does not have."""

    table: Table
    cells: list = field(default_factory=list)
    missing: list = field(default_factory=list)   # computed column keys absent from the sheet


class _TableComputer:
    """Computes one table; keeps the values it has computed so later formulas build on them."""

    def __init__(self, table: Table, sheet: SheetSnapshot, options: FillOptions):
        self.table, self.sheet, self.options = table, sheet, options
        self.spec = table.spec
        self.values: dict[tuple[int, str], Any] = {}
        self.cells: list[ComputedCell] = []
        self.tree: Hierarchy = tree_of(table)

    # --- inputs -----------------------------------------------------------------------

    def has(self, key: Optional[str]) -> bool:
        return key is not None and key in self.table.columns

    def operand(self, row: int, key: str) -> excel.Operand:
        col = self.table.columns[key]
        fraction = (row, key) not in self.values and self.sheet.is_percent(row, col)
        return excel.operand(a1(row, col), fraction)

    def number(self, row: Row, key: str) -> Optional[float]:
        if self.options.chain and (row.number, key) in self.values:
            value = self.values[(row.number, key)]
            return float(value) if isinstance(value, (int, float)) else None
        col = self.table.columns[key]
        raw = self.sheet.value(row.number, col)
        if isinstance(raw, bool):
            return None
        if isinstance(raw, (int, float)):
            return float(raw) * (100 if self.sheet.is_percent(row.number, col) else 1)
        if self.options.values == "parsed":
            return row.numeric(key)
        return None

    def emit(self, row: Row, key: str, formula: str, value: Any, number_format: Optional[str] = None) -> None:
        col = self.table.columns[key]
        self.values[(row.number, key)] = value
        self.cells.append(ComputedCell(self.spec.key, self.table.sheet, row.number, col, key, formula, value,
                                       number_format))

    def fmt(self, col: ColumnSpec) -> Optional[str]:
        if col.role == Role.PERCENT:
            return PERCENT_POINTS_FORMAT
        return col.number_format or _ROLE_FORMATS.get(col.role)

    # --- formula kinds -----------------------------------------------------------------

    def ratio(self, row: Row, col: ColumnSpec, f: Ratio) -> None:
        n, d = self.number(row, f.num), self.number(row, f.den)
        value = None if n is None or d is None or d == 0 else n / d * f.scale
        formula = excel.ratio(self.operand(row.number, f.num), self.operand(row.number, f.den), f.scale)
        self.emit(row, col.key, formula, value, self.fmt(col))

    def capaian(self, row: Row, col: ColumnSpec, f: Capaian) -> None:
        r, t = self.number(row, f.realisasi), self.number(row, f.target)
        negative = False
        pol = None
        if self.has(f.polaritas):
            pol = self.operand(row.number, f.polaritas)
            raw = self.sheet.value(row.number, self.table.columns[f.polaritas])
            negative = is_negative(raw)
        value = capaian_value(r, t, negative)
        formula = excel.capaian(self.operand(row.number, f.realisasi), self.operand(row.number, f.target), pol)
        self.emit(row, col.key, formula, value, self.fmt(col))

    def cumulative_or_latest(self, row: Row, col: ColumnSpec, f: CumulativeOrLatest) -> None:
        keys = [k for k in f.keys if self.has(k)]
        ops = [self.operand(row.number, k) for k in keys]
        numbers = [self.number(row, k) for k in keys]
        latest, percent = self._is_latest(row, f, keys)
        if latest:
            value = next((n for n in reversed(numbers) if n is not None), None)
            self.emit(row, col.key, excel.latest(ops), value, PERCENT_POINTS_FORMAT if percent else "General")
        else:
            present = [n for n in numbers if n is not None]
            value = sum(present) if present else None
            self.emit(row, col.key, excel.cumulative(ops), value, "General")

    def _is_latest(self, row: Row, f: CumulativeOrLatest, keys: list) -> tuple[bool, bool]:
        """(take the latest value rather than the sum, the values are percentages)."""
        kind = indicator_kind(row.text(f.indikator)) if self.has(f.indikator) else None
        percent_values = any(
            self.sheet.is_percent(row.number, self.table.columns[key])
            or (isinstance(row.value(key), Target) and row.value(key).kind == "percent")
            for key in keys
        )
        if kind == "index":
            return True, False
        if kind == "percent":
            return True, True
        if kind == "count":
            return False, False
        return percent_values, percent_values

    def sum(self, row: Row, col: ColumnSpec, f: Sum) -> None:
        keys = [k for k in f.keys if self.has(k)]
        present = [n for n in (self.number(row, k) for k in keys) if n is not None]
        formula = excel.cumulative([self.operand(row.number, k) for k in keys])
        self.emit(row, col.key, formula, sum(present) if present else None, self.fmt(col))

    def share(self, row: Row, col: ColumnSpec, f: Share) -> None:
        part = self.number(row, f.key)
        total_expr, total = self.column_total(f.key)
        value = None if part is None or not total else part / total * 100
        self.emit(row, col.key, excel.share(self.operand(row.number, f.key), total_expr), value, self.fmt(col))

    def product(self, row: Row, col: ColumnSpec, f: Product) -> None:
        a, b = self.number(row, f.a), self.number(row, f.b)
        value = None if a is None or b is None else a * b * f.scale
        formula = excel.product(self.operand(row.number, f.a), self.operand(row.number, f.b), f.scale)
        self.emit(row, col.key, formula, value, self.fmt(col))

    def difference(self, row: Row, col: ColumnSpec, f: Difference) -> None:
        a, b = self.number(row, f.a), self.number(row, f.b)
        value = None if a is None or b is None else a - b
        formula = excel.difference(self.operand(row.number, f.a), self.operand(row.number, f.b))
        self.emit(row, col.key, formula, value, self.fmt(col))

    def predikat(self, row: Row, col: ColumnSpec, f: Predikat) -> None:
        bands = relabelled(self.options.bands, f.labels)
        value = bands.label(self.number(row, f.capaian))
        formula = excel.predikat(self.operand(row.number, f.capaian), bands.bands, bands.lowest)
        self.emit(row, col.key, formula, value)

    # --- sums over rows ------------------------------------------------------------------

    def leaf_rows(self) -> list:
        if not self.tree.has_levels:
            return self.table.data_rows
        return self.tree.loose + [r for node in self.tree.leaves for r in node.rows]

    def _sum(self, rows: list, key: str) -> tuple[str, float]:
        ops = [self.operand(r.number, key) for r in rows]
        present = [n for n in (self.number(r, key) for r in rows) if n is not None]
        return excel.sum_of(ops), float(sum(present))

    def column_total(self, key: str) -> tuple[str, float]:
        """(Excel expression, value) of a column's total: the total row's cell when there is one."""
        expr, value = self._sum(self.leaf_rows(), key)
        totals = self.table.total_rows
        if totals and self.spec.column(key).total == "sum":
            col = self.table.columns[key]
            return excel.address(totals[0].number, col, absolute=True), value
        return expr, value

    def amount_expr(self, node: Node, key: str) -> tuple[list[str], list[str]]:
        """(plain addresses, IF expressions) that give each counted child's amount in Excel."""
        plain, complex_ = [], []
        for child in node.counted_children:
            own = self.operand(child.row.number, key)
            if not child.continuation:
                plain.append(own.test)
                continue
            parts = excel.sum_of([self.operand(r.number, key) for r in child.continuation])
            complex_.append(f"IF(ISNUMBER({own.test}),{own.expr},{parts})")
        return plain, complex_

    def rollup_node(self, row: Row, node: Node, col: ColumnSpec) -> None:
        plain, complex_ = self.amount_expr(node, col.key)
        args = excel.compress(plain) + complex_
        value = children_sum(node, lambda r: self.number(r, col.key)) or 0.0
        self.emit(row, col.key, f"=SUM({','.join(args)})", value, self.fmt(col))

    def rollup(self, col: ColumnSpec) -> None:
        for node in reversed(self.tree.nodes):
            if node.counted_children:
                self.rollup_node(node.row, node, col)

    def total(self, row: Row, col: ColumnSpec) -> None:
        how = col.total
        if how == "sum":
            expr, value = self._sum(self.leaf_rows(), col.key)
            self.emit(row, col.key, "=" + expr, value, self.fmt(col))
        elif how == "rollup" and self.options.rollup:
            top = Node(row=row, level=None, children=list(self.tree.roots))
            self.rollup_node(row, top, col)
        elif how == "average":
            rows = self.table.data_rows
            ops = [self.operand(r.number, col.key) for r in rows]
            present = [n for n in (self.number(r, col.key) for r in rows) if n is not None]
            value = sum(present) / len(present) if present else None
            self.emit(row, col.key, excel.total_average(ops), value, self.fmt(col))
        elif how == "formula":
            self.apply(row, col)

    # --- driver --------------------------------------------------------------------------

    def apply(self, row: Row, col: ColumnSpec) -> None:
        f = col.computed
        handler = {
            Ratio: self.ratio, Capaian: self.capaian, CumulativeOrLatest: self.cumulative_or_latest, Sum: self.sum,
            Share: self.share, Product: self.product, Difference: self.difference, Predikat: self.predikat,
        }.get(type(f))
        if handler is not None:
            handler(row, col, f)

    def run(self) -> TableFill:
        result = TableFill(self.table)
        for col in self.spec.columns:
            if col.computed is not None and not self.has(col.key) and col.in_template:
                result.missing.append(col.key)
        present = [c for c in self.spec.columns if self.has(c.key)]
        if self.options.rollup:
            for col in present:
                if isinstance(col.computed, Rollup):
                    self.rollup(col)
        for col in present:
            if col.computed is None or isinstance(col.computed, Rollup):
                continue
            if not all(self.has(k) for k in _inputs(col.computed) if k != getattr(col.computed, "polaritas", None)):
                result.missing.append(col.key)
                continue
            for row in self.table.data_rows:
                self.apply(row, col)
        for total_row in self.table.total_rows:
            for col in present:
                if col.total:
                    self.total(total_row, col)
        result.cells = self.cells
        return result


def _inputs(formula) -> tuple[str, ...]:
    if isinstance(formula, Ratio):
        return (formula.num, formula.den)
    if isinstance(formula, Capaian):
        return (formula.realisasi, formula.target)
    if isinstance(formula, CumulativeOrLatest):
        return formula.keys[:1]
    if isinstance(formula, Sum):
        return formula.keys
    if isinstance(formula, Share):
        return (formula.key,)
    if isinstance(formula, (Product, Difference)):
        return (formula.a, formula.b)
    if isinstance(formula, Predikat):
        return (formula.capaian,)
    return ()


def compute_table(table: Table, sheet: SheetSnapshot, options: FillOptions = FillOptions()) -> TableFill:
    """The computed cells of one table."""
    return _TableComputer(table, sheet, options).run()


def compute_workbook(snapshot: WorkbookSnapshot, tables: list, options: FillOptions = FillOptions()) -> list:
    """The computed cells of every table, one :class:`TableFill` per table."""
    sheets = {s.name: s for s in snapshot}
    return [compute_table(t, sheets[t.sheet], options) for t in tables]
