"""Errors injected at random (seeded) into copies of the examples are reported at their cells.

The kinds are the ones a document has a second statement of: a number another cell
sums or divides, a computed percentage, a kode, a target's unit against its
indicator, a target under Sumber Dana, an empty required cell, a copied kode, a
percentage typed as a fraction. A value nothing else in the document restates (last
year's target in Tabel 3.1.1) cannot be checked by any rule and is not injected.
"""

import random
import re

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from openpyxl import load_workbook

from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables
from renja_xl.rules import run_checks
from renja_xl.specs.base import Role, Rollup

CHECKABLE_NUMBERS = {"lkjip.t3_2", "lkjip.t2_2", "lkjip.t3_1_3", "renja.t3_4"}


def _findings(path):
    snapshot = load_snapshot(path)
    return {(f.rule, f.message, loc.sheet, loc.cell) for f in run_checks(snapshot, find_tables(snapshot))
            for loc in f.locations}


def _inject(src, kind, rng, out):
    snapshot = load_snapshot(src)
    candidates = [(t, r, k, c) for t in find_tables(snapshot) for r in t.data_rows for k, c in r.cells.items()]
    rng.shuffle(candidates)
    book = load_workbook(src)
    for table, row, key, cell in candidates:
        ws, col = book[table.sheet], table.spec.column(key)
        target = ws[cell.address]
        value = target.value
        well_formed = not row.overflow and (table.spec.key != "renja.t3_4" or (row.kode is not None and row.kode.valid
                                                                              and row.kode.level != "urusan"))
        if kind == "number" and table.spec.key in CHECKABLE_NUMBERS and well_formed \
                and col.role in (Role.PAGU, Role.PERCENT, Role.NUMBER) and (col.computed is None or isinstance(col.computed, Rollup)) \
                and isinstance(value, (int, float)) and value not in (0, 1):
            target.value = value * 1.37 + 1
        elif kind == "computed" and col.computed is not None and col.role == Role.PERCENT and isinstance(value, (int, float)) \
                and value:
            target.value = value * 1.5 + (0.01 if target.number_format.endswith("%") else 1)
        elif kind == "kode" and col.role == Role.KODE and isinstance(value, str) and re.search(r"\d\s*\.\s*\d", value):
            target.value = value.replace(".", ":", 1)
        elif kind == "wrong_column" and col.role == Role.CHOICE and value:
            target.value = "12 Dokumen"
        elif kind == "blank" and table.spec.key == "renja.t3_4" and key in ("lokasi", "target") and value and row.kode:
            target.value = None
        elif kind == "target_unit" and col.role == Role.TARGET and isinstance(value, str) \
                and re.match(r"^\d+\s+[A-Za-z]", value) and row.text("indikator").lower().startswith("jumlah"):
            target.value = re.sub(r"^(\d+).*$", r"\1%", value)
        else:
            continue
        book.save(out)
        return table.sheet, cell.address
    raise AssertionError(f"no cell of kind {kind} in {src.name}")


# the kinds each document has cells for (the LKjIP has no kode column, no Sumber Dana, no Tabel 3.4)
CASES = [(RENJA_EXAMPLE, kind) for kind in ("number", "computed", "kode", "wrong_column", "blank", "target_unit")] + \
        [(LKJIP_EXAMPLE, kind) for kind in ("number", "computed")]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("source, kind", CASES, ids=[f"{p.stem[:5]}-{k}" for p, k in CASES])
def test_an_injected_error_is_reported_at_its_cell(tmp_path, source, kind, seed):
    before = _findings(source)
    out = tmp_path / "disuntik.xlsx"
    where = _inject(source, kind, random.Random(seed * 101 + len(kind)), out)
    new = {(sheet, cell) for _, _, sheet, cell in _findings(out) - before}
    assert where in new
