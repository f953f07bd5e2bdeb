"""Closed intervals of numbers, and the formula kinds of the specs evaluated on them.

A number printed with ``d`` decimals stands for every value that rounds to it: ``72,16``
is anything in [72,155; 72,165]. Evaluating a formula on such intervals gives every value
the formula can take for some choice of its inputs within their printed precision, so a
written result is wrong only when its own interval (half a unit of its last shown digit)
does not touch that range.

Pure and standard-library only. A quotient whose denominator interval contains zero can
be any number (or none): it is :data:`UNBOUNDED`, which touches everything, so it never
makes a value wrong. Any operation with an unbounded operand is unbounded too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from .predikat import DEFAULT_BANDS, PredikatBands

# relative slack of a comparison, for the float error of the arithmetic itself
_SLACK = 1e-9


@dataclass(frozen=True)
class Interval:
    """The closed interval [``lo``, ``hi``]; ``lo`` may be -inf and ``hi`` +inf (unbounded)."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        if math.isnan(self.lo) or math.isnan(self.hi) or self.lo > self.hi:
            raise ValueError(f"not an interval: [{self.lo}, {self.hi}]")

    # --- construction ----------------------------------------------------------------------

    @classmethod
    def point(cls, value: float) -> "Interval":
        """The exact value ``value`` (an interval of width 0)."""
        return cls(float(value), float(value))

    @classmethod
    def around(cls, value: float, half: float) -> "Interval":
        """[``value`` − ``half``, ``value`` + ``half``]: a value known to ``half`` either way."""
        half = abs(half)
        return cls(value - half, value + half)

    @classmethod
    def rounded(cls, value: float, decimals: int) -> "Interval":
        """Every value that rounds to ``value`` at ``decimals`` decimals (half a unit of the last digit)."""
        return cls.around(value, 0.5 * 10.0 ** -decimals)

    # --- properties ------------------------------------------------------------------------

    @property
    def bounded(self) -> bool:
        """Whether both ends are finite."""
        return math.isfinite(self.lo) and math.isfinite(self.hi)

    @property
    def width(self) -> float:
        """``hi`` − ``lo``."""
        return self.hi - self.lo

    @property
    def mid(self) -> float:
        """The middle of the interval (nan when unbounded)."""
        return (self.lo + self.hi) / 2 if self.bounded else math.nan

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the interval (with the float slack of the arithmetic)."""
        return self.touches(Interval.point(value))

    def contains_zero(self) -> bool:
        """Whether 0 lies in the interval (exactly, no slack: a denominator of 1e-12 is not zero)."""
        return self.lo <= 0.0 <= self.hi

    def touches(self, other: "Interval") -> bool:
        """Whether the two intervals share at least one value (with a tiny relative slack for float error)."""
        if not self.bounded or not other.bounded:
            return True
        slack = _SLACK * max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    # --- arithmetic ------------------------------------------------------------------------

    def __add__(self, other: "Interval | float") -> "Interval":
        o = _as_interval(other)
        if not self.bounded or not o.bounded:
            return UNBOUNDED
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, other: "Interval | float") -> "Interval":
        o = _as_interval(other)
        if not self.bounded or not o.bounded:
            return UNBOUNDED
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, other: "Interval | float") -> "Interval":
        return _as_interval(other) - self

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: "Interval | float") -> "Interval":
        o = _as_interval(other)
        if not self.bounded or not o.bounded:
            return UNBOUNDED
        products = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: "Interval | float") -> "Interval":
        o = _as_interval(other)
        if not self.bounded or not o.bounded or o.contains_zero():
            return UNBOUNDED
        return self * Interval(1.0 / o.hi, 1.0 / o.lo)

    def __rtruediv__(self, other: "Interval | float") -> "Interval":
        return _as_interval(other) / self

    def scale(self, factor: float) -> "Interval":
        """The interval times a constant (the ends swap for a negative factor)."""
        return self * Interval.point(factor)


UNBOUNDED = Interval(-math.inf, math.inf)


def _as_interval(value: "Interval | float") -> Interval:
    return value if isinstance(value, Interval) else Interval.point(float(value))


def total(values: Iterable[Interval]) -> Optional[Interval]:
    """The sum of intervals; None for no interval at all."""
    result: Optional[Interval] = None
    for value in values:
        result = value if result is None else result + value
    return result


def mean(values: Sequence[Interval]) -> Optional[Interval]:
    """The average of intervals (the sum over their count); None for none."""
    summed = total(values)
    return None if summed is None else summed.scale(1.0 / len(values))


# --- the formula kinds of the specs -------------------------------------------------------


def ratio(num: Interval, den: Interval, scale: float = 100.0) -> Interval:
    """``num / den × scale`` (:class:`~renja_xl.specs.base.Ratio`); unbounded when ``den`` may be zero."""
    return (num / den).scale(scale)


def capaian(realisasi: Interval, target: Interval, negative: bool = False) -> Interval:
    """Capaian in percent points: R/T × 100, or (2 − R/T) × 100 for a negative polarity."""
    quotient = realisasi / target
    if not quotient.bounded:
        return UNBOUNDED
    return (Interval.point(2.0) - quotient).scale(100.0) if negative else quotient.scale(100.0)


def cumulative(values: Iterable[Interval]) -> Optional[Interval]:
    """The sum of the present values (:class:`~renja_xl.specs.base.Sum`, a cumulative indicator)."""
    return total(values)


def latest(values: Sequence[Optional[Interval]]) -> Optional[Interval]:
    """The last present value (a percentage or index indicator's realisasi s.d. tahun berjalan)."""
    return next((v for v in reversed(values) if v is not None), None)


def difference(a: Interval, b: Interval) -> Interval:
    """``a − b`` (sisa dana)."""
    return a - b


def product(a: Interval, b: Interval, scale: float = 0.01) -> Interval:
    """``a × b × scale`` (TTB = bobot × fisik ÷ 100)."""
    return (a * b).scale(scale)


def share(part: Interval, rest: Interval, scale: float = 100.0) -> Interval:
    """``part / (part + rest) × scale``: a row's share of a column total that includes it (bobot).

    ``rest`` is the sum of the other rows. The part sits in the numerator and in the
    denominator, so dividing two independent intervals would be too wide; the function
    is linear-fractional, so its extremes over the box lie at the corners.
    """
    if not part.bounded or not rest.bounded or (part + rest).contains_zero():
        return UNBOUNDED
    corners = [p / (p + r) * scale for p in (part.lo, part.hi) for r in (rest.lo, rest.hi)]
    return Interval(min(corners), max(corners))


def predikat_bands(value: Interval, bands: PredikatBands = DEFAULT_BANDS) -> tuple[str, ...]:
    """The predikat labels whose band the interval touches, highest first.

    A band runs from its threshold up to (not including) the next higher threshold, as the
    formula ``>= threshold`` reads: [90,995; 91,005] touches Sangat Tinggi (≥ 91) and
    Tinggi (76 ≤ x < 91); exactly 91 touches only Sangat Tinggi.
    """
    labels = []
    upper = math.inf
    for threshold, name in bands.bands:
        if value.hi >= threshold and value.lo < upper:
            labels.append(name)
        upper = threshold
    if value.lo < upper:
        labels.append(bands.lowest)
    return tuple(labels)
