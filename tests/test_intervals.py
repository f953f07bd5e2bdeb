"""Interval arithmetic (renja_xl.compute.intervals) and the printed precision of inputs (rules helpers)."""

import math
import random

import pytest

from renja_xl.compute import intervals as iv
from renja_xl.compute.intervals import UNBOUNDED, Interval
from renja_xl.reader.model import CellValue
from renja_xl.rules.families.helpers import (input_decimals, input_intervals, predikat_fits, predikat_label,
                                             written_interval)


def close(interval, lo, hi, digits=2):
    return round(interval.lo, digits) == lo and round(interval.hi, digits) == hi


# --- the interval itself --------------------------------------------------------------------

def test_construction():
    assert Interval.point(3) == Interval(3.0, 3.0)
    assert Interval.around(10, -0.5) == Interval(9.5, 10.5)
    assert Interval.rounded(72.16, 2) == Interval.around(72.16, 0.005)
    assert Interval.rounded(26, 0) == Interval(25.5, 26.5)
    with pytest.raises(ValueError):
        Interval(2, 1)
    with pytest.raises(ValueError):
        Interval(math.nan, 1)


def test_arithmetic_of_closed_intervals():
    a, b = Interval(1, 2), Interval(-3, 4)
    assert a + b == Interval(-2, 6) and a + 1 == Interval(2, 3) and 1 + a == Interval(2, 3)
    assert a - b == Interval(-3, 5) and 5 - a == Interval(3, 4)
    assert -a == Interval(-2, -1)
    assert a * b == Interval(-6, 8)
    assert a.scale(-2) == Interval(-4, -2)
    assert Interval(1, 2) / Interval(4, 8) == Interval(0.125, 0.5)
    assert Interval(-2, 1) / Interval(-4, -2) == Interval(-0.5, 1)


def test_a_denominator_that_may_be_zero_is_unbounded_and_stays_so():
    assert Interval(1, 2) / Interval(-0.005, 0.005) is UNBOUNDED
    assert Interval(1, 2) / 0 is UNBOUNDED
    assert not UNBOUNDED.bounded and math.isnan(UNBOUNDED.mid)
    assert UNBOUNDED + 1 is UNBOUNDED and UNBOUNDED * Interval(0, 0) is UNBOUNDED and UNBOUNDED.scale(2) is UNBOUNDED
    assert UNBOUNDED.touches(Interval.point(12345))   # it can never make a value wrong


def test_touches_and_contains():
    assert Interval(1, 2).touches(Interval(2, 3)) and not Interval(1, 2).touches(Interval(2.001, 3))
    assert Interval(0.1 + 0.2, 1).contains(0.3)        # float error of the arithmetic is not a difference
    assert Interval(-1, 1).contains_zero() and not Interval(1e-12, 1).contains_zero()
    assert Interval(1, 3).width == 2 and Interval(1, 3).mid == 2


def test_sums_means_and_the_latest_value():
    assert iv.total([]) is None and iv.mean([]) is None
    assert iv.total([Interval(1, 2), Interval.point(3)]) == Interval(4, 5)
    assert iv.mean([Interval(1, 2), Interval(3, 4)]) == Interval(2, 3)
    assert iv.cumulative([Interval.point(3)] * 3) == Interval.point(9)
    assert iv.latest([Interval.point(1), Interval.point(2), None]) == Interval.point(2)
    assert iv.latest([None, None]) is None


# --- the formula kinds ----------------------------------------------------------------------

def test_ratio_of_two_printed_inputs():
    # the example: 72,16 and 87,45 printed to two decimals give 82,50…82,53
    r = iv.ratio(Interval.rounded(72.16, 2), Interval.rounded(87.45, 2))
    assert 82.50 < r.lo < 82.51 and 82.52 < r.hi < 82.53 and r.touches(Interval.rounded(82.51, 2))
    exact = iv.ratio(Interval.point(307055630), Interval.point(398379650))
    assert exact.width == 0 and round(exact.lo, 2) == 77.08 and not exact.touches(Interval.rounded(80.5, 1))


def test_capaian_positive_and_negative_polarity():
    r, t = Interval.rounded(80, 0), Interval.point(100)
    assert iv.capaian(r, t) == Interval(79.5, 80.5)
    assert close(iv.capaian(r, t, negative=True), 119.5, 120.5)   # (2 − R/T) × 100: the ends swap
    assert iv.capaian(r, Interval.rounded(0, 2)) is UNBOUNDED


def test_difference_product_and_share():
    assert iv.difference(Interval(10, 11), Interval(1, 2)) == Interval(8, 10)
    ttb = iv.product(Interval.rounded(2.27, 2), Interval.rounded(77.28, 2))
    assert ttb.touches(Interval.rounded(1.76, 2)) and not ttb.touches(Interval.rounded(1.70, 2))
    # a part of 25 (± 0.5) of a total 25 + 75: dividing by an independent total would be wider
    part, rest = Interval.rounded(25, 0), Interval.point(75)
    share = iv.share(part, rest)
    assert close(share, 24.62, 25.37)
    assert iv.ratio(part, part + rest).width > share.width
    assert iv.share(Interval(-1, 1), Interval(-1, 1)) is UNBOUNDED


def test_predikat_bands_touched():
    assert iv.predikat_bands(Interval.rounded(91.00, 2)) == ("Sangat Tinggi", "Tinggi")
    assert iv.predikat_bands(Interval.point(91)) == ("Sangat Tinggi",)
    assert iv.predikat_bands(Interval.rounded(90.996, 3)) == ("Tinggi",)
    assert iv.predikat_bands(Interval.point(50)) == ("Sangat Rendah",)
    assert iv.predikat_bands(Interval(40, 80)) == ("Tinggi", "Sedang", "Rendah", "Sangat Rendah")
    assert iv.predikat_bands(UNBOUNDED) == ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")


@pytest.mark.parametrize("kind", ["ratio", "capaian_negative", "product", "difference", "share"])
def test_every_choice_of_inputs_lies_inside_the_interval(kind):
    """Sampled inputs within their intervals always give a value inside the computed interval (derandomized)."""
    rng = random.Random(kind)
    for _ in range(200):
        a = Interval.rounded(rng.uniform(0.5, 500), rng.choice([0, 1, 2]))
        b = Interval.rounded(rng.uniform(0.5, 500), rng.choice([0, 1, 2]))
        f = {
            "ratio": (iv.ratio, lambda x, y: x / y * 100),
            "capaian_negative": (lambda x, y: iv.capaian(x, y, True), lambda x, y: (2 - x / y) * 100),
            "product": (iv.product, lambda x, y: x * y * 0.01),
            "difference": (iv.difference, lambda x, y: x - y),
            "share": (iv.share, lambda x, y: x / (x + y) * 100),
        }[kind]
        result = f[0](a, b)
        for _ in range(20):
            x, y = rng.uniform(a.lo, a.hi), rng.uniform(b.lo, b.hi)
            assert result.contains(f[1](x, y))
        for x in (a.lo, a.hi):
            for y in (b.lo, b.hi):
                assert result.contains(f[1](x, y))


# --- what a printed input stands for (rules helpers) ------------------------------------------

def cell(raw, text=None):
    return CellValue("A1", raw, str(raw) if text is None else text, None)


def test_input_decimals_from_the_shown_text():
    assert input_decimals(cell("72,16"), 72.16, "id") == 2
    assert input_decimals(cell("35,20"), 35.2, "id") == 2
    assert input_decimals(cell("4.300 Pencaker"), 4300, "id") == 0      # thousands, not decimals
    assert input_decimals(cell("12,5 orang"), 12.5, "id") == 1
    assert input_decimals(cell("1.234,50"), 1234.5, "id") == 2
    assert input_decimals(cell(0.6247, "62.47%"), 62.47) == 2            # a number shown by its format
    assert input_decimals(cell(26), 26) == 0


def test_input_intervals_round_only_what_is_printed_rounded():
    printed = input_intervals([(cell("72,16"), 72.16), (cell("87,45"), 87.45)], "id")
    assert printed == [Interval.rounded(72.16, 2), Interval.rounded(87.45, 2)]
    # a whole number is exact, and the value beside it is taken as printed
    assert input_intervals([(cell(16.24), 16.24), (cell(26), 26.0)]) == [Interval.point(16.24), Interval.point(26)]
    assert input_intervals([(cell(307055630), 307055630.0), (cell(398379650), 398379650.0)]) == [
        Interval.point(307055630), Interval.point(398379650)]
    # a number whose format hides digits is known only to its shown digits, whatever its neighbours
    hidden = input_intervals([(cell(72.1634, "72.16"), 72.1634), (cell(26), 26.0)])
    assert hidden == [Interval.rounded(72.16, 2), Interval.point(26)]
    assert input_intervals([(cell("-"), None), (cell("1,5"), 1.5)], "id") == [None, Interval.rounded(1.5, 1)]


def test_written_values_and_predikat():
    assert written_interval(cell("82,51 %"), 82.51) == Interval.rounded(82.51, 2)
    assert written_interval(cell("47%"), 47.0) == Interval(46.5, 47.5)
    assert predikat_fits("Tinggi", Interval.rounded(91.0, 2)) and predikat_fits("SANGAT  BAIK", Interval.rounded(91.0, 2))
    assert not predikat_fits("Sedang", Interval.point(63.36)) and predikat_fits("Kurang", Interval.point(63.36))
    assert not predikat_fits("Luar Biasa", Interval.point(99))
    own = ("A", "B", "C", "D", "E")   # a table's own names for the same bands (specs.base.Predikat.labels)
    assert predikat_fits("C", Interval.point(70), labels=own) and not predikat_fits("B", Interval.point(70), labels=own)
    assert predikat_label(63.36) == "Rendah" and predikat_label(63.36, like="Cukup") == "Kurang"
    assert predikat_label(63.36, labels=own) == "D" and predikat_label(None) is None
