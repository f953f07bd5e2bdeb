"""Calls into Excel that the Periksa button makes on a 10,000-row Tabel 3.4, per engine.

    python benchmarks/bench_excel_calls.py [--rows 10000] [--rows 1000 ...]

Each call into Excel is a round trip (COM on Windows, Apple events on macOS, an Office.js
request under xlwings Lite), so their number, not Python's own time, is what a user waits
for on a big sheet. The engines are the test stand-ins (tests/xlwings_desktop.py,
tests/xlwings_client.py), which answer as xlwings documents and count every call; real
xlwings runs on top of them.

Target (issue #11): a few dozen reads of the sheets' cells (values, number formats,
colours), and a number of calls independent of the number of rows. The table is built by
``bench_check.make_t34`` (every column keeps one number format) with one wrong kode
roll-up, so the calls that depend on the findings (per marked cell: its colour, the note
xlwings looks for before adding one, the note) are the same at every size. The rest of the
desktop's calls are per sheet (its name, its used range) and xlwings' own (a sheet's and a
book's name compared when a block is written). Printed: calls by kind, for each size; exit
code 1 when a count changes with the rows or the reads of cells pass 60.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from bench_check import make_t34  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

LIMIT = 60
# reads of the cells of the sheets: their values (with the used range), number formats, colours
CELL_READS = ("UsedRange", "Range.Row", "Range.Column", "Range.Value", "Range.NumberFormat", "Range.Interior.Color",
              "getRangeData", "getBookData")


def workbook(rows: int, folder: Path):
    path = folder / f"t34_{rows}.xlsx"
    make_t34(path, rows)
    book = load_workbook(path)
    ws = book["T3.4 Rencana Program"]
    cell = next(c for row in ws.iter_rows(min_row=rows // 2) for c in row if isinstance(c.value, int))
    cell.value += 7  # one wrong roll-up: the same findings at every size
    return book, path.name


def desktop_calls(book, name) -> dict:
    from xlwings_desktop import DesktopExcel

    from renja_xl.excel import buttons

    excel = DesktopExcel(book, name)
    result = buttons.periksa(excel.book)
    assert result.ok, result.message
    return dict(excel.calls)


def lite_calls(book, name) -> dict:
    from xlwings_client import LiteExcel

    from renja_xl.excel import buttons

    with LiteExcel(book, name) as excel:
        xl_book = excel.book()
        result = asyncio.run(buttons.periksa_async(xl_book))
        excel.finish(xl_book)
    assert result.ok, result.message
    return dict(excel.calls)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append")
    args = parser.parse_args(argv)
    sizes = args.rows or [1_000, 10_000]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        totals: dict = {}
        for rows in sizes:
            for engine, count in (("desktop (Windows)", desktop_calls), ("xlwings Lite", lite_calls)):
                book, name = workbook(rows, Path(tmp))
                calls = count(book, name)
                reads = sum(v for k, v in calls.items() if k in CELL_READS)
                total = sum(calls.values())
                totals.setdefault(engine, []).append((total, reads))
                print(f"{rows:>6} rows, {engine:<18} {total:>4} calls into Excel, {reads} of them reads of cells")
                print("        " + ", ".join(f"{k} {v}" for k, v in sorted(calls.items(), key=lambda kv: -kv[1])))
                failed |= reads > LIMIT
        for engine, counts in totals.items():
            if len(set(counts)) > 1:
                print(f"{engine}: the count changes with the rows ({counts})")
                failed = True
    print(f"target: at most {LIMIT} reads of cells, every count the same at every size:",
          "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
