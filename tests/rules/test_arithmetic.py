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


# --- rounding-aware comparisons (RXL101, RXL103, RXL104) -----------------------------------

def test_rxl101_passes_when_inputs_within_their_printed_precision_give_the_written_value():
    # 72,16 / 87,45 = 82,5157… (82,52), but 72,155…72,165 / 87,445…87,455 × 100 = 82,50…82,53
    grid = T22 + [["1.", "a", "Persentase a", "%", "87,45", "72,16", "82,51 %"]]
    assert check(grid, code="RXL101") == []


def test_rxl101_fails_outside_what_the_printed_inputs_allow_and_names_the_printed_value():
    grid = T22 + [["1.", "a", "Persentase a", "%", "87,45", "72,16", "82,49 %"]]
    found = check(grid, code="RXL101")
    assert cells(found) == ["S1!G2"]
    assert "seharusnya 82,52%" in found[0].message


def test_rxl101_whole_rupiah_are_exact():
    # 307.055.630 / 398.379.650 = 77,08 %: "80,5" is wrong
    row = ["01.", "Kode Rekening 1.14.1.14.01.01.001. a", 398379650, 398379650, None, None, None, 307055630, "80,5", None]
    found = check(LK_T32 + [row], code="RXL101")
    assert cells(found) == ["S1!I3"]
    assert "tertulis 80,5, seharusnya 77,08%" in found[0].message
    row[8] = "77,08"
    assert check(LK_T32 + [row], code="RXL101") == []


def test_rxl101_an_exact_target_keeps_the_realisasi_as_printed():
    # the seed's Tabel 2.2: 16,24 of a target of 26 is 62,46 %, written 62,47 %
    grid = T22 + [["1.", "a", "Persentase a", "%", 26, 16.24, "62.47%"]]
    assert cells(check(grid, code="RXL101")) == ["S1!G2"]
    grid[1][4] = "26,00"   # the same target printed at two decimals may be 25,995…26,005
    assert check(grid, code="RXL101") == []


T22_PREDIKAT = [T22[0] + ["Predikat"]]


def test_rxl101_predikat_at_a_band_edge_accepts_either_band_and_either_scale():
    # 91,00 % may be 90,996 %: Tinggi and Sangat Tinggi both fit; Baik is Tinggi in the other scale
    for label in ("Tinggi", "Sangat Tinggi", "Baik", "sangat baik"):
        grid = T22_PREDIKAT + [["1.", "a", "Persentase a", "%", "100,00", "91,00", "91,00 %", label]]
        assert check(grid, code="RXL101") == [], label


def test_rxl101_predikat_outside_the_capaian_interval_fails():
    grid = T22_PREDIKAT + [["1.", "a", "Persentase a", "%", "100,00", "90,99", "90,99 %", "Sangat Baik"]]
    found = check(grid, code="RXL101")
    assert cells(found) == ["S1!H2"]
    assert "seharusnya Baik" in found[0].message   # named in the scale the cell uses


def test_rxl104_latest_value_within_its_printed_precision_passes():
    row = ["I 01", "Program", "Persentase kualitas", "84.59%", "84.58%", "84.59%", "83.33%", "98.51%",
           "84.60%", "84.6%", None, None]
    assert check(T21 + [row], code="RXL104") == []   # 84,60 % printed to one decimal may be 84,55…84,65
    row[9] = "84.7%"
    assert cells(check(T21 + [row], code="RXL104")) == ["S1!J3"]


# --- RXL103: simple average against the ratio of the totals (weighted) ------------------------

def _keuangan(total_percent):
    return LK_T32 + [
        ["01.", "Kode Rekening 1.14.1.14.01.01.001. a", 1000000, 1000000, None, None, None, 900000, "90.00", None],
        ["02.", "Kode Rekening 1.14.1.14.01.01.002. b", 9000000, 9000000, None, None, None, 6300000, "70.00", None],
        ["J U M L A H", None, 10000000, 10000000, None, None, None, 7200000, total_percent, None],
    ]


def test_rxl103_fails_on_a_simple_average_where_the_weighted_ratio_is_right():
    found = check(_keuangan("80.00"), code="RXL103")
    assert cells(found) == ["S1!I5"]
    assert "seharusnya 72%" in found[0].message
    assert "rata-rata sederhana 2 baris (80%); seharusnya rasio jumlah KEUANGAN (Rp)" in found[0].message
    assert "(tertimbang)" in found[0].message


def test_rxl103_passes_on_the_ratio_of_the_totals():
    assert check(_keuangan("72.00"), code="RXL103") == []


def _iku(average):
    return T22 + [["1.", "a", "Persentase a", "%", 100, 90, "90.00%"], ["2.", "b", "Persentase b", "%", 50, 25, "50.00%"],
                  ["Rata-Rata Capaian", None, None, None, None, None, average]]


def test_rxl103_fails_on_a_weighted_ratio_where_the_simple_average_is_right():
    found = check(_iku("76.67%"), code="RXL103")   # (90 + 25) / (100 + 50), not (90 + 50) / 2
    assert cells(found) == ["S1!G4"]
    assert "seharusnya 70%" in found[0].message
    assert "rasio jumlah Realisasi ÷ jumlah Target (76,67%, tertimbang); seharusnya rata-rata sederhana" in found[0].message


def test_rxl103_passes_on_the_simple_average():
    assert check(_iku("70.00%"), code="RXL103") == []


# --- RXL105 predikat in the cell ------------------------------------------------------------

def test_rxl105_fails_on_a_predikat_of_another_band():
    grid = T22 + [["1.", "a", "Persentase a", "%", 100, "63,36", "63,36 % (Sedang)"]]
    found = check(grid, code="RXL105")
    assert cells(found) == ["S1!G2"]
    assert "63,36% termasuk predikat Rendah (51–65), bukan Sedang" in found[0].message


def test_rxl105_passes_on_its_own_band_in_either_scale_and_at_a_band_edge():
    rows = [["1.", "a", "Persentase a", "%", 100, "63,36", "63,36 % (Rendah)"],
            ["2.", "a", "Persentase b", "%", 100, "63,36", "63,36% (Kurang)"],
            ["3.", "a", "Persentase c", "%", 100, "91", "91 % - Baik"],          # 91 may be 90,6
            ["4.", "a", "Persentase d", "%", 100, "91", "91 % (Sangat Baik)"],
            ["5.", "a", "Persentase e", "%", 100, "45", "45 % (Sangat Kurang)"]]
    assert check(T22 + rows, code="RXL105") == []


def test_rxl105_reads_the_predikat_without_the_parsers_split_label_too(monkeypatch):
    import types

    from renja_xl.rules.families import arithmetic
    from renja_xl.rules.families.arithmetic import split_predikat

    monkeypatch.setattr(arithmetic, "_numbers", types.SimpleNamespace())   # a parser without split_label
    assert split_predikat("63,36 % (Sedang)") == ("63,36 %", "Sedang")
    assert split_predikat("63.36% - Sangat  Baik") == ("63.36%", "Sangat Baik")
    assert split_predikat("12 (orang)") is None and split_predikat("63,36 %") is None
    grid = T22 + [["1.", "a", "Persentase a", "%", 100, "63,36", "63,36 % (Sedang)"],
                  ["2.", "a", "Persentase b", "%", 100, "63,36", "63,36 % (Kurang)"]]
    assert cells(check(grid, code="RXL105")) == ["S1!G2"]
