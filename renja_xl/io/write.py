"""Writing computed cells into a copy of a workbook file (openpyxl), never into the input.

Only the computed cells change (formula and number format); conditional colours are
added over Predikat cells. The copy is written atomically. ``--in-place`` keeps a
``.bak`` copy of the input first.
"""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path
from typing import Iterable

from ..compute.engine import ComputedCell
from ..compute.predikat import COLOURS
from ..errors import InputError, OutputError
from .atomic import write_bytes_atomic


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def plan_output(source: Path, output: Path | None, suffix: str, in_place: bool) -> Path:
    """Where the result goes: never the input, unless ``in_place`` (then a ``.bak`` is kept)."""
    if in_place:
        if output is not None and not _same_file(source, output):
            raise OutputError("--in-place tidak dapat digabung dengan -o/--output ke berkas lain.")
        backup = source.with_name(source.name + ".bak")
        try:
            shutil.copy2(source, backup)
        except OSError as exc:
            raise OutputError(f"Cadangan '{backup.name}' tidak dapat dibuat ({exc.strerror or exc}); berkas asli tidak diubah.") from None
        return source
    target = output or source.with_name(f"{source.stem}{suffix}{source.suffix}")
    if _same_file(source, target):
        raise OutputError(f"Hasil tidak boleh menimpa berkas masukan '{source.name}'; pilih nama lain atau pakai --in-place.")
    return target


def _colour_predikat(ws, cells: list[ComputedCell]) -> None:
    """Conditional fills over each Predikat column, once (an earlier fill's rules are kept)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    by_col: dict[int, list[int]] = {}
    for c in cells:
        by_col.setdefault(c.col, []).append(c.row)
    for col, rows in by_col.items():
        letter = get_column_letter(col)
        ref = f"{letter}{min(rows)}:{letter}{max(rows)}"
        existing = {str(rng.sqref) for rng in ws.conditional_formatting}
        if ref in existing:
            continue  # already coloured by an earlier fill
        for label, colour in COLOURS.items():
            rule = FormulaRule(formula=[f'${letter}{min(rows)}="{label}"'],
                               fill=PatternFill("solid", start_color=colour, end_color=colour))
            ws.conditional_formatting.add(ref, rule)


def write_computed(source: Path, target: Path, cells: Iterable[ComputedCell]) -> None:
    """Copy ``source`` to ``target`` with the computed cells written as live formulas."""
    import openpyxl

    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=True)
    except Exception as exc:
        raise InputError(f"Berkas '{source.name}' tidak dapat dibuka untuk ditulis ({type(exc).__name__}).") from exc
    cells = list(cells)
    by_sheet: dict[str, list[ComputedCell]] = {}
    for c in cells:
        by_sheet.setdefault(c.sheet, []).append(c)
    for sheet_name, sheet_cells in by_sheet.items():
        ws = book[sheet_name]
        for c in sheet_cells:
            cell = ws.cell(c.row, c.col)
            cell.value = c.formula
            if c.number_format:
                cell.number_format = c.number_format
        _colour_predikat(ws, [c for c in sheet_cells if c.key == "predikat"])
    book.calculation.fullCalcOnLoad = True  # Excel recalculates the new formulas on opening
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(target, buffer.getvalue())
