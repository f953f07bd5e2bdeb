"""What every rule may read: the tables, their trees, what computed cells should hold."""

from __future__ import annotations

from functools import cached_property
from typing import Callable, Optional

from ..compute.engine import ComputedCell, FillOptions, compute_workbook
from ..hierarchy import Hierarchy, tree_of
from ..nomenclature import Nomenclature
from ..parse.units import UnitVocabulary, default_units
from ..reader.model import Row, Table
from ..reader.unknown import find_unknown_blocks
from ..reader.vocabulary import ConceptVocabulary
from ..snapshot import WorkbookSnapshot


class CheckContext:
    """Shared, lazily computed facts about one workbook for the rules."""

    def __init__(self, snapshot: WorkbookSnapshot, tables: list, units: Optional[UnitVocabulary] = None,
                 vocabulary: Optional[ConceptVocabulary] = None, nomenclature: Optional[Nomenclature] = None):
        self.snapshot = snapshot
        self.tables = tables
        self.units = units or default_units()
        self.vocabulary = vocabulary
        self.nomenclature = nomenclature   # the official kode list the user gave (--nomenklatur), if any
        self._shared: dict = {}

    def shared(self, key: str, make: Callable[["CheckContext"], object]):
        """A fact several rules need (e.g. matched cross-table rows), made once per run by ``make(self)``."""
        if key not in self._shared:
            self._shared[key] = make(self)
        return self._shared[key]

    def forget(self, key: str) -> None:
        """Let go of one shared fact once no rule still to run asks for it (made again if one does)."""
        self._shared.pop(key, None)

    def release(self) -> None:
        """Let go of what the rules shared (matched rows refer back to this context): with those references
        gone, the workbook's snapshot and tables are freed as soon as their last name goes, without waiting
        for the garbage collector."""
        self._shared.clear()
        for name in ("expected", "expected_exact", "unknown_blocks"):
            self.__dict__.pop(name, None)

    def tables_of(self, *keys: str) -> list:
        """The tables of these spec keys, in workbook order."""
        return [t for t in self.tables if t.spec.key in keys]

    @staticmethod
    def tree(table: Table) -> Hierarchy:
        return tree_of(table)

    @cached_property
    def unknown_blocks(self) -> list:
        """Table-like blocks no table covers (:func:`~renja_xl.reader.unknown.find_unknown_blocks`)."""
        return find_unknown_blocks(self.snapshot, self.tables, self.vocabulary)

    @cached_property
    def expected(self) -> dict:
        """(sheet, row, col) -> the :class:`ComputedCell` a computed cell should hold, from the stated inputs."""
        fills = compute_workbook(self.snapshot, self.tables, FillOptions(values="parsed", chain=False))
        return {(c.sheet, c.row, c.col): c for f in fills for c in f.cells}

    @cached_property
    def expected_exact(self) -> dict:
        """Like :attr:`expected`, but each formula builds on the exact computed values (bobot unrounded in TTB)."""
        fills = compute_workbook(self.snapshot, self.tables, FillOptions(values="parsed", chain=True))
        return {(c.sheet, c.row, c.col): c for f in fills for c in f.cells}

    def expectations(self, table: Table) -> list[ComputedCell]:
        return [c for (sheet, _, _), c in self.expected.items() if sheet == table.sheet and c.table == table.spec.key
                and table.header_top < c.row]

    @staticmethod
    def number(row: Row, key: str) -> Optional[float]:
        """A cell's parsed number (:meth:`Row.numeric`), as a callable rules can pass around."""
        return row.numeric(key)
