"""What real workbooks do to headers and rows, one tolerance at a time (small in-memory grids)."""

import pytest

from renja_xl.reader import find_tables
from renja_xl.snapshot import SheetSnapshot, WorkbookSnapshot

T33_HEADER = ["No.", "Tujuan", "Sasaran", "Indikator", "Hasil Evaluasi (2020)", "Keterangan"]
T33_ROW = ["1", "Menyediakan tenaga kerja", "Tersedianya tenaga kerja", "Persentase pencari kerja", "125.60", "ok"]
PK_HEADER = ["No.", "Sasaran Strategis", "Indikator Kinerja Utama (IKU)", "Target"]


def read(*sheets):
    snapshot = WorkbookSnapshot([s if isinstance(s, SheetSnapshot) else SheetSnapshot(f"S{i}", s)
                                 for i, s in enumerate(sheets)])
    return find_tables(snapshot)


def test_header_found_anywhere_ignoring_case_spacing_and_line_breaks():
    header = [None, None, "NO.", "  tujuan ", "SASARAN", "Indikator", "Hasil\nEvaluasi  (2020)", "KETERANGAN"]
    grid = [[None]] * 7 + [header, [None, None] + T33_ROW]
    (table,) = read(grid)
    assert table.spec.key == "renja.t3_3"
    assert table.header_range == "C8:H8"
    assert [r.number for r in table.rows] == [9]
    assert table.rows[0].get("hasil_evaluasi").address == "G9"


def test_a_typo_in_a_header_still_matches():
    header = ["No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Rcalisasi", "%"]
    (table,) = read([header, ["1.", "x", "Persentase a", "%", "100", "90", "90%"]])
    assert table.spec.key == "renja.t2_2" and "realisasi" in table.columns


@pytest.mark.parametrize("numbers", [["(1)", "(2)", "(3)", "(4)"], [1, 2, 3, 4], ["1", "2", "3", "4"]])
def test_the_column_number_row_is_part_of_the_header(numbers):
    (table,) = read([PK_HEADER, numbers, ["1.", "Sasaran", "Persentase a", "70%"]])
    assert table.number_row == 2 and [r.number for r in table.rows] == [3]


def test_three_blank_rows_end_a_table_and_prose_after_them_is_not_data():
    grid = [T33_HEADER, T33_ROW, [None], [None], [None], ["Berdasar hasil identifikasi di atas, maka tujuan …"]]
    (table,) = read(grid)
    assert [r.number for r in table.rows] == [2]


def test_a_caption_ends_a_table():
    grid = [T33_HEADER, T33_ROW, ["Tabel 3.4 Rumusan Rencana Program"], ["Teks lain", "x", "y"]]
    (table,) = read(grid)
    assert [r.number for r in table.rows] == [2]


def test_the_next_table_header_ends_the_previous_table():
    grid = [T33_HEADER, T33_ROW, PK_HEADER, ["1.", "Sasaran", "Persentase a", "70%"]]
    t33, pk = read(grid)
    assert (t33.spec.key, [r.number for r in t33.rows]) == ("renja.t3_3", [2])
    assert (pk.spec.key, [r.number for r in pk.rows]) == ("lkjip.pk_kinerja", [4])


def test_blank_row_after_a_grand_total_ends_the_table():
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"]
    grid = [header, ["1.", "a", "Persentase a", "%", "100", "90", "90%"],
            ["Rata-Rata Capaian", None, None, None, None, None, "90%"], [None], ["Rata-rata capaian IKU sebesar 90%."]]
    (table,) = read(grid)
    assert [(r.number, r.kind) for r in table.rows] == [(2, "data"), (3, "total")]


def test_an_indicator_starting_with_jumlah_is_not_a_total():
    header = ["Program dan Kegiatan", "Lokasi", "Indikator Kinerja Program (outcome) dan kegiatan (output)",
              "Target Capaian Kinerja", "Kebutuhan Dana / Pagu Indikatif", "Sumber Dana", "Catatan"]
    grid = [header, [None, "Kota Balikpapan", "Jumlah pertemuan Dewan Pengupahan", "6 kali pertemuan", None, "APBD Kota"]]
    (table,) = read(grid)
    assert table.rows[0].kind == "data"


def test_percent_formatted_numbers_read_as_the_percentage_shown():
    sheet = SheetSnapshot("S", [PK_HEADER, ["1.", "Sasaran", "Persentase a", 0.7]], percent_cells=frozenset({(2, 4)}))
    (table,) = read(sheet)
    target = table.rows[0].value("target")
    assert (target.value, target.unit) == (pytest.approx(70), "%")
    assert table.rows[0].get("target").text == "70%"


def test_ambiguous_numbers_follow_their_column_then_table_then_workbook():
    header = ["Tahun", "Jumlah PMKS dalam 1 tahun yang seharusnya memperoleh bantuan sosial (Orang)",
              "Jumlah PMKS yang memperoleh bantuan sosial dalam 1 tahun (Orang)", "KETERANGAN"]
    # column: "1,234,567" proves English notation, so "2,589" is 2589
    (t,) = read([header, [2015, "1,234,567", "2,589", "7.61"], [2016, "10,842", "825", "7.61"]])
    assert t.rows[1].value("seharusnya") == 10842
    # table: the percentage column's "7.61" proves English for the ambiguous "10,842"
    (t,) = read([header, [2015, "10,842", "825", "7.61"]])
    assert t.rows[0].value("seharusnya") == 10842 and t.notation == "en"
    # nothing proves a notation: reported as ambiguous
    (t,) = read([header, [2015, "10,842", "825", None]])
    assert "ambiguous" in t.rows[0].get("seharusnya").notes
    # the workbook settles it: another sheet uses Indonesian notation
    other = [["PROGRAM", "ANGGARAN", "KETERANGAN"], ["Program A", "Rp 1.090.093.400", None]]
    tables = read([header, [2015, "10,842", "825", None]], other)
    assert tables[0].rows[0].value("seharusnya") == pytest.approx(10.842)


def test_kode_written_inside_the_name_column_is_the_row_kode():
    header = ["NO", "PROGRAM/KEGIATAN", "PAGU (Rp)"]
    grid = [header, [None, "I. PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN", "1,468,103,000"],
            ["01.", "Kode Rekening 1.14.1.14.01.01.001. Penyediaan Jasa Surat Menyurat", "5,050,000"]]
    (table,) = read(grid)
    program, kegiatan = table.rows
    assert program.kode is None
    assert kegiatan.kode.canonical == "1.14.1.14.01.01.001"
    assert kegiatan.value("uraian") == "Penyediaan Jasa Surat Menyurat"
    assert kegiatan.get("uraian").raw.startswith("Kode Rekening")


def test_values_outside_the_table_columns_are_kept_as_overflow():
    (table,) = read([PK_HEADER, ["1.", "Sasaran", "Persentase a", "70%", None, "salah kolom"]])
    assert table.rows[0].overflow == (("F2", "salah kolom"),)


def test_sheets_without_known_tables_give_nothing():
    assert read([["Nama", "Alamat"], ["a", "b"]], [], [[None]]) == []


def test_headers_only():
    (table,) = read([PK_HEADER])
    assert table.rows == [] and table.data_range == ""


def test_a_columns_values_read_at_once_are_its_rows_values():
    """Rules read a column over many rows at once (Table.values_of): the same values as row by row, for any rows."""
    from conftest import RENJA_EXAMPLE

    from renja_xl.io.files import load_snapshot

    tables = find_tables(load_snapshot(RENJA_EXAMPLE))
    assert tables
    for table in tables:
        for key in list(table.columns) + ["no_such_column"]:
            for rows in (table.rows, table.data_rows, table.rows[::-2], []):
                assert table.values_of(key, rows) == [row.value(key) for row in rows]
        assert table.values_of("uraian") == [row.value("uraian") for row in table.rows]


def test_data_rows_are_a_new_list_each_time_and_follow_the_rows():
    """data_rows is kept between calls (rules ask for it dozens of times): a caller may change what it gets, and a
    table whose rows change gets its rows anew."""
    from renja_xl.reader.model import Row

    (table,) = read([PK_HEADER, ["1.", "Sasaran", "Persentase a", "70%"], ["2.", "Sasaran", "Persentase b", "80%"]])
    first = table.data_rows
    first.clear()
    assert [r.number for r in table.data_rows] == [2, 3]
    table.rows.append(Row(number=9, kind="data"))
    assert [r.number for r in table.data_rows] == [2, 3, 9]
    table.rows = table.rows[:1]
    assert [r.number for r in table.data_rows] == [2]
