"""The rekap's memory does not grow with the findings (issue 12): the sheet Temuan is streamed from the spool.

Each run is a fresh process that checks the Renja example once (its 238 real findings),
hands that result on as many files as asked — as ``check DIR --rekap`` hands on each
file's result — and writes the rekap, then reports its peak memory (VmHWM, read in the
process itself: ``ru_maxrss`` would carry the forking test process's size over exec).
Ten times the files (20 and 200 copies: 4,760 and 47,600 findings), so ten times the findings, must not cost more than a quarter more
memory; the rekap holds every finding, with its link, all the same.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RENJA_EXAMPLE

pytest.importorskip("pandas")

# A rekap of COPIES results of the example in a fresh process; its peak memory (kB) written to PEAK at exit.
_RUN = """
import atexit, sys
from pathlib import Path
peak_file, copies, target, fmt, example = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5]

def _peak():
    with open(peak_file, 'w') as f:
        f.write(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))

atexit.register(_peak)
from renja_xl.batch import rekap
from renja_xl.batch.crossfile import CrossFile
from renja_xl.batch.worker import Task, check_task

result = check_task(Task(path=example))
spool, cross = rekap.Spool(), CrossFile()
for i in range(copies):
    result.file = str(Path(example).parent / f'wilayah_{i % 11:02d}' / f'renja_2022_pd_{i:04d}.xlsx')
    result.meta['perangkat_daerah'] = f'Dinas {i % 40:02d}'
    spool.add(result)
    cross.add(result)
tables = rekap.build_tables(spool, cross, rekap.base_of(target, fmt))
rekap.write_rekap(tables, target, fmt, rekap.about([example], copies, 0, False, 1.0))
spool.close()
"""


def peak_of(copies: int, target: Path, fmt: str = "xlsx") -> int:
    """Peak resident kB of a fresh process writing the rekap of ``copies`` results of the example."""
    peak = target.parent / f"puncak_{copies}_{fmt}.txt"
    subprocess.run([sys.executable, "-c", _RUN, str(peak), str(copies), str(target), fmt, str(RENJA_EXAMPLE)],
                   check=True, timeout=600, cwd=Path(__file__).parent.parent)
    return int(peak.read_text())


def test_ten_times_the_findings_cost_the_xlsx_rekap_no_more_than_a_quarter_more_memory(tmp_path):
    from openpyxl import load_workbook

    small = peak_of(20, tmp_path / "kecil.xlsx")
    large = peak_of(200, tmp_path / "besar.xlsx")
    print(f"puncak memori rekap xlsx: 20 berkas {small // 1024} MB, 200 berkas {large // 1024} MB")
    assert large <= 1.25 * small, (small, large)
    book = load_workbook(tmp_path / "besar.xlsx", read_only=True)
    rows = list(book["Temuan"].iter_rows(min_row=2, values_only=True))
    book.close()
    assert len(rows) == 200 * 238   # every finding is there
    assert rows[-1][0].endswith("renja_2022_pd_0199.xlsx") and rows[-1][5].startswith("RXL")
    links = load_workbook(tmp_path / "kecil.xlsx")["Temuan"]   # the last row links to its cell as the first does
    for row in (2, 1 + 20 * 238):
        cell = links.cell(row, 13)
        assert cell.hyperlink.location == cell.value and "!" in cell.value
        assert cell.hyperlink.target.endswith(".xlsx") and links.cell(row, 1).hyperlink.target.endswith(".xlsx")


def test_ten_times_the_findings_cost_the_csv_rekap_no_more_than_a_quarter_more_memory(tmp_path):
    import csv

    small = peak_of(20, tmp_path / "kecil", "csv")
    large = peak_of(200, tmp_path / "besar", "csv")
    print(f"puncak memori rekap csv: 20 berkas {small // 1024} MB, 200 berkas {large // 1024} MB")
    assert large <= 1.25 * small, (small, large)
    with open(tmp_path / "besar" / "temuan.csv", encoding="utf-8-sig", newline="") as handle:
        assert sum(1 for _ in csv.reader(handle)) == 1 + 200 * 238
