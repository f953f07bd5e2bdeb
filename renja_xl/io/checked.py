"""The checked copy of a workbook: a 'Hasil Validasi' sheet and the cells involved marked.

What goes into the copy is :func:`renja_xl.edits.check_edits` (the same plan the Excel
button applies); this module writes it into a copy of the file's own package. The
results sheet goes in as rows made while the copy is written, never as a list of cells:
the copy of a workbook with 60,000 findings is written in the memory of a few rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..edits import RESULTS_SHEET, check_edits
from ..rules.base import Finding
from .package import DEFAULT_LIMITS, Limits
from .patch import patch_file

__all__ = ["RESULTS_SHEET", "write_checked"]


def write_checked(source: Path, target: Path, findings: list[Finding], title: str, sheet_names: Iterable[str],
                  limits: Limits = DEFAULT_LIMITS) -> None:
    """Copy ``source`` to ``target`` with the results sheet and the marks; ``sheet_names`` are its worksheets."""
    patch_file(source, target, check_edits(findings, title, sheet_names, with_cells=False), limits)
