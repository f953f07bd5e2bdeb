"""The buttons of the Renja XL ribbon: Hitung, Periksa, Bersihkan, Perbaiki, Batalkan.

Each works on ``xw.Book.caller()`` (a RunPython macro) or on a book passed in (xlwings
Server, tests), or, awaited, on the book xlwings Lite hands a script (``periksa_async``…).
Each calls the same pure core as ``renja-xl fill`` and ``renja-xl check`` on a snapshot read
as the file reader reads the file (:mod:`.client`; :mod:`renja_xl.edits` makes the plan,
:mod:`.writer` applies it), reports progress in the status bar where Excel has one (not the
remote engine), and shows any failure, of a read as of a write, as one short Indonesian
alert, never a Python traceback.

``periksa`` remembers, in the hidden sheet ``renja-xl``, the fill each marked cell had
and which notes it added; ``bersihkan`` puts those fills back, removes those notes and
both sheets, so the workbook is as it was.

``perbaiki`` applies the plan ``renja-xl perbaiki`` writes into a file
(:func:`renja_xl.perbaiki.plan_perbaiki`, :meth:`~renja_xl.perbaiki.Perbaikan.edits`): what
each changed cell held (value, formula, number format) is read from Excel first and kept in
the hidden sheet ``renja-xl-batal``; ``batalkan`` reads that sheet back
(:func:`~renja_xl.perbaiki.read_undo`) and applies :func:`~renja_xl.perbaiki.undo_edits`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from ..errors import RenjaXLError
from .client import (MARKS_SHEET, NO_FILLS, NO_FORMATS, FormatsUnknown, Reads, block_formats, cell_formulas,
                     engine_name, read_book, reads_for, run_sync, values_from_a1)
from .writer import (WriteReport, add_conditional_colours, add_notes, all_sheet_names, delete_sheets, record_marks,
                     sheet_map,
                     sheets_changed, write_cells, write_colours, write_sheet)

TITLE = "Renja XL"
__all__ = ["ButtonResult", "NO_FORMATS", "NO_FILLS", "hitung", "periksa", "bersihkan", "perbaiki", "batalkan",
           "simpan_versi", "bandingkan", "hitung_async", "periksa_async", "bersihkan_async", "perbaiki_async",
           "batalkan_async", "simpan_versi_async", "bandingkan_async"]


@dataclass
class ButtonResult:
    """What a button did: the sentence shown to the user and the counts behind it."""

    message: str
    ok: bool = True
    counts: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)
    calls: int = 0                      # reads asked of Excel (formats, colours, notes)


def _caller(book):
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _status(book, text: Optional[str]) -> None:
    """The status bar where the engine has one (the remote engine has none: nothing is asked of it)."""
    if engine_name(book) != "excel":
        return
    try:
        book.app.status_bar = text if text else False
    except Exception:  # noqa: BLE001 - progress is never worth a failure
        pass


def _alert(book, result: ButtonResult, show: bool) -> None:
    if not show:
        return
    try:
        book.app.alert(result.message, title=TITLE, buttons="ok", mode="info" if result.ok else "critical")
    except Exception:  # noqa: BLE001 - an alert that cannot show must not raise into Excel
        pass


def _failure(exc: BaseException) -> ButtonResult:
    if isinstance(exc, RenjaXLError):
        return ButtonResult(str(exc), ok=False)
    return ButtonResult(f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}). Coba lagi, atau "
                        "jalankan 'renja-xl check' pada berkasnya untuk rinciannya.", ok=False)


async def _attempt(action, book, reads: Reads, kwargs: dict) -> ButtonResult:
    """A button's whole body, every read and every write of it, inside one guard."""
    try:
        sheets_changed(book)  # sheets asked of Excel afresh at every click
        result = await action(book, reads, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a bug still reaches the user as one sentence
        result = _failure(exc)
    finally:
        _status(book, None)
    result.calls = reads.calls
    return result


def _guarded(action):
    """The button for RunPython and xlwings Server (``name(book)``) and for xlwings Lite (``await name_async(book)``)."""
    def run(book=None, *, alert: bool = True, **kwargs) -> ButtonResult:
        book = _caller(book)
        try:
            result = run_sync(_attempt(action, book, reads_for(book), kwargs))
        except Exception as exc:  # noqa: BLE001 - an engine that suspended: still one sentence
            result = _failure(exc)
        _alert(book, result, alert)
        return result

    async def run_async(book, *, alert: bool = True, **kwargs) -> ButtonResult:
        result = await _attempt(action, book, reads_for(book, lite=True), kwargs)
        _alert(book, result, alert)
        return result

    name = action.__name__.lstrip("_")
    run.__name__, run.__doc__ = name, action.__doc__
    run_async.__name__, run_async.__doc__ = name + "_async", action.__doc__
    return run, run_async


async def _read(book, reads: Reads, number_formats: Optional[dict] = None, settings=None):
    """The book read as ``renja-xl check`` reads its file, and a report that already says what Excel could not tell.

    ``number_formats``: {sheet: 2-D grid of format codes from A1} that a caller holding the
    file already knows (then nothing is asked of Excel for those sheets). ``settings``: the
    :class:`~.settings.ButtonSettings` whose satuan and kolom the tables are read with.
    """
    _status(book, "Renja XL: membaca tabel…")
    reading = await read_book(book, reads, number_formats, getattr(settings, "units", None),
                              getattr(settings, "vocabulary", None))
    report = WriteReport()
    report.skipped.extend(reading.untold)
    return reading, report


async def _hitung(book, reads: Reads, number_formats: Optional[dict] = None, rollup: bool = False) -> ButtonResult:
    """Fill every computed column of the tables in the workbook with live formulas."""
    from ..compute import FillOptions, compute_workbook
    from ..edits import fill_edits

    reading, report = await _read(book, reads, number_formats)
    if not reading.tables:
        return ButtonResult("Tidak ada tabel Renja/LKjIP yang dikenali di buku kerja ini; tidak ada yang dihitung.",
                            ok=False)
    _status(book, "Renja XL: menulis rumus…")
    fills = compute_workbook(reading.snapshot, reading.tables, FillOptions(rollup=rollup))
    edits = fill_edits(c for f in fills for c in f.cells)
    write_cells(book, edits.cells, report)
    add_conditional_colours(book, edits, report)
    message = report.with_notes(f"{report.cells} sel hitungan diisi rumus di {len(reading.tables)} tabel.")
    return ButtonResult(message, counts={"cells": report.cells}, skipped=report.skipped)


async def _periksa(book, reads: Reads, number_formats: Optional[dict] = None,
                   fills: Optional[dict] = None) -> ButtonResult:
    """Check the workbook: the 'Hasil Validasi' sheet, the cells involved marked with a fill and a note.

    ``fills``: {sheet: {(row, col): "RRGGBB"}} a caller holding the file already knows.
    """
    from ..edits import check_edits
    from ..report import counts_text, severity_counts
    from ..results_sheet import results_title
    from ..rules import run_checks
    from .settings import read_settings

    settings = read_settings(book, nomenclature=True)   # a wrong setting: its sentence, before anything changes
    earlier: dict = {}
    if MARKS_SHEET in sheet_map(book) or own_results_sheets(book):
        earlier = _remove_marks(book)  # an earlier check's marks go first: the fills remembered stay the user's own
    reading, report = await _read(book, reads, number_formats, settings)
    if not reading.tables:  # the same sentence as renja-xl check: nothing understood is never "0 temuan"
        from ..reader.unknown import find_unknown_blocks, nothing_understood

        return ButtonResult(nothing_understood(reading.snapshot.name, find_unknown_blocks(reading.snapshot, [])), ok=False)
    _status(book, "Renja XL: memeriksa…")
    findings = run_checks(reading.snapshot, reading.tables, settings.config, settings.units,
                          vocabulary=settings.vocabulary, nomenclature=settings.nomenclature)
    counts = severity_counts(findings)
    edits = check_edits(findings, results_title(reading.snapshot.name, counts_text(counts)),
                        [s.name for s in reading.snapshot])
    results = _beside_users_sheets(book, edits)
    _status(book, "Renja XL: menandai sel…")
    originals = await _fills_before(book, reads, edits.cells, fills, earlier, report)
    write_cells(book, edits.cells, report)
    noted = set(add_notes(book, edits.cells, report))
    for sheet in edits.sheets:
        write_sheet(book, sheet, report)
    record_marks(book, MARKS_SHEET, [[e.sheet, e.address, originals.get((e.sheet, e.row, e.col)) or "",
                                      1 if (e.sheet, e.address) in noted else 0] for e in edits.cells])
    message = report.with_notes(settings.said(f"{counts_text(counts)}; lihat lembar {results}."))
    return ButtonResult(message, ok=True, counts=counts, skipped=report.skipped)


async def _fills_before(book, reads: Reads, edits: list, known: Optional[dict], earlier: dict,
                        report: WriteReport) -> dict:
    """{(sheet, row, col): the user's own fill or None} of the cells a check marks, read in bulk where Excel can."""
    sheets = sheet_map(book)
    wanted: dict = {}
    for e in edits:
        if e.style.fill and e.sheet in sheets:
            wanted.setdefault(e.sheet, set()).add((e.row, e.col))
    out: dict = {}
    for name, cells in wanted.items():
        if known is not None and name in known:
            out.update({(name, *c): known[name].get(c) for c in cells})
            continue
        try:
            found = await reads.fills(sheets[name], sorted(cells))
        except (NotImplementedError, AttributeError):
            report.skipped.append(NO_FILLS)
            found = {}
        out.update({(name, *c): v for c, v in found.items()})
    for (name, row, col), colour in earlier.items():  # under an earlier check's marks: the fill remembered then
        if (row, col) in wanted.get(name, ()):
            out[(name, row, col)] = colour
    return out


async def _bersihkan(book, reads: Reads) -> ButtonResult:
    """Remove what Periksa added: the results sheet, the marks' fills (the user's own put back) and notes."""
    from ..edits import RESULTS_SHEET

    names = own_results_sheets(book)
    restored = _remove_marks(book)
    removed = f"lembar {' dan '.join(names)} dihapus" if names else f"tidak ada lembar {RESULTS_SHEET} dari renja-xl"
    return ButtonResult(f"Tanda pemeriksaan dihapus dari {len(restored)} sel; {removed}.",
                        counts={"cells": len(restored)})


def own_results_sheets(book) -> list:
    """The results sheets renja-xl wrote in the book (``Hasil Validasi``, ``Hasil Validasi (2)``…), known by
    name and title: a user's own sheet of that name is not among them."""
    from ..edits import RESULTS_SHEET
    from ..results_sheet import base_name, is_results_sheet

    return [name for name, sheet in sheet_map(book).items()   # the name first: A1 is read of candidates only
            if base_name(name).casefold() == RESULTS_SHEET.casefold()
            and is_results_sheet(name, sheet.range("A1").value)]


def _beside_users_sheets(book, edits) -> str:
    """Rename the plan's results sheet when a sheet of the user's has its name (``Hasil Validasi (2)``…); its name.

    renja-xl's own earlier results sheets are removed before (Periksa, Bersihkan), so any
    sheet still holding the name is the user's and stays as it is.
    """
    from ..edits import RESULTS_SHEET
    from ..results_sheet import free_name

    name, _ = free_name(RESULTS_SHEET, all_sheet_names(book), lambda _: False)
    edits.sheets = [dataclasses.replace(s, name=name) if s.name == RESULTS_SHEET else s for s in edits.sheets]
    return name


def _remove_marks(book) -> dict:
    """Undo a check's marks; {(sheet, row, col): the user's own fill or None} of the cells restored."""
    from ..snapshot import parse_a1

    sheets = sheet_map(book)
    restored: dict = {}
    if MARKS_SHEET in sheets:
        marks = sheets[MARKS_SHEET]
        rows = marks.used_range.options(ndim=2).value or []
        ours = []
        for sheet_name, address, colour, noted in rows[1:]:
            if sheet_name not in sheets or not address:
                continue
            colour = str(colour).lstrip("#").upper() if colour else None
            row, col = parse_a1(str(address))
            restored[(sheet_name, row, col)] = colour
            if noted in (1, 1.0, True, "1"):
                ours.append((sheet_name, str(address)))
        write_colours(book, restored)
        for sheet_name, address in ours:
            try:
                note = sheets[sheet_name].range(address).note
                if note is not None:
                    note.delete()
            except (NotImplementedError, AttributeError):
                pass
        marks.delete()
        sheets_changed(book)
    delete_sheets(book, own_results_sheets(book))   # renja-xl's own results only: a user's sheet of that name stays
    return restored


NO_UNDO_READS = ("Perbaiki tidak dijalankan: Excel ini tidak dapat memberi tahu format angka atau rumus sel, "
                 "sehingga Batalkan tidak akan dapat mengembalikan setiap sel persis seperti semula. Pakai xlwings "
                 "Lite atau add-in Excel desktop, atau 'renja-xl perbaiki' pada berkasnya.")


def _active(book) -> Optional[str]:
    try:
        return book.sheets.active.name
    except Exception:  # noqa: BLE001 - an engine that cannot say: the undo leaves the sheet shown as it is
        return None


def _activate(book, name: Optional[str]) -> None:
    sheets = sheet_map(book)
    if name in sheets:
        try:
            sheets[name].activate()
        except Exception:  # noqa: BLE001 - the sheet shown is never worth a failure
            pass


async def _states(book, reads: Reads, reading, positions: list, number_formats: Optional[dict]) -> dict:
    """{(sheet, row, col): CellState} of the cells perbaiki changes: value, formula and number format, read from Excel.

    Values come with the reading; formulas and formats are asked of Excel in bulk (one
    read per column span, one per block of one format). An engine that cannot tell them
    raises FormatsUnknown: without them the undo could not be exact.
    """
    from ..perbaiki import CellState

    sheets = sheet_map(book)
    by_sheet: dict = {}
    for sheet, row, col in positions:
        by_sheet.setdefault(sheet, set()).add((row, col))
    out: dict = {}
    for name, cells in by_sheet.items():
        grid = (number_formats or {}).get(name)
        if grid is not None:
            formats = {(r, c): (grid[r - 1][c - 1] if r - 1 < len(grid) and c - 1 < len(grid[r - 1] or ()) else None)
                       for r, c in cells}
        else:
            formats = await block_formats(reads, sheets[name], cells)
        try:
            formulas = await cell_formulas(reads, sheets[name], cells)
        except (NotImplementedError, AttributeError) as exc:
            raise FormatsUnknown() from exc
        facts = reading.facts.sheets[name]
        for row, col in cells:
            i, j = row - facts.top, col - facts.left
            value = facts.values[i][j] if 0 <= i < len(facts.values) and 0 <= j < len(facts.values[i]) else None
            formula = formulas.get((row, col))
            if isinstance(value, str) and formula is not None and value == formula:
                value = None   # an engine that hands a formula's text as its value: no cached value known
            out[(name, row, col)] = CellState(name, row, col, value, formula, formats.get((row, col)) or "General")
    return out


async def _perbaiki(book, reads: Reads, number_formats: Optional[dict] = None) -> ButtonResult:
    """Numbers typed as text become numbers, arithmetic findings their formula (as 'renja-xl perbaiki'); undoable."""
    from ..perbaiki import plan_perbaiki
    from .settings import read_settings

    settings = read_settings(book)
    reading, report = await _read(book, reads, number_formats, settings)
    if NO_FORMATS in report.skipped:
        return ButtonResult(NO_UNDO_READS, ok=False)
    if not reading.tables:
        return ButtonResult("Tidak ada tabel Renja/LKjIP yang dikenali di buku kerja ini; tidak ada yang diperbaiki.",
                            ok=False)
    _status(book, "Renja XL: mencari yang dapat diperbaiki…")
    plan = plan_perbaiki(reading.snapshot, config=settings.config, units=settings.units,
                         vocabulary=settings.vocabulary)
    if not plan.changes:
        return ButtonResult(f"Tidak ada yang perlu diperbaiki ({plan.sentence()}).", counts=plan.counts())
    try:
        before = await _states(book, reads, reading, plan.positions, number_formats)
    except FormatsUnknown:
        return ButtonResult(NO_UNDO_READS, ok=False)
    edits = plan.edits(before, all_sheet_names(book), _active(book))
    _status(book, "Renja XL: memperbaiki sel…")
    write_cells(book, edits.cells, report)
    summary = None
    for sheet in edits.sheets:
        write_sheet(book, sheet, report)
        if not sheet.hidden:
            summary = sheet.name
    _activate(book, summary)
    message = report.with_notes(settings.said(f"{plan.sentence()}; rinciannya di lembar {summary}. Tekan Batalkan "
                                              "untuk mengembalikan semuanya."))
    return ButtonResult(message, counts=plan.counts(), skipped=report.skipped)


async def _batalkan(book, reads: Reads) -> ButtonResult:
    """Undo the latest Perbaiki: every changed cell back (value, formula, number format), its two sheets removed."""
    from ..perbaiki import UNDO_SHEET, latest_undo, read_undo, undo_edits

    sheets = sheet_map(book)
    name = latest_undo(sheets)
    record = None
    if name is not None:
        record = read_undo(name, values_from_a1(sheets[name]))
    if record is None:
        return ButtonResult(f"Buku kerja ini tidak memuat catatan pembatalan Perbaiki (lembar tersembunyi "
                            f"'{name or UNDO_SHEET}'); tidak ada yang dapat dibatalkan.", ok=False)
    missing = sorted({s.sheet for s in record.states if s.sheet not in sheets})
    if missing:
        return ButtonResult(f"Buku kerja ini tidak lagi memuat lembar {', '.join(repr(n) for n in missing)} yang "
                            "diubah oleh Perbaiki; pembatalan tidak dijalankan.", ok=False)
    _status(book, "Renja XL: mengembalikan sel…")
    report = WriteReport()
    edits = undo_edits(record)
    write_cells(book, edits.cells, report)
    removed = delete_sheets(book, edits.remove_sheets)
    _activate(book, record.active)
    return ButtonResult(f"Perbaiki dibatalkan: {len(record.states)} sel dikembalikan seperti semula; lembar "
                        f"{' dan '.join(repr(n) for n in removed)} dihapus.", counts={"cells": len(record.states)})


async def _simpan_versi(book, reads: Reads) -> ButtonResult:
    """Keep this version of the workbook in a hidden sheet, for Bandingkan to compare a later version with."""
    from ..results_sheet import free_name
    from .settings import read_settings
    from .versi import VERSION_SHEET, encode, version_sheet

    reading, report = await _read(book, reads, settings=read_settings(book))
    if not reading.tables:
        return ButtonResult("Tidak ada tabel Renja/LKjIP yang dikenali di buku kerja ini; tidak ada versi yang "
                            "disimpan.", ok=False)
    chunks, line = encode(reading.facts, reading.snapshot.name)
    saved = _saved_versions(book)
    name, _ = free_name(VERSION_SHEET, all_sheet_names(book), lambda n: n in saved)
    active = _active(book)
    write_sheet(book, version_sheet(name, chunks, line), report)
    _activate(book, active)
    message = report.with_notes(f"{line[:-1]}, {len(reading.tables)} tabel. Setelah buku kerja ini diubah, tekan "
                                "Bandingkan untuk melihat apa yang berubah sejak versi ini.")
    return ButtonResult(message, counts={"tables": len(reading.tables)}, skipped=report.skipped)


def _saved_versions(book) -> dict:
    """{sheet name: its values from A1} of the versions Simpan Versi kept in the book."""
    from ..results_sheet import base_name
    from .versi import VERSION_SHEET, is_version_title

    out = {}
    for name, sheet in sheet_map(book).items():
        if base_name(name) == VERSION_SHEET:
            values = values_from_a1(sheet)
            if is_version_title(name, values):
                out[name] = values
    return out


SAVED_CHOICE = "versi tersimpan"     # Bandingkan's "lama" naming the version Simpan Versi kept
HIDDEN_BOOKS = ("personal.xlsb", "personal macro workbook")


def _other_books(book) -> list:
    """The other workbooks open in this Excel (the add-ins and the hidden personal macro workbook left out).

    Only the desktop has any: xlwings Lite and xlwings Server hand a script one workbook.
    """
    if engine_name(book) != "excel":
        return []
    try:
        books = list(book.app.books)
    except Exception:  # noqa: BLE001 - an engine with one book (xlwings Lite, the remote engine)
        return []
    own = str(book.name).casefold()
    return [b for b in books if str(b.name).casefold() != own and str(b.name).casefold() not in HIDDEN_BOOKS
            and not str(b.name).casefold().endswith((".xlam", ".xla"))]


@dataclass
class _Version:
    """The older version Bandingkan compares with: its snapshot, its satuan formats, and how to name it."""

    snapshot: object
    formats: dict
    label: str


async def _version_of_book(other) -> _Version:
    from .versi import unit_formats_of

    reading = await read_book(other, reads_for(other))
    return _Version(reading.snapshot, unit_formats_of(reading.facts), f"buku kerja '{other.name}'")


def _version_of_file(book, choice: str) -> _Version:
    """A version on disk (the desktop), read as ``renja-xl bandingkan`` reads it."""
    import os
    from pathlib import Path

    from .settings import _folder_of

    folder = _folder_of(book)
    path = Path(choice)
    if not path.is_absolute():
        if folder is None:
            raise RenjaXLError(f"Versi lama '{choice}' tidak terbuka di Excel, dan buku kerja ini tidak tersimpan di "
                               "komputer ini sehingga berkas itu tidak dapat dicari; buka versi lama di Excel atau "
                               "tulis jalur lengkapnya.")
        path = folder / path
    try:
        from ..io.files import load_snapshot
        from ..io.perbaikan import unit_formats
    except ImportError:  # xlwings Lite carries no file reader: there are no files to read
        raise RenjaXLError(f"Versi lama '{choice}' tidak dapat dibuka di xlwings Lite (tidak ada akses berkas); "
                           "tekan Simpan Versi pada versi lama, lalu Bandingkan setelah mengubahnya.") from None
    if not os.path.isfile(path):
        raise RenjaXLError(f"Versi lama '{choice}' tidak terbuka di Excel dan tidak ada sebagai berkas ('{path}').")
    return _Version(load_snapshot(path), unit_formats(path), f"berkas '{path.name}'")


def _version_saved(book, saved: dict, name: Optional[str] = None) -> _Version:
    from .client import snapshot_of
    from .versi import decode, unit_formats_of

    name = name or sorted(saved, key=lambda n: (len(n), n))[-1]     # the latest: "renja-xl-versi (2)" after the first
    facts, book_name, when = decode(name, saved[name])
    return _Version(snapshot_of(facts, name=f"{book_name} (versi {when})"), unit_formats_of(facts),
                    f"versi yang disimpan {when}")


async def _old_version(book, choice: Optional[str]) -> _Version:
    """The older version: the one chosen (an open workbook, a file, or the saved version), else the one other open
    workbook, else the version Simpan Versi kept; one sentence when there is none or the choice is not clear."""
    others = _other_books(book)
    saved = _saved_versions(book)
    if choice:
        if choice.casefold() == SAVED_CHOICE:
            if not saved:
                raise RenjaXLError("Buku kerja ini tidak menyimpan versi (tekan Simpan Versi lebih dulu).")
            return _version_saved(book, saved)
        if choice.casefold() == str(book.name).casefold():
            raise RenjaXLError(f"Versi lama '{choice}' adalah buku kerja ini sendiri; pilih versi yang lain.")
        match = next((b for b in others if str(b.name).casefold() == choice.casefold()), None)
        if match is not None:
            return await _version_of_book(match)
        return _version_of_file(book, choice)
    if len(others) == 1:
        return await _version_of_book(others[0])
    if saved:
        return _version_saved(book, saved)
    if not others:
        raise RenjaXLError("Tidak ada versi lama untuk dibandingkan: buka versi lama di Excel, atau tekan Simpan Versi "
                           "sebelum mengubah buku kerja ini, lalu tekan Bandingkan lagi.")
    names = ", ".join(f"'{b.name}'" for b in others)
    raise RenjaXLError(f"Ada {len(others)} buku kerja lain yang terbuka ({names}); tulis nama versi lama pada "
                       "'versi lama' di lembar renja_xl.conf, atau tutup yang bukan versi lama.")


def _own_changes_sheet(book, name: str) -> bool:
    """Whether a sheet is an earlier sheet of changes of Bandingkan's (its header row is ours)."""
    from ..bandingkan import CHANGES_HEADER_ROW, CHANGES_HEADERS

    sheet = sheet_map(book).get(name)
    if sheet is None:
        return False
    row = sheet.range((CHANGES_HEADER_ROW, 1), (CHANGES_HEADER_ROW, len(CHANGES_HEADERS))).options(ndim=1).value
    return tuple(row or ()) == CHANGES_HEADERS


async def _bandingkan(book, reads: Reads, number_formats: Optional[dict] = None,
                      lama: Optional[str] = None) -> ButtonResult:
    """Compare the workbook with an older version (as 'renja-xl bandingkan LAMA BARU'): the sheet of changes
    linked into this workbook, RXL901 for a changed target or pagu without Catatan Penting."""
    from ..bandingkan import compare_workbooks
    from .settings import read_settings
    from .versi import unit_formats_of

    settings = read_settings(book)
    old = await _old_version(book, (lama or "").strip() or settings.old_version)
    reading, report = await _read(book, reads, number_formats, settings)
    _status(book, "Renja XL: membandingkan…")
    result = compare_workbooks(old.snapshot, reading.snapshot, settings.units, settings.vocabulary, old.formats,
                               unit_formats_of(reading.facts))
    for side, label in ((lambda t: t.old, old.label), (lambda t: t.new, "buku kerja ini")):
        if not any(side(t) is not None for t in result.tables):
            return ButtonResult(f"Tidak ada tabel Renja/LKjIP yang dikenali di {label}; tidak ada yang dibandingkan.",
                                ok=False)
    edits = result.edits(all_sheet_names(book), lambda name: _own_changes_sheet(book, name))
    _status(book, "Renja XL: menulis lembar perubahan…")
    sheet = edits.sheets[0]
    write_sheet(book, sheet, report)
    _activate(book, sheet.name)
    counts = result.counts()
    message = report.with_notes(settings.said(f"Dibandingkan dengan {old.label}: {result.sentence()}; rinciannya, "
                                              f"dengan tautan ke setiap sel, di lembar {sheet.name}."))
    return ButtonResult(message, counts=counts, skipped=report.skipped)


hitung, hitung_async = _guarded(_hitung)
periksa, periksa_async = _guarded(_periksa)
bersihkan, bersihkan_async = _guarded(_bersihkan)
perbaiki, perbaiki_async = _guarded(_perbaiki)
batalkan, batalkan_async = _guarded(_batalkan)
simpan_versi, simpan_versi_async = _guarded(_simpan_versi)
bandingkan, bandingkan_async = _guarded(_bandingkan)
