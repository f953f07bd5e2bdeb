"""The parsers take time linear in their input, and no input makes them raise.

A cell may hold megabytes (a pasted report, a generated file): reading it must not take
minutes. Each timing here is a ratio measured within the test, never an absolute limit:
doubling a long input may at most roughly double the time — the doubled input takes
less than 3.5 times as long, the input doubled twice less than 7 times (median of three
interleaved runs, each repeated until it lasts long enough to measure). A quadratic
parser takes 4 and 16 times as long; one that copies the rest of the text at every
step shows it over two doublings. A busy machine may slow one measurement, so a ratio
above its factor is measured again (three attempts at most): a slow parser fails all
three.
"""

from __future__ import annotations

import gc
import statistics
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renja_xl.parse import numbers
from renja_xl.parse.numbers import EN, ID, notation_of, parse_number, split_label
from renja_xl.parse.targets import parse_target

MB = 1 << 20
FACTORS = (3.5, 7.0)  # doubled, doubled twice: linear is 2 and 4, quadratic 4 and 16
ATTEMPTS = 3

# what real and hostile cells repeat: values with units, digits, separators, spaces, words, rupiah, predikat
PIECES = {
    "orang": "12 orang, ",
    "digits": "1234567890",
    "dots": ".",
    "commas": ",",
    "spaces": " ",
    "letters": "abcdefghij",
    "words": "Penting ",
    "unit_first": "orang 640 ",
    "rupiah": "Rp 1.000.000,-; ",
    "predikat": "63,36 % (Sedang) ",
    "grouped": "1.2,3 ",
    "comma_digits": "1,",
    "open_parens": "(",
    "dashes": "- ",
}


def _votes(text: str):
    numbers._votes.cache_clear()  # the votes are cached per text: measure the work, not the cache
    return notation_of([text])


FUNCTIONS = {
    "parse_target": parse_target,
    "parse_number": parse_number,
    "notation_of": _votes,
    "split_label": split_label,
}
# the first size, doubled twice: 256 KB, 512 KB, 1 MB (past the caches a machine's memory adds slowness of its
# own); parse_target, which builds a part for every value, from 128 KB
SMALL = {"parse_target": MB // 8, "notation_of": MB // 4, "parse_number": MB // 4, "split_label": MB // 4}


def _long(piece: str, size: int) -> str:
    """``piece`` repeated to about ``size`` characters, whole pieces only (a double size is the double text)."""
    return piece * max(1, size // len(piece))


def _run(func, text: str, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        func(text)
    return time.perf_counter() - start


def time_ratios(func, texts: list[str], runs: int = 3, least: float = 0.02) -> list[float]:
    """Median time of ``func`` on each of ``texts[1:]`` over its median time on ``texts[0]``.

    The runs are interleaved and the garbage collector is off while they run; each run
    calls ``func`` as often as the first text needs to take ``least`` seconds.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        once = _run(func, texts[0], 1)
        repeat = 1 if once >= least else min(1000, int(least / max(once, 1e-7)) + 1)
        times: list[list[float]] = [[] for _ in texts]
        for _ in range(runs):
            for text, measured in zip(texts, times):
                measured.append(_run(func, text, repeat))
        base = max(statistics.median(times[0]), 1e-9)
        return [statistics.median(measured) / base for measured in times[1:]]
    finally:
        if enabled:
            gc.enable()


def _too_slow(ratios: list[float]) -> bool:
    return any(ratio >= factor for ratio, factor in zip(ratios, FACTORS))


def linear_ratios(func, piece: str, size: int) -> list[list[float]]:
    """Ratios for ``piece`` repeated to ``size``, twice and four times that, measured until they fit :data:`FACTORS`."""
    texts = [_long(piece, size), _long(piece, 2 * size), _long(piece, 4 * size)]
    attempts: list[list[float]] = []
    while len(attempts) < ATTEMPTS and (not attempts or _too_slow(attempts[-1])):
        attempts.append(time_ratios(func, texts))
    return attempts


def _show(attempts: list[list[float]]) -> str:
    return "; ".join(" and ".join(f"{ratio:.1f}" for ratio in ratios) for ratios in attempts)


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
@pytest.mark.parametrize("shape", sorted(PIECES))
def test_doubling_a_long_input_at_most_roughly_doubles_the_time(shape, function):
    size = SMALL[function]
    attempts = linear_ratios(FUNCTIONS[function], PIECES[shape], size)
    assert not _too_slow(attempts[-1]), (
        f"{function} on {PIECES[shape]!r} repeated to {2 * size // 1024} and {4 * size // 1024} KB took "
        f"{_show(attempts)} times its {size // 1024} KB time (limits {FACTORS[0]} and {FACTORS[1]})")


@pytest.mark.parametrize("shape", sorted(PIECES))
def test_long_inputs_are_read_without_raising(shape):
    text = _long(PIECES[shape], MB // 4)
    for notation in (None, ID, EN):
        target = parse_target(text, notation)
        assert target.text == text
        parsed = parse_number(text, notation)
        assert parsed is None or parsed.value is None or isinstance(parsed.value, float)
    assert notation_of([text]) in (None, ID, EN)
    rest, label = split_label(text)
    assert label is None or label in text


def test_a_long_list_of_values_is_read_value_by_value():
    count = 100_000
    target = parse_target("12 orang, " * count)
    assert len(target.parts) == count and target.leftover == ""
    assert {(p.value, p.unit) for p in target.parts} == {(12.0, "orang")}
    target = parse_target("orang 640, " * count)
    assert len(target.parts) == count and {(p.value, p.unit) for p in target.parts} == {(640.0, "orang")}


# realistic cell text, then repeated to a long cell: whatever the piece, nothing raises
CELL_ALPHABET = st.sampled_from(list("0123456789.,;&+%()-– RpDokPencakerdanSedang/\n\t"))
PIECE = st.text(alphabet=CELL_ALPHABET, min_size=1, max_size=16) | st.text(min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PIECE, st.sampled_from([None, ID, EN]))
def test_any_repeated_piece_is_read_without_raising(piece, notation):
    text = _long(piece, 64 * 1024)
    target = parse_target(text, notation)
    assert target.text == text and isinstance(target.parts, tuple)
    parse_number(text, notation)
    notation_of([text])
    split_label(text)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=CELL_ALPHABET, min_size=1, max_size=12))
def test_any_repeated_piece_takes_linear_time(piece):
    for name in ("parse_target", "notation_of"):
        attempts = linear_ratios(FUNCTIONS[name], piece, 32 * 1024)
        assert not _too_slow(attempts[-1]), f"{name} on {piece!r} repeated to 64 and 128 KB: {_show(attempts)}"
