"""Column and completeness rules: each with a failing and a passing example."""

from grids import T32, T34, cells, check, large_t34, t34_row


def test_rxl601_fails_on_a_target_under_sumber_dana_text_under_pagu_and_values_beyond_the_table():
    grid = T34 + [t34_row("2 .07 .05 2.01 .01", "Pengesahan", sumber="45 Dokumen"),
                  t34_row("2 .07 .05 2.01 .02", "Pendaftaran", pagu="Jumlah pertemuan LKS Tripartit") + ["x", "y"]]
    found = check(grid, code="RXL601")
    assert cells(found) == ["S1!G3", "S1!F4", "S1!K4"]
    assert [l.cell for l in found[2].locations] == ["K4", "L4"]


def test_rxl601_passes_on_values_in_their_columns():
    grid = T34 + [t34_row("2 .07 .05 2.01 .01", "Pengesahan", pagu="-", sumber="APBD Provinsi")]
    assert check(grid, code="RXL601") == []


def test_rxl602_fails_on_empty_lokasi_sumber_dana_and_target():
    grid = T34 + [t34_row("2 7 1 2.09 7", "Pemeliharaan", lokasi=None, sumber=None),
                  t34_row("2 .07 .03 .2.04 .01", "Konsultasi", target_n1=None, pagu_n1=52000000)]
    assert cells(check(grid, code="RXL602")) == ["S1!D3", "S1!G3", "S1!I4"]


def test_rxl602_passes_on_complete_rows_and_on_continuation_rows():
    grid = T34 + [t34_row("2 07 1 2.08 4", "Pelayanan Umum"), t34_row(None, None, lokasi=None, sumber=None)]
    assert check(grid, code="RXL602") == []


def test_rxl603_fails_on_a_target_without_pagu():
    grid = T34 + [t34_row("2 .07 .04 .2.03 .02", "Informasi Pasar Kerja", target="700 Loker", pagu=None, target_n1=None),
                  t34_row("2 .07 .04 .2.04 .01", "PMI", target="100%", pagu="-", target_n1=None)]
    assert cells(check(grid, code="RXL603")) == ["S1!F3", "S1!F4"]
    t32 = T32 + [["Pengesahan Peraturan Perusahaan", "Kota", "Jumlah Dokumen", "40 Dokumen", "-", "APBD Kota", None]]
    assert cells(check(t32, code="RXL603")) == ["S1!E2"]


def test_rxl603_passes_when_the_breakdown_carries_the_pagu():
    grid = T34 + [t34_row("2 07 1 2.08 4", "Pelayanan Umum", target="m2", pagu="-", target_n1="m3", pagu_n1="-"),
                  t34_row(None, None, "Jumlah tenaga Non PNS", "7 orang", 151111700, target_n1="7 orang", pagu_n1=182682500)]
    assert check(grid, code="RXL603") == []


def test_target_without_pagu_holds_little_beside_its_findings_on_a_large_table(tmp_path):
    """RXL603 over a Tabel 3.4 of 3,000 rows: which rows have a pagu is a flag per sheet row, and the rows are
    grouped one group at a time: 67 KB held while it runs (a set of row numbers per pagu column and every group
    at once before: 493 KB)."""
    import itertools
    import tracemalloc

    from renja_xl.rules.base import REGISTRY, all_rules

    ctx, table = large_t34(tmp_path / "t34.xlsx", 3000, from_example=True)
    ctx.tables_of = lambda *keys: [table]
    all_rules()
    rule = REGISTRY["RXL603"]()
    everything = list(rule.check(ctx))   # the trees built, the findings known
    assert len(everything) > 400
    tracemalloc.start()
    try:
        first = list(itertools.islice(rule.check(ctx), 50))
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first == everything[:50]
    assert held < 200_000, f"{held // 1024} KB"
