"""The reader on a workbook laid out by someone else: the seed tables pasted as the
documents print them (their own header text with line breaks, page headers repeated,
other start rows and columns, captions and prose between tables, several tables on
one sheet, every cell text). All 15 tables, every data row, no header row as data."""

import pytest
from seed_tables import SEED_LAYOUT

from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables
from renja_xl.specs import ALL_SPECS


@pytest.fixture(scope="module")
def found(seed_layout):
    path, expected = seed_layout
    tables = find_tables(load_snapshot(path))
    return {t.spec.key: t for t in tables}, tables, expected


def test_all_fifteen_tables_are_found_once(found):
    by_key, tables, _ = found
    assert len(tables) == 15
    assert set(by_key) == {spec.key for spec in ALL_SPECS}


def test_each_table_is_found_on_its_sheet(found):
    by_key, _, expected = found
    for key, (sheet, _) in expected.items():
        assert by_key[key].sheet == sheet, key


@pytest.mark.parametrize("key", [spec.key for spec in ALL_SPECS])
def test_every_data_row_and_only_data_rows(found, key):
    by_key, _, expected = found
    _, rows = expected[key]
    assert [r.number for r in by_key[key].rows] == rows


def test_page_headers_repeated_inside_the_data_are_skipped_not_read(found):
    by_key, _, _ = found
    t21 = by_key["renja.t2_1"]
    reasons = [s.reason for s in t21.skipped]
    assert reasons.count("repeated_header") == 10  # 5 page breaks x 2 header rows
    assert reasons.count("blank") == 5
    t34 = by_key["renja.t3_4"]
    assert [s.reason for s in t34.skipped].count("repeated_header") == 18
    # LKjIP Tabel 3.2 repeats only the column-number row at its page breaks
    assert [s.reason for s in by_key["lkjip.t3_2"].skipped].count("column_numbers") == 6


def test_total_rows_are_recognised(found):
    by_key, _, _ = found
    totals = {key: [r.cells[next(iter(r.cells))].address for r in t.total_rows] for key, t in by_key.items() if t.total_rows}
    assert set(totals) == {"renja.t2_1", "renja.t2_2", "renja.t3_4", "lkjip.t2_2", "lkjip.t3_2"}
    assert all(len(v) == 1 for v in totals.values())
    assert by_key["lkjip.t3_2"].total_rows[0].value("apbd_p") == 7577432700


def test_header_ranges_point_at_the_pasted_headers(found):
    by_key, _, _ = found
    # Tabel 2.1 pasted at B6 under a caption and a line of prose: header B8:M10 incl. the number row
    assert by_key["renja.t2_1"].header_range == "B8:M10"
    assert by_key["renja.t2_1"].number_row == 10
    # LKjIP Tabel 3.2 pasted at D12: three header rows (two text rows and the number row)
    assert by_key["lkjip.t3_2"].header_range == "D14:M16"


def test_columns_are_mapped_by_header_not_position(found):
    by_key, _, _ = found
    t34 = by_key["renja.t3_4"]
    # the seed's extra "Formulasi" column sits between Indikator and Lokasi
    assert list(t34.columns) == ["kode", "uraian", "indikator", "formulasi", "lokasi", "target", "pagu",
                                 "sumber_dana", "catatan", "target_n1", "pagu_n1"]
    t24 = by_key["renja.t2_4"]
    assert t24.columns["rkpd_lokasi"] + 5 == t24.columns["kebutuhan_lokasi"]


def test_values_are_parsed_with_their_addresses(found):
    by_key, _, _ = found
    t21 = by_key["renja.t2_1"]
    row = next(r for r in t21.rows if r.kode and r.kode.canonical == "15.010")
    assert row.value("target_n2").value == 125 and row.value("realisasi_n2").value == 92
    assert row.value("tingkat_realisasi") == 126  # the document's wrong 126%
    assert row.get("tingkat_realisasi").text == "126%"
    assert row.get("tingkat_realisasi").address == f"I{row.number}"
    t34 = by_key["renja.t3_4"]
    pelayanan = next(r for r in t34.rows if r.kode and r.kode.canonical == "2.07.04.2.01.0002")
    assert [(p.value, p.unit) for p in pelayanan.value("target").parts] == [(23, "%"), (4300, "orang")]
    assert pelayanan.value("pagu") == 149974800


def test_no_header_text_is_read_as_data(found):
    by_key, _, _ = found
    header_words = {"kode", "indikator kinerja program/kegiatan", "lokasi", "target", "realisasi", "program/kegiatan"}
    for table in by_key.values():
        for row in table.rows:
            texts = {c.text.strip().lower() for c in row.cells.values() if c.text}
            assert len(texts & header_words) < 2, (table.spec.key, row.number)


def test_every_sheet_of_the_layout_is_used():
    assert len(SEED_LAYOUT) == 5


def test_every_row_reads_each_cell_where_the_sheet_has_it(found, seed_layout):
    """A row's cells (kept column-wise, made on demand) are the sheet's cells under the table's columns."""
    from renja_xl.snapshot import a1

    path, _ = seed_layout
    sheets = {s.name: s for s in load_snapshot(path)}
    _, tables, _ = found
    for table in tables:
        sheet = sheets[table.sheet]
        for row in table.rows:
            assert list(row.cells) == list(table.columns)
            for key, col in table.columns.items():
                cell = row.get(key)
                assert cell.address == a1(row.number, col)
                assert cell.raw == row.raw(key) == sheet.value(row.number, col)
                assert (cell.value, cell.text) == (row.value(key), row.text(key))
            assert {key for key, _ in row.noted()} == {key for key, cell in row.cells.items() if cell.notes}
        assert table.rows[0].get("no such column") is None and table.rows[0].text("no such column") == ""
