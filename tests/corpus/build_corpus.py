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
