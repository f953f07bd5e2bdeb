"""The streaming sheet patcher (renja_xl/io/sheetstream.py): what it keeps, what it changes, where it steps aside.

A changed sheet is copied through as text: rows without a change byte for byte, changed
cells rewritten with every other attribute kept, new rows and cells in order, the tail
patched in the schema's order. Sheets it does not follow (an XML comment among the cells,
rows out of order) are patched as trees, with the same result.
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook

from conftest import RENJA_EXAMPLE
from renja_xl.edits import CellEdit, ConditionalColour, Style, WorkbookEdits
from renja_xl.io.patch import apply_edits
from renja_xl.io.sheetstream import NotStreamable, SheetPlan, SheetStreamer

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
T21 = "xl/worksheets/sheet2.xml"
SHEET = "T2.1 Evaluasi Renja"


def parts(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def with_sheet(xml: bytes) -> bytes:
    """The Renja example with T2.1's part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(RENJA_EXAMPLE.read_bytes())) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, xml if info.filename == T21 else src.read(info))
    return out.getvalue()


def stream(xml: bytes, edits: list, **plan) -> bytes:
    out = []
    SheetStreamer("s.xml", SheetPlan.of(edits, **plan), lambda base, style: 99).run(io.BytesIO(xml), out.append)
    return b"".join(out)


def test_rows_without_a_change_are_copied_as_they_came():
    source = parts(RENJA_EXAMPLE.read_bytes())[T21]
    out = parts(apply_edits(RENJA_EXAMPLE.read_bytes(), WorkbookEdits(cells=[
        CellEdit(SHEET, 20, 8, style=Style(fill="FFC7CE"), note="catatan", keep_value=True)]), "r.xlsx"))[T21]
    def rows(xml: bytes) -> dict:
        return {m.group(2): m.group(1) for m in re.finditer(rb'(<row r="(\d+)".*?</row>)', xml, re.S)}

    before, after = rows(source), rows(out)
    assert set(before) == set(after)
    assert [r for r in before if before[r] != after[r]] == [b"20"]
    changed = re.search(rb'<c r="H20"[^>]*>', after[b"20"]).group(0)
    assert b's="' in changed and changed != re.search(rb'<c r="H20"[^>]*>', before[b"20"]).group(0)
    assert b"<legacyDrawing" in out and out.index(b"<legacyDrawing") > out.index(b"</sheetData>")


def test_notes_alone_declare_their_parts():
    """A plan with notes and no new sheet still declares the comments part (content types written after the streams)."""
    out = apply_edits(RENJA_EXAMPLE.read_bytes(), WorkbookEdits(cells=[
        CellEdit(SHEET, 8, 2, note="pertama", keep_value=True, style=Style(fill="FFEB9C"))]), "r.xlsx")
    types = parts(out)["[Content_Types].xml"]
    assert b"comments" in types and b'Extension="vml"' in types
    cell = load_workbook(io.BytesIO(out))[SHEET]["B8"]
    assert cell.comment.text == "pertama" and cell.fill.fgColor.rgb.endswith("FFEB9C")


def test_new_rows_and_cells_go_in_order_and_the_dimension_grows():
    xml = (f'<worksheet xmlns="{NS}"><dimension ref="A1:B2"/><sheetData>'
           '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>'
           '<row r="5" spans="1:2"><c r="B5"><v>5</v></c></row></sheetData></worksheet>').encode()
    out = stream(xml, [CellEdit("s", 1, 2, value="b"), CellEdit("s", 3, 1, value=7), CellEdit("s", 5, 4, value=9),
                       CellEdit("s", 9, 1, formula="=A1*2", value=2)])
    cells = re.findall(rb'<c r="([A-Z]+\d+)"', out)
    assert cells == [b"A1", b"B1", b"C1", b"A3", b"B5", b"D5", b"A9"]
    assert b'<dimension ref="A1:D9"/>' in out and b'spans="1:4"' in out
    assert b'<c r="B1" t="inlineStr"><is><t>b</t></is></c>' in out and b"<f>A1*2</f><v>2</v>" in out


def test_a_prefixed_sheet_and_single_quoted_attributes():
    xml = (f"<x:worksheet xmlns:x='{NS}'><x:sheetData><x:row r='2'><x:c r='A2' s='3'><x:v>1</x:v></x:c></x:row>"
           "</x:sheetData></x:worksheet>").encode()
    out = stream(xml, [CellEdit("s", 2, 1, style=Style(fill="FFC7CE"), keep_value=True),
                       CellEdit("s", 2, 2, value="baru")])
    assert b'<x:c r="A2" s="99"><x:v>1</x:v></x:c>' in out
    assert b'<x:c r="B2" t="inlineStr"><x:is><x:t>baru</x:t></x:is></x:c>' in out


def test_conditional_colours_and_a_drawing_land_in_schema_order():
    xml = (f'<worksheet xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/>'
           '</mergeCells><dataValidations count="0"/><pageMargins left="1" right="1" top="1" bottom="1" header="0" '
           'footer="0"/><tableParts count="0"/></worksheet>').encode()
    out = []
    plan = SheetPlan.of([CellEdit("s", 1, 1, note="n", keep_value=True)],
                        [ConditionalColour("s", "A1:A3", '$A1="x"', "FF0000")])
    streamer = SheetStreamer("s.xml", plan, lambda b, s: 0, tail_hook=lambda current: "rId9",
                             conditional_xml=lambda priority, existing, p: (b"<conditionalFormatting sqref=\"A1:A3\"/>",
                                                                            priority + 1))
    streamer.run(io.BytesIO(xml), out.append)
    tail = b"".join(out).split(b"</sheetData>")[1]
    order = re.findall(rb"<(\w+)", tail)
    assert order == [b"mergeCells", b"mergeCell", b"conditionalFormatting", b"dataValidations", b"pageMargins",
                     b"legacyDrawing", b"tableParts"]
    assert b'<legacyDrawing r:id="rId9"/>' in tail


def test_what_streaming_does_not_follow_is_patched_as_a_tree():
    source = parts(RENJA_EXAMPLE.read_bytes())[T21]
    commented = source.replace(b'<row r="10"', b'<!-- catatan --><row r="10"', 1)
    try:
        stream(commented, [CellEdit("s", 12, 1, value=1)])
        raise AssertionError("a comment among the cells was streamed")
    except NotStreamable:
        pass
    edit = CellEdit(SHEET, 12, 8, value=42, style=Style(fill="FFC7CE"), note="dicek")
    out = apply_edits(with_sheet(commented), WorkbookEdits(cells=[edit]), "r.xlsx")
    ws = load_workbook(io.BytesIO(out))[SHEET]
    assert ws["H12"].value == 42 and ws["H12"].comment.text == "dicek"
    unordered = re.sub(rb'(<row r="9".*?</row>)(<row r="10".*?</row>)', rb"\2\1", source, count=1, flags=re.S)
    out = apply_edits(with_sheet(unordered), WorkbookEdits(cells=[CellEdit(SHEET, 30, 8, value=7)]), "r.xlsx")
    assert load_workbook(io.BytesIO(out))[SHEET]["H30"].value == 7


def test_a_shared_formula_leaned_on_is_written_out_in_full():
    xml = (f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f>'
           '<v>2</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row>'
           '<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c></row></sheetData></worksheet>').encode()
    out = stream(xml, [CellEdit("s", 1, 1, value=5)])
    assert b'<c r="A1"><v>5</v></c>' in out
    assert b"<f>B2*2</f>" in out and b"<f>B3*2</f>" in out and b"shared" not in out


def test_a_changed_row_keeps_its_cells_after_the_change_as_they_came():
    tail = b"<c r='C1'  s=\"3\" t=\"s\"><v>0</v></c><c r=\"D1\"><v>1.50</v></c>"
    xml = (f'<worksheet xmlns="{NS}"><sheetData><row spans="1:4" r="1"><c r="A1"><v>1</v></c>'
           '<c r="B1"><v>2</v></c>').encode() + tail + b"</row><row r=\"2\"><c r=\"A2\"><v>3</v></c></row></sheetData></worksheet>"
    out = stream(xml, [CellEdit("s", 1, 2, value=9), CellEdit("s", 2, 1, style=Style(fill="FFC7CE"), keep_value=True)])
    assert b'<c r="B1"><v>9</v></c>' + tail + b"</row>" in out      # a row whose number is not its first attribute
    assert b'<c r="A2" s="99"><v>3</v></c>' in out


def test_a_shared_formula_released_in_a_row_is_written_out_in_the_rest_of_that_row():
    xml = (f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:B1" si="0">C1*2</f>'
           '<v>2</v></c><c r="B1"><f t="shared" si="0"/><v>4</v></c></row></sheetData></worksheet>').encode()
    out = stream(xml, [CellEdit("s", 1, 1, value=5)])
    assert b'<c r="A1"><v>5</v></c>' in out and b"<f>D1*2</f>" in out and b"shared" not in out
