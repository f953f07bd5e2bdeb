"""Kode in every form the two seeds use: canonical dotted code, level, scheme, anomalies."""

import pytest
from hypothesis import given, strategies as st

from renja_xl.parse.kode import parse_kode, parent_of, split_embedded_kode


@pytest.mark.parametrize(
    "text, canonical, level, anomalies",
    [
        # Permendagri 90/2019, Renja Tabel 3.4
        ("2 07 1", "2.07.01", "program", ("missing_zero", "spaces")),
        ("2 07 1 2.01", "2.07.01.2.01", "kegiatan", ("missing_zero", "spaces")),
        ("2 07 1 2.09 1", "2.07.01.2.09.0001", "sub_kegiatan", ("missing_zero", "spaces")),
        ("2 07 1 2.05 11", "2.07.01.2.05.0011", "sub_kegiatan", ("missing_zero", "spaces")),
        ("2 7 1 2.09 7", "2.07.01.2.09.0007", "sub_kegiatan", ("missing_zero", "spaces")),
        ("2 .07 .02", "2.07.02", "program", ()),
        ("2 .07 .03 .2.01", "2.07.03.2.01", "kegiatan", ()),
        ("2 .07 .03 .2.01 .01", "2.07.03.2.01.0001", "sub_kegiatan", ()),
        ("2 .07 .04 .2.01. .03", "2.07.04.2.01.0003", "sub_kegiatan", ("separator",)),
        ("2 .07 .04 .2.03.", "2.07.04.2.03", "kegiatan", ("trailing",)),
        ("2 .07 .05 2.01", "2.07.05.2.01", "kegiatan", ("spaces",)),
        ("2 .07 .05 2.01 .01", "2.07.05.2.01.0001", "sub_kegiatan", ("spaces",)),
        ("2 .07 .05 2:03 .02", "2.07.05.2.03.0002", "sub_kegiatan", ("separator", "spaces")),
        ("2 .07 .05 2:02", "2.07.05.2.02", "kegiatan", ("separator", "spaces")),
        ("3 .07 .04 .2.03. .01", "3.07.04.2.03.0001", "sub_kegiatan", ("separator", "urusan")),
        ("2.07.03.2.01.0001", "2.07.03.2.01.0001", "sub_kegiatan", ()),  # 4-digit sub kegiatan (1317/2023)
        ("2.07.03.2.01.01", "2.07.03.2.01.0001", "sub_kegiatan", ()),    # 2-digit sub kegiatan (050-5889)
        ("X.XX.01.2.01.0001", "X.XX.01.2.01.0001", "sub_kegiatan", ()),
        ("2", "2", "urusan", ()),
        ("2.07", "2.07", "bidang", ()),
        # Permendagri 13/2006, Renja Tabel 2.1 and LKjIP
        ("I 01", "I.01", "program", ()),
        ("II 15", "II.15", "program", ()),
        ("01.001", "01.001", "kegiatan", ()),
        ("15.010", "15.010", "kegiatan", ()),
        ("02", "02", "program", ()),
        ("15", "15", "program", ()),
        ("16.", "16", "program", ()),
        ("1.14.1.14.01.01.001", "1.14.1.14.01.01.001", "kegiatan", ()),
        ("1.13.1.14.01.16.013", "1.13.1.14.01.16.013", "kegiatan", ()),
    ],
)
def test_seed_kode_forms(text, canonical, level, anomalies):
    kode = parse_kode(text)
    assert (kode.canonical, kode.level, kode.anomalies) == (canonical, level, anomalies)
    assert kode.text == text


def test_two_and_four_digit_sub_kegiatan_are_the_same_kode():
    assert parse_kode("2.07.03.2.01.01").canonical == parse_kode("2.07.03.2.01.0001").canonical
    assert parse_kode("2.07.03.2.01.01").sub_width == 2
    assert parse_kode("2.07.03.2.01.0001").sub_width == 4


def test_schemes_are_told_apart():
    assert parse_kode("2.07.03.2.01.0001").scheme == "90/2019"
    assert parse_kode("1.14.1.14.01.01.001").scheme == "13/2006"


@pytest.mark.parametrize("kode, parent", [
    ("2.07.03.2.01.0001", "2.07.03.2.01"), ("2.07.03.2.01", "2.07.03"), ("2.07.03", "2.07"), ("2.07", "2"), ("2", None),
])
def test_hierarchy(kode, parent):
    assert parse_kode(kode).parent == parent == parent_of(kode)


@pytest.mark.parametrize("text", [".07", ".05", "2:02 x", "Penting", "", None, "Kode"])
def test_not_a_kode(text):
    assert not parse_kode(text).valid


def test_kode_written_inside_a_name():
    kode, name = split_embedded_kode("17. Kode Rekening 1.14.1.14.01.03.002. Pengadaan Pakaian Dinas Beserta Perlengkapannya")
    assert kode.canonical == "1.14.1.14.01.03.002" and kode.level == "kegiatan"
    assert name == "Pengadaan Pakaian Dinas Beserta Perlengkapannya"
    kode, name = split_embedded_kode("Kode Rekening 1.13.1.14.01.16.013 Pelayanan Sosial dan Pengasuhan Anak")
    assert kode.canonical == "1.13.1.14.01.16.013" and name == "Pelayanan Sosial dan Pengasuhan Anak"
    assert split_embedded_kode("I. PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN") == (None, "I. PROGRAM PELAYANAN ADMINISTRASI PERKANTORAN")


@given(st.text())
def test_never_raises_on_any_text(text):
    parse_kode(text)
    split_embedded_kode(text)
