"""The bundled examples: every seed table, from the verbatim seed text, reproducibly."""

import filecmp

import pytest
from build_examples import OUTPUTS, build
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE, ROOT, SHARED
from seed_tables import data_lines

from renja_xl.io.files import load_snapshot
from renja_xl.reader import find_tables
from renja_xl.specs import DOCUMENTS


def test_seed_tables_equal_a_fresh_extraction_from_the_seeds(tmp_path):
    import subprocess
    import sys

    seeds = SHARED / "seeds"
    assert seeds.is_dir(), f"../shared/seeds is missing ({seeds}); CI runs with shared/ beside the clone"
    subprocess.run([sys.executable, str(ROOT / "tools" / "extract_seed_tables.py"), "--seeds", str(seeds),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for fresh in sorted(tmp_path.glob("*.tsv")):
        assert fresh.read_text(encoding="utf-8") == (ROOT / "examples" / "source" / fresh.name).read_text(encoding="utf-8"), fresh.name


@pytest.mark.parametrize("document", ["renja", "lkjip"])
def test_committed_examples_equal_a_fresh_build(tmp_path, document):
    path = tmp_path / OUTPUTS[document].name
    build(document, path)
    assert filecmp.cmp(path, OUTPUTS[document], shallow=False), "run 'python examples/build_examples.py'"


@pytest.mark.parametrize("path, document", [(RENJA_EXAMPLE, "renja"), (LKJIP_EXAMPLE, "lkjip")])
def test_every_seed_row_is_in_the_example(path, document):
    tables = {t.spec.key: t for t in find_tables(load_snapshot(path))}
    assert list(tables) == [s.key for s in DOCUMENTS[document]]
    for key, table in tables.items():
        assert len(table.rows) == len(data_lines(key)), key
        assert table.skipped == [], key


def test_example_keeps_the_documents_errors():
    tables = {t.spec.key: t for t in find_tables(load_snapshot(RENJA_EXAMPLE))}
    t21 = tables["renja.t2_1"]
    row = next(r for r in t21.rows if r.kode and r.kode.canonical == "15.010")
    assert row.value("tingkat_realisasi") == pytest.approx(126)          # 92 / 125 is 73.6%
    t34 = tables["renja.t3_4"]
    assert any(r.kode and "urusan" in r.kode.anomalies for r in t34.rows)   # 3 .07 .04 …
    assert any(r.kode and "separator" in r.kode.anomalies for r in t34.rows)  # 2:03
    percent_with_lpk = next(r for r in t34.rows if r.kode and r.kode.canonical == "2.07.03.2.01")
    assert percent_with_lpk.value("target").unit == "lembaga"             # "Persentase …" with "30 LPK"
    misplaced = [r.overflow for r in t34.rows if r.overflow]
    # two rows whose kode was typed over five cells, and one row whose targets sit a column right
    assert [len(o) for o in misplaced] == [4, 4, 1] and misplaced[2][0][1] == "4 kali pertemuan"


def test_example_numbers_are_typed_as_excel_stores_them():
    from openpyxl import load_workbook

    ws = load_workbook(RENJA_EXAMPLE)["T3.4 Rencana Program"]
    assert ws["G7"].value == 6762282300 and ws["G7"].number_format == "#,##0"   # pagu as a number
    assert ws["F7"].value == pytest.approx(0.815) and ws["F7"].number_format == "0.0%"  # 81.5%, one decimal as written
    texts = [c.value for row in ws.iter_rows(min_row=7) for c in row if isinstance(c.value, str)]
    assert "23% 4.300 Pencaker" in texts and "m2" in texts                 # targets stay text
