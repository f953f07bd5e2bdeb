"""Writing output files atomically: a temporary file beside the target, then a rename.

A failure or Ctrl-C mid-write never leaves half a workbook, and the target is only
replaced once the new content is complete on disk.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path

from ..errors import OutputError


STALE_AFTER_SECONDS = 3600


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of this target left by a killed run (an hour old: no live writer owns them)."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Folder tujuan '{folder}' tidak ada; hasil '{target.name}' tidak dapat ditulis.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis di '{folder}': {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _remove_stale_temporaries(target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis: {exc.strerror or exc}.") from None
        raise
