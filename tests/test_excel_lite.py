"""The xlwings Lite script (renja_xl/addin/macros/lite/main.py) through xlwings' own server machinery.

``custom_functions_call`` and ``custom_scripts_call`` are what xlwings Lite and Server run
when a formula recalculates or a script's button is clicked; here they run the file a
user pastes into the Lite editor, with a real remote-engine book.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import load_workbook
from xlwings.server import custom_functions_call, custom_functions_meta, custom_scripts_call

from conftest import RENJA_EXAMPLE
from xlwings_client import LiteExcel, payload

from renja_xl.excel.client import MARKS_SHEET

LITE = Path(__file__).resolve().parent.parent / "renja_xl" / "addin" / "macros" / "lite"
sys.path.insert(0, str(LITE))
import main as lite  # noqa: E402


def call(name: str, *args):
    data = {"func_name": name, "args": [[[a]] for a in args], "client": "Office.js", "version": xw.__version__,
            "caller_address": "Sheet1!A1", "culture_info_name": "id-ID", "date_format": "dd/mm/yyyy", "runtime": "1.4"}
    return asyncio.run(custom_functions_call(data, lite))[0][0]


def test_the_worksheet_functions_are_registered_under_their_excel_names():
    names = {f["name"] for f in custom_functions_meta(lite)["functions"]}
    assert names == {"RENJA_CAPAIAN", "RENJA_PREDIKAT", "RENJA_ANGKA", "RENJA_KODE"}


@pytest.mark.parametrize("name, args, expected", [
    ("renja_capaian", (85, 100), 85.0),
    ("renja_capaian", ("4.300 Pencaker", "4.000"), 107.5),
    ("renja_capaian", (12, 10, "Negatif"), 80.0),
    ("renja_capaian", ("", 10), ""),
    ("renja_capaian", (5, 0), ""),
    ("renja_predikat", (92,), "Sangat Tinggi"),
    ("renja_predikat", (50,), "Sangat Rendah"),
    ("renja_angka", ("4.300 Pencaker",), 4300.0),
    ("renja_angka", ("61,91%",), 61.91),
    ("renja_angka", ("paket",), ""),
    ("renja_kode", ("2 .07 .05 2:03",), "2.07.05.2.03"),
    ("renja_kode", ("2.7.1",), "2.07.01"),
])
def test_worksheet_functions_through_the_remote_engine(name, args, expected):
    assert call(name, *args) == expected


def check_summary(path, capsys) -> dict:
    """The summary `renja-xl check` gives of the same file (counts by severity)."""
    import json

    from renja_xl.cli import main

    main(["check", str(path), "--no-output", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return (report[0] if isinstance(report, list) else report)["summary"]


@pytest.mark.parametrize("script", ["periksa", "hitung", "bersihkan"])
def test_the_scripts_run_and_tell_the_user(script, capsys):
    errors = check_summary(RENJA_EXAMPLE, capsys).get("error", 0)
    workbook = load_workbook(RENJA_EXAMPLE)
    with LiteExcel(workbook, "renja.xlsx") as excel:
        book = excel.book()
        asyncio.run(custom_scripts_call(lite, script, typehint_to_value={xw.Book: book}))
        excel.finish(book)
    assert len(excel.alerts) == 1 and excel.alerts[0][1] == "Renja XL"
    assert "Catatan" not in excel.alerts[0][0]      # formats and colours were read: nothing left untold
    if script == "periksa":
        assert workbook.sheetnames[0] == "Hasil Validasi"
        assert excel.alerts[0][0].startswith(f"{errors} kesalahan")   # as renja-xl check on the same file
    if script == "hitung":
        assert workbook["T2.1 Evaluasi Renja"]["H8"].value.startswith("=")


def test_the_perbaiki_and_batalkan_scripts_change_and_restore_the_workbook(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)

    def state():
        return workbook.sheetnames, {(ws.title, c.coordinate): (c.value, c.number_format)
                                     for ws in workbook for row in ws.iter_rows() for c in row}

    before = state()
    for script in ("perbaiki", "batalkan"):
        with LiteExcel(workbook, "renja.xlsx") as excel:
            book = excel.book()
            asyncio.run(custom_scripts_call(lite, script, typehint_to_value={xw.Book: book}))
            excel.finish(book)
        assert len(excel.alerts) == 1 and excel.alerts[0][1] == "Renja XL" and excel.alerts[0][3] == "info"
        if script == "perbaiki":
            assert "diganti rumus" in excel.alerts[0][0] and workbook.sheetnames[0] == "Perbaikan"
            assert workbook["T2.1 Evaluasi Renja"]["D8"].number_format == '0 "jenis"'
    assert excel.alerts[0][0].startswith("Perbaiki dibatalkan")
    assert state() == before


def test_a_10000_row_tabel_3_4_through_the_lite_path_gives_the_findings_of_check(tmp_path, capsys):
    """A large sheet: colours read within get_colors()'s 100,000 cells a call, the same findings, no traceback."""
    import json

    from openpyxl.styles import PatternFill

    from renja_xl.cli import main

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_check import make_t34

    path = tmp_path / "t34.xlsx"
    make_t34(path, 10_000)
    workbook = load_workbook(path)
    ws = workbook["T3.4 Rencana Program"]
    big = [c for row in ws.iter_rows(min_row=9000, max_row=9100) for c in row if isinstance(c.value, int)]
    big[0].value += 7                                           # a kode roll-up that no longer adds up
    big[0].fill = PatternFill("solid", fgColor="FFFFFF00")       # under the user's own yellow
    workbook.save(path)
    main(["check", str(path), "-o", str(tmp_path / "diperiksa.xlsx")])
    expected = load_workbook(tmp_path / "diperiksa.xlsx")
    with LiteExcel(workbook, path.name) as excel:
        book = excel.book()
        asyncio.run(custom_scripts_call(lite, "periksa", typehint_to_value={xw.Book: book}))
        excel.finish(book)
    assert len(excel.alerts) == 1 and excel.alerts[0][0].startswith("1 kesalahan"), excel.alerts
    values = [list(r) for r in workbook["Hasil Validasi"].iter_rows(values_only=True)]
    assert values == [list(r) for r in expected["Hasil Validasi"].iter_rows(values_only=True)]
    marks = [list(r) for r in workbook[MARKS_SHEET].iter_rows(values_only=True)]
    assert ["T3.4 Rencana Program", big[0].coordinate, "FFFF00", 1] in marks   # the user's yellow, kept for Bersihkan
    assert excel.calls["getRangeData"] < 60                      # independent of the number of rows


def test_colours_are_read_within_get_colors_limit_of_100000_cells():
    """Marks far apart in one column: each get_colors() call stays within the documented 100,000 cells."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from renja_xl.excel.client import COLOUR_CELLS, LiteReads

    workbook = Workbook()
    ws = workbook.active
    for row in (5, 150_000, 250_000):
        ws.cell(row, 2, 1).fill = PatternFill("solid", fgColor="FF00B050")
    asked = []
    with LiteExcel(workbook, "jauh.xlsx") as excel:
        original = excel.getRangeData

        async def spy(sheet, address, keys):
            asked.append(address)
            return await original(sheet, address, keys)

        excel.getRangeData = spy
        sheet_only = Workbook()            # the values are not what is read here: a book of the sheet's name
        sheet_only.active.title = ws.title
        book = xw.Book(json=payload(sheet_only, "jauh.xlsx"))
        reads = LiteReads()
        found = asyncio.run(reads.fills(book.sheets[0], [(5, 2), (150_000, 2), (250_000, 2), (7, 2)]))
    assert found == {(5, 2): "00B050", (150_000, 2): "00B050", (250_000, 2): "00B050", (7, 2): None}
    assert len(asked) == 3 and reads.calls == 3
    assert COLOUR_CELLS == 100_000


@pytest.mark.parametrize("example", ["renja", "lkjip"])
def test_renja_capaian_and_predikat_agree_with_the_filled_columns(example):
    """The worksheet functions give, row by row, what `renja-xl fill` computes on both examples."""
    from conftest import LKJIP_EXAMPLE

    from renja_xl.compute import FillOptions, compute_workbook
    from renja_xl.io.files import load_snapshot
    from renja_xl.reader import find_tables
    from renja_xl.specs.base import Capaian, Ratio

    snapshot = load_snapshot(RENJA_EXAMPLE if example == "renja" else LKJIP_EXAMPLE)
    tables = find_tables(snapshot)
    computed = {(c.sheet, c.row, c.key): c.value for f in compute_workbook(snapshot, tables, FillOptions())
                for c in f.cells}
    compared = 0
    for table in tables:
        sheet = snapshot.sheet(table.sheet)
        for col in table.spec.columns:
            f = col.computed
            if isinstance(f, Capaian):
                keys = [f.realisasi, f.target] + ([f.polaritas] if f.polaritas in table.columns else [])
            elif isinstance(f, Ratio) and f.scale == 100:  # tingkat realisasi: the same realisasi / target x 100
                keys = [f.num, f.den]
            else:
                continue
            if col.key not in table.columns or not all(k in table.columns for k in keys):
                continue
            if any(table.spec.column(k).computed for k in keys):
                continue  # built on another computed column: fill chains the formulas, a typed cell may differ
            for row in table.data_rows:
                expected = computed.get((table.sheet, row.number, col.key))
                if expected is None or any(sheet.is_percent(row.number, table.columns[k]) for k in keys[:2]):
                    continue  # an input shown as a percentage reaches a function as a fraction, as in Excel
                args = [sheet.value(row.number, table.columns[k]) for k in keys]
                assert call("renja_capaian", *args) == pytest.approx(expected), (table.sheet, row.number)
                predikat = computed.get((table.sheet, row.number, "predikat"))
                if isinstance(f, Capaian) and predikat is not None:
                    assert call("renja_predikat", expected) == predikat
                compared += 1
    assert compared >= 5
