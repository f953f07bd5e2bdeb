"""A re-run skips what it already knows: results kept by content hash, renja-xl version and settings.

The key of a file's result is the SHA-256 of

* the file's bytes, its name and its folder's name (a result can name them);
* renja-xl's version and a fingerprint of its own code and data files (a development
  install whose rules changed is a new version too);
* the settings that apply to the file: every rule's switch, severity and options, and
  the *content* of the files they name (satuan, kolom, nomenklatur — also
  ``--nomenklatur``), and the cell limit.

Where it lives: ``--cache DIR``, or a folder ``.renja-xl-cache`` in the folder that holds
every input (never inside the package: then the user's cache folder). One small JSON
file per result (``ab/abcdef….json``), written atomically; JSON and not pickle, because
a cache folder on a shared drive must never be a way to run code. A damaged or foreign
entry is a miss. Errors that depend on the moment (a time budget, memory) are not kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Optional

from .. import __version__
from .inputs import common_folder
from .result import SCHEMA, FileResult

CACHE_NAME = ".renja-xl-cache"
_NOT_KEPT = {"TimeBudgetExceeded", "unexpected", "OutputError"}
_CODE_FINGERPRINT: Optional[str] = None


def code_fingerprint() -> str:
    """renja-xl's version and the size and time of each of its code and data files (once per process)."""
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        root = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256(f"renja-xl {__version__} schema {SCHEMA}".encode())
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
                try:
                    st = path.stat()
                except OSError:
                    continue
                digest.update(f"{path.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        _CODE_FINGERPRINT = digest.hexdigest()
    return _CODE_FINGERPRINT


def _content_hash(path: Optional[str]) -> str:
    if not path:
        return ""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return "unreadable"


def settings_fingerprint(config, nomenclature: Optional[str], max_cells: int) -> str:
    """What in the settings can change a file's findings, as one hash."""
    rules = sorted((code, s.enabled, s.severity.value if s.severity else None, sorted(s.options.items()))
                   for code, s in config.rules.items())
    parts = [repr(rules), _content_hash(config.units_file), _content_hash(config.columns_file),
             _content_hash(nomenclature), str(max_cells)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def default_location(inputs: Iterable[Path]) -> Path:
    """``.renja-xl-cache`` in the folder holding every input; the user's cache folder if that is the package."""
    location = common_folder(inputs) / CACHE_NAME
    package = Path(__file__).resolve().parent.parent
    if location == package or package in location.parents:
        location = user_cache()
    return location


def user_cache() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "renja-xl"


class ResultCache:
    """Results on disk by key; every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = self.misses = self.stored = 0
        self.usable = True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tag = self.folder / "CACHEDIR.TAG"   # backup tools leave a tagged cache folder out
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# renja-xl: hasil pemeriksaan "
                               "tersimpan; boleh dihapus kapan saja.\n", encoding="utf-8")
        except OSError:
            self.usable = False

    @staticmethod
    def key(sha256: str, settings: str, path) -> str:
        """The key of a file's result: its bytes, the settings, renja-xl, and its name and folder's name.

        The name counts because what a result says can name the file: a sentence (``Berkas
        'kosong.xlsx' kosong``) and the Perangkat Daerah read from the file or folder name.
        """
        where = f"{Path(path).parent.name}/{Path(path).name}"
        return hashlib.sha256(f"{sha256}\x1f{settings}\x1f{code_fingerprint()}\x1f{where}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self.usable and self._path(key).is_file()

    def get(self, key: str) -> Optional[FileResult]:
        if not self.usable:
            return None
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                result = FileResult.from_json(json.load(handle))
        except (OSError, ValueError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if not self.usable or not result.sha256 or result.error_kind in _NOT_KEPT:
            return
        target = self._path(key)
        try:
            target.parent.mkdir(exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(result.to_json(), handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)
            self.stored += 1
        except OSError:
            pass
