"""Writing computed cells into a copy of a workbook file, never into the input.

Only the computed cells change (formula and number format); conditional colours are
added over Predikat cells. The copy is written atomically. ``--in-place`` keeps a
``.bak`` copy of the input first.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

from ..compute.engine import ComputedCell
from ..edits import fill_edits
from ..errors import OutputError
from .package import DEFAULT_LIMITS, Limits
from .patch import patch_file


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


def write_computed(source: Path, target: Path, cells: Iterable[ComputedCell], limits: Limits = DEFAULT_LIMITS) -> None:
    """Copy ``source`` to ``target`` with the computed cells written as live formulas (Predikat coloured).

    The copy is the input's own package with only the changed parts rewritten
    (:mod:`renja_xl.io.patch`): charts, buttons, VBA and everything else stay as they were.
    """
    patch_file(source, target, fill_edits(cells), limits)
