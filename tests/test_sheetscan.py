"""Rows read by pattern read exactly as the XML parser reads them, and anything unusual still goes to the parser.

``renja_xl.io.sheetscan`` takes the rows of a worksheet whose cells are in the common
forms by regular expression, and hands every other byte to the defused expat parser. A
user must never see a difference: every workbook we have (the examples, the templates,
the sixteen other agencies' layouts, the hostile corpus) reads to the same snapshot, or
is refused with the same sentence, whether its rows were taken by pattern or parsed.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from defusedxml import DefusedXmlException

from renja_xl.errors import InputError
from renja_xl.io import sheetscan, xlsx_reader
from renja_xl.io.files import load_snapshot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from build_corpus import build  # noqa: E402
from layouts import VARIANTS  # noqa: E402

HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>')
TAIL = "</sheetData></worksheet>"
STRINGS = ["Program", "Kegiatan", "Sub & kegiatan"]
STYLES = [(False, None, None), (True, 2, None), (False, 2, ("", " jenis"))]   # a percentage; 2 decimals with words


def parsed_only(handle, strings, styles, budget):
    """The reader as it was: every element through the expat callbacks."""
    target = xlsx_reader._SheetTarget(strings, styles, budget)
    xlsx_reader._stream(handle, target)
    return target


def read_both(xml: str | bytes, chunk: int | None = None, monkeypatch=None):
    """(pattern-and-parser reading, parser-only reading, rows taken by pattern) of one worksheet part."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    taken = []
    original = xlsx_reader._SheetTarget.take_row

    def counting(self, row, cells):
        kept = original(self, row, cells)
        if kept:
            taken.append(row)
        return kept

    if monkeypatch is not None:
        monkeypatch.setattr(xlsx_reader._SheetTarget, "take_row", counting)
        if chunk:
            monkeypatch.setattr(sheetscan, "_CHUNK", chunk)
    results = []
    for reader in (xlsx_reader._read_sheet, parsed_only):
        try:
            target = reader(io.BytesIO(data), STRINGS, STYLES, [10_000, 20_000])
            results.append((target.grid, target.percent, target.decimals, target.words))
        except (xlsx_reader.OutOfGrid, DefusedXmlException, Exception) as exc:  # noqa: BLE001 - compared below
            results.append((type(exc).__name__, getattr(exc, "text", "")))
    return results[0], results[1], taken


ROWS_TAKEN = {
    "shared string, number, percentage": '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" s="2"><v>12.5</v></c>'
                                         '<c r="C3" s="1"><v>0.8459</v></c></row>',
    "type before style": '<row r="4" spans="1:3"><c r="A4" t="s" s="2"><v>1</v></c><c r="B4" t="n" s="1"><v>1</v></c></row>',
    "inline strings, preserved space, entities": '<row r="5"><c r="A5" t="inlineStr"><is><t xml:space="preserve"> 15 jenis </t>'
                                                 '</is></c><c r="B5" t="inlineStr"><is><t>A &amp; B &lt;5&gt; &quot;x&quot;'
                                                 '</t></is></c></row>',
    "formulas, shared formulas, no cached value": '<row r="6"><c r="A6"><f>B6/C6</f><v>0.5</v></c><c r="B6">'
                                                  '<f t="shared" ref="B6:B9" si="0"/><v>2</v></c><c r="C6"><f>1+1</f></c>'
                                                  '<c r="D6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>',
    "empty cells and values": '<row r="7"><c r="A7" s="1"/><c r="B7"><v></v></c><c r="C7"><v/></c><c r="D7" t="b"><v>1</v>'
                              '</c><c r="E7" t="e"><v>#DIV/0!</v></c></row>',
    "an empty row": '<row r="8"/>',
    "pretty printed": '\n  <row r="9">\n    <c r="A9"><v>9</v></c>\n    <c r="B9" cm="1"><v>1E3</v></c>\n  </row>',
    "other attributes, one and several": '<row r="13"><c r="A13" s="1" cm="1" vm="2"><v>0.25</v></c>'
                                         '<c r="B13" t="s" ph="1"><v>0</v></c><c r="C13" vm="3"/></row>',
    "a text of 1e999": '<row r="10"><c r="A10"><v>1e999</v></c><c r="XFD10"><v>3</v></c></row>',
    "a cell whose reference names another row": '<row r="12"><c r="A12" s="1"><v>0.5</v></c><c r="B14" t="s" s="2">'
                                                '<v>2</v></c><c r="C12"><v>3</v></c></row>',
    "wide characters": '<row r="11"><c r="A11" t="inlineStr"><is><t>Rp 1.000,- \u00b1 \u2264 \u6f22\u5b57 \U0001F600</t>'
                       '</is></c></row>',
}

ROWS_PARSED = {
    "a character reference": '<row r="20"><c r="A20" t="inlineStr"><is><t>line&#10;two</t></is></c></row>',
    "a carriage return": '<row r="21"><c r="A21" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
    "rich text runs": '<row r="22"><c r="A22" t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t> plain</t></r>'
                      '</is></c></row>',
    "CDATA": '<row r="23"><c r="A23" t="inlineStr"><is><t><![CDATA[x < y]]></t></is></c></row>',
    "a comment among cells": '<row r="24"><c r="A24"><v>1</v></c><!-- note --><c r="B24"><v>2</v></c></row>',
    "cells without a reference": '<row r="25"><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c></row>',
    "a row without a number": '<row><c r="A26"><v>1</v></c></row>',
    "single quotes": "<row r='27'><c r='A27'><v>1</v></c></row>",
    "a zero-padded reference": '<row r="28"><c r="A028"><v>1</v></c></row>',
    "a value of an unusual element": '<row r="29"><c r="A29"><v>1</v><extLst/></c></row>',
    # the cells' matches leave a gap: text before, between or after them
    "text between cells": '<row r="30"><c r="A30"><v>1</v></c>x<c r="B30"><v>2</v></c></row>',
    "text after the last cell": '<row r="31"><c r="A31"><v>1</v></c><c r="B31"><v>2</v></c> x </row>',
    "text before the first cell": '<row r="32">x<c r="A32"><v>1</v></c></row>',
}


@pytest.mark.parametrize("name", sorted(ROWS_TAKEN))
def test_common_rows_are_taken_by_pattern_and_read_as_the_parser_reads_them(name, monkeypatch):
    fast, parsed, taken = read_both(HEAD + ROWS_TAKEN[name] + TAIL, monkeypatch=monkeypatch)
    assert fast == parsed
    assert taken, "the row should have been read by pattern"


@pytest.mark.parametrize("name", sorted(ROWS_PARSED))
def test_unusual_rows_go_to_the_parser_and_read_the_same(name, monkeypatch):
    row = ROWS_PARSED[name]
    fast, parsed, taken = read_both(HEAD + ROWS_TAKEN["shared string, number, percentage"] + row + TAIL,
                                    monkeypatch=monkeypatch)
    assert fast == parsed
    assert taken == [3], "only the common row is taken by pattern"


def test_a_cell_out_of_the_grid_is_refused_with_the_parsers_sentence(monkeypatch):
    for row in ('<row r="5"><c r="XFE5"><v>1</v></c></row>', '<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
                '<row r="5"><c r="A9999999"/></row>', '<row r="5"><c r="A5" t="inlineStr"><is><t>'
                + "x" * 32_768 + "</t></is></c></row>"):
        fast, parsed, _ = read_both(HEAD + row + TAIL, monkeypatch=monkeypatch)
        assert fast == parsed
        assert fast[0] == "OutOfGrid"


@pytest.mark.parametrize("chunk", [1, 7, 64, 333, 4096])
def test_rows_split_across_reads_at_any_byte(chunk, monkeypatch):
    xml = HEAD + "".join(ROWS_TAKEN.values()) + "".join(ROWS_PARSED.values()) + TAIL
    fast, parsed, taken = read_both(xml, chunk=chunk, monkeypatch=monkeypatch)
    assert fast == parsed
    assert len(taken) >= len(ROWS_TAKEN) - 1


def test_an_entity_declaration_is_refused_before_any_row_is_taken(monkeypatch):
    bomb = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1"><v>1</v></c></row>' + TAIL)
    with pytest.raises(DefusedXmlException):
        xlsx_reader._read_sheet(io.BytesIO(bomb.encode()), [], [], [10, 10])
    undefined = HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>' + TAIL
    fast, parsed, taken = read_both(undefined, monkeypatch=monkeypatch)
    assert fast == parsed and taken == []


def test_other_encodings_and_namespaces_go_to_the_parser(monkeypatch):
    utf16 = (HEAD.replace("UTF-8", "UTF-16") + ROWS_TAKEN["shared string, number, percentage"] + TAIL).encode("utf-16")
    fast, parsed, taken = read_both(utf16, monkeypatch=monkeypatch)
    assert fast == parsed and taken == []
    prefixed = ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
                '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    fast, parsed, taken = read_both(prefixed, monkeypatch=monkeypatch)
    assert fast == parsed == ({1: [1, 1]}, set(), {}, {}) and taken == []
    other = HEAD.replace("spreadsheetml/2006/main", "other") + '<row r="1"><c r="A1"><v>1</v></c></row>' + TAIL
    fast, parsed, taken = read_both(other, monkeypatch=monkeypatch)
    assert fast == parsed and taken == []


def _workbooks(folder: Path) -> list[Path]:
    books = [*sorted((ROOT / "examples").glob("*.xlsx")), *sorted((ROOT / "xlsx_templates").glob("*.xlsx"))]
    for name, make in VARIANTS.items():
        make(folder / f"{name}.xlsx")
    build(folder / "corpus")
    return books + sorted(folder.glob("*.xlsx")) + sorted((folder / "corpus").glob("*.xls*"))


def _snapshot_or_sentence(path: Path):
    try:
        snapshot = load_snapshot(path)
    except InputError as exc:
        return str(exc)
    return [(s.name, s.top, s.left, s.rows, sorted(s.percent_cells), sorted(s.decimals.items()), s.format_words)
            for s in snapshot.sheets]


def test_every_workbook_we_have_reads_the_same_by_pattern_and_by_parser(tmp_path, monkeypatch):
    """The examples, templates, the other agencies' layouts and the hostile corpus: same snapshot or same sentence."""
    books = _workbooks(tmp_path)
    assert len(books) > 60
    fast = {book.name: _snapshot_or_sentence(book) for book in books}
    monkeypatch.setattr(xlsx_reader, "_read_sheet", parsed_only)
    for book in books:
        assert _snapshot_or_sentence(book) == fast[book.name], book.name
    taken = []
    monkeypatch.undo()
    monkeypatch.setattr(xlsx_reader._SheetTarget, "take_row",
                        lambda self, row, cells, keep=xlsx_reader._SheetTarget.take_row: taken.append(row) or keep(
                            self, row, cells))
    with zipfile.ZipFile(ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx") as archive:
        assert archive.namelist()
    load_snapshot(ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx")
    assert len(taken) > 300, "the example's rows are read by pattern"


def test_the_words_of_a_number_format_are_read_by_both_readers_as_the_targets_satuan(tmp_path):
    """``15`` under ``0 "jenis"`` reads as the target ``15 jenis``, by the lean reader and by openpyxl alike."""
    from openpyxl import Workbook

    from renja_xl.io.files import _load_with_openpyxl
    from renja_xl.reader import find_tables

    book = Workbook()
    sheet = book.active
    sheet.title = "Target"
    sheet.append(["No", "Program/Kegiatan", "Indikator", "Target 2022", "Realisasi 2022", "Capaian (%)"])
    for row, (target, realisasi, words) in enumerate([(15, 12, '0 "jenis"'), (4300, 4100, '#,##0 "Pencaker"'),
                                                       (6, 6, '0" Dokumen"')], start=2):
        sheet.append([row - 1, f"Kegiatan {row}", f"Jumlah layanan {row}", target, realisasi, realisasi / target * 100])
        sheet.cell(row, 4).number_format = sheet.cell(row, 5).number_format = words
    path = tmp_path / "satuan_di_format.xlsx"
    book.save(path)
    lean, careful = load_snapshot(path), _load_with_openpyxl(path)
    assert lean.sheets[0].format_words == careful.sheets[0].format_words
    assert lean.sheets[0].format_words[(2, 4)] == ("", " jenis")
    table = find_tables(lean)[0]
    targets = [row.value("target") for row in table.rows] if "target" in table.rows[0].cells else []
    assert [(t.value, t.parts[0].unit_text, t.text) for t in targets] == [
        (15.0, "jenis", "15 jenis"), (4300.0, "Pencaker", "4300 Pencaker"), (6.0, "Dokumen", "6 Dokumen")]
