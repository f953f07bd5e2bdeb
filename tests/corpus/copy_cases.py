"""Large workbooks whose checked copy used to cost many times the check (issue 15, item 2), generated from code.

    python tests/corpus/copy_cases.py OUT_FOLDER [--besar]

* ``sel_bergaya_1_juta.xlsx``: the Renja example with 1,000,000 rows of empty styled cells under
  Tabel 2.1 (a sheet the copy changes: its marked cells are at the top): 10 s and 27 MB without
  the copy, 53 s and 2.3 GB with it, when the changed sheet was loaded as a tree;
* ``temuan_60_ribu.xlsx``: the Renja example's Tabel 3.4 rows repeated to 35,000 rows, about
  60,000 findings: a copy of 213 MB (97 MB of note drawings) that LibreOffice could not open in
  400 s, when every finding got a note;
* ``sel_4_9_juta.xlsx`` (``--besar`` only, minutes to check): 4.9 million filled cells, just under
  the 5,000,000 limit, in a sheet of other data beside the example's tables: 103 s and 4.4 GB with
  the copy.

They are not in ``build_corpus.CASES``: every command on every case there stays quick, and
these take seconds each. ``tests/test_copy_memory.py`` runs them.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "benchmarks"))

from build_corpus import RENJA, T21, members  # noqa: E402


def styled_rows(path: Path, rows: int = 1_000_000, first: int = 100, cells: int = 2) -> None:
    """The Renja example with ``rows`` rows of empty styled cells (``cells`` each) under Tabel 2.1."""
    parts = members(RENJA)
    xml = parts[T21]
    end = xml.index(b"</sheetData>")
    letters = "ABCDEFGHIJKLM"[:cells]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != T21:
                z.writestr(name, data)
        info = zipfile.ZipInfo(T21, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as sink:
            sink.write(xml[:end])
            block = []
            for r in range(first, first + rows):
                block.append(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="8"/>' for c in letters) + "</row>")
                if len(block) == 20_000:
                    sink.write("".join(block).encode())
                    block = []
            sink.write("".join(block).encode())
            sink.write(xml[end:])


def many_findings(path: Path, rows: int = 35_000) -> None:
    """The Renja example with its Tabel 3.4 rows repeated to ``rows`` rows: about 1.7 findings a row."""
    from bench_check import make_t34_from_example

    make_t34_from_example(path, rows)


def filled_cells(path: Path, cells: int = 4_900_000, width: int = 10) -> None:
    """The Renja example with a sheet of ``cells`` filled cells (numbers and short texts) replacing 'Petunjuk'."""
    parts = members(RENJA)
    rows = cells // width
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as sink:
            sink.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main"><sheetData>')
            block = []
            for r in range(1, rows + 1):
                cells_xml = "".join(f'<c r="{chr(65 + c)}{r}"><v>{r * (c + 1)}</v></c>' if c % 2 == 0 else
                                    f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>data {r % 89}</t></is></c>'
                                    for c in range(width))
                block.append(f'<row r="{r}">{cells_xml}</row>')
                if len(block) == 10_000:
                    sink.write("".join(block).encode())
                    block = []
            sink.write("".join(block).encode())
            sink.write(b"</sheetData></worksheet>")


CASES = {
    "sel_bergaya_1_juta.xlsx": styled_rows,
    "temuan_60_ribu.xlsx": many_findings,
}
LARGE = {"sel_4_9_juta.xlsx": filled_cells}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "salinan_besar")
    target.mkdir(parents=True, exist_ok=True)
    for name, make in {**CASES, **(LARGE if "--besar" in sys.argv else {})}.items():
        make(target / name)
        print(f"ditulis: {target / name}")
