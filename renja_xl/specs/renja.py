"""The tables of a Renja PD (Permendagri 86/2017), headers as the documents print them.

Years are written as ``{n}`` (the Renja year), ``{n-1}``, ``{n-2}``… so one spec serves
every year. Numbering follows the seed Renja 2022 of Disnaker Kota Balikpapan; the
regulation's own table name (T-C.29 …) is in ``regulation``.
"""

from __future__ import annotations

from .base import (
    ColumnSpec as C,
    CumulativeOrLatest,
    Predikat,
    Ratio,
    Role,
    Rollup,
    TableSpec,
)

PAGU_FORMAT = "#,##0"
PERCENT_FORMAT = '0.00"%"'  # percent points shown with a % sign (73.6 -> 73.60%)

SUMBER_DANA = (
    "APBD Kota", "APBD Kabupaten", "APBD Provinsi", "APBN", "DAK", "DBH", "BLUD", "Lainnya",
)

_KODE = C("kode", "Kode", Role.KODE, width=18, aliases=("Kode Rekening", "No. Kode"))
_URAIAN_URUSAN = C(
    "uraian", "Urusan/Bidang Urusan Pemerintah Daerah dan Program/Kegiatan", Role.URAIAN, width=42,
    aliases=(
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Urusan/Bidang Urusan dan Program/Kegiatan",
        "Program/Kegiatan",
    ),
)
_INDIKATOR_PK = C(
    "indikator", "Indikator Kinerja Program/Kegiatan", Role.INDIKATOR, width=40,
    aliases=(
        "Indikator Kinerja Program (outcome)/Kegiatan (output)",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
    ),
)

T2_1 = TableSpec(
    key="renja.t2_1",
    document="renja",
    number="Tabel 2.1",
    title="Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Perangkat Daerah s.d Tahun {n-2}",
    sheet="T2.1 Evaluasi Renja",
    regulation="Permendagri 86/2017 T-C.29",
    description="Evaluasi Renja tahun lalu dan capaian Renstra; tingkat realisasi = (7)/(6), "
                "realisasi capaian = (5)+(7)+(9), tingkat capaian = (10)/(4).",
    columns=(
        _KODE,
        _URAIAN_URUSAN,
        _INDIKATOR_PK,
        C("target_renstra", "Target Kinerja Capaian Program (Renstra PD) Tahun {n-1}", Role.TARGET,
          aliases=("Target Kinerja Capaian Program (Renstra PD) Akhir Periode",
                   "Target Kinerja Capaian Program (Renstra PD)", "Target Renstra PD")),
        C("realisasi_n3", "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d Tahun {n-3}",
          Role.TARGET, aliases=("Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d Tahun n-3",
                                "Realisasi Target s.d Tahun {n-3}")),
        C("target_n2", "Target", Role.TARGET,
          group="Target dan Realisasi Kinerja Program dan Kegiatan Renja Tahun Lalu ({n-2})",
          group_aliases=("Target dan Realisasi Kinerja Program dan Kegiatan Renja Perangkat Daerah Tahun Lalu",
                         "Renja Tahun Lalu")),
        C("realisasi_n2", "Realisasi", Role.TARGET,
          group="Target dan Realisasi Kinerja Program dan Kegiatan Renja Tahun Lalu ({n-2})"),
        C("tingkat_realisasi", "Tingkat Realisasi (%)", Role.PERCENT, number_format=PERCENT_FORMAT,
          group="Target dan Realisasi Kinerja Program dan Kegiatan Renja Tahun Lalu ({n-2})",
          computed=Ratio("realisasi_n2", "target_n2"), total="average"),
        C("target_n1", "Target Program dan Kegiatan {n-1}", Role.TARGET,
          aliases=("Target Program dan Kegiatan Renja Tahun Berjalan", "Target Renja Tahun {n-1}")),
        C("realisasi_capaian", "Realisasi Capaian", Role.TARGET,
          group="Perkiraan Realisasi Capaian Target Renstra PD s.d tahun berjalan ({n-1})",
          group_aliases=("Perkiraan Realisasi Capaian Target Renstra PD s.d Tahun Berjalan",),
          computed=CumulativeOrLatest(("realisasi_n3", "realisasi_n2", "target_n1"))),
        C("realisasi_n1", "Realisasi", Role.TARGET, required=False, in_template=False,
          group="Perkiraan Realisasi Capaian Target Renstra PD s.d tahun berjalan ({n-1})",
          note="Kolom tambahan pada sebagian dokumen; tidak ada pada format T-C.29."),
        C("tingkat_capaian", "Tingkat Capaian (%)", Role.PERCENT, number_format=PERCENT_FORMAT,
          group="Perkiraan Realisasi Capaian Target Renstra PD s.d tahun berjalan ({n-1})",
          computed=Ratio("realisasi_capaian", "target_renstra"), total="average"),
        C("predikat", "Predikat", Role.TEXT, width=14, required=False, computed=Predikat("tingkat_capaian"),
          note="Tambahan renja-xl: predikat tingkat capaian (Sangat Tinggi … Sangat Rendah)."),
    ),
)

T2_2 = TableSpec(
    key="renja.t2_2",
    document="renja",
    number="Tabel 2.2",
    title="Realisasi Capaian Indikator Kinerja Utama (IKU) Tahun {n-2}",
    sheet="T2.2 Capaian IKU",
    regulation="Permendagri 86/2017 Bab II.2 (analisis kinerja pelayanan)",
    description="Capaian IKU: % = realisasi / target; baris rata-rata capaian.",
    columns=(
        C("no", "No", Role.NO, width=6),
        C("sasaran", "Sasaran Strategis", Role.TEXT, width=34),
        C("indikator", "Indikator Kinerja", Role.INDIKATOR, width=42,
          aliases=("Indikator Kinerja Utama", "Indikator Kinerja Utama (IKU)")),
        C("satuan", "Satuan", Role.SATUAN, width=10),
        C("target", "Target", Role.NUMBER),
        C("realisasi", "Realisasi", Role.NUMBER),
        C("persen", "%", Role.PERCENT, number_format=PERCENT_FORMAT, aliases=("Capaian (%)", "Capaian", "(%)"),
          computed=Ratio("realisasi", "target"), total="average"),
        C("predikat", "Predikat", Role.TEXT, width=14, required=False, computed=Predikat("persen")),
    ),
)

T2_3 = TableSpec(
    key="renja.t2_3",
    document="renja",
    number="Tabel 2.3",
    title="Rancangan Awal RKPD Tahun {n}",
    sheet="T2.3 Ranwal RKPD",
    regulation="Permendagri 86/2017 Bab II.4",
    description="Program prioritas rancangan awal RKPD, indikator, target dan pagu.",
    columns=(
        C("prioritas_ke", "Program Prioritas Ke-", Role.NO, width=10, aliases=("Prioritas Ke-", "No")),
        C("program", "Program", Role.URAIAN, width=40, aliases=("", "Program Prioritas", "Nama Program")),
        C("indikator", "Indikator Kinerja Program Prioritas", Role.INDIKATOR, width=44),
        C("target", "Target", Role.TARGET, group="Target Capaian {n}", group_aliases=("Target Capaian",)),
        C("pagu", "Rp.", Role.PAGU, width=18, number_format=PAGU_FORMAT, group="Target Capaian {n}",
          aliases=("Rp", "Pagu (Rp)", "Pagu Indikatif")),
    ),
    min_columns=3,
)

_RKPD = "Rancangan Awal RKPD"
_KEBUTUHAN = "Hasil Analisis Kebutuhan"

T2_4 = TableSpec(
    key="renja.t2_4",
    document="renja",
    number="Tabel 2.4",
    title="Reviu Terhadap Rancangan Awal RKPD Tahun {n}",
    sheet="T2.4 Reviu Ranwal",
    regulation="Permendagri 86/2017 T-C.31",
    description="Rancangan awal RKPD dibandingkan dengan hasil analisis kebutuhan PD.",
    columns=(
        C("no", "No", Role.NO, width=6),
        C("rkpd_uraian", "Program / Kegiatan", Role.URAIAN, group=_RKPD, width=30),
        C("rkpd_lokasi", "Lokasi", Role.LOKASI, group=_RKPD, width=14),
        C("rkpd_indikator", "Indikator Kinerja", Role.INDIKATOR, group=_RKPD, width=30),
        C("rkpd_target", "Target Capaian", Role.TARGET, group=_RKPD),
        C("rkpd_pagu", "Pagu Indikatif", Role.PAGU, group=_RKPD, width=18, number_format=PAGU_FORMAT),
        C("kebutuhan_uraian", "Program / Kegiatan", Role.URAIAN, group=_KEBUTUHAN, width=30),
        C("kebutuhan_lokasi", "Lokasi", Role.LOKASI, group=_KEBUTUHAN, width=14),
        C("kebutuhan_indikator", "Indikator Kinerja", Role.INDIKATOR, group=_KEBUTUHAN, width=30),
        C("kebutuhan_target", "Target Capaian", Role.TARGET, group=_KEBUTUHAN),
        C("kebutuhan_pagu", "Pagu Indikatif", Role.PAGU, group=_KEBUTUHAN, width=18, number_format=PAGU_FORMAT),
        C("catatan", "Catatan Penting", Role.TEXT, width=24, required=False),
    ),
    min_columns=6,
)

T3_2 = TableSpec(
    key="renja.t3_2",
    document="renja",
    number="Tabel 3.2",
    title="Rumusan Kebutuhan Program dan Kegiatan Tahun {n} Hasil Reviu Terhadap Rancangan Awal RKPD",
    sheet="T3.2 Kebutuhan Program",
    regulation="Permendagri 86/2017 Bab III",
    description="Kebutuhan program dan kegiatan tahun n dengan target, pagu dan sumber dana.",
    columns=(
        C("uraian", "Program dan Kegiatan", Role.URAIAN, width=42, aliases=("Program/Kegiatan",)),
        C("lokasi", "Lokasi", Role.LOKASI, width=16),
        C("indikator", "Indikator Kinerja Program (outcome) dan kegiatan (output)", Role.INDIKATOR, width=42,
          aliases=("Indikator Kinerja Program (outcome)/Kegiatan (output)", "Indikator Kinerja")),
        C("target", "Target Capaian Kinerja", Role.TARGET),
        C("pagu", "Kebutuhan Dana / Pagu Indikatif", Role.PAGU, width=18, number_format=PAGU_FORMAT,
          aliases=("Kebutuhan Dana/Pagu Indikatif", "Pagu Indikatif")),
        C("sumber_dana", "Sumber Dana", Role.CHOICE, width=14, choices=SUMBER_DANA),
        C("catatan", "Catatan", Role.TEXT, width=20, required=False),
    ),
    min_columns=5,
)

T3_3 = TableSpec(
    key="renja.t3_3",
    document="renja",
    number="Tabel 3.3",
    title="Identifikasi Tujuan, Sasaran, dan Indikator Sasaran Renstra Perangkat Daerah Terhadap Hasil Evaluasi Tahun Sebelumnya",
    sheet="T3.3 Tujuan Sasaran",
    regulation="Permendagri 86/2017 Bab III.2",
    description="Tujuan, sasaran dan indikator sasaran Renstra dengan hasil evaluasi tahun n-2.",
    columns=(
        C("no", "No.", Role.NO, width=6),
        C("tujuan", "Tujuan", Role.TEXT, width=34),
        C("sasaran", "Sasaran", Role.TEXT, width=34),
        C("indikator", "Indikator", Role.INDIKATOR, width=40, aliases=("Indikator Sasaran",)),
        C("hasil_evaluasi", "Hasil Evaluasi ({n-2})", Role.NUMBER, aliases=("Hasil Evaluasi",)),
        C("keterangan", "Keterangan", Role.TEXT, width=26, required=False),
    ),
    min_columns=4,
)

_RENCANA = "Rencana Tahun {n}"
_MAJU = "Perkiraan Maju Rencana Tahun {n+1}"

T3_4 = TableSpec(
    key="renja.t3_4",
    document="renja",
    number="Tabel 3.4",
    title="Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {n} dan Prakiraan Maju Tahun {n+1}",
    sheet="T3.4 Rencana Program",
    regulation="Permendagri 86/2017 T-C.33",
    description="Rencana program, kegiatan dan sub kegiatan tahun n dengan prakiraan maju n+1; "
                "pagu kegiatan, program dan TOTAL PAGU adalah jumlah anaknya menurut kode.",
    total_labels=("total pagu", "jumlah", "total"),
    columns=(
        _KODE,
        C("uraian", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", Role.URAIAN, width=42,
          aliases=_URAIAN_URUSAN.aliases + (_URAIAN_URUSAN.header,)),
        _INDIKATOR_PK,
        C("formulasi", "Formulasi", Role.TEXT, width=30, required=False, in_template=False,
          aliases=("Formulasi Indikator", "Rumus", "Cara Perhitungan"),
          note="Kolom tambahan pada sebagian dokumen; tidak ada pada format T-C.33."),
        C("lokasi", "Lokasi", Role.LOKASI, group=_RENCANA, width=16, group_aliases=("Rencana Tahun",)),
        C("target", "Target Capaian Kinerja", Role.TARGET, group=_RENCANA),
        C("pagu", "Kebutuhan Dana/Pagu Indikatif", Role.PAGU, group=_RENCANA, width=18,
          number_format=PAGU_FORMAT, aliases=("Kebutuhan Dana / Pagu Indikatif", "Pagu Indikatif"),
          computed=Rollup("pagu"), total="rollup"),
        C("sumber_dana", "Sumber Dana", Role.CHOICE, group=_RENCANA, width=14, choices=SUMBER_DANA),
        C("catatan", "Catatan Penting", Role.TEXT, width=16, required=False),
        C("target_n1", "Target Capaian Kinerja", Role.TARGET, group=_MAJU,
          group_aliases=("Prakiraan Maju Rencana Tahun {n+1}", "Prakiraan Maju Tahun {n+1}", "Prakiraan Maju")),
        C("pagu_n1", "Kebutuhan Dana/Pagu Indikatif", Role.PAGU, group=_MAJU, width=18,
          number_format=PAGU_FORMAT, aliases=("Kebutuhan Dana / Pagu Indikatif", "Pagu Indikatif"),
          computed=Rollup("pagu_n1"), total="rollup"),
    ),
    min_columns=6,
)

TABLES = (T2_1, T2_2, T2_3, T2_4, T3_2, T3_3, T3_4)
