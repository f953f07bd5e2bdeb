"""Arithmetic rules: each with a failing and a passing example."""

from grids import LK_T313, LK_T32, T21, T22, cells, check


# --- RXL101 computed value ------------------------------------------------------------

def test_rxl101_fails_on_a_wrong_tingkat_realisasi():
    grid = T22 + [["1.", "a", "Jumlah pencari kerja dilatih", "orang", 125, 92, 1.26]]
    found = check(grid, code="RXL101", percent={(2, 7)})
    assert cells(found) == ["S1!G2"]
    assert "tertulis 126%, seharusnya 73,60%" in found[0].message
    assert [loc.cell for loc in found[0].locations] == ["G2", "F2", "E2"]


def test_rxl101_passes_within_half_a_unit_of_the_last_digit():
    grid = T22 + [["1.", "a", "Persentase", "%", 26, 16.24, "62.46%"], ["2.", "b", "Persentase", "%", 180, 165, "92%"]]
    assert check(grid, code="RXL101") == []


def test_rxl101_ttb_from_the_exact_bobot_is_right():
    grid = LK_T32 + [
        ["01.", "Kode Rekening 1.14.1.14.01.01.017. a", 1, 172225400, "2.27", "77.28", "1.76", 133095400, "77.28", 39130000],
        ["02.", "Kode Rekening 1.14.1.14.01.01.018. b", 1, 7405207300, "97.73", "100.00", "97.73", 7405207300, "100.00", 0],
    ]
    assert check(grid, code="RXL101") == []
    grid[2][6] = "1.70"
    assert cells(check(grid, code="RXL101")) == ["S1!G3"]


def test_rxl101_checks_the_ratio_of_spm_sosial():
    grid = LK_T313 + [[2014, "12,165", "825", "7.61"], [2015, "15,368", "2,580", "16.79"]]
    assert cells(check(grid, code="RXL101")) == ["S1!D2"]


# --- RXL102 undefined value ---------------------------------------------------------------

def test_rxl102_fails_when_the_denominator_is_zero_but_a_value_is_written():
    grid = T21 + [["15.013", "Pelatihan", "Jumlah pencari kerja", 0, None, 23, 0, "0%", 24, 24, "100%", None]]
    found = check(grid, code="RXL102")
    assert cells(found) == ["S1!K3"] and "tidak dapat dihitung" in found[0].message


def test_rxl102_passes_when_nothing_is_written():
    grid = T21 + [["15.013", "Pelatihan", "Jumlah pencari kerja", 0, None, 23, 0, "0%", 24, 24, None, None]]
    assert check(grid, code="RXL102") == []


# --- RXL103 total row -----------------------------------------------------------------

IKU = [["1.", "a", "Persentase a", "%", 100, "125.60", None], ["2.", "a", "Persentase b", "%", 58, "-", None],
       ["3.", "b", "Persentase c", "%", 26, "16.24", None], ["4.", "b", "Persentase d", "%", 40, "-", None],
       ["5.", "c", "Persentase e", "%", 50, "48.29", None]]


def test_rxl103_fails_on_an_average_that_leaves_rows_out():
    grid = T22 + [r[:6] + [v] for r, v in zip(IKU, ["125.60%", "0.00%", "62.46%", "0.00%", "96.58%"])] + \
        [["Rata-Rata Capaian", None, None, None, None, None, "94.88%"]]
    found = check(grid, code="RXL103")
    assert cells(found) == ["S1!G7"]
    assert "rata-rata 3 dari 5 baris (baris bernilai 0 atau kosong tidak dihitung)" in found[0].message


def test_rxl103_passes_on_the_average_of_all_rows():
    grid = T22 + [r[:6] + [v] for r, v in zip(IKU, ["125.60%", "0.00%", "62.46%", "0.00%", "96.58%"])] + \
        [["Rata-Rata Capaian", None, None, None, None, None, "56.93%"]]
    assert check(grid, code="RXL103") == []


def test_rxl103_checks_sums_of_the_realisasi_anggaran():
    grid = LK_T32 + [
        ["01.", "Kode Rekening 1.14.1.14.01.01.001. a", 5, 3, None, None, None, 2, None, 1],
        ["02.", "Kode Rekening 1.14.1.14.01.01.002. b", 7, 5, None, None, None, 5, None, 0],
        ["J U M L A H", None, 12, 9, None, None, None, 7, None, 1],
    ]
    assert cells(check(grid, code="RXL103")) == ["S1!D5"]   # APBD-P 3 + 5 = 8, not 9
    grid[4][3] = 8
    assert check(grid, code="RXL103") == []


# --- RXL104 realisasi capaian -----------------------------------------------------------

def test_rxl104_fails_when_a_cumulative_indicator_is_not_summed():
    grid = T21 + [["01.001", "Surat", "Jumlah jenis jasa surat", "15 jenis", 3, 3, 3, "100%", 3, 3, None, None]]
    found = check(grid, code="RXL104")
    assert cells(found) == ["S1!J3"] and "seharusnya 9" in found[0].message


def test_rxl104_passes_on_the_sum_and_on_the_latest_percentage():
    grid = T21 + [["01.001", "Surat", "Jumlah jenis jasa surat", "15 jenis", 3, 3, 3, "100%", 3, 9, None, None],
                  ["I 01", "Program", "Persentase kualitas", "84.59%", "84.58%", "84.59%", "83.33%", "98.51%",
                   "84.59%", "84.59%", None, None]]
    assert check(grid, code="RXL104") == []
