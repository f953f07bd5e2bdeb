"""Target cells (value + unit), every form the two seeds use, and the unit vocabulary."""

import pytest
from hypothesis import given, strategies as st

from renja_xl.parse.numbers import EN, ID
from renja_xl.parse.targets import parse_target
from renja_xl.parse.units import default_units, load_units


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


@pytest.mark.parametrize(
    "text, expected",
    [
        # a unit written before its number is that number's unit, exactly as after it
        ("orang 640", [(640, "orang", "count")]),
        ("Orang 640", [(640, "orang", "count")]),
        ("Pencaker 4.300", [(4300, "orang", "count")]),  # the count settles the ambiguous number, as after it
        ("Dokumen 3", [(3, "dokumen", "document")]),
        ("kali pertemuan 4", [(4, "kali", "count")]),
        ("orang 640, jenis 2", [(640, "orang", "count"), (2, "jenis", "count")]),
        ("orang 31, 2 jenis", [(31, "orang", "count"), (2, "jenis", "count")]),
        # rupiah, as agencies type it: one currency value
        ("Rp 1.000.000,-", [(1000000, "rupiah", "currency")]),
        ("Rp. 1.000.000,00", [(1000000, "rupiah", "currency")]),
        ("Rp1.500.000", [(1500000, "rupiah", "currency")]),
        ("Rp 4.300", [(4300, "rupiah", "currency")]),  # no one writes 4,3 rupiah
        ("1.000.000,-", [(1000000, None, "none")]),
        ("1.000.000 rupiah", [(1000000, "rupiah", "currency")]),
        ("Rp 1.000.000,- dan 5 orang", [(1000000, "rupiah", "currency"), (5, "orang", "count")]),
        # a capaian with its predikat: one percent value, the predikat no second value
        ("63,36 % (Sedang)", [(63.36, "%", "percent")]),
        ("82,51% (Sangat Baik)", [(82.51, "%", "percent")]),
        ("100 % ( Tinggi )", [(100, "%", "percent")]),
        ("63.36% - Sedang", [(63.36, "%", "percent")]),
        ("12 (orang)", [(12, "orang", "count")]),  # an annotation that is a unit is the unit
        ("5 dan 6", [(5, None, "none"), (6, None, "none")]),  # "dan" is no unit
        ("84,59 persen", [(84.59, "%", "percent")]),
    ],
)
def test_forms_agencies_type(text, expected):
    target = parse_target(text)
    assert parts(text) == [(pytest.approx(v) if v is not None else None, u, k) for v, u, k in expected]
    assert target.leftover == "" and not any(p.ambiguous for p in target.parts)


def test_a_unit_before_its_number_reads_like_a_unit_after_it():
    for notation in (None, ID, EN):
        assert parse_target("orang 640", notation).parts == parse_target("640 orang", notation).parts
        assert parse_target("Pencaker 4.300", notation).parts == parse_target("4.300 Pencaker", notation).parts
    assert not parse_target("orang 640").is_multiple


SPELLINGS = sorted({spelling for spelling in default_units()._by_spelling})


@given(st.sampled_from(SPELLINGS), st.integers(0, 10**9), st.sampled_from([None, ID, EN]))
def test_every_unit_reads_the_same_before_and_after_its_number(spelling, number, notation):
    before, after = parse_target(f"{spelling} {number}", notation), parse_target(f"{number} {spelling}", notation)
    assert before.parts == after.parts and len(before.parts) == 1
    assert before.leftover == after.leftover == ""


def test_the_predikat_is_kept_as_the_label():
    target = parse_target("63,36 % (Sedang)")
    assert not target.is_multiple and target.parts[0].label == "Sedang" and target.parts[0].unit_text == "%"
    assert parse_target("82,51% (Sangat Baik)").parts[0].label == "Sangat Baik"
    assert parse_target("23%").parts[0].label is None
    assert parse_target("12 (orang)").parts[0].label is None  # it became the unit


def test_unreadable_leftovers_stay_leftovers():
    assert parse_target("1.2.3 orang").leftover == "1.2.3 orang"
    assert parse_target("sebanyak 640 orang").leftover == "sebanyak"
    target = parse_target("63,36 % (Sedang 2)")
    assert target.leftover  # not a predikat: not silently dropped
    assert parse_target("Target orang 640").leftover == "Target orang"


@pytest.mark.parametrize("text", ["-", "", None, "  ", "n/a", "N/A", "–", "nihil", "tidak ada", "Rp -"])
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
