"""Pagu roll-up rules: each with a failing and a passing example."""

from grids import RKT, T34, cells, check, t34_row


def program(pagu_kegiatan=300, pagu_program=300, pagu_sub=(100, 200)):
    return T34 + [
        t34_row("2 .07 .04", "PROGRAM PENEMPATAN TENAGA KERJA", "Persentase", "23%", pagu_program),
        t34_row("2 .07 .04 .2.01", "Pelayanan Antar Kerja di Daerah", "Persentase", "23%", pagu_kegiatan),
        t34_row("2 .07 .04 .2.01 .02", "Pelayanan Antar Kerja", pagu=pagu_sub[0]),
        t34_row("2 .07 .04 .2.01 .03", "Penyuluhan", pagu=pagu_sub[1]),
    ]


def test_rxl201_fails_when_a_kegiatan_misses_its_sub_kegiatan_sum():
    found = check(program(pagu_kegiatan=350, pagu_program=350), code="RXL201")
    assert cells(found) == ["S1!F4"]
    assert "tertulis 350, jumlah 2 rinciannya 300 (selisih 50)" in found[0].message


def test_rxl201_passes_and_counts_a_duplicated_kode_once():
    grid = program()
    grid.append(t34_row("2 .07 .04 .2.01 .03", "Penyuluhan (lagi)", pagu=200))
    assert check(grid, code="RXL201") == []


def test_rxl201_in_the_rkt_by_program_rows():
    grid = RKT + [[None, "I. PROGRAM PELAYANAN", "1,000"],
                  ["01.", "Kode Rekening 1.14.1.14.01.01.001. a", "400"],
                  ["02.", "Kode Rekening 1.14.1.14.01.01.002. b", "500"]]
    assert cells(check(grid, code="RXL201")) == ["S1!C2"]
    grid[1][2] = "900"
    assert check(grid, code="RXL201") == []


def test_rxl202_fails_when_the_uncoded_breakdown_misses_the_coded_pagu():
    grid = T34 + [t34_row("2 .07 .02 .2.01 .01", "Penyusunan RTK", pagu=400000000),
                  t34_row(None, "RTK Makro", pagu=299993800, lokasi=None),
                  t34_row(None, "RTK Mikro", pagu=99959000, lokasi=None)]
    found = check(grid, code="RXL202")
    assert cells(found) == ["S1!F3"] and "399.952.800" in found[0].message


def test_rxl202_passes_when_the_breakdown_adds_up_or_stands_in():
    grid = T34 + [t34_row("2 .07 .02 .2.01 .01", "Penyusunan RTK", pagu=399952800),
                  t34_row(None, "RTK Makro", pagu=299993800), t34_row(None, "RTK Mikro", pagu=99959000),
                  t34_row("2 07 1 2.08 4", "Pelayanan Umum", pagu="-"), t34_row(None, None, pagu=151111700)]
    assert check(grid, code="RXL202") == []


def test_rxl203_fails_on_a_wrong_total_pagu():
    grid = program() + [[None, "TOTAL PAGU", None, None, None, 301, None, None, None, 440]]
    assert cells(check(grid, code="RXL203")) == ["S1!F7"]


def test_rxl203_passes_on_the_sum_of_programs():
    grid = program() + [[None, "TOTAL PAGU", None, None, None, 300, None, None, None, 110]]
    assert check(grid, code="RXL203") == []
