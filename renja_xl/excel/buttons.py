"""The three buttons of the Renja XL ribbon: Hitung, Periksa, Bersihkan.

Each works on ``xw.Book.caller()`` (a RunPython macro) or on a book passed in (xlwings
Lite, xlwings Server, tests), calls the same pure core as ``renja-xl fill`` and
``renja-xl check`` (:mod:`renja_xl.edits` makes the plan, :mod:`.writer` applies it),
reports progress in the status bar where Excel has one, and shows a failure as a short
Indonesian alert, never a Python traceback.

``periksa`` remembers, in the hidden sheet ``renja-xl``, the fill each marked cell had
and which notes it added; ``bersihkan`` puts those fills back, removes those notes and
both sheets, so the workbook is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..errors import RenjaXLError
from .client import MARKS_SHEET, ClientFacts, colour_hex, read_facts, snapshot_of
from .writer import (WriteReport, add_conditional_colours, add_notes, record_marks, write_cells, write_sheet)

TITLE = "Renja XL"


@dataclass
class ButtonResult:
    """What a button did: the sentence shown to the user and the counts behind it."""

    message: str
    ok: bool = True
    counts: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)


def _caller(book):
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _status(book, text: Optional[str]) -> None:
    """The status bar where the engine has one (the remote engine has none: nothing to show)."""
    try:
        book.app.status_bar = text if text else False
    except Exception:  # noqa: BLE001 - NotImplementedError on the remote engine; progress is never worth a failure
        pass


def _alert(book, result: ButtonResult, show: bool) -> None:
    if not show:
        return
    try:
        book.app.alert(result.message, title=TITLE, buttons="ok", mode="info" if result.ok else "critical")
    except Exception:  # noqa: BLE001 - an alert that cannot show must not raise into Excel
        pass


def _guarded(action):
    """Run a button's body; any failure becomes an Indonesian alert and an unsuccessful result."""
    def run(book=None, *, alert: bool = True, **kwargs) -> ButtonResult:
        book = _caller(book)
        try:
            result = action(book, **kwargs)
        except RenjaXLError as exc:
            result = ButtonResult(str(exc), ok=False)
        except Exception as exc:  # noqa: BLE001 - a bug still reaches the user as one sentence
            result = ButtonResult(f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}). Coba lagi, atau "
                                  "jalankan 'renja-xl check' pada berkasnya untuk rinciannya.", ok=False)
        finally:
            _status(book, None)
        _alert(book, result, alert)
        return result
    run.__name__, run.__doc__ = action.__name__.lstrip("_"), action.__doc__
    return run


NO_FORMATS = ("format angka tidak terbaca di Excel ini, jadi sel berformat persen dibaca sebagai pecahan; "
              "hasilnya bisa berbeda dari 'renja-xl check' atas berkasnya")


def _formats_missing(facts: ClientFacts) -> bool:
    return any(s.number_formats is None and any(v is not None for row in s.values for v in row)
               for name, s in facts.sheets.items() if name != MARKS_SHEET)


def _read(book, number_formats: Optional[dict], fills: Optional[dict] = None, earlier: Optional[dict] = None):
    """(facts, snapshot, tables, report) of the book; the report already says when formats were not readable.

    ``earlier``: the user's own fills an earlier check had remembered, which override what is read now.
    """
    from ..reader import find_tables

    _status(book, "Renja XL: membaca tabel…")
    facts = read_facts(book, number_formats, fills)
    for (sheet, row, col), colour in (earlier or {}).items():
        if sheet in facts.sheets and facts.sheets[sheet].fills is not None:
            facts.sheets[sheet].fills[(row, col)] = colour
    snapshot = snapshot_of(facts, name=book.name)
    report = WriteReport()
    if _formats_missing(facts):
        report.skipped.append(NO_FORMATS)
    return facts, snapshot, find_tables(snapshot), report


def _hitung(book, number_formats: Optional[dict] = None, rollup: bool = False) -> ButtonResult:
    """Fill every computed column of the tables in the workbook with live formulas."""
    from ..compute import FillOptions, compute_workbook
    from ..edits import fill_edits

    _, snapshot, tables, report = _read(book, number_formats)
    if not tables:
        return ButtonResult("Tidak ada tabel Renja/LKjIP yang dikenali di buku kerja ini; tidak ada yang dihitung.",
                            ok=False)
    _status(book, "Renja XL: menulis rumus…")
    fills = compute_workbook(snapshot, tables, FillOptions(rollup=rollup))
    edits = fill_edits(c for f in fills for c in f.cells)
    write_cells(book, edits.cells, report)
    add_conditional_colours(book, edits, report)
    message = report.with_notes(f"{report.cells} sel hitungan diisi rumus di {len(tables)} tabel.")
    return ButtonResult(message, counts={"cells": report.cells}, skipped=report.skipped)


def _periksa(book, number_formats: Optional[dict] = None, fills: Optional[dict] = None) -> ButtonResult:
    """Check the workbook: the 'Hasil Validasi' sheet, the cells involved marked with a fill and a note."""
    from ..edits import RESULTS_SHEET, check_edits
    from ..report import counts_text, severity_counts
    from ..rules import run_checks

    names = [s.name for s in book.sheets]
    earlier: dict = {}
    if MARKS_SHEET in names or RESULTS_SHEET in names:
        earlier = _remove_marks(book)  # an earlier check's marks go first: the fills remembered stay the user's own
    facts, snapshot, tables, report = _read(book, number_formats, fills, earlier)
    if not tables:  # the same sentence as renja-xl check: nothing understood is never "0 temuan"
        from ..reader.unknown import find_unknown_blocks, nothing_understood

        return ButtonResult(nothing_understood(book.name, find_unknown_blocks(snapshot, [])), ok=False)
    _status(book, "Renja XL: memeriksa…")
    findings = run_checks(snapshot, tables)
    counts = severity_counts(findings)
    title = f"Hasil pemeriksaan renja-xl untuk {book.name}: {counts_text(counts)}."
    edits = check_edits(findings, title, [s.name for s in snapshot])
    _status(book, "Renja XL: menandai sel…")
    originals = {(e.sheet, e.row, e.col): _fill_before(book, facts, e) for e in edits.cells}
    has_note = {(e.sheet, e.address): _has_note(book, e.sheet, e.address) for e in edits.cells}
    write_cells(book, edits.cells, report)
    noted = set(add_notes(book, edits.cells, report, lambda s, a: has_note[(s, a)]))
    for sheet in edits.sheets:
        write_sheet(book, sheet, report)
    record_marks(book, MARKS_SHEET, [[e.sheet, e.address, originals[(e.sheet, e.row, e.col)] or "",
                                      1 if (e.sheet, e.address) in noted else 0] for e in edits.cells])
    message = report.with_notes(f"{counts_text(counts)}; lihat lembar {RESULTS_SHEET}.")
    return ButtonResult(message, ok=True, counts=counts, skipped=report.skipped)


def _fill_before(book, facts: ClientFacts, edit) -> Optional[str]:
    known = facts.sheets.get(edit.sheet)
    if known is not None and known.fills is not None:
        return known.fills.get((edit.row, edit.col))
    try:  # desktop engines answer at once; the remote engine cannot (then: no fill of the user's known)
        return colour_hex(book.sheets[edit.sheet].range(edit.address).color)
    except Exception:  # noqa: BLE001 - NotImplementedError on the remote engine, COM errors on desktop
        return None


def _has_note(book, sheet: str, address: str) -> bool:
    try:
        return book.sheets[sheet].range(address).note is not None
    except Exception:  # noqa: BLE001 - an engine that cannot tell: treat as no note
        return False


def _bersihkan(book) -> ButtonResult:
    """Remove what Periksa added: the results sheet, the marks' fills (the user's own put back) and notes."""
    from ..edits import RESULTS_SHEET

    restored = _remove_marks(book)
    return ButtonResult(f"Tanda pemeriksaan dihapus dari {len(restored)} sel; lembar {RESULTS_SHEET} dihapus.",
                        counts={"cells": len(restored)})


def _remove_marks(book) -> dict:
    """Undo a check's marks; {(sheet, row, col): the user's own fill or None} of the cells restored."""
    from ..edits import RESULTS_SHEET
    from ..snapshot import parse_a1

    names = [s.name for s in book.sheets]
    restored: dict = {}
    if MARKS_SHEET in names:
        marks = book.sheets[MARKS_SHEET]
        rows = marks.used_range.options(ndim=2).value or []
        sheets = {s.name: s for s in book.sheets}
        for sheet_name, address, colour, ours in rows[1:]:
            sheet = sheets.get(sheet_name)
            if sheet is None or not address:
                continue
            cell = sheet.range(str(address))
            colour = str(colour).lstrip("#") if colour else None
            cell.color = "#" + colour if colour else None
            if ours in (1, 1.0, True, "1"):
                try:
                    note = cell.note
                    if note is not None:
                        note.delete()
                except (NotImplementedError, AttributeError):
                    pass
            restored[(sheet_name, *parse_a1(str(address)))] = colour
        marks.delete()
    if RESULTS_SHEET in [s.name for s in book.sheets]:
        book.sheets[RESULTS_SHEET].delete()
    return restored


hitung = _guarded(_hitung)
periksa = _guarded(_periksa)
bersihkan = _guarded(_bersihkan)
