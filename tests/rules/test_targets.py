"""Units and targets rules: each with a failing and a passing example."""

from grids import T21, T34, cells, check, t34_row


def test_rxl401_fails_on_a_percentage_with_a_count_and_a_count_with_a_percentage():
    grid = T34 + [t34_row("2 .07 .03 .2.01", "Pelaksanaan", "Persentase Peserta Pelatihan", "30 LPK", target_n1=None),
                  t34_row("2 .07 .03 .2.02", "Pembinaan", "Jumlah LPK Swasta yang dibina", "3.2%", target_n1=None)]
    assert cells(check(grid, code="RXL401")) == ["S1!E3", "S1!E4"]


def test_rxl401_passes_on_fitting_units():
    grid = T34 + [t34_row("2 .07 .03 .2.01", "Pelaksanaan", "Persentase Peserta Pelatihan", "100%", target_n1="100%"),
                  t34_row("2 .07 .03 .2.02", "Pembinaan", "Jumlah LPK Swasta yang dibina", "30 LPK"),
                  t34_row("2 .07 .04 .2.01 .02", "Antar Kerja", "Jumlah pencari kerja", "23% 4.300 Pencaker")]
    assert check(grid, code="RXL401") == []


def test_rxl402_fails_on_a_fraction_for_a_percentage():
    grid = T34 + [t34_row("2 .07 .02", "PROGRAM", "Persentase dokumen RTK yang tersusun", "0.032", target_n1="0.033")]
    found = check(grid, code="RXL402")
    assert cells(found) == ["S1!E3", "S1!I3"] and "3,20%" in found[0].message


def test_rxl402_passes_on_a_percentage_or_a_small_count():
    grid = T34 + [t34_row("2 .07 .02", "PROGRAM", "Persentase dokumen RTK", "3.2%", target_n1="3.3%"),
                  t34_row("2 .07 .02 .2.01", "K", "Indeks kepuasan", "0.8")]
    assert check(grid, code="RXL402") == []


def test_rxl403_fails_on_a_unit_without_number():
    grid = T34 + [t34_row("2 07 1 2.08 4", "Pelayanan Umum", "Luasan Gedung", "m2", target_n1="m3"),
                  t34_row("2 7 1 2.09 7", "Pemeliharaan", "Jenis peralatan", "paket", target_n1="9 paket")]
    assert cells(check(grid, code="RXL403")) == ["S1!E3", "S1!I3", "S1!E4"]


def test_rxl403_passes_on_numbers_with_units():
    assert check(T34 + [t34_row("2 7 1 2.09 7", "Pemeliharaan", "Jenis peralatan", "9 paket")], code="RXL403") == []


def test_rxl404_fails_on_several_values_in_a_cell():
    grid = T34 + [t34_row("2 07 1 2.05 2", "Pakaian", "Jumlah pegawai", "30 stel", target_n1="31 orang, 2 jenis")]
    assert cells(check(grid, code="RXL404")) == ["S1!I3"]


def test_rxl404_passes_on_one_value():
    assert check(T34 + [t34_row("2 07 1 2.05 2", "Pakaian", "Jumlah pegawai", "30 stel", target_n1="31 stel")],
                 code="RXL404") == []


def test_rxl405_fails_when_the_unit_changes_between_years():
    grid = T34 + [t34_row("2 .07 .02 .2.01 .01", "RTK", "Jumlah dokumen RTK", "2 Jenis", target_n1="1 Dok")]
    found = check(grid, code="RXL405")
    assert cells(found) == ["S1!I3"] and "'2 Jenis'" in found[0].message


def test_rxl405_passes_on_the_same_unit():
    grid = T34 + [t34_row("2 .07 .02 .2.01 .01", "RTK", "Jumlah dokumen RTK", "2 Dok", target_n1="1 Dokumen")]
    assert check(grid, code="RXL405") == []


SHIFTED = [
    ("2 .07 .03 .2.01", "Pelaksanaan Pelatihan", "Persentase Peserta Pelatihan yang bersertifikat", "30 LPK"),
    ("2 .07 .03 .2.01 .01", "Proses pelatihan", "Jumlah Pencari Kerja yang Mendapatkan Pelatihan", "20 Perusahaan"),
    ("2 .07 .03 .2.02", "Pembinaan", "Persentase LPK Swasta yang Terakreditasi", "1 kali"),
    ("2 .07 .03 .2.02 .01", "Pembinaan LPKS", "Jumlah LPK Swasta yang dibina", "3.2%"),
    ("2 .07 .03 .2.04", "Konsultasi", "Jumlah perusahaan kecil yang mendapatkan konsultasi", "1 Jenis"),
]


def test_rxl406_fails_when_targets_are_shifted_rows_away():
    grid = T34 + [t34_row(k, n, i, t, target_n1=None) for k, n, i, t in SHIFTED]
    found = check(grid, code="RXL406")
    assert cells(found) == ["S1!E3", "S1!E4"]
    assert "3 baris di bawahnya" in found[0].message


def test_rxl406_passes_when_one_target_fits_a_neighbour_by_chance():
    rows = [("2 .07 .03 .2.01", "A", "Persentase sertifikat", "100%"),
            ("2 .07 .03 .2.01 .01", "B", "Jumlah Pencari Kerja", "95 Orang"),
            ("2 .07 .03 .2.02", "C", "Jumlah pengawas", "30 LPK"),
            ("2 .07 .03 .2.02 .01", "D", "Jumlah LPK Swasta yang dibina", "30 LPK")]
    assert check(T34 + [t34_row(k, n, i, t, target_n1=None) for k, n, i, t in rows], code="RXL406") == []


def _rxl406_peak(rows: int) -> int:
    """The most memory RXL406 holds at once over a Tabel 3.4 of ``rows`` sub kegiatan whose targets all fit."""
    import tracemalloc

    from renja_xl.reader import find_tables
    from renja_xl.rules import all_rules
    from renja_xl.rules.context import CheckContext
    from grids import book

    grid = T34 + [t34_row(f"2 .07 .03 .2.01 .{n:04d}", f"Sub kegiatan {n}", f"Jumlah dokumen perencanaan nomor {n}",
                          f"{n % 9 + 1} Dokumen") for n in range(1, rows + 1)]
    snapshot = book(grid)
    ctx = CheckContext(snapshot, find_tables(snapshot), None, None, None)
    rule = next(cls for cls in all_rules() if cls.code == "RXL406")()
    tracemalloc.start()
    try:
        assert list(rule.check(ctx)) == []
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        ctx.release()


def test_rxl406_holds_the_words_of_a_few_rows_not_of_the_whole_table():
    # each row's indicator words were held for the whole table: 10 MB at 10,000 rows, 100 MB at 100,000
    small, large = _rxl406_peak(300), _rxl406_peak(3000)
    assert large < 2 * small + 200_000, (small, large)


def test_rxl407_fails_on_an_indicator_copied_from_the_row_above():
    grid = T21 + [["01.018", "Rapat-rapat", "Jumlah koordinasi", "335 paket", 73, 81, 60, None, 89, None, None, None],
                  ["01.019", "Jasa Administrasi", "Jumlah koordinasi", "39 orang", 7, 7, 7, None, 7, None, None, None]]
    assert cells(check(grid, code="RXL407")) == ["S1!C4"]


def test_rxl407_passes_on_own_indicators():
    grid = T21 + [["01.018", "Rapat-rapat", "Jumlah koordinasi", "335 paket", 73, 81, 60, None, 89, None, None, None],
                  ["01.019", "Jasa Administrasi", "Jumlah tenaga administrasi", "39 orang", 7, 7, 7, None, 7, None, None, None]]
    assert check(grid, code="RXL407") == []


def test_rxl408_fails_on_a_number_nothing_decides():
    grid = T21 + [["16.008", "Antar Kerja", "Jumlah pencari kerja", "7500", "2.589", 1500, 937, None, 1500, None, None, None]]
    assert cells(check(grid, code="RXL408")) == ["S1!E3"]


def test_rxl408_passes_when_the_column_decides():
    grid = T21 + [["16.008", "Antar Kerja", "Jumlah", "7500", "2.589", 1500, 937, None, 1500, None, None, None],
                  ["16.009", "Perluasan", "Jumlah", "60", "25,00", 12, 0, None, 12, None, None, None]]
    assert check(grid, code="RXL408") == []


def test_rxl409_fails_on_a_text_number_a_formula_needs():
    grid = T21 + [["01.001", "Surat", "Jumlah", "15 jenis", 3, 3, 3, None, 3, None, None, None]]
    assert cells(check(grid, code="RXL409")) == ["S1!D3"]


def test_rxl409_passes_on_real_numbers():
    grid = T21 + [["01.001", "Surat", "Jumlah jenis", 15, 3, 3, 3, None, 3, None, None, None]]
    assert check(grid, code="RXL409") == []
