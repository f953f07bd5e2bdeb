"""Writing computed cells into a copy of a workbook file, never into the input.

Only the computed cells change (formula and number format); conditional colours are
added over Predikat cells. The copy is written atomically. ``--in-place`` keeps a
backup of the input first (``.bak``, kept for good; later runs add ``.bak.1``…) and
writes through a symbolic link into the file it points to, keeping that file's mode.

A copy has the extension its content needs: Excel refuses a macro-enabled package named
``.xlsx`` (and a plain one named ``.xlsm``), so the default name takes the extension of
the input's content and an ``-o`` with another one is refused.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Iterable, Optional

from ..compute.engine import ComputedCell
from ..edits import fill_edits
from ..errors import InputError, OutputError
from .atomic import keep_backup, real_target, why
from .package import DEFAULT_LIMITS, Limits, workbook_extension
from .patch import patch_file

_MACROS = {".xlsm": "berisi makro", ".xltm": "templat bermakro", ".xlam": "add-in bermakro",
           ".xltx": "templat", ".xlsx": "tanpa makro"}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def content_extension(source: Path) -> str:
    """The extension the content of ``source`` requires (``.xlsm`` for macros…); its own suffix when unknown."""
    from .files import open_regular

    try:
        with open_regular(source) as handle, zipfile.ZipFile(handle) as archive:
            found = workbook_extension(archive)
    except (InputError, zipfile.BadZipFile, OSError):
        found = None
    return found or source.suffix.lower() or ".xlsx"


def _check_extension(source: Path, target: Path, expected: str) -> None:
    if target.suffix.lower() != expected:
        kind = _MACROS.get(expected, "")
        raise OutputError(
            f"Salinan dari '{source.name}' ({kind}) harus berakhiran {expected}, bukan "
            f"'{target.suffix or '(tanpa akhiran)'}': Excel menolak membuka buku kerja yang isinya tidak sesuai "
            f"akhiran namanya; pakai -o {target.stem}{expected}.")


def plan_target(source: Path, output: Optional[Path], suffix: str, in_place: bool) -> tuple[Path, Optional[Path]]:
    """(where the result goes, the backup kept): never the input, unless ``in_place``.

    With ``in_place`` the result goes to the input's real file (a symbolic link followed)
    and a backup of its current bytes is kept beside it first (:func:`keep_backup`).
    """
    if in_place:
        if output is not None and not _same_file(source, output):
            raise OutputError("--in-place tidak dapat digabung dengan -o/--output ke berkas lain.")
        real = real_target(source)
        from .files import open_regular

        try:
            with open_regular(real) as handle:
                data = handle.read()
                like = os.fstat(handle.fileno())
        except InputError as exc:
            raise OutputError(f"Cadangan berkas '{source.name}' tidak dapat dibuat ({exc}); berkas asli tidak diubah.") \
                from None
        except OSError as exc:
            raise OutputError(f"Cadangan berkas '{source.name}' tidak dapat dibuat ({why(exc)}); berkas asli tidak "
                              "diubah.") from None
        try:
            backup = keep_backup(real, data, like)
        except OSError as exc:
            raise OutputError(f"Cadangan '{real.name}.bak' tidak dapat dibuat ({why(exc)}); berkas asli tidak "
                              "diubah.") from None
        return real, backup
    expected = content_extension(source)
    if output is not None:
        _check_extension(source, output, expected)
        target = output
    else:
        target = source.with_name(f"{source.stem}{suffix}{expected}")
    if _same_file(source, target):
        raise OutputError(f"Hasil tidak boleh menimpa berkas masukan '{source.name}'; pilih nama lain atau pakai --in-place.")
    return target, None


def plan_output(source: Path, output: Path | None, suffix: str, in_place: bool) -> Path:
    """Where the result goes (see :func:`plan_target`, whose backup this leaves unnamed)."""
    return plan_target(source, output, suffix, in_place)[0]


def write_computed(source: Path, target: Path, cells: Iterable[ComputedCell], limits: Limits = DEFAULT_LIMITS) -> None:
    """Copy ``source`` to ``target`` with the computed cells written as live formulas (Predikat coloured).

    The copy is the input's own package with only the changed parts rewritten
    (:mod:`renja_xl.io.patch`): charts, buttons, VBA and everything else stay as they were.
    """
    patch_file(source, target, fill_edits(cells), limits)
