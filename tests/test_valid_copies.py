"""Every copy is valid Excel: text within a cell's limit, no non-finite number, a results sheet that takes no
user's sheet, an extension that matches the content; and every copy of round 2 opens in LibreOffice."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from renja_xl.cli import main

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from build_corpus import CASES, RENJA  # noqa: E402

ELLIPSIS = "\u2026"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("salinan")
    for name in ("angka_terbesar.xlsx", "pesan_sangat_panjang.xlsx", "lembar_hasil_validasi_pengguna.xlsx",
                 "lembar_hasil_validasi_huruf_besar.xlsx", "lembar_grafik_hasil_validasi.xlsx", "dengan_makro.xlsm",
                 "nama_lembar_kurung_siku.xlsx", "Renja [revisi].xlsx", "bersarang_40.xlsx", "dimensi_bohong.xlsx",
                 "baris_1048576.xlsx", "kolom_xfd_20000_lembar_sendiri.xlsx"):
        CASES[name][1](folder / name)
    return folder


def texts(path: Path) -> dict:
    """{part: [every <t> and <v> text]} of a package's XML parts."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                data = z.read(name).decode("utf-8")
                out[name] = re.findall(r"<(?:\w+:)?[tv](?:\s[^>]*)?>([^<]*)</(?:\w+:)?[tv]>", data)
    return out


# --- numbers past what a cell holds ---------------------------------------------------------------


def test_fill_on_the_largest_number_writes_no_inf(corpus, tmp_path, capsys):
    out = tmp_path / "terisi.xlsx"
    assert main(["fill", str(corpus / "angka_terbesar.xlsx"), "-o", str(out)]) == 0
    values = [v for part in texts(out).values() for v in part]
    assert not [v for v in values if v.strip().lower() in ("inf", "-inf", "nan", "infinity", "-infinity")]
    ws = load_workbook(out)["T2.1 Evaluasi Renja"]
    assert str(ws["H8"].value).startswith("=")  # the formula is there: Excel computes it (and shows #NUM!)


def test_a_number_no_cell_holds_is_never_written():
    from xml.etree import ElementTree as ET

    from renja_xl.io.sheetxml import SheetCells, m

    root = ET.fromstring('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         "<sheetData/></worksheet>")
    cells = SheetCells(root)
    cells.set_value(1, 1, float("inf"), "=A2*2")
    cells.set_value(1, 2, float("nan"))
    cells.set_value(1, 3, 10 ** 400)
    cells.set_value(1, 4, 1.7976931348623157e308)
    xml = ET.tostring(root, encoding="unicode")
    assert "inf" not in xml and "nan" not in xml and "1" * 20 not in xml.replace("7976931348623157", "")
    assert xml.count("#NUM!") == 2 and ">A2*2</" in xml and "1.7976931348623157e+308" in xml
    assert re.search(r'<(\w+:)?c r="A1"><(\w+:)?f>A2\*2</(\w+:)?f></(\w+:)?c>', xml)  # no cached value


def test_the_reader_keeps_numbers_past_the_limit_as_text(tmp_path):
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parent / "corpus"))
    from build_corpus import T21, patched, set_cells

    from renja_xl.io.files import load_snapshot

    path = tmp_path / "lewat.xlsx"
    patched(RENJA, path, {T21: lambda x: set_cells(x, {"G8": '<c r="G8" s="8"><v>1e999</v></c>',
                                                       "G9": '<c r="G9" s="8"><v>NaN</v></c>'})})
    sheet = load_snapshot(path).sheet("T2.1 Evaluasi Renja")
    assert sheet.value(8, 7) == "1e999" and sheet.value(9, 7) == "NaN"


# --- text past what a cell or a note holds ---------------------------------------------------------


def test_text_past_32767_characters_is_cut_with_an_ellipsis_in_cells_links_and_notes(tmp_path):
    from renja_xl.edits import check_edits
    from renja_xl.io.patch import apply_edits
    from renja_xl.rules.base import Finding, Location, Severity

    long = "Nilai " + "sangat panjang " * 3000  # 45,006 characters
    findings = [Finding("RXL101", "uji", Severity.ERROR, long, (Location("T2.1 Evaluasi Renja", "H8"),),
                        written=long, expected=long) for _ in range(3)]
    copy = tmp_path / "hasil.xlsx"
    copy.write_bytes(apply_edits(RENJA.read_bytes(), check_edits(findings, long, ["T2.1 Evaluasi Renja"]), "r.xlsx"))
    every = [t for part in texts(copy).values() for t in part]
    assert max(len(t) for t in every) == 32767
    cut = [t for t in every if len(t) == 32767]
    assert cut and all(t.endswith(ELLIPSIS) for t in cut)
    wb = load_workbook(copy)
    messages = [c.value for c in wb["Hasil Validasi"]["E"] if c.value == long[:32766] + ELLIPSIS]
    assert len(messages) == 3  # each finding's own line (folded under the line that groups them)
    note = wb["T2.1 Evaluasi Renja"]["H8"].comment.text  # a note holds each message's start (the whole is listed)
    assert len(note) < 32767 and len(note.splitlines()) == 3 and all(line.endswith(ELLIPSIS) for line in note.splitlines())


def test_our_note_after_a_users_long_note_stays_within_the_limit(tmp_path):
    from renja_xl.edits import check_edits
    from renja_xl.io.patch import apply_edits
    from renja_xl.rules.base import Finding, Location, Severity

    from openpyxl.comments import Comment

    wb = load_workbook(RENJA)
    wb["T2.1 Evaluasi Renja"]["H8"].comment = Comment("catatan saya " * 2500, "Pengguna")  # 32,500 characters
    source = tmp_path / "bercatatan.xlsx"
    wb.save(source)
    finding = Finding("RXL101", "uji", Severity.ERROR, "pesan " * 200, (Location("T2.1 Evaluasi Renja", "H8"),))
    copy = tmp_path / "hasil.xlsx"
    copy.write_bytes(apply_edits(source.read_bytes(), check_edits([finding], "judul", wb.sheetnames), "b.xlsx"))
    note = load_workbook(copy)["T2.1 Evaluasi Renja"]["H8"].comment.text
    assert len(note) <= 32767 and note.startswith("catatan saya") and note.endswith(ELLIPSIS)


# --- the results sheet never takes a user's sheet --------------------------------------------------


@pytest.mark.parametrize("name, user_sheet", [
    ("lembar_hasil_validasi_pengguna.xlsx", "Hasil Validasi"),
    ("lembar_hasil_validasi_huruf_besar.xlsx", "HASIL VALIDASI"),
])
def test_a_users_own_results_named_sheet_is_kept(corpus, tmp_path, capsys, name, user_sheet):
    out = tmp_path / "hasil.xlsx"
    assert main(["check", str(corpus / name), "-o", str(out), "--format", "json"]) == 1
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Hasil Validasi (2)" and wb["Hasil Validasi (2)"]["A3"].value == "No"
    assert [r for r in wb[user_sheet].iter_rows(values_only=True)] == [tuple(r + [None] * (3 - len(r)))
                                                                     for r in (["Catatan saya sendiri, jangan dihapus"],
                                                                               ["No", "Hal", "Tindak lanjut"],
                                                                               [1, "Rapat", "Selesai"])]
    assert len({s.casefold() for s in wb.sheetnames}) == len(wb.sheetnames)
    # checking the copy again replaces our own results sheet, never the user's, and adds no third one
    again = tmp_path / "lagi.xlsx"
    assert main(["check", str(out), "-o", str(again), "--format", "json"]) == 1
    assert load_workbook(again).sheetnames == wb.sheetnames


def test_a_chartsheet_named_like_the_results_sheet_is_kept(corpus, tmp_path, capsys):
    out = tmp_path / "hasil.xlsx"
    assert main(["check", str(corpus / "lembar_grafik_hasil_validasi.xlsx"), "-o", str(out), "--format", "json"]) == 1
    wb = load_workbook(out)
    assert [c.title for c in wb.chartsheets] == ["Hasil Validasi"]
    assert wb.sheetnames[0] == "Hasil Validasi (2)"


def test_our_own_results_sheet_is_replaced_in_place(tmp_path, capsys):
    first, second = tmp_path / "satu.xlsx", tmp_path / "dua.xlsx"
    assert main(["check", str(RENJA), "-o", str(first), "--format", "json"]) == 1
    assert main(["check", str(first), "-o", str(second), "--format", "json"]) == 1
    assert load_workbook(second).sheetnames == load_workbook(first).sheetnames
    assert load_workbook(second).sheetnames.count("Hasil Validasi") == 1


# --- the extension says what the content is -----------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "fill"])
def test_a_macro_enabled_copy_under_an_xlsx_name_is_refused(corpus, tmp_path, capsys, command):
    out = tmp_path / "hasil.xlsx"
    assert main([command, str(corpus / "dengan_makro.xlsm"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and ".xlsm" in lines[0] and "dengan_makro.xlsm" in lines[0], err
    assert not out.exists()


def test_the_default_copy_takes_the_extension_of_the_content(corpus, tmp_path, capsys):
    macro_named_xlsx = tmp_path / "makro.xlsx"        # a macro-enabled package under a plain name
    plain_named_xlsm = tmp_path / "polos.xlsm"        # and the other way round
    shutil.copyfile(corpus / "dengan_makro.xlsm", macro_named_xlsx)
    shutil.copyfile(RENJA, plain_named_xlsm)
    assert main(["check", str(macro_named_xlsx), "--format", "json"]) == 1
    assert main(["fill", str(plain_named_xlsm)]) == 0
    assert (tmp_path / "makro_diperiksa.xlsm").exists() and (tmp_path / "polos_terisi.xlsx").exists()
    assert not (tmp_path / "makro_diperiksa.xlsx").exists()
    assert main(["check", str(corpus / "dengan_makro.xlsm"), "-o", str(tmp_path / "HASIL.XLSM")]) == 1


# --- every copy of round 2 opens in LibreOffice --------------------------------------------------------
# (nama_lembar_kurung_siku.xlsx is left out: its sheet names hold '[' and '/', which neither Excel nor LibreOffice
# load even in the input; renja-xl answers it, and its text output is tested in test_names_and_settings.py)


@pytest.mark.libreoffice
def test_every_round_two_copy_opens_in_libreoffice(corpus, tmp_path, capsys):
    from recalc import recalculate

    copies = []
    for name in ("angka_terbesar.xlsx", "lembar_hasil_validasi_pengguna.xlsx", "lembar_hasil_validasi_huruf_besar.xlsx",
                 "lembar_grafik_hasil_validasi.xlsx", "Renja [revisi].xlsx",
                 "bersarang_40.xlsx", "dimensi_bohong.xlsx", "kolom_xfd_20000_lembar_sendiri.xlsx",
                 "pesan_sangat_panjang.xlsx"):
        stem = re.sub(r"\W", "_", Path(name).stem)
        for command in ("check", "fill"):
            out = tmp_path / f"{stem}_{command}.xlsx"
            argv = [command, str(corpus / name), "-o", str(out)] + (["--format", "json"] if command == "check" else [])
            assert main(argv) in (0, 1), capsys.readouterr().err
            copies.append(out)
    capsys.readouterr()
    opened = recalculate(copies, tmp_path / "lo")
    assert all(p.stat().st_size > 0 for p in opened)
    wb = load_workbook(opened[copies.index(tmp_path / "lembar_hasil_validasi_pengguna_check.xlsx")], read_only=True)
    assert "Hasil Validasi" in wb.sheetnames and "Hasil Validasi (2)" in wb.sheetnames
