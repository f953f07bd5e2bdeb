"""The checked copy of a workbook: a 'Hasil Validasi' sheet and the cells involved marked.

Each finding is a row of the results sheet (no, tingkat, aturan, lokasi as a link to
the cell, pesan, nilai tertulis, nilai seharusnya); every cell a finding is about gets
the fill of its worst severity and a note with the messages. User text that starts
like a formula (``=``, ``+``, ``-``, ``@``) is written as text, never evaluated.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from ..errors import InputError
from ..rules.base import Finding, Severity
from .atomic import write_bytes_atomic

RESULTS_SHEET = "Hasil Validasi"
SEVERITY_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
HEADERS = ("No", "Tingkat", "Aturan", "Lokasi", "Pesan", "Nilai tertulis", "Nilai seharusnya")
WIDTHS = (6, 12, 10, 34, 100, 28, 22)


def as_text(cell, value) -> None:
    """Write a value; a string is always stored as text (a leading '=' stays visible, not a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def add_results_sheet(book, findings: list[Finding], title: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    if RESULTS_SHEET in book.sheetnames:
        del book[RESULTS_SHEET]
    ws = book.create_sheet(RESULTS_SHEET, 0)
    as_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        as_text(ws.cell(3, col), header)
        ws.cell(3, col).font = Font(bold=True)
        ws.cell(3, col).fill = PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[chr(64 + col)].width = width
    for index, finding in enumerate(findings, start=1):
        row = 3 + index
        first = finding.locations[0] if finding.locations else None
        values = (index, finding.severity.label, finding.rule,
                  f"{quote_sheet(first.sheet)}!{first.cell}" if first else "",
                  finding.message, finding.written, finding.expected)
        for col, value in enumerate(values, start=1):
            as_text(ws.cell(row, col), value)
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 2).fill = PatternFill("solid", fgColor=SEVERITY_FILLS[finding.severity])
        if first is not None and first.sheet in book.sheetnames:
            link = ws.cell(row, 4)
            link.hyperlink = f"#{quote_sheet(first.sheet)}!{first.cell}"
            link.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    if findings:
        ws.auto_filter.ref = f"A3:G{3 + len(findings)}"
    book.active = 0


def mark_cells(book, findings: list[Finding]) -> None:
    """Fill every cell a finding is about (worst severity wins) and note the messages there."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    per_cell: dict = {}
    for finding in findings:
        for loc in finding.locations:
            per_cell.setdefault((loc.sheet, loc.cell), []).append(finding)
    for (sheet, address), items in per_cell.items():
        if sheet not in book.sheetnames or sheet == RESULTS_SHEET:
            continue
        cell = book[sheet][address]
        worst = min(items, key=lambda f: f.severity.rank).severity
        cell.fill = PatternFill("solid", fgColor=SEVERITY_FILLS[worst])
        text = "\n".join(f"[{f.rule} {f.severity.label}] {f.message}" for f in items[:8])
        if len(items) > 8:
            text += f"\n(+{len(items) - 8} temuan lain di lembar {RESULTS_SHEET})"
        note = Comment(text, "renja-xl")
        note.width, note.height = 420, min(60 + 40 * len(items), 400)
        cell.comment = note


def write_checked(source: Path, target: Path, findings: list[Finding], title: str) -> None:
    """Copy ``source`` to ``target`` with the results sheet and the marks."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True)
    except Exception as exc:
        raise InputError(f"Berkas '{source.name}' tidak dapat dibuka untuk ditulis ({type(exc).__name__}).") from exc
    mark_cells(book, findings)
    add_results_sheet(book, findings, title)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(target, buffer.getvalue())
