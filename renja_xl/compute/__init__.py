"""Computed columns: live Excel formulas and their values in Python, from the specs."""

from .engine import ComputedCell, FillOptions, TableFill, compute_table, compute_workbook
from .predikat import DEFAULT_BANDS, PredikatBands

__all__ = ["ComputedCell", "DEFAULT_BANDS", "FillOptions", "PredikatBands", "TableFill", "compute_table",
           "compute_workbook"]
