"""Which cells a checked copy marks when a sheet has more cells with findings than it may mark.

Past the limit per sheet, the cells whose worst finding is worst are marked first, each
severity in the order its cells were first met; every finding about a marked cell goes into
its note, in the findings' order. Checked against the rule written out plainly (sort every
cell by its worst severity, then by where it was first met) on random findings.
"""

from __future__ import annotations

import random
import tracemalloc

from renja_xl.edits import choose_marks
from renja_xl.rules.base import Finding, Location, Severity

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _random_findings(seed: int, count: int) -> list:
    rng = random.Random(seed)
    sheets = ["T3.4", "T2.1", "Hasil Validasi", "Lain"]
    out = []
    for i in range(count):
        cells = [Location(rng.choice(sheets), f"{rng.choice('ABCDE')}{rng.randint(1, 60)}")
                 for _ in range(rng.choice((0, 1, 1, 1, 2, 3)))]
        out.append(Finding(f"RXL{i % 7}", "uji", rng.choice(list(Severity)), f"temuan {i}", tuple(cells)))
    return out


def _plain(findings: list, names: list, limit: int) -> tuple[dict, dict, dict]:
    """The choice spelled out: every cell with its findings, sorted per sheet by (worst rank, first seen)."""
    allowed = set(names) - {"Hasil Validasi"}
    cells: dict = {}
    for f in findings:
        for loc in f.locations:
            if loc.sheet in allowed:
                cells.setdefault((loc.sheet, loc.cell), []).append(f)
    total: dict = {}
    for sheet, _ in cells:
        total[sheet] = total.get(sheet, 0) + 1
    keep = set()
    for sheet in total:
        ranked = sorted((min(RANK[f.severity] for f in items), position, key)
                        for position, (key, items) in enumerate(cells.items()) if key[0] == sheet)
        keep.update(key for _, _, key in ranked[:limit])
    unmarked = {sheet: n - limit for sheet, n in total.items() if n > limit}
    return {k: v for k, v in cells.items() if k in keep}, unmarked, total


def test_the_worst_cells_are_marked_first_in_the_order_they_were_met():
    names = ["T3.4", "T2.1", "Hasil Validasi"]
    for seed in range(40):
        findings = _random_findings(seed, 300)
        for limit in (0, 1, 7, 40, 120, 10_000):
            marks = choose_marks(findings, names, limit)
            cells, unmarked, total = _plain(findings, names, limit or 10 ** 9)
            assert list(marks.cells.items()) == list(cells.items()), (seed, limit)
            assert marks.unmarked == unmarked and marks.total == total, (seed, limit)


def test_choosing_among_many_cells_holds_lists_only_for_the_cells_marked():
    """40,000 findings on 20,000 cells of one sheet, 2,000 marked: lists for the 2,000, not for every cell
    (0.9 MB held at most; 6.7 MB when every cell got its list and a sort entry)."""
    findings = [Finding("RXL601", "uji", Severity.WARNING if i % 3 else Severity.ERROR, f"temuan {i}",
                        (Location("T3.4", f"{'CD'[i % 2]}{i // 2 + 8}"),)) for i in range(20_000)]
    findings += [Finding("RXL602", "uji", Severity.INFO, f"lagi {i}", (f.locations[0],)) for i, f in enumerate(findings)]
    choose_marks(findings, ["T3.4"], 2000)   # the first call imports and warms what it uses
    tracemalloc.start()
    try:
        marks = choose_marks(findings, ["T3.4"], 2000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(marks.cells) == 2000 and marks.unmarked == {"T3.4": 18_000}
    assert all(len(items) == 2 and items[0].severity is Severity.ERROR for items in marks.cells.values())
    assert peak < 2_500_000, f"{peak // 1024} KB"


def test_cells_saying_the_same_share_one_note_text():
    """A kode used on several rows marks each of them with the same note: one text, not one per cell."""
    from renja_xl.edits import mark_edits

    shared = Finding("RXL504", "kode.duplicate", Severity.ERROR, "Kode 2.07.01 dipakai 3 kali di tabel ini.",
                     tuple(Location("T3.4", f"A{row}") for row in (8, 9, 10)))
    own = Finding("RXL101", "x", Severity.WARNING, "Pagu baris 11 kosong.", (Location("T3.4", "A11"),))
    edits = mark_edits([shared, own], ["T3.4"])
    notes = {edit.row: edit.note for edit in edits}
    assert notes[8] == notes[9] == notes[10] != notes[11]
    assert notes[8] is notes[9] is notes[10]
