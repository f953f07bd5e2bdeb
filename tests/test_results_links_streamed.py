"""A new sheet's links are written after its rows without being held as texts.

The schema puts ``<hyperlinks>`` after ``<sheetData>``, so the links of a sheet written row by
row wait until its last row. The results sheet of a 10,005-row table links 17,000 findings
to their cells: held as texts (reference, place, shown value), they raised the copy's peak
by 4 MB. They wait compressed now, and come out the same, in order.
"""

from __future__ import annotations

import re
import tracemalloc

from renja_xl.edits import NewSheet, SheetRow
from renja_xl.io.sheetstream import write_new_sheet

ROWS = 20_000


def _sheet() -> NewSheet:
    def rows():
        for n in range(1, ROWS + 1):
            yield SheetRow(n, (f"RXL{n % 700:03d}", f"'T3.4 Rencana Program'!F{n + 7}", f"temuan {n}"),
                           link=(2, f"'T3.4 Rencana Program'!F{n + 7}"))
    return NewSheet("Hasil Validasi", rows=rows, widths={1: 10, 2: 30, 3: 40})


def _write(tmp_path) -> tuple[bytes, int]:
    write_new_sheet(NewSheet("x", rows=lambda: iter([SheetRow(1, ("a",), link=(1, "'S'!A1"))])), lambda s: 0,
                    lambda b: None)   # what the first write imports is not the links'
    path = tmp_path / "sheet.xml"
    with open(path, "wb") as out:
        tracemalloc.start()
        try:
            write_new_sheet(_sheet(), lambda style: 0, out.write)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return path.read_bytes(), peak


def test_twenty_thousand_links_come_after_the_rows_in_order_without_being_held(tmp_path):
    xml, peak = _write(tmp_path)
    links = re.findall(rb'<hyperlink ref="B(\d+)" location="([^"]*)" display="([^"]*)"/>', xml)
    assert [int(r) for r, _, _ in links] == list(range(1, ROWS + 1))
    assert links[-1][1] == f"'T3.4 Rencana Program'!F{ROWS + 7}".encode()
    assert xml.index(b"</sheetData>") < xml.index(b"<hyperlinks>") < xml.index(b"</hyperlinks>")
    assert xml.rstrip().endswith(b"</worksheet>")
    # the rows' chunk and the compressor's own state: 1.3 MB; 6.3 MB when the links waited as texts
    assert peak < 2_500_000, f"{peak // 1024} KB held to write {len(xml) // 1024} KB"
