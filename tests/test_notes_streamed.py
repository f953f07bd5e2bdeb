"""Notes go into a copy streamed: their comments part and their drawing are written a batch at a time.

A checked copy of a 10,000-row table carries thousands of notes; their comments part and
VML drawing were each built whole as a text, then as bytes, before being compressed (at
10,000 notes, 8 MB more at the copy's peak than the check's). Here 4,000 notes of 200
characters (3.5 MB of comments and drawing) are added and written holding at most a third
of that at once (0.8 MB, most of it the compressor's own; 8.6 MB before).
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

from openpyxl import Workbook, load_workbook

from renja_xl.io.notes import write_notes
from renja_xl.io.package import Package

NOTES = 4000


def _workbook_bytes(with_note: bool = False) -> bytes:
    from openpyxl.comments import Comment

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in range(1, NOTES + 1):
        sheet.cell(row, 1, f"baris {row}")
    if with_note:
        sheet["A1"].comment = Comment("catatan pengguna", "Pengguna")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _notes() -> dict:
    return {f"A{row}": f"RXL{row % 900:03d} baris {row}: " + "nilai tidak sesuai dengan jumlah rinciannya " * 4
            for row in range(1, NOTES + 1)}


def _written(data: bytes, notes: dict) -> tuple[bytes, int]:
    """The package with ``notes`` on its sheet, and the most memory held at once to add and write them."""
    Package(data).save_to(io.BytesIO())   # what the writer imports on first use is not what it holds
    write_notes(Package(data), "xl/worksheets/sheet1.xml", {"A1": "x"}, "renja-xl", set(), None)
    package = Package(data, "uji.xlsx")
    out = io.BytesIO()
    tracemalloc.start()
    try:
        assert write_notes(package, "xl/worksheets/sheet1.xml", notes, "renja-xl", set(), None) is not None
        package.save_to(out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return out.getvalue(), peak


def test_thousands_of_notes_are_written_without_holding_their_parts():
    notes = _notes()
    data, peak = _written(_workbook_bytes(), notes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.getinfo(n).file_size for n in z.namelist() if "comments" in n or n.endswith(".vml")}
        comments = z.read(next(n for n in parts if "comments" in n))
    size = sum(parts.values())
    assert size > 2_000_000 and comments.count(b"<comment ") == NOTES
    assert peak < size / 3, f"{peak // 1024} KB held to write {size // 1024} KB of notes"


def test_streamed_notes_read_back_with_their_cells_and_texts():
    notes = _notes()
    data, _ = _written(_workbook_bytes(), notes)
    # the sheet itself is not rewritten here (the streamer names the drawing in the copy): check the parts
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        comments = z.read("xl/comments1.xml").decode()
        vml = z.read(next(n for n in z.namelist() if n.endswith(".vml"))).decode()
    assert comments.count('<comment ref="A') == NOTES and notes["A4000"] in comments
    assert vml.count("<v:shape ") == NOTES and vml.count("_x0000_t202") == NOTES + 1
    assert vml.rstrip().endswith("</xml>")


def test_a_checked_copy_keeps_the_users_note_and_adds_ours(tmp_path):
    """Through the whole copy writer: the user's own note stays, ours follow it on other cells."""
    from renja_xl.io.checked import write_checked
    from renja_xl.rules.base import Finding, Location, Severity

    source = tmp_path / "uji.xlsx"
    source.write_bytes(_workbook_bytes(with_note=True))
    findings = [Finding("RXL201", "uji", Severity.ERROR, f"Temuan baris {row}.", (Location("Data", f"A{row}"),),
                        "", "", "") for row in range(1, 301)]
    target = tmp_path / "hasil.xlsx"
    write_checked(source, target, findings, "Hasil", ["Data"])
    sheet = load_workbook(target)["Data"]
    assert sheet["A1"].comment.text.startswith("catatan pengguna")
    assert "Temuan baris 1." in sheet["A1"].comment.text
    assert all(sheet[f"A{row}"].comment is not None and f"Temuan baris {row}." in sheet[f"A{row}"].comment.text
               for row in range(2, 301))
