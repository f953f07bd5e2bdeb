"""``renja-xl bandingkan``: the changes between two versions, exactly those, and the ones without catatan."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE
from openpyxl import Workbook, load_workbook

from renja_xl.bandingkan import FUZZY, NO_NOTE_RULE, compare_workbooks
from renja_xl.cli import main
from renja_xl.io.files import load_snapshot

T34, T32 = "T3.4 Rencana Program", "T3.2 Kebutuhan Program"

# (sheet, cell or row, what changes, whether the row keeps a catatan): ten changes a reviewer makes to a draft
SCRIPTED = [
    ("berubah", T34, "F9", "target", True),        # 3 Dok -> 4 Dok
    ("berubah", T34, "G12", "pagu", False),        # pagu n, catatan cleared
    ("berubah", T34, "K13", "pagu_n1", False),     # pagu n+1, catatan cleared
    ("berubah", T34, "H20", "sumber_dana", True),  # APBD Kota -> DAK
    ("berubah", T34, "E21", "lokasi", True),
    ("berubah", T34, "F22", "target", False),      # 20 jenis -> 20 paket: the satuan
    ("berubah", T34, "J23", "target_n1", True),    # 4 jenis -> 5 jenis
    ("dihapus", T32, "A11", None, None),           # a kegiatan dropped
    ("ditambah", T32, "A59", None, None),          # a kegiatan added
    ("berubah", T32, "D10", "target", False),      # renamed a little (matched by name, fuzzily) and 78 -> 80 jenis
]


def _new_version(path: Path) -> Path:
    wb = load_workbook(RENJA_EXAMPLE)
    scripted_changes(wb)
    wb.save(path)
    return path


def scripted_changes(wb) -> None:
    """The ten changes of :data:`SCRIPTED`, made to the example opened as ``wb`` (as a user edits it)."""
    ws = wb[T34]
    ws["F9"] = "4 Dok"
    ws["G12"], ws["I12"] = 5400000000, None
    ws["K13"], ws["I13"] = 3000000, None
    ws["H20"] = "DAK"
    ws["E21"] = "Kecamatan Balikpapan Kota"
    ws["F22"], ws["I22"] = "20 paket", None
    ws["J23"] = "5 jenis"
    t = wb[T32]
    for col in range(1, 8):
        t.cell(11, col).value = None
    for col, value in enumerate(["Penyediaan Jasa Kebersihan Kantor", "Kota Balikpapan", "Jumlah jenis jasa kebersihan",
                                 "12 jenis", 25000000, "APBD Kota", "Baru pada rancangan akhir"], start=1):
        t.cell(59, col).value = value
    t["A10"], t["D10"] = "Penyediaan Bahan Logistik Kantor Dinas", "80 jenis"


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versi")
    old = folder / "renja_rancangan.xlsx"
    shutil.copy(RENJA_EXAMPLE, old)
    return old, _new_version(folder / "renja_rancangan_akhir.xlsx")


def test_exactly_the_ten_scripted_changes_are_listed(versions):
    old, new = versions
    result = compare_workbooks(load_snapshot(old), load_snapshot(new))
    listed = sorted((e["perubahan"], e["lembar"], e["sel"] or e["sel_lama"], e["kolom"]) for e in result.flat())
    assert listed == sorted((kind, sheet, cell, key) for kind, sheet, cell, key, _ in SCRIPTED)
    assert result.counts() == {"berubah": 8, "ditambah": 1, "dihapus": 1, "temuan": 4}


def test_the_findings_are_the_changed_targets_and_pagu_without_catatan(versions):
    old, new = versions
    result = compare_workbooks(load_snapshot(old), load_snapshot(new))
    found = sorted((f.locations[0].sheet, f.locations[0].cell) for f in result.findings)
    assert found == sorted((sheet, cell) for kind, sheet, cell, key, note in SCRIPTED if note is False)
    assert {f.rule for f in result.findings} == {NO_NOTE_RULE}
    pagu = next(f for f in result.findings if f.locations[0].cell == "G12")
    assert "5.355.959.000 menjadi 5.400.000.000 (selisih +44.041.000)" in pagu.message
    assert pagu.locations[1].cell == "I12"   # the empty Catatan Penting
    satuan = next(f for f in result.findings if f.locations[0].cell == "F22")
    assert "satuan jenis → paket" in satuan.message


def test_old_new_difference_and_match(versions):
    old, new = versions
    result = compare_workbooks(load_snapshot(old), load_snapshot(new))
    by_cell = {(e["lembar"], e["sel"] or e["sel_lama"]): e for e in result.flat()}
    pagu = by_cell[(T34, "G12")]
    assert (pagu["semula"], pagu["menjadi"], pagu["selisih"], pagu["cocok"]) == \
        ("5.355.959.000", "5.400.000.000", 44041000.0, "kode")
    assert pagu["kode"] == "2.07.01.2.02.0001"
    renamed = by_cell[(T32, "D10")]
    assert renamed["cocok"].startswith("nama ") and FUZZY <= renamed["skor"] < 1.0
    assert (renamed["semula"], renamed["menjadi"], renamed["selisih"]) == ("78 jenis", "80 jenis", 2.0)
    assert by_cell[(T32, "A59")]["catatan"] == "Baru pada rancangan akhir"
    assert by_cell[(T32, "A11")]["nama"] == "Penyediaan Barang Cetak dan Penggandaan"


def test_the_command_writes_a_copy_of_new_with_the_changes_linked(versions, tmp_path, capsys):
    old, new = versions
    before = (hashlib.sha256(old.read_bytes()).hexdigest(), hashlib.sha256(new.read_bytes()).hexdigest())
    out = tmp_path / "perubahan.xlsx"
    assert main(["bandingkan", str(old), str(new), "-o", str(out)]) == 1   # findings: exit 1, as check
    said = capsys.readouterr().out
    assert "Ringkasan: 8 isian berubah, 1 baris ditambah, 1 baris dihapus; 4 perubahan target/pagu tanpa catatan" in said
    assert "G12 '2.07.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN'" in said and "[cocok: nama 95%]" in said
    assert (hashlib.sha256(old.read_bytes()).hexdigest(), hashlib.sha256(new.read_bytes()).hexdigest()) == before
    book = load_workbook(out)
    assert book.sheetnames[0] == "Perubahan" and book.sheetnames[1:] == load_workbook(new).sheetnames
    sheet = book["Perubahan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4) if row[0].value is not None]
    assert len(rows) == 10
    links = {row[3].value: row[3].hyperlink.location for row in sheet.iter_rows(min_row=4)
             if row[3].hyperlink is not None}
    assert links["G12"] == "'T3.4 Rencana Program'!G12" and links["A59"] == "'T3.2 Kebutuhan Program'!A59"
    g12 = book[T34]["G12"]
    assert g12.value == 5400000000 and "5.355.959.000" in g12.comment.text   # the cell keeps its value, noted
    assert g12.fill.fgColor.rgb.endswith("FFEB9C")


def test_default_output_and_json_for_batch_use(versions, tmp_path, capsys):
    old, new = versions
    copy = tmp_path / "baru.xlsx"
    shutil.copy(new, copy)
    assert main(["bandingkan", str(old), str(copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (tmp_path / "baru_perubahan.xlsx").exists() and data["keluaran"].endswith("baru_perubahan.xlsx")
    assert len(data["perubahan"]) == 10 and len(data["temuan"]) == 4
    assert data["ringkasan"] == {"berubah": 8, "ditambah": 1, "dihapus": 1, "temuan": 4}
    assert {t["tabel"] for t in data["tabel"]} == {"renja.t3_2", "renja.t3_4"}


def test_the_same_workbook_has_no_changes(tmp_path, capsys):
    assert main(["bandingkan", str(LKJIP_EXAMPLE), str(LKJIP_EXAMPLE), "--no-output"]) == 0
    assert "Ringkasan: 0 isian berubah, 0 baris ditambah, 0 baris dihapus; 0 perubahan" in capsys.readouterr().out


def test_a_table_read_by_concept_is_matched_by_sheet_and_header_even_when_it_moved(tmp_path):
    """A SIPD matrix two rows lower in the new version (its key umum:…!B6 becomes …!B8): still the same table."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from layouts import sipd_renja_matrix

    old, _ = sipd_renja_matrix(tmp_path / "sipd.xlsx")
    source = load_workbook(old)["Renja 2025"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Renja 2025"
    for row in source.iter_rows():
        for c in row:
            if c.value is not None:
                ws.cell(c.row + 2, c.column, c.value).number_format = c.number_format
    ws["J13"] = 123456789          # the program's pagu (J11 before the move)
    ws["I15"] = "4 Dokumen"         # a sub kegiatan's target (I13 before: 3 Dokumen)
    new = tmp_path / "sipd_baru.xlsx"
    wb.save(new)
    result = compare_workbooks(load_snapshot(old), load_snapshot(new))
    assert [(t.old.spec.key, t.new.spec.key) for t in result.tables] == [("umum:Renja 2025!B6", "umum:Renja 2025!B8")]
    listed = sorted((e["sel"], e["sel_lama"], e["kolom"]) for e in result.flat())
    assert listed == [("I15", "I13", "target"), ("J13", "J11", "pagu")]
    assert all("tidak punya kolom Catatan Penting" in f.message for f in result.findings) and len(result.findings) == 2


@pytest.mark.parametrize("make, says", [
    (lambda p: p.write_bytes(b"bukan excel"), "bukan buku kerja Excel"),
    (lambda p: Workbook().save(p), "Tidak ada tabel"),
])
def test_bad_input_is_one_sentence_and_exit_2(tmp_path, capsys, make, says):
    bad = tmp_path / "rusak.xlsx"
    make(bad)
    assert main(["bandingkan", str(RENJA_EXAMPLE), str(bad)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
