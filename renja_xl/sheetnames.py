"""The names of the sheets renja-xl writes into a workbook, in one light module.

The writers take their names from here (``check``'s Hasil Validasi, ``bandingkan``'s
Perubahan, ``perbaiki``'s Perbaikan and its undo record), and the reader asks
:func:`may_be_report_sheet` before it imports the modules that know each sheet's title or
header row: a workbook without such a sheet is read without importing them.
"""

from __future__ import annotations

RESULTS_SHEET = "Hasil Validasi"
CHANGES_SHEET = "Perubahan"
FIXES_SHEET = "Perbaikan"
UNDO_SHEET = "renja-xl-batal"

_NAMES = tuple(name.casefold() for name in (RESULTS_SHEET, CHANGES_SHEET, FIXES_SHEET, UNDO_SHEET))


def may_be_report_sheet(name: str) -> bool:
    """Whether a sheet's name is one renja-xl gives its own sheets (``Hasil Validasi (2)`` too, any case);
    whether the sheet is renja-xl's is then told by its title or header row."""
    return name.casefold().startswith(_NAMES)
