"""The tables of an LKjIP (PermenPAN-RB 53/2014), headers as the documents print them.

``{n}`` is the reporting year. Numbering follows the seed LKjIP 2016 of Disnakersos
Kota Balikpapan. Columns with ``in_template=True`` and ``required=False`` that the seed
lacks (Polaritas, Capaian, Predikat) are the ones the template adds for the
computed capaian.
"""

from __future__ import annotations

from .base import (
    Capaian,
    ColumnSpec as C,
    Difference,
    Predikat,
    Product,
    Ratio,
    Role,
    Rollup,
    Share,
    TableSpec,
)
from .renja import PAGU_FORMAT, PERCENT_FORMAT

POLARITAS = ("Positif", "Negatif")

_NO = C("no", "No.", Role.NO, width=6, aliases=("No", "NO"))
_POLARITAS = C("polaritas", "Polaritas", Role.CHOICE, width=11, required=False, choices=POLARITAS,
               note="Positif: makin tinggi makin baik; Negatif: makin rendah makin baik.")
_PREDIKAT = C("predikat", "Predikat", Role.TEXT, width=14, required=False, computed=Predikat("capaian"))

T2_1 = TableSpec(
    key="lkjip.t2_1",
    document="lkjip",
    number="Tabel 2.1",
    title="Tujuan, Sasaran, Indikator dan Target Kinerja Tahun {n}",
    sheet="T2.1 Tujuan Sasaran IKU",
    regulation="PermenPAN-RB 53/2014 Bab II (Rencana Strategis)",
    description="Tujuan, sasaran, indikator kinerja utama, formulasi dan target.",
    columns=(
        _NO,
        C("tujuan", "Tujuan", Role.TEXT, width=30),
        C("sasaran", "Sasaran", Role.TEXT, width=30, aliases=("Sasaran Strategis",)),
        C("indikator", "Indikator Kinerja Utama", Role.INDIKATOR, width=40, aliases=("Indikator Kinerja Utama (IKU)",)),
        C("formulasi", "Formulasi", Role.TEXT, width=34, required=False, aliases=("Formulasi Perhitungan", "Rumus")),
        C("target", "Target", Role.TARGET),
    ),
    min_columns=4,
)

T2_2 = TableSpec(
    key="lkjip.t2_2",
    document="lkjip",
    number="Tabel 2.2",
    title="Rencana Kinerja Tahunan (RKT) Tahun Anggaran {n}",
    sheet="T2.2 RKT",
    regulation="PermenPAN-RB 53/2014 Bab II (Rencana Kinerja Tahunan)",
    description="Program dan kegiatan dengan pagu; pagu program = jumlah pagu kegiatannya.",
    total_labels=("jumlah", "total"),
    columns=(
        C("no", "NO", Role.NO, width=6, aliases=("No.",)),
        C("uraian", "PROGRAM/KEGIATAN", Role.URAIAN, width=60, aliases=("Program / Kegiatan", "Program dan Kegiatan")),
        C("pagu", "PAGU (Rp)", Role.PAGU, width=18, number_format=PAGU_FORMAT, aliases=("Pagu", "Anggaran (Rp)"),
          computed=Rollup("pagu"), total="rollup"),
    ),
    min_columns=3,
)

PK_KINERJA = TableSpec(
    key="lkjip.pk_kinerja",
    document="lkjip",
    number="Perjanjian Kinerja",
    title="Perjanjian Kinerja Tahun {n}: Sasaran Strategis, Indikator Kinerja Utama dan Target",
    sheet="PK Kinerja",
    regulation="PermenPAN-RB 53/2014 Lampiran (Perjanjian Kinerja)",
    description="Bagian pertama Perjanjian Kinerja: sasaran strategis, IKU dan target.",
    columns=(
        _NO,
        C("sasaran", "Sasaran Strategis", Role.TEXT, width=36),
        C("indikator", "Indikator Kinerja Utama (IKU)", Role.INDIKATOR, width=44,
          aliases=("Indikator Kinerja Utama", "Indikator Kinerja")),
        C("target", "Target", Role.TARGET),
        C("realisasi", "Realisasi", Role.TARGET, required=False,
          note="Tambahan renja-xl: realisasi tahun n untuk menghitung capaian Perjanjian Kinerja."),
        _POLARITAS,
        C("capaian", "Capaian (%)", Role.PERCENT, required=False, number_format=PERCENT_FORMAT,
          computed=Capaian("realisasi", "target", "polaritas")),
        _PREDIKAT,
    ),
    min_columns=3,
)

PK_ANGGARAN = TableSpec(
    key="lkjip.pk_anggaran",
    document="lkjip",
    number="Perjanjian Kinerja",
    title="Perjanjian Kinerja Tahun {n}: Program dan Anggaran",
    sheet="PK Anggaran",
    regulation="PermenPAN-RB 53/2014 Lampiran (Perjanjian Kinerja)",
    description="Bagian kedua Perjanjian Kinerja: anggaran per program.",
    number_row=False,
    columns=(
        C("uraian", "PROGRAM", Role.URAIAN, width=60, aliases=("Program",)),
        C("pagu", "ANGGARAN", Role.PAGU, width=20, number_format=PAGU_FORMAT, aliases=("Anggaran (Rp)",)),
        C("keterangan", "KETERANGAN", Role.TEXT, width=24, required=False),
    ),
    min_columns=2,
)

_TARGET = "Target"
_REALISASI = "Realisasi"

T3_1_1 = TableSpec(
    key="lkjip.t3_1_1",
    document="lkjip",
    number="Tabel 3.1.1",
    title="Capaian Kinerja Tahun {n}",
    sheet="T3.1.1 Capaian Kinerja",
    regulation="PermenPAN-RB 53/2014 Bab III.A",
    description="Target dan realisasi IKU dua tahun; capaian = R/T (polaritas positif) atau "
                "2 - R/T (negatif), dengan predikat.",
    columns=(
        _NO,
        C("tujuan", "Tujuan", Role.TEXT, width=28),
        C("sasaran", "Sasaran", Role.TEXT, width=28),
        C("indikator", "Indikator Kinerja Utama", Role.INDIKATOR, width=40, aliases=("Indikator Kinerja Utama (IKU)",)),
        C("satuan", "Satuan", Role.SATUAN, width=9),
        C("target_n1", "{n-1}", Role.NUMBER, group=_TARGET, width=10),
        C("target", "{n}", Role.NUMBER, group=_TARGET, width=10),
        C("realisasi_n1", "{n-1}", Role.NUMBER, group=_REALISASI, width=10),
        C("realisasi", "{n}", Role.NUMBER, group=_REALISASI, width=10),
        _POLARITAS,
        C("capaian", "Capaian (%)", Role.PERCENT, required=False, number_format=PERCENT_FORMAT,
          computed=Capaian("realisasi", "target", "polaritas")),
        _PREDIKAT,
    ),
    min_columns=6,
)

_REALISASI_SPM = "Realisasi Capaian Tahun ke-"

T3_1_2 = TableSpec(
    key="lkjip.t3_1_2",
    document="lkjip",
    number="Tabel 3.1.2",
    title="Capaian SPM Ketenagakerjaan Tahun {n}",
    sheet="T3.1.2 SPM",
    regulation="PermenPAN-RB 53/2014 Bab III.A (pembandingan dengan standar nasional)",
    description="Capaian lima tahun terhadap target SPM; capaian = realisasi tahun ke-5 / target SPM.",
    columns=(
        _NO,
        C("indikator", "Indikator Kinerja SPM", Role.INDIKATOR, width=44),
        C("target_spm", "Target SPM", Role.TARGET, width=10),
        *(C(f"realisasi_{i}", str(i), Role.TARGET, group=_REALISASI_SPM, width=10,
            group_aliases=("Realisasi Capaian Tahun",)) for i in range(1, 6)),
        C("capaian", "Capaian terhadap Target SPM (%)", Role.PERCENT, required=False, number_format=PERCENT_FORMAT,
          computed=Capaian("realisasi_5", "target_spm")),
        C("predikat", "Predikat", Role.TEXT, width=14, required=False, computed=Predikat("capaian")),
    ),
    min_columns=5,
)

T3_1_3 = TableSpec(
    key="lkjip.t3_1_3",
    document="lkjip",
    number="Tabel 3.1.3",
    title="Capaian SPM Sosial Tahun {n}",
    sheet="T3.1.3 SPM Sosial",
    regulation="PermenPAN-RB 53/2014 Bab III.A (SPM bidang sosial)",
    description="PMKS yang memperoleh bantuan dibanding yang seharusnya; rasio = memperoleh / seharusnya.",
    number_row=True,
    columns=(
        C("tahun", "Tahun", Role.YEAR, width=8),
        C("seharusnya", "Jumlah PMKS dalam 1 tahun yang seharusnya memperoleh bantuan sosial (Orang)",
          Role.NUMBER, width=26, number_format="#,##0"),
        C("memperoleh", "Jumlah PMKS yang memperoleh bantuan sosial dalam 1 tahun (Orang)",
          Role.NUMBER, width=26, number_format="#,##0"),
        C("persentase", "KETERANGAN", Role.PERCENT, width=14, number_format=PERCENT_FORMAT,
          aliases=("Persentase (%)", "Capaian (%)", "Rasio (%)"), computed=Ratio("memperoleh", "seharusnya")),
    ),
    min_columns=3,
)

_APBD_MURNI = "APBD MURNI"
_APBD_P = "APBD-P"
_REALISASI_ANGGARAN = "REALISASI"

T3_2 = TableSpec(
    key="lkjip.t3_2",
    document="lkjip",
    number="Tabel 3.2",
    title="Capaian Kinerja Anggaran Tahun {n}",
    sheet="T3.2 Realisasi Anggaran",
    regulation="PermenPAN-RB 53/2014 Bab III.B",
    description="Realisasi anggaran: bobot = APBD-P / total APBD-P, TTB = bobot x fisik, "
                "% keuangan = keuangan / APBD-P, sisa dana = APBD-P - keuangan.",
    total_labels=("jumlah", "total"),
    columns=(
        C("no", "NO", Role.NO, width=6, aliases=("No.",)),
        C("uraian", "PROGRAM/KEGIATAN", Role.URAIAN, width=56, aliases=("Program / Kegiatan",)),
        C("apbd_murni", "JUMLAH DANA (Rp)", Role.PAGU, group=_APBD_MURNI, width=18, number_format=PAGU_FORMAT,
          aliases=("APBD MURNI", "JUMLAH DANA"), computed=Rollup("apbd_murni"), total="sum"),
        C("apbd_p", "JUMLAH DANA (Rp)", Role.PAGU, group=_APBD_P, width=18, number_format=PAGU_FORMAT,
          aliases=("APBD-P", "APBD Perubahan", "JUMLAH DANA"), group_aliases=("APBD PERUBAHAN",),
          computed=Rollup("apbd_p"), total="sum"),
        C("bobot", "BOBOT KEGIATAN", Role.PERCENT, width=10, number_format=PERCENT_FORMAT, aliases=("BOBOT",),
          computed=Share("apbd_p"), total="sum"),
        C("fisik", "FISIK (%)", Role.PERCENT, group=_REALISASI_ANGGARAN, width=10, number_format=PERCENT_FORMAT),
        C("ttb", "TTB.", Role.PERCENT, group=_REALISASI_ANGGARAN, width=10, number_format=PERCENT_FORMAT,
          aliases=("TTB", "Tertimbang"), computed=Product("bobot", "fisik"), total="sum"),
        C("keuangan", "KEUANGAN (Rp)", Role.PAGU, group=_REALISASI_ANGGARAN, width=18, number_format=PAGU_FORMAT,
          total="sum"),
        C("keuangan_persen", "(%)", Role.PERCENT, group=_REALISASI_ANGGARAN, width=10, number_format=PERCENT_FORMAT,
          aliases=("%", "KEUANGAN (%)"), computed=Ratio("keuangan", "apbd_p"), total="formula"),
        C("sisa_dana", "SISA DANA (Rp)", Role.PAGU, width=18, number_format=PAGU_FORMAT, aliases=("SISA DANA",),
          computed=Difference("apbd_p", "keuangan"), total="sum"),
    ),
    min_columns=6,
)

TABLES = (T2_1, T2_2, PK_KINERJA, PK_ANGGARAN, T3_1_1, T3_1_2, T3_1_3, T3_2)
