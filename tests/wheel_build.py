"""The renja-xl wheel, built once per test session the way a release is built (``pip wheel .``, PEP 517)."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def built_wheel() -> Path:
    """The wheel file (a temporary folder, removed when the session ends)."""
    out = Path(tempfile.mkdtemp(prefix="renja_xl_wheel_"))
    atexit.register(shutil.rmtree, out, True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(out), "-q"],
                   check=True, capture_output=True, text=True)
    (wheel,) = out.glob("renja_xl-*.whl")
    return wheel


@functools.lru_cache(maxsize=None)
def unpacked_wheel() -> Path:
    """The wheel's files, unpacked as an installer puts them into site-packages."""
    folder = built_wheel().parent / "unpacked"
    with zipfile.ZipFile(built_wheel()) as archive:
        archive.extractall(folder)
    return folder
