"""One file's task, wherever it runs: this process, a process of the pool, or a Dask worker.

:func:`check_task` does what ``renja-xl check FILE`` does for one workbook — the same
:func:`~renja_xl.io.files.read_and_check` with the same settings, then the checked copy
— and returns a :class:`~renja_xl.batch.result.FileResult`: findings, tables as dicts,
the figures of :mod:`.summary`. The snapshot and the tables die with the task, so a
worker's memory does not grow with the number of files it is given.

A file that cannot be used gives a result with its sentence, never an exception: an
unexpected crash too (``kesalahan tak terduga``). Only Ctrl-C goes through.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import RenjaXLError
from ..io.package import DEFAULT_LIMITS, Limits
from ..rules.config import CheckConfig
from .result import FileResult


@dataclass
class Task:
    """Everything a worker needs to check one file (picklable; the paths are read by the worker)."""

    path: str                                # where the worker reads it (absolute for a cluster)
    display: str = ""                        # the path as listed, named in the results ("" = path)
    config: CheckConfig = field(default_factory=CheckConfig)
    nomenclature: Optional[str] = None       # --nomenklatur or the settings' nomenklatur = …
    limits: Limits = DEFAULT_LIMITS
    output: Optional[str] = None             # None: no checked copy; "": beside the input; else this path
    max_seconds: Optional[float] = None      # this file's time budget (main thread of its process only)
    debug: bool = False
    digest: bool = True                      # the file's SHA-256 wanted (the cache's key, the rekap's column)
    across: bool = True                      # its programs and kodes wanted (checks across files, the rekap)


_MEMO: dict = {}


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
        return (path, st.st_mtime_ns, st.st_size)
    except OSError:
        return (path, None, None)


def _memo(kind: str, path: Optional[str], load):
    """A settings file read once per process (and again when it changes)."""
    if not path:
        return None
    key = (kind, *_stamp(path))
    if key not in _MEMO:
        if len(_MEMO) > 64:
            _MEMO.clear()
        _MEMO[key] = load(path)
    return _MEMO[key]


def _units(path):
    from ..parse.units import load_units

    return load_units(path)


def _vocabulary(path):
    from ..reader.vocabulary import load_concepts

    return load_concepts(path)


def _nomenclature(path):
    from ..io.nomenclature import load_nomenclature

    return load_nomenclature(path)


def file_sha256(path: str) -> str:
    """The content hash of a regular file ("" when it cannot be read: the check says why)."""
    import hashlib   # here: loading OpenSSL costs a process 4 MB, and a check wants the hash only for a cache or rekap

    from ..io.files import open_regular

    try:
        digest = hashlib.sha256()
        with open_regular(Path(path)) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except (RenjaXLError, OSError):
        return ""


def _bounded(seconds: Optional[float]):
    """The file's time budget where a timer can interrupt (the main thread); elsewhere none."""
    from contextlib import nullcontext

    from ..io.budget import time_budget

    if seconds and threading.current_thread() is threading.main_thread():
        return time_budget(seconds)
    return nullcontext()


def check_task(task: Task) -> FileResult:
    """Check one file as ``renja-xl check FILE`` does; the outcome as a :class:`FileResult`."""
    started = time.perf_counter()
    result = FileResult(file=task.path)
    try:
        with _bounded(task.max_seconds):
            _check(task, result)
    except RenjaXLError as exc:
        result.error, result.error_kind = str(exc), type(exc).__name__
        if task.debug:
            result.detail = traceback.format_exc()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a bug: the file's row says so, the run goes on
        result.error = (f"kesalahan tak terduga pada '{Path(task.path).name}' ({type(exc).__name__}: {exc}); "
                        "jalankan dengan --debug untuk rinciannya.")
        result.error_kind = "unexpected"
        if task.debug:
            result.detail = traceback.format_exc()
    if result.error is not None:
        result.tables, result.findings, result.output = [], [], None
    result.seconds = time.perf_counter() - started
    return result


def _check(task: Task, result: FileResult) -> None:
    from ..io.files import paused_gc, read_and_check
    from ..rules.engine import in_report_order
    from ..report import counts_text, severity_counts
    from . import summary

    path = Path(task.path)
    config = task.config
    units = _memo("units", config.units_file, _units)
    vocabulary = _memo("kolom", config.columns_file, _vocabulary)
    nomenclature = _memo("nomenklatur", task.nomenclature, _nomenclature)
    if task.digest:
        result.sha256 = file_sha256(task.path)
    try:
        result.size = os.stat(path).st_size
    except OSError:
        pass
    # the collector stays paused until the copy is written: on its return it would first walk every object
    # the check made (the snapshot, the tables: a million at 10,000 rows) two or three times over, for nothing
    with paused_gc():
        # the findings stay packed while the workbook is held: the check's peak is the workbook or the findings,
        # never both
        snapshot, tables, packed = read_and_check(path, config, units, task.limits, vocabulary, nomenclature,
                                                  packed=True)
        result.sheet_names = [sheet.name for sheet in snapshot]
        result.tables = [{"sheet": t.sheet, "table": t.spec.key, "header_range": t.header_range,
                          "data_range": t.data_range,
                          "title": t.spec.title if t.spec.document == "umum" else t.spec.sheet,
                          "rows": len(t.data_rows)} for t in tables]
        try:
            result.meta = summary.describe(path, snapshot, tables)
            result.figures = summary.figures(tables)
            if task.across:   # one file alone, without rekap or ceilings, is compared with no other
                result.programs = summary.programs(tables)
                result.kodes = summary.kodes(tables)
        except Exception as exc:  # the rekap's figures never cost a file its findings
            result.meta = {"perangkat_daerah": summary.pd_from_path(path) or "(tidak diketahui)", "dokumen": "Lainnya",
                           "tahun": None, "judul": "", "catatan": f"ringkasan gagal: {type(exc).__name__}"}
        # no cycle holds them (the rules' shared facts are let go, a tree's nodes point at their parent weakly):
        # they are freed here, before the copy, without a collection walking the check's million objects
        del snapshot, tables
        result.findings = in_report_order(packed.unpack())
        del packed
        if task.output is not None:
            result.output = str(write_copy(path, task.output or None, result.findings, result.sheet_names, task.limits,
                                           counts_text(severity_counts(result.findings))))


def write_copy(path: Path, output: Optional[str], findings: list, sheet_names: list, limits: Limits,
               counts: str) -> Path:
    """The checked copy ``<nama>_diperiksa.xlsx`` (or ``output``), as ``renja-xl check`` writes it."""
    from ..io.checked import write_checked
    from ..io.write import plan_output
    from ..results_sheet import results_title

    target = plan_output(path, Path(output) if output else None, "_diperiksa", False)
    write_checked(path, target, findings, results_title(path.name, counts), sheet_names, limits)
    return target


def pool_initializer() -> None:
    """A pool process leaves Ctrl-C to the parent, which stops the run and lets the files at work finish."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..rules import all_rules

    all_rules()   # the rule registry imported once per process, before the first file
