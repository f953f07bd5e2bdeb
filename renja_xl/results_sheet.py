"""The results sheet renja-xl writes (Hasil Validasi): its title, how it is told from a user's sheet, its name.

One home for what ``renja-xl check``, the batch worker, the Periksa button and the reader
(which passes renja-xl's own report sheets over) all need to agree on. A sheet is renja-xl's
results sheet when its name is ``Hasil Validasi`` (or ``Hasil Validasi (2)``…, ignoring case,
as Excel compares names) *and* its first cell is the title written here; any other sheet of
that name is the user's, is read like any other sheet, and is never replaced: the results
then go to the first free ``Hasil Validasi (n)``.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .edits import RESULTS_SHEET

TITLE_MARK = "Hasil pemeriksaan renja-xl"


def results_title(workbook_name: str, counts: str) -> str:
    """The first cell of the results sheet: ``Hasil pemeriksaan renja-xl untuk <nama>: <jumlah temuan>.``"""
    return f"{TITLE_MARK} untuk {workbook_name}: {counts}."


def is_results_title(value: Any) -> bool:
    """Whether a first cell holds the title :func:`results_title` writes."""
    return isinstance(value, str) and value.startswith(TITLE_MARK)


def base_name(name: str) -> str:
    """A sheet name without the `` (n)`` a second sheet of the same name gets."""
    head, sep, tail = name.rpartition(" (")
    return head if sep and tail.endswith(")") and tail[:-1].isdigit() else name


def is_results_sheet(name: str, first_cell: Any) -> bool:
    """Whether a sheet (its name and the value of its A1) is a results sheet renja-xl wrote."""
    return base_name(name).casefold() == RESULTS_SHEET.casefold() and is_results_title(first_cell)


def free_name(wanted: str, names: Iterable[str], ours: Callable[[str], bool]) -> tuple[str, bool]:
    """(the name a sheet renja-xl writes gets, whether it replaces an earlier one of renja-xl's of that name).

    ``names``: every sheet name of the workbook; ``ours(name)``: whether that sheet is one
    renja-xl wrote. Names are compared ignoring case; a name taken by a sheet of the user's
    is passed over: ``wanted (2)``, ``wanted (3)``… instead.
    """
    taken: dict = {}
    for name in names:
        taken.setdefault(name.casefold(), name)
    n = 1
    while True:
        name = wanted if n == 1 else f"{wanted} ({n})"
        existing = taken.get(name.casefold())
        if existing is None:
            return name, False
        if ours(existing):
            return existing, True
        n += 1
