"""Drawing the official sheets from the specs (openpyxl), and saving them byte-for-byte reproducibly.

A template is generated, never drawn by hand: one sheet per table with the Indonesian
headers (group headers merged over their columns), the column-number row, widths,
wrapping, borders, frozen header, A4 landscape with repeated header rows, number
formats and drop-down lists for closed sets. :func:`save_deterministic` fixes every
timestamp so a fresh generation equals the committed file.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import zipfile
from dataclasses import dataclass
from typing import Iterable, Optional

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..specs import DOCUMENTS, TableSpec, render_years
from ..specs.base import Role

TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 4
DATA_ROWS = 60
FIXED_TIME = _dt.datetime(2020, 1, 1)

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
NUMBER_FILL = PatternFill("solid", fgColor="F2F2F2")
COMPUTED_FILL = PatternFill("solid", fgColor="FFF2CC")
_TEXT_ROLES = (Role.URAIAN, Role.INDIKATOR, Role.TEXT, Role.LOKASI)

DOCUMENT_TITLES = {
    "renja": "Rencana Kerja (Renja) Perangkat Daerah — Permendagri 86/2017",
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP) — PermenPAN-RB 53/2014",
}


@dataclass(frozen=True)
class SheetLayout:
    """Where a drawn table sits: its header rows, first data row and the column of each key."""

    spec: TableSpec
    header_top: int
    header_bottom: int
    first_data_row: int
    columns: dict  # key -> column index (1-based)


def _merge_runs(keys: list[Optional[str]]) -> list[tuple[int, int, str]]:
    """Runs of equal non-empty group names: (start index, end index, name)."""
    runs, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start]:
                runs.append((start, i - 1, keys[start]))
            start = i
    return runs


def _header_height(ws, row: int, columns, groups, top: int) -> float:
    """Row height (points) that shows the longest wrapped header text of the row in full (bold, 11 points)."""
    from ..rowheight import lines_needed, points

    lines = 1
    for index, col in enumerate(columns, start=1):
        text = ws.cell(row, index).value
        if not text:
            continue
        width = col.width
        if row == top and groups[index - 1]:  # a group header spans its run of columns
            width = sum(c.width for c, g in zip(columns, groups) if g == groups[index - 1])
        lines = max(lines, lines_needed(text, width, bold=True))
    return max(15.0, points(lines))


def fit_rows(ws, layout: "SheetLayout", rows: Iterable[int]) -> None:
    """Give each of ``rows`` the height its wrapped text needs (text columns wrap; a row of one line keeps the
    default height): neither Excel nor LibreOffice grows such a row by itself when the file is opened."""
    from ..rowheight import row_points

    wrapped = [(index, layout.spec.column(key).width) for key, index in layout.columns.items()
               if layout.spec.column(key).role in _TEXT_ROLES]
    for row in rows:
        cells = [(ws.cell(row, index).value, width, False) for index, width in wrapped
                 if ws.cell(row, index).value not in (None, "")]
        height = row_points(cells) if cells else None
        if height is not None:
            ws.row_dimensions[row].height = height


def draw_table(ws, spec: TableSpec, *, year: Optional[int] = None, include: Iterable[str] = (),
               top: int = HEADER_ROW, data_rows: int = DATA_ROWS) -> SheetLayout:
    """Draw one official table on ``ws`` with its header at row ``top``; return its layout."""
    columns = spec.template_columns(tuple(include))
    groups = [render_years(c.group, year) if c.group else None for c in columns]
    height = 2 if any(groups) else 1
    header_bottom = top + height - 1
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.cell(TITLE_ROW, 1, f"{spec.number} {render_years(spec.title, year)}").font = Font(bold=True, size=12)
    ws.cell(SUBTITLE_ROW, 1, f"Format: {spec.regulation}").font = Font(italic=True, size=9)

    for index, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width
        header = render_years(col.header, year)
        if groups[index - 1]:
            ws.cell(header_bottom, index, header)
        else:
            ws.cell(top, index, header)
            if height > 1:
                ws.merge_cells(start_row=top, start_column=index, end_row=header_bottom, end_column=index)
    for start, end, name in _merge_runs(groups):
        ws.cell(top, start + 1, name)
        if end > start:
            ws.merge_cells(start_row=top, start_column=start + 1, end_row=top, end_column=end + 1)
    for row in range(top, header_bottom + 1):
        ws.row_dimensions[row].height = _header_height(ws, row, columns, groups, top)
        for index in range(1, len(columns) + 1):
            cell = ws.cell(row, index)
            cell.font, cell.alignment, cell.border, cell.fill = bold, centre, BORDER, HEADER_FILL

    first_data = header_bottom + 1
    if spec.number_row:
        for index in range(1, len(columns) + 1):
            cell = ws.cell(first_data, index, f"({index})")
            cell.alignment, cell.border, cell.fill = centre, BORDER, NUMBER_FILL
            cell.font = Font(italic=True, size=9)
        first_data += 1

    last_data = first_data + data_rows - 1
    for index, col in enumerate(columns, start=1):
        wrap = Alignment(vertical="top", wrap_text=col.role in _TEXT_ROLES)
        for row in range(first_data, last_data + 1):
            cell = ws.cell(row, index)
            cell.border, cell.alignment = BORDER, wrap
            if col.number_format:
                cell.number_format = col.number_format
            if col.computed is not None:
                cell.fill = COMPUTED_FILL
        if col.choices:
            letter = get_column_letter(index)
            validation = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                        showErrorMessage=True, errorStyle="warning",
                                        errorTitle=render_years(col.header, year),
                                        error="Nilai di luar daftar; periksa kembali.")
            validation.add(f"{letter}{first_data}:{letter}{last_data}")
            ws.add_data_validation(validation)

    ws.freeze_panes = ws.cell(first_data, 1)
    ws.print_title_rows = f"{top}:{first_data - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    return SheetLayout(spec, top, header_bottom, first_data, {c.key: i for i, c in enumerate(columns, start=1)})


def _instructions(wb: Workbook, document: str, specs: tuple[TableSpec, ...]) -> None:
    ws = wb.active
    ws.title = "Petunjuk"
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 140
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws["A1"] = DOCUMENT_TITLES[document]
    ws["A1"].font = Font(bold=True, size=13)
    lines = [
        ("Cara pakai", "Isi tabel pada lembar-lembar berikut. Judul kolom jangan diubah: renja-xl mengenali tabel dari judulnya."),
        ("", "Kolom berwarna kuning adalah kolom hitungan (tombol Hitung / renja-xl fill mengisinya dengan rumus)."),
        ("", "Tahun pada judul (n, n-1, …) diganti dengan tahun dokumen."),
        ("Memeriksa", "renja-xl check <berkas>.xlsx menulis salinan <berkas>_diperiksa.xlsx berisi lembar 'Hasil Validasi'."),
        ("Lembar", "Tabel"),
    ]
    lines += [(spec.sheet, f"{spec.number} {render_years(spec.title, None)} ({spec.regulation})") for spec in specs]
    for offset, (label, text) in enumerate(lines, start=3):
        ws.cell(offset, 1, label).font = Font(bold=bool(label))
        ws.cell(offset, 2, text)


def build_workbook(document: str, year: Optional[int] = None, include: Iterable[str] = (),
                   data_rows: Optional[dict] = None) -> tuple[Workbook, dict]:
    """The template workbook of a document (``"renja"``/``"lkjip"``) and the layout of each sheet.

    ``include`` adds optional columns by key; ``data_rows`` sets the number of
    prepared (bordered, formatted) rows per table key, :data:`DATA_ROWS` otherwise.
    """
    specs = DOCUMENTS[document]
    wb = Workbook()
    _instructions(wb, document, specs)
    layouts = {}
    for spec in specs:
        ws = wb.create_sheet(spec.sheet)
        rows = max(DATA_ROWS, (data_rows or {}).get(spec.key, 0))
        layouts[spec.key] = draw_table(ws, spec, year=year, include=tuple(include), data_rows=rows)
    return wb, layouts


def save_deterministic(wb: Workbook, path: str | os.PathLike) -> None:
    """Save with fixed timestamps (document properties and zip entries), atomically."""
    from .atomic import write_bytes_atomic

    write_bytes_atomic(path, deterministic_bytes(wb))


def deterministic_bytes(wb: Workbook) -> bytes:
    """The workbook's package with fixed timestamps: the same workbook always gives the same bytes."""
    wb.properties.creator = "renja-xl"
    wb.properties.lastModifiedBy = "renja-xl"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the current time whatever we set
                import re

                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2020-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()
