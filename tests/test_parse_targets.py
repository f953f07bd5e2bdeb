"""Target cells (value + unit), every form the two seeds use, and the unit vocabulary."""

import pytest
from hypothesis import given, strategies as st

from renja_xl.parse.numbers import EN, ID
from renja_xl.parse.targets import parse_target
from renja_xl.parse.units import load_units


def parts(text, notation=None):
    return [(p.value, p.unit, p.kind) for p in parse_target(text, notation).parts]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("23%", [(23, "%", "percent")]),
        ("81.5%", [(81.5, "%", "percent")]),
        ("3.2%", [(3.2, "%", "percent")]),
        ("100.00%", [(100, "%", "percent")]),
        ("4.300 Pencaker", [(4300, "orang", "count")]),
        ("30 stel", [(30, "stel", "count")]),
        ("60 stell", [(60, "stel", "count")]),
        ("1 Dok", [(1, "dokumen", "document")]),
        ("3 Dok", [(3, "dokumen", "document")]),
        ("45 Dokumen", [(45, "dokumen", "document")]),
        ("20 dokumen", [(20, "dokumen", "document")]),
        ("5 dokumen", [(5, "dokumen", "document")]),
        ("15 jenis", [(15, "jenis", "count")]),
        ("12 Jenis", [(12, "jenis", "count")]),
        ("35 unit", [(35, "unit", "count")]),
        ("1 Unit", [(1, "unit", "count")]),
        ("6500 orang", [(6500, "orang", "count")]),
        ("15 Orang", [(15, "orang", "count")]),
        ("95 Org", [(95, "orang", "count")]),
        ("120 Pegawai", [(120, "orang", "count")]),
        ("335 paket", [(335, "paket", "count")]),
        ("900 pot", [(900, "pot", "count")]),
        ("200 porsi", [(200, "porsi", "count")]),
        ("225 kali", [(225, "kali", "count")]),
        ("1 Kali", [(1, "kali", "count")]),
        ("4 kali pertemuan", [(4, "kali", "count")]),
        ("30 LPK", [(30, "lembaga", "count")]),
        ("20 Perusahaan", [(20, "perusahaan", "count")]),
        ("6 SMK", [(6, "sekolah", "count")]),
        ("3 Aplikasi", [(3, "aplikasi", "count")]),
        ("700 Loker", [(700, "lowongan", "count")]),
        ("50 Layanan", [(50, "layanan", "count")]),
        ("100 Dokumen", [(100, "dokumen", "document")]),
        # a unit with no number
        ("m2", [(None, "m2", "measure")]),
        ("m3", [(None, "m3", "measure")]),
        ("paket", [(None, "paket", "count")]),
        ("dokumen", [(None, "dokumen", "document")]),
        # several values in one cell
        ("31 orang, 2 jenis", [(31, "orang", "count"), (2, "jenis", "count")]),
        ("23% 4.300 Pencaker", [(23, "%", "percent"), (4300, "orang", "count")]),
        ("23.5% 4.500 Pencaker", [(23.5, "%", "percent"), (4500, "orang", "count")]),
        ("18 Jenis Dan 13Jenis", [(18, "jenis", "count"), (13, "jenis", "count")]),
        # bare numbers
        ("63", [(63, None, "none")]),
        ("0.032", [(0.032, None, "none")]),
        ("600", [(600, None, "none")]),
        (12.5, [(12.5, None, "none")]),
    ],
)
def test_seed_target_forms(text, expected):
    target = parse_target(text)
    assert parts(text) == [(pytest.approx(v) if v is not None else None, u, k) for v, u, k in expected]
    assert target.leftover == ""
    assert target.text == str(text)  # the original text is kept beside the parse


@pytest.mark.parametrize("text", ["-", "", None, "  "])
def test_empty_targets(text):
    target = parse_target(text)
    assert target.parts == () and target.is_empty


def test_text_that_is_no_target_is_kept_as_leftover():
    target = parse_target("Penting")
    assert target.parts == () and target.leftover == "Penting" and not target.is_empty


def test_a_count_settles_an_ambiguous_number_but_a_bare_number_follows_the_column():
    assert parts("4.300 Pencaker", EN) == [(4300, "orang", "count")]
    assert parts("4.300", EN) == [(pytest.approx(4.3), None, "none")]
    assert parts("4.300", ID) == [(4300, None, "none")]
    assert parse_target("4.300").parts[0].ambiguous


def test_users_extend_the_unit_vocabulary(tmp_path):
    extra = tmp_path / "satuan_saya.csv"
    extra.write_text("unit,kind,spellings\nkelompok,count,kel|klp\n", encoding="utf-8")
    units = load_units(str(extra))
    assert [(p.value, p.unit, p.kind) for p in parse_target("12 klp", units=units).parts] == [(12, "kelompok", "count")]
    assert parse_target("12 klp").parts[0].kind == "unknown"


@given(st.text())
def test_never_raises_on_any_text(text):
    target = parse_target(text)
    assert target.text == text
