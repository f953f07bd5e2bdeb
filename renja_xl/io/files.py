"""Reading workbook files into snapshots (openpyxl), with a clear answer for unusable files.

Every failure becomes an :class:`~renja_xl.errors.InputError` whose message is one
Indonesian sentence naming the file; nothing here lets a traceback reach a user.
The file is opened read-only and never written.
"""

from __future__ import annotations

import gc
import math
import os
import stat
import warnings
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from . import budget
from ..snapshot import WorkbookSnapshot, col_letter, record_number_format
from .package import DEFAULT_LIMITS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT, LimitExceeded, Limits
from .xlsx_reader import GRID_PER_CELL, TEXT_TOO_LONG, OutOfGrid, column_too_far, row_too_far, sheet_snapshot

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# in a folder these are listed too, so that an old or binary workbook gets its sentence instead of being passed over
FOLDER_SUFFIXES = WORKBOOK_SUFFIXES + (".xls", ".xlsb")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/spreadsheetml/main"


_SPECIAL_KINDS = ((stat.S_ISFIFO, "pipa (FIFO)"), (stat.S_ISCHR, "perangkat"), (stat.S_ISBLK, "perangkat"),
                  (stat.S_ISSOCK, "soket"))


def not_regular(name: str, mode: int) -> InputError:
    kind = next((label for test, label in _SPECIAL_KINDS if test(mode)), "bukan berkas biasa")
    return InputError(f"'{name}' adalah {kind}, bukan berkas Excel biasa; hanya berkas biasa yang dibaca.")


def open_regular(path: Path, what: str = "Berkas"):
    """``path`` opened for reading in binary, refused by name unless it is a regular file (never blocks on a FIFO).

    The type is checked on the open handle itself, so a file swapped for a pipe between
    a check and the open is refused too.
    """
    name = path.name
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(f"{what} '{name}' tidak ditemukan.") from None
    except PermissionError:
        raise InputError(f"{what} '{name}' tidak dapat dibaca (izin ditolak).") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{what} '{name}' tidak dapat dibaca: {getattr(exc, 'strerror', None) or exc}.") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"'{name}' adalah folder, bukan berkas Excel.")
    if not stat.S_ISREG(mode):
        raise not_regular(name, mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise InputError(f"{what} '{name}' tidak dapat dibaca (izin ditolak atau sedang dikunci program lain).") from None
    except OSError as exc:
        raise InputError(f"{what} '{name}' tidak dapat dibaca: {exc.strerror or exc}.") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(name, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _sniff(path: Path) -> None:
    """Refuse what is not an OOXML workbook, saying what it is instead."""
    name = path.name
    try:
        with open_regular(path) as handle:
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
    budget.check(path.name)
    _sniff(path)
    from defusedxml import DefusedXmlException

    from .package import check_archive
    from .xlsx_reader import CellBudgetExceeded, read_package

    try:
        with open_regular(path) as handle, zipfile.ZipFile(handle) as archive:
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


def _sparse_cells(ws):
    """(row, col, value, number format) of each cell a read-only openpyxl sheet stores, in file order.

    openpyxl's own row iterator pads every row to the sheet's ``<dimension>`` (a lying
    dimension makes 16,384 cells of each row); its sheet parser underneath yields only
    the cells the file holds.
    """
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for row_number, cells in parser.parse():
            if row_number > MAX_ROWS or row_number < 1:
                raise row_too_far(row_number)
            for cell in cells:
                value = cell["value"]
                if value is None or value == "":
                    continue
                yield cell["row"], cell["column"], value, ReadOnlyCell(ws, **cell).number_format


def _load_with_openpyxl(path: Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    """The careful reader for a package the streaming reader did not understand, bounded the same way."""
    import openpyxl  # the adapter, not the core, depends on openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged packages
        raise InputError(f"Berkas '{path.name}' tidak dapat dibuka sebagai buku kerja Excel ({type(exc).__name__}).") from exc
    budget = [limits.max_cells, GRID_PER_CELL * limits.max_cells]
    where = ""
    try:
        sheets = []
        for ws in book.worksheets:
            where = f"lembar '{ws.title}'"
            grid: dict = {}
            percent: set = set()
            decimals: dict = {}
            words: dict = {}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for row, col, value, number_format in _sparse_cells(ws):
                    if row > MAX_ROWS:
                        raise row_too_far(row)
                    if col > MAX_COLUMNS:
                        raise column_too_far(f"{col_letter(col)}{row}")
                    if isinstance(value, str) and len(value) > MAX_TEXT:
                        raise TEXT_TOO_LONG
                    if isinstance(value, float) and not math.isfinite(value):
                        value = repr(value)  # no cell holds it: the core sees text
                    grid.setdefault(row, []).extend((col, value))
                    record_number_format(percent, decimals, (row, col), value, number_format, words)
                    budget[0] -= 1
                    if budget[0] < 0:
                        raise LimitExceeded(f"Berkas '{path.name}' berisi lebih dari {limits.max_cells} sel terisi "
                                            "(batas --max-cells); pecah buku kerjanya atau naikkan batasnya.")
            sheets.append(sheet_snapshot(path.name, ws.title, grid, percent, decimals, budget, limits.max_cells, words))
    except InputError:
        raise
    except OutOfGrid as exc:
        raise InputError(exc.sentence(path.name, where)) from None
    except Exception as exc:
        raise InputError(f"Isi berkas '{path.name}' tidak dapat dibaca ({type(exc).__name__}).") from exc
    finally:
        book.close()
    return WorkbookSnapshot(sheets, name=path.name)


def expand_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the workbooks inside folders (lock files ``~$…`` and checked copies left out).

    A folder's entries named like workbooks are listed whatever they are (a pipe, a
    device, a dangling link), so that each gets its sentence instead of being passed over.
    """
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out.extend(
                f for f in sorted(p.iterdir())
                if f.suffix.lower() in FOLDER_SUFFIXES and not f.name.startswith("~$")
                and not f.stem.endswith("_diperiksa") and not f.is_dir()
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


def read_and_check(path: str | os.PathLike, config=None, units=None, limits: Limits = DEFAULT_LIMITS,
                   vocabulary=None, nomenclature=None, packed: bool = False):
    """(snapshot, tables, findings) of a workbook file: what ``renja-xl check`` does before writing (the findings
    packed with ``packed``: see :func:`~renja_xl.rules.engine.run_checks`).

    A workbook in which no table at all is understood is refused with a sentence naming the
    blocks that looked like tables (never "0 temuan").
    """
    from ..reader import find_tables
    from ..reader.unknown import find_unknown_blocks, nothing_understood
    from ..rules import run_checks

    with paused_gc():
        snapshot = load_snapshot(path, limits)
        tables = find_tables(snapshot, units=units, vocabulary=vocabulary)
        if not tables:
            raise InputError(nothing_understood(Path(path).name, find_unknown_blocks(snapshot, [], vocabulary)))
        findings = run_checks(snapshot, tables, config, units, vocabulary=vocabulary, nomenclature=nomenclature,
                              packed=packed)
    return snapshot, tables, findings
