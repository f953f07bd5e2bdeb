"""The workbooks a batch check is given: files as named, folders searched recursively.

Within a folder the same entries are listed as ``renja-xl check DIR`` always listed
(:data:`renja_xl.io.files.FOLDER_SUFFIXES`, lock files ``~$…`` and checked copies
``…_diperiksa`` left out, anything named like a workbook kept so that it gets its
sentence), now in every subfolder too: sorted by path, folders whose name starts with
a dot (``.renja-xl-cache``, ``.git``) passed over, a folder reached twice through links
read once. ``exclude`` leaves out the rekap and the ceiling file when they lie among
the inputs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..io.files import FOLDER_SUFFIXES


def _listed(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return suffix.lower() in FOLDER_SUFFIXES and not name.startswith("~$") and not stem.endswith("_diperiksa")


def walk_folder(folder: Path) -> list[Path]:
    out: list[Path] = []
    seen: set = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(root)
            ident = (st.st_dev, st.st_ino)
        except OSError:
            dirs[:] = []
            continue
        if ident in seen:     # a link back up: read once
            dirs[:] = []
            continue
        seen.add(ident)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in files:
            if _listed(name) and not (base / name).is_dir():
                out.append(base / name)
    return sorted(out, key=lambda p: p.relative_to(folder).parts)


def expand(paths: Iterable, exclude: Iterable = ()) -> list[Path]:
    """Files as given and the workbooks under folders, recursively (see the module's docstring)."""
    skip = set()
    for item in exclude:
        if item:
            try:
                skip.add(Path(item).resolve())
            except OSError:
                pass
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out.extend(f for f in walk_folder(p) if not skip or f.resolve() not in skip)
        else:
            out.append(p)
    return out


def common_folder(inputs: Iterable[Path]) -> Path:
    """The folder holding every input (files and folders as given; the current folder when none)."""
    folders = []
    for item in inputs:
        p = Path(item).resolve()
        folders.append(str(p if p.is_dir() else p.parent))
    try:
        return Path(os.path.commonpath(folders)) if folders else Path.cwd()
    except ValueError:   # different drives
        return Path(folders[0])
