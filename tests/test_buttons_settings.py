"""The buttons read the settings the command reads: Periksa and Perbaiki in Excel give what ``renja-xl check`` and
``renja-xl perbaiki`` give with the same settings.

In Excel the settings are the sheet ``renja_xl.conf`` (the sheet xlwings reads its own
settings from) of the workbook or of the add-in, or ``renja-xl.ini`` beside a saved
workbook (``renja_xl.excel.settings``). The command reads the same workbook file with the
equivalent ``renja-xl.ini``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import RENJA_EXAMPLE, ROOT
from renja_xl.cli import main

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings reads it

from test_excel_buttons import press  # noqa: E402
from xlwings_client import same_as_checked_copy  # noqa: E402
from xlwings_desktop import DesktopExcel  # noqa: E402

from renja_xl.excel import buttons  # noqa: E402
from renja_xl.excel.settings import SETTINGS_SHEET  # noqa: E402

NOMENKLATUR = ROOT.parent / "shared" / "reference" / "nomenklatur_2_07.csv"
RULES_INI = "[renja_xl:rules:RXL405]\nenabled = false\n[renja_xl:rules:RXL101]\nseverity = warning\n"
RULES_SHEET = [["Interpreter_Win", None], ["RXL405 enabled", "false"], ["RXL101 severity", "warning"]]


def _with_sheet(path: Path, rows: list, source: Path = RENJA_EXAMPLE) -> Path:
    workbook = load_workbook(source)
    ws = workbook.create_sheet(SETTINGS_SHEET)
    for row in rows:
        ws.append(row)
    workbook.save(path)
    return path


def _results(workbook) -> list:
    return [list(r) for r in workbook["Hasil Validasi"].iter_rows(values_only=True)]


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_periksa_with_rules_switched_in_the_settings_sheet_gives_what_check_gives(engine, tmp_path, capsys):
    source = _with_sheet(tmp_path / "renja.xlsx", RULES_SHEET)
    (tmp_path / "aturan.ini").write_text(RULES_INI, encoding="utf-8")
    main(["check", str(source), "--config", str(tmp_path / "aturan.ini"), "-o", str(tmp_path / "diperiksa.xlsx")])
    expected = load_workbook(tmp_path / "diperiksa.xlsx")
    workbook = load_workbook(source)
    pressed = press("periksa", workbook, name=source.name, engine=engine)
    assert pressed.result.ok and pressed.result.message.endswith("Pengaturan dibaca dari lembar renja_xl.conf.")
    same_as_checked_copy(workbook, expected)
    plain = press("periksa", load_workbook(RENJA_EXAMPLE), name=source.name, engine=engine).result
    assert pressed.result.counts != plain.counts     # the settings changed what was found
    rules = {r[2] for r in _results(workbook)[3:]}
    assert "RXL405" not in rules


def test_periksa_reads_renja_xl_ini_beside_a_saved_workbook_as_check_does(tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    source.write_bytes(RENJA_EXAMPLE.read_bytes())
    (tmp_path / "renja-xl.ini").write_text(RULES_INI + f"[renja_xl]\nnomenklatur = {NOMENKLATUR}\n", encoding="utf-8")
    main(["check", str(source), "-o", str(tmp_path / "diperiksa.xlsx")])
    expected = load_workbook(tmp_path / "diperiksa.xlsx")
    workbook = load_workbook(source)
    excel = DesktopExcel(workbook, source.name, fullname=str(source))
    result = buttons.periksa(excel.book)
    assert result.ok and result.message.endswith(f"Pengaturan dibaca dari {tmp_path / 'renja-xl.ini'}."), result.message
    same_as_checked_copy(workbook, expected)
    assert {"RXL802", "RXL803"} <= {r[2] for r in _results(workbook)[3:]}   # the nomenclature was read


def test_the_add_ins_settings_sheet_applies_when_the_workbook_has_none(tmp_path, capsys):
    source = tmp_path / "renja.xlsx"
    source.write_bytes(RENJA_EXAMPLE.read_bytes())
    (tmp_path / "aturan.ini").write_text(RULES_INI, encoding="utf-8")
    main(["check", str(source), "--config", str(tmp_path / "aturan.ini"), "-o", str(tmp_path / "diperiksa.xlsx")])
    addin = Workbook()
    addin.active.title = SETTINGS_SHEET
    for row in [["Interpreter_Win", None], ["UDF Modules", "renja_xl.excel.udfs"], *RULES_SHEET[1:]]:
        addin.active.append(row)
    workbook = load_workbook(source)
    excel = DesktopExcel(workbook, source.name)
    DesktopExcel(addin, "renja_xl.xlam", app=excel.book_impl.app, addin=True)
    result = buttons.periksa(excel.book)
    assert result.ok and result.message.endswith("dari lembar renja_xl.conf add-in renja_xl.xlam."), result.message
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_perbaiki_with_a_rule_switched_off_changes_what_perbaiki_with_that_ini_changes(engine, tmp_path, capsys):
    from pasted import build_pasted
    from test_excel_perbaiki import contents

    pasted = build_pasted("renja", tmp_path / "tempel.xlsx")
    source = _with_sheet(tmp_path / "renja_tempel.xlsx", [["RXL103 enabled", "tidak"]], source=pasted)
    (tmp_path / "aturan.ini").write_text("[renja_xl:rules:RXL103]\nenabled = false\n", encoding="utf-8")
    assert main(["perbaiki", str(source), "--config", str(tmp_path / "aturan.ini"), "-o",
                 str(tmp_path / "diperbaiki.xlsx")]) == 0
    expected = load_workbook(tmp_path / "diperbaiki.xlsx")
    workbook = load_workbook(source)
    pressed = press("perbaiki", workbook, name=source.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    plain = press("perbaiki", load_workbook(pasted), name=source.name, engine=engine).result
    assert pressed.result.counts["rumus"] < plain.counts["rumus"]     # RXL103's formulas were not written
    for ws in expected:
        if not ws.title.startswith(("Perbaikan", "renja-xl-batal")):
            assert contents(workbook[ws.title]) == contents(ws), ws.title


@pytest.mark.parametrize("engine", ["lite", "desktop"])
@pytest.mark.parametrize("rows, says", [
    ([["RXL101 severity", "parah"]], "Tingkat 'parah' untuk RXL101 di 'renja_xl.conf' tidak dikenal"),
    ([["RXL999 enabled", "false"], ["RXL101 enabled", "false"]], None),   # not a rule: not a renja-xl key, passed over
    ([["satuan", "tidak_ada.csv"]], "Berkas satuan"),
    ([["RXL101 toleransi", "1"]], "Opsi 'toleransi' untuk RXL101 di 'renja_xl.conf' tidak dikenal"),
])
def test_a_wrong_setting_is_one_sentence_and_nothing_changes(engine, rows, says, tmp_path, capsys):
    from test_excel_perbaiki import contents

    source = _with_sheet(tmp_path / "renja.xlsx", rows)
    workbook = load_workbook(source)
    before = {ws.title: contents(ws) for ws in workbook}
    for button in ("periksa", "perbaiki"):
        pressed = press(button, workbook, name=source.name, engine=engine)
        if says is None:
            assert pressed.result.ok, pressed.result.message
            continue
        assert not pressed.result.ok and says in pressed.result.message, pressed.result.message
        assert len(pressed.alerts) == 1 and "Traceback" not in pressed.result.message
        assert {ws.title: contents(ws) for ws in workbook} == before


KOLOM = ("concept,role,spellings\npagu,pagu,pagu geser\nrealisasi_anggaran,pagu,realisasi geser\n"
         "persen_anggaran,percent,serapan geser\n")


def test_a_column_vocabulary_named_in_the_settings_sheet_makes_a_table_understood(tmp_path, capsys):
    """``kolom`` (beside the workbook): an agency's own spelling "Pagu Geser" read as pagu, as check reads it."""
    (tmp_path / "kolom_saya.csv").write_text(KOLOM, encoding="utf-8")
    workbook = Workbook()
    for row in [["Uraian", "Pagu Geser", "Realisasi Geser", "Serapan Geser"], ["Program A", 1000, 500, 40]]:
        workbook.active.append(row)
    plain = tmp_path / "anggaran_polos.xlsx"
    workbook.save(plain)
    refused = buttons.periksa(DesktopExcel(load_workbook(plain), plain.name, fullname=str(plain)).book)
    assert not refused.ok and "tidak ada yang diperiksa" in refused.message    # "Pagu Geser" is no known spelling
    source = _with_sheet(tmp_path / "anggaran.xlsx", [["kolom", "kolom_saya.csv"]], source=plain)
    (tmp_path / "aturan.ini").write_text(f"[renja_xl]\nkolom = {tmp_path / 'kolom_saya.csv'}\n", encoding="utf-8")
    assert main(["check", str(source), "--config", str(tmp_path / "aturan.ini"), "-o",
                 str(tmp_path / "diperiksa.xlsx")]) == 1
    workbook = load_workbook(source)
    result = buttons.periksa(DesktopExcel(workbook, source.name, fullname=str(source)).book)
    assert result.ok and result.counts.get("error") == 1, result.message   # D2: 500 of 1000 is 50%, not 40
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))


def test_a_unit_vocabulary_named_in_the_settings_sheet_is_used_as_check_uses_it(tmp_path, capsys):
    """``satuan`` (beside the workbook): "m2" and "m3" made one unit, one RXL405 fewer, as check with that file."""
    (tmp_path / "satuan_saya.csv").write_text("unit,kind,spellings\nm2,count,m2|m3\n", encoding="utf-8")
    source = _with_sheet(tmp_path / "renja.xlsx", [["satuan", "satuan_saya.csv"]])
    (tmp_path / "aturan.ini").write_text(f"[renja_xl]\nsatuan = {tmp_path / 'satuan_saya.csv'}\n", encoding="utf-8")
    main(["check", str(source), "--config", str(tmp_path / "aturan.ini"), "-o", str(tmp_path / "diperiksa.xlsx")])
    workbook = load_workbook(source)
    result = buttons.periksa(DesktopExcel(workbook, source.name, fullname=str(source)).book)
    plain = buttons.periksa(DesktopExcel(load_workbook(RENJA_EXAMPLE), source.name).book)
    assert result.ok and result.counts["warning"] == plain.counts["warning"] - 1, result.message
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))


@pytest.mark.parametrize("engine", ["lite", "desktop"])
def test_vocabularies_kept_in_sheets_of_the_workbook_work_in_lite_too(engine, tmp_path, capsys):
    """``satuan`` and ``nomenklatur`` naming sheets of the workbook (no file: xlwings Lite has none) give what check
    gives with the same rows as CSV files."""
    import csv

    units = [["unit", "kind", "spellings"], ["m2", "count", "m2|m3"]]
    with open(NOMENKLATUR, encoding="utf-8", newline="") as handle:
        official = list(csv.reader(handle))
    (tmp_path / "satuan.csv").write_text("\n".join(",".join(r) for r in units) + "\n", encoding="utf-8")
    workbook = load_workbook(RENJA_EXAMPLE)
    for title, rows in (("Satuan Kantor", units), ("Nomenklatur 2.07", official)):
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    source = tmp_path / "renja.xlsx"
    workbook.save(source)
    source = _with_sheet(tmp_path / "renja_pengaturan.xlsx", [["satuan", "satuan kantor"],
                                                            ["nomenklatur", "Nomenklatur 2.07"]], source=source)
    copy = tmp_path / "lembar Nomenklatur 2.07"     # a finding names the list: the sheet, and here the file
    copy.write_bytes(NOMENKLATUR.read_bytes())
    (tmp_path / "aturan.ini").write_text(f"[renja_xl]\nsatuan = {tmp_path / 'satuan.csv'}\n"
                                         f"nomenklatur = {copy}\n", encoding="utf-8")
    main(["check", str(source), "--config", str(tmp_path / "aturan.ini"), "-o", str(tmp_path / "diperiksa.xlsx")])
    workbook = load_workbook(source)
    pressed = press("periksa", workbook, name=source.name, engine=engine)
    assert pressed.result.ok, pressed.result.message
    same_as_checked_copy(workbook, load_workbook(tmp_path / "diperiksa.xlsx"))
    assert {"RXL801", "RXL802", "RXL803"} <= {r[2] for r in _results(workbook)[3:]}


def test_a_vocabulary_sheet_without_its_header_is_one_sentence_naming_it(capsys):
    workbook = load_workbook(RENJA_EXAMPLE)
    workbook.create_sheet("Satuan Kantor").append(["m2", "count", "m2|m3"])
    settings = workbook.create_sheet(SETTINGS_SHEET)
    settings.append(["satuan", "Satuan Kantor"])
    pressed = press("periksa", workbook)
    assert not pressed.result.ok and pressed.result.message.startswith(
        "Berkas satuan 'lembar Satuan Kantor.csv' yang disebut di 'renja_xl.conf' tidak berkolom unit,kind,spellings")
