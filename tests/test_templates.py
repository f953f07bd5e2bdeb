"""The official templates are generated from the specs, reproducibly, with the layout users expect."""

import filecmp

import pytest
from conftest import ROOT
from openpyxl import load_workbook

from renja_xl.cli import main
from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables
from renja_xl.specs import DOCUMENTS, render_years

TEMPLATES = {"renja": ROOT / "xlsx_templates" / "renja_pd.xlsx", "lkjip": ROOT / "xlsx_templates" / "lkjip.xlsx"}


def test_committed_templates_equal_a_fresh_generation(tmp_path):
    assert main(["template", "--out", str(tmp_path)]) == 0
    for path in TEMPLATES.values():
        assert filecmp.cmp(path, tmp_path / path.name, shallow=False), f"{path.name}: run 'renja-xl template'"


@pytest.mark.parametrize("document", ["renja", "lkjip"])
def test_the_reader_finds_every_table_of_its_own_template(document):
    tables = find_tables(load_snapshot(TEMPLATES[document]))
    assert [t.spec.key for t in tables] == [s.key for s in DOCUMENTS[document]]
    assert all(t.rows == [] for t in tables)


@pytest.fixture(scope="module")
def renja_book():
    return load_workbook(TEMPLATES["renja"])


def test_one_sheet_per_table_after_the_instructions(renja_book):
    assert renja_book.sheetnames == ["Petunjuk"] + [s.sheet for s in DOCUMENTS["renja"]]


def test_headers_groups_and_column_numbers(renja_book):
    ws = renja_book["T3.4 Rencana Program"]
    assert ws["A4"].value == "Kode"
    assert ws["D4"].value == render_years("Rencana Tahun {n}", None) == "Rencana Tahun n"
    assert "D4:G4" in {str(r) for r in ws.merged_cells.ranges}       # group over its four columns
    assert "A4:A5" in {str(r) for r in ws.merged_cells.ranges}       # single header over both rows
    assert [ws.cell(6, c).value for c in range(1, 11)] == [f"({i})" for i in range(1, 11)]
    assert ws["A4"].alignment.wrap_text and ws["A4"].border.left.style == "thin"


def test_print_and_view_settings(renja_book):
    ws = renja_book["T2.1 Evaluasi Renja"]
    assert ws.freeze_panes == "A7"
    assert ws.print_title_rows == "$4:$6"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width


def test_number_formats_and_drop_down_lists(renja_book):
    ws = renja_book["T3.4 Rencana Program"]
    assert ws["F7"].number_format == "#,##0"                      # pagu
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"G7:G66": '"APBD Kota,APBD Kabupaten,APBD Provinsi,APBN,DAK,DBH,BLUD,Lainnya"'}
    lkjip = load_workbook(TEMPLATES["lkjip"])["T3.1.1 Capaian Kinerja"]
    assert any(dv.formula1 == '"Positif,Negatif"' for dv in lkjip.data_validations.dataValidation)


def test_computed_columns_are_marked(renja_book):
    ws = renja_book["T2.1 Evaluasi Renja"]
    assert ws["H7"].fill.fgColor.rgb.endswith("FFF2CC")   # tingkat realisasi (8)
    assert not ws["G7"].fill.fgColor.rgb.endswith("FFF2CC")
