"""Reading workbook files into snapshots (openpyxl), with a clear answer for unusable files.

Every failure becomes an :class:`~renja_xl.errors.InputError` whose message is one
Indonesian sentence naming the file; nothing here lets a traceback reach a user.
The file is opened read-only and never written.
"""

from __future__ import annotations

import gc
import os
import warnings
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..snapshot import SheetSnapshot, WorkbookSnapshot, record_number_format, trim_row
from .package import DEFAULT_LIMITS, LimitExceeded, Limits

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# in a folder these are listed too, so that an old or binary workbook gets its sentence instead of being passed over
FOLDER_SUFFIXES = WORKBOOK_SUFFIXES + (".xls", ".xlsb")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/spreadsheetml/main"


def _sniff(path: Path) -> None:
    """Refuse what is not an OOXML workbook, saying what it is instead."""
    name = path.name
    if not path.exists():
        raise InputError(f"Berkas '{name}' tidak ditemukan.")
    if path.is_dir():
        raise InputError(f"'{name}' adalah folder, bukan berkas Excel.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            if head == _OLE_MAGIC:
                handle.seek(0)
                body = handle.read(4 * 1024 * 1024)
                if _ENCRYPTION_STREAM in body:
                    raise InputError(
                        f"Berkas '{name}' dilindungi kata sandi; buka di Excel, hapus kata sandinya "
                        "(File > Info > Protect Workbook), simpan, lalu coba lagi."
                    )
                raise InputError(
                    f"Berkas '{name}' berformat Excel lama (.xls); simpan ulang sebagai .xlsx "
                    "(File > Save As > Excel Workbook) lalu coba lagi."
                )
    except PermissionError:
        raise InputError(f"Berkas '{name}' tidak dapat dibaca (izin ditolak atau sedang dikunci program lain).") from None
    except OSError as exc:
        raise InputError(f"Berkas '{name}' tidak dapat dibaca: {exc.strerror or exc}.") from None
    if head[:4] != _ZIP_MAGIC:
        if not head:
            raise InputError(f"Berkas '{name}' kosong (0 byte).")
        raise InputError(f"Berkas '{name}' bukan buku kerja Excel (.xlsx/.xlsm).")
    if path.suffix.lower() == ".xlsb":
        raise InputError(f"Berkas '{name}' berformat biner (.xlsb); simpan ulang sebagai .xlsx lalu coba lagi.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.bin" in names:
                raise InputError(f"Berkas '{name}' berformat biner (.xlsb); simpan ulang sebagai .xlsx lalu coba lagi.")
            if "xl/workbook.xml" not in names:
                raise InputError(f"Berkas '{name}' bukan buku kerja Excel: bagian xl/workbook.xml tidak ada.")
            with archive.open("xl/workbook.xml") as handle:
                head = handle.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error):
        raise InputError(f"Berkas '{name}' rusak atau terpotong (arsip zip tidak utuh).") from None
    if _STRICT_NAMESPACE in head:
        raise InputError(f"Berkas '{name}' berformat Strict Open XML; simpan ulang sebagai 'Excel Workbook (.xlsx)' "
                         "biasa lalu coba lagi.")


def load_snapshot(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    """Read every sheet's cached values, percent formats and shown decimals from a workbook file.

    The lean streaming reader (:mod:`renja_xl.io.xlsx_reader`) reads it; a package it
    does not understand is read again with openpyxl.
    """
    path = Path(path)
    _sniff(path)
    from defusedxml import DefusedXmlException

    from .package import check_archive
    from .xlsx_reader import CellBudgetExceeded, read_package

    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, limits)
            return read_package(archive, name=path.name, max_cells=limits.max_cells)
    except InputError:
        raise
    except DefusedXmlException as exc:
        raise InputError(f"Berkas '{path.name}' memuat XML yang tidak aman ({type(exc).__name__}: entitas atau "
                         "referensi eksternal); berkas ditolak, tidak ada yang dijalankan.") from None
    except CellBudgetExceeded:
        raise LimitExceeded(f"Berkas '{path.name}' berisi lebih dari {limits.max_cells} sel terisi (batas "
                            "--max-cells); pecah buku kerjanya atau naikkan batasnya.") from None
    except MemoryError:
        raise LimitExceeded(f"Berkas '{path.name}' terlalu besar untuk memori yang tersedia.") from None
    except Exception:  # noqa: BLE001 - the careful reader below gets its own say
        return _load_with_openpyxl(path, limits)


def _load_with_openpyxl(path: Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    import openpyxl  # the adapter, not the core, depends on openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged packages
        raise InputError(f"Berkas '{path.name}' tidak dapat dibuka sebagai buku kerja Excel ({type(exc).__name__}).") from exc
    budget = limits.max_cells
    try:
        sheets = []
        for ws in book.worksheets:
            rows: list[list] = []
            percent: set = set()
            decimals: dict = {}
            for r_index, row in enumerate(ws.iter_rows(), start=1):
                values = []
                for c_index, cell in enumerate(row, start=1):
                    value = getattr(cell, "value", None)
                    values.append(value)
                    record_number_format(percent, decimals, (r_index, c_index), value,
                                         getattr(cell, "number_format", None))
                rows.append(trim_row(values))
                budget -= len(rows[-1])
                if budget < 0:
                    raise LimitExceeded(f"Berkas '{path.name}' berisi lebih dari {limits.max_cells} sel (batas "
                                        "--max-cells); pecah buku kerjanya atau naikkan batasnya.")
            while rows and not rows[-1]:
                rows.pop()
            sheets.append(SheetSnapshot(ws.title, rows, percent_cells=frozenset(percent), decimals=decimals))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"Isi berkas '{path.name}' tidak dapat dibaca ({type(exc).__name__}).") from exc
    finally:
        book.close()
    return WorkbookSnapshot(sheets, name=path.name)


def expand_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the workbooks inside folders (lock files ``~$…`` and checked copies left out)."""
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out.extend(
                f for f in sorted(p.iterdir())
                if f.suffix.lower() in FOLDER_SUFFIXES and not f.name.startswith("~$")
                and not f.stem.endswith("_diperiksa") and f.is_file()
            )
        else:
            out.append(p)
    return out


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector for a burst of allocations that leave no cycles behind.

    Reading a workbook allocates a hundred thousand small objects at once; the collector
    would otherwise run dozens of times in the middle, for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_and_check(path: str | os.PathLike, config=None, units=None, limits: Limits = DEFAULT_LIMITS):
    """(snapshot, tables, findings) of a workbook file: what ``renja-xl check`` does before writing."""
    from ..reader import find_tables
    from ..rules import run_checks

    with paused_gc():
        snapshot = load_snapshot(path, limits)
        tables = find_tables(snapshot, units=units)
        findings = run_checks(snapshot, tables, config, units)
    return snapshot, tables, findings
