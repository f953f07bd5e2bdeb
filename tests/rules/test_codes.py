"""Kode rules: each with a failing and a passing example."""

from grids import RKT, T34, cells, check, t34_row


def test_rxl501_fails_on_colon_doubled_and_trailing_separators():
    grid = T34 + [t34_row("2 .07 .05", "PROGRAM HI", "Persentase", "69%", target_n1=None),
                  t34_row("2 .07 .05 2:03 .02", "Pendaftaran"), t34_row("2 .07 .04 .2.01. .03", "Penyuluhan"),
                  t34_row("2 .07 .04 .2.03.", "Pengelolaan")]
    found = check(grid, code="RXL501")
    assert cells(found) == ["S1!A4", "S1!A5", "S1!A6"]
    assert "seharusnya 2.07.05.2.03.02" in found[0].message


def test_rxl501_passes_on_dots_and_spaces():
    grid = T34 + [t34_row("2 .07 .05 2.01 .01", "Pengesahan"), t34_row("2.07.05.2.01.0002", "Pendaftaran")]
    assert check(grid, code="RXL501") == []


def test_rxl502_fails_on_a_missing_zero():
    found = check(T34 + [t34_row("2 7 1 2.09 7", "Pemeliharaan")], code="RXL502")
    assert cells(found) == ["S1!A3"] and "seharusnya 2.07.01.2.09.07" in found[0].message


def test_rxl502_passes_on_full_segments():
    assert check(T34 + [t34_row("2 .07 .01 .2.09 .07", "Pemeliharaan")], code="RXL502") == []


def test_rxl503_fails_on_an_urusan_without_that_bidang():
    grid = T34 + [t34_row("2 .07 .04 .2.03", "Pengelolaan"), t34_row("3 .07 .04 .2.03. .01", "Aplikasi"),
                  t34_row("2 .07 .04 .2.03 .02", "Loker")]
    found = check(grid, code="RXL503")
    assert cells(found) == ["S1!A4"] and "urusan 3 tidak memiliki bidang 07" in found[0].message


def test_rxl503_passes_inside_the_document_bidang():
    grid = T34 + [t34_row("2 .07 .04 .2.03", "Pengelolaan"), t34_row("X.XX.01.2.01.0001", "Penunjang")]
    assert check(grid, code="RXL503") == []


def test_rxl504_fails_on_a_duplicated_kode():
    grid = T34 + [t34_row("2 .07 .03 .2.02 .01", "Pembinaan LPK"), t34_row("2.07.03.2.02.0001", "Pembinaan LPKS")]
    found = check(grid, code="RXL504")
    assert [l.cell for l in found[0].locations] == ["A3", "A4"]


def test_rxl504_passes_on_distinct_kode_and_embedded_kode():
    grid = RKT + [["01.", "Kode Rekening 1.14.1.14.01.01.001. a", 1], ["02.", "Kode Rekening 1.14.1.14.01.01.002. b", 1]]
    assert check(grid, code="RXL504") == []


def test_rxl505_fails_on_a_sub_kegiatan_without_its_kegiatan():
    grid = T34 + [t34_row("2 .07 .05", "PROGRAM HI"), t34_row("2 .07 .05 2.01", "Pengesahan"),
                  t34_row("2 .07 .05 2:03 .02", "Pendaftaran")]
    found = check(grid, code="RXL505")
    assert cells(found) == ["S1!A5"] and "2.07.05.2.03" in found[0].message


def test_rxl505_passes_when_every_parent_is_there_even_without_a_bidang_row():
    grid = T34 + [t34_row("2 .07 .05", "PROGRAM HI"), t34_row("2 .07 .05 2.01", "Pengesahan"),
                  t34_row("2 .07 .05 2.01 .01", "Pengesahan PP")]
    assert check(grid, code="RXL505") == []


def test_rxl506_fails_on_a_kode_typed_over_several_cells():
    row = ["2", ".07", ".05", "2:02", ".03", "Penyelenggaraan Verifikasi", "Jumlah dokumen", None, "Kota", "3 dokumen"]
    found = check(T34 + [row], code="RXL506")
    assert cells(found) == ["S1!A3"] and "2 | .07 | .05 | 2:02 | .03" in found[0].message


def test_rxl506_passes_on_a_whole_kode():
    assert check(T34 + [t34_row("2 .07 .05 2.02 .03", "Penyelenggaraan Verifikasi")], code="RXL506") == []
