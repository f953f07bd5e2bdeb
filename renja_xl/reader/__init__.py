"""Find official tables in a workbook snapshot and read them into a table model."""

from .headers import normalise
from .model import CellValue, Row, SkippedRow, Table, SKIP_REASONS
from .scan import find_tables, locate_tables, parse_tables

__all__ = ["CellValue", "Row", "SKIP_REASONS", "SkippedRow", "Table", "find_tables", "locate_tables",
           "normalise", "parse_tables"]
