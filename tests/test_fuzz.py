"""Property tests (Hypothesis): the parsers and the reader take any input without an exception escaping.

Numbers survive writing-then-reading in both notations; random grids, with real header
texts mixed in so that tables are found and parsed, go through the reader and every
rule (a rule's crash would show as an RXL000 finding, which must never appear).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renja_xl.parse.kode import parse_kode
from renja_xl.parse.numbers import EN, ID, format_number, parse_number
from renja_xl.parse.targets import parse_target
from renja_xl.reader import find_tables
from renja_xl.reader.headers import spec_phrases
from renja_xl.rules import run_checks
from renja_xl.snapshot import WorkbookSnapshot
from renja_xl.specs import ALL_SPECS

# text made of the characters real cells are made of, so that the parsers' interesting paths are reached
CELL_TEXT = st.text(alphabet=st.sampled_from(list("0123456789.,%-+ RpDokPencakerLPK:/()\n\t")), max_size=24) | st.text(
    max_size=40)
ANY_CELL = st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15), st.floats(allow_nan=True),
                     CELL_TEXT, st.dates(min_value=dt.date(1900, 1, 1)), st.sampled_from(["#DIV/0!", "#REF!", "#N/A"]))
HEADERS = sorted({text for spec in ALL_SPECS for text in spec_phrases(spec)})


@given(ANY_CELL, st.sampled_from([None, ID, EN]))
def test_parse_number_never_raises(raw, notation):
    parsed = parse_number(raw, notation)
    assert parsed is None or parsed.value is None or isinstance(parsed.value, float)


@given(ANY_CELL, st.sampled_from([None, ID, EN]))
def test_parse_target_never_raises(raw, notation):
    target = parse_target(raw, notation)
    assert isinstance(target.parts, (list, tuple))


@given(st.one_of(ANY_CELL, st.text(alphabet="0123456789.: -IVX", max_size=30)))
def test_parse_kode_never_raises(raw):
    kode = parse_kode(raw)
    assert kode is None or isinstance(kode.valid, bool)


@given(st.integers(-10**12, 10**12), st.integers(0, 4), st.sampled_from([ID, EN]))
def test_numbers_survive_format_then_parse(cents, decimals, notation):
    value = cents / 10 ** decimals
    text = format_number(value, notation, decimals)
    parsed = parse_number(text, notation)
    assert parsed is not None and abs(parsed.value - round(value, decimals)) < 10 ** -decimals / 2 + 1e-6


def _grid(draw_rows):
    return WorkbookSnapshot.from_lists({"Lembar": draw_rows}, name="acak.xlsx")


GRID_CELL = st.one_of(ANY_CELL, st.sampled_from(HEADERS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(GRID_CELL, max_size=14), max_size=30))
def test_random_grids_go_through_reader_and_rules(rows):
    snapshot = _grid(rows)
    tables = find_tables(snapshot)
    findings = run_checks(snapshot, tables)
    assert not [f for f in findings if f.rule == "RXL000"], [f.message for f in findings if f.rule == "RXL000"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_SPECS), st.lists(st.lists(ANY_CELL, min_size=3, max_size=16), min_size=1, max_size=12))
def test_a_real_header_over_random_rows(spec, rows):
    """A table's own header (group row, column row), then random data: the table is found and every rule copes."""
    def year(text: str) -> str:
        return text.replace("{n}", "2022").replace("{n-1}", "2021").replace("{n+1}", "2023")
    groups = [year(c.group or c.header) for c in spec.columns]
    leaves = [year(c.header) if c.group else None for c in spec.columns]
    snapshot = _grid([groups, leaves, *rows])
    tables = find_tables(snapshot)
    assert spec.key in [t.spec.key for t in tables]
    findings = run_checks(snapshot, tables)
    assert not [f for f in findings if f.rule == "RXL000"], [f.message for f in findings if f.rule == "RXL000"]
