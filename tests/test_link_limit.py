"""Excel keeps at most 65,530 hyperlinks in one worksheet (its documented specifications and limits).

A checked copy's Hasil Validasi links every finding's line to its cell, and a rekap's
Temuan links each finding twice (the file, the cell): a workbook of 100,000 rows has about
170,000 findings. Past the limit a line keeps its address as plain text, and the results
sheet says so. The limit is lowered here so that the example's 238 findings pass it.
"""

from __future__ import annotations

import shutil

import openpyxl
from conftest import RENJA_EXAMPLE

from renja_xl import edits
from renja_xl.batch import rekap
from renja_xl.cli import main
from renja_xl.sheetnames import FIXES_SHEET


def _links(path, sheet: str) -> tuple[int, list]:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    linked = [c for row in ws.iter_rows() for c in row if c.hyperlink is not None]
    return ws, linked


def test_the_results_sheet_links_every_line_under_the_limit(tmp_path):
    out = tmp_path / "diperiksa.xlsx"
    main(["check", str(RENJA_EXAMPLE), "-o", str(out), "--format", "json"])
    ws, linked = _links(out, "Hasil Validasi")
    located = [c for c in ws["D"][3:] if isinstance(c.value, str) and "!" in c.value]
    assert len(linked) == len(located) > 238   # the summary's lines, then every finding's
    assert "tautan per lembar" not in ws["A2"].value


def test_past_the_limit_the_results_sheet_writes_addresses_plain_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(edits, "LINKS_PER_SHEET", 40)
    out = tmp_path / "diperiksa.xlsx"
    main(["check", str(RENJA_EXAMPLE), "-o", str(out), "--format", "json"])
    ws, linked = _links(out, "Hasil Validasi")
    assert len(linked) == 40
    assert "paling banyak 40 tautan per lembar" in ws["A2"].value
    last_linked = max(c.row for c in linked)
    after = [c for c in ws["D"][last_linked:] if isinstance(c.value, str) and "!" in c.value]
    assert after and all(c.hyperlink is None and not c.font.underline for c in after)


def test_past_the_limit_the_rekap_links_no_more_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(rekap, "LINKS_PER_SHEET", 25)
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copyfile(RENJA_EXAMPLE, folder / "renja_2022_dinas_a.xlsx")
    out = tmp_path / "rekap.xlsx"
    main(["check", str(folder), "--no-output", "--no-cache", "--jobs", "1", "--format", "json", "--rekap", str(out)])
    ws, linked = _links(out, "Temuan")
    assert len(linked) == 25
    styled = [c for row in ws.iter_rows(min_row=2) for c in row if c.style == "Hyperlink"]
    assert [c.coordinate for c in styled] == [c.coordinate for c in linked]


def _linked_column(path, sheet: str, column: str, first_row: int) -> tuple[list, list]:
    """(cells of ``column`` from ``first_row`` that name a place, those of them that link)."""
    ws = openpyxl.load_workbook(path)[sheet]
    named = [c for c in ws[column][first_row - 1:] if c.value]
    return named, [c for c in named if c.hyperlink is not None]


def test_past_the_limit_the_perbaikan_sheet_names_cells_plain(tmp_path, monkeypatch):
    from renja_xl import perbaiki

    monkeypatch.setattr(perbaiki, "LINKS_PER_SHEET", 5)
    out = tmp_path / "diperbaiki.xlsx"
    assert main(["perbaiki", str(RENJA_EXAMPLE), "-o", str(out)]) == 0
    named, linked = _linked_column(out, FIXES_SHEET, "B", perbaiki.SUMMARY_HEADER_ROW + 1)
    assert len(named) > 5 and [c.row for c in linked] == [c.row for c in named[:5]]
    assert not any(c.font.underline for c in named[5:])


def test_past_the_limit_the_perubahan_sheet_names_cells_plain(tmp_path, monkeypatch):
    from test_bandingkan import _new_version

    from renja_xl import bandingkan

    monkeypatch.setattr(bandingkan, "LINKS_PER_SHEET", 3)
    new = _new_version(tmp_path / "baru.xlsx")
    out = tmp_path / "perubahan.xlsx"
    main(["bandingkan", str(RENJA_EXAMPLE), str(new), "-o", str(out)])
    first = bandingkan.CHANGES_HEADER_ROW + 1
    named, linked = _linked_column(out, bandingkan.CHANGES_SHEET, "D", first)
    # the first three changes link to their cells (a row removed from NEW has none to link to), the rest do not
    assert len(named) == 10 and linked and all(c.row < first + 3 for c in linked)
    assert not any(c.hyperlink is not None or c.font.underline for c in named if c.row >= first + 3)
