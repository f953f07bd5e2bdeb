"""Small grids with the official headers, for tests that need a table in a few lines."""

from __future__ import annotations

from renja_xl.reader import find_tables
from renja_xl.rules import run_checks
from renja_xl.snapshot import SheetSnapshot, WorkbookSnapshot

T21 = [
    ["Kode", "Urusan/Bidang Urusan Pemerintah Daerah dan Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
     "Target Kinerja Capaian Program (Renstra PD) Tahun 2021",
     "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d Tahun 2019",
     "Target dan Realisasi Kinerja Program dan Kegiatan Renja Tahun Lalu (2020)", None, None,
     "Target Program dan Kegiatan 2021", "Perkiraan Realisasi Capaian Target Renstra PD s.d tahun berjalan (2021)", None,
     "Predikat"],
    [None, None, None, None, None, "Target", "Realisasi", "Tingkat Realisasi (%)", None, "Realisasi Capaian",
     "Tingkat Capaian (%)", None],
]
T22 = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"]]
T23 = [["Program Prioritas Ke-", None, "Indikator Kinerja Program Prioritas", "Target Capaian 2022", None],
       [None, None, None, "Target", "Rp."]]
T24 = [["No", "Rancangan Awal RKPD", None, None, None, None, "Hasil Analisis Kebutuhan", None, None, None, None,
        "Catatan Penting"],
       [None, "Program / Kegiatan", "Lokasi", "Indikator Kinerja", "Target Capaian", "Pagu Indikatif",
        "Program / Kegiatan", "Lokasi", "Indikator Kinerja", "Target Capaian", "Pagu Indikatif", None]]
T32 = [["Program dan Kegiatan", "Lokasi", "Indikator Kinerja Program (outcome) dan kegiatan (output)",
        "Target Capaian Kinerja", "Kebutuhan Dana / Pagu Indikatif", "Sumber Dana", "Catatan"]]
T33 = [["No.", "Tujuan", "Sasaran", "Indikator", "Hasil Evaluasi (2020)", "Keterangan"]]
T34 = [
    ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
     "Rencana Tahun 2022", None, None, None, "Catatan Penting", "Perkiraan Maju Rencana Tahun 2023", None],
    [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif", "Sumber Dana", None,
     "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif"],
]
LK_T21 = [["No.", "Tujuan", "Sasaran", "Indikator Kinerja Utama", "Formulasi", "Target"]]
PK = [["No.", "Sasaran Strategis", "Indikator Kinerja Utama (IKU)", "Target"]]
PK_ANGGARAN = [["PROGRAM", "ANGGARAN", "KETERANGAN"]]
RKT = [["NO", "PROGRAM/KEGIATAN", "PAGU (Rp)"]]
LK_T313 = [["Tahun", "Jumlah PMKS dalam 1 tahun yang seharusnya memperoleh bantuan sosial (Orang)",
            "Jumlah PMKS yang memperoleh bantuan sosial dalam 1 tahun (Orang)", "KETERANGAN"]]
LK_T32 = [
    ["NO", "PROGRAM/KEGIATAN", "APBD MURNI", "APBD-P", "BOBOT KEGIATAN", "REALISASI", None, None, None, "SISA DANA (Rp)"],
    [None, None, "JUMLAH DANA (Rp)", "JUMLAH DANA (Rp)", None, "FISIK (%)", "TTB.", "KEUANGAN (Rp)", "(%)", None],
]


def t34_row(kode, name, indikator="Jumlah dokumen", target="1 Dok", pagu=100, sumber="APBD Kota", target_n1="1 Dok",
            pagu_n1=None, lokasi="Kota Balikpapan"):
    return [kode, name, indikator, lokasi, target, pagu, sumber, "Penting", target_n1, pagu_n1]


def book(*sheets, percent=frozenset()):
    """A snapshot with one sheet per grid (each grid a list of rows from A1)."""
    return WorkbookSnapshot([SheetSnapshot(f"S{i + 1}", [list(r) for r in grid], percent_cells=frozenset(percent))
                             for i, grid in enumerate(sheets)])


def check(*sheets, code: str, percent=frozenset()):
    """The findings of one rule on these grids."""
    snapshot = book(*sheets, percent=percent)
    return run_checks(snapshot, find_tables(snapshot), only={code})


def cells(findings) -> list:
    """Each finding as (sheet!first cell)."""
    return [f"{f.locations[0].sheet}!{f.locations[0].cell}" for f in findings]


def large_t34(path, rows: int, from_example: bool = False):
    """(check context, its Tabel 3.4) of a Renja at ``path`` whose Tabel 3.4 has about ``rows`` rows, built as the
    benchmark builds it: from the example's rows repeated, or with every name its own."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_check import make_t34, make_t34_from_example

    from renja_xl.io.files import DEFAULT_LIMITS, load_snapshot
    from renja_xl.rules.context import CheckContext

    (make_t34_from_example if from_example else make_t34)(path, rows)
    snapshot = load_snapshot(path, DEFAULT_LIMITS)
    tables = find_tables(snapshot)
    table = max((t for t in tables if t.spec.key == "renja.t3_4"), key=lambda t: len(t.rows))
    return CheckContext(snapshot, tables), table
