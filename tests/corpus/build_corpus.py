"""Build the corpus of hostile and broken workbooks, from code (no opaque binaries in the repository).

    python tests/corpus/build_corpus.py OUT_FOLDER

Each case is a file and what a user must get from every command: ``"result"`` (the
command works: exit 0 or 1) or ``"refused"`` (exit 2 and one Indonesian sentence naming
the file, containing the ``words`` given). The tests build the corpus in a temporary
folder once per session.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
RENJA = ROOT / "examples" / "renja_2022_disnaker_balikpapan.xlsx"
LKJIP = ROOT / "examples" / "lkjip_2016_disnakersos_balikpapan.xlsx"
T21 = "xl/worksheets/sheet2.xml"  # 'T2.1 Evaluasi Renja' in the Renja example


@dataclass(frozen=True)
class Case:
    name: str
    expect: str            # "result" or "refused"
    words: tuple = ()      # words the refusal sentence must contain (lower case)
    note: str = ""


CASES: dict[str, tuple[Case, Callable[[Path], None]]] = {}


def case(name: str, expect: str, *words: str, note: str = ""):
    def register(make: Callable[[Path], None]):
        CASES[name] = (Case(name, expect, tuple(words), note), make)
        return make
    return register


# --- helpers -------------------------------------------------------------------------------


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path: Path, parts: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def patched(source: Path, target: Path, changes: dict) -> None:
    """Copy a package with some parts replaced (bytes) or changed (a function of the old bytes)."""
    parts = members(source)
    for name, change in changes.items():
        parts[name] = change(parts.get(name, b"")) if callable(change) else change
    write_zip(target, parts)


def set_cells(xml: bytes, cells: dict) -> bytes:
    """Replace whole ``<c r="X">…</c>`` elements of a sheet part by raw XML (cells must exist)."""
    for ref, raw in cells.items():
        pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
        xml, n = pattern.subn(raw.encode(), xml, count=1)
        if n != 1:
            raise ValueError(f"no cell {ref}")
    return xml


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG (no Pillow needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def openpyxl_book(path: Path, rows: list, title: str = "Lembar1", **sheet_options) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for key, value in sheet_options.items():
        setattr(ws, key, value)
    wb.save(path)


# --- not a workbook at all -----------------------------------------------------------------


@case("bukan_zip.xlsx", "refused", "bukan buku kerja")
def _(path):
    path.write_text("Ini catatan rapat, bukan buku kerja.\n", encoding="utf-8")


@case("kosong_0_byte.xlsx", "refused", "kosong")
def _(path):
    path.write_bytes(b"")


@case("terpotong.xlsx", "refused", "rusak")
def _(path):
    data = RENJA.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@case("zip_tanpa_workbook.xlsx", "refused", "workbook.xml")
def _(path):
    write_zip(path, {"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<Properties/>"})


@case("zip_tanpa_lembar.xlsx", "refused", "sheet2.xml", "t2.1 evaluasi renja")
def _(path):
    parts = members(RENJA)
    del parts[T21]
    write_zip(path, parts)


@case("terenkripsi.xlsx", "refused", "kata sandi")
def _(path):
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(RENJA, "rb") as plain, open(path, "wb") as out:
        OOXMLFile(plain).encrypt("rahasia", out)


@case("excel_lama.xls", "refused", ".xls")
def _(path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("T2.1")
    for col, text in enumerate(["No", "Indikator Kinerja", "Target", "Realisasi"]):
        sheet.write(0, col, text)
    book.save(str(path))


@case("biner.xlsb", "refused", ".xlsb")
def _(path):
    write_zip(path, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00",
                     "xl/worksheets/sheet1.bin": b"\x81\x01\x00"})


@case("strict_ooxml.xlsx", "refused", "strict open xml")
def _(path):
    strict = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    patched(RENJA, path, {"xl/workbook.xml": lambda x: x.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", strict)})


# --- hostile packages ----------------------------------------------------------------------


@case("bom_xml.xlsx", "refused", "tidak aman")
def _(path):
    lol = '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    bomb = (f'<?xml version="1.0"?>{lol}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'count="1" uniqueCount="1"><si><t>&j;</t></si></sst>')
    patched(RENJA, path, {"xl/sharedStrings.xml": bomb.encode()} if "xl/sharedStrings.xml" in members(RENJA)
            else {T21: lambda x: x.replace(b"<worksheet", lol.encode() + b"<worksheet", 1)})


@case("xxe.xlsx", "refused", "tidak aman")
def _(path):
    doctype = b'<!DOCTYPE worksheet [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>'

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet", doctype + b"<worksheet", 1)
        return set_cells(xml, {"B7": '<c r="B7" t="inlineStr"><is><t>&rahasia;</t></is></c>'})
    patched(RENJA, path, {T21: change})


@case("bom_zip.xlsx", "refused", "terlalu besar", "batas")
def _(path):
    parts = members(RENJA)
    parts["xl/media/isian.bin"] = b"\0" * (64 * 1024 * 1024)  # 64 MB of zeros: about 64 KB compressed
    write_zip(path, parts)


@case("nama_bagian_keluar.xlsx", "refused", "tidak aman")
def _(path):
    parts = members(RENJA)
    parts["../../keluar.txt"] = b"zip slip"
    write_zip(path, parts)


# --- workbooks that are fine, or odd, and must give a result ----------------------------------


@case("buku_kosong.xlsx", "result", note="a new workbook with one empty sheet")
def _(path):
    openpyxl_book(path, [])


@case("tanpa_tabel_dikenal.xlsx", "result")
def _(path):
    openpyxl_book(path, [["Nama", "Alamat", "Telepon"], ["Budi", "Jl. Mawar 1", "0812"], ["Sari", "Jl. Melati", 62]])


@case("hanya_judul_kolom.xlsx", "result", note="the official templates: headers, no data")
def _(path):
    path.write_bytes((ROOT / "xlsx_templates" / "renja_pd.xlsx").read_bytes())


@case("dengan_makro.xlsm", "result", note="macros are kept in the copies, never run")
def _(path):
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"VBA project placeholder: never executed" + b"\0" * 512

    def types(xml: bytes) -> bytes:
        xml = xml.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                          b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return xml.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                           b"</Types>")

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/'
                           b'2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    patched(RENJA, path, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels, "xl/vbaProject.bin": vba})


@case("judul_digabung_dibungkus.xlsx", "result", note="merged and wrapped header cells, a header typed in capitals")
def _(path):
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment

    wb = load_workbook(RENJA)
    ws = wb["T2.1 Evaluasi Renja"]
    for row in ws.iter_rows(min_row=4, max_row=6):
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = cell.value.upper().replace(" ", "\n", 1)
                cell.alignment = Alignment(wrap_text=True)
    wb.save(path)


@case("baris_kolom_tersembunyi.xlsx", "result")
def _(path):
    from openpyxl import load_workbook

    wb = load_workbook(RENJA)
    ws = wb["T3.4 Rencana Program"]
    for row in (9, 10, 11):
        ws.row_dimensions[row].hidden = True
    ws.column_dimensions["E"].hidden = True
    wb.save(path)


@case("rumus_galat.xlsx", "result", note="formulas whose cached values are #DIV/0!, #REF!, #N/A")
def _(path):
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "H8": '<c r="H8" t="e"><f>F8/0</f><v>#DIV/0!</v></c>',
        "H9": '<c r="H9" t="e"><f>#REF!/G9</f><v>#REF!</v></c>',
        "G10": '<c r="G10" t="e"><f>NA()</f><v>#N/A</v></c>'})})


@case("rumus_tanpa_nilai.xlsx", "result", note="formulas with no cached value (written by a program, never opened)")
def _(path):
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "H8": '<c r="H8"><f>G8/F8*100</f></c>', "H9": '<c r="H9"><f>G9/F9*100</f></c>'})})


@case("angka_sebagai_teks.xlsx", "result")
def _(path):
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "F8": '<c r="F8" t="inlineStr"><is><t>100</t></is></c>',
        "G8": '<c r="G8" t="inlineStr"><is><t> 98,5 </t></is></c>'})})


@case("tanggal_dan_boolean.xlsx", "result", note="dates, booleans and an ISO date cell in number columns")
def _(path):
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "F8": '<c r="F8" t="b"><v>1</v></c>', "G8": '<c r="G8" t="d"><v>2022-03-01T00:00:00</v></c>',
        "F9": '<c r="F9" s="0"><v>44621</v></c>'})})


@case("teks_sangat_panjang.xlsx", "result")
def _(path):
    long_text = ("Persentase pencari kerja terdaftar yang ditempatkan " * 700)[:32767]
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "B8": f'<c r="B8" t="inlineStr"><is><t>{long_text}</t></is></c>',
        "C9": f'<c r="C9" t="inlineStr"><is><t>={long_text[:200]}</t></is></c>'})})


@case("sel_tanpa_alamat.xlsx", "result", note="rows and cells without r attributes (some generators omit them)")
def _(path):
    def cells(values: list) -> str:
        return "".join('<c t="inlineStr"><is><t>' + v + "</t></is></c>" for v in values)
    rows = "".join("<row>" + cells(values) + "</row>"
                   for values in (["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
                                  ["1", "Jumlah pelatihan", "kali", "10", "8"]))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml'
             f'/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    buf = io.BytesIO()
    openpyxl_book(buf, [["x"]])
    parts = members(buf)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    write_zip(path, parts)


@case("nama_lembar_aneh.xlsx", "result", note="quotes, apostrophes and a leading '=' in sheet names and cells")
def _(path):
    from openpyxl import load_workbook

    wb = load_workbook(RENJA)
    wb["T2.1 Evaluasi Renja"].title = "T2.1 Renja 'Dinas' & Co"
    wb["T2.2 Capaian IKU"]["B7"] = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"
    wb.save(path)


@case("banyak_lembar.xlsx", "result")
def _(path):
    from openpyxl import load_workbook

    wb = load_workbook(LKJIP)
    for i in range(120):
        wb.create_sheet(f"Catatan {i}")["A1"] = f"catatan {i}"
    wb.save(path)


@case("lembar_grafik_saja.xlsx", "result", note="a chartsheet beside the tables")
def _(path):
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference

    wb = load_workbook(LKJIP)
    ws = wb.worksheets[1]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=4, min_row=6, max_row=12))
    wb.create_chartsheet("Grafik").add_chart(chart)
    wb.save(path)


@case("lembar_sangat_besar.xlsx", "result", note="300,000 rows of other data under a small table")
def _(path):
    rows = []
    for r in range(1, 300_001):
        rows.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>catatan {r % 97}'
                    f'</t></is></c><c r="C{r}"><v>{r * 1.5}</v></c></row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml'
             f'/2006/main"><sheetData>{"".join(rows)}</sheetData></worksheet>')
    parts = members(LKJIP)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    write_zip(path, parts)


@case("rumus_bersama.xlsx", "result", note="a shared formula whose first cell `fill` overwrites")
def _(path):
    def change(xml: bytes) -> bytes:
        xml = set_cells(xml, {
            "H8": '<c r="H8"><f t="shared" ref="H8:N10" si="0">G8/F8*100</f><v>100</v></c>',
            "H9": '<c r="H9"><f t="shared" si="0"/><v>100</v></c>',
            "H10": '<c r="H10"><f t="shared" si="0"/><v>100</v></c>'})
        # a cell outside the computed columns leans on the same shared formula: it must keep its own
        return xml.replace(b'<c r="M9" s="13" t="n" /></row>',
                           b'<c r="M9" s="13" t="n" /><c r="N9"><f t="shared" si="0"/><v>1</v></c></row>', 1)
    patched(RENJA, path, {T21: change})


@case("lembar_terlindungi.xlsx", "result", note="a protected sheet (protection kept in the copies)")
def _(path):
    from openpyxl import load_workbook

    wb = load_workbook(RENJA)
    ws = wb["T3.4 Rencana Program"]
    ws.protection.sheet = True
    ws.protection.password = "kunci"
    wb.save(path)


@case("teks_kaya.xlsx", "result", note="rich text (several runs, phonetic hints) in shared strings")
def _(path):
    from openpyxl import load_workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = load_workbook(LKJIP)
    ws = wb.worksheets[1]
    for row in range(6, 10):
        text = ws.cell(row, 3).value
        if isinstance(text, str) and len(text) > 6:
            ws.cell(row, 3).value = CellRichText(TextBlock(InlineFont(b=True), text[:5]), text[5:])
    wb.save(path)


# --- round 2 (issue 15): bounded by what a grid can be ----------------------------------------


def add_rows(xml: bytes, raw: str) -> bytes:
    """Append raw ``<row>`` XML at the end of a sheet's ``sheetData``."""
    if b"</sheetData>" not in xml:
        raise ValueError("no sheetData end")
    return xml.replace(b"</sheetData>", raw.encode() + b"</sheetData>", 1)


def one_cell_at(ref: str, row: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        patched(RENJA, path, {T21: lambda x: add_rows(x, f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>')})
    return make


case("baris_30_juta.xlsx", "refused", "baris", "1.048.576", note="one cell in row 30,000,000")(
    one_cell_at("A30000000", "30000000"))
case("baris_2_miliar.xlsx", "refused", "baris", "1.048.576", note="one cell in row 2,000,000,000")(
    one_cell_at("A2000000000", "2000000000"))
case("kolom_zzzzzz.xlsx", "refused", "kolom", "xfd", note="one cell in column ZZZZZZ (Excel ends at XFD)")(
    one_cell_at("ZZZZZZ70", "70"))
case("kolom_xfe.xlsx", "refused", "kolom", "xfd", note="one column past XFD")(one_cell_at("XFE70", "70"))


@case("baris_8_0.xlsx", "refused", "nomor baris", "8.0", note='a row numbered r="8.0"')
def _(path):
    patched(RENJA, path, {T21: lambda x: re.sub(rb'<row r="8"', b'<row r="8.0"', x, count=1)})


@case("dimensi_penuh_baris_8_0.xlsx", "refused", "nomor baris", note="a whole-grid <dimension> and a row r=\"8.0\"")
def _(path):
    def change(xml: bytes) -> bytes:
        xml = xml.replace(b'<dimension ref="A1:M66" />', b'<dimension ref="A1:XFD1048576" />', 1)
        return re.sub(rb'<row r="8"', b'<row r="8.0"', xml, count=1)
    patched(RENJA, path, {T21: change})


@case("dimensi_bohong.xlsx", "result", note="a <dimension> claiming the whole grid over a small table")
def _(path):
    patched(RENJA, path, {T21: lambda x: x.replace(b'<dimension ref="A1:M66" />',
                                                   b'<dimension ref="A1:XFD1048576" />', 1)})


def xfd_rows(count: int, first: int = 1) -> str:
    return "".join(f'<row r="{r}"><c r="XFD{r}"><v>{r}</v></c></row>' for r in range(first, first + count))


@case("kolom_xfd_20000_lembar_sendiri.xlsx", "result", note="20,000 cells in column XFD (legal), on a sheet of their own")
def _(path):
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml'
             f'/2006/main"><sheetData>{xfd_rows(20_000)}</sheetData></worksheet>')
    patched(RENJA, path, {"xl/worksheets/sheet1.xml": sheet.encode()})  # the 'Petunjuk' sheet


@case("kolom_xfd_20000_di_tabel.xlsx", "refused", "terlalu luas", "xfd",
      note="20,000 cells in column XFD under the table: 327 million grid cells")
def _(path):
    patched(RENJA, path, {T21: lambda x: add_rows(x, xfd_rows(20_000, first=100))})


@case("baris_1048576.xlsx", "result", note="a cell in the last row and the last column Excel has (legal)")
def _(path):
    patched(RENJA, path, {T21: lambda x: add_rows(x, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')})


@case("teks_40_ribu.xlsx", "refused", "32.767", note="a cell of 40,000 characters (Excel's limit is 32,767)")
def _(path):
    text = ("Persentase pencari kerja terdaftar yang ditempatkan " * 800)[:40_000]
    patched(RENJA, path, {T21: lambda x: set_cells(x, {"B8": f'<c r="B8" t="inlineStr"><is><t>{text}</t></is></c>'})})


@case("teks_bersama_4_mb.xlsx", "refused", "32.767", note="a 4 MB shared string that compresses badly")
def _(path):
    import random

    rng = random.Random(15)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(4 * 1024 * 1024))
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
           f' count="1" uniqueCount="1"><si><t>{text}</t></si></sst>')

    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                           b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                           b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                           b"</Relationships>")
    patched(RENJA, path, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                          "xl/sharedStrings.xml": sst.encode(),
                          T21: lambda x: set_cells(x, {"B8": '<c r="B8" t="s"><v>0</v></c>'})})


def nested(depth: int) -> bytes:
    return (b'<extLst><ext uri="{00000000-0000-0000-0000-000000000015}">' + b"<a>" * depth + b"</a>" * depth
            + b"</ext></extLst>")


@case("bersarang_1000_lembar.xlsx", "refused", "bersarang", note="1,000 nested elements in a sheet's extension")
def _(path):
    patched(RENJA, path, {T21: lambda x: x.replace(b"</worksheet>", nested(1000) + b"</worksheet>", 1)})


@case("bersarang_1000_gaya.xlsx", "refused", "bersarang", note="1,000 nested elements in the style sheet's extension")
def _(path):
    patched(RENJA, path, {"xl/styles.xml": lambda x: re.sub(rb"</(\w+:)?styleSheet>", lambda m: nested(1000) + m.group(0),
                                                            x, count=1)})


@case("bersarang_40.xlsx", "result", note="40 nested elements in an extension: deep, but within what workbooks hold")
def _(path):
    patched(RENJA, path, {T21: lambda x: x.replace(b"</worksheet>", nested(40) + b"</worksheet>", 1)})


# --- round 2: copies that stay valid Excel ---------------------------------------------------------


@case("angka_terbesar.xlsx", "result", note="the largest number a cell holds: computed columns overflow, no inf written")
def _(path):
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "F8": '<c r="F8" s="8"><v>0.5</v></c>', "G8": '<c r="G8" s="8"><v>1.7976931348623157E+308</v></c>',
        "G9": '<c r="G9" s="8"><v>-1.7976931348623157E+308</v></c>', "F9": '<c r="F9" s="8"><v>1e-300</v></c>',
        "F10": '<c r="F10" s="8"><v>1.7976931348623157E+308</v></c>',
        "G10": '<c r="G10" s="8"><v>1.7976931348623157E+308</v></c>'})})


@case("pesan_sangat_panjang.xlsx", "result", note="32,767-character cells echoed into findings, notes and Hasil Validasi")
def _(path):
    long_unit = ("satuan tidak dikenal " * 2000)[:32_767]
    long_code = ("9" * 32_767)
    patched(RENJA, path, {T21: lambda x: set_cells(x, {
        "D8": f'<c r="D8" t="inlineStr"><is><t>{long_unit}</t></is></c>',
        "A9": f'<c r="A9" t="inlineStr"><is><t>{long_code}</t></is></c>',
        "G8": f'<c r="G8" t="inlineStr"><is><t>{long_unit}</t></is></c>'})})


def with_sheet(source: Path, target: Path, name: str, kind: str = "worksheet", rows: list = ()) -> None:
    """A copy of ``source`` with one more sheet (a worksheet holding ``rows``, or a chartsheet)."""
    from openpyxl import load_workbook

    wb = load_workbook(source)
    if kind == "chartsheet":
        from openpyxl.chart import BarChart, Reference

        ws = wb.worksheets[1]
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=5, min_row=7, max_row=12))
        wb.create_chartsheet(name).add_chart(chart)
    else:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(target)


USER_RESULTS = [["Catatan saya sendiri, jangan dihapus"], ["No", "Hal", "Tindak lanjut"], [1, "Rapat", "Selesai"]]


@case("lembar_hasil_validasi_pengguna.xlsx", "result", note="the user's own worksheet named 'Hasil Validasi'")
def _(path):
    with_sheet(RENJA, path, "Hasil Validasi", rows=USER_RESULTS)


@case("lembar_hasil_validasi_huruf_besar.xlsx", "result", note="a user's sheet 'HASIL VALIDASI' (equal but for case)")
def _(path):
    with_sheet(RENJA, path, "HASIL VALIDASI", rows=USER_RESULTS)


@case("lembar_grafik_hasil_validasi.xlsx", "result", note="a chartsheet named 'Hasil Validasi'")
def _(path):
    with_sheet(RENJA, path, "Hasil Validasi", kind="chartsheet")


# --- round 2: names are text ------------------------------------------------------------------------


@case("Renja [revisi].xlsx", "result", note="brackets in a file name are text, not markup")
def _(path):
    path.write_bytes(RENJA.read_bytes())


@case("nama_lembar_kurung_siku.xlsx", "result", note="a sheet named 'T2.1 [/] Evaluasi' (rich markup would crash)")
def _(path):
    def rename(xml: bytes) -> bytes:  # characters Excel's own dialog refuses, written straight into the package
        for old, new in (("T2.1 Evaluasi Renja", "T2.1 [/] Evaluasi"), ("T2.2 Capaian IKU", "[bold]T2.2[/bold] [link=x]")):
            xml = xml.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            xml = xml.replace(f"'{old}'!".encode(), f"'{new}'!".encode())
        return xml
    patched(RENJA, path, {"xl/workbook.xml": rename})


def build(folder: Path) -> dict[str, Case]:
    """Make every case in ``folder``; {file name: case}."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (info, make) in CASES.items():
        make(folder / name)
        out[name] = info
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    for name, info in build(target).items():
        print(f"{info.expect:8} {name}  {info.note}")
