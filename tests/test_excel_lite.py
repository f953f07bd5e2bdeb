"""The xlwings Lite script (macros/lite/main.py) through xlwings' own server machinery.

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
from xlwings_client import apply_actions, payload

LITE = Path(__file__).resolve().parent.parent / "macros" / "lite"
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


@pytest.mark.parametrize("script", ["periksa", "hitung", "bersihkan"])
def test_the_scripts_run_and_tell_the_user(script):
    workbook = load_workbook(RENJA_EXAMPLE)
    book = xw.Book(json=payload(workbook, "renja.xlsx"))
    asyncio.run(custom_scripts_call(lite, script, typehint_to_value={xw.Book: book}))
    actions = book.json()["actions"]
    alerts = [a["args"] for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and alerts[0][1] == "Renja XL"
    apply_actions(workbook, [a for a in actions if a["func"] != "alert"])
    if script == "periksa":
        assert workbook.sheetnames[0] == "Hasil Validasi"
    if script == "hitung":
        assert workbook["T2.1 Evaluasi Renja"]["H8"].value.startswith("=")


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
