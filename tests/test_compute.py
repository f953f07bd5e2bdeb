"""Computed columns on small grids: each formula kind's formula text and Python value."""

import re

import pytest

from renja_xl.compute import FillOptions, PredikatBands, compute_workbook
from renja_xl.reader import find_tables
from renja_xl.snapshot import SheetSnapshot, WorkbookSnapshot

T22 = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%", "Predikat"]


def fill(rows, percent=frozenset(), **options):
    snapshot = WorkbookSnapshot([SheetSnapshot("S", rows, percent_cells=frozenset(percent))])
    tables = find_tables(snapshot)
    fills = compute_workbook(snapshot, tables, FillOptions(**options))
    return {c.address: c for f in fills for c in f.cells}, fills


def test_ratio_value_and_formula():
    cells, _ = fill([T22, ["1.", "a", "Persentase a", "%", 125, 92, "126%"]])
    assert cells["G2"].value == pytest.approx(73.6)
    assert cells["G2"].formula == '=IF(AND(ISNUMBER(F2),ISNUMBER(E2)),IF(E2=0,"",F2/E2*100),"")'
    assert cells["G2"].number_format == '0.00"%"'


@pytest.mark.parametrize("target, realisasi", [(0, 5), (None, 5), ("-", 5), ("58 orang", 5), (10, "-"), (10, None)])
def test_blank_zero_or_text_inputs_give_an_empty_cell(target, realisasi):
    cells, _ = fill([T22, ["1.", "a", "Persentase a", "%", target, realisasi, None]])
    assert cells["G2"].value is None
    assert "IF(E2=0," in cells["G2"].formula and "ISNUMBER(E2)" in cells["G2"].formula


def test_percent_formatted_inputs_enter_as_points():
    # 83.33% typed as a percentage is stored 0.8333; 84.59 typed as a number is 84.59
    cells, _ = fill([T22, ["1.", "a", "Persentase a", "%", 84.59, 0.8333, None]], percent={(2, 6)})
    assert cells["G2"].value == pytest.approx(83.33 / 84.59 * 100)
    assert "(F2*100)/E2" in cells["G2"].formula


def test_average_total_row_and_predikat():
    rows = [T22, ["1.", "a", "Persentase a", "%", 100, 95, None], ["2.", "b", "Persentase b", "%", 100, 60, None],
            ["Rata-Rata Capaian", None, None, None, None, None, None]]
    cells, _ = fill(rows)
    assert cells["G4"].value == pytest.approx(77.5) and cells["G4"].formula == '=IFERROR(AVERAGE(G2:G3),"")'
    assert (cells["H2"].value, cells["H3"].value) == ("Sangat Tinggi", "Rendah")
    assert "H4" not in cells  # no predikat on the total row


@pytest.mark.parametrize("capaian, label", [(100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.5, "Tinggi"), (76, "Tinggi"),
                                            (75, "Sedang"), (66, "Sedang"), (65, "Rendah"), (51, "Rendah"),
                                            (50.9, "Sangat Rendah"), (0, "Sangat Rendah"), (None, None)])
def test_predikat_bands(capaian, label):
    assert PredikatBands().label(capaian) == label


def test_predikat_bands_are_configurable():
    bands = PredikatBands(bands=((80, "Baik"), (60, "Cukup")), lowest="Kurang")
    cells, _ = fill([T22, ["1.", "a", "Persentase a", "%", 100, 70, None]], bands=bands)
    assert cells["H2"].value == "Cukup"
    assert '"Baik"' in cells["H2"].formula and '"Sangat Tinggi"' not in cells["H2"].formula


T311 = ["No.", "Tujuan", "Sasaran", "Indikator Kinerja Utama", "Satuan", "Target", None, "Realisasi", None,
        "Polaritas", "Capaian (%)", "Predikat"]
T311_YEARS = [None, None, None, None, None, "2015", "2016", "2015", "2016", None, None, None]


@pytest.mark.parametrize("polaritas, expected", [(None, 80.0), ("Positif", 80.0), ("Negatif", 120.0), ("negatif", 120.0)])
def test_capaian_with_polarity(polaritas, expected):
    rows = [T311, T311_YEARS, ["1", "t", "s", "Angka pengangguran", "%", 10, 10, 9, 8, polaritas, None, None]]
    cells, _ = fill(rows)
    assert cells["K3"].value == pytest.approx(expected)
    assert 'IF(J3="Negatif",(2-I3/G3)*100,I3/G3*100)' in cells["K3"].formula


T21_HEADER = [
    ["Kode", "Urusan/Bidang Urusan Pemerintah Daerah dan Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
     "Target Kinerja Capaian Program (Renstra PD) Tahun 2021",
     "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d Tahun 2019",
     "Target dan Realisasi Kinerja Program dan Kegiatan Renja Tahun Lalu (2020)", None, None,
     "Target Program dan Kegiatan 2021", "Perkiraan Realisasi Capaian Target Renstra PD s.d tahun berjalan (2021)", None],
    [None, None, None, None, None, "Target", "Realisasi", "Tingkat Realisasi (%)", None, "Realisasi Capaian",
     "Tingkat Capaian (%)"],
]


def test_realisasi_capaian_sums_counts_and_takes_the_latest_percentage():
    rows = T21_HEADER + [
        ["15.010", "Penyelenggaraan Pelatihan Kerja", "Jumlah Pencari kerja yang mendapatkan pelatihan", 600, 157, 125, 92,
         "126%", 130, None, None],
        ["15", "Program", "Persentase Pencari kerja yang mendapatkan pelatihan kerja", 0.84, 0.80, 0.82, 0.4822, None,
         0.84, None, None],
        ["02", "Program", "Indeks Kepuasan Masyarakat", 90, 80, 82, 81, None, 83, None, None],
    ]
    percent = {(4, c) for c in (4, 5, 6, 7, 9)}
    cells, _ = fill(rows, percent=percent)
    assert cells["J3"].value == 157 + 92 + 130                       # count: (5)+(7)+(9)
    assert cells["J3"].formula == '=IF(COUNT(E3,G3,I3)=0,"",N(E3)+N(G3)+N(I3))'
    assert cells["K3"].value == pytest.approx(379 / 600 * 100)       # (10)/(4)
    assert cells["J4"].value == pytest.approx(84)                    # percentage: the latest value
    assert cells["J4"].formula.startswith("=IF(ISNUMBER(I4),(I4*100),")
    assert cells["K4"].value == pytest.approx(100)
    assert cells["J5"].value == 83 and cells["J5"].number_format == "General"  # index: latest, not a %
    assert cells["H3"].value == pytest.approx(73.6)


T32_HEADER = [
    ["NO", "PROGRAM/KEGIATAN", "APBD MURNI", "APBD-P", "BOBOT KEGIATAN", "REALISASI", None, None, None, "SISA DANA (Rp)"],
    [None, None, "JUMLAH DANA (Rp)", "JUMLAH DANA (Rp)", None, "FISIK (%)", "TTB.", "KEUANGAN (Rp)", "(%)", None],
]


def t32_rows():
    return T32_HEADER + [
        [None, "I. PROGRAM A", 300, 250, None, None, None, None, None, None],
        ["01.", "Kode Rekening 1.14.1.14.01.01.001. Kegiatan a", 100, 150, None, 100, None, 150, None, None],
        ["02.", "Kode Rekening 1.14.1.14.01.01.002. Kegiatan b", 200, 50, None, 50, None, 20, None, None],
        ["II.", "PROGRAM B", 100, 0, None, None, None, None, None, None],
        ["03.", "Kode Rekening 1.14.1.14.01.02.001. Kegiatan c", 100, "-", None, 0, None, 0, None, None],
        ["J U M L A H", None, None, None, None, None, None, None, None, None],
    ]


def test_realisasi_anggaran_bobot_ttb_keuangan_sisa_and_total():
    cells, _ = fill(t32_rows())
    assert cells["E4"].value == pytest.approx(75) and cells["E4"].formula.endswith('D4/$D$8*100),"")')
    assert cells["G4"].value == pytest.approx(75)            # bobot 75 x fisik 100 / 100
    assert cells["I4"].value == pytest.approx(100) and cells["J4"].value == 0
    assert cells["I5"].value == pytest.approx(40) and cells["J5"].value == 30
    assert cells["E7"].value is None                          # APBD-P "-": no share
    # JUMLAH sums the kegiatan (leaves), not the programs as well
    assert cells["D8"].formula == "=SUM(D4:D5,D7)" and cells["D8"].value == 200
    assert cells["E8"].value == pytest.approx(100)
    assert cells["I8"].value == pytest.approx(170 / 200 * 100)  # the row formula on the total row
    assert "C3" not in cells and "D3" not in cells             # program pagu only with --rollup


def test_rollup_sums_children_only_when_asked():
    cells, _ = fill(t32_rows(), rollup=True)
    assert cells["D3"].formula == "=SUM(D4:D5)" and cells["D3"].value == 200
    assert cells["C6"].formula == "=SUM(C7)" and cells["C6"].value == 100


T34_HEADER = [
    ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
     "Rencana Tahun 2022", None, None, None, "Catatan Penting", "Perkiraan Maju Rencana Tahun 2023", None],
    [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif", "Sumber Dana", None,
     "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif"],
]


def test_rollup_by_kode_counts_continuation_rows_once():
    rows = T34_HEADER + [
        ["2 07 1", "PROGRAM PENUNJANG", "IKM", "Kota", "81.5%", 999, None, None, None, 5],
        ["2 07 1 2.08", "Penyediaan Jasa Penunjang", "IKM", "Kota", "82%", 1, None, None, None, None],
        ["2 07 1 2.08 1", "Surat Menyurat", "Jumlah", "Kota", "1 jenis", 10, None, None, None, 1],
        ["2 07 1 2.08 4", "Pelayanan Umum", "Luasan", "Kota", "m2", "-", None, None, None, 2],
        [None, None, "Jumlah tenaga Non PNS", "Kota", "7 orang", 100, None, None, None, 3],
        [None, "TOTAL PAGU", None, None, None, None, None, None, None, None],
    ]
    plain, _ = fill(rows)
    assert plain == {}                                         # typed sums are checked, not overwritten
    cells, _ = fill(rows, rollup=True)
    # the empty coded row "-" stands for its breakdown (the uncoded row below it)
    assert cells["F4"].formula == "=SUM(F5,IF(ISNUMBER(F6),F6,SUM(F7)))" and cells["F4"].value == 110
    assert cells["F3"].formula == "=SUM(F4)" and cells["F3"].value == 110
    assert cells["F8"].formula == "=SUM(F3)" and cells["F8"].value == 110
    # a filled coded row counts once: its breakdown is not added on top
    assert cells["J4"].value == 3 and cells["J8"].value == 3


def test_rollup_counts_a_duplicated_kode_once():
    rows = T34_HEADER + [
        ["2 .07 .03", "PROGRAM PELATIHAN", "Persentase", "Kota", "10%", 1000, None, None, None, None],
        ["2 .07 .03 .2.02 .01", "Pembinaan LPKS", "Jumlah", "Kota", "1 kali", 400, None, None, None, None],
        ["2 .07 .03 .2.02 .01", "Pembinaan LPKS", "Jumlah", "Kota", "3 LPK", 400, None, None, None, None],
        ["2 .07 .03 .2.04", "Konsultasi", "Jumlah", "Kota", "1 Jenis", 600, None, None, None, None],
    ]
    cells, _ = fill(rows, rollup=True)
    assert cells["F3"].formula == "=SUM(F4,F6)" and cells["F3"].value == 1000


def test_missing_computed_columns_are_reported():
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"]
    _, fills = fill([header, ["1.", "a", "Persentase a", "%", 100, 90, None]])
    assert fills[0].missing == ["predikat"]


EXCEL_2010 = {"IF", "AND", "ISNUMBER", "SUM", "N", "COUNT", "AVERAGE", "IFERROR"}


def test_only_excel_2010_functions_and_no_references_outside_the_sheet():
    from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE

    from renja_xl.io.files import load_snapshot

    for path, rollup in ((RENJA_EXAMPLE, True), (LKJIP_EXAMPLE, True)):
        snapshot = load_snapshot(path)
        fills = compute_workbook(snapshot, find_tables(snapshot), FillOptions(rollup=rollup))
        formulas = [c.formula for f in fills for c in f.cells]
        assert formulas
        for formula in formulas:
            assert set(re.findall(r"([A-Z][A-Z0-9.]*)\(", formula)) <= EXCEL_2010, formula
            assert "!" not in formula and "[" not in formula, formula
