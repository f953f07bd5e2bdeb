"""Numbers in both notations, every form the two seeds use."""

import math

import pytest
from hypothesis import given, strategies as st

from renja_xl.parse.numbers import EN, ID, format_number, notation_of, parse_number, split_label


@pytest.mark.parametrize(
    "text, value, percent, notation",
    [
        # Indonesian notation (Renja Tabel 2.3, narrative)
        ("949.973.000", 949973000, False, ID),
        ("49.898.500", 49898500, False, ID),
        ("61,91%", 61.91, True, ID),
        # English notation (Renja Tabel 3.4, LKjIP Tabel 3.2)
        ("949,973,000", 949973000, False, EN),
        ("1,049,868,700", 1049868700, False, EN),
        ("16,935,245,186", 16935245186, False, EN),
        ("84.59%", 84.59, True, EN),
        ("100.00%", 100.0, True, EN),
        ("125.60", 125.6, False, EN),
        ("25.00", 25.0, False, EN),
        ("0.032", 0.032, False, EN),
        ("0.04", 0.04, False, EN),
        ("Rp 1,090,093,400", 1090093400, False, EN),
        ("Rp -", None, False, None),
        # plain
        ("100%", 100.0, True, None),
        ("126%", 126.0, True, None),
        ("600", 600, False, None),
        ("16.", 16, False, None),  # a numbered-list habit, not a decimal
        ("0", 0, False, None),
    ],
)
def test_seed_number_forms(text, value, percent, notation):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(value) if value is not None else parsed.value is None
    assert parsed.percent is percent
    assert parsed.notation == notation
    assert not parsed.ambiguous


@pytest.mark.parametrize("text", ["-", "–", "—", "", "   ", "n/a", "N/A", "nihil", "Nihil", "tidak ada", "Tidak  Ada"])
def test_dash_empty_and_words_mean_no_value(text):
    parsed = parse_number(text)
    assert parsed is not None and parsed.value is None and parsed.label is None


@pytest.mark.parametrize(
    "text, value, notation",
    [
        ("Rp 1.000.000,-", 1000000, ID),
        ("Rp. 1.000.000,00", 1000000, ID),
        ("1.000.000,-", 1000000, ID),
        ("Rp1.500.000", 1500000, ID),
        ("Rp 5.000,--", 5000, ID),
        ("Rp 1.500,-", 1500, ID),  # ",-": the comma is the decimal mark, so the dot groups thousands
        ("Rp 750,-", 750, ID),
        ("1,000,000.-", 1000000, EN),
        ("IDR 2.500.000,-", 2500000, ID),
        ("(1.000,-)", -1000, ID),
    ],
)
def test_rupiah_as_agencies_type_it(text, value, notation):
    """``,-`` and ``.-`` say "no cents": the mark before the dash is the decimal mark."""
    parsed = parse_number(text)
    assert parsed is not None and parsed.value == value
    assert parsed.notation == notation and not parsed.ambiguous and not parsed.percent and parsed.label is None


@pytest.mark.parametrize("text", ["1.5,-", "1,5.-", "1.000,50,-", ",-", "Rp ,-", "1.000.000,-x"])
def test_no_cents_that_contradicts_itself_is_no_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, value, label, notation",
    [
        ("63,36 % (Sedang)", 63.36, "Sedang", ID),
        ("82,51% (Sangat Baik)", 82.51, "Sangat Baik", ID),
        ("100 % ( Tinggi )", 100, "Tinggi", None),
        ("63.36% - Sedang", 63.36, "Sedang", EN),
        ("63,36% – Sedang", 63.36, "Sedang", ID),
        ("91,2 % (Sangat   Baik)", 91.2, "Sangat Baik", ID),  # spacing is normalised first
        ("45% (kurang sekali baik nya)", 45, "kurang sekali baik nya", None),  # four words at most
    ],
)
def test_capaian_with_its_predikat(text, value, label, notation):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(value) and parsed.percent
    assert parsed.label == label and parsed.notation == notation


@pytest.mark.parametrize(
    "text",
    [
        "63,36 % (Sedang 2)",  # a digit in the annotation
        "63,36 % (Sedang) x",  # not at the end
        "63,36 % (a b c d e)",  # five words
        "63,36 % (Sangat-Baik)",  # not letters and spaces only
        "63,36 % -",  # a dash and nothing after it
        "(Sedang)",  # an annotation of nothing
        "- (Sedang)",  # an annotation of "no value"
        "Baik - Sedang",
        "63,36 % [Sedang]",
    ],
)
def test_other_annotations_stay_unreadable(text):
    assert parse_number(text) is None


def test_split_label():
    assert split_label("63,36 % (Sedang)") == ("63,36 %", "Sedang")
    assert split_label("82,51% (Sangat Baik) ") == ("82,51%", "Sangat Baik")
    assert split_label("100 % ( Tinggi )") == ("100 %", "Tinggi")
    assert split_label("63.36% - Sedang") == ("63.36%", "Sedang")
    assert split_label("63.36%—Sedang") == ("63.36%", "Sedang")
    for text in ["63,36 %", "(Sedang)", "- Sedang", "1.000.000,-", "(1.000)", "12 (2 orang)", "a (b c d e f)", ""]:
        assert split_label(text) == (text, None)
    assert split_label(None) == (None, None)
    # white space after the label, past what is looked at first: read the same
    assert split_label("63,36 % (Sedang)" + " \n" * 100) == ("63,36 %", "Sedang")
    assert split_label("63.36% - Sedang" + " " * 100) == ("63.36%", "Sedang")
    for text in ["Rp 1.000.000,-; " * 1000, "x" + " " * 100, " " * 100]:
        assert split_label(text) == (text, None)


@pytest.mark.parametrize("text, notation", [("84,59%", ID), ("84.59 %", EN), ("84,59 persen", ID), ("84.59 Persen", EN),
                                            ("84,59 prosen", ID)])
def test_percentages_typed_as_text_in_either_notation(text, notation):
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(84.59) and parsed.percent and parsed.notation == notation


def test_a_number_too_large_for_a_float_is_no_number():
    assert parse_number("9" * 400) is None
    assert parse_number("9" * 300).value == pytest.approx(10.0 ** 300)


@pytest.mark.parametrize("text", ["Penting", "APBD Kota", "1.2.3", "12,34,5", "4.300 Pencaker", "abc%", "2 .07"])
def test_texts_that_are_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, thousands, decimal",
    [("4.300", 4300, 4.3), ("2,589", 2589, 2.589), ("1,500", 1500, 1.5), ("10,842", 10842, 10.842)],
)
def test_ambiguous_numbers_are_reported_then_resolved_by_notation(text, thousands, decimal):
    bare = parse_number(text)
    assert bare.ambiguous and bare.value == thousands
    sep_thousands_notation = ID if "." in text else EN
    sep_decimal_notation = EN if "." in text else ID
    assert parse_number(text, sep_thousands_notation).value == thousands
    assert parse_number(text, sep_decimal_notation).value == pytest.approx(decimal)
    assert not parse_number(text, sep_thousands_notation).ambiguous


def test_excel_numbers_pass_through():
    assert parse_number(1090093400).value == 1090093400
    assert parse_number(0.8459).value == 0.8459
    assert parse_number(True) is None
    assert parse_number(float("nan")) is None


def test_notation_is_learnt_from_the_texts_that_prove_it():
    assert notation_of(["1,049,868,700", "4.300", "81.5%"]) == EN
    assert notation_of(["949.973.000", "61,91%", "2,589"]) == ID
    assert notation_of(["4.300", "2,589", 12]) is None
    assert notation_of(["1.000.000", "1,000,000"]) is None  # a tie proves nothing


@given(st.text() | st.text(alphabet=st.sampled_from(list("0123456789.,-–%() RpSedangBaik")), max_size=30))
def test_never_raises_on_any_text(text):
    parse_number(text)
    parse_number(text, ID)
    parse_number(text, EN)
    notation_of([text])
    rest, label = split_label(text)
    assert label is None or (label and rest and label in text)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from([ID, EN]), st.integers(0, 3))
def test_format_then_parse_round_trips_in_both_notations(value, notation, decimals):
    rounded = round(value, decimals)
    text = format_number(rounded, notation, decimals)
    parsed = parse_number(text, notation)
    assert parsed is not None and not parsed.ambiguous
    assert math.isclose(parsed.value, rounded, rel_tol=1e-12, abs_tol=10 ** -decimals / 2)


def test_single_spaced_folds_as_split_and_join_and_keeps_a_text_with_nothing_to_fold():
    """Its quick answer (a printable text without double or edge spaces) must be what split and join give."""
    import random

    from renja_xl.parse.numbers import single_spaced

    pieces = [" ", "a", "b", "\t", "\n", "\r", "\xa0", "\u2003", "\u2028", ".", "\x01", "\x1c", "  ", "é", "漢"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for sample in (text, text * 40):   # and past 256 characters, where it folds by pattern
            assert single_spaced(sample) == " ".join(sample.split()), repr(sample)
    kept = "Jumlah dokumen perencanaan yang disusun"
    assert single_spaced(kept) is kept
