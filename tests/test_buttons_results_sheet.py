"""Periksa and Bersihkan never touch a user's own sheet called "Hasil Validasi".

renja-xl's results sheet is known by its name *and* its title (``renja_xl.results_sheet``),
as the file patcher and the reader know it: the button's results go beside a user's sheet of
that name (``Hasil Validasi (2)``, as ``renja-xl check -o`` names them), an earlier results
sheet of renja-xl's is replaced, and Bersihkan removes renja-xl's sheet only.
"""

from __future__ import annotations

import os

import pytest
from openpyxl import load_workbook

from conftest import RENJA_EXAMPLE
from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

from test_excel_buttons import press  # noqa: E402

USERS_NOTES = [["Hasil Validasi", "rapat Bappeda 12 Maret"], ["Butir", "Tindak lanjut"],
               ["Target T3.4", "disesuaikan dengan RKPD"]]


def _with_users_sheet(path=RENJA_EXAMPLE, title="Hasil Validasi"):
    workbook = load_workbook(path)
    ws = workbook.create_sheet(title)
    for row in USERS_NOTES:
        ws.append(row)
    return workbook


def _values(ws) -> list:
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_periksa_writes_beside_a_users_hasil_validasi_as_check_does_and_bersihkan_leaves_it(engine, tmp_path,
                                                                                            capsys):
    source = tmp_path / "renja_catatan.xlsx"
    _with_users_sheet().save(source)
    assert main(["check", str(source), "-o", str(tmp_path / "diperiksa.xlsx")]) == 1
    expected = load_workbook(tmp_path / "diperiksa.xlsx")["Hasil Validasi (2)"]

    workbook = load_workbook(source)
    for _ in range(2):   # a second Periksa replaces renja-xl's own sheet, never the user's
        pressed = press("periksa", workbook, name=source.name, engine=engine)
        assert pressed.result.ok and pressed.result.message.endswith("lihat lembar Hasil Validasi (2)."), \
            pressed.result.message
        assert _values(workbook["Hasil Validasi"]) == USERS_NOTES
        assert [n for n in workbook.sheetnames if n.startswith("Hasil Validasi")] == ["Hasil Validasi (2)",
                                                                                      "Hasil Validasi"]
        assert _values(workbook["Hasil Validasi (2)"]) == _values(expected)

    cleaned = press("bersihkan", workbook, engine=engine)
    assert cleaned.result.ok and "lembar Hasil Validasi (2) dihapus" in cleaned.result.message
    assert _values(workbook["Hasil Validasi"]) == USERS_NOTES
    assert workbook.sheetnames == load_workbook(source).sheetnames


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_a_users_sheet_of_the_name_in_another_case_is_left_too(engine, capsys):
    workbook = _with_users_sheet(title="HASIL VALIDASI")
    pressed = press("periksa", workbook, engine=engine)
    assert pressed.result.ok and "Hasil Validasi (2)" in workbook.sheetnames
    assert _values(workbook["HASIL VALIDASI"]) == USERS_NOTES
    assert press("bersihkan", workbook, engine=engine).result.ok
    assert _values(workbook["HASIL VALIDASI"]) == USERS_NOTES and "Hasil Validasi (2)" not in workbook.sheetnames


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_an_earlier_results_sheet_of_renja_xl_is_replaced_in_place_of_a_second(engine, capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    first = press("periksa", workbook, engine=engine).result
    second = press("periksa", workbook, engine=engine).result
    assert first.counts == second.counts and second.message.endswith("lihat lembar Hasil Validasi.")
    assert [n for n in workbook.sheetnames if n.startswith("Hasil Validasi")] == ["Hasil Validasi"]
    cleaned = press("bersihkan", workbook, engine=engine).result
    assert "lembar Hasil Validasi dihapus" in cleaned.message
    assert workbook.sheetnames == load_workbook(RENJA_EXAMPLE).sheetnames


def test_bersihkan_without_a_check_says_there_was_no_results_sheet(capsys):
    workbook = _with_users_sheet()
    pressed = press("bersihkan", workbook)
    assert pressed.result.ok and "tidak ada lembar Hasil Validasi dari renja-xl" in pressed.result.message
    assert _values(workbook["Hasil Validasi"]) == USERS_NOTES


@pytest.mark.parametrize("engine", ["lite", "desktop"])
@pytest.mark.parametrize("name", ["lembar_hasil_validasi_pengguna.xlsx", "lembar_hasil_validasi_huruf_besar.xlsx"])
def test_the_hostile_corpus_cases_of_a_users_hasil_validasi_through_periksa_and_bersihkan(hostile_corpus, name, engine,
                                                                                        capsys, tmp_path):
    """The corpus' own cases (a user's "Hasil Validasi", in either case), as check -o names the results beside it."""
    from test_excel_perbaiki import contents

    # the shared corpus is only read: check's copy goes under this test's own folder
    main(["check", str(hostile_corpus / name), "-o", str(tmp_path / f"{engine}_{name}")])
    expected = load_workbook(tmp_path / f"{engine}_{name}")
    workbook = load_workbook(hostile_corpus / name)
    before = {ws.title: contents(ws) for ws in workbook}
    pressed = press("periksa", workbook, name=name, engine=engine)
    assert pressed.result.ok and len(pressed.alerts) == 1, pressed.result.message
    assert workbook.sheetnames == expected.sheetnames + ["renja-xl"]
    results = next(n for n in expected.sheetnames if n not in before)
    assert _values(workbook[results]) == _values(expected[results])
    assert press("bersihkan", workbook, engine=engine).result.ok
    assert {ws.title: contents(ws) for ws in workbook} == before


def test_a_chart_sheet_called_hasil_validasi_is_passed_over_on_windows(hostile_corpus, capsys):
    """xlwings' book.sheets are worksheets only; COM's Workbook.Sheets tells the chart sheets too (Windows)."""
    from xlwings_desktop import DesktopExcel

    from renja_xl.excel import buttons

    workbook = load_workbook(hostile_corpus / "lembar_grafik_hasil_validasi.xlsx")
    result = buttons.periksa(DesktopExcel(workbook, "grafik.xlsx", platform="windows").book)
    assert result.ok and result.message.endswith("lihat lembar Hasil Validasi (2)."), result.message
    assert workbook.sheetnames[0] == "Hasil Validasi (2)" and workbook.sheetnames[-1] == "Hasil Validasi"
