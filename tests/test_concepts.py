"""Column concepts: the vocabulary, the periods read from headers, teaching a new spelling, never a silent pass."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from renja_xl.cli import main
from renja_xl.reader import find_tables
from renja_xl.reader.qualifiers import read_period
from renja_xl.reader.vocabulary import default_concepts, load_concepts
from renja_xl.rules import run_checks
from renja_xl.snapshot import SheetSnapshot, WorkbookSnapshot


def _book(rows, name="Data"):
    return WorkbookSnapshot([SheetSnapshot(name, [list(r) for r in rows])])


@pytest.mark.parametrize("text, concept", [
    ("Indikator Kinerja Utama", "indikator"), ("N0", "no"), ("Rcalisasi", "realisasi"),
    ("Anggaran (Rp)", "pagu"), ("Realisasi (Rp)", "realisasi_anggaran"), ("Realisasi (%)", "capaian"),
    ("Alokasi Anggaran (Rp)", "pagu"), ("Kategori Penilaian", "predikat"), ("Sisa Anggaran", "sisa"),
    ("Pejabat Penanggung Jawab", "pejabat"), ("Formulasi", "formulasi"),
])
def test_header_spellings_name_their_concept(text, concept):
    _, rest = read_period(text)
    assert default_concepts().lookup(rest).concept.name == concept


@pytest.mark.parametrize("text, tag", [
    ("Realisasi Triwulan II", "tw2"), ("Target Tahun n+1", "n1"), ("Rencana Tahun 2022", "2022"),
    ("APBD-P", "p"), ("APBD Murni", "murni"), ("Januari", "jan"), ("Realisasi s.d. Tahun n-2", "nm2"),
])
def test_period_words_are_read_out_of_a_header(text, tag):
    assert read_period(text)[0].tag == tag


def test_a_new_spelling_is_taught_through_the_vocabulary_file(tmp_path):
    rows = [["Uraian", "Pagu Geser", "Realisasi Geser", "Serapan Geser"],
            ["Program A", 1000, 500, 40]]
    assert find_tables(_book(rows)) == []  # "Pagu Geser" is no spelling renja-xl knows
    extra = tmp_path / "kolom_saya.csv"
    extra.write_text("concept,role,spellings\npagu,pagu,pagu geser\nrealisasi_anggaran,pagu,realisasi geser\n"
                     "persen_anggaran,percent,serapan geser\n", encoding="utf-8")
    vocabulary = load_concepts(str(extra))
    snapshot = _book(rows)
    tables = find_tables(snapshot, vocabulary=vocabulary)
    assert [t.header_range for t in tables] == ["A1:D1"]
    findings = run_checks(snapshot, tables, vocabulary=vocabulary)
    assert [(f.rule, f.locations[0].cell) for f in findings if f.severity.value == "error"] == [("RXL101", "D2")]


def test_the_vocabulary_file_is_named_in_the_settings(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [["Uraian", "Pagu Geser", "Realisasi Geser", "Serapan Geser"], ["Program A", 1000, 500, 40]]:
        ws.append(r)
    wb.save(tmp_path / "renja.xlsx")
    (tmp_path / "kolom_saya.csv").write_text(
        "concept,role,spellings\npagu,pagu,pagu geser\nrealisasi_anggaran,pagu,realisasi geser\n"
        "persen_anggaran,percent,serapan geser\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "renja.xlsx"), "--no-output"]) == 2  # nothing understood yet
    (tmp_path / "renja-xl.ini").write_text("[renja_xl]\nkolom = kolom_saya.csv\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "renja.xlsx"), "--no-output"]) == 1  # D2: 500 of 1000 is 50%, not 40


def test_a_bad_vocabulary_file_is_one_sentence(tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active.append(["x"])
    wb.save(tmp_path / "renja.xlsx")
    (tmp_path / "kolom_saya.csv").write_text("concept,role,spellings\npagu,uang,pagu geser\n", encoding="utf-8")
    (tmp_path / "renja-xl.ini").write_text("[renja_xl]\nkolom = kolom_saya.csv\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "renja.xlsx"), "--no-output"]) == 2
    err = capsys.readouterr().err
    assert "peran kolom 'uang' tidak dikenal" in err and "Traceback" not in err


_SALARIES = [["Nama Pegawai", "NIP", "Golongan", "Gaji Pokok"], ["Ani", "1987", "III/a", 3500000],
             ["Budi", "1990", "III/b", 3700000]]
_CAPAIAN = [["No", "Indikator Kinerja Utama", "Target", "Realisasi", "Capaian (%)"],
            ["1", "Jumlah pencaker terlatih", 640, 600, 93.75]]


def test_rxl701_fails_on_a_table_like_block_that_is_not_understood():
    snapshot = _book(_CAPAIAN + [[], [], []] + _SALARIES)
    findings = run_checks(snapshot, find_tables(snapshot), only={"RXL701"})
    assert [(f.rule, f.locations[0].cell, f.severity.value) for f in findings] == [("RXL701", "A6", "warning")]
    assert "A6:D8" in findings[0].message and "tidak diperiksa" in findings[0].message


def test_rxl701_passes_when_every_table_is_understood():
    snapshot = _book(_CAPAIAN)
    assert run_checks(snapshot, find_tables(snapshot), only={"RXL701"}) == []


def test_tables_lists_what_it_understood_and_what_not(tmp_path, capsys):
    wb = openpyxl.Workbook()
    for r in _CAPAIAN + [[], [], []] + _SALARIES:
        wb.active.append(r)
    wb.save(tmp_path / "campur.xlsx")
    assert main(["tables", str(tmp_path / "campur.xlsx"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert [t["header_range"] for t in report["tables"]] == ["A1:E1"]
    assert "capaian = capaian(realisasi, target)" in report["tables"][0]["concepts"]
    assert [b["range"] for b in report["not_understood"]] == ["A6:D8"]
    assert main(["tables", str(tmp_path / "campur.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "1 blok tidak dipahami" in out and "tidak dipahami: Sheet!A6:D8" in out


def test_a_workbook_with_nothing_understood_is_never_clean(tmp_path, capsys):
    wb = openpyxl.Workbook()
    for r in _SALARIES:
        wb.active.append(r)
    wb.save(tmp_path / "pegawai.xlsx")
    assert main(["check", str(tmp_path / "pegawai.xlsx"), "--no-output"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Tidak ada tabel yang dipahami di 'pegawai.xlsx'" in err[0] and "Sheet!A1:D3" in err[0]
    assert main(["tables", str(tmp_path / "pegawai.xlsx")]) == 2


def test_a_checked_copy_is_checked_as_its_original_and_a_users_own_sheet_of_that_name_is_still_read(tmp_path, capsys):
    source = Path(__file__).resolve().parent.parent / "examples" / "lkjip_2016_disnakersos_balikpapan.xlsx"
    copy = tmp_path / "lkjip_diperiksa.xlsx"
    main(["check", str(source), "-o", str(copy)])
    capsys.readouterr()
    main(["check", str(copy), "--no-output", "--format", "json"])
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]] == ["RXL101"]
    wb = openpyxl.Workbook()
    wb.active.title = "Hasil Validasi"
    for r in _CAPAIAN + [[], [], []] + _SALARIES:
        wb.active.append(r)
    wb.save(tmp_path / "milik_sendiri.xlsx")
    main(["check", str(tmp_path / "milik_sendiri.xlsx"), "--no-output", "--format", "json"])
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]] == ["RXL701"]
