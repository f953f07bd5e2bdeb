"""``fill`` proven in LibreOffice: every formula recalculated equals the Python value.

Workbooks: both examples (with and without --rollup), the seed tables laid out by
someone else (numbers typed), and a copy with a negative-polarity indicator. One
LibreOffice start recalculates them all; soffice missing is a failure, not a skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from openpyxl import load_workbook
from recalc import recalculate

from renja_xl.cli import main
from renja_xl.compute import FillOptions, compute_workbook
from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables

pytestmark = pytest.mark.libreoffice


def _negative_polarity_copy(path: Path) -> Path:
    wb = load_workbook(LKJIP_EXAMPLE)
    ws = wb["T3.1.1 Capaian Kinerja"]
    ws["J8"] = "Negatif"   # Persentase pencari kerja yang ditempatkan: as if lower were better
    ws["J9"] = "Positif"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    from seed_tables import build_seed_layout

    work = tmp_path_factory.mktemp("fill")
    sources = {
        "renja": (RENJA_EXAMPLE, False),
        "renja_rollup": (RENJA_EXAMPLE, True),
        "lkjip": (LKJIP_EXAMPLE, False),
        "lkjip_rollup": (LKJIP_EXAMPLE, True),
        "seed_layout": (work / "seed_layout.xlsx", True),
        "negative": (work / "negatif.xlsx", False),
    }
    build_seed_layout(sources["seed_layout"][0], typed=True)
    _negative_polarity_copy(sources["negative"][0])
    filled, expected = [], {}
    for name, (source, rollup) in sources.items():
        out = work / f"{name}_terisi.xlsx"
        assert main(["fill", str(source), "-o", str(out)] + (["--rollup"] if rollup else [])) == 0
        snapshot = load_snapshot(source)
        fills = compute_workbook(snapshot, find_tables(snapshot), FillOptions(rollup=rollup))
        expected[name] = [c for f in fills for c in f.cells]
        filled.append(out)
    results = recalculate(filled, work / "recalculated")
    return {name: (load_workbook(path, data_only=True), expected[name]) for name, path in zip(sources, results)}


def _same(got, want) -> bool:
    if want is None:
        return got in (None, "")
    if isinstance(want, str):
        return got == want
    return isinstance(got, (int, float)) and abs(got - want) <= 1e-9 * max(1.0, abs(want))


@pytest.mark.parametrize("name", ["renja", "renja_rollup", "lkjip", "lkjip_rollup", "seed_layout", "negative"])
def test_libreoffice_recalculates_exactly_the_python_values(recalculated, name):
    book, cells = recalculated[name]
    assert len(cells) > 20
    wrong = [(c.sheet, c.address, c.value, book[c.sheet].cell(c.row, c.col).value)
             for c in cells if not _same(book[c.sheet].cell(c.row, c.col).value, c.value)]
    assert wrong == []


def _value(recalculated, name, sheet, address):
    return recalculated[name][0][sheet][address].value


def test_seed_values_renja(recalculated):
    # Tabel 2.1: 15.010 realised 92 of 125 (the document says 126%), 18.001 48 of 38
    assert _value(recalculated, "renja", "T2.1 Evaluasi Renja", "H32") == pytest.approx(73.6)
    assert round(_value(recalculated, "renja", "T2.1 Evaluasi Renja", "H45"), 1) == 126.3


def test_seed_values_lkjip(recalculated):
    book = recalculated["lkjip"][0]
    assert book["T3.1.3 SPM Sosial"]["D8"].value == pytest.approx(6.78, abs=0.005)  # 2014: 825 of 12,165
    total = book["T3.2 Realisasi Anggaran"]
    assert round(total["E92"].value, 2) == 100.00                                # bobot
    assert round(total["I92"].value, 2) == 92.59                                 # % keuangan
    assert total["D92"].value == 7577432700 and total["J92"].value == 561137586


def test_negative_polarity_in_libreoffice(recalculated):
    ws = recalculated["negative"][0]["T3.1.1 Capaian Kinerja"]
    assert ws["K8"].value == pytest.approx((2 - 30.75 / 25) * 100)   # lower is better: 77
    assert ws["K9"].value == pytest.approx(100)


def test_rollup_in_libreoffice(recalculated):
    ws = recalculated["renja_rollup"][0]["T3.4 Rencana Program"]
    # program penunjang 2.07.01 summed from its kegiatan: the document's 6,762,282,300
    assert ws["G7"].value == 6762282300
