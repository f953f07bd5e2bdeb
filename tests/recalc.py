"""Recalculate workbooks in LibreOffice headless (Debian's libreoffice-calc-nogui).

``soffice --convert-to xlsx`` opens each file, recalculates the formulas openpyxl
wrote (which carry no cached values) and saves the results; read them back with
``openpyxl.load_workbook(..., data_only=True)``. A missing soffice is a failure,
never a skip: the formula tests are the proof that the formulas work.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise AssertionError("soffice (LibreOffice) is not installed: run .ci/run, or apt-get install libreoffice-calc-nogui")
    return path


def recalculate(paths: list[Path], out_dir: Path) -> list[Path]:
    """Recalculated copies of ``paths`` in ``out_dir`` (one LibreOffice start for all)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo_profile_"))
    try:
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--calc",
             "--convert-to", "xlsx", "--outdir", str(out_dir), *map(str, paths)],
            check=True, capture_output=True, timeout=600,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    results = [out_dir / Path(p).with_suffix(".xlsx").name for p in paths]
    missing = [r for r in results if not r.exists()]
    assert not missing, f"LibreOffice produced no output for {missing}"
    return results
