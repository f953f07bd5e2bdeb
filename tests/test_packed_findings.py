"""Findings packed while the workbook is held (issue 14): the same findings, in a fraction of the memory.

A check holds the workbook's snapshot and tables while its rules run. The findings the rules
make meanwhile are packed a batch at a time; they are unpacked only once the workbook is let
go, so the check's peak holds the workbook or the findings, never both (the 10,005-row
benchmark table without the copy: 48 MB at the peak before, 40.5 MB now; openpyxl's
read-only load of it 42 MB).
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

from renja_xl.io.files import read_and_check
from renja_xl.rules.base import Finding, Location, Severity
from renja_xl.rules.engine import in_report_order
from renja_xl.rules.packed import PackedFindings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_packed_findings_come_back_equal_and_in_order():
    findings = [
        Finding("RXL101", "a.b", Severity.ERROR, "Pesan dengan ‘kutip’ dan … elipsis", (Location("T3.4", "F12"),),
                "renja.t3_4", "4.300 Pencaker", "4300"),
        Finding("RXL000", "crash", Severity.INFO, "tanpa sel", (), "", "", ""),
        Finding("RXL603", "c", Severity.WARNING, "dua sel\nbaris baru \udc80", (Location("Lembar 'x'", "AA1"),
                                                                             Location("Lain", "B2")), "t", "", "x"),
    ] * 1500
    store = PackedFindings()
    store.extend(iter(findings[:1000]))
    store.extend(findings[1000:])
    back = store.unpack()
    assert back == findings
    assert all(type(f) is Finding and all(type(loc) is Location for loc in f.locations) for f in back)
    assert all(f.severity is orig.severity for f, orig in zip(back, findings))
    assert store.unpack() == []


def test_a_finding_marshal_cannot_pack_comes_back_as_it_was():
    from decimal import Decimal

    odd = Finding("RXL101", "a", Severity.ERROR, "m", (Location("S", "A1"),), "t", Decimal("1.5"), "")
    plain = Finding("RXL102", "b", Severity.WARNING, "n", (), "", "", "")
    store = PackedFindings()
    store.extend([plain, odd, plain])
    store.extend([plain] * 3000)
    back = store.unpack()
    assert back == [plain, odd, plain] + [plain] * 3000 and back[1] is odd


def test_a_check_packed_gives_the_findings_of_a_check_unpacked():
    for path in sorted(EXAMPLES.glob("*.xlsx")):
        _, _, plain = read_and_check(path)
        _, _, packed = read_and_check(path, packed=True)
        assert isinstance(packed, PackedFindings)
        assert in_report_order(packed.unpack()) == plain, path.name


def _held(path: Path, packed: bool) -> int:
    """The memory the check's findings hold (what is freed when they go), packed or as objects."""
    import gc

    tracemalloc.start()
    try:
        snapshot, tables, findings = read_and_check(path, packed=packed)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        del findings
        gc.collect()
        return before - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def test_packed_findings_take_a_fraction_of_their_memory(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_check import make_t34_from_example

    path = tmp_path / "t34.xlsx"
    make_t34_from_example(path, 3000)
    read_and_check(path)   # what a first check imports and caches is not the findings'
    as_objects, packed = _held(path, False), _held(path, True)
    assert as_objects > 2_000_000
    assert packed < as_objects / 5, f"{packed // 1024} KB packed against {as_objects // 1024} KB as objects"


def test_a_rule_making_thousands_of_findings_holds_a_few_hundred_of_them_unpacked_at_a_time():
    """Findings are packed as they come, a batch of 512 at a time: a rule that yields 6,000 never holds more than a
    batch of them unpacked beside the workbook (0.8 MB at once with what is packed; with batches of 2,048, 2.3 MB)."""
    from renja_xl.rules.packed import PackedFindings

    def made():   # as a rule yields them: each made when asked for
        for n in range(6_000):
            yield Finding("RXL601", "column.wrong_value", Severity.ERROR,
                          f"Sumber Dana untuk 2.07.01.2.{n:05d} Penyediaan Komponen Instalasi Listrik/Penerangan "
                          f"Bangunan Kantor berisi '{n} jenis', tampaknya target atau angka yang salah kolom.",
                          (Location("T3.4 Rencana Program", f"H{n + 7}"),), "renja.t3_4", f"{n} jenis")

    packed = PackedFindings()
    tracemalloc.start()
    try:
        packed.extend(made())
        packed.finish()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_200_000, f"{peak // 1024} KB at once"
    assert [f.message for f in packed.unpack()] == [f.message for f in made()]
