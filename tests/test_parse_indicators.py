"""The kind of an indicator, read from its wording (seed indicators)."""

import pytest

from renja_xl.parse.indicators import indicator_kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Persentase Peserta Pelatihan Kerja yang mendapatkan sertifikat kelulusan", "percent"),
        ("persentase pencari kerja yang mendapat pelatihan yang tersalur", "percent"),
        ("1. Persentase pencari kerja yang mendapatkan pelatihan.", "percent"),
        ("Besaran tenaga kerja yang mendapatkan pelatihan berbasis kompetensi", "percent"),
        ("Rasio realisasi terhadap anggaran", "percent"),
        ("Tingkat pengangguran terbuka", "percent"),
        ("Jumlah LPK Swasta yang dibina", "count"),
        ("jumlah dokumen profil ketenagakerjaan kota balikpapan", "count"),
        ("Frekuensi rapat dan Koordinasi Luar dan Dalam Daerah", "count"),
        ("Jenis bahan logistik kantor", "count"),
        ("Luasan Gedung Kantor yang dilayani", "count"),
        ("Indeks Kepuasan Masyarakat (IKM) Internal Perangkat Daerah", "index"),
        ("IKM Layanan Administrasi Umum Perangkat Daerah", "index"),
        ("Nilai SAKIP OPD", "index"),
        ("Laporan hasil sidang Dewan pengupahan Kota Balikpapan", None),
        ("pekerja/buruh yang menjadi peserta BPJS", None),
        (None, None),
        (42, None),
    ],
)
def test_indicator_kind(text, kind):
    assert indicator_kind(text) == kind
