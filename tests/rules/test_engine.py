"""The rule engine: registry, documentation, settings, crash handling."""

import pytest
from grids import T22, book, check
from layouts import VARIANTS

from renja_xl.errors import InputError
from renja_xl.reader import find_tables
from renja_xl.rules import REGISTRY, Rule, Severity, all_rules, read_config, register, run_checks
from renja_xl.rules.config import find_config


def test_every_rule_has_a_unique_code_a_family_and_wrong_and_right_examples():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules) >= 29
    for rule in rules:
        doc = rule.documentation()
        assert "**Salah**" in doc and "**Benar**" in doc and rule.description()
        assert rule.family and rule.name and rule.message


def test_every_rule_has_its_meaning_in_indonesian_for_the_reports():
    """The summary of Hasil Validasi and the text report say what each rule means in one Indonesian sentence."""
    from renja_xl.report import MEANINGS

    missing = [r.code for r in all_rules() if r.code not in MEANINGS and r.code != "RXL000"]
    assert missing == []


def test_register_refuses_a_duplicate_code_and_an_undocumented_rule():
    with pytest.raises(ValueError, match="duplicate"):
        register(type("Dup", (Rule,), {"__doc__": "x\n\n**Salah**: a\n\n**Benar**: b", "code": "RXL101",
                                         "name": "x.y", "family": "f", "message": "m"}))
    with pytest.raises(ValueError, match="Salah"):
        register(type("NoDoc", (Rule,), {"__doc__": "x", "code": "RXL999", "name": "x.y", "family": "f", "message": "m"}))
    assert "RXL999" not in REGISTRY


def test_a_crashing_rule_becomes_a_finding_and_the_others_still_run(monkeypatch):
    def boom(self, ctx):
        raise ZeroDivisionError("uji")
    monkeypatch.setattr(REGISTRY["RXL405"], "check", boom)
    grid = T22 + [["1.", "a", "Jumlah", "orang", 125, 92, "126%"]]
    snapshot = book(grid)
    findings = run_checks(snapshot, find_tables(snapshot))
    codes = [f.rule for f in findings]
    assert "RXL000" in codes and "RXL101" in codes
    crash = next(f for f in findings if f.rule == "RXL000")
    assert "RXL405" in crash.message and "ZeroDivisionError" in crash.message


def test_settings_switch_rules_off_change_severity_and_options(tmp_path):
    ini = tmp_path / "renja-xl.ini"
    ini.write_text("[renja_xl:rules:RXL101]\nseverity = info\n[renja_xl:rules:RXL405]\nenabled = false\n", encoding="utf-8")
    config = find_config(tmp_path / "buku.xlsx")
    assert config.settings("RXL101").severity == Severity.INFO and not config.settings("RXL405").enabled
    grid = T22 + [["1.", "a", "Jumlah", "orang", 125, 92, "126%"]]
    snapshot = book(grid)
    findings = run_checks(snapshot, find_tables(snapshot), config, only={"RXL101"})
    assert [f.severity for f in findings] == [Severity.INFO]


@pytest.mark.parametrize("text, words", [
    ("[renja_xl:rules:RXL777]\nenabled=false\n", "RXL777"),
    ("[renja_xl:rules:RXL101]\nseverity=fatal\n", "fatal"),
    ("[renja_xl:rules:RXL101]\nwarna=merah\n", "warna"),
    ("[renja_xl\nx", "tidak dapat dibaca"),
])
def test_bad_settings_are_unusable_input(tmp_path, text, words):
    ini = tmp_path / "renja-xl.ini"
    ini.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        read_config(ini)


def test_the_grids_helper_runs_one_rule():
    assert check(T22 + [["1.", "a", "Jumlah", "orang", 125, 92, "73.6%"]], code="RXL101") == []


@pytest.mark.parametrize("example", ["renja", "lkjip"] + sorted(VARIANTS))
def test_a_checked_workbook_is_freed_without_the_garbage_collector(example, tmp_path):
    """After a check nothing of the workbook sits in a reference cycle (the rules' shared facts are let go, a
    tree's nodes refer to their parent weakly): the copy starts with the snapshot and the tables already freed,
    and no collection has to walk a 10,000-row table's million objects to free them."""
    import gc

    from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE

    from renja_xl.batch import summary
    from renja_xl.io.files import read_and_check

    if example in VARIANTS:
        path = tmp_path / f"{example}.xlsx"
        VARIANTS[example](path)
    else:
        path = RENJA_EXAMPLE if example == "renja" else LKJIP_EXAMPLE
    gc.collect()
    gc.disable()
    try:
        snapshot, tables, findings = read_and_check(path)
        summary.describe(path, snapshot, tables), summary.figures(tables), summary.programs(tables)
        summary.kodes(tables)
        del snapshot, tables
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_findings_are_ordered_by_their_first_cell_as_the_cell_pattern_reads_it():
    """sort_key reads plain A1 cells without the pattern (speed); any other cell text falls back to it."""
    from renja_xl.rules.base import Finding, Location, Severity
    from renja_xl.snapshot import CELL_REF

    def by_pattern(f):
        first = f.locations[0] if f.locations else Location("", "")
        m = CELL_REF.fullmatch(first.cell or "")
        row, width, letters = (int(m.group(2)), len(m.group(1)), m.group(1)) if m else (0, 0, "")
        return (first.sheet, row, width, letters, f.rule)

    cells = ["A1", "AB12", "XFD1048576", "a1", "A", "1", "", "A1B2", "Ä1", "A\u0661\u0662", "A12 ", "$A$1", "AA0", "ZZZ99"]
    findings = [Finding("RXL101", "x", Severity.ERROR, "m", (Location("S", cell),)) for cell in cells]
    findings.append(Finding("RXL101", "x", Severity.ERROR, "m", ()))
    assert [f.sort_key for f in findings] == [by_pattern(f) for f in findings]


def test_the_report_order_as_numbers_is_the_order_of_the_sort_key():
    """run_checks sorts by one number per finding (a fifth of the key tuples' memory): the same order, odd cells,
    several sheets and rules, findings without a cell and wide columns included."""
    import random

    from renja_xl.rules.base import Finding, Location, Severity, report_order

    rng = random.Random(7)
    cells = ["A1", "AB12", "XFD1048576", "a1", "A", "1", "", "A1B2", "Ä1", "A12 ", "$A$1", "AA0", "ZZZ99", "Z9", "AA9",
             "B10", "B9", "AAAA5", None]
    findings = []
    for i in range(3000):
        rule = rng.choice(["RXL101", "RXL603", "RXL000", "RXL211"])
        where = () if rng.random() < 0.05 else (Location(rng.choice(["T3.4", "T2.1", "", "Ä lembar"]),
                                                         rng.choice(cells) if rng.random() < 0.3 else
                                                         f"{rng.choice(['A', 'Z', 'AA', 'AZ', 'BA'])}{rng.randint(0, 40)}"),)
        findings.append(Finding(rule, "x", Severity.ERROR, f"m{i}", where))
    key = report_order(findings)
    assert sorted(findings, key=key) == sorted(findings, key=lambda f: f.sort_key)


def test_the_cross_table_matches_are_let_go_after_the_last_rule_that_asks_for_them(monkeypatch):
    """The cross-table rules' matched rows (an entity per row of every compared table) are held while those rules
    run, not beside what the rules after them make; the findings are the same as when they are held to the end."""
    from conftest import RENJA_EXAMPLE
    from renja_xl.io.files import load_snapshot
    from renja_xl.rules.families.crosstable import MATCHES, _CrossTableRule

    snapshot = load_snapshot(RENJA_EXAMPLE)
    tables = find_tables(snapshot)
    asking = [cls for cls in all_rules() if MATCHES in cls.shares]
    assert asking and all(issubclass(cls, _CrossTableRule) for cls in asking)
    held_when: dict = {}
    for cls in all_rules():
        def spy(self, ctx, _check=cls.check, _code=cls.code):
            held_when[_code] = MATCHES in ctx._shared
            return _check(self, ctx)
        monkeypatch.setattr(cls, "check", spy)
    findings = run_checks(snapshot, tables)
    last = max(cls.code for cls in asking)
    assert held_when[last] and not any(held for code, held in held_when.items() if code > last)
    for cls in asking:
        monkeypatch.setattr(cls, "shares", ())
    assert run_checks(snapshot, tables) == findings
