"""``renja-xl fill``: a new file, only the computed cells change, twice is once."""

import shutil

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE, sha
from openpyxl import load_workbook

from renja_xl.cli import main
from renja_xl.compute import FillOptions, compute_workbook
from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables



def _style(cell):
    """Every style attribute, by value (openpyxl's style proxies compare by identity)."""
    return tuple(repr(x) for x in (cell.font, cell.fill, cell.border, cell.alignment, cell.protection)) + (cell.number_format,)


def _cells(path):
    book = load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, _style(c)) for ws in book for row in ws.iter_rows() for c in row}


@pytest.mark.parametrize("source, rollup", [(RENJA_EXAMPLE, True), (LKJIP_EXAMPLE, True), (LKJIP_EXAMPLE, False)])
def test_only_computed_cells_change(tmp_path, source, rollup):
    out = tmp_path / "terisi.xlsx"
    before = sha(source)
    assert main(["fill", str(source), "-o", str(out)] + (["--rollup"] if rollup else [])) == 0
    assert sha(source) == before
    snapshot = load_snapshot(source)
    computed = {(c.sheet, c.address) for f in compute_workbook(snapshot, find_tables(snapshot), FillOptions(rollup=rollup))
                for c in f.cells}
    old, new = _cells(source), _cells(out)
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    assert changed and changed <= computed
    assert all(str(new[k][0]).startswith("=") for k in computed)


def test_fill_twice_is_fill_once(tmp_path):
    once, twice = tmp_path / "sekali.xlsx", tmp_path / "dua_kali.xlsx"
    assert main(["fill", str(RENJA_EXAMPLE), "-o", str(once), "--rollup"]) == 0
    assert main(["fill", str(once), "-o", str(twice), "--rollup"]) == 0
    assert _cells(once) == _cells(twice)
    book = load_workbook(twice)
    assert len(book["T2.1 Evaluasi Renja"].conditional_formatting) == 1  # colours not added twice


def test_default_output_is_a_new_file_beside_the_input(tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    before = sha(source)
    assert main(["fill", str(source)]) == 0
    assert (tmp_path / "renja_terisi.xlsx").exists() and sha(source) == before
    out = capsys.readouterr().out
    assert "[T2.1 Evaluasi Renja] T2.1 Evaluasi Renja: 158 rumus" in out
    assert "ditulis:" in out


def test_output_onto_the_input_is_refused(tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    before = sha(source)
    assert main(["fill", str(source), "-o", str(source)]) == 2
    assert "tidak boleh menimpa" in capsys.readouterr().err
    assert sha(source) == before


def test_in_place_keeps_a_backup_first(tmp_path):
    source = tmp_path / "renja.xlsx"
    shutil.copy(RENJA_EXAMPLE, source)
    before = sha(source)
    assert main(["fill", str(source), "--in-place"]) == 0
    assert sha(tmp_path / "renja.xlsx.bak") == before
    assert sha(source) != before
    assert load_workbook(source)["T2.1 Evaluasi Renja"]["H32"].value.startswith("=IF(")


def test_percent_cells_get_a_points_format_and_predikat_colours(tmp_path):
    out = tmp_path / "terisi.xlsx"
    assert main(["fill", str(RENJA_EXAMPLE), "-o", str(out)]) == 0
    ws = load_workbook(out)["T2.1 Evaluasi Renja"]
    assert ws["H32"].number_format == '0.00"%"'
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert {r.formula[0].split("=")[1] for r in rules} == {'"Sangat Tinggi"', '"Tinggi"', '"Sedang"', '"Rendah"',
                                                         '"Sangat Rendah"'}
    assert load_workbook(out).calculation.fullCalcOnLoad


def test_workbook_without_tables_is_refused(tmp_path, capsys):
    from openpyxl import Workbook

    path = tmp_path / "lain.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Daftar hadir"
    wb.save(path)
    assert main(["fill", str(path)]) == 2
    assert "Tidak ada tabel" in capsys.readouterr().err
    assert not (tmp_path / "lain_terisi.xlsx").exists()


def test_unwritable_output_folder(tmp_path, capsys):
    assert main(["fill", str(RENJA_EXAMPLE), "-o", str(tmp_path / "tidak_ada" / "x.xlsx")]) == 2
    assert "tidak ada" in capsys.readouterr().err
